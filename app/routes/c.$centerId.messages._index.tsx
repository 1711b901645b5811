import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { FilterSelect } from '~/components/filter-select';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { centerContext } from '~/modules/centers/context.server';
import { listClassrooms } from '~/modules/centers/centers.server';
import { listEnrolledChildren } from '~/modules/children/children.server';
import { listInbox } from '~/modules/messaging/conversations.server';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';

const PREVIEW_CHARS = 120;

// The center's conversations with families: unread first to the eye (a count per child), newest first.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const liveSince = liveCursor();
  const { viewer, center } = await centerContext(request, params);
  const url = new URL(request.url);
  const [classrooms, children] = await Promise.all([listClassrooms(center.id), listEnrolledChildren(center.id)]);
  // "Write to a family": the chosen child's conversation (a GET that only leads there).
  const chosen = children.find((c) => c.id === url.searchParams.get('child'));
  if (chosen) throw redirect(`/c/${center.id}/messages/${chosen.id}`);
  const room = classrooms.find((c) => c.id === url.searchParams.get('room'))?.id ?? null;
  const conversations = await listInbox({ centerId: center.id, viewerId: viewer.user.id, classroomId: room });
  return {
    centerId: center.id,
    zone: center.timeZone,
    liveSince,
    room,
    classrooms: classrooms.map((c) => ({ id: c.id, name: c.name })),
    children: children.map((c) => ({ id: c.id, name: c.full_name })),
    conversations: conversations.map((c) => ({
      ...c,
      preview: c.lastBody && c.lastBody.length > PREVIEW_CHARS ? `${c.lastBody.slice(0, PREVIEW_CHARS)}…` : c.lastBody,
    })),
  };
}

const INBOX_EVENTS = [LIVE_TYPES.message, LIVE_TYPES.read];

export default function Inbox() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const live = useLive(`/c/${d.centerId}/live`, { since: d.liveSince, types: INBOX_EVENTS });
  return (
    <section>
      <h1>{t('messages.inboxTitle')}</h1>
      <p className="lead">
        <LiveIndicator status={live} />
      </p>
      <Form method="get" className="filters">
        <FilterSelect
          name="room"
          label={t('child.classroom')}
          defaultValue={d.room ?? ''}
          empty={t('messages.allRooms')}
          options={d.classrooms.map((c) => ({ value: c.id, label: c.name }))}
        />
        <button type="submit" className="secondary">
          {t('audit.filter')}
        </button>
      </Form>
      {d.conversations.length === 0 ? (
        <p className="empty">{d.room ? t('messages.inboxEmptyRoom') : t('messages.inboxEmpty')}</p>
      ) : (
        <ul className="inbox">
          {d.conversations.map((c) => (
            <li key={c.childId} className="card" data-unread={c.unread > 0 ? '' : undefined}>
              <h2>
                <Link to={`/c/${d.centerId}/messages/${c.childId}`}>
                  {c.nickname ? `${c.childName} (${c.nickname})` : c.childName}
                </Link>
                {c.unread > 0 ? <span className="badge">{t('messages.unreadCount', { count: c.unread })}</span> : null}
              </h2>
              <p className="hint">
                {c.classroomName ?? t('child.noClassroom')} ·{' '}
                {c.lastMessageAt ? formatDateTime(c.lastMessageAt, lng, d.zone) : null}
              </p>
              <p className="message-preview">
                <strong>{c.lastAuthor}:</strong> {c.preview}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('messages.writeToFamily')}</h2>
      <Form method="get" className="filters">
        <FilterSelect
          name="child"
          label={t('roster.child')}
          defaultValue=""
          empty={t('messages.chooseChild')}
          options={d.children.map((c) => ({ value: c.id, label: c.name }))}
        />
        <button type="submit" className="secondary">
          {t('messages.open')}
        </button>
      </Form>
    </section>
  );
}
