import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData, useParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { DayEntryForm } from '~/components/day-entry-form';
import { DayEntryActions } from '~/components/day-entry-actions';
import { formatLongDate, formatTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { listClassrooms } from '~/modules/centers/centers.server';
import { centerContext } from '~/modules/centers/context.server';
import { dayAction } from '~/modules/day/actions.server';
import { roomDay } from '~/modules/day/day.server';
import { describeItem } from '~/modules/day/describe';
import { found } from '~/modules/http.server';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';

// The room's day log: on a phone, choose the children who are here, a kind, fill once, save.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const liveSince = liveCursor();
  const { viewer, center, today } = await centerContext(request, params);
  const [room, classrooms] = await Promise.all([
    roomDay({ center, classroomId: params.classroomId!, date: today }),
    listClassrooms(center.id),
  ]);
  const day = found(room);
  return {
    ...day,
    classrooms: classrooms.map((c) => ({ id: c.id, name: c.name })),
    today,
    zone: center.timeZone,
    liveSince,
    viewer: { id: viewer.user.id, name: viewer.user.name, isCoordinator: viewer.roles.includes('coordinator') },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  return dayAction({ request, center, viewer });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** A colleague's entry, a child arriving or leaving (who can be logged for changes). */
const ROOM_EVENTS = [LIVE_TYPES.day, LIVE_TYPES.attendance];

export default function RoomDay() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const live = useLive(`/c/${useParams().centerId}/live`, { since: d.liveSince, types: ROOM_EVENTS });
  const away = d.children.filter((c) => !c.present);
  return (
    <section className="room-day">
      <h1>{t('day.roomTitle', { room: d.classroom.name })}</h1>
      <p className="lead">
        {formatLongDate(d.today, lng)} <LiveIndicator status={live} />
      </p>
      <nav className="room-tabs" aria-label={t('today.rooms')}>
        {d.classrooms.map((c) => (
          <Link
            key={c.id}
            to={`../day/${c.id}`}
            relative="path"
            aria-current={c.id === d.classroom.id ? 'page' : undefined}
          >
            {c.name}
          </Link>
        ))}
      </nav>
      {d.instructions.length > 0 ? (
        <div className="card">
          <h2>{t('day.instructionsToday')}</h2>
          <ul className="plain">
            {d.instructions.map((i) => (
              <li key={i.id}>
                <strong>{i.childName}</strong>: {i.medicine} · {i.dose}
                {i.instructions ? ` · ${i.instructions}` : ''}{' '}
                <span className="hint">({t('day.instructionFrom', { name: i.guardianName })})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <DayEntryForm
        key={d.classroom.id}
        children={d.children}
        instructions={d.instructions}
        viewerName={d.viewer.name}
      />
      {away.length > 0 ? (
        <p className="hint">{t('day.notHere', { names: away.map((c) => c.name).join(', ') })}</p>
      ) : null}

      <h2>{t('day.roomLog')}</h2>
      {d.entries.length === 0 ? <p className="empty">{t('day.nothingYet')}</p> : null}
      <ol className="day-timeline room-log">
        {d.entries.map((e) => (
          <RoomLogEntry key={e.id} entry={e} zone={d.zone} viewer={d.viewer} lng={lng} />
        ))}
      </ol>
    </section>
  );
}

function RoomLogEntry({
  entry,
  zone,
  viewer,
  lng,
}: {
  entry: Data['entries'][number];
  zone: string;
  viewer: Data['viewer'];
  lng: Lang;
}) {
  const { t } = useTranslation();
  const { title, detail } = describeItem(entry, t, lng, zone);
  return (
    <li className={`day-item day-${entry.kind}`}>
      <span className="day-time">{formatTime(entry.at, lng, zone)}</span>
      <div>
        <Link to={`../../children/${entry.childId}/day`} relative="path">
          <strong>{entry.childName}</strong>
        </Link>{' '}
        · {title}
        {detail ? <span className="day-detail"> · {detail}</span> : null}
        {entry.recordedByName ? <span className="hint"> · {t('day.by', { name: entry.recordedByName })}</span> : null}
        {entry.kind === 'photo' && !entry.photoId ? <p className="hint">{t('day.photoHidden')}</p> : null}
        {entry.photoId ? (
          <img className="day-photo" src={`/day-photos/${entry.photoId}`} alt={t('day.photoAlt')} loading="lazy" />
        ) : null}
        <DayEntryActions entry={entry} viewer={viewer} />
      </div>
    </li>
  );
}
