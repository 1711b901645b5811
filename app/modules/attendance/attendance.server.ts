// Check-in and check-out at the door. Every write is keyed by (child, local day), so a double
// tap, two caregivers acting at once or a retried request lands once. Nothing is deleted but a
// check-in its caregiver takes back within UNDO_MINUTES (audited with the whole row).
import type { Insertable, Kysely, Updateable } from 'kysely';
import { getDb, inTransaction } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { AbsenceReason, AttendanceStatus, AttendanceTable, DB } from '~db/schema';
import { fieldsBefore } from '../audit/audit';
import { recordChange } from '../audit/audit.server';
import { queueDailySummaryAtCheckOut } from '../day/summary.server';
import { missedDaysColumn, scheduleDaysColumn } from '../json-columns';
import { publish } from '../live/bus.server';
import { childChangeTopics, LIVE_TYPES, type AttendanceChange } from '../live/topics';
import { localDate, type Weekday } from '../time/time';
import { arrivalHealthNotice, arrivalNeedsNotice, refusedPickupNotice } from './notices.server';
import { FOLLOW_UP_AFTER, hasFever, isExpectedOn, unexplainedStreak } from './rules';

export type HealthCheck = {
  temperatureTenths: number | null;
  marksNote: string | null;
  mood: string | null;
  broughtBy: string | null;
  feverConfirmed: boolean;
};

/** The child (enrolled, of this center) with what the door needs to know about its center. */
async function childAtCenter(db: Kysely<DB>, centerId: string, childId: string) {
  return db
    .selectFrom('children')
    .innerJoin('centers', 'centers.id', 'children.center_id')
    .select([
      'children.id',
      'children.classroom_id',
      'children.schedule_days',
      'children.start_date',
      'centers.time_zone',
      'centers.fever_threshold_tenths',
      'centers.opening_hours',
    ])
    .where('children.id', '=', childId)
    .where('children.center_id', '=', centerId)
    .where('children.status', '=', 'enrolled')
    .executeTakeFirst();
}

type DayFields = Omit<
  Insertable<AttendanceTable>,
  'id' | 'center_id' | 'child_id' | 'classroom_id' | 'date' | 'fever_confirmed' | 'created_at' | 'updated_at'
> & { fever_confirmed?: number };

/**
 * The child's first record of the day, unless one exists already (the unique key on child and day
 * lets only one of two racing taps insert), with its audit entry. Its id when this call inserted it.
 */
async function insertDayOnce(
  trx: Kysely<DB>,
  {
    centerId,
    child,
    date,
    actorId,
    at,
    fields,
  }: {
    centerId: string;
    child: { id: string; classroom_id: string | null };
    date: string;
    actorId: string;
    at: string;
    /** The day's status and what goes with it: what the audit entry records. */
    fields: DayFields;
  },
) {
  const row = {
    id: newId(),
    center_id: centerId,
    child_id: child.id,
    classroom_id: child.classroom_id,
    date,
    fever_confirmed: 0,
    ...fields,
    created_at: at,
    updated_at: at,
  };
  const inserted = await trx
    .insertInto('attendance')
    .values(row)
    .onConflict((oc) => oc.columns(['child_id', 'date']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
  await recordChange(trx, {
    actorId,
    centerId,
    entity: 'attendance',
    entityId: row.id,
    after: { child_id: child.id, date, ...fields },
  });
  return row.id;
}

/**
 * Tells open pages (the child's family, the door screens of the center) that the child's day
 * changed: one event on the child's topic and one on the room's, in the change's transaction.
 */
async function announceChange(
  trx: Kysely<DB>,
  child: { childId: string; classroomId: string | null; centerId: string },
  change: AttendanceChange,
) {
  await publish(trx, {
    topics: childChangeTopics(child),
    type: LIVE_TYPES.attendance,
    data: { childId: child.childId, change },
  });
}

/** Changes a child's day record and audits the change (before → after), in the caller's transaction. */
async function changeDay(
  trx: Kysely<DB>,
  {
    id,
    centerId,
    childId,
    actorId,
    at,
    before,
    after,
  }: {
    id: string;
    centerId: string;
    childId: string;
    actorId: string;
    at: string;
    before: Record<string, unknown>;
    after: Updateable<AttendanceTable>;
  },
) {
  await trx
    .updateTable('attendance')
    .set({ ...after, updated_at: at })
    .where('id', '=', id)
    .execute();
  await recordChange(trx, { actorId, centerId, entity: 'attendance', entityId: id, childId, before, after });
}

/** The child's classroom now (a door screen lists the children of its room). */
async function classroomOf(trx: Kysely<DB>, childId: string) {
  const child = await trx.selectFrom('children').select('classroom_id').where('id', '=', childId).executeTakeFirst();
  return child?.classroom_id ?? null;
}

export const CHECK_IN_ERRORS = ['notFound', 'feverUnconfirmed', 'alreadyLeft'] as const;
export type CheckInResult = { ok: true; already: boolean } | { ok: false; error: (typeof CHECK_IN_ERRORS)[number] };

export async function checkIn({
  centerId,
  childId,
  actorId,
  health,
  now = new Date(),
  db = getDb(),
}: {
  centerId: string;
  childId: string;
  actorId: string;
  health?: HealthCheck;
  now?: Date;
  /** The caller's transaction, when the change is kept with something of its own (applyTap). */
  db?: Kysely<DB>;
}): Promise<CheckInResult> {
  const child = await childAtCenter(db, centerId, childId);
  if (!child) return { ok: false, error: 'notFound' };
  if (hasFever(health?.temperatureTenths, child.fever_threshold_tenths) && !health?.feverConfirmed)
    return { ok: false, error: 'feverUnconfirmed' };
  const at = now.toISOString();
  const date = localDate(child.time_zone, now);
  const arrival = {
    status: 'present' as const,
    check_in_at: at,
    check_in_by: actorId,
    brought_by: health?.broughtBy ?? null,
    temperature_tenths: health?.temperatureTenths ?? null,
    fever_confirmed: health?.feverConfirmed && hasFever(health.temperatureTenths, child.fever_threshold_tenths) ? 1 : 0,
    marks_note: health?.marksNote ?? null,
    mood: health?.mood ?? null,
  };
  // A fever or marks seen at the door reach the child's guardians with the arrival itself.
  const tellFamily = async (trx: Kysely<DB>, attendanceId: string) => {
    if (!arrivalNeedsNotice(health, child.fever_threshold_tenths)) return;
    await arrivalHealthNotice(trx, {
      centerId,
      childId,
      attendanceId,
      at,
      temperatureTenths: arrival.temperature_tenths,
      feverThresholdTenths: child.fever_threshold_tenths,
      marksNote: arrival.marks_note,
    });
  };
  const who = { childId, classroomId: child.classroom_id, centerId };
  return inTransaction(db, async (trx) => {
    const insertedId = await insertDayOnce(trx, { centerId, child, date, actorId, at, fields: arrival });
    if (insertedId) {
      await tellFamily(trx, insertedId);
      await announceChange(trx, who, 'check-in');
      return { ok: true, already: false };
    }
    const existing = await trx
      .selectFrom('attendance')
      .select(['id', 'status', 'absence_reason', 'check_in_at'])
      .where('child_id', '=', childId)
      .where('date', '=', date)
      .executeTakeFirstOrThrow();
    if (existing.status === 'present' || existing.status === 'checked_out') {
      // Two devices saw the arrival (one of them offline): the earlier time stands, whichever came first.
      if (existing.check_in_at && at < existing.check_in_at) {
        const earlier = { check_in_at: at, check_in_by: actorId };
        const before = { check_in_at: existing.check_in_at };
        await changeDay(trx, { id: existing.id, centerId, childId, actorId, at, before, after: earlier });
        await announceChange(trx, who, 'check-in');
        return { ok: true, already: false };
      }
      return existing.status === 'present' ? { ok: true, already: true } : { ok: false, error: 'alreadyLeft' };
    }
    // Marked absent, but here after all: the arrival replaces the absence (both stay in the audit log).
    const changed = await trx
      .updateTable('attendance')
      .set({ ...arrival, absence_reason: null, absence_note: null, updated_at: at })
      .where('id', '=', existing.id)
      .where('status', '=', 'absent')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 1) {
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'attendance',
        entityId: existing.id,
        childId,
        before: { status: 'absent', absence_reason: existing.absence_reason },
        after: arrival,
      });
      await tellFamily(trx, existing.id);
      await announceChange(trx, who, 'check-in');
    }
    return { ok: true, already: Number(changed.numUpdatedRows) !== 1 };
  });
}

/** The one person named by a collector key, if they may collect this child: guardians and active pickup persons only. */
async function findCollector(db: Kysely<DB>, childId: string, key: string) {
  const [kind, id] = key.split(':');
  if (kind === 'guardian' && id) {
    const g = await db
      .selectFrom('guardians')
      .innerJoin('users', 'users.id', 'guardians.user_id')
      .select('users.name')
      .where('guardians.child_id', '=', childId)
      .where('users.id', '=', id)
      .executeTakeFirst();
    return g && { name: g.name, pickupPersonId: null };
  }
  if (kind === 'pickup' && id) {
    const p = await db
      .selectFrom('pickup_persons')
      .select(['id', 'name'])
      .where('child_id', '=', childId)
      .where('id', '=', id)
      .where('active', '=', 1)
      .executeTakeFirst();
    return p && { name: p.name, pickupPersonId: p.id };
  }
  return undefined;
}

export const CHECK_OUT_ERRORS = ['notFound', 'notCheckedIn', 'notAuthorized'] as const;
export type CheckOutResult =
  /** collectorName: who took the child, as the door's history keeps it. */
  { ok: true; already: boolean; collectorName: string } | { ok: false; error: (typeof CHECK_OUT_ERRORS)[number] };

export async function checkOut({
  centerId,
  childId,
  actorId,
  collectorKey,
  oneTime,
  now = new Date(),
  db = getDb(),
}: {
  centerId: string;
  childId: string;
  actorId: string;
  /** 'guardian:<userId>' or 'pickup:<pickupPersonId>', as the door screen lists them. */
  collectorKey?: string;
  /** A person not on the list, allowed once by a coordinator with a reason. */
  oneTime?: { name: string; reason: string };
  now?: Date;
  /** The caller's transaction, when the change is kept with something of its own (applyTap). */
  db?: Kysely<DB>;
}): Promise<CheckOutResult> {
  const child = await childAtCenter(db, centerId, childId);
  if (!child) return { ok: false, error: 'notFound' };
  let collector: { name: string; pickupPersonId: string | null };
  if (oneTime) collector = { name: oneTime.name, pickupPersonId: null };
  else {
    const found = await findCollector(db, childId, collectorKey ?? '');
    if (!found) return { ok: false, error: 'notAuthorized' };
    collector = found;
  }
  const at = now.toISOString();
  const date = localDate(child.time_zone, now);
  return inTransaction(db, async (trx) => {
    const departure = {
      status: 'checked_out' as const,
      check_out_at: at,
      check_out_by: actorId,
      picked_up_by: collector.name,
      pickup_person_id: collector.pickupPersonId,
    };
    const changed = await trx
      .updateTable('attendance')
      .set({ ...departure, updated_at: at })
      .where('child_id', '=', childId)
      .where('date', '=', date)
      .where('status', '=', 'present')
      .returning('id')
      .executeTakeFirst();
    if (!changed) {
      const record = await trx
        .selectFrom('attendance')
        .select(['id', 'status', 'check_in_at', 'check_out_at', 'picked_up_by'])
        .where('child_id', '=', childId)
        .where('date', '=', date)
        .executeTakeFirst();
      if (record?.status !== 'checked_out') return { ok: false, error: 'notCheckedIn' };
      // Collected on two devices (one of them offline): the earlier hand-over stands, whichever
      // reached the server first; the other stays in the door's history (door_taps).
      const earlier =
        record.check_out_at && at < record.check_out_at && (!record.check_in_at || at > record.check_in_at);
      if (!earlier) return { ok: true, already: true, collectorName: collector.name };
      const before = { check_out_at: record.check_out_at, picked_up_by: record.picked_up_by };
      await changeDay(trx, { id: record.id, centerId, childId, actorId, at, before, after: departure });
      await announceChange(trx, { childId, classroomId: child.classroom_id, centerId }, 'check-out');
      return { ok: true, already: false, collectorName: collector.name };
    }
    await recordChange(trx, {
      actorId,
      centerId,
      entity: 'attendance',
      entityId: changed.id,
      childId,
      before: { status: 'present' },
      after: departure,
    });
    // The day's summary goes to the guardians now, unless the center sends summaries at a set time.
    await queueDailySummaryAtCheckOut(trx, { centerId, childId, date });
    await announceChange(trx, { childId, classroomId: child.classroom_id, centerId }, 'check-out');
    if (oneTime) {
      const attempt = {
        id: newId(),
        center_id: centerId,
        child_id: childId,
        at,
        actor_id: actorId,
        person_name: oneTime.name,
        outcome: 'allowed_once' as const,
        reason: oneTime.reason,
      };
      await trx.insertInto('pickup_attempts').values(attempt).execute();
      await recordChange(trx, { actorId, centerId, entity: 'pickup_attempt', entityId: attempt.id, after: attempt });
    }
    return { ok: true, already: false, collectorName: collector.name };
  });
}

/** Someone not on the list came for the child: refused, the attempt kept, coordinators and family told. */
export async function recordRefusedPickup({
  centerId,
  childId,
  actorId,
  personName,
  now = new Date(),
}: {
  centerId: string;
  childId: string;
  actorId: string;
  personName: string;
  now?: Date;
}) {
  const db = getDb();
  if (!(await childAtCenter(db, centerId, childId))) return false;
  // The attempt's id: an incident can be recorded from it.
  return db.transaction().execute(async (trx) => {
    const attempt = {
      id: newId(),
      center_id: centerId,
      child_id: childId,
      at: now.toISOString(),
      actor_id: actorId,
      person_name: personName,
      outcome: 'refused' as const,
      reason: null,
    };
    await trx.insertInto('pickup_attempts').values(attempt).execute();
    await recordChange(trx, { actorId, centerId, entity: 'pickup_attempt', entityId: attempt.id, after: attempt });
    await refusedPickupNotice(trx, { centerId, childId, actorId, personName, at: attempt.at });
    return attempt.id;
  });
}

export const ABSENCE_ERRORS = ['notFound', 'alreadyArrived'] as const;
export type AbsenceResult = { ok: true; followUp: boolean } | { ok: false; error: (typeof ABSENCE_ERRORS)[number] };

/** Marks a day absent (staff, on the day; a parent, ahead). Opens a follow-up after repeated unexplained absences. */
export async function markAbsent({
  centerId,
  childId,
  actorId,
  date,
  reason,
  note,
  now = new Date(),
  db = getDb(),
}: {
  centerId: string;
  childId: string;
  actorId: string;
  date: string;
  reason: AbsenceReason;
  note: string | null;
  now?: Date;
  /** The caller's transaction, when the change is kept with something of its own (applyTap). */
  db?: Kysely<DB>;
}): Promise<AbsenceResult> {
  const child = await childAtCenter(db, centerId, childId);
  if (!child) return { ok: false, error: 'notFound' };
  const at = now.toISOString();
  const absence = {
    status: 'absent' as const,
    absence_reason: reason,
    absence_note: note,
    absence_reported_by: actorId,
  };
  const who = { childId, classroomId: child.classroom_id, centerId };
  const result = await inTransaction(db, async (trx) => {
    if (await insertDayOnce(trx, { centerId, child, date, actorId, at, fields: absence })) {
      await announceChange(trx, who, 'absence');
      return 'ok' as const;
    }
    const existing = await trx
      .selectFrom('attendance')
      .selectAll()
      .where('child_id', '=', childId)
      .where('date', '=', date)
      .executeTakeFirstOrThrow();
    if (existing.status !== 'absent') return 'alreadyArrived' as const;
    const before = { absence_reason: existing.absence_reason, absence_note: existing.absence_note };
    await changeDay(trx, { id: existing.id, centerId, childId, actorId, at, before, after: absence });
    await announceChange(trx, who, 'absence');
    return 'ok' as const;
  });
  if (result !== 'ok') return { ok: false, error: result };
  return {
    ok: true,
    followUp:
      reason === 'unexplained' &&
      (await openAbsenceFollowUp(
        db,
        centerId,
        { ...child, schedule_days: scheduleDaysColumn.parse(child.schedule_days) },
        date,
      )),
  };
}

async function openAbsenceFollowUp(
  db: Kysely<DB>,
  centerId: string,
  child: { id: string; schedule_days: Weekday[]; start_date: string | null },
  date: string,
) {
  const recent = await db
    .selectFrom('attendance')
    .select(['date', 'status', 'absence_reason'])
    .where('child_id', '=', child.id)
    .where('date', '<=', date)
    .orderBy('date', 'desc')
    .limit(31)
    .execute();
  // Walk back over the days the child was expected; a day with no record breaks the streak.
  const expected: { date: string; status: string | null; absence_reason: AbsenceReason | null }[] = [];
  for (
    let d = new Date(`${date}T00:00:00Z`);
    expected.length < FOLLOW_UP_AFTER && Date.parse(date) - d.getTime() < 31 * 86_400_000;
    d = new Date(d.getTime() - 86_400_000)
  ) {
    const iso = d.toISOString().slice(0, 10);
    if (!isExpectedOn(child, iso)) continue;
    const r = recent.find((x) => x.date === iso);
    expected.push({ date: iso, status: r?.status ?? null, absence_reason: r?.absence_reason ?? null });
  }
  if (unexplainedStreak(expected) < FOLLOW_UP_AFTER) return false;
  return inTransaction(db, async (trx) => {
    const followUp = {
      id: newId(),
      center_id: centerId,
      child_id: child.id,
      kind: 'absences' as const,
      detail: missedDaysColumn.stringify(expected.map((e) => e.date)),
      created_at: nowIso(),
      resolved_at: null,
      resolved_by: null,
      resolution: null,
    };
    // At most one open follow-up per child (a partial unique index): two absences racing open one.
    const inserted = await trx
      .insertInto('follow_ups')
      .values(followUp)
      .onConflict((oc) => oc.columns(['child_id', 'kind']).where('resolved_at', 'is', null).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await recordChange(trx, { actorId: null, centerId, entity: 'follow_up', entityId: followUp.id, after: followUp });
    return true;
  });
}

export async function resolveFollowUp({
  centerId,
  followUpId,
  actorId,
  resolution,
}: {
  centerId: string;
  followUpId: string;
  actorId: string;
  resolution: string;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const followUp = await trx
        .selectFrom('follow_ups')
        .select('child_id')
        .where('id', '=', followUpId)
        .where('center_id', '=', centerId)
        .executeTakeFirst();
      if (!followUp) return false;
      const changed = await trx
        .updateTable('follow_ups')
        .set({ resolved_at: nowIso(), resolved_by: actorId, resolution })
        .where('id', '=', followUpId)
        .where('center_id', '=', centerId)
        .where('resolved_at', 'is', null)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) return false;
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'follow_up',
        entityId: followUpId,
        childId: followUp.child_id,
        before: { resolved_at: null },
        after: { resolution },
      });
      return true;
    });
}

/** How long a caregiver may take back their own tap at the door. */
export const UNDO_MINUTES = 5;

export const UNDO_ERRORS = ['notFound', 'undoTooLate'] as const;
export type UndoResult = { ok: true } | { ok: false; error: (typeof UNDO_ERRORS)[number] };

/**
 * Takes back one's own tap, within UNDO_MINUTES: a check-out returns the child to present; a
 * check-in is removed, so the child is expected again. Both are audited: the check-out with the
 * fields it puts back, the check-in with its whole row.
 * Anything older, or someone else's, is a correction for the coordinator.
 */
export async function undoTap({
  centerId,
  attendanceId,
  actorId,
  now = new Date(),
}: {
  centerId: string;
  attendanceId: string;
  actorId: string;
  now?: Date;
}): Promise<UndoResult> {
  const recent = (at: string | null) => at !== null && now.getTime() - Date.parse(at) <= UNDO_MINUTES * 60_000;
  return getDb()
    .transaction()
    .execute(async (trx): Promise<UndoResult> => {
      const record = await trx
        .selectFrom('attendance')
        .selectAll()
        .where('id', '=', attendanceId)
        .where('center_id', '=', centerId)
        .executeTakeFirst();
      if (!record) return { ok: false, error: 'notFound' };
      const who = { childId: record.child_id, classroomId: await classroomOf(trx, record.child_id), centerId };
      if (record.status === 'checked_out' && record.check_out_by === actorId && recent(record.check_out_at)) {
        const back = {
          status: 'present' as const,
          check_out_at: null,
          check_out_by: null,
          picked_up_by: null,
          pickup_person_id: null,
        };
        await trx
          .updateTable('attendance')
          .set({ ...back, updated_at: now.toISOString() })
          .where('id', '=', record.id)
          .where('status', '=', 'checked_out')
          .execute();
        await recordChange(trx, {
          actorId,
          centerId,
          entity: 'attendance',
          entityId: record.id,
          childId: record.child_id,
          before: { status: record.status, check_out_at: record.check_out_at, picked_up_by: record.picked_up_by },
          after: { ...back, correction_reason: 'undo' },
        });
        await announceChange(trx, who, 'undo');
        return { ok: true };
      }
      if (record.status === 'present' && record.check_in_by === actorId && recent(record.check_in_at)) {
        await trx.deleteFrom('attendance').where('id', '=', record.id).where('status', '=', 'present').execute();
        await recordChange(trx, {
          actorId,
          centerId,
          entity: 'attendance',
          entityId: record.id,
          before: record,
          after: null,
        });
        await announceChange(trx, who, 'undo');
        return { ok: true };
      }
      return { ok: false, error: 'undoTooLate' };
    });
}

export const CORRECTION_ERRORS = ['notFound', 'future', 'order', 'noCheckIn', 'absent', 'notCheckedOut'] as const;
export type CorrectionResult = { ok: true } | { ok: false; error: (typeof CORRECTION_ERRORS)[number] };

/** A correction is an edit with a reason, kept in the audit log; it never deletes the day's record. */
export async function correctAttendance({
  centerId,
  attendanceId,
  actorId,
  checkInAt,
  checkOutAt,
  voidVisit,
  reason,
  now = new Date(),
}: {
  centerId: string;
  attendanceId: string;
  actorId: string;
  checkInAt?: string | null;
  checkOutAt?: string | null;
  /** The check-in was for the wrong child: the day becomes an absence recorded in error. */
  voidVisit?: boolean;
  reason: string;
  now?: Date;
}): Promise<CorrectionResult> {
  const db = getDb();
  return db.transaction().execute(async (trx) => {
    const record = await trx
      .selectFrom('attendance')
      .selectAll()
      .where('id', '=', attendanceId)
      .where('center_id', '=', centerId)
      .executeTakeFirst();
    if (!record) return { ok: false, error: 'notFound' };
    let changes: Updateable<AttendanceTable>;
    if (voidVisit) {
      changes = {
        status: 'absent',
        absence_reason: 'other',
        absence_note: reason,
        check_in_at: null,
        check_out_at: null,
        picked_up_by: null,
        pickup_person_id: null,
      };
    } else {
      // Times belong to a visit: an absence has none, and a departure is recorded at the door with
      // who collected the child, not typed in afterwards.
      if (record.status === 'absent') return { ok: false, error: 'absent' };
      if (record.status === 'present' && checkOutAt) return { ok: false, error: 'notCheckedOut' };
      const inAt = checkInAt ?? record.check_in_at;
      const outAt = checkOutAt === undefined ? record.check_out_at : checkOutAt;
      if (!inAt) return { ok: false, error: 'noCheckIn' };
      if (inAt > now.toISOString() || (outAt && outAt > now.toISOString())) return { ok: false, error: 'future' };
      if (outAt && outAt < inAt) return { ok: false, error: 'order' };
      changes = { check_in_at: inAt, check_out_at: outAt };
    }
    await trx
      .updateTable('attendance')
      .set({ ...changes, updated_at: nowIso() })
      .where('id', '=', attendanceId)
      .execute();
    await recordChange(trx, {
      actorId,
      centerId,
      entity: 'attendance',
      entityId: attendanceId,
      childId: record.child_id,
      before: { ...fieldsBefore(record, changes), correction_reason: null },
      after: { ...changes, correction_reason: reason },
    });
    const classroomId = await classroomOf(trx, record.child_id);
    await announceChange(trx, { childId: record.child_id, classroomId, centerId }, 'correction');
    return { ok: true };
  });
}

/** Today's status (in the center's own day) of some of a center's children; children with no record are absent from the map. */
export async function todayStatuses({
  centerId,
  childIds,
  now = new Date(),
}: {
  centerId: string;
  childIds: string[];
  now?: Date;
}) {
  if (childIds.length === 0) return new Map<string, AttendanceStatus>();
  const db = getDb();
  const center = await db
    .selectFrom('centers')
    .select('time_zone')
    .where('id', '=', centerId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('attendance')
    .select(['child_id', 'status'])
    .where('center_id', '=', centerId)
    .where('date', '=', localDate(center.time_zone, now))
    .where('child_id', 'in', childIds)
    .execute();
  return new Map(rows.map((r) => [r.child_id, r.status]));
}

/** Each child's record on their own center's today (a family's children may be in centers of different zones). */
export async function todayRecords(children: { id: string; centerId: string; today: string }[]) {
  if (children.length === 0) return [];
  const rows = await getDb()
    .selectFrom('attendance')
    .select([
      'child_id',
      'center_id',
      'date',
      'status',
      'check_in_at',
      'check_out_at',
      'picked_up_by',
      'absence_reason',
    ])
    .where(
      'child_id',
      'in',
      children.map((c) => c.id),
    )
    .where('center_id', 'in', [...new Set(children.map((c) => c.centerId))])
    .where('date', 'in', [...new Set(children.map((c) => c.today))])
    .execute();
  return rows.filter((r) =>
    children.some((c) => c.id === r.child_id && c.centerId === r.center_id && c.today === r.date),
  );
}
