// What the door screen, the ratio panel and the reports read, and staff clocking in and out of a
// room. Each function takes the center and filters on it inside its queries.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import type { DB } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import { classroomOfCenter } from '../centers/centers.server';
import { enrolledInClassroom } from '../children/children.server';
import type { CenterConfig } from '../centers/context.server';
import { scheduleDaysColumn } from '../json-columns';
import { publish } from '../live/bus.server';
import { ratioExclusions } from '../safeguarding/safeguarding.server';
import { centerTopic, LIVE_TYPES } from '../live/topics';
import { ageInMonths, localDate } from '../time/time';
import {
  agesOn,
  closingInstant,
  hasFever,
  isExpectedOn,
  isLatePickup,
  monthlyFigures,
  ratioState,
  datesOfMonth,
  type RatioRule,
} from './rules';
import type { DoorStatus } from './door';

/** The center's classrooms, youngest first. */
const roomsOf = (db: Kysely<DB>, centerId: string) =>
  db.selectFrom('classrooms').select(['id', 'name']).where('center_id', '=', centerId).orderBy('min_age_months');

/** The children checked in and not yet collected on a day, with their record (`attendance`) and `children` row. */
const presentOn = (db: Kysely<DB>, { centerId, date }: { centerId: string; date: string }) =>
  db
    .selectFrom('attendance')
    .innerJoin('children', 'children.id', 'attendance.child_id')
    .where('attendance.center_id', '=', centerId)
    .where('attendance.date', '=', date)
    .where('attendance.status', '=', 'present');

/** The staff on shift now (clocked in today, not out), with their `users` row. */
const onShift = (db: Kysely<DB>, { centerId, date }: { centerId: string; date: string }) =>
  db
    .selectFrom('staff_shifts')
    .innerJoin('users', 'users.id', 'staff_shifts.user_id')
    .where('staff_shifts.center_id', '=', centerId)
    // A shift left open on an earlier day is a forgotten clock-out, not someone in the room.
    .where('staff_shifts.date', '=', date)
    .where('staff_shifts.clock_out_at', 'is', null);

/**
 * Staff:child ratio per classroom right now: children present and staff clocked in. A person whose
 * required safeguarding checks have lapsed (or whom the coordinator left out) is on shift but not
 * counted, and listed with why (docs/decisions/0015-safe-staff.md).
 */
export async function ratiosNow({ centerId, date, rules }: { centerId: string; date: string; rules: RatioRule[] }) {
  const db = getDb();
  const [classrooms, present, shifts] = await Promise.all([
    roomsOf(db, centerId).execute(),
    presentOn(db, { centerId, date }).select(['attendance.classroom_id', 'children.birth_date']).execute(),
    onShift(db, { centerId, date })
      .select(['staff_shifts.classroom_id', 'staff_shifts.user_id', 'users.name'])
      .execute(),
  ]);
  const excluded = await ratioExclusions({ centerId, today: date, userIds: shifts.map((s) => s.user_id), db });
  return classrooms.map((room) => {
    const inRoom = shifts.filter((s) => s.classroom_id === room.id);
    const staff = inRoom.filter((s) => !excluded.has(s.user_id));
    return {
      id: room.id,
      name: room.name,
      staffNames: staff.map((s) => s.name),
      notCounted: inRoom.flatMap((s) => {
        const why = excluded.get(s.user_id);
        return why ? [{ name: s.name, ...why }] : [];
      }),
      ...ratioState({
        childAges: agesOn(
          present.filter((p) => p.classroom_id === room.id).map((p) => p.birth_date),
          date,
        ),
        staffPresent: staff.length,
        rules,
      }),
    };
  });
}

/** The caregiver's "today" for one classroom: who is expected, who is here, who has left. */
export async function todayBoard({
  center,
  classroomId,
  now = new Date(),
}: {
  center: CenterConfig;
  classroomId: string;
  now?: Date;
}) {
  const db = getDb();
  const centerId = center.id;
  const date = localDate(center.timeZone, now);
  const closing = closingInstant(center.openingHours, date, center.timeZone);
  const [children, records, pickups, guardians, ratios] = await Promise.all([
    enrolledInClassroom(db, { centerId, classroomId })
      .select([
        'id',
        'full_name',
        'nickname',
        'birth_date',
        'allergies',
        'medical_conditions',
        'custody_note',
        'custody_restricts_pickup',
        'schedule_days',
        'start_date',
      ])
      .execute(),
    db.selectFrom('attendance').selectAll().where('center_id', '=', centerId).where('date', '=', date).execute(),
    db
      .selectFrom('pickup_persons')
      .innerJoin('children', 'children.id', 'pickup_persons.child_id')
      .select([
        'pickup_persons.id',
        'pickup_persons.child_id',
        'pickup_persons.name',
        'pickup_persons.relationship',
        'pickup_persons.photo_document_id',
      ])
      .where('pickup_persons.center_id', '=', centerId)
      .where('children.classroom_id', '=', classroomId)
      .where('pickup_persons.active', '=', 1)
      .execute(),
    db
      .selectFrom('guardians')
      .innerJoin('users', 'users.id', 'guardians.user_id')
      .innerJoin('children', 'children.id', 'guardians.child_id')
      .select(['guardians.child_id', 'users.id', 'users.name', 'guardians.relationship'])
      .where('guardians.center_id', '=', centerId)
      .where('children.classroom_id', '=', classroomId)
      .execute(),
    ratiosNow({ centerId, date, rules: center.ratioRules }),
  ]);
  const nowIsoStr = now.toISOString();
  const board = children
    .map((c) => {
      const days = scheduleDaysColumn.parse(c.schedule_days);
      const record = records.find((r) => r.child_id === c.id) ?? null;
      const status: DoorStatus =
        record?.status ??
        (isExpectedOn({ schedule_days: days, start_date: c.start_date }, date) ? 'expected' : 'unscheduled');
      return {
        id: c.id,
        name: c.nickname ? `${c.full_name} (${c.nickname})` : c.full_name,
        ageMonths: ageInMonths(c.birth_date, date),
        alerts: {
          allergies: c.allergies,
          medical: c.medical_conditions,
          custody: c.custody_note,
          custodyRestricts: c.custody_restricts_pickup === 1,
        },
        expected: isExpectedOn({ schedule_days: days, start_date: c.start_date }, date),
        status,
        record: record && {
          id: record.id,
          checkInAt: record.check_in_at,
          checkInBy: record.check_in_by,
          checkOutAt: record.check_out_at,
          checkOutBy: record.check_out_by,
          pickedUpBy: record.picked_up_by,
          temperatureTenths: record.temperature_tenths,
          absenceReason: record.absence_reason,
          broughtBy: record.brought_by,
        },
        late: record ? isLatePickup(record, closing, nowIsoStr) : false,
        // What the arrival's health check found: it stays on the card for the rest of the day.
        attention:
          (record?.status === 'present' || record?.status === 'checked_out') &&
          (hasFever(record.temperature_tenths, center.feverThresholdTenths) || record.marks_note)
            ? {
                feverTenths: hasFever(record.temperature_tenths, center.feverThresholdTenths)
                  ? record.temperature_tenths
                  : null,
                marks: record.marks_note,
              }
            : null,
        collectors: [
          ...guardians
            .filter((g) => g.child_id === c.id)
            .map((g) => ({
              key: `guardian:${g.id}`,
              name: g.name,
              relationship: g.relationship,
              photoId: null as string | null,
            })),
          ...pickups
            .filter((p) => p.child_id === c.id)
            .map((p) => ({
              key: `pickup:${p.id}`,
              name: p.name,
              relationship: p.relationship,
              photoId: p.photo_document_id,
            })),
        ],
      };
    })
    // Everyone in the room is listed (a child may come on an unscheduled day); the expected first.
    .sort((a, b) => Number(b.expected) - Number(a.expected));
  return {
    date,
    closing,
    board,
    ratios,
    feverThreshold: center.feverThresholdTenths,
    rulesConfirmed: center.ratioConfirmedAt !== null,
  };
}

/** The staff member's shifts in this center that are not clocked out. */
function openShifts(db: Kysely<DB>, { centerId, userId }: { centerId: string; userId: string }) {
  return db
    .selectFrom('staff_shifts')
    .select(['id', 'classroom_id', 'clock_in_at'])
    .where('center_id', '=', centerId)
    .where('user_id', '=', userId)
    .where('clock_out_at', 'is', null);
}

/** Clocks one open shift out at `at`, audited as its owner's doing. */
async function endShift(
  trx: Kysely<DB>,
  { id, centerId, userId, at }: { id: string; centerId: string; userId: string; at: string },
) {
  await trx.updateTable('staff_shifts').set({ clock_out_at: at }).where('id', '=', id).execute();
  await recordChange(trx, {
    actorId: userId,
    centerId,
    entity: 'staff_shift',
    entityId: id,
    before: { clock_out_at: null },
    after: { clock_out_at: at },
  });
}

/** The staff member's open shift in this center, if any. */
export async function openShift(ref: { centerId: string; userId: string }) {
  return openShifts(getDb(), ref).executeTakeFirst();
}

/** The room a staff member works in: where they are on shift, else where they last were, else the youngest room. */
export async function homeRoom({ centerId, userId }: { centerId: string; userId: string }) {
  const db = getDb();
  const shift = await db
    .selectFrom('staff_shifts')
    .select('classroom_id')
    .where('center_id', '=', centerId)
    .where('user_id', '=', userId)
    .orderBy((eb) => eb.case().when('clock_out_at', 'is', null).then(0).else(1).end())
    .orderBy('clock_in_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (shift) return shift.classroom_id;
  const first = await roomsOf(db, centerId).limit(1).executeTakeFirst();
  return first?.id ?? null;
}

/** Clocks a staff member into a classroom; any shift of theirs still open in this center is closed first (a move), audited. */
export async function clockIn({
  center,
  classroomId,
  userId,
  now = new Date(),
}: {
  center: CenterConfig;
  classroomId: string;
  userId: string;
  now?: Date;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await classroomOfCenter(trx, { centerId: center.id, classroomId }))) return false;
      const at = now.toISOString();
      for (const open of await openShifts(trx, { centerId: center.id, userId }).execute())
        await endShift(trx, { id: open.id, centerId: center.id, userId, at });
      const shift = {
        id: newId(),
        center_id: center.id,
        classroom_id: classroomId,
        user_id: userId,
        date: localDate(center.timeZone, now),
        clock_in_at: at,
        clock_out_at: null,
      };
      await trx.insertInto('staff_shifts').values(shift).execute();
      await recordChange(trx, {
        actorId: userId,
        centerId: center.id,
        entity: 'staff_shift',
        entityId: shift.id,
        after: shift,
      });
      await publish(trx, { topic: centerTopic(center.id), type: LIVE_TYPES.shift, data: { classroomId } });
      return true;
    });
}

export async function clockOut({
  centerId,
  userId,
  now = new Date(),
}: {
  centerId: string;
  userId: string;
  now?: Date;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const shift = await openShifts(trx, { centerId, userId }).executeTakeFirst();
      if (!shift) return false;
      await endShift(trx, { id: shift.id, centerId, userId, at: now.toISOString() });
      await publish(trx, { topic: centerTopic(centerId), type: LIVE_TYPES.shift, data: {} });
      return true;
    });
}

/** The daily sign-in sheet: each child's arrival and departure with who brought and who collected. */
export async function dailySheet({
  center,
  classroomId,
  date,
}: {
  center: CenterConfig;
  classroomId: string;
  date: string;
}) {
  const db = getDb();
  const centerId = center.id;
  const closing = closingInstant(center.openingHours, date, center.timeZone);
  const [classroom, children, records] = await Promise.all([
    db
      .selectFrom('classrooms')
      .select(['id', 'name'])
      .where('id', '=', classroomId)
      .where('center_id', '=', centerId)
      .executeTakeFirst(),
    enrolledInClassroom(db, { centerId, classroomId })
      .select(['id', 'full_name', 'schedule_days', 'start_date'])
      .execute(),
    db
      .selectFrom('attendance')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('classroom_id', '=', classroomId)
      .where('date', '=', date)
      .execute(),
  ]);
  if (!classroom) return null;
  const rows = children
    .map((c) => ({
      child: c,
      record: records.find((r) => r.child_id === c.id) ?? null,
      expected: isExpectedOn(
        { schedule_days: scheduleDaysColumn.parse(c.schedule_days), start_date: c.start_date },
        date,
      ),
    }))
    .filter((r) => r.expected || r.record)
    .map(({ child, record }) => ({
      childId: child.id,
      name: child.full_name,
      status: record?.status ?? 'expected',
      checkInAt: record?.check_in_at ?? null,
      broughtBy: record?.brought_by ?? null,
      temperatureTenths: record?.temperature_tenths ?? null,
      checkOutAt: record?.check_out_at ?? null,
      pickedUpBy: record?.picked_up_by ?? null,
      absenceReason: record?.absence_reason ?? null,
      late: record && record.status === 'checked_out' ? isLatePickup(record, closing, record.check_out_at!) : false,
    }));
  return { classroom, date, rows, zone: center.timeZone };
}

/** Monthly attendance per child of a classroom (or the whole center): days present, absences by reason, rate. */
export async function monthlyReport({
  centerId,
  classroomId,
  month,
}: {
  centerId: string;
  classroomId?: string;
  month: string;
}) {
  const db = getDb();
  const dates = datesOfMonth(month);
  let childQuery = db
    .selectFrom('children')
    .leftJoin('classrooms', 'classrooms.id', 'children.classroom_id')
    .select([
      'children.id',
      'children.full_name',
      'children.schedule_days',
      'children.start_date',
      'children.withdrawn_on',
      'classrooms.name as classroomName',
    ])
    .where('children.center_id', '=', centerId)
    .orderBy('classrooms.min_age_months')
    .orderBy('children.full_name');
  if (classroomId) childQuery = childQuery.where('children.classroom_id', '=', classroomId);
  const [children, records] = await Promise.all([
    childQuery.execute(),
    db
      .selectFrom('attendance')
      .select(['child_id', 'date', 'status', 'absence_reason'])
      .where('center_id', '=', centerId)
      .where('date', '>=', dates[0])
      .where('date', '<=', dates[dates.length - 1])
      .execute(),
  ]);
  const rows = children
    .map((c) => {
      const schedule = { schedule_days: scheduleDaysColumn.parse(c.schedule_days), start_date: c.start_date };
      const expected = dates.filter((d) => isExpectedOn(schedule, d) && (!c.withdrawn_on || d <= c.withdrawn_on));
      const mine = records.filter((r) => r.child_id === c.id);
      return { childId: c.id, name: c.full_name, classroomName: c.classroomName, ...monthlyFigures(expected, mine) };
    })
    .filter((r) => r.expected > 0 || r.present > 0);
  const total = rows.reduce((t, r) => ({ expected: t.expected + r.expected, present: t.present + r.present }), {
    expected: 0,
    present: 0,
  });
  return { month, rows, rate: total.expected ? Math.round((total.present / total.expected) * 1000) / 10 : null };
}

/** Who is in the building right now, per room, with the staff on shift: for an emergency. */
export async function rollCall({ center, now = new Date() }: { center: CenterConfig; now?: Date }) {
  const db = getDb();
  const centerId = center.id;
  const date = localDate(center.timeZone, now);
  const [classrooms, present, shifts] = await Promise.all([
    roomsOf(db, centerId).execute(),
    presentOn(db, { centerId, date })
      .select([
        'attendance.classroom_id',
        'children.full_name',
        'children.allergies',
        'children.medical_conditions',
        'attendance.check_in_at',
      ])
      .orderBy('children.full_name')
      .execute(),
    onShift(db, { centerId, date }).select(['staff_shifts.classroom_id', 'users.name', 'users.phone']).execute(),
  ]);
  return {
    at: now.toISOString(),
    zone: center.timeZone,
    rooms: classrooms.map((r) => ({
      ...r,
      children: present.filter((p) => p.classroom_id === r.id),
      staff: shifts.filter((s) => s.classroom_id === r.id),
    })),
    total: present.length,
  };
}

export async function openFollowUps({ centerId }: { centerId: string }) {
  return getDb()
    .selectFrom('follow_ups')
    .innerJoin('children', 'children.id', 'follow_ups.child_id')
    .select([
      'follow_ups.id',
      'follow_ups.kind',
      'follow_ups.detail',
      'follow_ups.created_at',
      'children.id as childId',
      'children.full_name',
    ])
    .where('follow_ups.center_id', '=', centerId)
    .where('follow_ups.resolved_at', 'is', null)
    .orderBy('follow_ups.created_at')
    .execute();
}

export async function attendanceRecord({ centerId, attendanceId }: { centerId: string; attendanceId: string }) {
  const row = await getDb()
    .selectFrom('attendance')
    .innerJoin('children', 'children.id', 'attendance.child_id')
    .innerJoin('centers', 'centers.id', 'attendance.center_id')
    .select([
      'attendance.id',
      'attendance.date',
      'attendance.status',
      'attendance.check_in_at',
      'attendance.check_out_at',
      'attendance.picked_up_by',
      'attendance.classroom_id',
      'attendance.child_id',
      'children.full_name as childName',
      'centers.time_zone as zone',
    ])
    .where('attendance.id', '=', attendanceId)
    .where('attendance.center_id', '=', centerId)
    .executeTakeFirst();
  return row ?? null;
}
