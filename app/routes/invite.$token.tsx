import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect, redirectDocument } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field } from '~/components/field';
import { NewPasswordFields } from '~/components/new-password-fields';
import { useValidatedForm } from '~/components/use-validated-form';
import { SetPasswordSchema } from '~/modules/auth/auth';
import { getOptionalUser } from '~/modules/auth/require-user.server';
import { createSession, setFlash } from '~/modules/auth/session.server';
import { MIN_PASSWORD_LENGTH } from '~/modules/forms/fields';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { acceptInviteAs, createAccountFromInvite, findOpenInvite } from '~/modules/users/invites.server';
import {
  acceptRegionalInviteAs,
  createAccountFromRegionalInvite,
  findOpenRegionalInvite,
} from '~/modules/regional/invites.server';

// An invitation to a staff role or to be a child's guardian. A new person creates their account
// here; someone who has one signs in and accepts, seeing first what they accept.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const invite = await findOpenInvite(params.token!);
  // An operator's invitation to a regional role (asuh invite-regional) is accepted here too.
  const regional = invite ? undefined : await findOpenRegionalInvite(params.token!);
  if (regional) {
    const signedIn = await getOptionalUser(request);
    return {
      invite: {
        name: regional.name,
        email: regional.email,
        role: 'regional' as const,
        region: { province: regional.province, city: regional.city },
        centerName: '',
        childName: null,
        relationship: null,
      },
      viewer: signedIn && { email: signedIn.user.email, matches: signedIn.user.email === regional.email },
    };
  }
  if (!invite) return { invite: null, viewer: null };
  const signedIn = await getOptionalUser(request);
  return {
    invite: {
      name: invite.name,
      email: invite.email,
      role: invite.role,
      centerName: invite.centerName,
      childName: invite.childName,
      relationship: invite.relationship,
    },
    viewer: signedIn && { email: signedIn.user.email, matches: signedIn.user.email === invite.email },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const token = params.token!;
  const regional = (await findOpenInvite(token)) ? false : Boolean(await findOpenRegionalInvite(token));
  if (formData.get('intent') === 'accept') {
    const signedIn = await getOptionalUser(request);
    if (!signedIn) throw redirect(`/login?redirectTo=${encodeURIComponent(`/invite/${token}`)}`);
    const result = await (regional ? acceptRegionalInviteAs : acceptInviteAs)({ token, user: signedIn.user });
    if (!result.ok) return failure(formData, { form: `errors.${result.error}` });
    await setFlash(signedIn.session, 'flash.inviteAccepted');
    return redirect(result.home);
  }
  const parsed = parseForm(formData, SetPasswordSchema);
  if (!parsed.ok) return parsed.response;
  const result = await (regional ? createAccountFromRegionalInvite : createAccountFromInvite)({
    token,
    name: parsed.data.name,
    password: parsed.data.password,
  });
  if (!result.ok) return failure(formData, { form: `errors.${result.error}` });
  const cookie = await createSession(request, { userId: result.userId, twoFactorPassed: true, ip: context.clientIp });
  // A new document: the new account's language may not be the page's (see redirectInLanguage).
  return redirectDocument(result.home, { headers: { 'Set-Cookie': cookie } });
}

export default function AcceptInvite() {
  const { invite, viewer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { field, onSubmit, formError } = useValidatedForm(SetPasswordSchema, {
    defaultValues: { name: invite?.name ?? '' },
  });
  if (!invite) {
    return (
      <section className="narrow card">
        <h1>{t('invite.invalidTitle')}</h1>
        <p>{t('errors.inviteInvalid')}</p>
      </section>
    );
  }
  const acceptError =
    actionData && 'errors' in actionData && actionData.intent === 'accept' ? actionData.errors.form : undefined;
  const region =
    'region' in invite && invite.region
      ? invite.region.city === null
        ? t('region.wholeProvince', { province: invite.region.province })
        : t('region.cityIn', { city: invite.region.city, province: invite.region.province })
      : '';
  const what =
    invite.role === 'regional'
      ? t('invite.asRegional', { region })
      : invite.role === 'guardian'
        ? t('invite.asGuardian', {
            child: invite.childName,
            relationship: t(`relationships.${invite.relationship}`, { defaultValue: invite.relationship }),
          })
        : t('invite.asStaff', { role: t(`roles.${invite.role}`) });
  return (
    <section className="narrow card">
      <h1>
        {invite.role === 'regional' ? t('invite.regionalTitle') : t('invite.title', { center: invite.centerName })}
      </h1>
      <p className="lead">{t('invite.lead', { what, email: invite.email })}</p>
      {viewer ? (
        viewer.matches ? (
          <Form method="post">
            <ErrorMessage message={acceptError} />
            <button type="submit" name="intent" value="accept" className="primary">
              {t('invite.accept')}
            </button>
          </Form>
        ) : (
          <p className="notice" role="alert">
            {t('invite.otherAccount', { email: viewer.email, invited: invite.email })}
          </p>
        )
      ) : (
        <>
          <h2>{t('invite.haveAccount')}</h2>
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(pathname)}`}>{t('invite.signInToAccept')}</Link>
          </p>
          <h2>{t('invite.newAccount')}</h2>
          <Form method="post" onSubmit={onSubmit} noValidate>
            <input type="hidden" name="intent" value="create" />
            <ErrorMessage message={formError} />
            <input type="hidden" name="email" autoComplete="username" value={invite.email} />
            <Field label={t('staff.name')} autoComplete="name" {...field('name')} />
            <NewPasswordFields field={field} hint={t('invite.passwordHint', { min: MIN_PASSWORD_LENGTH })} />
            <button type="submit" className="primary">
              {t('invite.submit')}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
