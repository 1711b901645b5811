// Where the integration tests' databases live. TEST_DATABASE=postgres runs the same tests on
// PostgreSQL, on the server the global setup chose (tests/support/postgres.ts); test files read its
// URL from pg-admin.ts.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';

/** Kysely's own bookkeeping tables, which db/schema.ts does not describe: `db.withTables<MigrationTables>()`. */
export type MigrationTables = {
  kysely_migration: { name: string; timestamp: string };
  kysely_migration_lock: { id: string; is_locked: number };
};

export const testDialect = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
export const TMP_DIR = path.resolve('tests/.tmp');
export const SQLITE_TEMPLATE = path.join(TMP_DIR, 'template.sqlite');
/**
 * Every database of a run starts with this checkout's own prefix, so two checkouts (a clone for
 * CI, a helper's copy) can run their tests against one PostgreSQL server without dropping each
 * other's databases.
 */
export const PG_PREFIX = `asuh_test_${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 8)}_`;
export const PG_TEMPLATE = `${PG_PREFIX}template`;

/** The URL of another database on the server at `adminUrl`. */
export function databaseUrl(adminUrl: string, database: string) {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

// Without `with (force)`: an autovacuum worker may be visiting the database, and a role that is
// not a superuser may not terminate it. Our own connections are closed by now, so wait it out.
export async function dropPgDatabase(admin: pg.Client, database: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`drop database if exists "${database}"`);
      return;
    } catch (error) {
      const inUse = (error as { code?: string }).code === '55006';
      if (!inUse || attempt === 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
