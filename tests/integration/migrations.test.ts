import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { migrateToLatest } from '~db/migrate';
import { makeCenter, makeUser } from '~db/seed/factories';
import { migrations } from '~db/migrations/index';
import { refusedBy } from '../support/constraints';

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
    await expect(makeUser(db, { email: 'SAMA@example.test' })).rejects.toMatchObject(
      refusedBy('unique', { pgName: 'users_email_key', sqliteMessage: 'users.email' }),
    );
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
    ).rejects.toMatchObject(refusedBy('foreignKey', { pgName: 'classrooms_center_id_fkey' }));
  });

  it('refuse values outside the allowed sets', async () => {
    const center = await makeCenter(getDb());
    // The types already forbid such a kind: only a query that bypasses them can try it.
    await expect(
      sql`update centers set kind = ${'kindergarten'} where id = ${center.id}`.execute(getDb()),
    ).rejects.toMatchObject(refusedBy('check', { pgName: 'centers_kind_check', sqliteMessage: 'kind in' }));
  });
});
