import { Form } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from '~/i18n/translation';
import { MoveSchema, withdrawSchema } from '~/modules/children/child';
import { Field, SelectField } from './field';
import { useValidatedForm } from './use-validated-form';

/** The coordinator moves an enrolled child to another classroom of the center. */
export function MoveChildCard({
  classroomId,
  classrooms,
}: {
  classroomId: string | null;
  classrooms: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const move = useValidatedForm(MoveSchema, { intent: 'move', defaultValues: { classroom_id: classroomId ?? '' } });
  return (
    <Form method="post" onSubmit={move.onSubmit} noValidate className="card">
      <h2>{t('childRecord.move')}</h2>
      <input type="hidden" name="intent" value="move" />
      <SelectField
        label={t('child.classroom')}
        options={classrooms.map((r) => ({ value: r.id, label: r.name }))}
        {...move.field('classroom_id')}
      />
      <button type="submit" className="secondary">
        {t('childRecord.moveSubmit')}
      </button>
    </Form>
  );
}

/** The coordinator records that the child left, on a day between `earliest` (start or birth) and today. */
export function WithdrawChildCard({ today, earliest }: { today: string; earliest: string }) {
  const { t } = useTranslation();
  const withdrawForm = useValidatedForm(
    useMemo(() => withdrawSchema(today, earliest), [today, earliest]),
    { intent: 'withdraw', defaultValues: { withdrawn_on: today } },
  );
  return (
    <Form method="post" onSubmit={withdrawForm.onSubmit} noValidate className="card">
      <h2>{t('childRecord.withdraw')}</h2>
      <p className="hint">{t('childRecord.withdrawHint')}</p>
      <input type="hidden" name="intent" value="withdraw" />
      <Field label={t('childRecord.withdrawDate')} type="date" max={today} {...withdrawForm.field('withdrawn_on')} />
      <Field label={t('childRecord.withdrawReason')} {...withdrawForm.field('withdrawn_reason')} />
      <button type="submit" className="secondary danger">
        {t('childRecord.withdrawSubmit')}
      </button>
    </Form>
  );
}
