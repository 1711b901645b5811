import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, type ClientActionFunctionArgs } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field } from '~/components/field';
import { LanguageSwitch } from '~/components/language-switch';
import { useTapQueue } from '~/components/use-door-device';
import { keepWhenOffline } from '~/components/keep-when-offline';
import { useValidatedForm } from '~/components/use-validated-form';
import { KioskPinSchema, PairKioskSchema } from '~/modules/attendance/attendance';
import { todayStatuses } from '~/modules/attendance/attendance.server';
import { KIOSK_QUEUE, recordTap } from '~/modules/attendance/door-device';
import {
  answerKioskTap,
  kioskCookie,
  kioskDeviceFor,
  pairDevice,
  verifyGuardianPin,
} from '~/modules/attendance/kiosk.server';
import { destroySession, readSession } from '~/modules/auth/session.server';
import { throttleMessage } from '~/modules/auth/throttle.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';

// The door tablet. Unpaired, it asks for the pairing code a coordinator made under "Mode kios";
// paired, it is the kiosk and nothing else (server.js keeps it on this page). A guardian's phone
// and PIN show their own children here, and nobody else's.
export const handle = { kiosk: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const device = await kioskDeviceFor(request);
  if (device) return { device: { centerName: device.centerName, name: device.name } };
  // A revoked or unknown device token is dropped, so the tablet can be paired again.
  const stale = await kioskCookie().parse(request.headers.get('Cookie'));
  return data(
    { device: null },
    stale ? { headers: { 'Set-Cookie': await kioskCookie().serialize('', { maxAge: 0 }) } } : undefined,
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const device = await kioskDeviceFor(request);
  if (!device) {
    const parsed = parseForm(formData, PairKioskSchema);
    if (!parsed.ok) return parsed.response;
    const result = await pairDevice({ code: parsed.data.code, ip: context.clientIp ?? 'unknown' });
    if (!result.ok)
      return failure(formData, {
        code: result.error === 'throttled' ? throttleMessage(result) : 'errors.pairingInvalid',
      });
    // The tablet becomes a kiosk only: whoever was signed in on it is signed out.
    const headers = new Headers();
    headers.append('Set-Cookie', await kioskCookie().serialize(result.token));
    headers.append('Set-Cookie', await destroySession(await readSession(request)));
    return redirect('/kiosk', { headers });
  }
  if (formData.get('intent') === 'pin') {
    const parsed = parseForm(formData, KioskPinSchema);
    if (!parsed.ok) return parsed.response;
    const result = await verifyGuardianPin({ device, phone: parsed.data.phone, pin: parsed.data.pin });
    if (!result.ok)
      return failure(formData, { form: result.error === 'throttled' ? throttleMessage(result) : 'errors.pinWrong' });
    const statuses = await todayStatuses({ centerId: device.centerId, childIds: result.children.map((c) => c.id) });
    return data({
      family: {
        ticket: result.ticket,
        guardianName: result.guardianName,
        children: result.children.map((c) => ({ ...c, status: statuses.get(c.id) ?? 'expected' })),
      },
    });
  }
  // Sent without JavaScript; the browser's kiosk sends its taps to /kiosk/taps (see clientAction).
  const answer = await answerKioskTap(formData, device);
  if (answer.outcome === 'invalid') return failure(formData, answer.errors);
  if (answer.outcome === 'refused') return failure(formData, { form: kioskRefusal(answer.error) });
  return data({ done: formData.get('intent') === 'kiosk-in' ? ('kiosk-in' as const) : ('kiosk-out' as const) });
}

/**
 * A check-in or check-out is kept on the tablet, then sent to /kiosk/taps with any that wait;
 * offline it waits there (decision 0017). A PIN needs the server: offline the kiosk says so.
 */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  // In the browser: readForm is the server's body reader; serverAction() sends the body itself.
  // eslint-disable-next-line no-restricted-syntax
  const formData = await request.clone().formData();
  const intent = formData.get('intent');
  if (intent !== 'kiosk-in' && intent !== 'kiosk-out') {
    try {
      if (navigator.onLine) return await serverAction<typeof action>();
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // the network failed: said below
    }
    return { errors: { form: 'errors.kioskOffline' }, values: {}, intent: typeof intent === 'string' ? intent : '' };
  }
  const answer = await recordTap(KIOSK_QUEUE, formData);
  if (!answer || answer.outcome === 'applied' || answer.outcome === 'duplicate')
    return { done: intent, queued: !answer };
  return { errors: { form: kioskRefusal(answer.outcome === 'invalid' ? null : answer.error) }, values: {}, intent };
}

/** What a refused kiosk tap says: a guardian sees no health check, so a fever question is "not found". */
const kioskRefusal = (error: string | null) => `errors.${!error || error === 'feverUnconfirmed' ? 'notFound' : error}`;

export const shouldRevalidate = keepWhenOffline;

export default function Kiosk() {
  const { device } = useLoaderData<typeof loader>();
  return device ? <KioskScreen centerName={device.centerName} /> : <PairingScreen />;
}

function PairingScreen() {
  const { t } = useTranslation();
  const form = useValidatedForm(PairKioskSchema, { intent: 'pair' });
  return (
    <section className="kiosk narrow card">
      <h1>{t('kiosk.pairTitle')}</h1>
      <p className="lead">{t('kiosk.pairLead')}</p>
      <Form method="post" onSubmit={form.onSubmit} noValidate autoComplete="off">
        <input type="hidden" name="intent" value="pair" />
        <Field label={t('kiosk.pairingCode')} autoCapitalize="characters" {...form.field('code')} />
        <button type="submit" className="primary big">
          {t('kiosk.pair')}
        </button>
      </Form>
    </section>
  );
}

function KioskScreen({ centerName }: { centerName: string }) {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== 'idle';
  const form = useValidatedForm(KioskPinSchema, { intent: 'pin' });
  const family = actionData && 'family' in actionData ? actionData.family : null;
  const done = actionData && 'done' in actionData ? actionData.done : null;
  const queued = actionData && 'queued' in actionData && actionData.queued;
  const tablet = useTapQueue(KIOSK_QUEUE);
  const actError =
    actionData && 'errors' in actionData && actionData.intent !== 'pin' ? actionData.errors.form : undefined;
  return (
    <section className="kiosk narrow card">
      <p className="eyebrow">{centerName}</p>
      <h1>{t('kiosk.title')}</h1>
      {!tablet.online ? (
        <p className="notice door-offline" role="status">
          {tablet.waiting.length ? t('door.offline', { count: tablet.waiting.length }) : t('kiosk.offline')}
        </p>
      ) : tablet.waiting.length ? (
        <p className="notice" role="status">
          {t('door.sending', { count: tablet.waiting.length })}
        </p>
      ) : null}
      {done ? (
        <p className="notice" role="status">
          {t(done === 'kiosk-in' ? 'kiosk.doneIn' : 'kiosk.doneOut')}
          {queued ? ` ${t('kiosk.queued')}` : null}
        </p>
      ) : null}
      <ErrorMessage message={actError} />
      {family ? (
        <div>
          <p className="lead">{t('kiosk.hello', { name: family.guardianName })}</p>
          <ul className="plain">
            {family.children.map((c) => (
              <li key={c.id}>
                <Form method="post" className="kiosk-child">
                  <input type="hidden" name="ticket" value={family.ticket} />
                  <input type="hidden" name="childId" value={c.id} />
                  <strong>{c.name}</strong> <span className="hint">{t(`doorStatus.${c.status}`)}</span>
                  {c.status === 'present' ? (
                    c.restricted ? (
                      <span className="notice">{t('errors.kioskSeeStaff')}</span>
                    ) : (
                      <button type="submit" name="intent" value="kiosk-out" className="primary big" disabled={busy}>
                        {t('today.checkOut')}
                      </button>
                    )
                  ) : c.status === 'checked_out' ? null : (
                    <button type="submit" name="intent" value="kiosk-in" className="primary big" disabled={busy}>
                      {t('today.checkIn')}
                    </button>
                  )}
                </Form>
              </li>
            ))}
          </ul>
          <Form method="get">
            <button type="submit" className="link-button">
              {t('kiosk.done')}
            </button>
          </Form>
        </div>
      ) : (
        <Form method="post" onSubmit={form.onSubmit} noValidate autoComplete="off">
          <input type="hidden" name="intent" value="pin" />
          <ErrorMessage message={form.formError} />
          <Field label={t('apply.phone')} type="tel" inputMode="tel" {...form.field('phone')} />
          <Field label={t('kiosk.pin')} type="password" inputMode="numeric" maxLength={6} {...form.field('pin')} />
          <button type="submit" className="primary big" disabled={busy}>
            {t('kiosk.continue')}
          </button>
        </Form>
      )}
      <LanguageSwitch />
    </section>
  );
}
