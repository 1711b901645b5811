import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { redirectInLanguage, requestLanguage } from '~/i18n/language.server';
import { ChangePasswordForm, CloseAccountForm } from '~/components/account-password-forms';
import { AccountProfileForm } from '~/components/account-profile-form';
import { KioskPinForm } from '~/components/kiosk-pin-form';
import { TwoFactorCard } from '~/components/two-factor-card';
import { mustEnrolTwoFactor, requireUser } from '~/modules/auth/require-user.server';
import { setFlash } from '~/modules/auth/session.server';
import {
  beginEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  enrolmentDetails,
  pendingSecret,
  remainingRecoveryCodes,
} from '~/modules/auth/two-factor.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import {
  ChangePasswordSchema,
  CloseAccountSchema,
  ConfirmTwoFactorSchema,
  DisableTwoFactorSchema,
  ProfileSchema,
} from '~/modules/users/account';
import { getProfile, setAccountDisabled, updateUser } from '~/modules/users/users.server';
import { SetPinSchema } from '~/modules/attendance/attendance';
import { kioskPinsOf, setKioskPin } from '~/modules/attendance/kiosk.server';
import { changePassword, checkCurrentPassword } from '~/modules/auth/passwords.server';
import { destroySession } from '~/modules/auth/session.server';
import { accountKey, addressKey, reserveAttempt, succeeded, throttleMessage } from '~/modules/auth/throttle.server';
import { readForm } from '~/modules/forms/read.server';
import { MailPreferencesForm } from '~/components/mail-preferences-form';
import { choosableKinds, MailPreferencesSchema } from '~/modules/notifications/mail';
import { mailPreferencesOf, setMailPreferences } from '~/modules/notifications/preferences.server';

// Open while a required second factor is still to be set up: this is where it is set up.
const OPTIONS = { allowPendingEnrolment: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, undefined, OPTIONS);
  const [profile, kioskPins, mailPreferences] = await Promise.all([
    getProfile(user.id),
    kioskPinsOf(user.id),
    mailPreferencesOf({ userId: user.id, kinds: choosableKinds(user) }),
  ]);
  const secret = user.twoFactorEnabled ? null : await pendingSecret(user.id);
  return {
    email: user.email,
    profile: { name: profile.name, phone: profile.phone ?? '', preferred_language: profile.preferred_language },
    twoFactorEnabled: user.twoFactorEnabled,
    twoFactorRequired: mustEnrolTwoFactor(user),
    enrolment: secret ? await enrolmentDetails(secret, user.email) : null,
    recoveryCodesLeft: user.twoFactorEnabled ? await remainingRecoveryCodes(user.id) : null,
    kioskPins,
    mailPreferences,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request, undefined, OPTIONS);
  const formData = await readForm(request);
  switch (formData.get('intent')) {
    case 'profile': {
      const parsed = parseForm(formData, ProfileSchema);
      if (!parsed.ok) return parsed.response;
      const { name, phone, preferred_language } = parsed.data;
      await updateUser({ userId: user.id, actorId: user.id, changes: { name, phone, preferred_language } });
      await setFlash(session, 'flash.saved');
      return redirectInLanguage('/account', {
        from: await requestLanguage(request, user.language),
        to: preferred_language,
      });
    }
    case 'mail-preferences': {
      const parsed = parseForm(formData, MailPreferencesSchema);
      if (!parsed.ok) return parsed.response;
      await setMailPreferences({ userId: user.id, offered: choosableKinds(user), wanted: parsed.data.kinds });
      await setFlash(session, 'flash.saved');
      return redirect('/account#email');
    }
    case 'begin-2fa':
      await beginEnrolment(user.id, user.email);
      return redirect('/account#two-factor');
    case 'confirm-2fa': {
      const parsed = parseForm(formData, ConfirmTwoFactorSchema);
      if (!parsed.ok) return parsed.response;
      const codes = await confirmEnrolment(user.id, parsed.data.code);
      if (!codes) return failure(formData, { code: 'errors.invalidCode' });
      return data({ recoveryCodes: codes });
    }
    case 'set-pin': {
      const parsed = parseForm(formData, SetPinSchema);
      if (!parsed.ok) return parsed.response;
      const result = await setKioskPin({
        userId: user.id,
        centerId: parsed.data.centerId,
        phone: parsed.data.phone,
        pin: parsed.data.pin,
      });
      if (!result.ok && result.error === 'notFound') throw new Response('Not Found', { status: 404 });
      if (!result.ok)
        return failure(
          formData,
          result.error === 'kioskPhoneTaken' ? { phone: 'errors.kioskPhoneTaken' } : { form: `errors.${result.error}` },
        );
      await setFlash(session, 'flash.pinSaved');
      return redirect('/account');
    }
    case 'change-password': {
      const parsed = parseForm(formData, ChangePasswordSchema);
      if (!parsed.ok) return parsed.response;
      const result = await changePassword({
        user,
        sessionId: session.id,
        current: parsed.data.current_password,
        next: parsed.data.password,
        ip: context.clientIp ?? 'unknown',
      });
      if (!result.ok)
        return failure(
          formData,
          result.error === 'throttled'
            ? { form: throttleMessage(result) }
            : { current_password: 'errors.wrongPassword' },
        );
      await setFlash(session, 'flash.passwordChanged');
      return redirect('/account');
    }
    case 'close-account': {
      const parsed = parseForm(formData, CloseAccountSchema);
      if (!parsed.ok) return parsed.response;
      const checked = await checkCurrentPassword({
        user,
        password: parsed.data.current_password,
        ip: context.clientIp ?? 'unknown',
      });
      if (!checked.ok)
        return failure(
          formData,
          checked.error === 'throttled'
            ? { form: throttleMessage(checked) }
            : { current_password: 'errors.wrongPassword' },
        );
      await setAccountDisabled({ userId: user.id, actorId: user.id, disabled: true });
      return redirect('/login', { headers: { 'Set-Cookie': await destroySession(null) } });
    }
    case 'disable-2fa': {
      if (mustEnrolTwoFactor({ ...user, twoFactorEnabled: false }))
        return failure(formData, { form: 'errors.twoFactorRequired' });
      const parsed = parseForm(formData, DisableTwoFactorSchema);
      if (!parsed.ok) return parsed.response;
      // The same throttle as the code at sign-in: a code is guessable in a million tries.
      const keys = [accountKey(`2fa:${user.id}`), addressKey(`address:${context.clientIp ?? 'unknown'}`)];
      const verdict = await reserveAttempt(keys);
      if (!verdict.allowed) return failure(formData, { form: throttleMessage(verdict) });
      if (!(await disableTwoFactor({ userId: user.id, code: parsed.data.code })))
        return failure(formData, { code: 'errors.invalidCode' });
      await succeeded(keys);
      await setFlash(session, 'flash.twoFactorOff');
      return redirect('/account');
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

export default function Account() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const recoveryCodes = actionData && 'recoveryCodes' in actionData ? actionData.recoveryCodes : null;
  return (
    <section>
      <h1>{t('account.title')}</h1>
      {d.twoFactorRequired || searchParams.get('enrol') === 'required' ? (
        <p className="notice" role="alert">
          {t('account.twoFactorRequired')}
        </p>
      ) : null}

      <h2>{t('account.profile')}</h2>
      <AccountProfileForm email={d.email} profile={d.profile} />

      {d.kioskPins.length > 0 ? (
        <>
          <h2>{t('account.kioskPin')}</h2>
          <p className="hint">{t('account.kioskPinHint')}</p>
          {d.kioskPins.map((k) => (
            <KioskPinForm
              key={k.centerId}
              centerId={k.centerId}
              centerName={k.centerName}
              phone={k.phone ?? d.profile.phone}
              isSet={k.phone !== null}
            />
          ))}
        </>
      ) : null}

      <h2 id="email">{t('mailPrefs.title')}</h2>
      <MailPreferencesForm preferences={d.mailPreferences} />

      <h2>{t('account.password')}</h2>
      <ChangePasswordForm />

      <h2 id="two-factor">{t('account.twoFactor')}</h2>
      <TwoFactorCard
        enabled={d.twoFactorEnabled}
        recoveryCodesLeft={d.recoveryCodesLeft}
        enrolment={d.enrolment}
        recoveryCodes={recoveryCodes}
      />

      <h2>{t('account.close')}</h2>
      <CloseAccountForm />
    </section>
  );
}
