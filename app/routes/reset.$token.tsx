import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage } from '~/components/field';
import { NewPasswordFields } from '~/components/new-password-fields';
import { useValidatedForm } from '~/components/use-validated-form';
import { findOpenReset, resetPassword } from '~/modules/auth/passwords.server';
import { MIN_PASSWORD_LENGTH, withNewPassword } from '~/modules/forms/fields';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';

const ResetSchema = withNewPassword({});

// A one-time link from the coordinator (or an operator): choose a new password, then sign in as
// usual (two-step sign-in, when on, still applies).
export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findOpenReset(params.token!);
  return { email: reset?.email ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(formData, ResetSchema);
  if (!parsed.ok) return parsed.response;
  const done = await resetPassword({ token: params.token!, password: parsed.data.password });
  if (!done) return failure(formData, { form: 'errors.resetInvalid' });
  return redirect(`/login?reset=1&email=${encodeURIComponent(done.email)}`);
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { field, onSubmit, formError } = useValidatedForm(ResetSchema);
  if (!email) {
    return (
      <section className="narrow card">
        <h1>{t('reset.invalidTitle')}</h1>
        <p>{t('errors.resetInvalid')}</p>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>{t('reset.title')}</h1>
      <p className="lead">{t('reset.lead', { email })}</p>
      <Form method="post" onSubmit={onSubmit} noValidate>
        <ErrorMessage message={formError} />
        <input type="hidden" name="email" autoComplete="username" value={email} />
        <NewPasswordFields field={field} hint={t('invite.passwordHint', { min: MIN_PASSWORD_LENGTH })} />
        <button type="submit" className="primary">
          {t('reset.submit')}
        </button>
      </Form>
    </section>
  );
}
