import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { LANGUAGES, type Lang } from '~/i18n/i18n';
import { ProfileSchema } from '~/modules/users/account';
import { Field } from './field';
import { useValidatedForm } from './use-validated-form';

/** One's own name, phone and language; the email is shown, not edited. */
export function AccountProfileForm({
  email,
  profile,
}: {
  email: string;
  profile: { name: string; phone: string; preferred_language: Lang };
}) {
  const { t } = useTranslation();
  const profileForm = useValidatedForm(ProfileSchema, { intent: 'profile', defaultValues: profile });
  return (
    <Form method="post" onSubmit={profileForm.onSubmit} noValidate className="card form-grid">
      <input type="hidden" name="intent" value="profile" />
      <p className="hint">{email}</p>
      <Field label={t('staff.name')} {...profileForm.field('name')} />
      <Field
        label={t('account.phone')}
        type="tel"
        autoComplete="tel"
        {...profileForm.field('phone')}
        hint={t('settings.phoneHint')}
      />
      <div className="field">
        <label htmlFor="f-preferred_language">{t('account.language')}</label>
        <select id="f-preferred_language" {...profileForm.register('preferred_language')}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary">
        {t('actions.save')}
      </button>
    </Form>
  );
}
