// Welfare concerns: the forms (shared by the actions and the pages), who may see a concern, and the
// rules that need no database. A concern is restricted: the center's coordinators and the person who
// raised it, nobody else (docs/decisions/0014-welfare-concerns.md).
import { z } from 'zod';
import { CONCERN_CATEGORIES, REFERRAL_SERVICES, RISK_LEVELS, type Role } from '~db/schema';
import { clockTime, isoDate, msg, optionalText, text } from '../forms/fields';

export { CONCERN_CATEGORIES, REFERRAL_SERVICES, RISK_LEVELS };

/** How a closed concern ended (the reason is written beside it). */
export const CONCERN_OUTCOMES = [
  'no_further_concern',
  'resolved_with_family',
  'handed_to_service',
  'child_left',
  'other',
] as const;
export type ConcernOutcome = (typeof CONCERN_OUTCOMES)[number];

/**
 * On what basis a center shares a child's information with an outside service. The legal duty is
 * Law 35/2014 (amending Law 23/2002 on Child Protection): the catalog names it in plain words,
 * factually; it is not legal advice, and the wording lives in the catalogs (concerns.basis.*), so
 * an organisation can change it without touching code.
 */
export const REFERRAL_BASES = ['guardian_consent', 'legal_duty'] as const;
export type ReferralBasis = (typeof REFERRAL_BASES)[number];

/** The entries a coordinator writes on the concern's timeline (a raiser may add a note only). */
export const ENTRY_KINDS = ['action', 'decision', 'note'] as const;

/** Where a concern was started from. */
export const CONCERN_SOURCES = ['manual', 'arrival_check', 'absence_follow_up'] as const;
export type ConcernSource = (typeof CONCERN_SOURCES)[number];

/** What a module function answers when it refuses; each maps to errors.concern_<code>. */
export const CONCERN_ERRORS = [
  'childNotFound',
  'sourceNotFound',
  'closed',
  'notClosed',
  'followUpInPast',
  'sharedInFuture',
  'referralNotFound',
] as const;
export type ConcernError = (typeof CONCERN_ERRORS)[number];

const LONG = 4000;

/** An optional local date ('' is none). */
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), msg('date'));

export const RaiseConcernSchema = z
  .object({
    child_id: z
      .string({ required_error: msg('choose') })
      .min(1, msg('choose'))
      .max(64),
    category: z.enum(CONCERN_CATEGORIES),
    description: text(LONG),
    child_words: optionalText(LONG),
    source: z.enum(CONCERN_SOURCES).default('manual'),
    source_id: optionalText(64),
  })
  .superRefine((v, ctx) => {
    // A disclosure is recorded in the child's own words, as said: nothing else stands in for them.
    if (v.category === 'disclosure' && !v.child_words)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['child_words'], message: msg('concernChildWords') });
  });
export type RaiseConcernInput = z.output<typeof RaiseConcernSchema>;

export const AssessSchema = z.object({
  intent: z.literal('assess'),
  risk_level: z.enum(RISK_LEVELS),
  body: text(LONG),
  follow_up_on: optionalDate,
});

export const EntrySchema = z.object({
  intent: z.literal('entry'),
  kind: z.enum(ENTRY_KINDS),
  body: text(LONG),
});

export const FollowUpSchema = z.object({
  intent: z.literal('followUp'),
  follow_up_on: optionalDate,
});

export const ReferSchema = z.object({
  intent: z.literal('refer'),
  service: z.enum(REFERRAL_SERVICES),
  recipient: text(200),
  contact: optionalText(200),
  shared_what: text(LONG),
  basis: z.enum(REFERRAL_BASES),
  shared_on: isoDate,
  shared_time: clockTime,
  follow_up_on: optionalDate,
});

export const ReferralDoneSchema = z.object({
  intent: z.literal('referralDone'),
  referral_id: z.string().min(1).max(64),
});

export const CloseSchema = z.object({
  intent: z.literal('close'),
  outcome: z.enum(CONCERN_OUTCOMES),
  close_reason: text(LONG),
});

export const ReopenSchema = z.object({
  intent: z.literal('reopen'),
  reason: text(LONG),
});

/** The forms of a concern's page, by their intent. */
export const CONCERN_FORMS = {
  assess: AssessSchema,
  entry: EntrySchema,
  followUp: FollowUpSchema,
  refer: ReferSchema,
  referralDone: ReferralDoneSchema,
  close: CloseSchema,
  reopen: ReopenSchema,
} as const;
export type ConcernIntent = keyof typeof CONCERN_FORMS;

/** What the person who raised a concern (and is not a coordinator) may post on it: a further note. */
export const RAISER_INTENTS: readonly ConcernIntent[] = ['entry'];

/**
 * Who may see a concern: the center's coordinators and the person who raised it. Teachers,
 * caregivers, guardians and regional users never do, whatever else they may see of the child.
 */
export function canSeeConcern({
  roles,
  userId,
  raisedBy,
}: {
  /** The viewer's roles in the concern's own center (empty for anyone else). */
  roles: readonly Role[];
  userId: string;
  raisedBy: string;
}) {
  return roles.includes('coordinator') || userId === raisedBy;
}

/** Whether the viewer manages the concern (assesses, refers, closes): its center's coordinators. */
export const managesConcern = (roles: readonly Role[]) => roles.includes('coordinator');

/** A follow-up date must not lie in the past when it is set. */
export function followUpProblem(followUpOn: string | null, today: string): ConcernError | null {
  return followUpOn !== null && followUpOn < today ? 'followUpInPast' : null;
}

/** A follow-up is overdue when its date is before today (a date of today is still due today). */
export const isOverdue = (followUpOn: string | null, today: string) => followUpOn !== null && followUpOn < today;

// What the audit log may say of a concern: that a field was set or changed, never its value.
// These values are redacted before the entry is written, so neither the change history, its CSV,
// nor a backup of the log holds a concern's content; the concern's own tables do, restricted.
export const CONCERN_CONTENT_FIELDS = new Set([
  'category',
  'description',
  'child_words',
  'risk_level',
  'outcome',
  'close_reason',
  'body',
  'kind',
  'service',
  'recipient',
  'contact',
  'shared_what',
  'basis',
  'source',
  'source_id',
]);
const REDACTED = '••••';
/** A changed content field's new value: another marker, so the log still sees that it changed. */
const REDACTED_CHANGED = '•••• ••••';

/**
 * A concern's row (or an entry's, or a referral's) before and after a change, as its audit entry
 * records them: content fields as "set" or "changed" without their value, and no child (the entry
 * must not name the child to anyone reading the log or a child's history).
 */
export function auditShape(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  const shape = (row: Record<string, unknown> | null, other: Record<string, unknown> | null, isAfter: boolean) => {
    if (!row) return null;
    const shaped: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(row)) {
      if (field === 'child_id') continue;
      if (!CONCERN_CONTENT_FIELDS.has(field) || value === null || value === undefined) shaped[field] = value;
      else {
        const changed = isAfter && other !== null && field in other && other[field] !== null && other[field] !== value;
        shaped[field] = changed ? REDACTED_CHANGED : REDACTED;
      }
    }
    return shaped;
  };
  return { before: shape(before, after, false), after: shape(after, before, true) };
}
