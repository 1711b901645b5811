// Monthly coverage of a room: the rules that need no database (which months may be asked for, and
// the figures from the month's done activities), shared by the page and the unit tests.
import { DateTime } from 'luxon';
import { coverage } from './plans';

/** A coverage report may be asked for this many months back (two school years, for a late report) … */
export const MONTHS_BACK = 24;
/** … up to this month (a later month has nothing done yet). The report lists this many activities most used. */
export const MOST_USED = 5;

export type MonthProblem = 'invalidMonth' | 'monthTooFarPast' | 'monthInFuture';

/** The month (YYYY-MM) a local date falls in. */
export const monthOf = (date: string) => date.slice(0, 7);

/** Whether a coverage report may be shown for `month` (YYYY-MM), seen from `today` (a local date). */
export function monthProblem(month: string, today: string): MonthProblem | null {
  const start = DateTime.fromFormat(month, 'yyyy-MM');
  if (!/^\d{4}-\d{2}$/.test(month) || !start.isValid) return 'invalidMonth';
  const months = Math.round(start.diff(DateTime.fromFormat(monthOf(today), 'yyyy-MM'), 'months').months);
  if (months < -MONTHS_BACK) return 'monthTooFarPast';
  if (months > 0) return 'monthInFuture';
  return null;
}

/** The first and last local dates of a month (YYYY-MM), and the earliest Monday of a week with a day in it. */
export function monthDates(month: string) {
  const start = DateTime.fromFormat(month, 'yyyy-MM');
  return {
    first: start.toISODate()!,
    last: start.endOf('month').toISODate()!,
    firstWeek: start.startOf('week').toISODate()!,
  };
}

export const addMonths = (month: string, months: number) =>
  DateTime.fromFormat(month, 'yyyy-MM').plus({ months }).toFormat('yyyy-MM');

/** One planned activity marked done in the month (each time it was done counts). */
export type DoneActivity = {
  /** null for a free-text cell (counted as done, touching no element or domain). */
  activityId: string | null;
  title: string;
  childrenChoice: boolean;
  elements: string[];
  items: { id: string; domain: string }[];
};

/**
 * A room's month from its done activities: how many were done, how many times each learning
 * element and development domain was touched (through the milestone items the activities
 * support), the activities most used, the elements and domains never touched, the children's
 * "not yet" items no done activity supported, how many done activities were the children's choice,
 * and how many entries of the children's words were recorded.
 */
export function monthCoverage<Child extends { id: string }>({
  done,
  elements,
  domains,
  notYet,
  children,
  words,
}: {
  done: DoneActivity[];
  elements: readonly string[];
  domains: readonly string[];
  notYet: Map<string, string[]>;
  children: Child[];
  /** Entries of the children's words recorded in the month. */
  words: number;
}) {
  const base = coverage({ activities: done, elements, domains, notYet, children });
  const uses = new Map<string, { activityId: string; title: string; count: number }>();
  for (const d of done)
    if (d.activityId) {
      const u = uses.get(d.activityId) ?? { activityId: d.activityId, title: d.title, count: 0 };
      uses.set(d.activityId, { ...u, count: u.count + 1 });
    }
  return {
    ...base,
    done: done.length,
    mostUsed: [...uses.values()]
      .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title, 'id'))
      .slice(0, MOST_USED),
    gaps: {
      elements: elements.filter((e) => !base.elements[e]),
      domains: domains.filter((d) => !base.domains[d]),
    },
    childrenChoice: done.filter((d) => d.childrenChoice).length,
    words,
  };
}
