import { type Kysely, sql } from 'kysely';

// Issue 10:
// - Rows a child owns carry the child's center, so every query filters on it with a plain
//   `where center_id = ?` instead of trusting that the caller checked the child first.
// - One staff:child ratio: the center's age-band rules. The classroom's own "children per staff"
//   was shown but never used; it goes.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['guardians', 'pickup_persons', 'emergency_contacts']) {
    await db.schema
      .alterTable(table)
      .addColumn('center_id', 'text', (c) => c.references('centers.id'))
      .execute();
    await sql`update ${sql.table(table)} set center_id = (select children.center_id from children where children.id = ${sql.ref(`${table}.child_id`)})`.execute(
      db,
    );
    await db.schema.createIndex(`${table}_center`).on(table).columns(['center_id', 'child_id']).execute();
  }
  await db.schema.alterTable('classrooms').dropColumn('children_per_staff').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
