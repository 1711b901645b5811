import { Form } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from '~/i18n/translation';
import { IMMUNIZATION_STATUSES, SEXES } from '~/modules/enrollment/application';
import { childProfileSchema } from '~/modules/children/child';
import { WEEKDAYS, type Weekday } from '~/modules/time/time';
import { CheckboxField, CheckboxGroup, Field, SelectField, TextAreaField } from './field';
import { useValidatedForm } from './use-validated-form';

/** The profile form's text fields, as the record stores them (null for empty). */
const TEXT_FIELDS = [
  'full_name',
  'nickname',
  'birth_date',
  'sex',
  'nik',
  'gestation_weeks',
  'custody_note',
  'allergies',
  'medical_conditions',
  'medicines',
  'special_needs',
  'support_needed',
  'immunization_status',
  'schedule_start',
  'schedule_end',
] as const;

/** The care needs that staff who cannot edit the record still read on it. */
const CARE_FIELDS = ['allergies', 'medical_conditions', 'medicines', 'special_needs', 'support_needed'] as const;

type ProfileChild = { [K in (typeof TEXT_FIELDS)[number]]: string | number | null } & {
  consent_photos: number | null;
  custody_restricts_pickup: number;
  schedule_days: Weekday[];
};

/** A child's profile: the coordinator edits it; other staff read the care needs and the schedule. */
export function ChildProfileCard({ child, today, canEdit }: { child: ProfileChild; today: string; canEdit: boolean }) {
  return canEdit ? <ChildProfileForm child={child} today={today} /> : <ChildProfileFacts child={child} />;
}

function ChildProfileForm({ child, today }: { child: ProfileChild; today: string }) {
  const { t } = useTranslation();
  const profileSchema = useMemo(() => childProfileSchema(today), [today]);
  const profile = useValidatedForm(profileSchema, {
    intent: 'profile',
    defaultValues: {
      ...Object.fromEntries(TEXT_FIELDS.map((k) => [k, child[k] ?? ''])),
      consent_photos: child.consent_photos === 1,
      custody_restricts_pickup: child.custody_restricts_pickup === 1,
      schedule_days: child.schedule_days,
    },
  });
  return (
    <Form method="post" onSubmit={profile.onSubmit} noValidate className="card">
      <h2>{t('childRecord.profile')}</h2>
      <input type="hidden" name="intent" value="profile" />
      <Field label={t('apply.childFullName')} {...profile.field('full_name')} />
      <Field label={t('apply.childNickname')} {...profile.field('nickname')} />
      <Field label={t('apply.birthDate')} type="date" max={today} {...profile.field('birth_date')} />
      <SelectField
        label={t('apply.sex')}
        options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
        {...profile.field('sex')}
      />
      <Field label={t('apply.nik')} inputMode="numeric" {...profile.field('nik')} />
      <Field
        label={t('childRecord.gestationWeeks')}
        type="number"
        inputMode="numeric"
        {...profile.field('gestation_weeks')}
        hint={t('childRecord.gestationHint')}
      />
      <TextAreaField
        label={t('childRecord.custody')}
        rows={2}
        {...profile.field('custody_note')}
        hint={t('childRecord.custodyHint')}
      />
      <CheckboxField label={t('childRecord.custodyRestricts')} {...profile.field('custody_restricts_pickup')} />
      <TextAreaField label={t('apply.allergies')} rows={2} {...profile.field('allergies')} />
      <TextAreaField label={t('apply.medicalConditions')} rows={2} {...profile.field('medical_conditions')} />
      <TextAreaField label={t('apply.medicines')} rows={2} {...profile.field('medicines')} />
      <TextAreaField label={t('apply.specialNeeds')} rows={2} {...profile.field('special_needs')} />
      <TextAreaField label={t('apply.supportNeeded')} rows={2} {...profile.field('support_needed')} />
      <SelectField
        label={t('apply.immunization')}
        placeholder="—"
        options={IMMUNIZATION_STATUSES.map((s) => ({ value: s, label: t(`immunization.${s}`) }))}
        {...profile.field('immunization_status')}
      />
      <CheckboxGroup
        legend={t('apply.days')}
        registration={profile.register('schedule_days')}
        error={profile.formState.errors.schedule_days?.message as string | undefined}
        options={WEEKDAYS.map((w) => ({ value: w, label: t(`weekdays.${w}`) }))}
      />
      <div className="two-up">
        <Field label={t('apply.hoursStart')} type="time" {...profile.field('schedule_start')} />
        <Field label={t('apply.hoursEnd')} type="time" {...profile.field('schedule_end')} />
      </div>
      <CheckboxField label={t('apply.consentPhotos')} {...profile.field('consent_photos')} />
      <button type="submit" className="primary">
        {t('actions.save')}
      </button>
    </Form>
  );
}

function ChildProfileFacts({ child }: { child: ProfileChild }) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{t('childRecord.profile')}</h2>
      <dl className="facts">
        {CARE_FIELDS.map((k) =>
          child[k] ? (
            <div key={k} className="fact">
              <dt>{t(`applicationFields.${k}`)}</dt>
              <dd>{child[k]}</dd>
            </div>
          ) : null,
        )}
        <div className="fact">
          <dt>{t('apply.days')}</dt>
          <dd>
            {child.schedule_days.map((w) => t(`weekdays.${w}`)).join(', ')} · {child.schedule_start}–
            {child.schedule_end}
          </dd>
        </div>
      </dl>
    </div>
  );
}
