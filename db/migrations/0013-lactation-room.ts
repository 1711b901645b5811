import type { Kysely } from 'kysely';

// Issue 11: a center with a lactation room (TARA C'More) lets mothers who work nearby log their
// own breastfeeding visits in the child's day. Off by default: a center turns it on in Settings.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('centers')
    .addColumn('lactation_room', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
