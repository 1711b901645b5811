import { z } from 'zod';
import { checkbox, optionalText } from '../forms/fields';
import { MeasurementSchema } from './measurement';

/** The teacher's form: the measurement (the child's sex and birth date come from the record). */
export const measurementFormSchema = (child: { sex: 'female' | 'male'; birth_date: string }) =>
  z
    .object({
      note: optionalText(300),
      confirmed: checkbox,
      measured_on: z.string(),
      weight_kg: z.string().optional(),
      length_cm: z.string().optional(),
      position: z.string().optional(),
      head_cm: z.string().optional(),
      muac_cm: z.string().optional(),
    })
    .transform((v, ctx) => {
      const parsed = MeasurementSchema.safeParse({ ...v, sex: child.sex, birth_date: child.birth_date });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue(issue);
        return z.NEVER;
      }
      return { ...parsed.data, note: v.note, confirmed: v.confirmed };
    });
