// The coordinator's view of the center today: who is here per room against who is expected, the
// rooms short of staff, what happened at the door that needs a coordinator (refused pickups,
// fevers and marks seen at arrival), and the enrollment and follow-up work waiting.
import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { hasFever, isExpectedOn } from '../attendance/rules';
import { openFollowUps, ratiosNow } from '../attendance/board.server';
import { scheduleDaysColumn } from '../json-columns';
import type { CenterConfig } from './context.server';

/** Offers expiring within this many days are listed as about to expire. */
export const OFFER_WARNING_DAYS = 3;

export async function centerToday({ center, now = new Date() }: { center: CenterConfig; now?: Date }) {
  const db = getDb();
  const centerId = center.id;
  const today = DateTime.fromJSDate(now).setZone(center.timeZone);
  const date = today.toISODate()!;
  const dayStarted = today.startOf('day').toUTC().toISO()!;
  const [ratios, children, records, refused, submitted, offers, followUps] = await Promise.all([
    ratiosNow({ centerId, date, rules: center.ratioRules }),
    db
      .selectFrom('children')
      .select(['id', 'classroom_id', 'schedule_days', 'start_date'])
      .where('center_id', '=', centerId)
      .where('status', '=', 'enrolled')
      .execute(),
    db
      .selectFrom('attendance')
      .innerJoin('children', 'children.id', 'attendance.child_id')
      .select([
        'attendance.id',
        'attendance.child_id',
        'attendance.classroom_id',
        'attendance.status',
        'attendance.check_in_at',
        'attendance.temperature_tenths',
        'attendance.marks_note',
        'children.full_name',
      ])
      .where('attendance.center_id', '=', centerId)
      .where('attendance.date', '=', date)
      .execute(),
    db
      .selectFrom('pickup_attempts')
      .innerJoin('children', 'children.id', 'pickup_attempts.child_id')
      .select([
        'pickup_attempts.id',
        'pickup_attempts.at',
        'pickup_attempts.person_name',
        'children.id as childId',
        'children.full_name',
      ])
      .where('pickup_attempts.center_id', '=', centerId)
      .where('pickup_attempts.outcome', '=', 'refused')
      .where('pickup_attempts.at', '>=', dayStarted)
      .orderBy('pickup_attempts.at', 'desc')
      .execute(),
    db
      .selectFrom('applications')
      .select(['id', 'reference_code', 'child_full_name', 'submitted_at'])
      .where('center_id', '=', centerId)
      .where('status', '=', 'submitted')
      .orderBy('submitted_at')
      .execute(),
    db
      .selectFrom('applications')
      .select(['id', 'reference_code', 'child_full_name', 'offer_expires_on'])
      .where('center_id', '=', centerId)
      .where('status', '=', 'offered')
      .where('offer_expires_on', '>=', date)
      .where('offer_expires_on', '<=', today.plus({ days: OFFER_WARNING_DAYS }).toISODate()!)
      .orderBy('offer_expires_on')
      .execute(),
    openFollowUps({ centerId }),
  ]);
  const expected = children.filter((c) =>
    isExpectedOn({ schedule_days: scheduleDaysColumn.parse(c.schedule_days), start_date: c.start_date }, date),
  );
  return {
    date,
    rooms: ratios.map((room) => ({
      ...room,
      present: records.filter((r) => r.classroom_id === room.id && r.status === 'present').length,
      expected: expected.filter((c) => c.classroom_id === room.id).length,
      absent: records.filter((r) => r.classroom_id === room.id && r.status === 'absent').length,
    })),
    shortOfStaff: ratios.filter((r) => !r.ok),
    arrivals: records
      .filter((r) => r.check_in_at && (hasFever(r.temperature_tenths, center.feverThresholdTenths) || r.marks_note))
      .map((r) => ({
        attendanceId: r.id,
        childId: r.child_id,
        name: r.full_name,
        temperatureTenths: r.temperature_tenths,
        fever: hasFever(r.temperature_tenths, center.feverThresholdTenths),
        marks: r.marks_note,
        at: r.check_in_at!,
      })),
    refusedPickups: refused,
    newApplications: submitted,
    offersExpiring: offers,
    followUps,
  };
}
