import { z } from 'zod';
import { normalizeIndonesianPhone } from '../users/phone';

// Zod messages are i18n keys, optionally with parameters after '?', so the same schema gives
// translated errors in the browser (react-hook-form) and from the action.
export const msg = (key: string, params?: Record<string, string | number>) =>
  params
    ? `errors.${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`
    : `errors.${key}`;

// Any check without its own message still speaks through the i18n layer, never zod's English.
z.setErrorMap((issue, ctx) => {
  if (issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined') return { message: msg('required') };
  if (issue.code === z.ZodIssueCode.invalid_enum_value || issue.code === z.ZodIssueCode.invalid_literal)
    return { message: msg('choose') };
  if (issue.code === z.ZodIssueCode.custom || issue.code === z.ZodIssueCode.invalid_union)
    return { message: ctx.defaultError.startsWith('errors.') ? ctx.defaultError : msg('invalid') };
  return { message: msg('invalid') };
});

export const text = (max = 200) =>
  z
    .string({ required_error: msg('required') })
    .trim()
    .min(1, msg('required'))
    .max(max, msg('tooLong', { max }));

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, msg('tooLong', { max }))
    .optional()
    .transform((v) => (v ? v : null));

export const email = z
  .string({ required_error: msg('required') })
  .trim()
  .min(1, msg('required'))
  .max(254, msg('tooLong', { max: 254 }))
  .email(msg('email'))
  .transform((v) => v.toLowerCase());

/** An optional email: empty is null; anything else must be an email (lower-cased), with the email message. */
export const optionalEmail = z
  .string()
  .trim()
  .max(254, msg('tooLong', { max: 254 }))
  .optional()
  .transform((v) => (v ? v.toLowerCase() : null))
  .refine((v) => v === null || z.string().email().safeParse(v).success, msg('email'));

/** An optional Indonesian phone number, normalised to +62…. */
export const phone = z
  .string()
  .trim()
  .max(30, msg('tooLong', { max: 30 }))
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const normalized = normalizeIndonesianPhone(v);
    if (!normalized) ctx.addIssue({ code: z.ZodIssueCode.custom, message: msg('phone') });
    return normalized;
  });

/** A required Indonesian phone number, normalised to +62…. */
export const requiredPhone = text(30).transform((v, ctx) => {
  const normalized = normalizeIndonesianPhone(v);
  if (!normalized) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: msg('phone') });
    return z.NEVER;
  }
  return normalized;
});

/** A calendar date as a date input posts it ('YYYY-MM-DD'), and a real one. */
export const isoDate = z
  .string({ required_error: msg('required') })
  .trim()
  .min(1, msg('required'))
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg('date'))
  .refine((v) => !Number.isNaN(Date.parse(v)), msg('date'));

/** A time of day as a time input posts it ('HH:MM'). */
export const clockTime = z.string({ required_error: msg('required') }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, msg('time'));

export const MIN_PASSWORD_LENGTH = 10;
export const newPassword = z
  .string({ required_error: msg('required') })
  .min(MIN_PASSWORD_LENGTH, msg('passwordTooShort', { min: MIN_PASSWORD_LENGTH }))
  .max(200, msg('tooLong', { max: 200 }));

/** A form that sets a password: its other fields, the new password, and the same typed again. */
export const withNewPassword = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z
    .object({ ...shape, password: newPassword, confirm: z.string() })
    .refine((v) => v.password === v.confirm, { path: ['confirm'], message: msg('passwordsDiffer') });

/** The password one has, typed to sign in or to confirm a change: required and bounded, its strength not checked. */
export const currentPassword = z
  .string({ required_error: msg('required') })
  .min(1, msg('required'))
  .max(200, msg('tooLong', { max: 200 }));

// A checkbox is 'on' in posted form data and true/false in react-hook-form: accept both.
export const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');
export const requiredCheckbox = checkbox.refine((v) => v, msg('consentRequired'));

export type FieldErrors = Record<string, string>;
export type FormFailure = { intent?: string; errors: FieldErrors; values: Record<string, string | string[]> };
