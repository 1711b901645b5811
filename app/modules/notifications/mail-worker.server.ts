// The mail worker: sends the outbox's pending messages, retrying with back-off, and marks each
// sent, or failed after its last attempt (the coordinator sees those on the mail page).
//
// Claiming: a message is taken by setting its locked_until (a lease) before it is sent, so two
// workers (two server processes, or the server and `asuh jobs send-mail`) never send one message
// twice. On PostgreSQL the claim is a short transaction that selects due rows FOR UPDATE SKIP
// LOCKED and sets the lease: a second worker skips the rows the first holds instead of waiting. On
// SQLite one process owns the database, and a conditional update does it. The lease outlasts the
// SMTP timeouts many times over; a worker that dies mid-send leaves its rows to be taken again
// when the lease ends (SMTP cannot tell us whether that last message arrived: at most one
// duplicate, never a loss).
import nodemailer from 'nodemailer';
import { databaseConfig, getDb } from '~db/client.server';
import type { Kysely, Updateable } from 'kysely';
import type { DB, OutboxTable } from '~db/schema';
import { afterFailure, describeSendError, isPermanentFailure } from './mail';
import { mailMode, type MailMode } from './mail-config.server';

/** How long a claimed message is ours: far longer than one send can take (see the timeouts below). */
const LEASE_MS = 10 * 60_000;
const BATCH = 10;

export type OutgoingMail = { id: string; to: string; subject: string; text: string; language: string };
export type MailTransport = { send: (mail: OutgoingMail) => Promise<void>; close: () => void };

/** Sends through SMTP_URL. One connection per message: the outbox is small and rarely busy. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'asuh.localhost';
  return {
    send: async (mail) => {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        // The same message sent again after a lost answer keeps its id, so mail clients can tell.
        messageId: `<${mail.id}@${domain}>`,
        headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transporter.close(),
  };
}

/** The development mailbox: the outbox row is the mailbox (/dev/mail); nothing leaves the machine. */
const devMailbox: MailTransport = { send: async () => {}, close: () => {} };

let cachedTransport: { key: string; transport: MailTransport } | null = null;

function transportFor(mode: Exclude<MailMode, { kind: 'held' }>) {
  if (mode.kind === 'devMailbox') return devMailbox;
  const key = `${mode.url} ${mode.from}`;
  if (cachedTransport?.key !== key) {
    cachedTransport?.transport.close();
    cachedTransport = { key, transport: smtpTransport(mode.url, mode.from) };
  }
  return cachedTransport.transport;
}

type Claimed = { id: string; to_email: string; subject: string; body: string; language: string; attempts: number };
const CLAIMED_COLUMNS = ['id', 'to_email', 'subject', 'body', 'language', 'attempts'] as const;

/** Takes up to `limit` due messages no other worker holds, and holds them until `lease`. */
async function claimDue(db: Kysely<DB>, { now, lease, limit }: { now: string; lease: string; limit: number }) {
  const due = (q: Kysely<DB>) =>
    q
      .selectFrom('outbox')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]));
  if (databaseConfig().dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      const rows: Claimed[] = await due(trx)
        .select(CLAIMED_COLUMNS)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length)
        await trx
          .updateTable('outbox')
          .set({ locked_until: lease })
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
      return rows;
    });
  }
  const ids = (await due(db).select('id').orderBy('next_attempt_at').limit(limit).execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  // The same conditions again in the update: a row another worker took meanwhile is not ours.
  return db
    .updateTable('outbox')
    .set({ locked_until: lease })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .returning(CLAIMED_COLUMNS)
    .execute();
}

export type SendSummary = { mode: MailMode['kind']; sent: number; retrying: number; failed: number };

/**
 * Sends every due message once (what `asuh jobs send-mail` and each tick of the worker do). `now`
 * is when the messages are due by and the time back-off counts from.
 */
export async function sendPendingMail({
  now = new Date(),
  transport,
  limit = 500,
}: { now?: Date; transport?: MailTransport; limit?: number } = {}): Promise<SendSummary> {
  const mode = mailMode();
  const summary: SendSummary = { mode: mode.kind, sent: 0, retrying: 0, failed: 0 };
  if (mode.kind === 'held' && !transport) return summary;
  const sender = transport ?? transportFor(mode as Exclude<MailMode, { kind: 'held' }>);
  const db = getDb();
  for (let handled = 0; handled < limit;) {
    const lease = new Date(now.getTime() + LEASE_MS).toISOString();
    const claimed = await claimDue(db, { now: now.toISOString(), lease, limit: Math.min(BATCH, limit - handled) });
    for (const row of claimed) {
      const outcome = await deliver(db, sender, row, lease, now);
      summary[outcome]++;
    }
    handled += claimed.length;
    if (claimed.length < BATCH) break;
  }
  return summary;
}

/** One attempt at one claimed message; the result is written only while the lease is still ours. */
async function deliver(db: Kysely<DB>, transport: MailTransport, row: Claimed, lease: string, now: Date) {
  const attempts = row.attempts + 1;
  const finish = (set: Updateable<OutboxTable>) =>
    db
      .updateTable('outbox')
      .set({ ...set, attempts, locked_until: null })
      .where('id', '=', row.id)
      .where('locked_until', '=', lease)
      .execute();
  try {
    await transport.send({
      id: row.id,
      to: row.to_email,
      subject: row.subject,
      text: row.body,
      language: row.language,
    });
  } catch (error) {
    const next = afterFailure({ attempts, permanent: isPermanentFailure(error), now });
    await finish({
      status: next.status,
      last_error: describeSendError(error),
      ...(next.status === 'pending' ? { next_attempt_at: next.retryAt } : {}),
    });
    return next.status === 'failed' ? ('failed' as const) : ('retrying' as const);
  }
  await finish({ status: 'sent', sent_at: new Date().toISOString(), last_error: null });
  return 'sent' as const;
}

let wake: (() => void) | null = null;

/** Called after a notice is written: the worker of this process (if any) looks at once, not at its next tick. */
export function nudgeMailWorker() {
  wake?.();
}

/**
 * Starts the mail worker: a tick every `tickMs` (and soon after a nudge), never two at once. The
 * timers do not keep the process alive. Returns the function that stops it, waiting for a tick
 * under way and closing the SMTP transport.
 */
export function startMailWorker({ tickMs = 5_000, nudgeDelayMs = 250 } = {}): () => Promise<void> {
  const mode = mailMode();
  if (mode.kind === 'held')
    console.warn('SMTP_URL is not set: email stays in the outbox until it is (see README, Mail).');
  else if (mode.kind === 'devMailbox')
    console.log('Mail is not sent: it goes to the development mailbox at /dev/mail.');
  let running: Promise<unknown> | null = null;
  let again = false;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    if (running) {
      // A message written while a tick runs may have been missed by its query: look once more.
      again = true;
      return;
    }
    running = sendPendingMail()
      .catch((error) => console.error('Mail worker:', error))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  let pending: NodeJS.Timeout | null = null;
  wake = () => {
    if (pending || stopped) return;
    // After the writing transaction has committed (usually within this delay; else the next tick).
    pending = setTimeout(() => {
      pending = null;
      tick();
    }, nudgeDelayMs);
    pending.unref();
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    wake = null;
    clearInterval(timer);
    if (pending) clearTimeout(pending);
    await running;
    cachedTransport?.transport.close();
    cachedTransport = null;
  };
}
