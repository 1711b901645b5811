import { z } from 'zod';

/** A new link for a pending invitation, or withdrawing it (staff page and child record). */
export const InviteActionSchema = z.object({
  intent: z.enum(['invite-renew', 'invite-revoke']),
  id: z.string().min(1).max(64),
});
