import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useFetcher, useLoaderData, useParams } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from '~/i18n/translation';
import { DoorCard, NeedsAttention } from '~/components/door-card';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { formatLongDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import {
  AbsentSchema,
  AllowOnceSchema,
  CheckInSchema,
  CheckOutSchema,
  ClockInSchema,
  RefusePickupSchema,
  UndoSchema,
} from '~/modules/attendance/attendance';
import { DOOR_GROUPS, type DoorDone } from '~/modules/attendance/door';
import {
  checkIn,
  checkOut,
  markAbsent,
  recordRefusedPickup,
  UNDO_MINUTES,
  undoTap,
} from '~/modules/attendance/attendance.server';
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
  const { viewer, center } = await centerContext(request, params);
  const { user, roles } = viewer;
  const [classrooms, shift] = await Promise.all([
    listClassrooms(center.id),
    openShift({ centerId: center.id, userId: user.id }),
  ]);
  const asked = new URL(request.url).searchParams.get('room');
  const room =
    classrooms.find((c) => c.id === asked) ?? classrooms.find((c) => c.id === shift?.classroom_id) ?? classrooms[0];
  const board = room ? await todayBoard({ center, classroomId: room.id }) : null;
  return {
    classrooms: classrooms.map((c) => ({ id: c.id, name: c.name })),
    room: room ? { id: room.id, name: room.name } : null,
    board,
    shiftRoomId: shift?.classroom_id ?? null,
    isCoordinator: roles.includes('coordinator'),
    zone: center.timeZone,
    viewerId: user.id,
    undoUntil: Date.now() - UNDO_MINUTES * 60_000,
    liveSince: since,
  };
}

/** Another caregiver's tap, a staff member clocking in: the board changes. */
const DOOR_EVENTS = [LIVE_TYPES.attendance, LIVE_TYPES.shift];

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params);
  const { user, roles } = viewer;
  const centerId = center.id;
  const formData = await readForm(request);
  const base = { centerId, actorId: user.id };
  const childId = formData.get('childId');
  const done = (extra: Omit<DoorDone, 'ok' | 'childId'> = {}) =>
    data<DoorDone>({ ok: true, childId: typeof childId === 'string' ? childId : null, ...extra });
  const refused = (error: string) => failure(formData, { form: `errors.${error}` });
  switch (formData.get('intent')) {
    case 'check-in': {
      const parsed = parseForm(formData, CheckInSchema);
      if (!parsed.ok) return parsed.response;
      const d = parsed.data;
      const result = await checkIn({
        ...base,
        childId: d.childId,
        health: {
          temperatureTenths: d.temperature,
          marksNote: d.marks_note,
          mood: d.mood,
          broughtBy: d.brought_by,
          feverConfirmed: d.fever_confirmed,
        },
      });
      if (!result.ok)
        return result.error === 'feverUnconfirmed'
          ? failure(formData, { fever_confirmed: 'errors.feverUnconfirmed' })
          : refused(result.error);
      return done({ already: result.already });
    }
    case 'check-out': {
      const parsed = parseForm(formData, CheckOutSchema);
      if (!parsed.ok) return parsed.response;
      const result = await checkOut({ ...base, childId: parsed.data.childId, collectorKey: parsed.data.collector });
      return result.ok ? done({ already: result.already }) : refused(result.error);
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
    case 'absent': {
      const parsed = parseForm(formData, AbsentSchema);
      if (!parsed.ok) return parsed.response;
      const result = await markAbsent({
        ...base,
        childId: parsed.data.childId,
        date: today,
        reason: parsed.data.reason,
        note: parsed.data.note,
      });
      return result.ok ? done({ followUp: result.followUp }) : refused(result.error);
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
  const live = useLive(`/c/${useParams().centerId}/live`, { since: d.liveSince, types: DOOR_EVENTS });
  if (!d.room || !d.board) return <p className="empty">{t('center.noClassrooms')}</p>;
  const board = d.board;
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
        <nav className="room-tabs" aria-label={t('today.rooms')}>
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
