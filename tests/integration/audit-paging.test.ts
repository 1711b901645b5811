import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import { makeCenter, makeUser } from '~db/seed/factories';
import { AUDIT_PAGE_SIZE } from '~/modules/audit/audit.server';
import { loader as auditLoader } from '~/routes/c.$centerId.audit';
import { callLoader, sessionCookie } from '../support/remix';

let centerId: string;
let coordinator: string;
let written: string[];

// 120 entries on 3 instants, as a large transaction or a bulk import writes them.
const INSTANTS = ['2026-03-02T01:00:00.000Z', '2026-03-02T02:00:00.000Z', '2026-03-02T03:00:00.000Z'];

beforeAll(async () => {
  const db = getDb();
  const center = await makeCenter(db, { name: 'TAS Riwayat' });
  centerId = center.id;
  const user = await makeUser(db, {
    email: 'koor.riwayat@example.test',
    name: 'Koor Riwayat',
    memberships: [{ centerId, role: 'coordinator' }],
  });
  coordinator = await sessionCookie(user.id);
  const rows = Array.from({ length: 120 }, (_, i) => ({
    id: newId(),
    at: INSTANTS[i % 3],
    actor_id: user.id,
    center_id: centerId,
    entity: 'attendance',
    entity_id: `attendance-${i}`,
    action: 'update' as const,
    changes: JSON.stringify({ note: [null, `catatan ${i}`] }),
  }));
  await db.insertInto('audit_log').values(rows).execute();
  written = (await db.selectFrom('audit_log').select('id').where('center_id', '=', centerId).execute()).map(
    (r) => r.id,
  );
});

const page = (query = '') =>
  callLoader(auditLoader, { path: `/c/${centerId}/audit${query}`, params: { centerId }, cookie: coordinator });

describe('paging the audit log', () => {
  it('reaches every entry exactly once, newest first, when many share a timestamp', async () => {
    const seen: { id: string; at: string }[] = [];
    let query = '';
    for (let pages = 0; pages < 10; pages++) {
      const result = await page(query);
      expect(result.status).toBe(200);
      expect(result.data.entries.length).toBeLessThanOrEqual(AUDIT_PAGE_SIZE);
      seen.push(...result.data.entries.map((e) => ({ id: e.id, at: e.at })));
      if (!result.data.nextCursor) break;
      query = `?${new URLSearchParams({ cursor: result.data.nextCursor })}`;
    }
    expect(written.length).toBeGreaterThanOrEqual(120);
    expect(seen.map((e) => e.id).sort()).toEqual([...written].sort());
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    const times = seen.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('keeps the kind filter while paging', async () => {
    const first = await page('?entity=attendance');
    const second = await page(`?${new URLSearchParams({ entity: 'attendance', cursor: first.data.nextCursor! })}`);
    const third = await page(`?${new URLSearchParams({ entity: 'attendance', cursor: second.data.nextCursor! })}`);
    expect(first.data.entries.length + second.data.entries.length + third.data.entries.length).toBe(120);
    expect(third.data.nextCursor).toBeNull();
  });

  it.each([
    ['garbage', 'garbage'],
    ['a date without an id', '2026-03-02T02:00:00.000Z'],
    ['an impossible date', '2026-13-45T99:00:00.000Z_abc'],
    ['quotes in the id', "2026-03-02T02:00:00.000Z_a' or '1'='1"],
    ['the old ?before= form', '2026-03-02T02:00:00.000Z&before=x'],
  ])('answers a bad cursor (%s) with the first page, not a 500', async (_name, cursor) => {
    const first = await page();
    const result = await page(`?${new URLSearchParams({ cursor })}`);
    expect(result.status).toBe(200);
    expect(result.data.entries.map((e) => e.id)).toEqual(first.data.entries.map((e) => e.id));
  });
});
