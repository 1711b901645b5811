import { z } from 'zod';
import { email, msg, text } from '../forms/fields';

export const ROLES = ['coordinator', 'teacher', 'caregiver'] as const;

export const InviteStaffSchema = z.object({
  intent: z.literal('invite'),
  name: text(120),
  email,
  role: z.enum(ROLES, { errorMap: () => ({ message: msg('choose') }) }),
});

export const SetDisabledSchema = z.object({
  intent: z.enum(['disable', 'enable']),
  userId: z.string().min(1).max(64),
});
