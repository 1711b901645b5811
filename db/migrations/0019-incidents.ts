import { type Kysely, sql } from 'kysely';

// Issue 13, incidents: an injury, fall, bite or illness at the center, recorded by any staff
// member and signed off by a guardian. `source` says what started it (the door's arrival check
// or a refused pickup fill in the details); the regional role counts incidents per 100 child-days.
const KINDS = ['injury', 'fall', 'bite', 'illness', 'marks_at_arrival', 'refused_pickup', 'other'];
const SOURCES = ['manual', 'arrival_check', 'refused_pickup'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${sql.join(KINDS.map((k) => sql.lit(k)))})`))
    /** When it happened (UTC instant) and the child's day it belongs to (local date in the center's zone). */
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('people_present', 'text', (c) => c.notNull())
    .addColumn('first_aid', 'text', (c) => c.notNull())
    .addColumn('guardian_informed_at', 'text')
    .addColumn('guardian_informed_how', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in (${sql.join(SOURCES.map((k) => sql.lit(k)))})`))
    /** The attendance row or pickup attempt it was started from. */
    .addColumn('source_id', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('signed_off_at', 'text')
    .addColumn('signed_off_by', 'text', (c) => c.references('users.id'))
    .addColumn('guardian_comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_center_date').on('incidents').columns(['center_id', 'date']).execute();
  await db.schema.createIndex('incidents_child').on('incidents').columns(['child_id', 'occurred_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
