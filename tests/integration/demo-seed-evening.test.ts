// Seeded after closing, the demo's today is a day that is over: everyone collected within opening
// hours (a child still "here" at 19:30 would be a late pickup), the staff's shifts closed.
import { DateTime } from 'luxon';
import { beforeAll, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { DEMO_PARENT_CHILDREN, seedDemo } from '~db/seed/demo';
import { dayDataColumn } from '~/modules/day/day';

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

it('after closing, today’s log is written to the end: every nap over, every entry before the child went home', async () => {
  const entries = await getDb()
    .selectFrom('day_entries')
    .innerJoin('attendance', (join) =>
      join.onRef('attendance.child_id', '=', 'day_entries.child_id').onRef('attendance.date', '=', 'day_entries.date'),
    )
    .select(['day_entries.kind', 'day_entries.data', 'day_entries.at', 'attendance.check_out_at'])
    .where('day_entries.date', '=', TODAY)
    .execute();
  expect(entries.length).toBeGreaterThan(100);
  expect(entries.filter((e) => e.kind === 'snack').length).toBeGreaterThan(15);
  for (const e of entries) {
    expect(e.check_out_at).not.toBeNull();
    expect(e.at < e.check_out_at!).toBe(true);
    const value = dayDataColumn.parse(e.kind, e.data);
    if (value.kind === 'nap') expect(value.data.end !== null && value.data.end < e.check_out_at!).toBe(true);
  }
});
