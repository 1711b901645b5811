// Attendance rules that need no database: who is expected, ratios, fever, late pickup, the
// absence follow-up, monthly figures. Unit-tested.
import { DateTime } from 'luxon';
import type { AbsenceReason } from '~db/schema';
import { ageInMonths, weekdayOf, type OpeningHours, type Weekday } from '../time/time';

export type RatioRule = { maxMonths: number; children: number };

/**
 * Defaults as Indonesian guidance is commonly quoted (about 1:3 under 2 years, 1:8 for 2–4,
 * 1:15 for 4–6). Not verified against the regulation: each center's coordinator confirms them.
 */
export const RATIO_BANDS = [
  { key: 'under2', maxMonths: 23, defaultChildren: 3 },
  { key: 'from2to4', maxMonths: 47, defaultChildren: 8 },
  { key: 'from4to6', maxMonths: 83, defaultChildren: 15 },
] as const;
export type RatioBandKey = (typeof RATIO_BANDS)[number]['key'];

export const DEFAULT_RATIO_RULES: RatioRule[] = RATIO_BANDS.map((b) => ({
  maxMonths: b.maxMonths,
  children: b.defaultChildren,
}));

/** The settings form's values for a center's rules (children per staff member, by band). */
export const ratioFormValues = (rules: RatioRule[]) =>
  Object.fromEntries(
    RATIO_BANDS.map((b) => [b.key, rules.find((r) => r.maxMonths === b.maxMonths)?.children ?? b.defaultChildren]),
  ) as Record<RatioBandKey, number>;

/** The rules a coordinator confirmed in the settings form. */
export const ratioRulesFromForm = (values: Record<RatioBandKey, number>): RatioRule[] =>
  RATIO_BANDS.map((b) => ({ maxMonths: b.maxMonths, children: values[b.key] }));

export function isExpectedOn(child: { schedule_days: Weekday[]; start_date: string | null }, date: string) {
  return child.schedule_days.includes(weekdayOf(date)) && (!child.start_date || child.start_date <= date);
}

/** Staff needed for the children present: each child counts 1/ratio of their age band, so mixed-age rooms add up. */
export function requiredStaff(ageMonths: number[], rules: RatioRule[] = DEFAULT_RATIO_RULES) {
  const sorted = [...rules].sort((a, b) => a.maxMonths - b.maxMonths);
  const load = ageMonths.reduce(
    (sum, age) => sum + 1 / (sorted.find((r) => age <= r.maxMonths) ?? sorted[sorted.length - 1]).children,
    0,
  );
  return Math.ceil(load - 1e-9);
}

export function ratioState({
  childAges,
  staffPresent,
  rules,
}: {
  childAges: number[];
  staffPresent: number;
  rules?: RatioRule[];
}) {
  const required = requiredStaff(childAges, rules);
  return {
    children: childAges.length,
    staff: staffPresent,
    required,
    ok: staffPresent >= required,
    short: Math.max(0, required - staffPresent),
  };
}

export const agesOn = (birthDates: string[], date: string) => birthDates.map((b) => ageInMonths(b, date));

export function hasFever(temperatureTenths: number | null | undefined, thresholdTenths: number) {
  return temperatureTenths !== null && temperatureTenths !== undefined && temperatureTenths >= thresholdTenths;
}

/** The closing instant of a local date in the center's zone, or null on a closed day. */
export function closingInstant(hours: OpeningHours, date: string, zone: string) {
  const slot = hours[weekdayOf(date)];
  return slot ? DateTime.fromISO(`${date}T${slot[1]}`, { zone }).toUTC().toISO()! : null;
}

/** Still here after closing, or collected after closing. */
export function isLatePickup(
  record: { status: string; check_out_at: string | null },
  closing: string | null,
  now: string,
) {
  if (!closing) return false;
  if (record.status === 'present') return now > closing;
  return record.status === 'checked_out' && !!record.check_out_at && record.check_out_at > closing;
}

export const FOLLOW_UP_AFTER = 3;

/**
 * How many expected days in a row, back from the latest, the child was absent without an
 * explanation. FOLLOW_UP_AFTER of them are a welfare signal for a TAS: the coordinator follows up.
 */
export function unexplainedStreak(
  days: { date: string; status: string | null; absence_reason: AbsenceReason | null }[],
) {
  let streak = 0;
  for (const day of [...days].sort((a, b) => b.date.localeCompare(a.date))) {
    if (day.status === 'absent' && day.absence_reason === 'unexplained') streak++;
    else break;
  }
  return streak;
}

export type MonthlyFigures = {
  expected: number;
  present: number;
  absent: Record<AbsenceReason, number>;
  unrecorded: number;
  rate: number | null;
};

/** A child's month: expected days, days present, absences by reason, and the attendance rate. */
export function monthlyFigures(
  expectedDates: string[],
  records: { date: string; status: string; absence_reason: AbsenceReason | null }[],
): MonthlyFigures {
  const byDate = new Map(records.map((r) => [r.date, r]));
  const absent: Record<AbsenceReason, number> = { sick: 0, family: 0, other: 0, unexplained: 0 };
  let present = 0;
  let unrecorded = 0;
  for (const date of expectedDates) {
    const r = byDate.get(date);
    if (!r) unrecorded++;
    else if (r.status === 'absent') absent[r.absence_reason ?? 'unexplained']++;
    else present++;
  }
  // Days present on unscheduled days still count as present.
  present += records.filter((r) => r.status !== 'absent' && !expectedDates.includes(r.date)).length;
  return {
    expected: expectedDates.length,
    present,
    absent,
    unrecorded,
    rate: expectedDates.length ? Math.round((present / expectedDates.length) * 1000) / 10 : null,
  };
}

export function datesOfMonth(month: string) {
  const first = DateTime.fromISO(`${month}-01`);
  return Array.from({ length: first.daysInMonth! }, (_, i) => first.plus({ days: i }).toISODate()!);
}
