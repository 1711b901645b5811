import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB } from '~db/schema';
import { diffRecords, type AuditEntity, type Changes } from './audit';


/**
 * Writes one audit entry: who changed which record, when, and each changed field's before and
 * after. Pass the transaction of the change itself, so the entry and the change land together.
 */
export async function recordChange(
  db: Kysely<DB>,
  entry: {
    actorId: string | null;
    centerId: string | null;
    entity: AuditEntity;
    entityId: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  },
) {
  const changes = diffRecords(entry.before, entry.after);
  const action = !entry.before ? 'create' : !entry.after ? 'delete' : 'update';
  if (action === 'update' && Object.keys(changes).length === 0) return;
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso(),
      actor_id: entry.actorId,
      center_id: entry.centerId,
      entity: entry.entity,
      entity_id: entry.entityId,
      action,
      changes: JSON.stringify(changes),
    })
    .execute();
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEntries({
  centerId,
  entity,
  before,
}: {
  centerId: string;
  entity?: string;
  before?: string;
}) {
  let query = getDb()
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.entity',
      'audit_log.entity_id as entityId',
      'audit_log.action',
      'audit_log.changes',
      'users.name as actorName',
    ])
    .where('audit_log.center_id', '=', centerId)
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(AUDIT_PAGE_SIZE + 1);
  if (entity) query = query.where('audit_log.entity', '=', entity);
  if (before) query = query.where('audit_log.at', '<', before);
  const rows = await query.execute();
  return {
    entries: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, changes: JSON.parse(r.changes) as Changes })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1].at : null,
  };
}
