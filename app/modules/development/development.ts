import { z } from 'zod';
import { isoDate, msg, optionalText, text } from '../forms/fields';
import { DOMAINS, KPSP_AGES } from './rules';

export const kpspSchema = (today: string) =>
  z.object({
    intent: z.literal('kpsp'),
    screened_on: isoDate.refine((v) => v <= today, msg('dateInFuture')),
    age_point_months: z.coerce.number().refine((v) => (KPSP_AGES as readonly number[]).includes(v), msg('choose')),
    yes_count: z.coerce
      .number({ invalid_type_error: msg('number') })
      .int(msg('wholeNumber'))
      .min(0, msg('between', { min: 0, max: 10 }))
      .max(10, msg('between', { min: 0, max: 10 })),
    note: optionalText(300),
  });

export const CenterItemSchema = z.object({
  intent: z.literal('add-item'),
  age_months: z.coerce
    .number()
    .int()
    .min(1, msg('min', { min: 1 }))
    .max(72, msg('max', { max: 72 })),
  domain: z.enum(DOMAINS),
  text_id: text(200),
  text_en: text(200),
});

export const observedOnSchema = (today: string) => isoDate.refine((v) => v <= today, msg('dateInFuture'));

/** A milestone item's text in the reader's language: the catalog's items are in Bahasa Indonesia and English. */
export const itemText = (item: { text_id: string; text_en: string }, language: string) =>
  language === 'en' ? item.text_en : item.text_id;
