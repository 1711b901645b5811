// `asuh backup` and `asuh restore`: one .tar.gz holding manifest.json, the database (an SQLite
// online backup, or a pg_dump in custom format) and the folder of uploaded files. Never the
// encryption key: it stays in the server's environment.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import * as tar from 'tar';
import { z } from 'zod';
import { createPrivately, type DatabaseConfig } from './client.server';
import { MIGRATION_NAMES } from './migrations/names';
import { holdRestoreLock } from './server-lock.server';

export const BACKUP_FORMAT = 1;
const MANIFEST = 'manifest.json';
const UPLOADS = 'uploads';
const databaseEntry = (dialect: DatabaseConfig['dialect']) =>
  dialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump';
const DIALECT_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  dialect: z.enum(['sqlite', 'postgres']),
  created_at: z.string(),
  /** Names of the migrations applied to the backed-up database. */
  migrations: z.array(z.string()),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The archive, and the installation it is made from or restored into. */
type BackupTarget = { file: string; config: DatabaseConfig; uploadDir: string };

/** The backup is unusable or does not fit this installation; nothing was changed. */
export class BackupRefusedError extends Error {}

/** pg_dump / pg_restore arguments for a URL, with the password passed in the environment, not on the command line. */
function pgConnection(url: string) {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: `--dbname=${parsed.toString()}`,
    env: password ? { ...process.env, PGPASSWORD: password } : process.env,
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env, encoding: 'utf8' });
  if (result.error) throw new Error(`Could not run ${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} failed with exit code ${result.status}: ${result.stderr.trim()}`);
}

async function appliedMigrations(config: DatabaseConfig, sqliteFile: string): Promise<string[]> {
  if (config.dialect === 'sqlite') {
    const sqlite = new Database(sqliteFile, { readonly: true, fileMustExist: true });
    try {
      const table = sqlite
        .prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`)
        .get();
      return table ? sqlite.prepare('select name from kysely_migration order by name').pluck().all().map(String) : [];
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    const table = await client.query(`select to_regclass('kysely_migration') is not null as present`);
    if (!table.rows[0].present) return [];
    return (await client.query<{ name: string }>('select name from kysely_migration order by name')).rows.map(
      (r) => r.name,
    );
  } finally {
    await client.end();
  }
}

/**
 * Writes the archive to `file` (replacing one already there). It is first written to a file created
 * with mode 0600 in a private (0700) folder beside `file`, then renamed into place when complete: the
 * archive is never readable by others, not even while it is written, and never seen half-written.
 */
export async function createBackup({ file, config, uploadDir }: BackupTarget): Promise<Manifest> {
  const target = path.resolve(file);
  // mkdtemp makes the folder 0700: the database copy in it is private while it is there.
  const staging = fs.mkdtempSync(path.join(path.dirname(target), '.asuh-backup-'));
  try {
    const dump = path.join(staging, databaseEntry(config.dialect));
    if (config.dialect === 'postgres') {
      const { dbname, env } = pgConnection(config.url);
      run('pg_dump', ['--format=custom', `--file=${dump}`, dbname], env);
    } else {
      if (!fs.existsSync(config.file)) throw new Error(`No database at ${config.file}`);
      const sqlite = new Database(config.file, { fileMustExist: true });
      try {
        await sqlite.backup(dump);
      } finally {
        sqlite.close();
      }
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      dialect: config.dialect,
      created_at: new Date().toISOString(),
      migrations: await appliedMigrations(config, dump),
    };
    fs.writeFileSync(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    // The uploads enter the archive through a symbolic link that tar follows (`follow`), so they are
    // read in place rather than copied first. UPLOAD_DIR itself holds only regular files.
    if (fs.existsSync(uploadDir)) fs.symlinkSync(uploadDir, path.join(staging, UPLOADS), 'dir');
    else fs.mkdirSync(path.join(staging, UPLOADS), { mode: 0o700 });

    const partial = path.join(staging, 'archive.partial');
    const fd = fs.openSync(partial, 'wx', 0o600);
    try {
      await pipeline(
        tar.c({ gzip: true, cwd: staging, follow: true, portable: true }, [
          MANIFEST,
          databaseEntry(config.dialect),
          UPLOADS,
        ]),
        fs.createWriteStream('', { fd, autoClose: false }),
      );
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Only the entries createBackup writes: anything else (links, devices, other paths) is refused. */
function expectedEntry(entryPath: string, type: string, dialect: DatabaseConfig['dialect']) {
  const p = entryPath.replace(/\/+$/, '');
  if (p === UPLOADS) return type === 'Directory';
  if (p === MANIFEST || p === databaseEntry(dialect)) return type === 'File';
  const [folder, name, ...rest] = p.split('/');
  return folder === UPLOADS && !!name && rest.length === 0 && name !== '..' && name !== '.' && type === 'File';
}

/** Unpacks and checks the archive in `work`; throws BackupRefusedError unless it is fit to restore. */
async function unpackAndCheck({ file, config, work }: { file: string; config: DatabaseConfig; work: string }) {
  const unexpected: string[] = [];
  try {
    await tar.x({
      file,
      cwd: work,
      strict: true,
      filter: (entryPath, entry) => {
        const ok = expectedEntry(entryPath, 'type' in entry ? entry.type : '', config.dialect);
        if (!ok) unexpected.push(entryPath);
        return ok;
      },
    });
  } catch (error) {
    throw new BackupRefusedError(`${file} is not a readable Asuh backup: ${(error as Error).message}`);
  }
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(work, MANIFEST), 'utf8')));
  } catch {
    throw new BackupRefusedError(`${file} is not an Asuh backup (its ${MANIFEST} is missing or not understood).`);
  }
  if (manifest.dialect !== config.dialect) {
    const [theirs, ours] = [DIALECT_NAMES[manifest.dialect], DIALECT_NAMES[config.dialect]];
    throw new BackupRefusedError(
      `${file} holds a ${theirs} database, but DATABASE_URL points to ${ours}. Restore it into a ${theirs} database.`,
    );
  }
  if (unexpected.length)
    throw new BackupRefusedError(
      `${file} holds entries an Asuh backup never has: ${unexpected.slice(0, 5).join(', ')}`,
    );
  const unknown = manifest.migrations.filter((name) => !MIGRATION_NAMES.includes(name));
  if (unknown.length)
    throw new BackupRefusedError(
      `${file} was made by a newer version of Asuh (migrations ${unknown.join(', ')}). Update Asuh first.`,
    );
  const dump = path.join(work, databaseEntry(config.dialect));
  if (!fs.existsSync(dump)) throw new BackupRefusedError(`${file} has no ${databaseEntry(config.dialect)}.`);
  if (config.dialect === 'sqlite') {
    try {
      const check = new Database(dump, { readonly: true, fileMustExist: true });
      const result = check.pragma('integrity_check', { simple: true });
      check.close();
      if (result !== 'ok') throw new Error(String(result));
    } catch (error) {
      throw new BackupRefusedError(`The database in ${file} is damaged: ${(error as Error).message}`);
    }
  } else {
    try {
      run('pg_restore', ['--list', dump]);
    } catch (error) {
      throw new BackupRefusedError(`The database in ${file} is damaged: ${(error as Error).message}`);
    }
  }
  if (!fs.existsSync(path.join(work, UPLOADS))) fs.mkdirSync(path.join(work, UPLOADS), { mode: 0o700 });
  return { manifest, dump, uploads: path.join(work, UPLOADS) };
}

async function restoreDatabase(config: DatabaseConfig, dump: string) {
  if (config.dialect === 'postgres') {
    const { dbname, env } = pgConnection(config.url);
    // One transaction: if anything fails, the database is as it was.
    run(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', dbname, dump],
      env,
    );
    return;
  }
  // SQLite's online backup API, from the checked copy into the live file, as one write transaction
  // through SQLite itself: the -wal and -shm files stay consistent and nothing is deleted by hand.
  createPrivately(config.file);
  const source = new Database(dump, { readonly: true, fileMustExist: true });
  try {
    await source.backup(config.file);
  } finally {
    source.close();
  }
}

/**
 * Replaces the database and UPLOAD_DIR with the archive's. First takes the restore lock (refused
 * while a server runs), then unpacks and checks the whole archive; only then are the uploads
 * swapped (the old folder kept aside) and the database restored. If the database restore fails,
 * the old uploads are put back.
 */
export async function restoreBackup({ file, config, uploadDir }: BackupTarget): Promise<Manifest> {
  const release = await holdRestoreLock(config);
  let work: string | undefined;
  try {
    // Beside UPLOAD_DIR, so the unpacked uploads can be renamed into place.
    fs.mkdirSync(path.dirname(uploadDir), { recursive: true, mode: 0o700 });
    work = fs.mkdtempSync(path.join(path.dirname(uploadDir), '.asuh-restore-'));
    const { manifest, dump, uploads } = await unpackAndCheck({ file, config, work });
    const previous = path.join(work, 'previous-uploads');
    const hadUploads = fs.existsSync(uploadDir);
    // Private like the files storeFile writes, whatever modes the archive recorded.
    for (const name of fs.readdirSync(uploads)) fs.chmodSync(path.join(uploads, name), 0o600);
    fs.chmodSync(uploads, 0o700);
    if (hadUploads) fs.renameSync(uploadDir, previous);
    fs.renameSync(uploads, uploadDir);
    try {
      await restoreDatabase(config, dump);
    } catch (error) {
      fs.renameSync(uploadDir, uploads);
      if (hadUploads) fs.renameSync(previous, uploadDir);
      throw error;
    }
    return manifest;
  } finally {
    if (work) fs.rmSync(work, { recursive: true, force: true });
    await release();
  }
}
