import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { migrateToLatest } from '~db/migrate';
import { makeCenter, makeUser } from '~db/seed/factories';
import { migrations } from '~db/migrations/index';

describe('migrations', () => {
  it('are all applied to the template, and running them again changes nothing', async () => {
    const results = await migrateToLatest(getDb());
    expect(results).toEqual([]);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(getDb());
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
  });

  it('enforce unique emails and foreign keys', async () => {
    const db = getDb();
    await makeUser(db, { email: 'sama@example.test' });
    await expect(makeUser(db, { email: 'SAMA@example.test' })).rejects.toThrow();
    await expect(
      db
        .insertInto('classrooms')
        .values({
          id: 'x',
          center_id: 'no-such-center',
          name: 'X',
          min_age_months: 0,
          max_age_months: 12,
          capacity: 1,
          created_at: '',
          updated_at: '',
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('refuse values outside the allowed sets', async () => {
    await expect(makeCenter(getDb(), { kind: 'kindergarten' as never })).rejects.toThrow();
  });
});
