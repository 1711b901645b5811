// Per test file: a private copy of the migrated template, chosen through DATABASE_URL before
// the app's modules make their database connection.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { closeDb } from '~db/client.server';
import { dropPgDatabase, PG_PREFIX, PG_TEMPLATE, SQLITE_TEMPLATE, testDialect, TMP_DIR } from './databases';
import { PG_ADMIN_URL, pgUrlFor } from './pg-admin';

const name = `${PG_PREFIX}${randomBytes(6).toString('hex')}`;
process.env.UPLOAD_DIR = path.join(TMP_DIR, `${name}-uploads`);

if (testDialect === 'sqlite') {
  const file = path.join(TMP_DIR, `${name}.sqlite`);
  fs.copyFileSync(SQLITE_TEMPLATE, file);
  process.env.DATABASE_URL = file;
} else {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
  await admin.end();
  process.env.DATABASE_URL = pgUrlFor(name);
}

afterAll(async () => {
  await closeDb();
  fs.rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true });
  if (testDialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm'])
      fs.rmSync(path.join(TMP_DIR, `${name}.sqlite${suffix}`), { force: true });
  } else {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await dropPgDatabase(admin, name);
    await admin.end();
  }
});
