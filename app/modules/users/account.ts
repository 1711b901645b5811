import { z } from 'zod';
import { msg, phone, text } from '../forms/fields';
import { LANGUAGES } from '~/i18n/i18n';

export const ProfileSchema = z.object({
  intent: z.literal('profile'),
  name: text(120),
  phone,
  preferred_language: z.enum(LANGUAGES, { errorMap: () => ({ message: msg('choose') }) }),
});

export const ConfirmTwoFactorSchema = z.object({
  intent: z.literal('confirm-2fa'),
  code: z.string({ required_error: msg('required') }).trim().regex(/^\d{6}$/, msg('invalidCode')),
});
