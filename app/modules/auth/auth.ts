import { z } from 'zod';
import { email, msg, newPassword, text } from '../forms/fields';

export const LoginSchema = z.object({
  email,
  password: z
    .string({ required_error: msg('required') })
    .min(1, msg('required'))
    .max(200, msg('tooLong', { max: 200 })),
  redirectTo: z.string().optional(),
});

export const TwoFactorSchema = z.object({
  code: z
    .string({ required_error: msg('required') })
    .trim()
    .min(1, msg('required'))
    .max(20, msg('invalidCode')),
});

export const SetPasswordSchema = z
  .object({ name: text(120), password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: msg('passwordsDiffer') });
