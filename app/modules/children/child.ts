import { z } from 'zod';
import { checkbox, clockTime, email, isoDate, msg, optionalText, phone, text } from '../forms/fields';
import { WEEKDAYS } from '../time/time';
import { IMMUNIZATION_STATUSES, RELATIONSHIPS, SEXES } from '../enrollment/application';

/** The coordinator's edit of a child's record; `today` is the center's local date. */
export const childProfileSchema = (today: string) =>
  z
    .object({
      intent: z.literal('profile'),
      full_name: text(120),
      nickname: optionalText(40),
      birth_date: isoDate.refine((v) => v <= today, msg('birthInFuture')),
      sex: z.enum(SEXES, { errorMap: () => ({ message: msg('choose') }) }),
      nik: z
        .string()
        .trim()
        .optional()
        .transform((v) => v?.replace(/\s/g, '') || null)
        .refine((v) => v === null || /^\d{16}$/.test(v), msg('nik')),
      allergies: optionalText(500),
      medical_conditions: optionalText(500),
      medicines: optionalText(500),
      special_needs: optionalText(500),
      support_needed: optionalText(500),
      immunization_status: z
        .enum(IMMUNIZATION_STATUSES)
        .or(z.literal(''))
        .optional()
        .transform((v) => v || null),
      custody_note: optionalText(500),
      custody_restricts_pickup: checkbox,
      gestation_weeks: z
        .union([
          z.literal(''),
          z.coerce
            .number({ invalid_type_error: msg('number') })
            .int(msg('wholeNumber'))
            .min(22, msg('between', { min: 22, max: 44 }))
            .max(44, msg('between', { min: 22, max: 44 })),
        ])
        .optional()
        .transform((v) => (v === '' || v === undefined ? null : v)),
      consent_photos: checkbox,
      schedule_days: z.preprocess(
        (v) => (v === undefined || v === '' || v === false ? [] : Array.isArray(v) ? v : [v]),
        z.array(z.enum(WEEKDAYS, { errorMap: () => ({ message: msg('choose') }) })).min(1, msg('chooseDays')),
      ),
      schedule_start: clockTime,
      schedule_end: clockTime,
    })
    .refine((v) => v.schedule_end > v.schedule_start, { path: ['schedule_end'], message: msg('closeAfterOpen') });

export const MoveSchema = z.object({
  intent: z.literal('move'),
  classroom_id: z.string().min(1, msg('choose')).max(64),
});

/** Leaving the service: on a day between the child's start (or birth) and today. */
export const withdrawSchema = (today: string, earliest: string) =>
  z.object({
    intent: z.literal('withdraw'),
    withdrawn_on: isoDate
      .refine((v) => v <= today, msg('dateInFuture'))
      .refine((v) => v >= earliest, msg('dateTooEarly', { date: earliest })),
    withdrawn_reason: text(300),
  });

export const PickupPersonSchema = z.object({
  intent: z.literal('pickup-add'),
  name: text(120),
  relationship: text(60),
  phone: phone.refine((v) => v !== null, msg('required')),
  id_number: text(40),
});

export const EmergencyContactSchema = z.object({
  intent: z.literal('contact-add'),
  name: text(120),
  relationship: z.enum(RELATIONSHIPS).or(text(60)),
  phone: phone.refine((v) => v !== null, msg('required')),
});

export const RemoveSchema = z.object({
  intent: z.enum(['pickup-remove', 'contact-remove']),
  id: z.string().min(1).max(64),
});

/** A coordinator invites a (further) guardian of the child; the link takes effect when accepted. */
export const GuardianInviteSchema = z.object({
  intent: z.literal('guardian-invite'),
  name: text(120),
  email,
  phone,
  relationship: z.enum(RELATIONSHIPS, { errorMap: () => ({ message: msg('choose') }) }),
});

export const GuardianActionSchema = z.object({
  intent: z.enum(['guardian-remove', 'guardian-reset', 'kiosk-pin-clear']),
  userId: z.string().min(1).max(64),
});
