import { useTranslation } from '~/i18n/translation';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { shownStatus } from '~/modules/enrollment/rules';
import type { ApplicationStatus } from '~db/schema';

/** Each status change of an application, oldest first, with its note. */
export function ApplicationTimeline({
  events,
  timeZone,
}: {
  events: {
    at: string;
    to_status: ApplicationStatus;
    declinedByFamily: boolean;
    note: string | null;
    actorName?: string | null;
  }[];
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="timeline">
      {events.map((e, i) => (
        <li key={i}>
          <time dateTime={e.at}>{formatDateTime(e.at, i18n.language as Lang, timeZone)}</time> ·{' '}
          <strong>{t(`applicationStatus.${shownStatus(e.to_status, e.declinedByFamily)}`)}</strong>
          {e.actorName ? ` · ${e.actorName}` : null}
          {e.note ? <p className="note">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
