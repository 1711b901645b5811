// Development rules that need no database. The product never diagnoses: it points out what to
// talk about with the family and when a screening may help.
import { DateTime } from 'luxon';
import { ageInMonths } from '../time/time';

export const DOMAINS = ['social_emotional', 'language', 'cognitive', 'movement'] as const;
export const AGE_BANDS = [2, 4, 6, 9, 12, 15, 18, 24, 30, 36, 48, 60] as const;
export const KPSP_AGES = [3, 6, 9, 12, 15, 18, 21, 24, 30, 36, 42, 48, 54, 60, 66, 72] as const;

/**
 * Age for milestones: for a child born before 37 weeks, corrected by the weeks born early
 * (from 40), until 24 months of corrected age — common clinical practice.
 */
export function milestoneAgeMonths(birthDate: string, onDate: string, gestationWeeks: number | null) {
  if (gestationWeeks && gestationWeeks < 37) {
    const corrected = DateTime.fromISO(birthDate)
      .plus({ weeks: 40 - gestationWeeks })
      .toISODate()!;
    const correctedAge = ageInMonths(corrected, onDate);
    if (correctedAge < 24) return { months: Math.max(0, correctedAge), corrected: true };
  }
  return { months: ageInMonths(birthDate, onDate), corrected: false };
}

/** The checklist band for an age: the latest band the child has reached (none before 2 months). */
export function bandFor(ageMonths: number) {
  return [...AGE_BANDS].reverse().find((b) => b <= ageMonths) ?? null;
}

/** An item still "not yet" at or after its age band: talk with the family, consider screening. */
export function isFlagged(item: { age_months: number }, latestStatus: string | null | undefined, ageMonths: number) {
  return latestStatus === 'not_yet' && ageMonths >= item.age_months;
}

export type KpspResult = { interpretation: 'appropriate' | 'doubtful' | 'deviation'; followUpDue: string | null };

/**
 * KPSP scoring (count of "yes" answers): 9–10 appropriate; 7–8 doubtful, re-screen in two weeks;
 * 6 or fewer, possible deviation: refer.
 */
export function interpretKpsp(yesCount: number, screenedOn: string): KpspResult {
  if (yesCount >= 9) return { interpretation: 'appropriate', followUpDue: null };
  if (yesCount >= 7)
    return { interpretation: 'doubtful', followUpDue: DateTime.fromISO(screenedOn).plus({ weeks: 2 }).toISODate()! };
  return { interpretation: 'deviation', followUpDue: screenedOn };
}

/** KPSP's age: more than 16 days over a month counts as the next month; the form is the nearest younger screening age. */
export function kpspAgePoint(birthDate: string, onDate: string) {
  const whole = ageInMonths(birthDate, onDate);
  const anniversary = DateTime.fromISO(birthDate).plus({ months: whole });
  const extraDays = DateTime.fromISO(onDate).diff(anniversary, 'days').days;
  const months = whole + (extraDays > 16 ? 1 : 0);
  return [...KPSP_AGES].reverse().find((a) => a <= months) ?? null;
}
