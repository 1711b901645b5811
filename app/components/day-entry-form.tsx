import { Form, useActionData, useNavigation } from '@remix-run/react';
import { useLastSaved } from './use-last-saved';
import { useEffect, useRef } from 'react';
import { useTranslation } from '~/i18n/translation';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { ErrorMessage, Field, SelectField, TextAreaField } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { MOODS } from '~/modules/attendance/door';
import {
  AMOUNTS,
  BOTTLE_MAX_ML,
  BREASTFEEDING_MAX_MINUTES,
  DAY_ENTRY_KINDS,
  DayEntrySchema,
  DIAPERS,
  MILKS,
  type DayEntryKind,
} from '~/modules/day/day';

export type LogChild = { id: string; name: string; present: boolean; consentPhotos: boolean };
export type LogInstruction = { id: string; childId: string; childName: string; medicine: string; dose: string };

/** Choices as big radio buttons: one tap each, on a phone. */
function Choices({
  legend,
  registration,
  options,
  error,
}: {
  legend: string;
  registration: UseFormRegisterReturn;
  options: { value: string; label: string }[];
  error?: string;
}) {
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input type="radio" value={o.value} {...registration} /> <span>{o.label}</span>
        </label>
      ))}
      <ErrorMessage message={error} />
    </fieldset>
  );
}

/**
 * The day log form: choose children (or one, fixed), a kind, fill once, save. One request writes an
 * entry for each chosen child. Posted as multipart so a photo can go with it.
 */
export function DayEntryForm({
  children,
  instructions,
  viewerName,
  fixed = false,
}: {
  /** Children of the room; only those present can be chosen. */
  children: LogChild[];
  instructions: LogInstruction[];
  viewerName: string;
  /** A child's own page: the one child is chosen and fixed. */
  fixed?: boolean;
}) {
  const { t } = useTranslation();
  const single = fixed ? children[0] : null;
  const present = children.filter((c) => c.present);
  const defaults = { kind: 'meal', childIds: single ? [single.id] : [], given_by: viewerName };
  const form = useValidatedForm(DayEntrySchema, { intent: 'log', defaultValues: defaults });
  const { field, register, watch, setValue, reset, getValues, onSubmit, formError, formState } = form;
  const kind = (watch('kind') ?? 'meal') as DayEntryKind;
  const chosen = ([] as string[]).concat(watch('childIds') || []);
  const result = useActionData<{ ok?: boolean; logged?: number }>();
  const saved = useLastSaved<{ ok?: boolean; logged?: number }>();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const fileRef = useRef<HTMLInputElement>(null);
  // After a save, the same children and kind stay chosen for the next entry; the details start afresh.
  useEffect(() => {
    if (!result?.ok) return;
    reset({ ...defaults, intent: 'log', kind: getValues('kind'), childIds: getValues('childIds') });
    if (fileRef.current) fileRef.current.value = '';
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);
  const error = (name: string) => formState.errors[name]?.message as string | undefined;
  const childInstructions = instructions.filter((i) => chosen.includes(i.childId));
  return (
    <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate className="card day-form">
      <input type="hidden" name="intent" value="log" />
      {saved ? (
        <p className="notice" role="status">
          {t('day.logged', { count: saved.logged })}
        </p>
      ) : null}
      <ErrorMessage message={formError} />
      {single ? (
        <input type="hidden" name="childIds" value={single.id} />
      ) : (
        <fieldset className="log-children">
          <legend>{t('day.children')}</legend>
          {present.length === 0 ? <p className="empty">{t('day.nobodyPresent')}</p> : null}
          {present.length > 0 ? (
            <p className="log-children-actions">
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  setValue(
                    'childIds',
                    present.map((c) => c.id),
                    { shouldValidate: formState.isSubmitted },
                  )
                }
              >
                {t('day.selectAllPresent', { count: present.length })}
              </button>{' '}
              <button type="button" className="link-button" onClick={() => setValue('childIds', [])}>
                {t('day.selectNone')}
              </button>
            </p>
          ) : null}
          <div className="log-children-grid">
            {present.map((c) => (
              <label key={c.id} className="choice">
                <input type="checkbox" value={c.id} {...register('childIds')} /> <span>{c.name}</span>
              </label>
            ))}
          </div>
          <ErrorMessage message={error('childIds')} />
        </fieldset>
      )}

      <Choices
        legend={t('day.kind')}
        registration={register('kind')}
        options={DAY_ENTRY_KINDS.map((k) => ({ value: k, label: t(`day.kinds.${k}`) }))}
        error={error('kind')}
      />

      {kind === 'meal' || kind === 'snack' ? (
        <>
          <Field label={t('day.what')} {...field('what')} />
          <Choices
            legend={t('day.amount')}
            registration={register('amount')}
            options={AMOUNTS.map((a) => ({ value: a, label: t(`day.amounts.${a}`) }))}
            error={error('amount')}
          />
        </>
      ) : null}
      {kind === 'bottle' ? (
        <>
          <Field
            label={t('day.ml')}
            type="number"
            inputMode="numeric"
            min={1}
            max={BOTTLE_MAX_ML}
            {...field('ml')}
            hint={t('day.mlHint', { max: BOTTLE_MAX_ML })}
          />
          <Choices
            legend={t('day.milk')}
            registration={register('milk')}
            options={MILKS.map((m) => ({ value: m, label: t(`day.milks.${m}`) }))}
            error={error('milk')}
          />
        </>
      ) : null}
      {kind === 'breastfeeding' ? (
        <Field
          label={t('day.minutes')}
          type="number"
          inputMode="numeric"
          min={1}
          max={BREASTFEEDING_MAX_MINUTES}
          {...field('minutes')}
          hint={t('day.breastfeedingHint')}
        />
      ) : null}
      {kind === 'diaper' ? (
        <Choices
          legend={t('day.diaper')}
          registration={register('diaper')}
          options={DIAPERS.map((d) => ({ value: d, label: t(`day.diapers.${d}`) }))}
          error={error('diaper')}
        />
      ) : null}
      {kind === 'mood' ? (
        <Choices
          legend={t('day.mood')}
          registration={register('mood')}
          options={MOODS.map((m) => ({ value: m, label: t(`mood.${m}`) }))}
          error={error('mood')}
        />
      ) : null}
      {kind === 'activity' || kind === 'note' ? (
        <TextAreaField label={t(kind === 'activity' ? 'day.activityText' : 'day.noteText')} {...field('text')} />
      ) : null}
      {kind === 'medicine' ? (
        <>
          {childInstructions.length === 0 ? (
            <p className="notice" role="alert">
              {chosen.length === 1 ? t('day.noInstructionForChild') : t('day.medicineChooseOne')}
            </p>
          ) : null}
          <SelectField
            label={t('day.instruction')}
            placeholder={t('apply.choose')}
            options={childInstructions.map((i) => ({
              value: i.id,
              label: `${i.childName}: ${i.medicine} · ${i.dose}`,
            }))}
            {...field('instructionId')}
          />
          <Field label={t('day.dose')} {...field('dose')} />
          <Field label={t('day.givenBy')} {...field('given_by')} />
        </>
      ) : null}
      {kind === 'photo' ? (
        <>
          <div className="field">
            <label htmlFor="f-photo">{t('day.photo')}</label>
            <input
              id="f-photo"
              ref={fileRef}
              name="photo"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              aria-describedby="f-photo-hint"
            />
            <p className="hint" id="f-photo-hint">
              {t('day.photoHint')}
            </p>
            <ErrorMessage message={error('photo')} />
          </div>
          {children
            .filter((c) => chosen.includes(c.id) && !c.consentPhotos)
            .map((c) => (
              <p key={c.id} className="warning-text">
                {t('day.noConsent', { name: c.name })}
              </p>
            ))}
          <Field label={t('day.caption')} {...field('caption')} />
        </>
      ) : null}

      <div className="log-times">
        <Field
          label={t(kind === 'nap' ? 'day.napStart' : 'day.time')}
          type="time"
          {...field('time')}
          hint={t('day.timeHint')}
        />
        {kind === 'nap' ? (
          <Field label={t('day.napEnd')} type="time" {...field('end')} hint={t('day.napEndHint')} />
        ) : null}
      </div>
      <button type="submit" className="primary big" disabled={busy}>
        {single ? t('day.save') : t('day.saveFor', { count: chosen.length })}
      </button>
    </Form>
  );
}
