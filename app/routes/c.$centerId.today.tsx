import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import {
  Link,
  useFetcher,
  useLoaderData,
  useLocation,
  useParams,
  type ClientActionFunctionArgs,
  type ClientLoaderFunctionArgs,
} from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from '~/i18n/translation';
import { DoorCard, NeedsAttention } from '~/components/door-card';
import { keepDoorWhenOffline } from '~/components/keep-when-offline';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { showFocused } from '~/components/scroll-table';
import { formatLongDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import {
  AllowOnceSchema,
  ClockInSchema,
  DoorTapSchema,
  RefusePickupSchema,
  UndoSchema,
} from '~/modules/attendance/attendance';
import { DOOR_GROUPS, TAP_INTENTS, withWaitingTaps, type DoorDone } from '~/modules/attendance/door';
import { doorQueue, readRoster, recordTap, rememberViewer, viewerOnDevice } from '~/modules/attendance/door-device';
import { applyTap, tapOf } from '~/modules/attendance/taps.server';
import { dayEnd } from '~/modules/time/time';
import { useKeptRoster, useTapQueue } from '~/components/use-door-device';
import { DoorDeviceStatus } from '~/components/door-device-status';
import { checkOut, recordRefusedPickup, UNDO_MINUTES, undoTap } from '~/modules/attendance/attendance.server';
import { clockIn, clockOut, openShift, todayBoard } from '~/modules/attendance/board.server';
import { listClassrooms } from '~/modules/centers/centers.server';
import { centerContext } from '~/modules/centers/context.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';
import { forbidden } from '~/modules/http.server';
import { readForm } from '~/modules/forms/read.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const since = liveCursor();
  const { viewer, center, today } = await centerContext(request, params);
  const { user, roles } = viewer;
  const [classrooms, shift] = await Promise.all([
    listClassrooms(center.id),
    openShift({ centerId: center.id, userId: user.id }),
  ]);
  const asked = new URL(request.url).searchParams.get('room');
  const room =
    classrooms.find((c) => c.id === asked) ?? classrooms.find((c) => c.id === shift?.classroom_id) ?? classrooms[0];
  const board = room ? await todayBoard({ center, classroomId: room.id }) : null;
  const dayEndsAt = dayEnd(center.timeZone, today);
  // The service worker keeps this page for offline use until the day ends (public/sw.js).
  const headers = { 'X-Asuh-Keep-Until': dayEndsAt };
  return data(
    {
      classrooms: classrooms.map((c) => ({ id: c.id, name: c.name })),
      room: room ? { id: room.id, name: room.name } : null,
      board,
      shiftRoomId: shift?.classroom_id ?? null,
      isCoordinator: roles.includes('coordinator'),
      zone: center.timeZone,
      viewerId: user.id,
      undoUntil: Date.now() - UNDO_MINUTES * 60_000,
      liveSince: since,
      // What the device keeps of this page is kept until the center's day ends.
      dayEndsAt,
      /** Set in the browser when the page shows what the device kept (offline). */
      savedOnDevice: false,
    },
    { headers },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

/**
 * A check-in, check-out or absence is kept on the device, then sent to ./taps with any taps that
 * wait: its answer shows on the card, or, offline, the card says it waits (decision 0017).
 */
export async function clientAction({ request, params, serverAction }: ClientActionFunctionArgs) {
  // In the browser: readForm is the server's body reader; serverAction() sends the body itself.
  // eslint-disable-next-line no-restricted-syntax
  const formData = await request.clone().formData();
  const intent = formData.get('intent');
  if (!TAP_INTENTS.some((i) => i === intent)) return serverAction<typeof action>();
  const userId = viewerOnDevice();
  if (!userId) throw new Error('The door screen has not said who is at the door');
  const answer = await recordTap(doorQueue(params.centerId!, userId), formData);
  const childId = String(formData.get('childId'));
  if (!answer) return { ok: true, childId, queued: true } satisfies DoorDone;
  if (answer.outcome === 'applied' || answer.outcome === 'duplicate')
    return { ok: true, childId, already: answer.outcome === 'duplicate', followUp: answer.followUp } satisfies DoorDone;
  const values = Object.fromEntries([...formData].filter((e): e is [string, string] => typeof e[1] === 'string'));
  const errors =
    answer.outcome === 'invalid'
      ? answer.errors
      : answer.error === 'feverUnconfirmed'
        ? { fever_confirmed: 'errors.feverUnconfirmed' }
        : { form: `errors.${answer.error}` };
  return { errors, values, intent };
}

/** Offline, the room's roster as the device kept it today (saved by useDoorDevice). */
export async function clientLoader({ request, params, serverLoader }: ClientLoaderFunctionArgs) {
  try {
    return await serverLoader<typeof loader>();
  } catch (error) {
    if (navigator.onLine && !(error instanceof TypeError)) throw error;
    const userId = viewerOnDevice();
    const kept = userId ? await readRoster(rosterKey(params.centerId!, new URL(request.url)), userId) : null;
    if (!kept) throw error;
    return { ...(kept as Awaited<ReturnType<typeof loader>>), savedOnDevice: true };
  }
}

export const shouldRevalidate = keepDoorWhenOffline;

const rosterKey = (centerId: string, url: URL) => `${centerId}:${url.searchParams.get('room') ?? ''}`;

/** Another caregiver's tap, a staff member clocking in: the board changes. */
const DOOR_EVENTS = [LIVE_TYPES.attendance, LIVE_TYPES.shift];

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  const { user, roles } = viewer;
  const centerId = center.id;
  const formData = await readForm(request);
  const base = { centerId, actorId: user.id };
  const childId = formData.get('childId');
  const done = (extra: Omit<DoorDone, 'ok' | 'childId'> = {}) =>
    data<DoorDone>({ ok: true, childId: typeof childId === 'string' ? childId : null, ...extra });
  const refused = (error: string) => failure(formData, { form: `errors.${error}` });
  switch (formData.get('intent')) {
    case 'check-in':
    case 'check-out':
    case 'absent': {
      // Sent without JavaScript: the browser's door sends its taps to ./taps (see clientAction).
      const parsed = parseForm(formData, DoorTapSchema);
      if (!parsed.ok) return parsed.response;
      const answer = await applyTap(tapOf(parsed.data, { ...base, device: 'door' }));
      if (answer.outcome !== 'refused')
        return done({ already: answer.outcome === 'duplicate', followUp: answer.followUp });
      return answer.error === 'feverUnconfirmed'
        ? failure(formData, { fever_confirmed: 'errors.feverUnconfirmed' })
        : refused(answer.error ?? 'notFound');
    }
    case 'refuse-pickup': {
      const parsed = parseForm(formData, RefusePickupSchema);
      if (!parsed.ok) return parsed.response;
      const attemptId = await recordRefusedPickup({
        ...base,
        childId: parsed.data.childId,
        personName: parsed.data.person_name,
      });
      if (!attemptId) return refused('notFound');
      return done({ refusedPickup: parsed.data.person_name, refusedPickupId: attemptId });
    }
    case 'allow-once': {
      if (!roles.includes('coordinator')) forbidden();
      const parsed = parseForm(formData, AllowOnceSchema);
      if (!parsed.ok) return parsed.response;
      const result = await checkOut({
        ...base,
        childId: parsed.data.childId,
        oneTime: { name: parsed.data.person_name, reason: parsed.data.reason },
      });
      return result.ok ? done() : refused(result.error);
    }
    case 'clock-in': {
      const parsed = parseForm(formData, ClockInSchema);
      if (!parsed.ok || !(await clockIn({ center, classroomId: parsed.data.classroomId, userId: user.id })))
        return refused('notFound');
      return done();
    }
    case 'undo': {
      const parsed = parseForm(formData, UndoSchema);
      if (!parsed.ok) return refused('notFound');
      const result = await undoTap({ ...base, attendanceId: parsed.data.attendanceId });
      return result.ok ? done() : refused(result.error);
    }
    case 'clock-out':
      await clockOut({ centerId, userId: user.id });
      return done();
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Child = NonNullable<Data['board']>['board'][number];

/** Names and nicknames as people type them: case and accents do not matter. */
const searchable = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('id');

export default function Today() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const clock = useFetcher();
  const [query, setQuery] = useState('');
  const centerId = useParams().centerId!;
  const live = useLive(`/c/${centerId}/live`, { since: d.liveSince, types: DOOR_EVENTS });
  rememberViewer(d.viewerId);
  const device = useTapQueue(doorQueue(centerId, d.viewerId));
  useKeptRoster({
    userId: d.viewerId,
    rosterKey: rosterKey(centerId, new URL(useLocation().search, 'http://door')),
    roster: d.savedOnDevice ? null : d,
    dayEndsAt: d.dayEndsAt,
    photoUrls: (d.board?.board ?? []).flatMap((c) =>
      c.collectors.flatMap((p) => (p.photoId ? [`/c/${centerId}/children/${c.id}/documents/${p.photoId}`] : [])),
    ),
  });
  if (!d.room || !d.board) return <p className="empty">{t('center.noClassrooms')}</p>;
  // The server's board, with this device's records that wait to be sent.
  const board = { ...d.board, board: withWaitingTaps(d.board.board, device.waiting) };
  const room = d.room;
  const ratio = board.ratios.find((r) => r.id === room.id)!;
  // This room's shortage is on its ratio card; the banner is for the other rooms only.
  const otherRoomsShort = board.ratios.filter((r) => !r.ok && r.id !== room.id);
  // The caregiver's own tap of the last few minutes can be taken back (the server checks again).
  const canUndo = (r: Child['record']) =>
    r !== null &&
    ((r.checkOutAt !== null && r.checkOutBy === d.viewerId && Date.parse(r.checkOutAt) >= d.undoUntil) ||
      (r.checkOutAt === null &&
        r.checkInAt !== null &&
        r.checkInBy === d.viewerId &&
        Date.parse(r.checkInAt) >= d.undoUntil));
  const counts = {
    here: board.board.filter((c) => c.status === 'present').length,
    expected: board.board.filter((c) => c.status === 'expected').length,
  };
  const wanted = searchable(query.trim());
  const card = (child: Child) => (
    <DoorCard
      key={child.id}
      child={child}
      zone={d.zone}
      feverThreshold={board.feverThreshold}
      isCoordinator={d.isCoordinator}
      canUndo={canUndo(child.record)}
    />
  );
  const groups = DOOR_GROUPS.map((g) => ({
    ...g,
    children: board.board.filter(
      (c) => (g.statuses as readonly string[]).includes(c.status) && searchable(c.name).includes(wanted),
    ),
  }));
  const found = groups.reduce((n, g) => n + g.children.length, 0);
  return (
    <section className="today">
      <h1>{t('today.title', { room: room.name })}</h1>
      <p className="lead">
        {formatLongDate(board.date, lng)} · {t('today.counts', counts)} <LiveIndicator status={live} />
      </p>

      <div className={`ratio card ${ratio.ok ? '' : 'ratio-warning'}`} role={ratio.ok ? undefined : 'alert'}>
        <p>
          <strong>
            {ratio.children === 0
              ? t(ratio.staff === 0 ? 'today.ratioEmpty' : 'today.ratioNoChildren', { count: ratio.staff })
              : t('today.ratio', { staff: ratio.staff, count: ratio.children, required: ratio.required })}
          </strong>
          {ratio.ok ? null : <> · {t('today.outOfRatio', { count: ratio.short })}</>}
        </p>
        {ratio.staffNames.length ? (
          <p className="hint">{t('today.onShift', { names: ratio.staffNames.join(', ') })}</p>
        ) : null}
        {/* The server counts the ratio; the list above already shows the records this device keeps. */}
        {device.waiting.length ? (
          <p className="hint">{t('today.ratioBeforeWaiting', { count: device.waiting.length })}</p>
        ) : null}
        {ratio.notCounted.map((p) => (
          <p key={p.name} className="hint">
            {p.reason === 'lapsed'
              ? t('today.notCountedLapsed', {
                  name: p.name,
                  checks: p.lapsed.map((k) => t(`safeguarding.checkShort.${k}`)).join(', '),
                })
              : t('today.notCountedDecided', { name: p.name })}
          </p>
        ))}
        {!board.rulesConfirmed ? (
          <details className="hint">
            <summary>{t('today.rulesDefault')}</summary>
            {t('today.rulesUnconfirmed')}
          </details>
        ) : null}
      </div>
      {otherRoomsShort.length > 0 ? (
        <div className="notice" role="alert">
          <strong>{t('today.needHelp')}</strong>{' '}
          {otherRoomsShort.map((r) => t('today.needHelpRoom', { room: r.name, count: r.short })).join(' · ')}
        </div>
      ) : null}

      <DoorDeviceStatus
        {...device}
        savedOnDevice={d.savedOnDevice}
        names={new Map(board.board.map((c) => [c.id, c.name]))}
        zone={d.zone}
      />
      <NeedsAttention children={board.board} />
      {board.board.length === 0 ? (
        <p className="empty">{t('today.nobody')}</p>
      ) : (
        <label className="door-search">
          <span className="visually-hidden">{t('today.search')}</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('today.searchPlaceholder')}
            autoComplete="off"
          />
        </label>
      )}
      {wanted && found === 0 ? <p className="empty">{t('today.noMatch', { query: query.trim() })}</p> : null}
      {groups.map((g) =>
        g.children.length === 0 ? null : g.folded && !wanted ? (
          <details key={g.key} className="door-group">
            <summary>{t(`today.groups.${g.key}`, { count: g.children.length })}</summary>
            <ul className="door-list">{g.children.map(card)}</ul>
          </details>
        ) : (
          <div key={g.key} className="door-group">
            <h2 className="door-group-title">{t(`today.groups.${g.key}`, { count: g.children.length })}</h2>
            <ul className="door-list">{g.children.map(card)}</ul>
          </div>
        ),
      )}
      <p className="no-print">
        <Link to={`../reports/sign-in?room=${room.id}`} relative="path">
          {t('reports.signInSheet')}
        </Link>{' '}
        ·{' '}
        <Link to="../reports/roll-call" relative="path">
          {t('reports.rollCall')}
        </Link>
      </p>

      {/* Within the thumb's reach: the room switch and the shift, at the bottom of the screen. */}
      <div className="door-dock">
        <nav className="room-tabs" aria-label={t('today.rooms')} onFocus={showFocused}>
          {d.classrooms.map((c) => (
            <Link key={c.id} to={`?room=${c.id}`} aria-current={c.id === room.id ? 'page' : undefined}>
              {c.name}
            </Link>
          ))}
        </nav>
        <clock.Form method="post">
          <input type="hidden" name="classroomId" value={room.id} />
          {d.shiftRoomId === room.id ? (
            <button type="submit" name="intent" value="clock-out" className="secondary">
              {t('today.clockOut')}
            </button>
          ) : (
            <button
              type="submit"
              name="intent"
              value="clock-in"
              className="secondary"
              aria-label={t('today.clockIn', { room: room.name })}
            >
              {t('today.clockInShort')}
            </button>
          )}
        </clock.Form>
      </div>
    </section>
  );
}
