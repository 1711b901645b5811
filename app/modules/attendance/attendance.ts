import { z } from 'zod';
import { ABSENCE_REASONS, MOODS, PARENT_ABSENCE_REASONS, temperatureTenths } from './door';
import { checkbox, clockTime, isoDate, msg, optionalText, requiredPhone, text } from '../forms/fields';

const id = z.string().min(1).max(64);

const temperature = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const tenths = temperatureTenths(v);
    if (Number.isNaN(tenths)) {
      ctx.addIssue({ code: 'custom', message: msg('temperature') });
      return z.NEVER;
    }
    return tenths;
  });

/**
 * A door tap's own id, made on the device when it was tapped, and the device's time of the tap
 * (taps.server.ts). Optional: a form sent without JavaScript gets both from the server.
 */
const tapFields = {
  clientId: z
    .string()
    .regex(/^[\w-]{8,64}$/)
    .optional(),
  tappedAt: z.string().datetime({ offset: true }).optional(),
};

export const CheckInSchema = z.object({
  ...tapFields,
  intent: z.literal('check-in'),
  childId: id,
  temperature,
  marks_note: optionalText(300),
  mood: z
    .enum(MOODS)
    .or(z.literal(''))
    .optional()
    .transform((v) => v || null),
  brought_by: optionalText(120),
  fever_confirmed: checkbox,
});

export const CheckOutSchema = z.object({
  ...tapFields,
  intent: z.literal('check-out'),
  childId: id,
  collector: z
    .string({ required_error: msg('chooseCollector') })
    .min(1, msg('chooseCollector'))
    .max(80),
});
export const RefusePickupSchema = z.object({ intent: z.literal('refuse-pickup'), childId: id, person_name: text(120) });
export const AllowOnceSchema = z.object({
  intent: z.literal('allow-once'),
  childId: id,
  person_name: text(120),
  reason: text(300),
});
export const AbsentSchema = z.object({
  ...tapFields,
  intent: z.literal('absent'),
  childId: id,
  reason: z.enum(ABSENCE_REASONS),
  note: optionalText(300),
});
export const ClockInSchema = z.object({ intent: z.literal('clock-in'), classroomId: id });

export const parentAbsenceSchema = (today: string) =>
  z.object({
    date: isoDate.refine((v) => v >= today, msg('absenceInPast')),
    reason: z.enum(PARENT_ABSENCE_REASONS),
    note: optionalText(300),
  });

export const CorrectionSchema = z.object({
  intent: z.enum(['times', 'void']),
  check_in_time: clockTime.or(z.literal('')).optional(),
  check_out_time: clockTime.or(z.literal('')).optional(),
  reason: text(300),
});

const pin = z.string({ required_error: msg('required') }).regex(/^\d{6}$/, msg('pin'));
export const UndoSchema = z.object({ intent: z.literal('undo'), attendanceId: id });
export const KioskPinSchema = z.object({ intent: z.literal('pin'), phone: requiredPhone, pin });
export const KioskActSchema = z.object({
  ...tapFields,
  intent: z.enum(['kiosk-in', 'kiosk-out']),
  ticket: z.string().min(1).max(300),
  childId: z.string().min(1).max(64),
});
export const SetPinSchema = z
  .object({
    intent: z.literal('set-pin'),
    centerId: z.string().min(1).max(64),
    phone: requiredPhone,
    pin,
    confirm: z.string(),
  })
  .refine((v) => v.pin === v.confirm, { path: ['confirm'], message: msg('pinsDiffer') });
export const PairKioskSchema = z.object({
  intent: z.literal('pair'),
  code: z
    .string({ required_error: msg('required') })
    .trim()
    .min(8, msg('pairingCode'))
    .max(20, msg('pairingCode')),
});

/** The taps a door screen sends from its queue, each as its form would have sent it. */
export const DoorTapSchema = z.discriminatedUnion('intent', [CheckInSchema, CheckOutSchema, AbsentSchema]);
