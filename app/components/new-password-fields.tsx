import { useTranslation } from '~/i18n/translation';
import { Field } from './field';
import type { FieldBinding } from './use-validated-form';

/** A new password with its hint, and the same typed again: on an invitation, a reset link and the account page. */
export function NewPasswordFields({ field, hint }: { field: (name: string) => FieldBinding; hint: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t('invite.password')}
        type="password"
        autoComplete="new-password"
        {...field('password')}
        hint={hint}
      />
      <Field label={t('invite.confirm')} type="password" autoComplete="new-password" {...field('confirm')} />
    </>
  );
}
