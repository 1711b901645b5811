// Seeded after closing, the demo's today is a day that is over: everyone collected within opening
// hours (a child still "here" at 19:30 would be a late pickup), the staff's shifts closed.
import { DateTime } from 'luxon';
import { beforeAll, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { DEMO_PARENT_CHILDREN, seedDemo } from '~db/seed/demo';

const now = DateTime.now().setZone('Asia/Jakarta');
const SEEDED_AT = now.minus({ days: (now.weekday - 2 + 7) % 7 || 7 }).set({ hour: 19, minute: 30, second: 0 });
const TODAY = SEEDED_AT.toISODate()!;

beforeAll(async () => {
  expect(await seedDemo(getDb(), SEEDED_AT)).toBe(true);
}, 60_000);

it('after closing, today is over: everyone went home before closing and no one is still on shift', async () => {
  const today = await getDb()
    .selectFrom('attendance')
    .select(['child_id', 'status', 'check_out_at'])
    .where('date', '=', TODAY)
    .execute();
  expect(today.filter((r) => r.status === 'checked_out').length).toBeGreaterThan(15);
  expect(today.filter((r) => r.status === 'present')).toEqual([]);
  const closing = DateTime.fromISO(`${TODAY}T17:00`, { zone: 'Asia/Jakarta' }).toUTC().toISO()!;
  expect(today.every((r) => r.check_out_at === null || r.check_out_at <= closing)).toBe(true);
  expect(today.filter((r) => DEMO_PARENT_CHILDREN.includes(r.child_id))).toEqual([]);
  const shifts = await getDb().selectFrom('staff_shifts').select(['date', 'clock_out_at']).execute();
  expect(shifts.length).toBeGreaterThan(0);
  expect(shifts.every((s) => s.date === TODAY && s.clock_out_at !== null)).toBe(true);
});
