import { z } from 'zod';
import { email, msg, text } from '../forms/fields';

export const ROLES = ['coordinator', 'teacher', 'caregiver'] as const;

export const InviteStaffSchema = z.object({
  intent: z.literal('invite'),
  name: text(120),
  email,
  role: z.enum(ROLES, { errorMap: () => ({ message: msg('choose') }) }),
});

/** A coordinator's change to someone's roles in their center, or a password reset link for them. */
export const StaffActionSchema = z.object({
  intent: z.enum(['suspend', 'reactivate', 'remove', 'reset-link']),
  userId: z.string().min(1).max(64),
});
