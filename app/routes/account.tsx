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
import { ConfirmTwoFactorSchema, ProfileSchema } from '~/modules/users/account';
import { getProfile, updateUser } from '~/modules/users/users.server';
import { SetPinSchema } from '~/modules/attendance/attendance';
import { setGuardianPin } from '~/modules/attendance/kiosk.server';
import { readForm } from '~/modules/forms/read.server';

// Open while a required second factor is still to be set up: this is where it is set up.
const OPTIONS = { allowPendingEnrolment: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, undefined, OPTIONS);
  const profile = await getProfile(user.id);
  const secret = user.twoFactorEnabled ? null : await pendingSecret(user.id);
  return {
    email: user.email,
    profile: { name: profile.name, phone: profile.phone ?? '', preferred_language: profile.preferred_language },
    twoFactorEnabled: user.twoFactorEnabled,
    twoFactorRequired: mustEnrolTwoFactor(user),
    enrolment: secret ? await enrolmentDetails(secret, user.email) : null,
    recoveryCodesLeft: user.twoFactorEnabled ? await remainingRecoveryCodes(user.id) : null,
    isGuardian: user.isGuardian,
  };
}

export async function action({ request }: ActionFunctionArgs) {
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
      if (!user.isGuardian) throw new Response('Bad Request', { status: 400 });
      const parsed = parseForm(formData, SetPinSchema);
      if (!parsed.ok) return parsed.response;
      await setGuardianPin(user.id, parsed.data.pin);
      await setFlash(session, 'flash.pinSaved');
      return redirect('/account');
    }
    case 'disable-2fa':
      if (mustEnrolTwoFactor({ ...user, twoFactorEnabled: false })) return failure(formData, { form: 'errors.twoFactorRequired' });
      await disableTwoFactor(user.id);
      await setFlash(session, 'flash.twoFactorOff');
      return redirect('/account');
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
  const pinForm = useValidatedForm(SetPinSchema, { intent: 'set-pin' });
  const recoveryCodes = actionData && 'recoveryCodes' in actionData ? actionData.recoveryCodes : null;
  const disableError = actionData && 'errors' in actionData && actionData.intent === 'disable-2fa' ? actionData.errors.form : undefined;
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
        <Field label={t('account.phone')} type="tel" autoComplete="tel" {...profileForm.field('phone')} hint={t('settings.phoneHint')} />
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

      {d.isGuardian ? (
        <>
          <h2>{t('account.kioskPin')}</h2>
          <Form method="post" onSubmit={pinForm.onSubmit} noValidate className="card">
            <p className="hint">{t('account.kioskPinHint')}</p>
            <input type="hidden" name="intent" value="set-pin" />
            <Field label={t('kiosk.pin')} type="password" inputMode="numeric" maxLength={6} autoComplete="new-password" {...pinForm.field('pin')} />
            <Field label={t('account.pinConfirm')} type="password" inputMode="numeric" maxLength={6} autoComplete="new-password" {...pinForm.field('confirm')} />
            <button type="submit" className="secondary">
              {t('actions.save')}
            </button>
          </Form>
        </>
      ) : null}

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
            <Form method="post">
              <ErrorMessage message={disableError} />
              <button type="submit" name="intent" value="disable-2fa" className="secondary">
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
              <Field label={t('twoFactor.code')} autoComplete="one-time-code" inputMode="numeric" {...codeForm.field('code')} />
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
    </section>
  );
}
