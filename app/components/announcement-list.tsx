import { Link } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';

export type FamilyAnnouncementView = {
  id: string;
  title: string;
  urgent: boolean;
  requiresAck: boolean;
  pending: boolean;
  createdAt: string;
  centerName: string;
  classroomName: string | null;
  timeZone: string;
  readAt: string | null;
  acknowledgedAt: string | null;
};

/**
 * Announcements as a family sees them: what still waits for them first, each with what it asks.
 * Each title is a heading of `level`: 2 right under the page's title, 3 in a section of a page.
 */
export function AnnouncementList({
  announcements,
  level = 3,
}: {
  announcements: FamilyAnnouncementView[];
  level?: 2 | 3;
}) {
  const { t, i18n } = useTranslation();
  const Heading = level === 2 ? 'h2' : 'h3';
  const lng = i18n.language as Lang;
  return (
    <ul className="announcements">
      {announcements.map((a) => (
        <li
          key={a.id}
          className="card"
          data-pending={a.pending ? '' : undefined}
          data-urgent={a.urgent ? '' : undefined}
        >
          <Heading>
            <Link to={`/family/announcements/${a.id}`}>{a.title}</Link>
            {a.urgent ? <span className="badge urgent">{t('announcements.urgentBadge')}</span> : null}
            {a.pending ? (
              <span className="badge">{a.requiresAck ? t('announcements.needsAck') : t('announcements.unread')}</span>
            ) : null}
          </Heading>
          <p className="hint">
            {a.classroomName ? `${a.centerName} · ${a.classroomName}` : a.centerName} ·{' '}
            {formatDateTime(a.createdAt, lng, a.timeZone)}
          </p>
        </li>
      ))}
    </ul>
  );
}
