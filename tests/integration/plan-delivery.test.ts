import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeChild, makeClassroom } from '~db/seed/factories';
import { checkIn } from '~/modules/attendance/attendance.server';
import { loadCenter } from '~/modules/centers/context.server';
import { saveWeek } from '~/modules/plans/plans.server';
import { addWeeks, weekStartOf } from '~/modules/plans/plans';
import { localDate, WEEKDAYS, weekdayOf } from '~/modules/time/time';
import { action, loader } from '~/routes/c.$centerId.plans.$classroomId_.today';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

// Today's column of a room's plan: marking activities done or skipped, and observations from a done one.
let w: Awaited<ReturnType<typeof twoCenters>>;
const cookies: Record<string, string> = {};
let today: string;
let core: string;
let outdoor: string;
let theirRoom: string;
let theirBlock: string;
const children: string[] = [];
let otherRoomChild: string;
const ITEMS = ['cdc-30m-cg-1', 'cdc-24m-cg-3', 'cdc-48m-se-1', 'cdc-30m-lc-2'];

const url = (classroomId = w.classroom.id, centerId = w.center.id) => ({
  path: `/c/${centerId}/plans/${classroomId}/today`,
  params: { centerId, classroomId },
});
const post = (form: Record<string, string | string[]>, cookie = cookies.teacher, at = url()) =>
  callAction(action, { ...at, cookie, form });
const load = async (cookie = cookies.teacher) => {
  const result = await callLoader(loader, { ...url(), cookie });
  expect(result.status).toBe(200);
  return result.data as Exclude<typeof result.data, Response>;
};
const observations = () =>
  getDb()
    .selectFrom('milestone_observations')
    .select(['child_id', 'item_id', 'status', 'observed_on'])
    .where('center_id', '=', w.center.id)
    .execute()
    .then((rows) => rows.map((r) => JSON.stringify(r)).sort());
const deliveries = () =>
  getDb().selectFrom('plan_deliveries').select(['center_id', 'block_id', 'status', 'note']).execute();
const audits = () =>
  getDb()
    .selectFrom('audit_log')
    .select(['entity', 'changes'])
    .where('entity', '=', 'weekly_plan')
    .execute()
    .catch(() => []);

beforeAll(async () => {
  w = await twoCenters();
  for (const who of ['teacher', 'caregiver', 'otherCoordinator'] as const)
    cookies[who] = await sessionCookie(w[who].id);
  const db = getDb();
  // Open every day, so that today has a column whatever day the tests run on.
  const allDays = JSON.stringify(Object.fromEntries(WEEKDAYS.map((d) => [d, ['00:00', '23:59']])));
  await db.updateTable('centers').set({ opening_hours: allDays }).execute();
  today = localDate('Asia/Jakarta');
  const center = (await loadCenter(w.center.id))!;
  const saved = await saveWeek({
    center,
    classroomId: w.classroom.id,
    weekStart: weekStartOf(today),
    actorId: w.teacher.id,
    lang: 'id',
    theme: 'Diriku',
    cells: [
      { day: weekdayOf(today), blockKey: 'default-2', activityId: 'lib-pretend-kitchen', note: '' },
      { day: weekdayOf(today), blockKey: 'default-4', activityId: null, note: 'Jalan ke taman' },
    ],
  });
  expect(saved.ok).toBe(true);
  const blocks = await db
    .selectFrom('room_time_blocks')
    .select(['id', 'position'])
    .where('classroom_id', '=', w.classroom.id)
    .orderBy('position')
    .execute();
  core = blocks[2].id;
  outdoor = blocks[4].id;
  children.push(w.child.id);
  for (const name of ['Bima Sakti', 'Citra Dewi', 'Dodi Pratama'])
    children.push((await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: name })).id);
  await checkIn({ centerId: w.center.id, childId: children[0], actorId: w.caregiver.id });
  await checkIn({ centerId: w.center.id, childId: children[1], actorId: w.caregiver.id });
  const room = await makeClassroom(db, { centerId: w.center.id, name: 'Kelas Bintang' });
  otherRoomChild = (await makeChild(db, { centerId: w.center.id, classroomId: room.id, fullName: 'Raka Bintang' })).id;
  // The other center's plan for today, with a cell.
  const other = (await loadCenter(w.other.id))!;
  theirRoom = (
    await db.selectFrom('classrooms').select('id').where('center_id', '=', w.other.id).executeTakeFirstOrThrow()
  ).id;
  expect(
    (
      await saveWeek({
        center: other,
        classroomId: theirRoom,
        weekStart: weekStartOf(today),
        actorId: w.otherCoordinator.id,
        lang: 'id',
        theme: 'Mereka',
        cells: [{ day: weekdayOf(today), blockKey: 'default-2', activityId: 'lib-pretend-kitchen', note: '' }],
      })
    ).ok,
  ).toBe(true);
  theirBlock = (
    await db
      .selectFrom('room_time_blocks')
      .select('id')
      .where('classroom_id', '=', theirRoom)
      .orderBy('position')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow()
  ).id;
});

describe('today’s column of the plan', () => {
  it('lists today’s planned activities, the activity’s items, and the room’s children with those present', async () => {
    const d = await load();
    expect(d.cells.map((c) => [c.blockId, c.activityId, c.note, c.status])).toEqual([
      [core, 'lib-pretend-kitchen', '', null],
      [outdoor, null, 'Jalan ke taman', null],
    ]);
    expect(d.cells[0].title).toBe('Main masak-masakan');
    expect(d.cells[0].items.map((i) => i.id).sort()).toEqual([...ITEMS].sort());
    expect(d.children.map((c) => c.id).sort()).toEqual([...children].sort());
    expect(
      d.children
        .filter((c) => c.present)
        .map((c) => c.id)
        .sort(),
    ).toEqual(children.slice(0, 2).sort());
  });

  it('a caregiver reads but cannot mark', async () => {
    expect((await load(cookies.caregiver)).mayRecord).toBe(false);
    const result = await post({ intent: 'done', date: today, block: core, note: '' }, cookies.caregiver);
    expect(result.status).toBe(403);
    expect(await deliveries()).toEqual([]);
  });

  it('marks an activity done, then skipped with a note, audited each time', async () => {
    const before = (await audits()).length;
    expectRedirect(
      await post({ intent: 'done', date: today, block: core, note: '' }),
      `/c/${w.center.id}/plans/${w.classroom.id}/today`,
    );
    expectRedirect(
      await post({ intent: 'skipped', date: today, block: outdoor, note: 'Hujan deras' }),
      `/c/${w.center.id}/plans/${w.classroom.id}/today`,
    );
    const d = await load();
    expect(d.cells.map((c) => [c.status, c.deliveryNote])).toEqual([
      ['done', ''],
      ['skipped', 'Hujan deras'],
    ]);
    const log = await audits();
    expect(log.length).toBe(before + 2);
    expect(log.filter((l) => String(l.changes).includes(`${outdoor}: skipped · Hujan deras`))).toHaveLength(1);
    expect(log.filter((l) => String(l.changes).includes(`${core}: done`))).toHaveLength(1);
  });

  it('refuses a day other than today, a block of another center, and a too-long note, nothing changed', async () => {
    const before = await deliveries();
    const otherDay = addWeeks(today, -1);
    const stale = await post({ intent: 'done', date: otherDay, block: outdoor, note: '' });
    expect(stale.status).toBe(400);
    expect(stale.data).toMatchObject({ errors: { form: 'errors.plans_notToday' }, values: { date: otherDay } });
    expect((await post({ intent: 'done', date: today, block: theirBlock, note: '' })).status).toBe(404);
    const long = await post({ intent: 'done', date: today, block: outdoor, note: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(await deliveries()).toEqual(before);
  });

  it('another center’s coordinator gets 404 on this room, and this teacher on theirs', async () => {
    const before = await deliveries();
    expect((await callLoader(loader, { ...url(), cookie: cookies.otherCoordinator })).status).toBe(404);
    expect((await post({ intent: 'done', date: today, block: core, note: '' }, cookies.otherCoordinator)).status).toBe(
      404,
    );
    expect(
      (
        await post(
          { intent: 'done', date: today, block: theirBlock, note: '' },
          cookies.teacher,
          url(theirRoom, w.other.id),
        )
      ).status,
    ).toBe(404);
    expect(await deliveries()).toEqual(before);
  });
});

describe('observations from a done activity', () => {
  const observe = (form: Record<string, string | string[]>) =>
    post({ intent: 'observe', date: today, block: core, ...form });

  it('writes the answers for the chosen children and items only, one per child, item and day', async () => {
    const [a, b, c] = children;
    for (const [child, item, status] of [
      [a, ITEMS[0], 'yes'],
      [b, ITEMS[0], 'not_yet'],
      [c, ITEMS[1], 'yes'],
      [a, ITEMS[0], 'not_yet'], // a corrected tap replaces the first
    ]) {
      const result = await observe({ child, item, [`status:${child}:${item}`]: status });
      expect(result.status).toBe(200);
      expect(result.data).toEqual({ saved: true });
    }
    expect(await observations()).toEqual(
      [
        { child_id: a, item_id: ITEMS[0], status: 'not_yet', observed_on: today },
        { child_id: b, item_id: ITEMS[0], status: 'not_yet', observed_on: today },
        { child_id: c, item_id: ITEMS[1], status: 'yes', observed_on: today },
      ]
        .map((r) => JSON.stringify(r))
        .sort(),
    );
    expect((await load()).answers[`${c}:${ITEMS[1]}`]).toBe('yes');
  });

  it('refuses a child not in the room, no children, an item the activity does not support, nothing written', async () => {
    const before = await observations();
    const notInRoom = await observe({
      child: otherRoomChild,
      item: ITEMS[0],
      [`status:${otherRoomChild}:${ITEMS[0]}`]: 'yes',
    });
    expect(notInRoom.status).toBe(400);
    expect(notInRoom.data).toMatchObject({ errors: { form: 'errors.plans_childNotInRoom' } });
    const theirChild = await observe({ child: w.otherChild.id, item: ITEMS[0] });
    expect(theirChild.data).toMatchObject({ errors: { form: 'errors.plans_childNotInRoom' } });
    const none = await observe({ item: ITEMS[0] });
    expect(none.status).toBe(400);
    expect(none.data).toMatchObject({ errors: { form: 'errors.plans_noChildren' } });
    const item = await observe({
      child: children[0],
      item: 'cdc-12m-lc-1',
      [`status:${children[0]}:cdc-12m-lc-1`]: 'yes',
    });
    expect(item.data).toMatchObject({ errors: { form: 'errors.plans_unknownItem' } });
    expect((await observe({ child: children[0], date: addWeeks(today, 1), item: ITEMS[0] })).data).toMatchObject({
      errors: { form: 'errors.plans_notToday' },
    });
    expect(await observations()).toEqual(before);
  });

  it('refuses observations from an activity not marked done, or from free text', async () => {
    const before = await observations();
    await post({ intent: 'skipped', date: today, block: core, note: '' });
    const notDone = await observe({ child: children[0], item: ITEMS[0], [`status:${children[0]}:${ITEMS[0]}`]: 'yes' });
    expect(notDone.data).toMatchObject({ errors: { form: 'errors.plans_notDone' } });
    const free = await post({ intent: 'observe', date: today, block: outdoor, child: children[0], item: ITEMS[0] });
    expect(free.data).toMatchObject({ errors: { form: 'errors.plans_noActivity' } });
    expect(await observations()).toEqual(before);
    await post({ intent: 'done', date: today, block: core, note: '' });
  });
});
