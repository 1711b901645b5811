import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { auditChangesColumn } from '../json-columns';
import { newId, nowIso } from '~db/ids';
import type { DB } from '~db/schema';
import { createI18n } from '~/i18n/catalogs.server';
import { type Lang } from '~/i18n/i18n';
import {
  auditCursorParam,
  childOfEntry,
  diffRecords,
  emptyAuditNames,
  idsToResolve,
  parseAuditFilters,
  presentAuditEntry,
  type AuditCursor,
  type AuditEntity,
  type AuditEntry,
  type AuditFilter,
  type AuditNames,
  type OwnedEntity,
} from './audit';

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
      changes: auditChangesColumn.stringify(changes),
    })
    .execute();
}

/**
 * Records that someone read a restricted record ('view') or was refused one ('refused': a guessed
 * id, another center's record, a role that may not see it). No changes are stored, only who, when
 * and which record; centerId is the record's own center when it exists, so its coordinator sees
 * the attempt. Pass the transaction of the read when there is one.
 */
export async function recordAccess(
  db: Kysely<DB>,
  entry: {
    actorId: string | null;
    centerId: string | null;
    entity: AuditEntity;
    entityId: string;
    action: 'view' | 'refused';
    childId?: string | null;
  },
) {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso(),
      actor_id: entry.actorId,
      center_id: entry.centerId,
      entity: entry.entity,
      entity_id: entry.entityId,
      child_id: entry.childId ?? null,
      action: entry.action,
      changes: auditChangesColumn.stringify({}),
    })
    .execute();
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * Entries of a center's log that match the filter, newest first, at most `limit`; `after` is the
 * cursor of the previous page's last entry. `nextCursor` is set when more entries follow.
 */
export async function listAuditEntries({
  centerId,
  filter = {},
  after,
  limit = AUDIT_PAGE_SIZE,
}: {
  centerId: string;
  filter?: AuditFilter;
  after?: AuditCursor | null;
  limit?: number;
}): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  let query = getDb()
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id', 'entity', 'entity_id', 'child_id', 'action', 'changes'])
    .where('center_id', '=', centerId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (filter.childId) query = query.where('child_id', '=', filter.childId);
  if (filter.actorId !== undefined)
    query =
      filter.actorId === null ? query.where('actor_id', 'is', null) : query.where('actor_id', '=', filter.actorId);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.fromAt) query = query.where('at', '>=', filter.fromAt);
  if (filter.toAt) query = query.where('at', '<', filter.toAt);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]),
    );
  }
  const rows = await query.execute();
  const last = rows.length > limit ? rows[limit - 1] : null;
  return {
    entries: rows.slice(0, limit).map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      entity: r.entity,
      entityId: r.entity_id,
      childId: r.child_id,
      action: r.action,
      changes: auditChangesColumn.parse(r.changes),
    })),
    nextCursor: last ? auditCursorParam({ at: last.at, id: last.id }) : null,
  };
}

/** What the filters offer: the center's children (withdrawn ones too) and everyone who has changed something here. */
export async function auditFilterChoices(centerId: string) {
  const db = getDb();
  const [children, people] = await Promise.all([
    db
      .selectFrom('children')
      .select(['id', 'full_name as name'])
      .where('center_id', '=', centerId)
      .orderBy('full_name')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('audit_log')
          .select('actor_id')
          .where('center_id', '=', centerId)
          .where('actor_id', 'is not', null),
      )
      .orderBy('name')
      .orderBy('id')
      .execute(),
  ]);
  return { children, people };
}

/** The choices and the filters a request asks for, with anything not among the choices left out. */
export async function readAuditFilters({
  centerId,
  zone,
  searchParams,
}: {
  centerId: string;
  zone: string;
  searchParams: URLSearchParams;
}) {
  const choices = await auditFilterChoices(centerId);
  const parsed = parseAuditFilters(searchParams, {
    zone,
    childIds: new Set(choices.children.map((c) => c.id)),
    personIds: new Set(choices.people.map((p) => p.id)),
  });
  return { ...parsed, choices };
}

// IN lists are sent in chunks padded to a power of two: few distinct SQL texts, so the prepared
// statement cache (db/client.server.ts) is not flooded by one text per list length.
const CHUNK = 512;

async function byIds<T>(ids: Iterable<string>, load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const all = [...new Set(ids)];
  const rows: T[] = [];
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    const size = 2 ** Math.ceil(Math.log2(chunk.length));
    rows.push(...(await load(chunk.concat(Array<string>(size - chunk.length).fill(chunk[0])))));
  }
  return rows;
}

const OWNER_TABLES: Record<OwnedEntity, 'memberships' | 'staff_shifts' | 'password_resets' | 'kiosk_pins'> = {
  membership: 'memberships',
  staff_shift: 'staff_shifts',
  password_reset: 'password_resets',
  kiosk_pin: 'kiosk_pins',
};

/** The names behind the ids of some entries, each looked up within the center; one query per kind of id. */
export async function loadAuditNames(centerId: string, entries: AuditEntry[]): Promise<AuditNames> {
  const db = getDb();
  const ids = idsToResolve(entries);
  const names = emptyAuditNames();
  const owners = await Promise.all(
    (Object.keys(OWNER_TABLES) as OwnedEntity[]).map((entity) =>
      byIds(ids.owned[entity], (chunk) =>
        db
          .selectFrom(OWNER_TABLES[entity])
          .select(['id', 'user_id'])
          .where('center_id', '=', centerId)
          .where('id', 'in', chunk)
          .execute(),
      ),
    ),
  );
  for (const row of owners.flat()) {
    names.owners.set(row.id, row.user_id);
    ids.users.add(row.user_id);
  }
  const [users, children, classrooms, pickupPersons, items, applications, invites, kioskDevices, roles, guardians] =
    await Promise.all([
      byIds(ids.users, (chunk) => db.selectFrom('users').select(['id', 'name']).where('id', 'in', chunk).execute()),
      byIds(ids.children, (chunk) =>
        db
          .selectFrom('children')
          .select(['id', 'full_name as name'])
          .where('center_id', '=', centerId)
          .where('id', 'in', chunk)
          .execute(),
      ),
      byIds(ids.classrooms, (chunk) =>
        db
          .selectFrom('classrooms')
          .select(['id', 'name'])
          .where('center_id', '=', centerId)
          .where('id', 'in', chunk)
          .execute(),
      ),
      byIds(ids.pickupPersons, (chunk) =>
        db
          .selectFrom('pickup_persons')
          .select(['id', 'name'])
          .where('center_id', '=', centerId)
          .where('id', 'in', chunk)
          .execute(),
      ),
      byIds(ids.items, (chunk) =>
        db
          .selectFrom('milestone_items')
          .select(['id', 'text_id', 'text_en'])
          .where((eb) => eb.or([eb('center_id', 'is', null), eb('center_id', '=', centerId)]))
          .where('id', 'in', chunk)
          .execute(),
      ),
      byIds(ids.applications, (chunk) =>
        db
          .selectFrom('applications')
          .select(['id', 'reference_code', 'child_full_name'])
          .where('center_id', '=', centerId)
          .where('id', 'in', chunk)
          .execute(),
      ),
      byIds(ids.invites, (chunk) =>
        db
          .selectFrom('invites')
          .select(['id', 'name'])
          .where('center_id', '=', centerId)
          .where('id', 'in', chunk)
          .execute(),
      ),
      byIds(ids.kioskDevices, (chunk) =>
        db
          .selectFrom('kiosk_devices')
          .select(['id', 'name'])
          .where('center_id', '=', centerId)
          .where('id', 'in', chunk)
          .execute(),
      ),
      byIds(ids.actors, (chunk) =>
        db
          .selectFrom('memberships')
          .select(['user_id', 'role'])
          .where('center_id', '=', centerId)
          .where('user_id', 'in', chunk)
          .execute(),
      ),
      byIds(ids.actors, (chunk) =>
        db
          .selectFrom('guardians')
          .select(['user_id', 'child_id'])
          .where('center_id', '=', centerId)
          .where('user_id', 'in', chunk)
          .execute(),
      ),
    ]);
  for (const r of users) names.users.set(r.id, r.name);
  for (const r of children) names.children.set(r.id, r.name);
  for (const r of classrooms) names.classrooms.set(r.id, r.name);
  for (const r of pickupPersons) names.pickupPersons.set(r.id, r.name);
  for (const r of items) names.items.set(r.id, { id: r.text_id, en: r.text_en });
  for (const r of applications) {
    const label =
      r.child_full_name && r.reference_code
        ? `${r.child_full_name} (${r.reference_code})`
        : (r.child_full_name ?? r.reference_code);
    if (label) names.applications.set(r.id, label);
  }
  for (const r of invites) names.invites.set(r.id, r.name);
  for (const r of kioskDevices) names.kioskDevices.set(r.id, r.name);
  for (const r of roles) names.staffRoles.set(r.user_id, [...(names.staffRoles.get(r.user_id) ?? []), r.role]);
  for (const r of guardians)
    names.guardianOf.set(r.user_id, (names.guardianOf.get(r.user_id) ?? new Set()).add(r.child_id));
  return names;
}

/** Entries as people read them, in the reader's language and the center's time. */
export async function presentAuditEntries({
  center,
  lng,
  entries,
}: {
  center: { id: string; name: string; timeZone: string };
  lng: Lang;
  entries: AuditEntry[];
}) {
  const i18n = createI18n(lng);
  const names = await loadAuditNames(center.id, entries);
  // The same labels come up on every entry; an export of thousands asks for each one again.
  const said = new Map<string, string>();
  const t = (key: string, options: Record<string, unknown> = {}) => {
    const asked = `${key} ${JSON.stringify(options)}`;
    let text = said.get(asked);
    if (text === undefined) said.set(asked, (text = i18n.t(key, options)));
    return text;
  };
  const view = { t, lng, zone: center.timeZone, centerName: center.name, names };
  return entries.map((entry) => presentAuditEntry(entry, view));
}
