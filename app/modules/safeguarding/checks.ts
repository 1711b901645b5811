// A staff member's safeguarding checks and the rule that decides whether they count toward the
// live staff:child ratio. Pure: the ratio panel, the staff list, the reminders and the regional
// "staff-check status" all read the same functions (docs/decisions/0015-safe-staff.md).
import { DateTime } from 'luxon';
import { z } from 'zod';
import { STAFF_CHECK_KINDS, type StaffCheckKind } from '~db/schema';
import { isoDate, msg, optionalText, text } from '../forms/fields';

/**
 * The checks a person needs, valid, to be counted in the ratio: a police clearance (SKCK) and a
 * health certificate. Trainings are shown as due but never take anyone out of the room.
 */
export const REQUIRED_FOR_RATIO: readonly StaffCheckKind[] = ['police_clearance', 'health_certificate'];
export const TRAININGS: readonly StaffCheckKind[] = STAFF_CHECK_KINDS.filter((k) => !REQUIRED_FOR_RATIO.includes(k));

/** Reminders go this many days before a check, licence or accreditation expires. */
export const REMIND_DAYS_BEFORE = 30;

export type CheckLike = { kind: StaffCheckKind; issued_on: string; expires_on: string | null; created_at: string };

/** 'valid'; 'dueSoon': expires within REMIND_DAYS_BEFORE days; 'lapsed': expired; 'missing': never recorded. */
export const CHECK_STATES = ['valid', 'dueSoon', 'lapsed', 'missing'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

/** The newest check of each kind (latest issue date, then the latest recorded): the one that applies. */
export function latestChecks<C extends CheckLike>(checks: readonly C[]): Map<StaffCheckKind, C> {
  const latest = new Map<StaffCheckKind, C>();
  for (const check of checks) {
    const held = latest.get(check.kind);
    if (
      !held ||
      check.issued_on > held.issued_on ||
      (check.issued_on === held.issued_on && check.created_at > held.created_at)
    )
      latest.set(check.kind, check);
  }
  return latest;
}

/** A document expiring on a date is still valid on that date; it has lapsed from the day after. */
export function expiryState(expiresOn: string | null, today: string): Exclude<CheckState, 'missing'> {
  if (expiresOn === null) return 'valid';
  if (expiresOn < today) return 'lapsed';
  const soon = DateTime.fromISO(today).plus({ days: REMIND_DAYS_BEFORE }).toISODate()!;
  return expiresOn <= soon ? 'dueSoon' : 'valid';
}

/**
 * The required checks (REQUIRED_FOR_RATIO) whose newest record has expired by `today`. A check
 * never recorded is not "lapsed": it is shown as missing, and does not take the person out of the
 * ratio (on the day Asuh starts recording checks nobody has any; a center would lose every room).
 */
export function lapsedChecks(checks: readonly CheckLike[], today: string): StaffCheckKind[] {
  const latest = latestChecks(checks);
  return REQUIRED_FOR_RATIO.filter((kind) => {
    const check = latest.get(kind);
    return check !== undefined && expiryState(check.expires_on, today) === 'lapsed';
  });
}

/** Each kind's state for one person, in STAFF_CHECK_KINDS order. */
export function checkStates(checks: readonly CheckLike[], today: string) {
  const latest = latestChecks(checks);
  return STAFF_CHECK_KINDS.map((kind) => {
    const check = latest.get(kind);
    return {
      kind,
      required: REQUIRED_FOR_RATIO.includes(kind),
      state: (check ? expiryState(check.expires_on, today) : 'missing') as CheckState,
      expiresOn: check?.expires_on ?? null,
    };
  });
}

/** Why a person on shift is not counted: their lapsed checks, or the coordinator's decision. */
export type NotCountedReason = 'lapsed' | 'decided';

/**
 * Whether a person counts toward the ratio. `override` is the coordinator's decision
 * (memberships.counts_in_ratio_override): 1 counts them whatever their checks, 0 leaves them out;
 * null lets the rule decide (lapsed required checks leave them out).
 */
export function countsInRatio({ lapsed, override }: { lapsed: readonly StaffCheckKind[]; override: number | null }): {
  counts: boolean;
  reason: NotCountedReason | null;
} {
  if (override === 1) return { counts: true, reason: null };
  if (override === 0) return { counts: false, reason: 'decided' };
  return lapsed.length > 0 ? { counts: false, reason: 'lapsed' } : { counts: true, reason: null };
}

// ————— Forms —————

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isoDate.safeParse(v).success, msg('date'));

/** A check as the coordinator records it; the document is a file in the same form. */
export const StaffCheckSchema = (today: string) =>
  z
    .object({
      intent: z.literal('check'),
      kind: z.enum(STAFF_CHECK_KINDS),
      reference: optionalText(100),
      issued_on: isoDate.refine((v) => v <= today, msg('dateInFuture')),
      expires_on: optionalDate,
    })
    .superRefine((v, ctx) => {
      if (v.expires_on !== null && v.expires_on < v.issued_on)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['expires_on'], message: msg('expiryBeforeIssue') });
      // A police clearance and a health certificate are valid for a time: their expiry is what the rule reads.
      if (v.expires_on === null && REQUIRED_FOR_RATIO.includes(v.kind))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['expires_on'], message: msg('required') });
    });
export type StaffCheckInput = z.output<ReturnType<typeof StaffCheckSchema>>;

export const RATIO_DECISIONS = ['count', 'exclude', 'rule'] as const;
export const RatioDecisionSchema = z.object({
  intent: z.literal('ratio'),
  decision: z.enum(RATIO_DECISIONS),
});

export const LICENCE_KINDS = ['operating_licence', 'accreditation'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];

export const LicenceSchema = (today: string) =>
  z
    .object({
      intent: z.literal('licence'),
      kind: z.enum(LICENCE_KINDS),
      reference: text(100),
      issuer: optionalText(200),
      grade: optionalText(20),
      issued_on: isoDate.refine((v) => v <= today, msg('dateInFuture')),
      expires_on: optionalDate,
    })
    .superRefine((v, ctx) => {
      if (v.expires_on !== null && v.expires_on < v.issued_on)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['expires_on'], message: msg('expiryBeforeIssue') });
      if (v.kind === 'accreditation' && v.grade === null)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['grade'], message: msg('required') });
    });
export type LicenceInput = z.output<ReturnType<typeof LicenceSchema>>;
