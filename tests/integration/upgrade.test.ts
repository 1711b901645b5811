// Upgrading a database made by an earlier version: what migration 0008 does to the guardian links
// the old enrollment assumed from a typed email, and to kiosk PINs kept per link.
import { Migrator, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '~db/migrations/index';
import { throwawayDatabase, type Throwaway } from '../support/throwaway-database';

let old: Throwaway;
afterAll(async () => old?.drop());

const at = (iso: string) => new Date(iso).toISOString();

/** The columns this test writes and reads, as migration 0007 left them (0008 changes guardians). */
interface Version0007 {
  centers: {
    id: string;
    name: string;
    kind: string;
    address: string;
    province: string;
    city: string;
    time_zone: string;
    opening_hours: string;
    capacity: number;
    require_two_factor: number;
    fever_threshold_tenths: number;
    created_at: string;
    updated_at: string;
  };
  users: {
    id: string;
    email: string;
    name: string;
    phone: string | null;
    preferred_language: string;
    password_hash: string | null;
    created_at: string;
    updated_at: string;
  };
  memberships: { id: string; user_id: string; center_id: string; role: string; created_at: string };
  children: {
    id: string;
    center_id: string;
    full_name: string;
    birth_date: string;
    sex: string;
    status: string;
    created_at: string;
    updated_at: string;
  };
  guardians: {
    id: string;
    child_id: string;
    user_id: string;
    relationship: string;
    pin_hash: string | null;
    created_at: string;
  };
  invites: { email: string; child_id: string | null; role: string; invited_by: string };
  kiosk_pins: { user_id: string; phone: string };
}

describe('migration 0008 on a database of the previous version', () => {
  it('keeps links made with their account, and turns links nobody accepted into pending invitations', async () => {
    old = await throwawayDatabase({ migrated: false });
    const db = old.open();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const before = await migrator.migrateTo('0007-totp-last-step');
    expect(before.error).toBeUndefined();

    const legacy = db as unknown as Kysely<Version0007>;
    const t0 = '2026-10-01T08:00:00.000Z';
    await legacy
      .insertInto('centers')
      .values({
        id: 'c1',
        name: 'TAS Lama',
        kind: 'tas',
        address: '-',
        province: '-',
        city: '-',
        time_zone: 'Asia/Jakarta',
        opening_hours: '{}',
        capacity: 10,
        require_two_factor: 0,
        fever_threshold_tenths: 375,
        created_at: t0,
        updated_at: t0,
      })
      .execute();
    const user = (id: string, created: string, password: string | null, phone: string | null = null) =>
      legacy
        .insertInto('users')
        .values({
          id,
          email: `${id}@example.test`,
          name: id,
          phone,
          preferred_language: 'id',
          password_hash: password,
          created_at: created,
          updated_at: created,
        })
        .execute();
    await user('koor', t0, 'hash');
    await legacy
      .insertInto('memberships')
      .values({ id: 'm1', user_id: 'koor', center_id: 'c1', role: 'coordinator', created_at: t0 })
      .execute();
    // Made together at enrollment, then the password set from the invite: accepted.
    await user('together', at('2026-10-02T08:00:00Z'), 'hash', '+6281200000001');
    // Existed long before its email was typed on an application: never accepted.
    await user('typed', t0, 'hash', '+6281200000002');
    // Made at enrollment, password never set: never accepted.
    await user('pending', at('2026-10-02T08:00:00Z'), null);
    for (const id of ['k1', 'k2', 'k3']) {
      await legacy
        .insertInto('children')
        .values({
          id,
          center_id: 'c1',
          full_name: id,
          birth_date: '2024-01-01',
          sex: 'female',
          status: 'enrolled',
          created_at: t0,
          updated_at: t0,
        })
        .execute();
    }
    const link = (id: string, child: string, userId: string, pin: string | null = null) =>
      legacy
        .insertInto('guardians')
        .values({
          id,
          child_id: child,
          user_id: userId,
          relationship: 'ibu',
          pin_hash: pin,
          created_at: at('2026-10-02T08:00:00.500Z'),
        })
        .execute();
    await link('g1', 'k1', 'together', '$argon2id$pin');
    await link('g2', 'k2', 'typed', '$argon2id$pin2');
    await link('g3', 'k3', 'pending');

    const after = await migrator.migrateToLatest();
    expect(after.error).toBeUndefined();
    const guardians = await legacy.selectFrom('guardians').select(['id', 'user_id']).execute();
    expect(guardians).toEqual([{ id: 'g1', user_id: 'together' }]);
    const invites = await legacy
      .selectFrom('invites')
      .select(['email', 'child_id', 'role', 'invited_by'])
      .orderBy('email')
      .execute();
    expect(invites).toEqual([
      { email: 'pending@example.test', child_id: 'k3', role: 'guardian', invited_by: 'koor' },
      { email: 'typed@example.test', child_id: 'k2', role: 'guardian', invited_by: 'koor' },
    ]);
    const pins = await legacy.selectFrom('kiosk_pins').select(['user_id', 'phone']).orderBy('user_id').execute();
    expect(pins).toEqual([
      { user_id: 'together', phone: '+6281200000001' },
      { user_id: 'typed', phone: '+6281200000002' },
    ]);
  });
});
