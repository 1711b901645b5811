// Enrollment rules that need no database: status flow, priority, classroom fit. Unit-tested.
import { APPLICATION_STATUSES, type ApplicationStatus, type CenterKind } from '~db/schema';
import { ageInMonths, type Weekday } from '../time/time';

/** Who may move an application from one status to the next. */
const TRANSITIONS: Record<ApplicationStatus, { staff: ApplicationStatus[]; parent: ApplicationStatus[] }> = {
  draft: { staff: [], parent: ['submitted'] },
  submitted: { staff: ['in_review', 'declined'], parent: ['withdrawn'] },
  in_review: { staff: ['waitlisted', 'offered', 'declined'], parent: ['withdrawn'] },
  waitlisted: { staff: ['in_review', 'offered', 'declined'], parent: ['withdrawn'] },
  offered: { staff: ['declined', 'offer_expired'], parent: ['accepted', 'declined', 'withdrawn'] },
  offer_expired: { staff: ['waitlisted', 'offered', 'declined'], parent: ['withdrawn'] },
  accepted: { staff: ['enrolled', 'declined'], parent: ['withdrawn'] },
  enrolled: { staff: [], parent: [] },
  declined: { staff: [], parent: [] },
  withdrawn: { staff: [], parent: [] },
};

export const APPLICATION_FILTER_STATUSES: ApplicationStatus[] = [
  'submitted',
  'in_review',
  'waitlisted',
  'offered',
  'offer_expired',
  'accepted',
  'enrolled',
  'declined',
  'withdrawn',
];

export function canTransition(from: ApplicationStatus, to: ApplicationStatus, by: 'staff' | 'parent') {
  return TRANSITIONS[from][by].includes(to);
}

export function nextStatuses(from: ApplicationStatus, by: 'staff' | 'parent') {
  return TRANSITIONS[from][by];
}

/**
 * A status as people read it: 'declined' is the center's answer, except when the family declined
 * the offer themselves, which is the only change to 'declined' that no staff member makes.
 */
export const SHOWN_STATUSES = [...APPLICATION_STATUSES, 'declined_by_family'] as const;
export type ShownStatus = (typeof SHOWN_STATUSES)[number];
export const declinedByFamily = (event: { to_status: ApplicationStatus; actor_id: string | null }) =>
  event.to_status === 'declined' && event.actor_id === null;
export const shownStatus = (status: ApplicationStatus, byFamily: boolean): ShownStatus =>
  status === 'declined' && byFamily ? 'declined_by_family' : status;

/** Statuses in which an application is still alive (for duplicates and the waitlist). */
export const OPEN_STATUSES: ApplicationStatus[] = [
  'submitted',
  'in_review',
  'waitlisted',
  'offered',
  'offer_expired',
  'accepted',
];

// Priority points. TAS units exist for vulnerable families; workplace daycares serve the host
// institution's employees first, then siblings of enrolled children.
export const PRIORITY_POINTS = {
  tas: {
    social_worker_referral: 5,
    dtks: 4,
    social_assistance: 4,
    disability: 3,
    nutrition_risk: 3,
    single_parent: 2,
    working_mother: 1,
  },
  workplace: {
    host_employee: 10,
    sibling_enrolled: 5,
  },
} as const;

export function priorityFor(kind: CenterKind, flags: Partial<Record<string, boolean>>) {
  const points = PRIORITY_POINTS[kind] as Record<string, number>;
  const reasons = Object.keys(points).filter((flag) => flags[flag]);
  return { score: reasons.reduce((sum, flag) => sum + points[flag], 0), reasons };
}

export const effectivePriority = (a: { priority_score: number; priority_override: number | null }) =>
  a.priority_override ?? a.priority_score;

/** Waitlist order: higher priority first, then who applied first. */
export function compareWaitlist(
  a: { priority_score: number; priority_override: number | null; submitted_at: string | null },
  b: { priority_score: number; priority_override: number | null; submitted_at: string | null },
) {
  return effectivePriority(b) - effectivePriority(a) || (a.submitted_at ?? '').localeCompare(b.submitted_at ?? '');
}

export const FIT_AGE_PROBLEMS = ['tooYoung', 'tooOld'] as const;
export type FitProblem =
  | { reason: (typeof FIT_AGE_PROBLEMS)[number]; ageMonths: number; min: number; max: number }
  | { reason: 'full'; day: Weekday; capacity: number };

/**
 * Can the child take a place in this classroom from the start date? The age on the start date
 * must be in the classroom's range, and on each requested day fewer children than its capacity
 * may already be expected.
 */
export function classroomFit(input: {
  birthDate: string;
  startDate: string;
  days: Weekday[];
  classroom: { min_age_months: number; max_age_months: number; capacity: number };
  /** Children already expected per weekday (enrolled, or holding an accepted offer). */
  takenByDay: Partial<Record<Weekday, number>>;
}): FitProblem | null {
  const { classroom } = input;
  const ageMonths = ageInMonths(input.birthDate, input.startDate);
  if (ageMonths < classroom.min_age_months)
    return { reason: 'tooYoung', ageMonths, min: classroom.min_age_months, max: classroom.max_age_months };
  if (ageMonths > classroom.max_age_months)
    return { reason: 'tooOld', ageMonths, min: classroom.min_age_months, max: classroom.max_age_months };
  for (const day of input.days) {
    if ((input.takenByDay[day] ?? 0) >= classroom.capacity)
      return { reason: 'full', day, capacity: classroom.capacity };
  }
  return null;
}

/** The classrooms whose age range takes a child of this age (in months). */
export function classroomsForAge<C extends { min_age_months: number; max_age_months: number }>(
  ageMonths: number,
  classrooms: C[],
) {
  return classrooms.filter((c) => ageMonths >= c.min_age_months && ageMonths <= c.max_age_months);
}

/** An offer whose expiry date (a local date) has passed is expired, whether or not the job has recorded it yet. */
export function isOfferExpired(app: { status: string; offer_expires_on: string | null }, today: string) {
  return app.status === 'offered' && app.offer_expires_on !== null && app.offer_expires_on < today;
}

/** Same child, same birth date, same first guardian phone: the same application. */
export function duplicateKey(childName: string, birthDate: string, phone: string) {
  const name = childName
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return `${name}|${birthDate}|${phone}`;
}

/**
 * Places per classroom for the coming months: children stay until they pass the classroom's
 * upper age, and children with an accepted offer arrive from their start date.
 */
export function capacityForecast(input: {
  classroom: { min_age_months: number; max_age_months: number; capacity: number };
  children: { birthDate: string }[];
  incoming: { birthDate: string; startDate: string }[];
  monthStarts: string[];
}) {
  const { classroom } = input;
  return input.monthStarts.map((month) => {
    const staying = input.children.filter((c) => ageInMonths(c.birthDate, month) <= classroom.max_age_months).length;
    const arriving = input.incoming.filter(
      (c) => c.startDate <= month && ageInMonths(c.birthDate, month) <= classroom.max_age_months,
    ).length;
    return {
      month,
      staying,
      arriving,
      agedOut: input.children.length - staying,
      free: classroom.capacity - staying - arriving,
    };
  });
}
