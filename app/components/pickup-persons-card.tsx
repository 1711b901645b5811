import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { PickupPersonSchema } from '~/modules/children/child';
import { ErrorMessage, Field } from './field';
import { RemoveRow } from './row-action';
import { useValidatedForm } from './use-validated-form';

type PickupPerson = {
  id: string;
  name: string;
  relationship: string;
  phone: string;
  id_number: string;
  photo_document_id: string | null;
};

/**
 * Who besides the guardians may collect the child, with their photo; the coordinator adds and removes them.
 * `documentsPath` is absolute: the record's URL has no trailing slash, so a relative src would drop the child.
 */
export function PickupPersonsCard({
  pickups,
  canEdit,
  documentsPath,
}: {
  pickups: PickupPerson[];
  canEdit: boolean;
  documentsPath: string;
}) {
  const { t } = useTranslation();
  const pickup = useValidatedForm(PickupPersonSchema, { intent: 'pickup-add' });
  return (
    <div className="card">
      <h2>{t('childRecord.pickups')}</h2>
      {pickups.length === 0 ? <p className="empty">{t('childRecord.noPickups')}</p> : null}
      <ul className="people">
        {pickups.map((p) => (
          <li key={p.id}>
            {p.photo_document_id ? (
              <img
                src={`${documentsPath}/${p.photo_document_id}`}
                alt={t('childRecord.photoOf', { name: p.name })}
                width={64}
                height={64}
              />
            ) : (
              <span className="no-photo" aria-hidden="true" />
            )}
            <div>
              <strong>{p.name}</strong> · {t(`relationships.${p.relationship}`, { defaultValue: p.relationship })}
              <br />
              {p.phone} · {t('childRecord.idNumber')} {p.id_number}
            </div>
            {canEdit ? <RemoveRow intent="pickup-remove" id={p.id} name={p.name} /> : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <Form method="post" encType="multipart/form-data" onSubmit={pickup.onSubmit} noValidate>
          <h3>{t('childRecord.addPickup')}</h3>
          <input type="hidden" name="intent" value="pickup-add" />
          <Field label={t('apply.guardianName')} {...pickup.field('name')} />
          <Field label={t('apply.relationship')} {...pickup.field('relationship')} />
          <Field label={t('apply.phone')} type="tel" {...pickup.field('phone')} />
          <Field
            label={t('childRecord.idNumber')}
            {...pickup.field('id_number')}
            hint={t('childRecord.idNumberHint')}
          />
          <div className="field">
            <label htmlFor="f-photo">{t('childRecord.photo')}</label>
            <input id="f-photo" name="photo" type="file" accept="image/jpeg,image/png" capture="user" />
            <ErrorMessage message={pickup.formState.errors.photo?.message as string | undefined} />
          </div>
          <button type="submit" className="secondary">
            {t('childRecord.add')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
