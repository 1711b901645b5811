import { type Kysely, sql } from 'kysely';

// Issue 12, weekly plans: a room's daily time blocks (configurable per room; the defaults by age
// are written on the first save), one plan per room and week (its Monday, a local date), and its
// cells (a weekday × a block: an activity of the library, or free text, or both).
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('room_time_blocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('classroom_id', 'text', (c) => c.notNull().references('classrooms.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Names are compared case-insensitively: stored as typed, unique by their trimmed lower-case form.
  await db.schema
    .createIndex('room_time_blocks_name')
    .on('room_time_blocks')
    .columns(['classroom_id', 'name_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('weekly_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('classroom_id', 'text', (c) => c.notNull().references('classrooms.id'))
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('weekly_plans_room_week', ['classroom_id', 'week_start'])
    .execute();
  await db.schema.createIndex('weekly_plans_center').on('weekly_plans').columns(['center_id', 'week_start']).execute();

  await db.schema
    .createTable('weekly_plan_cells')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('weekly_plans.id'))
    .addColumn('block_id', 'text', (c) => c.notNull().references('room_time_blocks.id'))
    .addColumn('weekday', 'text', (c) =>
      c.notNull().check(sql`weekday in (${sql.join(WEEKDAYS.map((d) => sql.lit(d)))})`),
    )
    .addColumn('activity_id', 'text', (c) => c.references('activities.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('weekly_plan_cells_pk', ['plan_id', 'block_id', 'weekday'])
    .execute();
  await db.schema.createIndex('weekly_plan_cells_block').on('weekly_plan_cells').columns(['block_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
