import { Form } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from '~/i18n/translation';
import { INCIDENT_KINDS, INFORMED_HOW, incidentSchema, localNow } from '~/modules/incidents/incidents';
import { ErrorMessage, Field, SelectField, TextAreaField } from './field';
import { useValidatedForm } from './use-validated-form';

/**
 * Recording an incident on a phone: the child and what kind, when and where, what happened, who
 * was there and the first aid, and whether staff told the guardian themselves. The same schema
 * checks it here (against the center's clock now) and in the action.
 */
export function IncidentForm({
  children,
  zone,
  defaultValues,
}: {
  children: { id: string; name: string }[];
  zone: string;
  defaultValues: Record<string, string>;
}) {
  const { t } = useTranslation();
  const schema = useMemo(() => incidentSchema(() => localNow(zone)), [zone]);
  const form = useValidatedForm(schema, { defaultValues });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card form-grid incident-form">
      <ErrorMessage message={form.formError} />
      <input type="hidden" {...form.register('source')} defaultValue={defaultValues.source} />
      <input type="hidden" {...form.register('source_id')} defaultValue={defaultValues.source_id} />
      <SelectField
        label={t('incidents.fields.child')}
        placeholder={t('messages.chooseChild')}
        options={children.map((c) => ({ value: c.id, label: c.name }))}
        {...form.field('child_id')}
      />
      <SelectField
        label={t('incidents.fields.kind')}
        placeholder=""
        options={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`incidents.kinds.${k}`) }))}
        {...form.field('kind')}
      />
      <Field label={t('incidents.fields.occurred_at')} type="datetime-local" {...form.field('occurred_at')} />
      <Field
        label={t('incidents.fields.location')}
        hint={t('incidents.fields.locationHint')}
        {...form.field('location')}
      />
      <TextAreaField label={t('incidents.fields.description')} rows={4} {...form.field('description')} />
      <TextAreaField label={t('incidents.fields.people_present')} rows={2} {...form.field('people_present')} />
      <TextAreaField
        label={t('incidents.fields.first_aid')}
        hint={t('incidents.fields.firstAidHint')}
        rows={2}
        {...form.field('first_aid')}
      />
      <SelectField
        label={t('incidents.fields.guardian_informed_how')}
        placeholder={t('incidents.fields.notInformed')}
        options={INFORMED_HOW.map((h) => ({ value: h, label: t(`incidents.informedHow.${h}`) }))}
        hint={t('incidents.fields.informedHint')}
        {...form.field('guardian_informed_how')}
      />
      <Field
        label={t('incidents.fields.guardian_informed_at')}
        type="datetime-local"
        {...form.field('guardian_informed_at')}
      />
      <button type="submit" className="primary">
        {t('incidents.save')}
      </button>
    </Form>
  );
}
