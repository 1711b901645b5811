// One check of whether the database can serve the app, for /healthz and `asuh doctor` alike.
import fs from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import { MIGRATION_NAMES } from '~db/migrations/names';
import type { DB } from '~db/schema';
import { storedFilePath } from '../files/uploads.server';

export type HealthProblem =
  /** `select 1` failed: no connection, wrong credentials, a missing or unreadable file. */
  | 'unreachable'
  /** The table of applied migrations exists but could not be read (e.g. no permission). */
  | 'migrationsUnreadable'
  /** Some of this version's migrations are not applied: run `asuh migrate`. */
  | 'migrationsPending'
  /** The database has migrations this version does not know: it was migrated by a newer Asuh. */
  | 'migrationsUnknown'
  /** A write was refused because the database or the transaction is read-only. */
  | 'readOnly'
  /** A write failed for another reason (disk full, locked for longer than the busy timeout, …). */
  | 'writeFailed';

export type Health =
  { status: 'ok'; appliedMigrations: number } | { status: 'error'; reason: HealthProblem; detail: string };

/** Thrown inside the write check's transaction so that it rolls back. */
class RollBack extends Error {}

const codeOf = (error: unknown) => String((error as { code?: unknown }).code ?? '');
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** PostgreSQL's undefined_table, or SQLite's "no such table" for the table asked about. */
function isMissingTable(error: unknown, table: string) {
  return (
    codeOf(error) === '42P01' ||
    (codeOf(error) === 'SQLITE_ERROR' && messageOf(error).includes(`no such table: ${table}`))
  );
}

/** PostgreSQL's read_only_sql_transaction, or any of SQLite's SQLITE_READONLY codes. */
const isReadOnly = (error: unknown) => codeOf(error) === '25006' || codeOf(error).startsWith('SQLITE_READONLY');

/**
 * Checks, in this order, and answers the first problem found:
 * 1. `openDb()` returns a database that answers `select 1` (`openDb` is getDb, called here so that
 *    a database that cannot even be opened is reported as unreachable instead of thrown);
 * 2. every name in MIGRATION_NAMES is in kysely_migration (a database without that table has none
 *    applied), and kysely_migration has no other name;
 * 3. a write succeeds: the kysely_migration_lock row is set to its own value in a transaction that
 *    is then rolled back, so nothing changes.
 */
export async function checkHealth(openDb: () => Kysely<DB>): Promise<Health> {
  const problem = (reason: HealthProblem, detail: string): Health => ({ status: 'error', reason, detail });
  let db: Kysely<DB>;
  try {
    db = openDb();
    await sql`select 1`.execute(db);
  } catch (error) {
    return problem('unreachable', messageOf(error));
  }
  let applied: string[] = [];
  try {
    applied = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((row) => row.name);
  } catch (error) {
    if (!isMissingTable(error, 'kysely_migration')) return problem('migrationsUnreadable', messageOf(error));
  }
  const pending = MIGRATION_NAMES.filter((name) => !applied.includes(name));
  if (pending.length) return problem('migrationsPending', `${pending.length} pending: ${pending.join(', ')}`);
  const unknown = applied.filter((name) => !MIGRATION_NAMES.includes(name));
  if (unknown.length) return problem('migrationsUnknown', `applied but unknown to this version: ${unknown.join(', ')}`);
  try {
    await db.transaction().execute(async (trx) => {
      await sql`update kysely_migration_lock set is_locked = is_locked where id = ${'migration_lock'}`.execute(trx);
      throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) return problem(isReadOnly(error) ? 'readOnly' : 'writeFailed', messageOf(error));
  }
  return { status: 'ok', appliedMigrations: applied.length };
}

/**
 * The documents whose file does not exist under UPLOAD_DIR. For `asuh doctor` only: it looks at the
 * file system once per document, too slow for every /healthz probe.
 */
export async function missingUploads(db: Kysely<DB>): Promise<{ id: string; storage_key: string }[]> {
  const documents = await db.selectFrom('documents').select(['id', 'storage_key']).orderBy('id').execute();
  const missing: { id: string; storage_key: string }[] = [];
  for (const doc of documents) {
    try {
      await fs.access(storedFilePath(doc.storage_key));
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error;
      missing.push(doc);
    }
  }
  return missing;
}
