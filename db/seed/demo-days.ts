// The demo's days, worked out without a database: which expected days a child came or stayed
// away (and why), at what times, and which milestones a child of that age has shown. Everything
// comes from seeded random numbers, so every machine makes the same demo on the same day.
import { DateTime } from 'luxon';
import type { AbsenceReason, Domain, ObservationStatus } from '../schema';
import { AGE_BANDS } from '~/modules/development/rules';

export type Rand = () => number;

/** mulberry32: a small generator with 32-bit integer steps, the same on every machine. */
export function seeded(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pickOne = <T>(rand: Rand, list: readonly T[]) => list[Math.floor(rand() * list.length)];

/** A number for a text (FNV-1a), e.g. to draw the same portrait for the same person every time. */
export function hashOf(text: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export type DayPlan =
  { date: string; kind: 'present' } | { date: string; kind: 'absent'; reason: AbsenceReason; note: string | null };

const SICK_NOTES = ['Demam', 'Batuk pilek', 'Diare', 'Demam, sudah diperiksa di Puskesmas', 'Radang tenggorokan', null];
const FAMILY_NOTES = [
  'Acara keluarga',
  'Pulang kampung',
  'Ikut orang tua ke luar kota',
  'Menjenguk kakek di rumah sakit',
];
const OTHER_NOTES = ['Imunisasi di Posyandu', 'Kontrol ke dokter anak', 'Banjir di sekitar rumah'];

/**
 * A child's expected days (oldest first): mostly here, sometimes ill for a day to three, away with
 * the family now and then, rarely absent without a word. Two unexplained absences never follow
 * each other, so no follow-up opens by chance; `unexplainedTail` ends the list with that many
 * unexplained absences in a row (the one follow-up the demo opens on purpose).
 */
export function planAttendance({
  dates,
  rand,
  ageMonths,
  frailty = 1,
  unexplainedTail = 0,
}: {
  dates: string[];
  rand: Rand;
  ageMonths: number;
  /** Multiplies how often the child is ill or away (about 0.5–1.6). */
  frailty?: number;
  unexplainedTail?: number;
}): DayPlan[] {
  const sickStart = (ageMonths < 24 ? 0.05 : ageMonths < 48 ? 0.038 : 0.028) * frailty;
  const plan: DayPlan[] = [];
  let run: { reason: AbsenceReason; note: string | null; left: number } | null = null;
  const body = dates.length - unexplainedTail;
  for (let i = 0; i < body; i++) {
    const date = dates[i];
    if (run) {
      plan.push({ date, kind: 'absent', reason: run.reason, note: run.note });
      run = --run.left > 0 ? run : null;
      continue;
    }
    const r = rand();
    const previous = plan[plan.length - 1];
    const afterUnexplained = previous?.kind === 'absent' && previous.reason === 'unexplained';
    // The day before the deliberate streak is a day here, or the streak would have started earlier.
    const beforeTail = unexplainedTail > 0 && i === body - 1;
    if (beforeTail) plan.push({ date, kind: 'present' });
    else if (r < sickStart) {
      const length = 1 + Math.floor(rand() * 3);
      run = { reason: 'sick', note: pickOne(rand, SICK_NOTES), left: length };
      i--;
    } else if (r < sickStart + 0.012 * frailty) {
      const length = 1 + Math.floor(rand() * rand() * 4);
      run = { reason: 'family', note: pickOne(rand, FAMILY_NOTES), left: length };
      i--;
    } else if (r < sickStart + 0.018 * frailty)
      plan.push({ date, kind: 'absent', reason: 'other', note: pickOne(rand, OTHER_NOTES) });
    else if (r < sickStart + 0.028 * frailty && !afterUnexplained)
      plan.push({ date, kind: 'absent', reason: 'unexplained', note: null });
    else plan.push({ date, kind: 'present' });
  }
  for (let i = body; i < dates.length; i++)
    plan.push({ date: dates[i], kind: 'absent', reason: 'unexplained', note: null });
  return plan;
}

/** The longest run of unexplained absences in a row among expected days (oldest first). */
export function longestUnexplainedRun(plan: { kind: string; reason?: AbsenceReason }[]) {
  let longest = 0;
  let current = 0;
  for (const day of plan) {
    current = day.kind === 'absent' && day.reason === 'unexplained' ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

/** An instant on a local date at minutes after midnight, in a zone (UTC ISO). */
export const at = (date: string, minutes: number, zone: string) =>
  new Date(startOfDay(date, zone) + Math.round(minutes) * 60_000).toISOString();

/**
 * Midnight of a local date in a zone, as epoch milliseconds. Remembered: the seed asks for the same
 * few hundred days thousands of times, and each answer costs luxon a time zone lookup. (Adding
 * minutes to it is what luxon's plus({ minutes }) does: it counts elapsed time.)
 */
const midnights = new Map<string, number>();
function startOfDay(date: string, zone: string) {
  const key = `${zone} ${date}`;
  let ms = midnights.get(key);
  if (ms === undefined) {
    ms = DateTime.fromISO(date, { zone }).startOf('day').toMillis();
    midnights.set(key, ms);
  }
  return ms;
}

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a child arrives and leaves on a day: around the scheduled times, never before opening nor
 * within five minutes of closing.
 */
export function dayTimes({
  rand,
  schedule,
  opening,
}: {
  rand: Rand;
  schedule: [string, string];
  opening: [string, string];
}) {
  const open = minutesOf(opening[0]);
  const close = minutesOf(opening[1]);
  const arrive = Math.max(open + 2 + Math.floor(rand() * 6), minutesOf(schedule[0]) - 25 + Math.floor(rand() * 60));
  const leave = Math.min(close - 5 - Math.floor(rand() * 8), minutesOf(schedule[1]) - 80 + Math.floor(rand() * 95));
  return { arrive, leave: Math.max(leave, arrive + 240) };
}

type Item = { id: string; age_months: number; domain: Domain };

/** A delay the demo shows on purpose, in one domain: items up to `fullBand` seen; `partial` of the next band seen, by id. */
export type Delay = { domain: Domain; fullBand: number; partial: string[]; notSure?: string[] };

export type PlannedObservation = { itemId: string; status: ObservationStatus; ageMonths: number; recent: boolean };

/**
 * Milestones a child of `ageMonths` (in band `band`) has shown: every item of earlier bands (seen
 * when the child was that age); their band mostly, with a "not yet" now and then (more often early
 * in the band); and, late in the band, one item of the next band. Within a domain no "not yet" is
 * ever below an item of a later age seen — development does not skip and come back. A delay keeps
 * the same rule, just earlier: seen up to a band, part of the next, not yet after that.
 */
export function planMilestones({
  items,
  ageMonths,
  band,
  rand,
  delay,
}: {
  items: Item[];
  ageMonths: number;
  band: number;
  rand: Rand;
  delay?: Delay;
}): PlannedObservation[] {
  const next = AGE_BANDS.find((b) => b > band) ?? null;
  const lateInBand = next !== null && (ageMonths - band) / (next - band) >= 0.5;
  const earlyInBand = next === null ? 0.5 : 1 - (ageMonths - band) / (next - band);
  const planned: PlannedObservation[] = [];
  const domains = [...new Set(items.map((i) => i.domain))];
  for (const domain of domains) {
    const inDomain = items
      .filter((i) => i.domain === domain)
      .sort((a, b) => a.age_months - b.age_months || a.id.localeCompare(b.id));
    if (delay?.domain === domain) {
      const partialBand = AGE_BANDS.find((b) => b > delay.fullBand)!;
      for (const item of inDomain) {
        if (item.age_months > band) continue;
        const status: ObservationStatus =
          item.age_months <= delay.fullBand || delay.partial.includes(item.id)
            ? 'yes'
            : delay.notSure?.includes(item.id)
              ? 'not_sure'
              : 'not_yet';
        planned.push({ itemId: item.id, status, ageMonths: item.age_months, recent: item.age_months >= partialBand });
      }
      continue;
    }
    const atBand = inDomain.filter((i) => i.age_months === band);
    const notYet = atBand.length > 1 && rand() < 0.16 * earlyInBand ? pickOne(rand, atBand).id : null;
    const unsure = rand() < 0.1 ? pickOne(rand, atBand)?.id : undefined;
    for (const item of inDomain) {
      if (item.age_months < band)
        planned.push({ itemId: item.id, status: 'yes', ageMonths: item.age_months, recent: false });
      else if (item.age_months === band)
        planned.push({
          itemId: item.id,
          status: item.id === notYet ? 'not_yet' : item.id === unsure ? 'not_sure' : 'yes',
          ageMonths: item.age_months,
          recent: true,
        });
    }
    if (lateInBand && rand() < 0.6) {
      const first = inDomain.find((i) => i.age_months === next);
      // Something of the next band already seen, unless this band still has a "not yet".
      if (first)
        planned.push({
          itemId: first.id,
          status: notYet || rand() < 0.5 ? 'not_yet' : 'yes',
          ageMonths: first.age_months,
          recent: true,
        });
    }
  }
  return planned;
}

/**
 * The rule the demo keeps, checked: in each domain, no item "not yet" whose age is below an item of
 * a later age already seen. Returns the offending pairs.
 */
export function milestoneContradictions(
  latest: { itemId: string; domain: Domain; ageMonths: number; status: ObservationStatus }[],
) {
  const found: [string, string][] = [];
  for (const notYet of latest.filter((o) => o.status === 'not_yet'))
    for (const seen of latest)
      if (seen.status === 'yes' && seen.domain === notYet.domain && seen.ageMonths > notYet.ageMonths)
        found.push([notYet.itemId, seen.itemId]);
  return found;
}
