import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import * as tar from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, createDb, databaseConfig, getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { MIGRATION_NAMES } from '~db/migrations/names';
import type { DB } from '~db/schema';
import { holdRestoreLock, holdServerLock } from '~db/server-lock.server';
import { onServerStart } from '~/entry.server';
import { storeFile } from '~/modules/files/uploads.server';
import { runAsuh } from '../support/cli';
import { dropPgDatabase, testDialect, TMP_DIR, type MigrationTables } from '../support/databases';
import { PG_ADMIN_URL, pgUrlFor } from '../support/pg-admin';
import { PDF_BYTES, PNG_BYTES } from '../support/files';

const asuh = (...args: string[]) => runAsuh(args);

const countChildren = async () =>
  Number(
    (
      await getDb()
        .selectFrom('children')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the asuh command', () => {
  it('prints usage, and fails clearly on an unknown command', async () => {
    expect(await asuh('--help')).toMatchObject({ code: 0, out: expect.stringContaining('Usage: asuh <command>') });
    const unknown = await asuh('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown command "frobnicate"');
  });

  it('migrates, and seeds the demo once however often it runs', async () => {
    expect(await asuh('migrate')).toMatchObject({ code: 0, out: expect.stringContaining('up to date') });
    const first = await asuh('seed-demo');
    expect(first.code).toBe(0);
    expect(first.out).toContain('koordinator@demo.asuh.id');
    expect(await countChildren()).toBe(30);
    expect(await asuh('seed-demo')).toMatchObject({ code: 0, out: expect.stringContaining('nothing changed') });
    expect(await countChildren()).toBe(30);
  }, 60_000);

  it('creates a center for a fresh installation', async () => {
    const made = await asuh(
      'create-center',
      '--name',
      'TAS Baru',
      '--kind',
      'tas',
      '--city',
      'Makassar',
      '--province',
      'Sulawesi Selatan',
      '--zone',
      'Asia/Makassar',
    );
    expect(made).toMatchObject({ code: 0, out: expect.stringContaining('TAS Baru') });
    expect(
      (await getDb().selectFrom('centers').select('time_zone').where('name', '=', 'TAS Baru').executeTakeFirstOrThrow())
        .time_zone,
    ).toBe('Asia/Makassar');
    expect(
      await asuh('create-center', '--name', 'X', '--kind', 'school', '--city', 'A', '--province', 'B'),
    ).toMatchObject({ code: 1, err: expect.stringContaining('--kind') });
  });

  it('creates a user with a role in a center, and explains bad arguments', async () => {
    const ok = await asuh(
      'create-user',
      '--email',
      'Baru@Example.test',
      '--name',
      'Staf Baru',
      '--role',
      'caregiver',
      '--center',
      'TAS Cempaka Harapan',
    );
    expect(ok).toMatchObject({ code: 0, out: expect.stringContaining('Password:') });
    const row = await getDb()
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select(['memberships.role'])
      .where('users.email', '=', 'baru@example.test')
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('caregiver');
    expect(
      await asuh('create-user', '--email', 'bukan-email', '--name', 'X', '--role', 'boss', '--center', 'x'),
    ).toMatchObject({ code: 1, err: expect.stringContaining('--email') });
    expect(
      await asuh('create-user', '--email', 'x@example.test', '--name', 'X', '--role', 'teacher', '--center', 'Nowhere'),
    ).toMatchObject({ code: 1, err: expect.stringContaining('No center') });
    expect(
      await asuh(
        'create-user',
        '--email',
        'baru@example.test',
        '--name',
        'X',
        '--role',
        'teacher',
        '--center',
        'TAS Cempaka Harapan',
      ),
    ).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
  }, 60_000);

  it('lets an operator disable and enable an account, and make a reset link', async () => {
    const disabled = await asuh('disable-account', '--email', 'BARU@example.test');
    expect(disabled).toMatchObject({ code: 0, out: expect.stringContaining('Disabled baru@example.test') });
    const user = await getDb()
      .selectFrom('users')
      .select(['id', 'disabled_at'])
      .where('email', '=', 'baru@example.test')
      .executeTakeFirstOrThrow();
    expect(user.disabled_at).not.toBeNull();
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('actor_id')
      .where('entity_id', '=', user.id)
      .where('changes', 'like', '%disabled_at%')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBeNull();
    expect(await asuh('enable-account', '--email', 'baru@example.test')).toMatchObject({ code: 0 });
    expect(
      (await getDb().selectFrom('users').select('disabled_at').where('id', '=', user.id).executeTakeFirstOrThrow())
        .disabled_at,
    ).toBeNull();
    const link = await asuh('reset-link', '--email', 'baru@example.test');
    expect(link.out.trim()).toMatch(/^\/reset\/[\w-]{20,}$/);
    expect(await asuh('disable-account', '--email', 'nobody@example.test')).toMatchObject({
      code: 1,
      err: expect.stringContaining('No account'),
    });
    expect(await asuh('reset-link')).toMatchObject({ code: 1, err: expect.stringContaining('--email') });
  }, 60_000);

  it('reports configuration and database health', async () => {
    const doctor = await asuh('doctor');
    expect(doctor.code).toBe(0);
    expect(doctor.out).toMatch(
      /Health:\s+ok \((sqlite|postgres)\): reachable, \d+ migrations applied, none pending, writable/,
    );
    expect(doctor.out).toContain('every uploaded file the database refers to is there');
  });
});

/** Every table's row count, and the full rows of the tables a center cannot do without. */
async function databaseContent(db: Kysely<DB>) {
  const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0].n);
  }
  const rows: Record<string, unknown[]> = {};
  for (const table of ['centers', 'users', 'children', 'documents', 'audit_log'] as const)
    rows[table] = await db.selectFrom(table).selectAll().orderBy('id').execute();
  const migrations = await db
    .withTables<MigrationTables>()
    .selectFrom('kysely_migration')
    .select('name')
    .orderBy('name')
    .execute();
  return { counts, rows, migrations };
}

/** The files in an upload folder, with their bytes. */
function uploadFiles(dir: string) {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(dir, name)).toString('base64')]),
  );
}

const uploads = () => process.env.UPLOAD_DIR!;
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const backupFiles: string[] = [];
const backupFile = (label: string) => {
  backupFiles.push(path.join(TMP_DIR, `backup-${label}-${randomBytes(4).toString('hex')}.tar.gz`));
  return backupFiles.at(-1)!;
};
afterAll(() => {
  for (const file of backupFiles) fs.rmSync(file, { force: true });
});

/** A database of this run's dialect that no test has touched: an absent SQLite file, or an empty PostgreSQL database. */
async function emptyDatabase(label: string) {
  const name = `${path.basename(process.env.DATABASE_URL!).replace(/\.sqlite$/, '')}_${label}`;
  const dir = path.join(TMP_DIR, name);
  if (testDialect === 'sqlite')
    return {
      url: path.join(dir, 'data', 'asuh.sqlite'),
      uploadDir: path.join(dir, 'data', 'uploads'),
      dir,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const drop = async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    const again = new pg.Client({ connectionString: PG_ADMIN_URL });
    await again.connect();
    await dropPgDatabase(again, name);
    await again.end();
  };
  return { url: pgUrlFor(name), uploadDir: path.join(dir, 'uploads'), dir, drop };
}

describe('asuh backup and restore', () => {
  it('writes one private archive with the database, the uploaded files and a manifest, and restores both into an empty installation', async () => {
    const child = await getDb()
      .selectFrom('children')
      .select(['id', 'center_id'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // The demo seeded above has its pickup persons' portraits there already.
    const demoFiles = Object.keys(uploadFiles(uploads())).length;
    for (const bytes of [PDF_BYTES, PNG_BYTES, randomBytes(70_000)]) {
      const key = await storeFile(bytes);
      await getDb()
        .insertInto('documents')
        .values({
          id: newId(),
          center_id: child.center_id,
          application_id: null,
          child_id: child.id,
          kind: 'pickup_photo',
          file_name: 'foto.png',
          mime_type: 'image/png',
          size_bytes: bytes.byteLength,
          storage_key: key,
          created_at: nowIso(),
        })
        .execute();
    }
    const file = backupFile('full');
    const made = await asuh('backup', file);
    expect(made).toMatchObject({ code: 0, out: expect.stringContaining(file) });
    expect(modeOf(file)).toBe(0o600);

    const entries: string[] = [];
    await tar.t({ file, onReadEntry: (entry) => void entries.push(entry.path) });
    const keys = Object.keys(uploadFiles(uploads()));
    expect(keys).toHaveLength(demoFiles + 3);
    expect(entries.sort()).toEqual(
      [
        'database.' + (testDialect === 'sqlite' ? 'sqlite' : 'pgdump'),
        'manifest.json',
        'uploads/',
        ...keys.map((k) => `uploads/${k}`),
      ].sort(),
    );
    const manifestDir = fs.mkdtempSync(path.join(TMP_DIR, 'manifest-'));
    await tar.x({ file, cwd: manifestDir, filter: (p) => p === 'manifest.json' });
    const manifest = JSON.parse(fs.readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'));
    fs.rmSync(manifestDir, { recursive: true });
    expect(manifest).toEqual({
      format: 1,
      dialect: testDialect,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      migrations: [...MIGRATION_NAMES],
    });

    const target = await emptyDatabase('restored');
    try {
      const restored = await runAsuh(['restore', file], { DATABASE_URL: target.url, UPLOAD_DIR: target.uploadDir });
      expect(restored).toMatchObject({ code: 0, out: expect.stringContaining('Restored') });
      const copy = createDb(databaseConfig(target.url));
      try {
        expect(await databaseContent(copy)).toEqual(await databaseContent(getDb()));
      } finally {
        await copy.destroy();
      }
      expect(uploadFiles(target.uploadDir)).toEqual(uploadFiles(uploads()));
      expect(modeOf(target.uploadDir)).toBe(0o700);
      if (testDialect === 'sqlite') {
        expect(modeOf(target.url)).toBe(0o600);
        expect(modeOf(path.dirname(target.url))).toBe(0o700);
      }
    } finally {
      await target.drop();
    }
  }, 60_000);

  it('restores in place over a changed database and upload folder', async () => {
    const file = backupFile('in-place');
    expect(await asuh('backup', file)).toMatchObject({ code: 0 });
    const before = { content: await databaseContent(getDb()), files: uploadFiles(uploads()) };
    await getDb().updateTable('children').set({ full_name: 'Diubah Setelah Cadangan' }).execute();
    const [gone] = Object.keys(before.files);
    fs.rmSync(path.join(uploads(), gone));
    fs.writeFileSync(path.join(uploads(), 'tambahan'), 'not in the backup');
    await closeDb();
    expect(await asuh('restore', file)).toMatchObject({ code: 0 });
    expect(await databaseContent(getDb())).toEqual(before.content);
    expect(uploadFiles(uploads())).toEqual(before.files);
    expect(await asuh('restore', path.join(TMP_DIR, 'missing.file'))).toMatchObject({
      code: 1,
      err: expect.stringContaining('No such file'),
    });
    expect(await asuh('backup')).toMatchObject({ code: 1, err: expect.stringContaining('needs a file') });
  }, 60_000);

  it('refuses to restore while a server holds the database lock, and changes nothing', async () => {
    const file = backupFile('locked');
    expect(await asuh('backup', file)).toMatchObject({ code: 0 });
    // Acknowledged after the backup: a restore now would lose them.
    await getDb().updateTable('children').set({ full_name: 'Ditulis Setelah Cadangan' }).execute();
    fs.writeFileSync(path.join(uploads(), 'setelah-cadangan'), 'written after the backup');
    const before = { content: await databaseContent(getDb()), files: uploadFiles(uploads()) };

    // The lock onServerStart takes (not onServerStart itself: it also starts the job worker, which writes).
    const releaseServer = await holdServerLock();
    try {
      const releaseSecondServer = await holdServerLock(); // several servers may share the database
      const refused = await asuh('restore', file);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toContain('An Asuh server is using this database');
      await releaseSecondServer();
      expect(await asuh('restore', file)).toMatchObject({
        code: 1,
        err: expect.stringContaining('An Asuh server is using this database'),
      });
      expect(await databaseContent(getDb())).toEqual(before.content);
      expect(uploadFiles(uploads())).toEqual(before.files);
    } finally {
      await releaseServer();
    }

    // While a restore holds the lock, a server refuses to start (onServerStart throws before it starts any work).
    const releaseRestore = await holdRestoreLock();
    try {
      const started = await onServerStart().then(
        (stop) => stop,
        (error: Error) => error,
      );
      if (typeof started === 'function') await started();
      expect(started).toBeInstanceOf(Error);
      expect((started as Error).message).toContain('A restore (asuh restore) is replacing this database');
    } finally {
      await releaseRestore();
    }
    // Once the server has stopped, the restore goes ahead.
    await closeDb();
    expect(await asuh('restore', file)).toMatchObject({ code: 0 });
    expect(
      await getDb().selectFrom('children').select('id').where('full_name', '=', 'Ditulis Setelah Cadangan').execute(),
    ).toEqual([]);
    expect(fs.existsSync(path.join(uploads(), 'setelah-cadangan'))).toBe(false);
  }, 60_000);

  it('refuses an archive that is damaged, not a backup, or of the other database, and changes nothing', async () => {
    const before = { content: await databaseContent(getDb()), files: uploadFiles(uploads()) };
    const ours = testDialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump';
    const craft = async (label: string, manifest: object, databaseName: string) => {
      const dir = fs.mkdtempSync(path.join(TMP_DIR, 'craft-'));
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
      fs.writeFileSync(path.join(dir, databaseName), randomBytes(8192));
      fs.mkdirSync(path.join(dir, 'uploads'));
      const file = backupFile(label);
      await tar.c({ gzip: true, cwd: dir, file }, ['manifest.json', databaseName, 'uploads']);
      fs.rmSync(dir, { recursive: true });
      return file;
    };
    const manifest = { format: 1, dialect: testDialect, created_at: nowIso(), migrations: [...MIGRATION_NAMES] };
    const other = testDialect === 'sqlite' ? 'postgres' : 'sqlite';
    const damaged = await craft('damaged', manifest, ours);
    expect(await asuh('restore', damaged)).toMatchObject({ code: 1, err: expect.stringContaining('is damaged') });
    const foreign = await craft(
      'foreign',
      { ...manifest, dialect: other },
      other === 'sqlite' ? 'database.sqlite' : 'database.pgdump',
    );
    expect(await asuh('restore', foreign)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/holds a (SQLite|PostgreSQL) database, but DATABASE_URL points to/),
    });
    const newer = await craft('newer', { ...manifest, migrations: [...MIGRATION_NAMES, '9999-from-the-future'] }, ours);
    expect(await asuh('restore', newer)).toMatchObject({
      code: 1,
      err: expect.stringContaining('newer version of Asuh'),
    });
    const notArchive = backupFile('text');
    fs.writeFileSync(notArchive, 'just some text');
    expect(await asuh('restore', notArchive)).toMatchObject({
      code: 1,
      err: expect.stringContaining('not a readable Asuh backup'),
    });
    expect(await databaseContent(getDb())).toEqual(before.content);
    expect(uploadFiles(uploads())).toEqual(before.files);
  }, 60_000);

  it.runIf(testDialect === 'sqlite')(
    'creates a new SQLite database private to its owner: the file 0600, its folder 0700',
    async () => {
      const dir = path.join(TMP_DIR, `fresh-${randomBytes(4).toString('hex')}`);
      const file = path.join(dir, 'data', 'asuh.sqlite');
      try {
        expect(await runAsuh(['migrate'], { DATABASE_URL: file })).toMatchObject({ code: 0 });
        expect(modeOf(path.dirname(file))).toBe(0o700);
        for (const suffix of ['', '-wal', '-shm'])
          if (fs.existsSync(file + suffix)) expect(modeOf(file + suffix)).toBe(0o600);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('doctor lists the uploaded files the database refers to that are missing', async () => {
    const doc = await getDb()
      .selectFrom('documents')
      .select(['id', 'storage_key'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    fs.rmSync(path.join(uploads(), doc.storage_key));
    const doctor = await asuh('doctor');
    expect(doctor.code).toBe(1);
    expect(doctor.out).toContain(`1 uploaded file(s) the database refers to are missing from ${uploads()}`);
    expect(doctor.out).toContain(`document ${doc.id}: ${doc.storage_key}`);
  });
});

describe('asuh zscore', () => {
  it('prints the WHO z-scores as one JSON object', async () => {
    const result = await asuh(
      'zscore',
      '--sex',
      'female',
      '--birth',
      '2025-11-29',
      '--measured',
      '2026-11-29',
      '--weight',
      '7.0',
      '--length',
      '70',
      '--position',
      'standing',
      '--head',
      '44',
      '--muac',
      '13.5',
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(Object.keys(json)).toEqual(['ageDays', 'wfa', 'lhfa', 'wflh', 'bmifa', 'hcfa', 'acfa', 'flags']);
    expect(json).toMatchObject({ ageDays: 365, wfa: -2.05, flags: [] });
    expect(json.lhfa).toBeLessThan(-1);
  });

  it('exits non-zero with a message for invalid input', async () => {
    const metres = await asuh(
      'zscore',
      '--sex',
      'male',
      '--birth',
      '2025-01-01',
      '--measured',
      '2026-01-01',
      '--length',
      '0.85',
      '--position',
      'lying',
    );
    expect(metres.code).toBe(1);
    expect(metres.err).toContain('--length: This looks like metres');
    const before = await asuh(
      'zscore',
      '--sex',
      'male',
      '--birth',
      '2026-01-01',
      '--measured',
      '2025-01-01',
      '--weight',
      '9',
    );
    expect(before).toMatchObject({ code: 1, err: expect.stringContaining('before the date of birth') });
    expect(
      await asuh('zscore', '--sex', 'other', '--birth', '2026-01-01', '--measured', '2026-02-01', '--weight', '4'),
    ).toMatchObject({ code: 1, err: expect.stringContaining('--sex') });
  });
});
