import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '~db/client.server';
import { MIGRATION_NAMES } from '~db/migrations/names';
import type { DB } from '~db/schema';
import { loader as healthLoader } from '~/routes/healthz';
import { runAsuh } from '../support/cli';
import { testDialect, TMP_DIR, type MigrationTables } from '../support/databases';
import { PG_ADMIN_URL } from '../support/pg-admin';
import { asPgAdmin, throwawayDatabase } from '../support/throwaway-database';
import { callLoader } from '../support/remix';

// What the app's getDb returns in this file: its own test database, or for one test another
// database (unmigrated, read-only, unreachable) made by `swap`.
const app = vi.hoisted(() => ({ open: undefined as (() => Kysely<DB>) | undefined }));
vi.mock('~db/client.server', async (importOriginal) => {
  const real = await importOriginal<typeof import('~db/client.server')>();
  return { ...real, getDb: () => (app.open ? app.open() : real.getDb()) };
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  app.open = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A throwaway database, dropped after the test; returns its DATABASE_URL. */
async function throwaway({ migrated }: { migrated: boolean }) {
  const db = await throwawayDatabase({ migrated });
  cleanups.push(db.drop);
  return db.url;
}

/** Makes the app use the database at `url` until the test ends. */
function swap(
  url: string,
  open = () => createDb(testDialect === 'sqlite' ? { dialect: 'sqlite', file: url } : { dialect: 'postgres', url }),
) {
  let db: Kysely<DB> | undefined;
  app.open = () => (db ??= open());
  cleanups.push(async () => {
    await db?.destroy();
  });
}

describe('/healthz', () => {
  it('answers 200 when the database answers, is fully migrated and takes writes', async () => {
    const result = await callLoader(healthLoader, { path: '/healthz' });
    expect(result).toMatchObject({ status: 200, data: { status: 'ok', database: 'ok', dialect: testDialect } });
  });

  it('answers 503 migrationsPending for a database never migrated, or missing a migration', async () => {
    swap(await throwaway({ migrated: false }));
    expect(await callLoader(healthLoader, { path: '/healthz' })).toMatchObject({
      status: 503,
      data: { status: 'error', reason: 'migrationsPending' },
    });

    const url = await throwaway({ migrated: true });
    swap(url);
    const db = app.open!();
    await db
      .withTables<MigrationTables>()
      .deleteFrom('kysely_migration')
      .where('name', '=', MIGRATION_NAMES.at(-1)!)
      .execute();
    expect(await callLoader(healthLoader, { path: '/healthz' })).toMatchObject({
      status: 503,
      data: { reason: 'migrationsPending' },
    });
  });

  it('answers 503 migrationsUnknown for a database migrated by a newer version', async () => {
    swap(await throwaway({ migrated: true }));
    await app.open!()
      .withTables<MigrationTables>()
      .insertInto('kysely_migration')
      .values({ name: '9999-from-the-future', timestamp: new Date().toISOString() })
      .execute();
    expect(await callLoader(healthLoader, { path: '/healthz' })).toMatchObject({
      status: 503,
      data: { reason: 'migrationsUnknown' },
    });
  });

  it('answers 503 readOnly for a database that refuses writes', async () => {
    const url = await throwaway({ migrated: true });
    if (testDialect === 'sqlite') {
      // Tests run as root, which a chmod 0444 would not stop: the file is opened read-only instead.
      swap(
        url,
        () =>
          new Kysely<DB>({
            dialect: new SqliteDialect({ database: new Database(url, { readonly: true, fileMustExist: true }) }),
          }),
      );
    } else {
      const name = new URL(url).pathname.slice(1);
      await asPgAdmin((client) => client.query(`alter database ${name} set default_transaction_read_only = on`));
      swap(url);
    }
    expect(await callLoader(healthLoader, { path: '/healthz' })).toMatchObject({
      status: 503,
      data: { status: 'error', reason: 'readOnly' },
    });
  });

  it('answers 503 unreachable when the database cannot be opened or reached', async () => {
    if (testDialect === 'sqlite') {
      const dir = path.join(TMP_DIR, `not-a-database-${randomBytes(4).toString('hex')}`);
      fs.mkdirSync(dir);
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      swap(dir);
    } else {
      const url = new URL(PG_ADMIN_URL);
      url.port = '1';
      swap(url.toString());
    }
    expect(await callLoader(healthLoader, { path: '/healthz' })).toMatchObject({
      status: 503,
      data: { status: 'error', reason: 'unreachable' },
    });
  });

  it('leaves a healthy database as it was (the write check is rolled back)', async () => {
    const url = await throwaway({ migrated: true });
    swap(url);
    const lock = () =>
      app.open!().withTables<MigrationTables>().selectFrom('kysely_migration_lock').selectAll().execute();
    const before = await lock();
    expect(await callLoader(healthLoader, { path: '/healthz' })).toMatchObject({ status: 200 });
    expect(await lock()).toEqual(before);
  });
});

describe('asuh doctor', () => {
  it('says which migrations are pending on an unmigrated database (not "0 applied"), and exits non-zero', async () => {
    const doctor = await runAsuh(['doctor'], { DATABASE_URL: await throwaway({ migrated: false }) });
    expect(doctor.code).toBe(1);
    expect(doctor.out).toContain(
      `Health:          migrationsPending: ${MIGRATION_NAMES.length} pending: ${MIGRATION_NAMES.join(', ')} — run "asuh migrate"`,
    );
  });

  it.runIf(testDialect === 'postgres')('reports a read-only database, and exits non-zero', async () => {
    const url = await throwaway({ migrated: true });
    await asPgAdmin((client) =>
      client.query(`alter database ${new URL(url).pathname.slice(1)} set default_transaction_read_only = on`),
    );
    const doctor = await runAsuh(['doctor'], { DATABASE_URL: url });
    expect(doctor.code).toBe(1);
    expect(doctor.out).toMatch(/Health:\s+readOnly: /);
  });
});
