import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB } from '~db/schema';
import { auditCursorParam, childOfEntry, diffRecords, type AuditCursor, type AuditEntity, type Changes } from './audit';


/**
 * Writes one audit entry: who changed which record, when, and each changed field's before and
 * after. Pass the transaction of the change itself, so the entry and the change land together.
 * The child it concerns is the child itself, or the child_id in before/after; pass childId when
 * neither names it (an update of a child's record that records only the fields it changed).
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
    childId?: string | null;
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
      child_id: entry.childId ?? childOfEntry(entry),
      action,
      changes: JSON.stringify(changes),
    })
    .execute();
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of a center's log, newest first; `after` is the cursor of the previous page's last entry. */
export async function listAuditEntries({
  centerId,
  entity,
  after,
}: {
  centerId: string;
  entity?: string;
  after?: AuditCursor | null;
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
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('audit_log.at', '<', after.at), eb.and([eb('audit_log.at', '=', after.at), eb('audit_log.id', '<', after.id)])]),
    );
  }
  const rows = await query.execute();
  const last = rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1] : null;
  return {
    entries: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, changes: JSON.parse(r.changes) as Changes })),
    nextCursor: last ? auditCursorParam({ at: last.at, id: last.id }) : null,
  };
}
