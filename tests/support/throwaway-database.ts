// A database of the run's dialect beside the file's own: empty, or a copy of the migrated template.
// For tests of what happens to other databases (unmigrated, read-only, an upgrade from an old version).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDb } from '~db/client.server';
import type { DB } from '~db/schema';
import { dropPgDatabase, PG_PREFIX, PG_TEMPLATE, SQLITE_TEMPLATE, testDialect, TMP_DIR } from './databases';
import { PG_ADMIN_URL, pgUrlFor } from './pg-admin';

export async function asPgAdmin<T>(run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export type Throwaway = { name: string; url: string; open: () => Kysely<DB>; drop: () => Promise<void> };

export async function throwawayDatabase({ migrated }: { migrated: boolean }): Promise<Throwaway> {
  const name = `${PG_PREFIX}x_${randomBytes(4).toString('hex')}`;
  const opened: Kysely<DB>[] = [];
  const closeAll = () => Promise.all(opened.splice(0).map((db) => db.destroy()));
  if (testDialect === 'sqlite') {
    const file = path.join(TMP_DIR, `${name}.sqlite`);
    if (migrated) fs.copyFileSync(SQLITE_TEMPLATE, file);
    return {
      name,
      url: file,
      open: () => opened[opened.push(createDb({ dialect: 'sqlite', file })) - 1],
      drop: async () => {
        await closeAll();
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  await asPgAdmin((client) => client.query(`create database ${name}${migrated ? ` template ${PG_TEMPLATE}` : ''}`));
  const url = pgUrlFor(name);
  return {
    name,
    url,
    open: () => opened[opened.push(createDb({ dialect: 'postgres', url })) - 1],
    drop: async () => {
      await closeAll();
      await asPgAdmin((client) => dropPgDatabase(client, name));
    },
  };
}
