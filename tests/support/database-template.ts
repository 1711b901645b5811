// Global setup: build one migrated database, which every test file then copies.
import fs from 'node:fs';
import pg from 'pg';
import { createDb } from '~db/client.server';
import { migrateToLatest } from '~db/migrate';
import { dropPgDatabase, PG_ADMIN_URL, PG_PREFIX, PG_TEMPLATE, pgUrlFor, SQLITE_TEMPLATE, testDialect, TMP_DIR } from './databases';

export default async function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (testDialect === 'sqlite') {
    const db = createDb({ dialect: 'sqlite', file: SQLITE_TEMPLATE });
    await migrateToLatest(db);
    await db.destroy();
    return;
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  // Databases left by an interrupted run, then a fresh template.
  const { rows } = await admin.query(`select datname from pg_database where starts_with(datname, $1)`, [PG_PREFIX]);
  for (const { datname } of rows) await dropPgDatabase(admin, datname);
  await admin.query(`create database ${PG_TEMPLATE}`);
  await admin.end();
  const db = createDb({ dialect: 'postgres', url: pgUrlFor(PG_TEMPLATE) });
  await migrateToLatest(db);
  await db.destroy();
}
