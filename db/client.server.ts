import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type Dialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';

export const DEFAULT_SQLITE_PATH = './data/asuh.sqlite';

export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

/** DATABASE_URL chooses the dialect: postgres://… for PostgreSQL, anything else is a SQLite file. */
export function databaseConfig(url = process.env.DATABASE_URL): DatabaseConfig {
  if (url && /^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url };
  const file = (url ?? '').replace(/^(sqlite|file):(\/\/)?/, '') || DEFAULT_SQLITE_PATH;
  return { dialect: 'sqlite', file };
}

/** Runs `fn` in `db` when it is a transaction already (the caller's), else in a new transaction. */
export function inTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

export function openSqlite(file: string) {
  if (file !== ':memory:') createPrivately(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  cachePreparedStatements(sqlite);
  return sqlite;
}

/**
 * Creates the folder (0700) and an empty database file (0600) if they are missing, so that no one
 * else on the machine can read them; SQLite gives the -wal and -shm files the database file's
 * permissions. An existing folder or file is left as it is.
 */
export function createPrivately(file: string) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Kysely prepares every query anew; on SQLite, preparing costs more than running a small query.
 * The app sends a bounded set of distinct SQL texts, so each is prepared once and reused.
 */
function cachePreparedStatements(sqlite: Database.Database, limit = 1000) {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      if (cache.size >= limit) cache.clear();
      statement = prepare(source);
      cache.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
}

export function createDb(config: DatabaseConfig = databaseConfig()): Kysely<DB> {
  if (config.dialect === 'postgres') {
    // COUNT(*) and SUM come back as int8/numeric text; the app converts them where it reads them.
    return new Kysely<DB>({
      dialect: observed(new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 10 }) })),
    });
  }
  return new Kysely<DB>({ dialect: observed(new SqliteDialect({ database: openSqlite(config.file) })) });
}

const queryObservers = new Set<(sql: string) => void>();

/**
 * Calls `observer` with the SQL of every statement this process sends (transaction statements
 * included) until the returned function is called: the tests count a request's queries with it.
 */
export function observeQueries(observer: (sql: string) => void): () => void {
  queryObservers.add(observer);
  return () => queryObservers.delete(observer);
}

/** The dialect, its connections reporting each statement to the observers (none in production). */
function observed(dialect: Dialect): Dialect {
  return {
    createDriver() {
      const driver = dialect.createDriver();
      const acquire = driver.acquireConnection.bind(driver);
      const reporting = new WeakSet<DatabaseConnection>();
      driver.acquireConnection = () =>
        acquire().then((connection) => {
          if (!reporting.has(connection)) {
            reporting.add(connection);
            const execute = connection.executeQuery.bind(connection);
            connection.executeQuery = (query) => {
              for (const observer of queryObservers) observer(query.sql);
              return execute(query);
            };
          }
          return connection;
        });
      return driver;
    },
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

let instance: Kysely<DB> | undefined;

/** The one Kysely instance of this process, made on first use from DATABASE_URL. */
export function getDb(): Kysely<DB> {
  instance ??= createDb();
  return instance;
}

export async function closeDb() {
  await instance?.destroy();
  instance = undefined;
}
