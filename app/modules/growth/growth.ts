import { z } from 'zod';
import { formatDate, formatNumber } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { checkbox, msg, optionalText } from '../forms/fields';
import { MeasurementSchema } from './measurement';

/** The teacher's form: the measurement (the child's sex and birth date come from the record). */
export const measurementFormSchema = (child: { sex: 'female' | 'male'; birth_date: string }) =>
  z
    .object({
      note: optionalText(300),
      confirmed: checkbox,
      replace: checkbox,
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
      return { ...parsed.data, note: v.note, confirmed: v.confirmed, replace: v.replace };
    });

/**
 * A refused measurement as field messages. The "very different" question names the new value and the
 * previous one with its date, in the reader's language, so the teacher sees what to check.
 */
export function measurementQuestion(
  result: {
    error: 'beforeBirth' | 'confirmImplausible' | 'confirmChange' | 'sameDay';
    change?: { measure: 'weight' | 'length'; value: number; previous: number; previousOn: string };
  },
  lng: Lang,
): Record<string, string> {
  if (result.error === 'beforeBirth') return { measured_on: msg('measuredBeforeBirth') };
  if (result.error === 'sameDay') return { replace: msg('sameDayMeasurement') };
  if (result.error === 'confirmChange' && result.change)
    return {
      confirmed: msg(result.change.measure === 'weight' ? 'confirmChangeWeight' : 'confirmChangeLength', {
        value: formatNumber(result.change.value, lng, 2),
        previous: formatNumber(result.change.previous, lng, 2),
        date: formatDate(result.change.previousOn, lng),
      }),
    };
  return { confirmed: msg(result.error) };
}
