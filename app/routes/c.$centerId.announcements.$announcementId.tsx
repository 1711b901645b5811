import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage } from '~/components/field';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { setFlash } from '~/modules/auth/session.server';
import { centerContext } from '~/modules/centers/context.server';
import { failure } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { found, notFound } from '~/modules/http.server';
import { announcementDetail, remindPending } from '~/modules/messaging/announcements.server';
import { ANNOUNCING_ROLES } from '~/modules/messaging/messaging';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';
import { ScrollTable } from '~/components/scroll-table';

const roles = [...ANNOUNCING_ROLES];

// One announcement for its staff: who has read and acknowledged it, who not yet, and the reminder.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const liveSince = liveCursor();
  const { viewer, center } = await centerContext(request, params, { roles });
  const detail = found(await announcementDetail({ centerId: center.id, announcementId: params.announcementId! }));
  return {
    ...detail,
    centerId: center.id,
    zone: center.timeZone,
    mayRemind: viewer.roles.includes('coordinator') || detail.announcement.createdBy === viewer.user.id,
    liveSince,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles });
  const formData = await readForm(request);
  if (formData.get('intent') !== 'remind') return failure(formData, { form: 'errors.invalid' });
  const result = await remindPending({
    centerId: center.id,
    announcementId: params.announcementId!,
    actorId: viewer.user.id,
    roles: viewer.roles,
  });
  if (!result.ok) {
    if (result.error === 'notFound') notFound();
    return failure(formData, {
      form:
        result.error === 'remindedRecently' ? `errors.remindedRecently?at=${result.retryAt}` : `errors.${result.error}`,
    });
  }
  await setFlash(viewer.session, 'flash.reminderSent');
  return redirect(`/c/${center.id}/announcements/${params.announcementId!}`);
}

/** A family reads or acknowledges: who is still pending changes. */
const RECEIPT_EVENTS = [LIVE_TYPES.announcementReceipt];

export default function AnnouncementDetail() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const a = d.announcement;
  const live = useLive(`/c/${d.centerId}/live`, { since: d.liveSince, types: RECEIPT_EVENTS });
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lng, d.zone) : '—');
  const formError = actionData && 'errors' in actionData ? actionData.errors.form : undefined;
  // The retry time travels as an instant; it is shown in the center's time.
  const [errorKey, retry] = formError?.split('?at=') ?? [];
  return (
    <section>
      <p>
        <Link to={`/c/${d.centerId}/announcements`}>{t('announcements.back')}</Link>
      </p>
      <h1>
        {a.title}
        {a.urgent ? <span className="badge urgent">{t('announcements.urgentBadge')}</span> : null}
      </h1>
      <p className="hint">
        {a.classroomName ?? t('announcements.wholeCenter')} · {when(a.createdAt)} · {a.authorName}{' '}
        <LiveIndicator status={live} />
      </p>
      <p className="announcement-body">{a.body}</p>
      <dl className="facts">
        <dt>{t('announcements.recipients')}</dt>
        <dd>{a.recipients}</dd>
        <dt>{t('announcements.readLabel')}</dt>
        <dd>{a.read}</dd>
        {a.requiresAck ? (
          <>
            <dt>{t('announcements.ackLabel')}</dt>
            <dd>{a.acknowledged}</dd>
          </>
        ) : null}
        <dt>{t('announcements.lastReminder')}</dt>
        <dd>{when(d.lastRemindedAt)}</dd>
      </dl>

      <h2>
        {a.requiresAck
          ? t('announcements.pendingAck', { count: d.pending })
          : t('announcements.pendingRead', { count: d.pending })}
      </h2>
      {d.mayRemind && d.pending > 0 ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="remind" />
          {errorKey ? (
            <ErrorMessage message={retry ? `${errorKey}?at=${encodeURIComponent(when(retry))}` : errorKey} />
          ) : null}
          {d.nextReminderAt ? (
            <p className="hint">{t('announcements.nextReminder', { at: when(d.nextReminderAt) })}</p>
          ) : null}
          <button type="submit" className="secondary" disabled={d.nextReminderAt !== null}>
            {t('announcements.remind', { count: d.pending })}
          </button>
        </Form>
      ) : null}
      <ScrollTable label={t('announcements.recipients')}>
        <table>
          <thead>
            <tr>
              <th>{t('announcements.family')}</th>
              <th>{t('announcements.children')}</th>
              <th>{t('announcements.readLabel')}</th>
              {a.requiresAck ? <th>{t('announcements.ackLabel')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {d.families.map((f) => (
              <tr key={f.userId} data-pending={f.pending ? '' : undefined}>
                <td>
                  {f.name}
                  {f.pending ? <span className="badge">{t('announcements.pending')}</span> : null}
                </td>
                <td>{f.children.join(', ')}</td>
                <td>{when(f.readAt)}</td>
                {a.requiresAck ? <td>{when(f.acknowledgedAt)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}
