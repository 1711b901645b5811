import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { SetPinSchema } from '~/modules/attendance/attendance';
import { Field } from './field';
import { useValidatedForm } from './use-validated-form';

/** The phone and PIN a guardian types at one center's kiosk. */
export function KioskPinForm({
  centerId,
  centerName,
  phone,
  isSet,
}: {
  centerId: string;
  centerName: string;
  phone: string;
  isSet: boolean;
}) {
  const { t } = useTranslation();
  const form = useValidatedForm(SetPinSchema, {
    intent: 'set-pin',
    defaultValues: { centerId, phone },
    owns: (values) => values.centerId === centerId,
  });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card form-grid">
      <h3>{centerName}</h3>
      <p className="hint">{isSet ? t('account.kioskPinSet', { phone }) : t('account.kioskPinNotSet')}</p>
      <input type="hidden" name="intent" value="set-pin" />
      <input type="hidden" name="centerId" value={centerId} />
      <Field
        label={t('account.phone')}
        type="tel"
        autoComplete="tel"
        id={`phone-${centerId}`}
        {...form.field('phone')}
      />
      <Field
        label={t('kiosk.pin')}
        type="password"
        inputMode="numeric"
        maxLength={6}
        autoComplete="new-password"
        id={`pin-${centerId}`}
        {...form.field('pin')}
      />
      <Field
        label={t('account.pinConfirm')}
        type="password"
        inputMode="numeric"
        maxLength={6}
        autoComplete="new-password"
        id={`confirm-${centerId}`}
        {...form.field('confirm')}
      />
      <button type="submit" className="secondary">
        {t('actions.save')}
      </button>
    </Form>
  );
}
