import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { redirectInLanguage, requestLanguage } from '~/i18n/language.server';
import { getOptionalUser } from '~/modules/auth/require-user.server';
import { Form, useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { TwoFactorSchema } from '~/modules/auth/auth';
import { markTwoFactorPassed, readSession } from '~/modules/auth/session.server';
import { accountKey, addressKey, reserveAttempt, succeeded, throttleMessage } from '~/modules/auth/throttle.server';
import { verifySecondFactor } from '~/modules/auth/two-factor.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { safeRedirect } from '~/modules/http.server';
import { readForm } from '~/modules/forms/read.server';

// The password is right but the second step is owed: only this page and sign-out are open.
async function pendingSession(request: Request) {
  const session = await readSession(request);
  if (!session) throw redirect('/login');
  if (session.twoFactorPassed) throw redirect('/');
  return session;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await pendingSession(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await pendingSession(request);
  const formData = await readForm(request);
  const parsed = parseForm(formData, TwoFactorSchema);
  if (!parsed.ok) return parsed.response;
  // Codes are guessable in a million tries: the attempt is reserved on the throttle first.
  const keys = [accountKey(`2fa:${session.userId}`), addressKey(`address:${context.clientIp ?? 'unknown'}`)];
  const verdict = await reserveAttempt(keys);
  if (!verdict.allowed) return failure(formData, { form: throttleMessage(verdict) });
  if (!(await verifySecondFactor(session.userId, parsed.data.code)))
    return failure(formData, { code: 'errors.invalidCode' });
  await succeeded(keys);
  await markTwoFactorPassed(session.id);
  const signedIn = await getOptionalUser(request);
  const languages = {
    from: await requestLanguage(request),
    to: await requestLanguage(request, signedIn?.user.language),
  };
  return redirectInLanguage(safeRedirect(formData.get('redirectTo')), languages);
}

export default function TwoFactorLogin() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { field, onSubmit, formError } = useValidatedForm(TwoFactorSchema);
  return (
    <section className="narrow card">
      <h1>{t('twoFactor.loginTitle')}</h1>
      <p className="lead">{t('twoFactor.loginLead')}</p>
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? '/'} />
        <ErrorMessage message={formError} />
        <Field
          label={t('twoFactor.code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          autoFocus
          {...field('code')}
          hint={t('twoFactor.recoveryHint')}
        />
        <button type="submit" className="primary">
          {t('twoFactor.verify')}
        </button>
      </Form>
      <Form method="post" action="/logout">
        <button type="submit" className="link-button">
          {t('nav.signOut')}
        </button>
      </Form>
    </section>
  );
}
