import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage } from './field';
import { useValidatedForm } from './use-validated-form';
import { MailPreferencesSchema } from '~/modules/notifications/mail';
import type { NotificationKind } from '~/modules/notifications/notifications';

/** The account page's email choices: one box per notice the person may turn off. */
export function MailPreferencesForm({ preferences }: { preferences: { kind: NotificationKind; email: boolean }[] }) {
  const { t } = useTranslation();
  const wanted = preferences.filter((p) => p.email).map((p) => p.kind);
  const form = useValidatedForm(MailPreferencesSchema, {
    intent: 'mail-preferences',
    defaultValues: { kinds: wanted },
  });
  const error = form.formState.errors.kinds?.message as string | undefined;
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card form-grid">
      <input type="hidden" name="intent" value="mail-preferences" />
      <fieldset className="checkbox-group" aria-describedby={error ? 'f-kinds-error' : 'f-kinds-hint'}>
        <legend>{t('mailPrefs.legend')}</legend>
        {preferences.map((p) => (
          <label key={p.kind} className="checkbox-option">
            <input type="checkbox" value={p.kind} defaultChecked={p.email} {...form.register('kinds')} />{' '}
            {t(`notificationKinds.${p.kind}`)}
          </label>
        ))}
        <ErrorMessage id="f-kinds-error" message={error} />
      </fieldset>
      <p className="hint" id="f-kinds-hint">
        {t('mailPrefs.always')}
      </p>
      <button type="submit" className="secondary">
        {t('actions.save')}
      </button>
    </Form>
  );
}
