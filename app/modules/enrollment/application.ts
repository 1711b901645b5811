import { z } from 'zod';
import type { CenterKind, DocumentKind } from '~db/schema';
import {
  checkbox,
  clockTime,
  email,
  isoDate,
  msg,
  optionalEmail,
  optionalText,
  phone,
  requiredCheckbox,
  text,
} from '../forms/fields';
import { WEEKDAYS, type Weekday } from '../time/time';
import { PRIORITY_POINTS } from './rules';

export const RELATIONSHIPS = ['ibu', 'ayah', 'nenek', 'kakek', 'wali'] as const;
export const IMMUNIZATION_STATUSES = ['complete', 'partial', 'none', 'unknown'] as const;
export const SEXES = ['female', 'male'] as const;

export const DOCUMENT_KINDS = [
  'birth_certificate',
  'family_card',
  'immunization_record',
  'social_assistance',
] as const satisfies readonly DocumentKind[];
export const documentKindsFor = (kind: CenterKind) =>
  DOCUMENT_KINDS.filter((d) => d !== 'social_assistance' || kind === 'tas');

export const priorityFlagsFor = (kind: CenterKind) => Object.keys(PRIORITY_POINTS[kind]);

const weekdays = z.preprocess(
  (v) => (v === undefined || v === '' || v === false ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(WEEKDAYS, { errorMap: () => ({ message: msg('choose') }) })).min(1, msg('chooseDays')),
);

/**
 * A guardian's fields. The first guardian is required; their email only at a workplace daycare
 * (a TAS family may have none: a phone is enough, and staff invite them to an account later).
 */
const guardian = (required: boolean, workplace: boolean) => {
  const req = (max: number) => (required ? text(max) : optionalText(max));
  return {
    name: req(120),
    relationship: required
      ? z.enum(RELATIONSHIPS, { errorMap: () => ({ message: msg('choose') }) })
      : z.enum(RELATIONSHIPS).or(z.literal('')).optional(),
    phone: required ? phone.refine((v) => v !== null, msg('required')) : phone,
    email: required && workplace ? email : optionalEmail,
    occupation: optionalText(120),
    employer: workplace && required ? text(160) : optionalText(160),
    employee_number: workplace && required ? text(40) : optionalText(40),
  };
};

const prefixed = <P extends string, T extends Record<string, z.ZodTypeAny>>(prefix: P, fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}_${k}`, v])) as {
    [K in keyof T & string as `${P}_${K}`]: T[K];
  };

/**
 * The application form as submitted. The same schema checks it in the browser and in the action;
 * `today` is the center's local date (birth dates after it, start dates before it are refused).
 */
export function applicationSchema({ kind, today }: { kind: CenterKind; today: string }) {
  const workplace = kind === 'workplace';
  return z
    .object({
      child_full_name: text(120),
      child_nickname: optionalText(40),
      child_birth_date: isoDate.refine((v) => v <= today, msg('birthInFuture')),
      child_sex: z.enum(SEXES, { errorMap: () => ({ message: msg('choose') }) }),
      child_nik: z
        .string()
        .trim()
        .optional()
        .transform((v) => v?.replace(/\s/g, '') || null)
        .refine((v) => v === null || /^\d{16}$/.test(v), msg('nik')),
      birth_order: z
        .union([
          z.literal(''),
          z.coerce
            .number({ invalid_type_error: msg('number') })
            .int(msg('wholeNumber'))
            .min(1, msg('min', { min: 1 }))
            .max(20, msg('max', { max: 20 })),
        ])
        .optional()
        .transform((v) => (v === '' || v === undefined ? null : v)),
      home_languages: optionalText(120),
      ...prefixed('g1', guardian(true, workplace)),
      ...prefixed('g2', guardian(false, workplace)),
      address: text(300),
      preferred_start_date: isoDate.refine((v) => v >= today, msg('startInPast')),
      days: weekdays,
      hours_start: clockTime,
      hours_end: clockTime,
      special_needs: optionalText(500),
      support_needed: optionalText(500),
      allergies: optionalText(500),
      medical_conditions: optionalText(500),
      medicines: optionalText(500),
      immunization_status: z.enum(IMMUNIZATION_STATUSES, { errorMap: () => ({ message: msg('choose') }) }),
      ...Object.fromEntries(priorityFlagsFor(kind).map((f) => [`priority_${f}`, checkbox])),
      consent_data: requiredCheckbox,
      consent_photos: checkbox,
      consent_emergency: requiredCheckbox,
    })
    .superRefine((v, ctx) => {
      if (v.hours_end <= v.hours_start)
        ctx.addIssue({ code: 'custom', path: ['hours_end'], message: msg('closeAfterOpen') });
      if (v.g2_name && !v.g2_phone) ctx.addIssue({ code: 'custom', path: ['g2_phone'], message: msg('required') });
      if (!v.g2_name && (v.g2_phone || v.g2_email))
        ctx.addIssue({ code: 'custom', path: ['g2_name'], message: msg('required') });
    });
}

export type ApplicationInput = z.output<ReturnType<typeof applicationSchema>>;

/** A draft may be incomplete; it is only kept within sensible sizes. */
export const DraftSchema = z.record(
  z.union([z.string().max(500, msg('tooLong', { max: 500 })), z.array(z.string().max(20))]),
);

export const priorityFlagsOf = (input: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(input)
      .filter(([k]) => k.startsWith('priority_'))
      .map(([k, v]) => [k.slice('priority_'.length), v === true || v === 'on']),
  );

export const daysOf = (form: Record<string, unknown>): Weekday[] => {
  const v = form.days;
  return (Array.isArray(v) ? v : v ? [v] : []).filter((d): d is Weekday =>
    (WEEKDAYS as readonly string[]).includes(String(d)),
  );
};

// Coordinator forms on an application.
export const StatusChangeSchema = z.object({
  intent: z.literal('status'),
  to: z.enum(['in_review', 'waitlisted', 'offered', 'declined', 'offer_expired'], {
    errorMap: () => ({ message: msg('choose') }),
  }),
  classroom_id: z.string().max(64).optional(),
  offer_expires_on: z.string().optional(),
  note: optionalText(500),
});

/** A note in the application's history without changing its status (a phone call, a visit). */
export const ApplicationNoteSchema = z.object({ intent: z.literal('note'), note: text(500) });

/** The family accepted the offer by phone or in person: who, and on which day (not after today). */
export const acceptedForFamilySchema = (today: string) =>
  z.object({
    intent: z.literal('accept-for-family'),
    accepted_by: text(120),
    accepted_on: isoDate.refine((v) => v <= today, msg('dateInFuture')),
  });

export const PriorityOverrideSchema = z
  .object({
    intent: z.literal('priority'),
    priority_override: z
      .union([
        z.literal(''),
        z.coerce
          .number({ invalid_type_error: msg('number') })
          .int(msg('wholeNumber'))
          .min(0, msg('min', { min: 0 }))
          .max(100, msg('max', { max: 100 })),
      ])
      .transform((v) => (v === '' ? null : v)),
    priority_override_reason: optionalText(300),
  })
  .refine((v) => v.priority_override === null || !!v.priority_override_reason, {
    path: ['priority_override_reason'],
    message: msg('reasonRequired'),
  });

export const ParentDecisionSchema = z.object({
  intent: z.enum(['accept', 'decline', 'withdraw']),
});
