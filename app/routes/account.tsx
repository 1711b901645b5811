import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { LANGUAGES } from '~/i18n/i18n';
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
      return redirect('/account');
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
  const profileForm = useValidatedForm(ProfileSchema, { intent: 'profile', defaultValues: d.profile });
  const codeForm = useValidatedForm(ConfirmTwoFactorSchema, { intent: 'confirm-2fa' });
  const passwordForm = useValidatedForm(ChangePasswordSchema, { intent: 'change-password' });
  const closeForm = useValidatedForm(CloseAccountSchema, { intent: 'close-account' });
  const recoveryCodes = actionData && 'recoveryCodes' in actionData ? actionData.recoveryCodes : null;
  const disableForm = useValidatedForm(DisableTwoFactorSchema, { intent: 'disable-2fa' });
  return (
    <section>
      <h1>{t('account.title')}</h1>
      {d.twoFactorRequired || searchParams.get('enrol') === 'required' ? (
        <p className="notice" role="alert">
          {t('account.twoFactorRequired')}
        </p>
      ) : null}

      <h2>{t('account.profile')}</h2>
      <Form method="post" onSubmit={profileForm.onSubmit} noValidate className="card form-grid">
        <input type="hidden" name="intent" value="profile" />
        <p className="hint">{d.email}</p>
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
      <Form method="post" onSubmit={passwordForm.onSubmit} noValidate className="card form-grid">
        <input type="hidden" name="intent" value="change-password" />
        <ErrorMessage message={passwordForm.formError} />
        <Field
          label={t('account.currentPassword')}
          type="password"
          autoComplete="current-password"
          {...passwordForm.field('current_password')}
        />
        <Field
          label={t('invite.password')}
          type="password"
          autoComplete="new-password"
          {...passwordForm.field('password')}
          hint={t('account.passwordHint')}
        />
        <Field
          label={t('invite.confirm')}
          type="password"
          autoComplete="new-password"
          {...passwordForm.field('confirm')}
        />
        <button type="submit" className="secondary">
          {t('account.changePassword')}
        </button>
      </Form>

      <h2 id="two-factor">{t('account.twoFactor')}</h2>
      <div className="card">
        {recoveryCodes ? (
          <div role="status">
            <p>{t('account.recoveryCodesIntro')}</p>
            <ul className="codes">
              {recoveryCodes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {d.twoFactorEnabled ? (
          <>
            <p>{t('account.twoFactorOn', { count: d.recoveryCodesLeft ?? 0 })}</p>
            <Form method="post" onSubmit={disableForm.onSubmit} noValidate>
              <input type="hidden" name="intent" value="disable-2fa" />
              <ErrorMessage message={disableForm.formError} />
              <Field
                label={t('account.turnOffCode')}
                autoComplete="one-time-code"
                id="f-disable-code"
                {...disableForm.field('code')}
                hint={t('account.turnOffCodeHint')}
              />
              <button type="submit" className="secondary">
                {t('account.turnOff')}
              </button>
            </Form>
          </>
        ) : d.enrolment ? (
          <>
            <p>{t('account.scan')}</p>
            <img src={d.enrolment.qrDataUrl} alt={t('account.qrAlt')} width={220} height={220} />
            <p className="hint">
              {t('account.manualKey')} <code>{d.enrolment.secret}</code>
            </p>
            <Form method="post" onSubmit={codeForm.onSubmit} noValidate>
              <input type="hidden" name="intent" value="confirm-2fa" />
              <Field
                label={t('twoFactor.code')}
                autoComplete="one-time-code"
                inputMode="numeric"
                {...codeForm.field('code')}
              />
              <button type="submit" className="primary">
                {t('account.confirm')}
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>{t('account.twoFactorOff')}</p>
            <Form method="post">
              <button type="submit" name="intent" value="begin-2fa" className="primary">
                {t('account.turnOn')}
              </button>
            </Form>
          </>
        )}
      </div>

      <h2>{t('account.close')}</h2>
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
    </section>
  );
}

/** The phone and PIN a guardian types at one center's kiosk. */
function KioskPinForm({
  centerId,
  centerName,
  phone,
  isSet,
}: {
  centerId: string;
  centerName: string;
  phone: string;
  isSet: boolean;
}) {
  const { t } = useTranslation();
  const form = useValidatedForm(SetPinSchema, {
    intent: 'set-pin',
    defaultValues: { centerId, phone },
    owns: (values) => values.centerId === centerId,
  });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card form-grid">
      <h3>{centerName}</h3>
      <p className="hint">{isSet ? t('account.kioskPinSet', { phone }) : t('account.kioskPinNotSet')}</p>
      <input type="hidden" name="intent" value="set-pin" />
      <input type="hidden" name="centerId" value={centerId} />
      <Field
        label={t('account.phone')}
        type="tel"
        autoComplete="tel"
        id={`phone-${centerId}`}
        {...form.field('phone')}
      />
      <Field
        label={t('kiosk.pin')}
        type="password"
        inputMode="numeric"
        maxLength={6}
        autoComplete="new-password"
        id={`pin-${centerId}`}
        {...form.field('pin')}
      />
      <Field
        label={t('account.pinConfirm')}
        type="password"
        inputMode="numeric"
        maxLength={6}
        autoComplete="new-password"
        id={`confirm-${centerId}`}
        {...form.field('confirm')}
      />
      <button type="submit" className="secondary">
        {t('actions.save')}
      </button>
    </Form>
  );
}
