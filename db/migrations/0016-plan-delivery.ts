import { type Kysely, sql } from 'kysely';

// Issue 12, delivery: a planned activity marked done or skipped on its day, with an optional note.
// Keyed like a plan cell (plan × block × weekday) but kept apart from the cells, because saving a
// week replaces its cells: what was delivered stays when the plan is tidied afterwards.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('weekly_plans.id'))
    .addColumn('block_id', 'text', (c) => c.notNull())
    .addColumn('weekday', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.references('activities.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('done', 'skipped')`))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_deliveries_cell', ['plan_id', 'block_id', 'weekday'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
