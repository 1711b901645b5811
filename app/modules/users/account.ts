import { z } from 'zod';
import { currentPassword, msg, phone, text, withNewPassword } from '../forms/fields';
import { LANGUAGES } from '~/i18n/i18n';

export const ProfileSchema = z.object({
  intent: z.literal('profile'),
  name: text(120),
  phone,
  preferred_language: z.enum(LANGUAGES, { errorMap: () => ({ message: msg('choose') }) }),
});

export const ConfirmTwoFactorSchema = z.object({
  intent: z.literal('confirm-2fa'),
  code: z
    .string({ required_error: msg('required') })
    .trim()
    .regex(/^\d{6}$/, msg('invalidCode')),
});

/** Turning two-step sign-in off takes a current code from the authenticator app, or a recovery code. */
export const DisableTwoFactorSchema = z.object({
  intent: z.literal('disable-2fa'),
  code: z
    .string({ required_error: msg('required') })
    .trim()
    .min(1, msg('required'))
    .max(20, msg('invalidCode')),
});

export const ChangePasswordSchema = withNewPassword({
  intent: z.literal('change-password'),
  current_password: currentPassword,
});

export const CloseAccountSchema = z.object({ intent: z.literal('close-account'), current_password: currentPassword });
