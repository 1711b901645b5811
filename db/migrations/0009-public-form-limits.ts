import type { Kysely } from 'kysely';

// The public application form takes posts from anyone (issue 9):
// - rate_limits counts requests per key (a client address) in fixed windows, one row per key;
// - scheduled_jobs lets one of several server processes claim a due job (expired drafts, …);
// - drafts are found by their last save, to delete them when they expire.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_start').execute();

  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_started_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createIndex('applications_status_updated')
    .on('applications')
    .columns(['status', 'updated_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
