// The day as staff log it (meals, bottles, naps, diapers, mood, activities, medicine, notes,
// photos): the kinds, the form schemas shared by the action and the form, the codec of
// day_entries.data, and the pure rules (plausible amounts, nap order, what the summary says).
import { z } from 'zod';
import { MOODS } from '../attendance/door';
import { clockTime, isoDate, msg, optionalText, text } from '../forms/fields';

export const DAY_ENTRY_KINDS = [
  'meal',
  'snack',
  'bottle',
  'breastfeeding',
  'nap',
  'diaper',
  'mood',
  'activity',
  'medicine',
  'note',
  'photo',
] as const;
export type DayEntryKind = (typeof DAY_ENTRY_KINDS)[number];
export const isDayEntryKind = (v: unknown): v is DayEntryKind =>
  typeof v === 'string' && (DAY_ENTRY_KINDS as readonly string[]).includes(v);

/** How much of a meal or snack was eaten. */
export const AMOUNTS = ['all', 'most', 'some', 'none'] as const;
/** What a bottle held. */
export const MILKS = ['formula', 'breast_milk'] as const;
export const DIAPERS = ['wet', 'dirty', 'dry', 'toilet'] as const;

/** A bottle above this is a typing error (a large bottle holds 300–350 ml). */
export const BOTTLE_MAX_ML = 500;
/** A breastfeeding visit in the lactation room longer than this is a typing error. */
export const BREASTFEEDING_MAX_MINUTES = 120;

// ————— What each kind stores in day_entries.data —————

const amount = z.enum(AMOUNTS);
const milk = z.enum(MILKS);
export const DAY_DATA = {
  meal: z.object({ what: z.string(), amount }),
  snack: z.object({ what: z.string(), amount }),
  bottle: z.object({ ml: z.number().int(), milk }),
  breastfeeding: z.object({ minutes: z.number().int() }),
  /** A nap starts at the entry's `at`; `end` is null while the child sleeps. */
  nap: z.object({ end: z.string().nullable() }),
  diaper: z.object({ diaper: z.enum(DIAPERS) }),
  mood: z.object({ mood: z.enum(MOODS) }),
  activity: z.object({ text: z.string() }),
  /** The guardian's instruction it follows, what was given as it was named then, and by whom. */
  medicine: z.object({ instructionId: z.string(), medicine: z.string(), dose: z.string(), givenBy: z.string() }),
  note: z.object({ text: z.string() }),
  photo: z.object({ caption: z.string().nullable() }),
} satisfies Record<DayEntryKind, z.ZodTypeAny>;

export type DayData = { [K in DayEntryKind]: z.output<(typeof DAY_DATA)[K]> };
/** An entry's kind with its data, typed together. */
export type DayEntryValue = { [K in DayEntryKind]: { kind: K; data: DayData[K] } }[DayEntryKind];

/** day_entries.data, read and written through the kind's schema (never JSON.parse at a call site). */
export const dayDataColumn = {
  parse: (kind: string, text: string): DayEntryValue => {
    if (!isDayEntryKind(kind)) throw new Error(`Unknown day entry kind: ${kind}`);
    return { kind, data: DAY_DATA[kind].parse(JSON.parse(text)) } as DayEntryValue;
  },
  stringify: (value: DayEntryValue): string => JSON.stringify(DAY_DATA[value.kind].parse(value.data)),
};

// ————— The log form —————

/** Checked children arrive as one value, several, or (react-hook-form, none ticked) false. */
const childIds = z.preprocess(
  (v) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []),
  z
    .array(z.string().min(1).max(64))
    .min(1, msg('chooseChildren'))
    .max(60, msg('max', { max: 60 })),
);
/** An optional time of day: empty means now. */
const optionalTime = clockTime
  .or(z.literal(''))
  .optional()
  .transform((v) => v || null);
const count = (min: number, max: number, message: string) =>
  z.coerce
    .number({ invalid_type_error: msg('number') })
    .int(msg('wholeNumber'))
    .min(min, message)
    .max(max, message);

const breastfeedingMinutes = count(
  1,
  BREASTFEEDING_MAX_MINUTES,
  msg('minutesRange', { max: BREASTFEEDING_MAX_MINUTES }),
);

const base = { intent: z.literal('log'), childIds, time: optionalTime };
const byKind = <K extends DayEntryKind, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.object({ ...base, kind: z.literal(kind), ...shape });

/** The fields each kind adds to the form, as the form posts them. */
export const DayEntrySchema = z
  .discriminatedUnion(
    'kind',
    [
      byKind('meal', { what: text(200), amount }),
      byKind('snack', { what: text(200), amount }),
      byKind('bottle', {
        ml: count(1, BOTTLE_MAX_ML, msg('mlRange', { max: BOTTLE_MAX_ML })),
        milk,
      }),
      byKind('breastfeeding', { minutes: breastfeedingMinutes }),
      byKind('nap', { end: optionalTime }),
      byKind('diaper', { diaper: z.enum(DIAPERS) }),
      byKind('mood', { mood: z.enum(MOODS) }),
      byKind('activity', { text: text(500) }),
      byKind('medicine', {
        instructionId: z.string().min(1, msg('chooseInstruction')).max(64),
        dose: text(100),
        given_by: text(120),
      }),
      byKind('note', { text: text(1000) }),
      byKind('photo', { caption: optionalText(300) }),
    ],
    // No kind chosen (or one that does not exist): the same message as any unanswered choice.
    {
      errorMap: (issue, ctx) => ({
        message: issue.code === 'invalid_union_discriminator' ? msg('choose') : ctx.defaultError,
      }),
    },
  )
  .superRefine((v, ctx) => {
    // A nap's start is the entry's time; one that ends is after it. (An empty start is now, and an end typed now is
    // checked against the clock by the server.)
    if (v.kind === 'nap' && v.end && v.time && v.end <= v.time)
      ctx.addIssue({ code: 'custom', path: ['end'], message: msg('napEndBeforeStart') });
    if (v.kind === 'medicine' && v.childIds.length > 1)
      ctx.addIssue({ code: 'custom', path: ['childIds'], message: msg('medicineOneChild') });
  });
export type DayEntryForm = z.output<typeof DayEntrySchema>;

/** What the form asks for, as the entry's data (times are resolved to instants by the server). */
export function entryFromForm(
  form: DayEntryForm,
  { endAt, instruction }: { endAt: string | null; instruction?: { medicine: string } },
): DayEntryValue {
  switch (form.kind) {
    case 'meal':
    case 'snack':
      return { kind: form.kind, data: { what: form.what, amount: form.amount } };
    case 'bottle':
      return { kind: 'bottle', data: { ml: form.ml, milk: form.milk } };
    case 'breastfeeding':
      return { kind: 'breastfeeding', data: { minutes: form.minutes } };
    case 'nap':
      return { kind: 'nap', data: { end: endAt } };
    case 'diaper':
      return { kind: 'diaper', data: { diaper: form.diaper } };
    case 'mood':
      return { kind: 'mood', data: { mood: form.mood } };
    case 'activity':
    case 'note':
      return { kind: form.kind, data: { text: form.text } };
    case 'medicine':
      return {
        kind: 'medicine',
        data: {
          instructionId: form.instructionId,
          medicine: instruction?.medicine ?? '',
          dose: form.dose,
          givenBy: form.given_by,
        },
      };
    case 'photo':
      return { kind: 'photo', data: { caption: form.caption } };
  }
}

/** Ending a nap that was started earlier: the time it ended, empty for now. */
export const EndNapSchema = z.object({
  intent: z.literal('end-nap'),
  entryId: z.string().min(1).max(64),
  end: optionalTime,
});
export const RemoveEntrySchema = z.object({ intent: z.literal('remove'), entryId: z.string().min(1).max(64) });

/** A mother logs her own visit to the lactation room: how long, and when if not just now. */
export const FeedingVisitSchema = z.object({
  intent: z.literal('feeding'),
  minutes: breastfeedingMinutes,
  time: optionalTime,
});
export type FeedingVisit = z.output<typeof FeedingVisitSchema>;

// ————— Medicine instructions and consent, from the family —————

/** How far ahead a guardian's instruction may run: a course of medicine, not a standing order. */
export const INSTRUCTION_MAX_DAYS = 31;

export const medicineInstructionSchema = (today: string) =>
  z
    .object({
      intent: z.literal('instruction'),
      medicine: text(120),
      dose: text(100),
      instructions: optionalText(500),
      starts_on: isoDate.refine((v) => v >= today, msg('startInPast')),
      ends_on: isoDate,
    })
    .superRefine((v, ctx) => {
      if (v.ends_on < v.starts_on) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: msg('endBeforeStart') });
      else if (daysBetween(v.starts_on, v.ends_on) >= INSTRUCTION_MAX_DAYS)
        ctx.addIssue({
          code: 'custom',
          path: ['ends_on'],
          message: msg('instructionTooLong', { max: INSTRUCTION_MAX_DAYS }),
        });
    });

export const RevokeInstructionSchema = z.object({
  intent: z.literal('revoke'),
  instructionId: z.string().min(1).max(64),
});
export const PhotoConsentSchema = z.object({ intent: z.literal('consent'), consent_photos: z.enum(['yes', 'no']) });

/** When the day's summary goes to families: a time, or empty for "at check-out". */
export const DailySummaryTimeSchema = z.object({
  intent: z.literal('daily-summary'),
  daily_summary_time: clockTime
    .or(z.literal(''))
    .optional()
    .transform((v) => v || null),
});

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Is an instruction in force on this local date? */
export const instructionCovers = (i: { starts_on: string; ends_on: string; revoked_at: string | null }, date: string) =>
  i.revoked_at === null && i.starts_on <= date && date <= i.ends_on;

// ————— Days —————

export const nextDate = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
export const previousDate = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The day a day page shows for its ?date=: today when none is given; a date before the child's
 * first day or after today is brought within them; a malformed one is today.
 */
export function pageDay(param: string | null, { today, firstDay }: { today: string; firstDay: string }) {
  let date = param && /^\d{4}-\d{2}-\d{2}$/.test(param) && !Number.isNaN(Date.parse(param)) ? param : today;
  if (date > today) date = today;
  if (date < firstDay) date = firstDay < today ? firstDay : today;
  return {
    date,
    previous: date > firstDay ? previousDate(date) : null,
    next: date < today ? nextDate(date) : null,
  };
}

// ————— The timeline —————

export type TimelineItem =
  | {
      type: 'arrival';
      at: string;
      temperatureTenths: number | null;
      fever: boolean;
      mood: string | null;
      marks: string | null;
      broughtBy: string | null;
    }
  | ({
      type: 'entry';
      id: string;
      at: string;
      recordedBy: string | null;
      recordedByName: string | null;
      /** For a photo the viewer may see; null when there is none or it is hidden (consent withdrawn). */
      photoId: string | null;
    } & DayEntryValue)
  | { type: 'refusedPickup'; id: string; at: string; personName: string }
  /** A planned activity of the child's room marked done that day (the child was here), at the time it was marked. */
  | {
      type: 'planActivity';
      id: string;
      at: string;
      /** The library's title in each language it has; null for a free-text cell. */
      titles: { id: string | null; en: string | null };
      /** The cell's free text (or its note). */
      text: string | null;
      note: string;
    }
  /** The children's own words about an activity, as the teacher wrote them down, naming this child. */
  | { type: 'childWords'; id: string; at: string; text: string }
  | { type: 'departure'; at: string; pickedUpBy: string | null }
  | { type: 'absence'; reason: string | null };

/** Newest first; an absence (no time) stays last. */
export const newestFirst = (items: TimelineItem[]) =>
  [...items].sort((a, b) => ('at' in b ? b.at : '').localeCompare('at' in a ? a.at : ''));

/** What a day adds up to, for the summary: counts and totals a family reads at a glance. */
export function dayTotals(items: TimelineItem[]) {
  const entries = items.flatMap((i) => (i.type === 'entry' ? [i] : []));
  const of = <K extends DayEntryKind>(kind: K) =>
    entries.filter((e): e is Extract<typeof e, { kind: K }> => e.kind === kind);
  const napMinutes = of('nap').reduce(
    (sum, n) => sum + (n.data.end ? Math.max(0, Math.round((Date.parse(n.data.end) - Date.parse(n.at)) / 60_000)) : 0),
    0,
  );
  return {
    meals: [...of('meal'), ...of('snack')].map((m) => ({ kind: m.kind, what: m.data.what, amount: m.data.amount })),
    bottleMl: of('bottle').reduce((sum, b) => sum + b.data.ml, 0),
    bottles: of('bottle').length,
    breastfeedings: of('breastfeeding').length,
    naps: of('nap').length,
    napMinutes,
    diapers: of('diaper').length,
    moods: of('mood').map((m) => m.data.mood),
    activities: of('activity').map((a) => a.data.text),
    medicines: of('medicine').map((m) => `${m.data.medicine} ${m.data.dose}`),
    notes: of('note').map((n) => n.data.text),
    photos: of('photo').filter((p) => p.photoId !== null).length,
  };
}
