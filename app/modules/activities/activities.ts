// The activity library: the tag sets, the schema the activity form and its action share, the
// filters a search URL carries, and the pure rules (age ranges, which text to show). Database
// access is in activities.server.ts beside this.
import { z } from 'zod';
import { ACTIVITY_GROUPINGS, ACTIVITY_SETTINGS } from '~db/schema';
import { DOMAINS } from '../development/rules';
import { msg } from '../forms/fields';

/** The three elements of the PAUD Capaian Pembelajaran (Kurikulum Merdeka), by code. */
export const LEARNING_ELEMENTS = ['agama_budi_pekerti', 'jati_diri', 'literasi_steam'] as const;
export type LearningElement = (typeof LEARNING_ELEMENTS)[number];
/** The five classic Montessori areas. */
export const MONTESSORI_AREAS = ['practical_life', 'sensorial', 'language', 'mathematics', 'culture'] as const;
export type MontessoriArea = (typeof MONTESSORI_AREAS)[number];
export const ACTIVITY_SCOPES = ['all', 'shared', 'own'] as const;
export type ActivityScope = (typeof ACTIVITY_SCOPES)[number];

/** The oldest age an activity can be for: the end of PAUD (6 years). */
export const ACTIVITY_MAX_AGE_MONTHS = 72;
export const ACTIVITY_MAX_MINUTES = 240;
/** How far (in months) a milestone's age may lie outside an activity's range and still fit it. */
export const MILESTONE_AGE_SLACK = 6;
export const ACTIVITY_MILESTONES_MAX = 12;

/** A milestone item fits an activity when its age is in the activity's range, or near it. */
export const milestoneFits = (itemAgeMonths: number, range: { min: number; max: number }) =>
  itemAgeMonths >= range.min - MILESTONE_AGE_SLACK && itemAgeMonths <= range.max + MILESTONE_AGE_SLACK;

/** Does an activity for these ages suit a child of `age` months / a room for these ages? */
export const rangesOverlap = (a: { min: number; max: number }, b: { min: number; max: number }) =>
  a.min <= b.max && b.min <= a.max;

/** A tag of any kind, as one value in a filter or a link: 'element:jati_diri', 'profile:kemandirian'. */
export type TagRef = { kind: 'element' | 'montessori' | 'profile'; code: string };
export const tagValue = (t: TagRef) => `${t.kind}:${t.code}`;
export function parseTag(value: string): TagRef | null {
  const [kind, code, extra] = value.split(':');
  if (extra !== undefined || !code || code.length > 64) return null;
  if (kind === 'element') return (LEARNING_ELEMENTS as readonly string[]).includes(code) ? { kind, code } : null;
  if (kind === 'montessori') return (MONTESSORI_AREAS as readonly string[]).includes(code) ? { kind, code } : null;
  if (kind === 'profile') return /^[a-z_]+$/.test(code) ? { kind, code } : null;
  return null;
}

/** Checked boxes arrive as one value, several, or (react-hook-form, none ticked) false. */
const codes = (allowed?: readonly string[], max = 20) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []),
    z
      .array(z.string().max(64), { invalid_type_error: msg('choose') })
      .max(max, msg('max', { max }))
      // One message for the whole group (not per box), so the form shows it under the group.
      .refine((v) => v.every((code) => (allowed ? allowed.includes(code) : /^[\w-]{1,64}$/.test(code))), msg('choose'))
      .transform((v) => [...new Set(v)]),
  );

const longText = (max: number, required = true) =>
  required
    ? z
        .string({ required_error: msg('required') })
        .trim()
        .min(1, msg('required'))
        .max(max, msg('tooLong', { max }))
    : z
        .string()
        .trim()
        .max(max, msg('tooLong', { max }))
        .optional()
        .transform((v) => v ?? '');

const months = z.coerce
  .number({ invalid_type_error: msg('number') })
  .int(msg('wholeNumber'))
  .min(0, msg('between', { min: 0, max: ACTIVITY_MAX_AGE_MONTHS }))
  .max(ACTIVITY_MAX_AGE_MONTHS, msg('between', { min: 0, max: ACTIVITY_MAX_AGE_MONTHS }));

/**
 * A center's own activity, new or edited: the words in one language (the writer's), the facts, and
 * the tags. The milestone items and profile dimensions are checked against the database as well.
 */
export const ActivitySchema = z
  .object({
    title: longText(120),
    goal: longText(500),
    steps: longText(4000),
    materials: longText(1000),
    adaptations: longText(2000, false),
    safety_notes: longText(2000, false),
    duration_minutes: z.coerce
      .number({ invalid_type_error: msg('number') })
      .int(msg('wholeNumber'))
      .min(1, msg('between', { min: 1, max: ACTIVITY_MAX_MINUTES }))
      .max(ACTIVITY_MAX_MINUTES, msg('between', { min: 1, max: ACTIVITY_MAX_MINUTES })),
    min_age_months: months,
    max_age_months: months,
    grouping: z.enum(ACTIVITY_GROUPINGS),
    setting: z.enum(ACTIVITY_SETTINGS),
    elements: codes(LEARNING_ELEMENTS),
    montessori: codes(MONTESSORI_AREAS),
    profile: codes(undefined, 12),
    milestones: codes(undefined, ACTIVITY_MILESTONES_MAX),
    remove_photo: z
      .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
      .optional()
      .transform((v) => v === true || v === 'on' || v === 'true'),
  })
  .refine((v) => v.min_age_months <= v.max_age_months, {
    path: ['max_age_months'],
    message: msg('activityAgeRange'),
  });
export type ActivityInput = z.output<typeof ActivitySchema>;

/** Copying a shared activity into the center's own, to adapt it. */
export const CopyActivitySchema = z.object({ intent: z.literal('copy') });

/** The search and filters of the library page, from its URL; anything unreadable is simply no filter. */
export type ActivityFilters = {
  q: string | null;
  age: number | null;
  room: string | null;
  tag: TagRef | null;
  domain: (typeof DOMAINS)[number] | null;
  milestone: string | null;
  scope: ActivityScope;
};

export function parseActivityFilters(params: URLSearchParams): ActivityFilters {
  const get = (k: string) => params.get(k)?.trim() || null;
  const age = get('age');
  const ageNumber = age !== null && /^\d{1,2}$/.test(age) ? Number(age) : null;
  const domain = get('domain');
  const scope = get('scope');
  const id = (v: string | null) => (v && /^[\w-]{1,64}$/.test(v) ? v : null);
  return {
    q: get('q')?.slice(0, 100) ?? null,
    age: ageNumber !== null && ageNumber <= ACTIVITY_MAX_AGE_MONTHS ? ageNumber : null,
    room: id(get('room')),
    tag: get('tag') ? parseTag(get('tag')!) : null,
    domain: domain && (DOMAINS as readonly string[]).includes(domain) ? (domain as ActivityFilters['domain']) : null,
    milestone: id(get('milestone')),
    scope: scope && (ACTIVITY_SCOPES as readonly string[]).includes(scope) ? (scope as ActivityScope) : 'all',
  };
}

/** The text to show a reader: their language if the activity has it, else the other one. */
export function textFor<T extends { language: string }>(texts: readonly T[], lang: string): T | undefined {
  return texts.find((t) => t.language === lang) ?? texts[0];
}
