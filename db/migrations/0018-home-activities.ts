import { type Kysely, sql } from 'kysely';

// Issue 12, suggestions: an activity of the library a teacher sends to a child's family to try at
// home, with an optional note; the family says when they tried it (with an optional comment).
// One per child, activity and local day: a retried or double-tapped send lands once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('home_activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('tried_at', 'text')
    .addColumn('tried_by', 'text', (c) => c.references('users.id'))
    .addColumn('tried_comment', 'text', (c) => c.notNull().defaultTo(''))
    .addCheckConstraint('home_activities_tried', sql`(tried_at is null) = (tried_by is null)`)
    .addUniqueConstraint('home_activities_once_a_day', ['child_id', 'activity_id', 'sent_on'])
    .execute();
  await db.schema
    .createIndex('home_activities_child')
    .on('home_activities')
    .columns(['center_id', 'child_id', 'sent_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
