import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatLongDate, formatTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { CorrectionSchema } from '~/modules/attendance/attendance';
import { correctAttendance } from '~/modules/attendance/attendance.server';
import { attendanceRecord } from '~/modules/attendance/board.server';
import { tapsOfDay } from '~/modules/attendance/taps.server';
import { centerContext } from '~/modules/centers/context.server';
import { localTimeToUtc } from '~/modules/time/time';
import { setFlash } from '~/modules/auth/session.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { forbidden, found } from '~/modules/http.server';
import { readForm } from '~/modules/forms/read.server';

// A wrong time or the wrong child is corrected with a reason; the history stays in the audit log.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  const record = found(await attendanceRecord({ centerId: center.id, attendanceId: params.attendanceId! }));
  return {
    ...record,
    canVoid: viewer.roles.includes('coordinator'),
    // Every tap the door devices sent for this day, the ones that did not count too.
    taps: await tapsOfDay({ centerId: center.id, childId: record.child_id, date: record.date }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  const { user, session, roles } = viewer;
  const record = found(await attendanceRecord({ centerId: center.id, attendanceId: params.attendanceId! }));
  const formData = await readForm(request);
  const parsed = parseForm(formData, CorrectionSchema);
  if (!parsed.ok) return parsed.response;
  // Voiding takes the child off the emergency roll call: the coordinator decides that.
  if (parsed.data.intent === 'void' && !roles.includes('coordinator')) forbidden();
  const toInstant = (time: string | undefined) =>
    time ? localTimeToUtc(record.date, time, center.timeZone) : undefined;
  const result = await correctAttendance({
    centerId: center.id,
    attendanceId: record.id,
    actorId: user.id,
    voidVisit: parsed.data.intent === 'void',
    checkInAt: toInstant(parsed.data.check_in_time),
    checkOutAt: parsed.data.check_out_time === '' ? undefined : toInstant(parsed.data.check_out_time),
    reason: parsed.data.reason,
  });
  if (!result.ok) return failure(formData, { form: `errors.correction_${result.error}` });
  await setFlash(session, 'flash.saved');
  return redirect(`/c/${center.id}/today?room=${record.classroom_id ?? ''}`);
}

export default function Correction() {
  const r = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const local = (iso: string | null) => (iso ? formatTime(iso, 'en', r.zone) : '');
  const form = useValidatedForm(CorrectionSchema, {
    defaultValues: { check_in_time: local(r.check_in_at), check_out_time: local(r.check_out_at), intent: 'times' },
  });
  return (
    <section className="narrow-wide">
      <h1>{t('correction.title', { name: r.childName })}</h1>
      <p className="lead">
        {formatLongDate(r.date, lng)} · {t(`doorStatus.${r.status}`)}
        {r.check_in_at ? ` · ${t('today.in', { time: formatTime(r.check_in_at, lng, r.zone) })}` : ''}
        {r.check_out_at
          ? ` · ${t('today.out', { time: formatTime(r.check_out_at, lng, r.zone), name: r.picked_up_by })}`
          : ''}
      </p>
      <Form method="post" onSubmit={form.onSubmit} noValidate className="card">
        <ErrorMessage message={form.formError} />
        <Field label={t('correction.checkIn')} type="time" {...form.field('check_in_time')} />
        <Field label={t('correction.checkOut')} type="time" {...form.field('check_out_time')} />
        <Field label={t('correction.reason')} {...form.field('reason')} hint={t('correction.reasonHint')} />
        <div className="actions">
          <button type="submit" name="intent" value="times" className="primary">
            {t('correction.saveTimes')}
          </button>
          {r.canVoid ? (
            <button type="submit" name="intent" value="void" className="secondary danger">
              {t('correction.void')}
            </button>
          ) : null}
        </div>
      </Form>
      {r.taps.length ? (
        <section className="card" aria-labelledby="door-history">
          <h2 id="door-history">{t('door.history.title')}</h2>
          <ul className="plain">
            {r.taps.map((tap) => (
              <li key={tap.clientId}>
                <strong>{formatTime(tap.tappedAt, lng, r.zone)}</strong> · {t(`door.intents.${tap.intent}`)}
                {tap.collectorName ? ` (${tap.collectorName})` : ''} ·{' '}
                {t(`door.history.by.${tap.device}`, { name: tap.actorName })} ·{' '}
                {tap.outcome === 'refused'
                  ? t('door.refused', { reason: t(`errors.${tap.error}`) })
                  : t(`door.history.outcomes.${tap.outcome}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
