import { z } from 'zod';
import type { Role } from '~db/schema';
import { email, msg, text } from '../forms/fields';

export const ROLES = ['coordinator', 'teacher', 'caregiver'] as const;

/** Who records a child's development and growth: teachers and coordinators (not the door's caregivers). */
export const RECORDING_ROLES: Role[] = ['teacher', 'coordinator'];
export const mayRecord = (roles: Role[]) => roles.some((r) => RECORDING_ROLES.includes(r));

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
