import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { KioskActSchema, KioskPinSchema } from '~/modules/attendance/attendance';
import { checkIn, checkOut } from '~/modules/attendance/attendance.server';
import { isGuardianOf, readTicket, verifyGuardianPin } from '~/modules/attendance/kiosk.server';
import { requireUser } from '~/modules/auth/require-user.server';
import { getCenter } from '~/modules/centers/centers.server';
import { todayAttendance } from '~/modules/children/children.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { localDate } from '~/modules/time/time';
import { readForm } from '~/modules/forms/read.server';

// A shared tablet at the door, signed in by staff, on which guardians use their own PIN.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { centerId: params.centerId! });
  const center = await getCenter(params.centerId!);
  return { centerName: center.name };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await requireUser(request, { centerId: params.centerId! });
  const centerId = params.centerId!;
  const formData = await readForm(request);
  const center = await getCenter(centerId);
  if (formData.get('intent') === 'pin') {
    const parsed = parseForm(formData, KioskPinSchema);
    if (!parsed.ok) return parsed.response;
    const result = await verifyGuardianPin({ centerId, phone: parsed.data.phone, pin: parsed.data.pin, ip: context.clientIp ?? 'unknown' });
    if (!result.ok) {
      const message = result.error === 'pinWrong' ? 'errors.pinWrong' : result.error === 'loginLocked' ? `errors.loginLocked?minutes=${Math.ceil(result.retryAfterSeconds / 60)}` : `errors.loginThrottled?seconds=${result.retryAfterSeconds}`;
      return failure(formData, { form: message });
    }
    const today = localDate(center.time_zone);
    const attendance = await todayAttendance(result.children.map((c) => ({ id: c.id, today })));
    return data({ family: { ticket: result.ticket, guardianName: result.guardianName, children: result.children.map((c) => ({ ...c, status: attendance.find((a) => a.child_id === c.id)?.status ?? 'expected' })) } });
  }
  const parsed = parseForm(formData, KioskActSchema);
  if (!parsed.ok) return parsed.response;
  const userId = readTicket(parsed.data.ticket, centerId);
  if (!userId || !(await isGuardianOf(userId, parsed.data.childId))) return failure(formData, { form: 'errors.kioskExpired' });
  const result =
    parsed.data.intent === 'kiosk-in'
      ? await checkIn({ centerId, childId: parsed.data.childId, actorId: userId })
      : await checkOut({ centerId, childId: parsed.data.childId, actorId: userId, collectorKey: `guardian:${userId}` });
  if (!result.ok) return failure(formData, { form: `errors.${result.error === 'feverUnconfirmed' ? 'notFound' : result.error}` });
  return data({ done: parsed.data.intent });
}

export default function Kiosk() {
  const { centerName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== 'idle';
  const form = useValidatedForm(KioskPinSchema, { intent: 'pin' });
  const family = actionData && 'family' in actionData ? actionData.family : null;
  const done = actionData && 'done' in actionData ? actionData.done : null;
  return (
    <section className="kiosk narrow card">
      <p className="eyebrow">{centerName}</p>
      <h1>{t('kiosk.title')}</h1>
      {done ? (
        <p className="notice" role="status">
          {t(done === 'kiosk-in' ? 'kiosk.doneIn' : 'kiosk.doneOut')}
        </p>
      ) : null}
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
                    <button type="submit" name="intent" value="kiosk-out" className="primary big" disabled={busy}>
                      {t('today.checkOut')}
                    </button>
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
    </section>
  );
}
