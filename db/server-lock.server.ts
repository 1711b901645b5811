// Every running server holds a shared lock on its database for as long as it runs (onServerStart);
// `asuh restore` takes the exclusive form without waiting and keeps it until it is done. So a
// restore never replaces a database under a running server, a server does not start during a
// restore, and any number of servers may run at once. The lock dies with the process that held it.
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPrivately, databaseConfig, type DatabaseConfig } from './client.server';

/** The advisory lock key on PostgreSQL ('asuh' in ASCII): nothing else on an Asuh database may use it. */
const PG_LOCK_KEY = 0x61737568;

export const SERVER_RUNNING =
  'An Asuh server is using this database (or a restore is running). Stop every server that uses it, then run the restore again.';
export const RESTORE_RUNNING =
  'A restore (asuh restore) is replacing this database. Start the server again when it has finished.';

/** The lock is held by someone else; the message says who and what to do. */
export class DatabaseInUseError extends Error {}

type Mode = 'shared' | 'exclusive';
type Release = () => Promise<void>;

/**
 * On SQLite the lock is taken on a small side file, not on the database: the database runs in WAL
 * mode, where readers do not block an exclusive lock.
 */
export const lockFileFor = (databaseFile: string) => `${path.resolve(databaseFile)}.lock`;

function lockSqlite(databaseFile: string, mode: Mode): Release {
  const file = lockFileFor(databaseFile);
  createPrivately(file);
  let lock: Database.Database | undefined;
  try {
    // timeout 0: a lock held elsewhere fails at once with SQLITE_BUSY instead of being waited for.
    lock = new Database(file, { timeout: 0 });
    // A rollback-journal mode, not WAL: a read transaction holds a SHARED lock and BEGIN EXCLUSIVE an
    // EXCLUSIVE lock on the file, which exclude each other; both are OS file locks, which the OS
    // releases when the process ends, even by kill -9. MEMORY keeps the journal of the never
    // committed exclusive transaction off the disk, so a killed restore leaves no journal behind.
    lock.pragma('journal_mode = MEMORY');
    if (mode === 'exclusive') {
      lock.exec('BEGIN EXCLUSIVE');
    } else {
      lock.exec('BEGIN');
      lock.prepare('select count(*) from sqlite_master').get();
    }
  } catch (error) {
    lock?.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY')
      throw new DatabaseInUseError(mode === 'shared' ? RESTORE_RUNNING : SERVER_RUNNING);
    throw error;
  }
  const held = lock;
  return async () => {
    // Closing the connection ends its transaction, and with it the lock.
    if (held.open) held.close();
  };
}

async function lockPostgres(url: string, mode: Mode): Promise<Release> {
  const client = new pg.Client({ connectionString: url });
  // An advisory lock lives as long as this session: if the connection breaks, the lock is gone.
  client.on('error', (error) => console.error(`The connection holding the database lock failed: ${error.message}`));
  await client.connect();
  let acquired = false;
  try {
    const query =
      mode === 'shared'
        ? 'select pg_try_advisory_lock_shared($1) as acquired'
        : 'select pg_try_advisory_lock($1) as acquired';
    acquired = (await client.query<{ acquired: boolean }>(query, [PG_LOCK_KEY])).rows[0].acquired;
  } finally {
    if (!acquired) await client.end();
  }
  if (!acquired) throw new DatabaseInUseError(mode === 'shared' ? RESTORE_RUNNING : SERVER_RUNNING);
  let ended = false;
  return async () => {
    if (ended) return;
    ended = true;
    await client.end();
  };
}

function lockDatabase(config: DatabaseConfig, mode: Mode): Promise<Release> {
  if (config.dialect === 'postgres') return lockPostgres(config.url, mode);
  if (config.file === ':memory:') return Promise.resolve(async () => {});
  return Promise.resolve().then(() => lockSqlite(config.file, mode));
}

/**
 * The lock a server holds while it runs (shared: several servers may hold it). Throws
 * DatabaseInUseError during a restore. Returns the function that releases it.
 */
export function holdServerLock(config: DatabaseConfig = databaseConfig()): Promise<Release> {
  return lockDatabase(config, 'shared');
}

/**
 * The lock `asuh restore` holds (exclusive), taken without waiting: throws DatabaseInUseError while
 * any server holds its lock. Returns the function that releases it.
 */
export function holdRestoreLock(config: DatabaseConfig = databaseConfig()): Promise<Release> {
  return lockDatabase(config, 'exclusive');
}
