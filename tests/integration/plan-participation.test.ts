import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { makeChild, makeClassroom, makeUser } from '~db/seed/factories';
import { loadCenter } from '~/modules/centers/context.server';
import { recordObservations } from '~/modules/development/development.server';
import { dayTimeline } from '~/modules/day/day.server';
import { monthOf } from '~/modules/plans/coverage';
import { roomMonthCoverage } from '~/modules/plans/coverage.server';
import { markDelivery } from '~/modules/plans/delivery.server';
import { addWeeks, weekStartOf } from '~/modules/plans/plans';
import { saveWeek } from '~/modules/plans/plans.server';
import { localDate, WEEKDAYS, weekdayOf, type Weekday } from '~/modules/time/time';
import { loader as coverageLoader } from '~/routes/c.$centerId.plans.$classroomId_.coverage';
import { action as weekAction, loader as weekLoader } from '~/routes/c.$centerId.plans.$classroomId';
import { action as todayAction, loader as todayLoader } from '~/routes/c.$centerId.plans.$classroomId_.today';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

// Children's participation (cells the children chose, their own words on a done activity) and the
// monthly coverage of a room, on a known fixture.
let w: Awaited<ReturnType<typeof twoCenters>>;
const cookies: Record<string, string> = {};
let today: string;
let thisWeek: string;
let blocks: string[];
let classmate: string;
let otherRoomChild: string;
let otherRoom: string;
let theirRoom: string;

const at = (path: string, classroomId = w.classroom.id, centerId = w.center.id) => ({
  path: `/c/${centerId}/plans/${classroomId}${path}`,
  params: { centerId, classroomId },
});
const ok = <T>(result: { status: number; data: T }) => {
  expect(result.status).toBe(200);
  return result.data as Exclude<T, Response>;
};
const wordsRows = () =>
  getDb()
    .selectFrom('plan_child_words as w')
    .leftJoin('plan_child_word_children as n', 'n.word_id', 'w.id')
    .select(['w.text', 'n.child_id'])
    .where('w.center_id', '=', w.center.id)
    .execute();

beforeAll(async () => {
  w = await twoCenters();
  const db = getDb();
  const theirTeacher = await makeUser(db, {
    email: 'guru.lain@example.test',
    name: 'Guru Lain',
    memberships: [{ centerId: w.other.id, role: 'teacher' }],
  });
  for (const who of ['teacher', 'coordinator', 'caregiver', 'parent'] as const)
    cookies[who] = await sessionCookie(w[who].id);
  cookies.theirTeacher = await sessionCookie(theirTeacher.id);
  // Open every day, so that today has a column whatever day the tests run on.
  const allDays = JSON.stringify(Object.fromEntries(WEEKDAYS.map((d) => [d, ['00:00', '23:59']])));
  await db.updateTable('centers').set({ opening_hours: allDays }).execute();
  today = localDate('Asia/Jakarta');
  thisWeek = weekStartOf(today);
  classmate = (await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Citra Dewi' })).id;
  otherRoom = (await makeClassroom(db, { centerId: w.center.id, name: 'Kelas Bintang' })).id;
  otherRoomChild = (await makeChild(db, { centerId: w.center.id, classroomId: otherRoom, fullName: 'Raka Bintang' }))
    .id;
  theirRoom = (
    await db.selectFrom('classrooms').select('id').where('center_id', '=', w.other.id).executeTakeFirstOrThrow()
  ).id;
});

describe('the children’s choice on a plan cell', () => {
  it('is saved with the week, shown on the grid, audited, and copied with the week', async () => {
    const day = weekdayOf(today);
    const result = await callAction(weekAction, {
      ...at(`?week=${thisWeek}`),
      cookie: cookies.teacher,
      form: {
        intent: 'save',
        week: thisWeek,
        theme: 'Air',
        [`activity:${day}:default-2`]: 'lib-water-pour',
        [`choice:${day}:default-2`]: 'on',
        [`activity:${day}:default-3`]: 'lib-pretend-kitchen',
        [`note:mon:default-4`]: 'Main di taman',
        [`choice:mon:default-4`]: 'on',
      },
    });
    expectRedirect(result, /week=/);
    const week = ok(await callLoader(weekLoader, { ...at(`?week=${thisWeek}`), cookie: cookies.teacher }));
    blocks = week.blocks.map((b) => b.id!);
    const marks = (cells: typeof week.cells) =>
      cells
        .map((c) => `${c.weekday} ${blocks.indexOf(c.block_id)} ${c.activity_id ?? c.note} ${c.children_choice}`)
        .sort();
    expect(marks(week.cells)).toEqual(
      [`${day} 2 lib-water-pour 1`, `${day} 3 lib-pretend-kitchen 0`, 'mon 4 Main di taman 1'].sort(),
    );
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('changes')
      .where('entity', '=', 'weekly_plan')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.changes).toContain('lib-water-pour · children_choice');

    const next = addWeeks(thisWeek, 1);
    expectRedirect(
      await callAction(weekAction, {
        ...at(`?week=${next}`),
        cookie: cookies.teacher,
        form: { intent: 'copy', week: next, from: thisWeek },
      }),
      /week=/,
    );
    const copied = ok(await callLoader(weekLoader, { ...at(`?week=${next}`), cookie: cookies.teacher }));
    expect(marks(copied.cells)).toEqual(marks(week.cells));
  });

  it('is shown to the room’s families once the week is published', async () => {
    expectRedirect(
      await callAction(weekAction, {
        ...at(`?week=${thisWeek}`),
        cookie: cookies.teacher,
        form: { intent: 'publish', week: thisWeek },
      }),
      /week=/,
    );
    const { familyPlans } = await import('~/modules/plans/plans.server');
    const [plan] = await familyPlans({ userId: w.parent.id, lang: 'id' });
    const chosen = plan.cells.filter((c) => c.childrenChoice).map((c) => c.title ?? c.note);
    expect(chosen.sort()).toEqual(['Main di taman', 'Menuang air'].sort());
  });

  it('refuses another center’s teacher (404) and nothing changes', async () => {
    const before = await getDb().selectFrom('weekly_plan_cells').select(['block_id', 'children_choice']).execute();
    const result = await callAction(weekAction, {
      ...at(`?week=${thisWeek}`),
      cookie: cookies.theirTeacher,
      form: { intent: 'save', week: thisWeek, theme: 'X', [`choice:mon:${blocks[0]}`]: 'on' },
    });
    expect(result.status).toBe(404);
    expect(await getDb().selectFrom('weekly_plan_cells').select(['block_id', 'children_choice']).execute()).toEqual(
      before,
    );
  });
});

describe('the children’s words on a done activity', () => {
  const post = (form: Record<string, string | string[]>, cookie = cookies.teacher, where = at('/today')) =>
    callAction(todayAction, { ...where, cookie, form });

  it('are refused before the activity is marked done', async () => {
    const result = await post({ intent: 'words', date: today, block: blocks[2], text: 'Airnya dingin!' });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ errors: { form: 'errors.plans_notDone' } });
    expect(await wordsRows()).toEqual([]);
  });

  it('are recorded, naming children of the room, audited, and shown on today’s card', async () => {
    const marked = await markDelivery({
      centerId: w.center.id,
      classroomId: w.classroom.id,
      today,
      date: today,
      blockId: blocks[2],
      status: 'done',
      note: '',
      actorId: w.teacher.id,
    });
    expect(marked.ok).toBe(true);
    expectRedirect(
      await post({
        intent: 'words',
        date: today,
        block: blocks[2],
        text: '  Airnya jatuh seperti hujan!  ',
        named: [w.child.id, classmate],
      }),
      /today/,
    );
    expectRedirect(await post({ intent: 'words', date: today, block: blocks[2], text: 'Lagi, lagi!' }), /today/);
    expect((await wordsRows()).map((r) => `${r.text} ${r.child_id}`).sort()).toEqual(
      [
        `Airnya jatuh seperti hujan! ${w.child.id}`,
        `Airnya jatuh seperti hujan! ${classmate}`,
        'Lagi, lagi! null',
      ].sort(),
    );
    const day = ok(await callLoader(todayLoader, { ...at('/today'), cookie: cookies.teacher }));
    const card = day.cells.find((c) => c.blockId === blocks[2])!;
    expect(card.childrenChoice).toBe(true);
    expect(card.words.map((x) => [x.text, x.children.map((c) => c.name).sort()])).toEqual([
      ['Airnya jatuh seperti hujan!', ['Citra Dewi', 'Putri Lestari']],
      ['Lagi, lagi!', []],
    ]);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('changes')
      .where('entity', '=', 'weekly_plan')
      .where('actor_id', '=', w.teacher.id)
      .execute();
    expect(audit.some((a) => a.changes.includes('Airnya jatuh seperti hujan!'))).toBe(true);
  });

  it('show in the day of the children they name, and of no other child', async () => {
    const center = (await loadCenter(w.center.id))!;
    const wordsOf = async (childId: string) =>
      (await dayTimeline({ center, childId, date: today })).flatMap((i) => (i.type === 'childWords' ? [i.text] : []));
    expect(await wordsOf(w.child.id)).toEqual(['Airnya jatuh seperti hujan!']);
    expect(await wordsOf(classmate)).toEqual(['Airnya jatuh seperti hujan!']);
    expect(await wordsOf(otherRoomChild)).toEqual([]);
  });

  it('refuses naming a child of another room or center, keeping what was typed, and writes nothing', async () => {
    const before = await wordsRows();
    for (const stranger of [otherRoomChild, w.otherChild.id]) {
      const result = await post({
        intent: 'words',
        date: today,
        block: blocks[2],
        text: 'Kata Raka',
        named: [w.child.id, stranger],
      });
      expect(result.status).toBe(400);
      expect(result.data).toMatchObject({
        errors: { named: 'errors.plans_wordsChildNotInRoom' },
        values: { text: 'Kata Raka', named: [w.child.id, stranger], block: blocks[2] },
      });
    }
    expect(await wordsRows()).toEqual(before);
  });

  it('refuses empty or too long words, another day’s page, a caregiver, and another center', async () => {
    const before = await wordsRows();
    const empty = await post({ intent: 'words', date: today, block: blocks[2], text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.data).toMatchObject({ errors: { text: 'errors.required' } });
    const long = await post({ intent: 'words', date: today, block: blocks[2], text: 'a'.repeat(301) });
    expect(long.status).toBe(400);
    expect(long.data).toMatchObject({ errors: { text: 'errors.tooLong?max=300' }, values: { text: 'a'.repeat(301) } });
    const yesterday = DateTime.fromISO(today).minus({ days: 1 }).toISODate()!;
    const stale = await post({ intent: 'words', date: yesterday, block: blocks[2], text: 'Kemarin' });
    expect(stale.data).toMatchObject({ errors: { form: 'errors.plans_notToday' } });
    expect((await post({ intent: 'words', date: today, block: blocks[2], text: 'x' }, cookies.caregiver)).status).toBe(
      403,
    );
    expect(
      (await post({ intent: 'words', date: today, block: blocks[2], text: 'x' }, cookies.theirTeacher)).status,
    ).toBe(404);
    // This center's teacher on the other center's room: not found.
    expect(
      (
        await post(
          { intent: 'words', date: today, block: blocks[2], text: 'x' },
          cookies.teacher,
          at('/today', theirRoom),
        )
      ).status,
    ).toBe(404);
    expect(await wordsRows()).toEqual(before);
  });
});

describe('monthly coverage', () => {
  // Last month, built by hand: two weeks with a day in it, and the week of this month's first day.
  let month: string;
  let first: string;

  const deliver = async (
    planId: string,
    day: Weekday,
    block: string,
    activityId: string | null,
    status: 'done' | 'skipped' = 'done',
  ) =>
    getDb()
      .insertInto('plan_deliveries')
      .values({
        id: newId(),
        center_id: w.center.id,
        plan_id: planId,
        block_id: block,
        weekday: day,
        activity_id: activityId,
        status,
        note: '',
        recorded_by: w.teacher.id,
        updated_at: nowIso(),
      })
      .execute();
  const words = async (planId: string, day: Weekday, block: string, text: string, childIds: string[] = []) => {
    const id = newId();
    await getDb()
      .insertInto('plan_child_words')
      .values({
        id,
        center_id: w.center.id,
        plan_id: planId,
        block_id: block,
        weekday: day,
        text,
        recorded_by: w.teacher.id,
        created_at: nowIso(),
      })
      .execute();
    for (const childId of childIds)
      await getDb()
        .insertInto('plan_child_word_children')
        .values({ word_id: id, child_id: childId, center_id: w.center.id })
        .execute();
  };
  const week = async (
    weekStart: string,
    cells: { day: Weekday; block: number; activity: string | null; note?: string; choice?: boolean }[],
  ) => {
    const saved = await saveWeek({
      center: (await loadCenter(w.center.id))!,
      classroomId: w.classroom.id,
      weekStart,
      actorId: w.teacher.id,
      lang: 'id',
      theme: '',
      cells: cells.map((c) => ({
        day: c.day,
        blockKey: blocks[c.block],
        activityId: c.activity,
        note: c.note ?? '',
        childrenChoice: c.choice ?? false,
      })),
    });
    if (!saved.ok) throw new Error(saved.error);
    return saved.planId;
  };

  beforeAll(async () => {
    month = monthOf(DateTime.fromISO(today).minus({ months: 1 }).toISODate()!);
    first = `${month}-01`;
    const firstDay = weekdayOf(first);
    const nextFirst = DateTime.fromISO(first).plus({ months: 1 }).toISODate()!;
    // The week of the 1st (it may begin in the month before): the pretend kitchen on the 1st, the children's choice.
    const p1 = await week(weekStartOf(first), [
      { day: firstDay, block: 2, activity: 'lib-pretend-kitchen', choice: true },
    ]);
    await deliver(p1, firstDay, blocks[2], 'lib-pretend-kitchen');
    await words(p1, firstDay, blocks[2], 'Aku masak nasi goreng');
    // The next week, wholly in the month.
    const p2 = await week(addWeeks(weekStartOf(first), 1), [
      { day: 'mon', block: 2, activity: 'lib-pretend-kitchen' },
      { day: 'tue', block: 2, activity: 'lib-ball-kick', choice: true },
      { day: 'wed', block: 2, activity: 'lib-colour-sort' },
      { day: 'thu', block: 4, activity: null, note: 'Jalan ke taman', choice: true },
    ]);
    await deliver(p2, 'mon', blocks[2], 'lib-pretend-kitchen');
    await deliver(p2, 'tue', blocks[2], 'lib-ball-kick');
    await deliver(p2, 'wed', blocks[2], 'lib-colour-sort', 'skipped');
    await deliver(p2, 'thu', blocks[4], null);
    await words(p2, 'tue', blocks[2], 'Bolanya terbang!', [w.child.id]);
    // The 1st of the next month is not this month's, even when its week began in it.
    const nextDay = weekdayOf(nextFirst);
    const p3 =
      weekStartOf(nextFirst) === thisWeek
        ? (
            await getDb()
              .selectFrom('weekly_plans')
              .select('id')
              .where('classroom_id', '=', w.classroom.id)
              .where('week_start', '=', thisWeek)
              .executeTakeFirstOrThrow()
          ).id
        : await week(weekStartOf(nextFirst), [{ day: nextDay, block: 1, activity: 'lib-colour-sort' }]);
    await deliver(p3, nextDay, blocks[1], 'lib-colour-sort');
    await words(p3, nextDay, blocks[1], 'Merah!', [w.child.id]);
    // Another room of the center did things last month too: not this room's.
    const theirs = await saveWeek({
      center: (await loadCenter(w.center.id))!,
      classroomId: otherRoom,
      weekStart: addWeeks(weekStartOf(first), 1),
      actorId: w.teacher.id,
      lang: 'id',
      theme: '',
      cells: [{ day: 'mon', blockKey: 'default-2', activityId: 'lib-colour-sort', note: '' }],
    });
    if (!theirs.ok) throw new Error(theirs.error);
    const theirBlock = (
      await getDb()
        .selectFrom('room_time_blocks')
        .select('id')
        .where('classroom_id', '=', otherRoom)
        .orderBy('position')
        .offset(2)
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;
    await deliver(theirs.planId, 'mon', theirBlock, 'lib-colour-sort');
    // "Not yet": Putri on a colour-sort item (done only outside the month) and a pretend-kitchen one
    // (supported); Citra's "not yet" was later a "yes".
    const observe = (childId: string, itemId: string, status: 'yes' | 'not_yet', observedOn: string) =>
      recordObservations({
        centerId: w.center.id,
        actorId: w.teacher.id,
        observedOn,
        entries: [{ childId, itemId, status, note: null }],
      });
    await observe(w.child.id, 'cdc-30m-cg-4', 'not_yet', first);
    await observe(w.child.id, 'cdc-30m-cg-1', 'not_yet', first);
    await observe(classmate, 'cdc-30m-lc-2', 'not_yet', first);
    await observe(classmate, 'cdc-30m-lc-2', 'yes', today);
  });

  it('counts what the month’s done activities touched, the most used, the gaps and the children’s participation', async () => {
    const report = (await roomMonthCoverage({
      center: (await loadCenter(w.center.id))!,
      classroomId: w.classroom.id,
      month,
      lang: 'id',
    }))!;
    expect(report.done).toBe(4);
    expect(report.elements).toEqual({ agama_budi_pekerti: 0, jati_diri: 3, literasi_steam: 2 });
    expect(report.domains).toEqual({ social_emotional: 3, language: 2, cognitive: 2, movement: 1 });
    expect(report.mostUsed).toEqual([
      { activityId: 'lib-pretend-kitchen', title: 'Main masak-masakan', count: 2 },
      { activityId: 'lib-ball-kick', title: 'Tendang bola ke gawang', count: 1 },
    ]);
    expect(report.gaps).toEqual({ elements: ['agama_budi_pekerti'], domains: [] });
    expect(report.unsupported.map((u) => [u.child.id, u.items.map((i) => i.id)])).toEqual([
      [w.child.id, ['cdc-30m-cg-4']],
    ]);
    expect(report.childrenChoice).toBe(3);
    expect(report.words).toBe(2);
    expect(report.wordEntries.map((e) => [e.text, e.children])).toEqual([
      ['Aku masak nasi goreng', []],
      ['Bolanya terbang!', ['Putri Lestari']],
    ]);
  });

  it('is a page for the room’s teachers and coordinators, with the month named and an empty state', async () => {
    const page = (query: string, cookie = cookies.teacher, classroomId = w.classroom.id) =>
      callLoader(coverageLoader, { ...at(`/coverage${query}`, classroomId), cookie });
    const d = ok(await page(`?month=${month}`));
    expect(d).toMatchObject({ month, monthError: null, centerName: 'TAS Mawar', printedBy: 'Guru' });
    expect(d.report?.done).toBe(4);
    expect(ok(await page(`?month=${month}`, cookies.coordinator)).report?.childrenChoice).toBe(3);
    // Another room of the center, the same month: its own single activity.
    expect(ok(await page(`?month=${month}`, cookies.teacher, otherRoom)).report?.done).toBe(1);
    // A month with nothing done.
    const empty = ok(await page(`?month=${monthOf(DateTime.fromISO(first).minus({ months: 3 }).toISODate()!)}`));
    expect(empty.report).toMatchObject({ done: 0, words: 0, childrenChoice: 0, mostUsed: [] });
  });

  it('says clearly when the month is out of range or unreadable', async () => {
    const page = (query: string) => callLoader(coverageLoader, { ...at(`/coverage${query}`), cookie: cookies.teacher });
    const future = DateTime.fromISO(today).plus({ months: 1 }).toFormat('yyyy-MM');
    const past = DateTime.fromISO(today).minus({ months: 25 }).toFormat('yyyy-MM');
    for (const [query, error] of [
      [`?month=${future}`, 'errors.monthInFuture'],
      [`?month=${past}`, 'errors.monthTooFarPast'],
      ['?month=2026-13', 'errors.invalidMonth'],
      ['?month=bulan-lalu', 'errors.invalidMonth'],
    ]) {
      const d = ok(await page(query));
      expect(d.monthError).toBe(error);
      expect(d.report).toBeNull();
    }
    expect(ok(await page('')).month).toBe(monthOf(today));
  });

  it('is 404 for another center’s teacher and for another center’s room, 403 for a caregiver', async () => {
    const page = (cookie: string, classroomId = w.classroom.id) =>
      callLoader(coverageLoader, { ...at(`/coverage?month=${month}`, classroomId), cookie });
    expect((await page(cookies.theirTeacher)).status).toBe(404);
    expect((await page(cookies.teacher, theirRoom)).status).toBe(404);
    expect((await page(cookies.caregiver)).status).toBe(403);
    expect((await page(cookies.parent)).status).toBe(404);
  });
});
