import { z } from 'zod';
import { currentPassword, email, msg, text, withNewPassword } from '../forms/fields';

export const LoginSchema = z.object({
  email,
  password: currentPassword,
  redirectTo: z.string().optional(),
});

export const TwoFactorSchema = z.object({
  code: z
    .string({ required_error: msg('required') })
    .trim()
    .min(1, msg('required'))
    .max(20, msg('invalidCode')),
});

export const SetPasswordSchema = withNewPassword({ name: text(120) });
