// The rules of sending, with no database: how often a message is tried, which notices a person can
// turn off on their account page, and the forms of that page and of the coordinator's mail page.
import { z } from 'zod';
import type { OutboxStatus } from '~db/schema';
import { msg } from '../forms/fields';
import { OPTIONAL_KINDS, type NotificationKind } from './notifications';

/** Where a message stands: waiting (a first try or a retry), sent, or failed after its last attempt. */
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const satisfies readonly OutboxStatus[];

/** A message is tried this many times, then marked failed for the coordinator to see. */
export const MAX_ATTEMPTS = 6;

/**
 * Minutes to wait after the n-th failed attempt (1 … MAX_ATTEMPTS − 1): 10, 30, 90, 270, 810. The
 * sixth and last attempt comes about 20 hours after the first: an SMTP server down overnight
 * still delivers the morning's notices, and a real failure shows within a day.
 */
export function retryDelayMinutes(failedAttempts: number) {
  return 10 * 3 ** (Math.max(1, failedAttempts) - 1);
}

/** What happens after an attempt that failed: another try at `retryAt`, or failed for good. */
export function afterFailure({
  attempts,
  permanent,
  now,
}: {
  /** Attempts made so far, this one included. */
  attempts: number;
  /** The server refused the recipient for good (a 5xx answer): trying again cannot help. */
  permanent: boolean;
  now: Date;
}): { status: 'failed' } | { status: 'pending'; retryAt: string } {
  if (permanent || attempts >= MAX_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', retryAt: new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000).toISOString() };
}

/**
 * Notices about an application go to the address typed on the form (a family may have no account
 * yet), so no account's choice applies to them: they are not offered on the account page.
 */
export const APPLICATION_KINDS: readonly NotificationKind[] = [
  'application_received',
  'offer_made',
  'offer_expiring',
  'enrolled',
];

/** Notices only a child's guardians receive: staff are not offered them. */
const GUARDIAN_KINDS: readonly NotificationKind[] = ['daily_summary', 'home_activity'];

/** The notices a person may turn off on their account page; the daily summary only for guardians. */
export function choosableKinds({ isGuardian }: { isGuardian: boolean }): NotificationKind[] {
  return OPTIONAL_KINDS.filter((k) => !APPLICATION_KINDS.includes(k) && (isGuardian || !GUARDIAN_KINDS.includes(k)));
}

/** Every kind any account page offers (the catalog has a label for each). */
export const CHOOSABLE_KINDS = choosableKinds({ isGuardian: true });

/** The account page's email choices: the kinds ticked; a kind not ticked is not wanted. */
export const MailPreferencesSchema = z.object({
  intent: z.literal('mail-preferences'),
  kinds: z.preprocess(
    (v) => (v === undefined || v === '' || v === false ? [] : Array.isArray(v) ? v : [v]),
    z.array(
      z.enum(CHOOSABLE_KINDS as [NotificationKind, ...NotificationKind[]], {
        errorMap: () => ({ message: msg('choose') }),
      }),
    ),
  ),
});

/** The coordinator's mail page: send one failed message again, or every failed one. */
export const ResendSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('resend'), id: z.string().min(1).max(64) }),
  z.object({ intent: z.literal('resend-all') }),
]);

/** An error as stored with a message: one line, never long. */
export function describeSendError(error: unknown) {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const text = [e.responseCode ?? e.code, e.message ?? String(error)].filter(Boolean).join(' ');
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/** A recipient refused for good (5xx to RCPT TO): the message fails at once rather than over a day. */
export function isPermanentFailure(error: unknown) {
  const e = error as { code?: string; responseCode?: number };
  return e.code === 'EENVELOPE' && typeof e.responseCode === 'number' && e.responseCode >= 500;
}
