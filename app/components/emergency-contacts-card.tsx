import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { EmergencyContactSchema } from '~/modules/children/child';
import { Field } from './field';
import { RemoveRow } from './row-action';
import { useValidatedForm } from './use-validated-form';

type EmergencyContact = { id: string; position: number; name: string; relationship: string; phone: string };

/** Whom to call, in order; the coordinator adds and removes contacts. */
export function EmergencyContactsCard({ contacts, canEdit }: { contacts: EmergencyContact[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const contact = useValidatedForm(EmergencyContactSchema, { intent: 'contact-add' });
  return (
    <div className="card">
      <h2>{t('childRecord.contacts')}</h2>
      <ol className="plain">
        {contacts.map((ct) => (
          <li key={ct.id}>
            {ct.position}. <strong>{ct.name}</strong> ·{' '}
            {t(`relationships.${ct.relationship}`, { defaultValue: ct.relationship })} · {ct.phone}
            {canEdit ? <RemoveRow intent="contact-remove" id={ct.id} name={ct.name} className="inline" /> : null}
          </li>
        ))}
      </ol>
      {canEdit ? (
        <Form method="post" onSubmit={contact.onSubmit} noValidate>
          <h3>{t('childRecord.addContact')}</h3>
          <input type="hidden" name="intent" value="contact-add" />
          <Field label={t('apply.guardianName')} {...contact.field('name')} />
          <Field label={t('apply.relationship')} {...contact.field('relationship')} />
          <Field label={t('apply.phone')} type="tel" {...contact.field('phone')} />
          <button type="submit" className="secondary">
            {t('childRecord.add')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
