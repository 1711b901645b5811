import { type Kysely, sql } from 'kysely';

// Issue 12, children's participation: a plan cell may be marked as the children's choice (kept
// with the cell, so saving and copying a week carry it), and on the day the teacher records the
// children's own ideas and words about a delivered activity — short entries, each naming none, one
// or several children of the room.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('weekly_plan_cells')
    .addColumn('children_choice', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('plan_child_words')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('weekly_plans.id'))
    // The cell the words are about (plan × block × weekday), as plan_deliveries keys it.
    .addColumn('block_id', 'text', (c) => c.notNull())
    .addColumn('weekday', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().check(sql`length(text) > 0`))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_child_words_cell')
    .on('plan_child_words')
    .columns(['plan_id', 'block_id', 'weekday'])
    .execute();

  await db.schema
    .createTable('plan_child_word_children')
    .addColumn('word_id', 'text', (c) => c.notNull().references('plan_child_words.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addPrimaryKeyConstraint('plan_child_word_children_pk', ['word_id', 'child_id'])
    .execute();
  await db.schema
    .createIndex('plan_child_word_children_child')
    .on('plan_child_word_children')
    .columns(['child_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
