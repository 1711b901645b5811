import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ACTIVITY_GROUPINGS, ACTIVITY_SETTINGS, type Domain } from '~db/schema';
import {
  ActivitySchema,
  LEARNING_ELEMENTS,
  MONTESSORI_AREAS,
  milestoneFits,
  type TagRef,
} from '~/modules/activities/activities';
import { itemText } from '~/modules/development/development';
import { CheckboxField, ErrorMessage, Field, SelectField, TextAreaField } from './field';
import { useTagLabel } from './activity-tags';
import { useValidatedForm } from './use-validated-form';

type Item = { id: string; age_months: number; domain: Domain; text_id: string; text_en: string };
type Dimension = { id: string; name_id: string; name_en: string };

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

/**
 * A center's own activity, new or edited: the words in the writer's language, the facts, the tags,
 * the milestone items it supports (those that fit its ages, and any already chosen) and a photo.
 */
export function ActivityForm({
  defaultValues,
  dimensions,
  items,
  hasPhoto,
  submitLabel,
}: {
  defaultValues: Record<string, unknown>;
  dimensions: readonly Dimension[];
  items: readonly Item[];
  hasPhoto: boolean;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const form = useValidatedForm(ActivitySchema, { defaultValues });
  const tagLabel = useTagLabel(dimensions);
  const min = Number(form.watch('min_age_months'));
  const max = Number(form.watch('max_age_months'));
  const chosen = asList(form.watch('milestones'));
  const rangeKnown = Number.isFinite(min) && Number.isFinite(max) && String(form.watch('min_age_months')) !== '';
  const shown = items.filter(
    (i) => chosen.includes(i.id) || !rangeKnown || min > max || milestoneFits(i.age_months, { min, max }),
  );
  const initial = (name: string) => asList(form.formState.defaultValues?.[name]);
  const group = (name: string, legend: string, options: { value: string; label: string }[], className?: string) => {
    const { registration, error } = form.field(name);
    const checked = initial(name);
    return (
      <fieldset
        className={`checkbox-group ${className ?? ''}`}
        aria-describedby={error ? `f-${name}-error` : undefined}
      >
        <legend>{legend}</legend>
        {options.map((o) => (
          <label key={o.value} className="checkbox-option">
            <input type="checkbox" value={o.value} defaultChecked={checked.includes(o.value)} {...registration} />{' '}
            {o.label}
          </label>
        ))}
        <ErrorMessage id={`f-${name}-error`} message={error} />
      </fieldset>
    );
  };
  const tagOptions = (tags: TagRef[]) => tags.map((tag) => ({ value: tag.code, label: tagLabel(tag) }));
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      onSubmit={form.onSubmit}
      noValidate
      className="card form-grid activity-form"
    >
      <ErrorMessage message={form.formError} />
      <p className="hint">{t('activities.writtenIn', { language: t(`language.${i18n.language}`) })}</p>
      <Field label={t('activities.fields.title')} {...form.field('title')} />
      <TextAreaField label={t('activities.fields.goal')} rows={2} {...form.field('goal')} />
      <TextAreaField
        label={t('activities.fields.steps')}
        hint={t('activities.stepsHint')}
        rows={6}
        {...form.field('steps')}
      />
      <TextAreaField label={t('activities.fields.materials')} rows={2} {...form.field('materials')} />
      <Field
        label={t('activities.fields.min_age_months')}
        type="number"
        inputMode="numeric"
        min={0}
        max={72}
        {...form.field('min_age_months')}
      />
      <Field
        label={t('activities.fields.max_age_months')}
        type="number"
        inputMode="numeric"
        min={0}
        max={72}
        {...form.field('max_age_months')}
      />
      <Field
        label={t('activities.fields.duration_minutes')}
        type="number"
        inputMode="numeric"
        min={1}
        max={240}
        {...form.field('duration_minutes')}
      />
      <SelectField
        label={t('activities.fields.grouping')}
        options={ACTIVITY_GROUPINGS.map((g) => ({ value: g, label: t(`activities.grouping.${g}`) }))}
        {...form.field('grouping')}
      />
      <SelectField
        label={t('activities.fields.setting')}
        options={ACTIVITY_SETTINGS.map((s) => ({ value: s, label: t(`activities.setting.${s}`) }))}
        {...form.field('setting')}
      />
      <TextAreaField label={t('activities.fields.adaptations')} rows={3} {...form.field('adaptations')} />
      <TextAreaField label={t('activities.fields.safety_notes')} rows={2} {...form.field('safety_notes')} />
      {group(
        'elements',
        t('activities.elementsLabel'),
        tagOptions(LEARNING_ELEMENTS.map((code) => ({ kind: 'element', code }))),
      )}
      {group(
        'profile',
        t('activities.profileLabel'),
        tagOptions(dimensions.map((d) => ({ kind: 'profile', code: d.id }))),
      )}
      {group(
        'montessori',
        t('activities.montessoriLabel'),
        tagOptions(MONTESSORI_AREAS.map((code) => ({ kind: 'montessori', code }))),
      )}
      {group(
        'milestones',
        t('activities.supports'),
        shown.map((i) => ({
          value: i.id,
          label: `${itemText(i, i18n.language)} (${t('activities.months', { count: i.age_months })} · ${t(`domains.${i.domain}`)})`,
        })),
        'milestone-choices',
      )}
      <div className="field">
        <label htmlFor="f-photo">{t('activities.fields.photo')}</label>
        <input
          id="f-photo"
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-describedby={form.formState.errors.photo ? 'f-photo-error f-photo-hint' : 'f-photo-hint'}
        />
        <p className="hint" id="f-photo-hint">
          {t('activities.photoHint')}
        </p>
        <ErrorMessage id="f-photo-error" message={form.formState.errors.photo?.message as string | undefined} />
      </div>
      {hasPhoto ? <CheckboxField label={t('activities.removePhoto')} {...form.field('remove_photo')} /> : null}
      <button type="submit" className="primary">
        {submitLabel}
      </button>
    </Form>
  );
}
