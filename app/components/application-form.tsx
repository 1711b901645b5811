import { Form, useNavigation } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from '~/i18n/translation';
import type { CenterKind } from '~db/schema';
import {
  applicationSchema,
  documentKindsFor,
  IMMUNIZATION_STATUSES,
  priorityFlagsFor,
  RELATIONSHIPS,
  SEXES,
} from '~/modules/enrollment/application';
import { WEEKDAYS } from '~/modules/time/time';
import { CheckboxField, CheckboxGroup, ErrorMessage, Field, SelectField, TextAreaField } from './field';
import { useValidatedForm } from './use-validated-form';

type Props = {
  center: { kind: CenterKind; name: string };
  today: string;
  defaultValues?: Record<string, unknown>;
  uploadedKinds?: string[];
};

/** The parent's application: long, so it can be saved and finished later from a private link. */
export function ApplicationForm({ center, today, defaultValues, uploadedKinds = [] }: Props) {
  const { t } = useTranslation();
  const schema = useMemo(() => applicationSchema({ kind: center.kind, today }), [center.kind, today]);
  const { field, register, onSubmit, formError, formState } = useValidatedForm(schema, {
    defaultValues: {
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      hours_start: '07:30',
      hours_end: '16:00',
      immunization_status: '',
      ...defaultValues,
    },
  });
  const busy = useNavigation().state === 'submitting';
  const errorOf = (name: string) => formState.errors[name]?.message as string | undefined;
  const workplace = center.kind === 'workplace';
  const relationships = RELATIONSHIPS.map((r) => ({ value: r, label: t(`relationships.${r}`) }));

  const guardian = (prefix: 'g1' | 'g2') => (
    <fieldset>
      <legend>{t(prefix === 'g1' ? 'apply.guardian1' : 'apply.guardian2')}</legend>
      <Field
        label={t('apply.guardianName')}
        autoComplete={prefix === 'g1' ? 'name' : 'off'}
        {...field(`${prefix}_name`)}
      />
      <SelectField
        label={t('apply.relationship')}
        placeholder={t('apply.choose')}
        options={relationships}
        {...field(`${prefix}_relationship`)}
      />
      <Field
        label={t('apply.phone')}
        type="tel"
        autoComplete={prefix === 'g1' ? 'tel' : 'off'}
        {...field(`${prefix}_phone`)}
        hint={t('settings.phoneHint')}
      />
      <Field
        label={t('login.email')}
        type="email"
        autoComplete={prefix === 'g1' ? 'email' : 'off'}
        {...field(`${prefix}_email`)}
        hint={prefix === 'g1' ? t('apply.emailHint') : undefined}
      />
      <Field label={t('apply.occupation')} {...field(`${prefix}_occupation`)} />
      {workplace ? (
        <>
          <Field label={t('apply.employer')} {...field(`${prefix}_employer`)} />
          <Field label={t('apply.employeeNumber')} {...field(`${prefix}_employee_number`)} />
        </>
      ) : null}
    </fieldset>
  );

  return (
    <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate className="application-form">
      <ErrorMessage message={formError} />
      <fieldset>
        <legend>{t('apply.child')}</legend>
        <Field label={t('apply.childFullName')} {...field('child_full_name')} />
        <Field label={t('apply.childNickname')} {...field('child_nickname')} />
        <Field label={t('apply.birthDate')} type="date" max={today} {...field('child_birth_date')} />
        <SelectField
          label={t('apply.sex')}
          placeholder={t('apply.choose')}
          options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
          {...field('child_sex')}
        />
        <Field label={t('apply.nik')} inputMode="numeric" {...field('child_nik')} hint={t('apply.nikHint')} />
        <Field label={t('apply.birthOrder')} type="number" min={1} inputMode="numeric" {...field('birth_order')} />
        <Field label={t('apply.homeLanguages')} {...field('home_languages')} hint={t('apply.homeLanguagesHint')} />
      </fieldset>
      {guardian('g1')}
      {guardian('g2')}
      <fieldset>
        <legend>{t('apply.care')}</legend>
        <TextAreaField label={t('apply.address')} rows={2} {...field('address')} />
        <Field label={t('apply.startDate')} type="date" min={today} {...field('preferred_start_date')} />
        <CheckboxGroup
          legend={t('apply.days')}
          registration={register('days')}
          error={errorOf('days')}
          options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekdays.${d}`) }))}
        />
        <div className="two-up">
          <Field label={t('apply.hoursStart')} type="time" {...field('hours_start')} />
          <Field label={t('apply.hoursEnd')} type="time" {...field('hours_end')} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('apply.health')}</legend>
        <TextAreaField label={t('apply.specialNeeds')} {...field('special_needs')} hint={t('apply.specialNeedsHint')} />
        <TextAreaField label={t('apply.supportNeeded')} {...field('support_needed')} />
        <TextAreaField label={t('apply.allergies')} rows={2} {...field('allergies')} />
        <TextAreaField label={t('apply.medicalConditions')} rows={2} {...field('medical_conditions')} />
        <TextAreaField label={t('apply.medicines')} rows={2} {...field('medicines')} />
        <SelectField
          label={t('apply.immunization')}
          placeholder={t('apply.choose')}
          options={IMMUNIZATION_STATUSES.map((s) => ({ value: s, label: t(`immunization.${s}`) }))}
          {...field('immunization_status')}
        />
      </fieldset>
      <fieldset>
        <legend>{t('apply.priority')}</legend>
        <p className="hint">{t(`apply.priorityHint.${center.kind}`)}</p>
        {priorityFlagsFor(center.kind).map((flag) => (
          <CheckboxField key={flag} label={t(`priority.${flag}`)} {...field(`priority_${flag}`)} />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('apply.documents')}</legend>
        <p className="hint">{t('apply.documentsHint')}</p>
        {documentKindsFor(center.kind).map((kind) => (
          <div className="field" key={kind}>
            <label htmlFor={`f-doc_${kind}`}>
              {t(`documents.${kind}`)}
              {uploadedKinds.includes(kind) ? <span className="badge">{t('apply.uploaded')}</span> : null}
            </label>
            <input
              id={`f-doc_${kind}`}
              name={`doc_${kind}`}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              aria-describedby={`f-doc_${kind}-error`}
            />
            <ErrorMessage id={`f-doc_${kind}-error`} message={errorOf(`doc_${kind}`)} />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('apply.consents')}</legend>
        <CheckboxField label={t('apply.consentData')} {...field('consent_data')} />
        <CheckboxField label={t('apply.consentPhotos')} {...field('consent_photos')} />
        <CheckboxField label={t('apply.consentEmergency')} {...field('consent_emergency')} />
      </fieldset>
      <div className="actions">
        <button type="submit" name="intent" value="submit" className="primary" disabled={busy}>
          {t('apply.submit')}
        </button>
        <button type="submit" name="intent" value="save" className="secondary" formNoValidate disabled={busy}>
          {t('apply.saveDraft')}
        </button>
      </div>
    </Form>
  );
}
