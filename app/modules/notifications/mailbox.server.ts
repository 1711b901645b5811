// Reading the outbox: the coordinator's view of their center's mail (what waits, what failed, a
// fresh attempt), the development mailbox, and the counts `asuh doctor` prints.
import { getDb } from '~db/client.server';
import type { OutboxStatus } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import { nudgeMailWorker } from './mail-worker.server';

/** A center's mail by state: waiting (first try or a retry), failed for good, sent in the last 7 days. */
export async function mailSummary({ centerId, now = new Date() }: { centerId: string; now?: Date }) {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const rows = await getDb()
    .selectFrom('outbox')
    .select((eb) => [
      'status',
      eb.fn.countAll<number | string>().as('count'),
      eb.fn.sum<number | string | null>(eb.case().when('attempts', '>', 0).then(1).else(0).end()).as('retrying'),
    ])
    .where('center_id', '=', centerId)
    .where((eb) => eb.or([eb('status', '!=', 'sent'), eb('sent_at', '>=', weekAgo)]))
    .groupBy('status')
    .execute();
  const count = (status: OutboxStatus) => Number(rows.find((r) => r.status === status)?.count ?? 0);
  return {
    pending: count('pending'),
    retrying: Number(rows.find((r) => r.status === 'pending')?.retrying ?? 0),
    failed: count('failed'),
    sentThisWeek: count('sent'),
  };
}

/** The center's failed messages, newest first: whom, what, how often it was tried and the last error. */
export async function listFailedMail({ centerId, limit = 100 }: { centerId: string; limit?: number }) {
  return getDb()
    .selectFrom('outbox')
    .select(['id', 'kind', 'to_email', 'subject', 'attempts', 'last_error', 'created_at'])
    .where('center_id', '=', centerId)
    .where('status', '=', 'failed')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Sends failed messages of the center again: each gets a fresh series of attempts from now. One
 * message (`id`), or every failed one. Returns how many; 0 when the id is not a failed message of
 * this center.
 */
export async function resendFailedMail({
  centerId,
  actorId,
  id,
  now = new Date(),
}: {
  centerId: string;
  actorId: string;
  id?: string;
  now?: Date;
}) {
  const resent = await getDb()
    .transaction()
    .execute(async (trx) => {
      let query = trx
        .selectFrom('outbox')
        .select(['id', 'attempts'])
        .where('center_id', '=', centerId)
        .where('status', '=', 'failed');
      if (id !== undefined) query = query.where('id', '=', id);
      let count = 0;
      for (const row of await query.execute()) {
        // The status condition makes a double click count once.
        const result = await trx
          .updateTable('outbox')
          .set({ status: 'pending', attempts: 0, next_attempt_at: now.toISOString(), locked_until: null })
          .where('id', '=', row.id)
          .where('center_id', '=', centerId)
          .where('status', '=', 'failed')
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) continue;
        count++;
        await recordChange(trx, {
          actorId,
          centerId,
          entity: 'outbox',
          entityId: row.id,
          before: { status: 'failed', attempts: row.attempts },
          after: { status: 'pending', attempts: 0 },
        });
      }
      return count;
    });
  if (resent) nudgeMailWorker();
  return resent;
}

/** The development mailbox: the newest messages of every center, as they would have been sent. */
export async function devMailbox({ limit = 200 }: { limit?: number } = {}) {
  return getDb()
    .selectFrom('outbox')
    .leftJoin('centers', 'centers.id', 'outbox.center_id')
    .select([
      'outbox.id',
      'outbox.kind',
      'outbox.to_email',
      'outbox.language',
      'outbox.subject',
      'outbox.body',
      'outbox.status',
      'outbox.created_at',
      'outbox.sent_at',
      'centers.time_zone',
    ])
    .orderBy('outbox.created_at', 'desc')
    .orderBy('outbox.id')
    .limit(limit)
    .execute();
}

/** Every center's outbox by state, for `asuh doctor`. */
export async function outboxCounts() {
  const rows = await getDb()
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<number | string>().as('count')])
    .where('status', '!=', 'sent')
    .groupBy('status')
    .execute();
  const count = (status: OutboxStatus) => Number(rows.find((r) => r.status === status)?.count ?? 0);
  return { pending: count('pending'), failed: count('failed') };
}
