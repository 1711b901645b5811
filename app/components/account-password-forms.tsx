import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ChangePasswordSchema, CloseAccountSchema } from '~/modules/users/account';
import { ErrorMessage, Field } from './field';
import { NewPasswordFields } from './new-password-fields';
import { useValidatedForm } from './use-validated-form';

/** A new password, given with the current one. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const passwordForm = useValidatedForm(ChangePasswordSchema, { intent: 'change-password' });
  return (
    <Form method="post" onSubmit={passwordForm.onSubmit} noValidate className="card form-grid">
      <input type="hidden" name="intent" value="change-password" />
      <ErrorMessage message={passwordForm.formError} />
      <Field
        label={t('account.currentPassword')}
        type="password"
        autoComplete="current-password"
        {...passwordForm.field('current_password')}
      />
      <NewPasswordFields field={passwordForm.field} hint={t('account.passwordHint')} />
      <button type="submit" className="secondary">
        {t('account.changePassword')}
      </button>
    </Form>
  );
}

/** Closing one's own account, with the current password. */
export function CloseAccountForm() {
  const { t } = useTranslation();
  const closeForm = useValidatedForm(CloseAccountSchema, { intent: 'close-account' });
  return (
    <Form method="post" onSubmit={closeForm.onSubmit} noValidate className="card">
      <p className="hint">{t('account.closeHint')}</p>
      <input type="hidden" name="intent" value="close-account" />
      <Field
        label={t('account.currentPassword')}
        type="password"
        autoComplete="current-password"
        id="f-close-current_password"
        {...closeForm.field('current_password')}
      />
      <button type="submit" className="secondary danger">
        {t('account.closeButton')}
      </button>
    </Form>
  );
}
