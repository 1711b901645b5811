// Global setup: build one migrated database, which every test file then copies. On PostgreSQL,
// first choose the server, starting a throwaway one if none is there (tests/support/postgres.ts).
import fs from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '~db/client.server';
import { migrateToLatest } from '~db/migrate';
import {
  databaseUrl,
  dropPgDatabase,
  PG_PREFIX,
  PG_TEMPLATE,
  SQLITE_TEMPLATE,
  testDialect,
  TMP_DIR,
} from './databases';
import { choosePostgres, startThrowawayPostgres } from './postgres';

export default async function setup(project: TestProject) {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (testDialect === 'sqlite') {
    const db = createDb({ dialect: 'sqlite', file: SQLITE_TEMPLATE });
    await migrateToLatest(db);
    await db.destroy();
    return;
  }
  const plan = await choosePostgres();
  if (plan.use === 'none') throw new Error(plan.problem);
  let adminUrl = plan.use === 'url' ? plan.url : '';
  let stop: (() => Promise<void>) | undefined;
  if (plan.use === 'throwaway') {
    const server = await startThrowawayPostgres(plan.binaries);
    ({ url: adminUrl, stop } = server);
    console.log(
      `PostgreSQL: ${plan.why}, so a throwaway server (${plan.binaries.source}) runs on 127.0.0.1:${new URL(adminUrl).port} in ${server.dir} until the run ends.`,
    );
  }
  project.provide('pgAdminUrl', adminUrl);
  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    // Databases left by an interrupted run, then a fresh template.
    const { rows } = await admin.query(`select datname from pg_database where starts_with(datname, $1)`, [PG_PREFIX]);
    for (const { datname } of rows) await dropPgDatabase(admin, datname);
    await admin.query(`create database ${PG_TEMPLATE}`);
    await admin.end();
    const db = createDb({ dialect: 'postgres', url: databaseUrl(adminUrl, PG_TEMPLATE) });
    await migrateToLatest(db);
    await db.destroy();
  } catch (error) {
    await stop?.();
    throw error;
  }
  return stop;
}
