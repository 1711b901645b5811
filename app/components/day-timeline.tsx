import type { ReactNode } from 'react';
import { useTranslation } from '~/i18n/translation';
import { formatTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import type { TimelineItem } from '~/modules/day/day';
import { describeItem } from '~/modules/day/describe';

const key = (item: TimelineItem, i: number) =>
  item.type === 'entry' || item.type === 'refusedPickup' || item.type === 'planActivity' || item.type === 'childWords'
    ? item.id
    : `${item.type}-${i}`;

/**
 * A child's day, newest first, as the loader gave it: a revalidation (after an action, or a live
 * event) renders it again. `limit` shows only the newest few (the family's home page).
 */
export function DayTimeline({
  items,
  zone,
  limit,
  actions,
}: {
  items: TimelineItem[];
  zone: string;
  limit?: number;
  /** Buttons beside an entry (staff: end a nap, remove). */
  actions?: (item: Extract<TimelineItem, { type: 'entry' }>) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  if (items.length === 0) return <p className="empty">{t('day.nothingYet')}</p>;
  const shown = limit ? items.slice(0, limit) : items;
  return (
    <ol className="day-timeline">
      {shown.map((item, i) => {
        const { title, detail } = describeItem(item, t, lng, zone);
        const attention =
          (item.type === 'arrival' && (item.fever || item.marks)) || item.type === 'refusedPickup' ? 'attention' : '';
        return (
          <li
            key={key(item, i)}
            className={`day-item day-${item.type === 'entry' ? item.kind : item.type} ${attention}`}
          >
            <span className="day-time">{'at' in item ? formatTime(item.at, lng, zone) : ''}</span>
            <div>
              <strong>{title}</strong>
              {detail ? <span className="day-detail"> · {detail}</span> : null}
              {item.type === 'entry' && item.recordedByName ? (
                <span className="hint"> · {t('day.by', { name: item.recordedByName })}</span>
              ) : null}
              {item.type === 'entry' && item.photoId ? (
                <img
                  className="day-photo"
                  src={`/day-photos/${item.photoId}`}
                  alt={item.kind === 'photo' && item.data.caption ? item.data.caption : t('day.photoAlt')}
                  loading="lazy"
                />
              ) : null}
              {item.type === 'entry' && actions ? actions(item) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
