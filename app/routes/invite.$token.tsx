import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { SetPasswordSchema } from '~/modules/auth/auth';
import { createSession } from '~/modules/auth/session.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { acceptInvite, findOpenInvite } from '~/modules/users/invites.server';
import { MIN_PASSWORD_LENGTH } from '~/modules/forms/fields';
import { readForm } from '~/modules/forms/read.server';

export async function loader({ params }: LoaderFunctionArgs) {
  const invite = await findOpenInvite(params.token!);
  if (!invite) return { invite: null };
  return { invite: { name: invite.name, email: invite.email, role: invite.role, centerName: invite.centerName } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(formData, SetPasswordSchema);
  if (!parsed.ok) return parsed.response;
  const userId = await acceptInvite({ token: params.token!, name: parsed.data.name, password: parsed.data.password });
  if (!userId) return failure(formData, { form: 'errors.inviteInvalid' });
  const cookie = await createSession(request, { userId, twoFactorPassed: true, ip: context.clientIp });
  return redirect('/', { headers: { 'Set-Cookie': cookie } });
}

export default function AcceptInvite() {
  const { invite } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { field, onSubmit, formError } = useValidatedForm(SetPasswordSchema, { defaultValues: { name: invite?.name ?? '' } });
  if (!invite) {
    return (
      <section className="narrow card">
        <h1>{t('invite.invalidTitle')}</h1>
        <p>{t('errors.inviteInvalid')}</p>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>{t('invite.title', { center: invite.centerName })}</h1>
      <p className="lead">{t('invite.lead', { role: t(`roles.${invite.role}`), email: invite.email })}</p>
      <Form method="post" onSubmit={onSubmit} noValidate>
        <ErrorMessage message={formError} />
        <input type="hidden" name="email" autoComplete="username" value={invite.email} />
        <Field label={t('staff.name')} autoComplete="name" {...field('name')} />
        <Field label={t('invite.password')} type="password" autoComplete="new-password" {...field('password')} hint={t('invite.passwordHint', { min: MIN_PASSWORD_LENGTH })} />
        <Field label={t('invite.confirm')} type="password" autoComplete="new-password" {...field('confirm')} />
        <button type="submit" className="primary">
          {t('invite.submit')}
        </button>
      </Form>
    </section>
  );
}
