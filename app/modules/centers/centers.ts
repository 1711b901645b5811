import { z } from 'zod';
import { checkbox, clockTime, msg, optionalEmail, phone, text } from '../forms/fields';
import { RATIO_BANDS, type RatioBandKey } from '../attendance/rules';
import { CENTER_TIME_ZONES, WEEKDAYS, type OpeningHours } from '../time/time';

const dayFields = Object.fromEntries(
  WEEKDAYS.flatMap((d) => [
    [`open_${d}`, clockTime.or(z.literal('')).optional()],
    [`close_${d}`, clockTime.or(z.literal('')).optional()],
  ]),
);

/** The center settings form: one open/close pair per weekday, empty for a closed day. */
export const CenterSettingsSchema = z
  .object({
    name: text(120),
    address: text(300),
    province: text(80),
    city: text(80),
    time_zone: z.enum(CENTER_TIME_ZONES, { errorMap: () => ({ message: msg('choose') }) }),
    capacity: z.coerce
      .number({ invalid_type_error: msg('number') })
      .int(msg('wholeNumber'))
      .min(1, msg('min', { min: 1 }))
      .max(1000, msg('max', { max: 1000 })),
    contact_phone: phone,
    contact_email: optionalEmail,
    require_two_factor: checkbox,
    lactation_room: checkbox,
    ...dayFields,
  })
  .superRefine((v, ctx) => {
    const fields = v as unknown as Record<string, string | undefined>;
    for (const d of WEEKDAYS) {
      const open = fields[`open_${d}`];
      const close = fields[`close_${d}`];
      if (!!open !== !!close) ctx.addIssue({ code: 'custom', path: [`close_${d}`], message: msg('bothTimes') });
      else if (open && close && close <= open)
        ctx.addIssue({ code: 'custom', path: [`close_${d}`], message: msg('closeAfterOpen') });
    }
  })
  .transform((v) => {
    const fields = v as unknown as Record<string, string | undefined>;
    const opening_hours = Object.fromEntries(
      WEEKDAYS.map((d) => [d, fields[`open_${d}`] ? [fields[`open_${d}`], fields[`close_${d}`]] : null]),
    ) as OpeningHours;
    return {
      name: v.name,
      address: v.address,
      province: v.province,
      city: v.city,
      time_zone: v.time_zone,
      capacity: v.capacity,
      contact_phone: v.contact_phone,
      contact_email: v.contact_email,
      require_two_factor: v.require_two_factor,
      lactation_room: v.lactation_room,
      opening_hours,
    };
  });

export type CenterSettings = z.output<typeof CenterSettingsSchema>;

export const ClassroomSchema = z
  .object({
    intent: z.literal('classroom'),
    classroomId: z.string().max(64).optional(),
    name: text(80),
    min_age_months: z.coerce
      .number({ invalid_type_error: msg('number') })
      .int(msg('wholeNumber'))
      .min(0, msg('min', { min: 0 }))
      .max(83, msg('max', { max: 83 })),
    max_age_months: z.coerce
      .number({ invalid_type_error: msg('number') })
      .int(msg('wholeNumber'))
      .min(1, msg('min', { min: 1 }))
      .max(83, msg('max', { max: 83 })),
    capacity: z.coerce
      .number({ invalid_type_error: msg('number') })
      .int(msg('wholeNumber'))
      .min(1, msg('min', { min: 1 }))
      .max(200, msg('max', { max: 200 })),
  })
  .refine((v) => v.max_age_months > v.min_age_months, { path: ['max_age_months'], message: msg('maxAboveMin') });

const perStaff = z.coerce
  .number({ invalid_type_error: msg('number') })
  .int(msg('wholeNumber'))
  .min(1, msg('min', { min: 1 }))
  .max(30, msg('max', { max: 30 }));
/** The staff:child ratio by age band (RATIO_BANDS), confirmed by the coordinator. */
export const RatioRulesSchema = z.object({
  intent: z.literal('ratios'),
  ...(Object.fromEntries(RATIO_BANDS.map((b) => [b.key, perStaff])) as Record<RatioBandKey, typeof perStaff>),
});

/** The center's quiet hours for staff notices: both times or neither, and not the same time. */
export const QuietHoursSchema = z
  .object({
    intent: z.literal('quietHours'),
    quiet_hours_start: clockTime.or(z.literal('')).optional(),
    quiet_hours_end: clockTime.or(z.literal('')).optional(),
  })
  .superRefine((v, ctx) => {
    if (!!v.quiet_hours_start !== !!v.quiet_hours_end) {
      const missing = v.quiet_hours_start ? 'quiet_hours_end' : 'quiet_hours_start';
      ctx.addIssue({ code: 'custom', path: [missing], message: msg('quietHoursBoth') });
    } else if (v.quiet_hours_start && v.quiet_hours_start === v.quiet_hours_end)
      ctx.addIssue({ code: 'custom', path: ['quiet_hours_end'], message: msg('quietHoursSame') });
  })
  .transform((v) => ({ start: v.quiet_hours_start || null, end: v.quiet_hours_end || null }));
