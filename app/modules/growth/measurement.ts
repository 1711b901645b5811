import { z } from 'zod';
import { isoDate, msg } from '../forms/fields';

const decimal = (min: number, max: number, { metresCheck = false } = {}) =>
  z
    .union([z.number(), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return null;
      const n = typeof v === 'number' ? v : Number(v.trim().replace(',', '.'));
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: msg('number') });
        return z.NEVER;
      }
      // 0.85 for a length is metres typed where centimetres were asked.
      if (metresCheck && n > 0 && n < 3) {
        ctx.addIssue({ code: 'custom', message: msg('lengthInMetres') });
        return z.NEVER;
      }
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: msg('between', { min, max }) });
        return z.NEVER;
      }
      return Math.round(n * 100) / 100;
    });

/** A growth measurement as entered: the limits refuse absurd values and unit mistakes before any z-score. */
export const MeasurementSchema = z
  .object({
    sex: z.enum(['female', 'male']),
    birth_date: isoDate,
    measured_on: isoDate,
    weight_kg: decimal(0.5, 60),
    length_cm: decimal(35, 130, { metresCheck: true }),
    position: z
      .enum(['lying', 'standing'])
      .or(z.literal(''))
      .optional()
      .transform((v) => v || null),
    head_cm: decimal(25, 60),
    muac_cm: decimal(5, 30),
  })
  .superRefine((v, ctx) => {
    if (v.measured_on < v.birth_date)
      ctx.addIssue({ code: 'custom', path: ['measured_on'], message: msg('measuredBeforeBirth') });
    if (v.length_cm !== null && !v.position)
      ctx.addIssue({ code: 'custom', path: ['position'], message: msg('choose') });
    if (v.weight_kg === null && v.length_cm === null && v.head_cm === null && v.muac_cm === null)
      ctx.addIssue({ code: 'custom', path: ['weight_kg'], message: msg('measurementEmpty') });
  });

export type MeasurementInput = z.output<typeof MeasurementSchema>;
