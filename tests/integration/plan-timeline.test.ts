import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeChild, makeClassroom } from '~db/seed/factories';
import { checkIn } from '~/modules/attendance/attendance.server';
import { loadCenter } from '~/modules/centers/context.server';
import { dayTimeline, guardianTimelines } from '~/modules/day/day.server';
import type { TimelineItem } from '~/modules/day/day';
import { describeItem } from '~/modules/day/describe';
import { createI18n } from '~/i18n/catalogs.server';
import { markDelivery } from '~/modules/plans/delivery.server';
import { saveWeek } from '~/modules/plans/plans.server';
import { weekStartOf } from '~/modules/plans/plans';
import { localDate, WEEKDAYS, weekdayOf } from '~/modules/time/time';
import { loader as familyDay } from '~/routes/family.children.$childId.day';
import { twoCenters } from '../support/fixtures';
import { callLoader, sessionCookie } from '../support/remix';

// Planned activities marked done appear in the timelines of the room's children who were here.
let w: Awaited<ReturnType<typeof twoCenters>>;
let today: string;
let core: string;
let outdoor: string;
let absent: string;
let otherRoomChild: string;
let titles: Record<string, string>;

const planItems = (items: TimelineItem[]) => items.filter((i) => i.type === 'planActivity');
const timeline = async (childId: string) =>
  dayTimeline({ center: (await loadCenter(w.center.id))!, childId, date: today });
const mark = (blockId: string, status: 'done' | 'skipped', note = '') =>
  markDelivery({
    centerId: w.center.id,
    classroomId: w.classroom.id,
    today,
    date: today,
    blockId,
    status,
    note,
    actorId: w.teacher.id,
  });

beforeAll(async () => {
  w = await twoCenters();
  const db = getDb();
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
    .select('id')
    .where('classroom_id', '=', w.classroom.id)
    .orderBy('position')
    .execute();
  core = blocks[2].id;
  outdoor = blocks[4].id;
  titles = Object.fromEntries(
    (
      await db
        .selectFrom('activity_texts')
        .select(['language', 'title'])
        .where('activity_id', '=', 'lib-pretend-kitchen')
        .execute()
    ).map((r) => [r.language, r.title]),
  );
  absent = (await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Bima Sakti' })).id;
  const room = await makeClassroom(db, { centerId: w.center.id, name: 'Kelas Bintang' });
  otherRoomChild = (await makeChild(db, { centerId: w.center.id, classroomId: room.id, fullName: 'Raka Bintang' })).id;
  await checkIn({ centerId: w.center.id, childId: w.child.id, actorId: w.caregiver.id });
  await checkIn({ centerId: w.center.id, childId: otherRoomChild, actorId: w.caregiver.id });
});

describe('done activities in the day timeline', () => {
  it('nothing before anything is marked, and a skipped activity never shows', async () => {
    expect(planItems(await timeline(w.child.id))).toEqual([]);
    expect((await mark(core, 'skipped')).ok).toBe(true);
    expect(planItems(await timeline(w.child.id))).toEqual([]);
  });

  it('a done activity shows for a present child of the room, in the reader language, with the note', async () => {
    expect(titles.id && titles.en).toBeTruthy();
    expect(await mark(core, 'done', 'Semua ikut memasak')).toEqual({ ok: true });
    expect(await mark(outdoor, 'done')).toEqual({ ok: true });
    const items = planItems(await timeline(w.child.id));
    expect(items).toHaveLength(2);
    const kitchen = items.find((i) => i.type === 'planActivity' && i.titles.id)!;
    for (const lng of ['id', 'en'] as const) {
      const { t } = createI18n(lng);
      const { detail } = describeItem(kitchen, t, lng, 'Asia/Jakarta');
      expect(detail).toBe(`${titles[lng]} · Semua ikut memasak`);
    }
    const walk = items.find((i) => i !== kitchen)!;
    expect(describeItem(walk, createI18n('en').t, 'en', 'Asia/Jakarta').detail).toBe('Jalan ke taman');
    // The family home, and the child's day page for the parent.
    expect(planItems((await guardianTimelines({ userId: w.parent.id }))[w.child.id])).toHaveLength(2);
    const page = await callLoader(familyDay, {
      path: `/family/children/${w.child.id}/day`,
      params: { childId: w.child.id },
      cookie: await sessionCookie(w.parent.id),
    });
    expect(page.status).toBe(200);
    expect(planItems((page.data as { items: TimelineItem[] }).items)).toHaveLength(2);
  });

  it('not for an absent child of the room, nor a child of another room, nor another center', async () => {
    expect(planItems(await timeline(absent))).toEqual([]);
    expect(planItems(await timeline(otherRoomChild))).toEqual([]);
    const other = (await loadCenter(w.other.id))!;
    expect(planItems(await dayTimeline({ center: other, childId: w.child.id, date: today }))).toEqual([]);
  });

  it('marking done announces the day to the room families', async () => {
    const events = await getDb()
      .selectFrom('live_events')
      .selectAll()
      .where('topic', '=', `families-room:${w.classroom.id}`)
      .where('type', '=', 'day')
      .execute();
    expect(events.length).toBeGreaterThan(0);
  });
});
