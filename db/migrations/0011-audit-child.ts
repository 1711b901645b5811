import { type Kysely, sql } from 'kysely';

// Issue 10: the audit log is read per child ("everything that happened to Putri") and per person.
// Each entry carries the child it concerns, so the child filter is a plain indexed where instead
// of a join through a dozen tables or a search in the changes' JSON. Entries written before are
// given their child here: from the row they describe while it exists, else from the child named
// in the entry itself (an undone check-in, a removed guardian, an enrolled application).
// No foreign key: the log is a record and must never stop a change to what it describes.

/** Entities whose rows belong to a child, and their table (each has a child_id column). */
const CHILD_TABLES: Record<string, string> = {
  attendance: 'attendance',
  measurement: 'measurements',
  guardian: 'guardians',
  pickup_person: 'pickup_persons',
  emergency_contact: 'emergency_contacts',
  milestone_observation: 'milestone_observations',
  kpsp_screening: 'kpsp_screenings',
  pickup_attempt: 'pickup_attempts',
  follow_up: 'follow_ups',
  invite: 'invites',
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('child_id', 'text').execute();
  await backfillAuditChild(db);
  await db.schema.createIndex('audit_center_child').on('audit_log').columns(['center_id', 'child_id', 'at']).execute();
  await db.schema.createIndex('audit_center_actor').on('audit_log').columns(['center_id', 'actor_id', 'at']).execute();
}

/** Sets child_id on entries that have none and concern a child; exported for its test. */
export async function backfillAuditChild(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('audit_log')
    .set({ child_id: sql.ref('entity_id') })
    .where('entity', '=', 'child')
    .where('child_id', 'is', null)
    .execute();
  for (const [entity, table] of Object.entries(CHILD_TABLES)) {
    await sql`
      update audit_log
      set child_id = (select ${sql.ref(`${table}.child_id`)} from ${sql.table(table)} where ${sql.ref(
        `${table}.id`,
      )} = audit_log.entity_id)
      where entity = ${entity} and child_id is null`.execute(db);
  }
  let after = '';
  for (;;) {
    const rows: { id: string; changes: string }[] = await db
      .selectFrom('audit_log')
      .select(['id', 'changes'])
      .where('child_id', 'is', null)
      .where('changes', 'like', '%"child_id"%')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const childId = childNamedIn(row.changes);
      if (childId) await db.updateTable('audit_log').set({ child_id: childId }).where('id', '=', row.id).execute();
    }
    after = rows[rows.length - 1].id;
  }
}

function childNamedIn(changes: string): string | null {
  try {
    const pair = (JSON.parse(changes) as Record<string, unknown>).child_id;
    if (!Array.isArray(pair)) return null;
    const [before, after] = pair as unknown[];
    return typeof after === 'string' ? after : typeof before === 'string' ? before : null;
  } catch {
    return null;
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
