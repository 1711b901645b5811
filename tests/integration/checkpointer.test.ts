import fs from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { startCheckpointer } from '~db/checkpointer.server';
import { getDb } from '~db/client.server';
import { testDialect } from '../support/databases';

const PAGE = 4096;

if (testDialect === 'sqlite')
  it("copies SQLite's log into the database file on its own thread, not in a request's commit", async () => {
    const db = getDb();
    const file = process.env.DATABASE_URL!;
    const stop = await startCheckpointer();
    try {
      const setting = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
      expect(setting.rows[0].wal_autocheckpoint).toBe(10_000);
      await sql`create table filler (b blob)`.execute(db);
      const before = fs.statSync(file).size;
      // ~500 pages: under both the commit's fallback and SQLite's own 1,000, so only the thread copies them.
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 500; i++) await sql`insert into filler values (randomblob(${PAGE}))`.execute(trx);
      });
      await expect
        .poll(() => fs.statSync(file).size - before, { timeout: 5_000, interval: 100 })
        .toBeGreaterThan(400 * PAGE);
    } finally {
      await stop();
    }
  });
else
  it('starts nothing on PostgreSQL', async () => {
    const stop = await startCheckpointer();
    await expect(stop()).resolves.toBeUndefined();
  });
