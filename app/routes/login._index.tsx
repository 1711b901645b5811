import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { LoginSchema } from '~/modules/auth/auth';
import { authenticate } from '~/modules/auth/login.server';
import { getOptionalUser } from '~/modules/auth/require-user.server';
import { createSession } from '~/modules/auth/session.server';
import { throttleMessage } from '~/modules/auth/throttle.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { safeRedirect } from '~/modules/http.server';
import { isLang } from '~/i18n/i18n';
import { languageCookie, redirectInLanguage, requestLanguage } from '~/i18n/language.server';
import { updateUser } from '~/modules/users/users.server';
import { readForm } from '~/modules/forms/read.server';

export const meta: MetaFunction = () => [{ title: 'Asuh' }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect('/');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(formData, LoginSchema);
  if (!parsed.ok) return parsed.response;
  const { email, password, redirectTo } = parsed.data;
  const ip = context.clientIp ?? 'unknown';
  const result = await authenticate({ email, password, ip });
  if (!result.ok)
    return failure(formData, {
      form: result.error === 'throttled' ? throttleMessage(result) : `errors.${result.error}`,
    });
  // A language picked on this page before signing in becomes the account's language.
  const picked = await languageCookie.parse(request.headers.get('Cookie'));
  if (isLang(picked) && picked !== result.language) {
    await updateUser({ userId: result.userId, actorId: result.userId, changes: { preferred_language: picked } });
  }
  const cookie = await createSession(request, {
    userId: result.userId,
    twoFactorPassed: !result.needsSecondFactor,
    ip,
  });
  const next = safeRedirect(redirectTo);
  const headers = { 'Set-Cookie': cookie };
  // The second step is still in the page's language; the account's language comes after it.
  if (result.needsSecondFactor)
    return redirect(`/login/two-factor?redirectTo=${encodeURIComponent(next)}`, { headers });
  const languages = {
    from: await requestLanguage(request),
    to: isLang(picked) ? picked : await requestLanguage(request, result.language),
  };
  return redirectInLanguage(next, languages, { headers });
}

export default function Login() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { field, onSubmit, formError } = useValidatedForm(LoginSchema, {
    defaultValues: { email: searchParams.get('email') ?? '' },
  });
  return (
    <section className="narrow card">
      <h1>{t('login.title')}</h1>
      <p className="lead">{t('login.lead')}</p>
      {searchParams.get('reset') ? (
        <p className="notice" role="status">
          {t('login.resetDone')}
        </p>
      ) : null}
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? '/'} />
        <ErrorMessage message={formError} />
        <Field label={t('login.email')} type="email" autoComplete="username" inputMode="email" {...field('email')} />
        <Field label={t('login.password')} type="password" autoComplete="current-password" {...field('password')} />
        <button type="submit" className="primary">
          {t('login.submit')}
        </button>
      </Form>
      <p className="hint">{t('login.forgot')}</p>
      <p>
        <Link to="/apply">{t('login.apply')}</Link>
      </p>
    </section>
  );
}
