import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ConfirmTwoFactorSchema, DisableTwoFactorSchema } from '~/modules/users/account';
import { ErrorMessage, Field } from './field';
import { useValidatedForm } from './use-validated-form';

/**
 * Two-step sign-in on one's account: turned on (off again with a code), being set up (scan, then
 * confirm a code), or off. The recovery codes are shown once, right after it is turned on.
 */
export function TwoFactorCard({
  enabled,
  recoveryCodesLeft,
  enrolment,
  recoveryCodes,
}: {
  enabled: boolean;
  recoveryCodesLeft: number | null;
  enrolment: { qrDataUrl: string; secret: string } | null;
  recoveryCodes: string[] | null;
}) {
  const { t } = useTranslation();
  const codeForm = useValidatedForm(ConfirmTwoFactorSchema, { intent: 'confirm-2fa' });
  const disableForm = useValidatedForm(DisableTwoFactorSchema, { intent: 'disable-2fa' });
  return (
    <div className="card">
      {recoveryCodes ? (
        <div role="status">
          <p>{t('account.recoveryCodesIntro')}</p>
          <ul className="codes">
            {recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {enabled ? (
        <>
          <p>{t('account.twoFactorOn', { count: recoveryCodesLeft ?? 0 })}</p>
          <Form method="post" onSubmit={disableForm.onSubmit} noValidate>
            <input type="hidden" name="intent" value="disable-2fa" />
            <ErrorMessage message={disableForm.formError} />
            <Field
              label={t('account.turnOffCode')}
              autoComplete="one-time-code"
              id="f-disable-code"
              {...disableForm.field('code')}
              hint={t('account.turnOffCodeHint')}
            />
            <button type="submit" className="secondary">
              {t('account.turnOff')}
            </button>
          </Form>
        </>
      ) : enrolment ? (
        <>
          <p>{t('account.scan')}</p>
          <img src={enrolment.qrDataUrl} alt={t('account.qrAlt')} width={220} height={220} />
          <p className="hint">
            {t('account.manualKey')} <code>{enrolment.secret}</code>
          </p>
          <Form method="post" onSubmit={codeForm.onSubmit} noValidate>
            <input type="hidden" name="intent" value="confirm-2fa" />
            <Field
              label={t('twoFactor.code')}
              autoComplete="one-time-code"
              inputMode="numeric"
              {...codeForm.field('code')}
            />
            <button type="submit" className="primary">
              {t('account.confirm')}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>{t('account.twoFactorOff')}</p>
          <Form method="post">
            <button type="submit" name="intent" value="begin-2fa" className="primary">
              {t('account.turnOn')}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
