import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { linkGuardian, makeChild, makeClassroom, makeUser } from '~db/seed/factories';
import { addWeeks, weekStartOf } from '~/modules/plans/plans';
import { localDate } from '~/modules/time/time';
import { loader as familyLoader } from '~/routes/family._index';
import { action, loader } from '~/routes/c.$centerId.plans.$classroomId';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
const cookies: Record<string, string> = {};
let thisWeek: string;
let otherRoomId: string;

const page = (week: string, classroomId = w.classroom.id, centerId = w.center.id) => ({
  path: `/c/${centerId}/plans/${classroomId}?week=${week}`,
  params: { centerId, classroomId },
});
const post = (form: Record<string, string | string[]>, cookie = cookies.teacher, classroomId = w.classroom.id) =>
  callAction(action, { ...page(form.week as string, classroomId), cookie, form });
const load = async (week: string, cookie = cookies.teacher) => {
  const result = await callLoader(loader, { ...page(week), cookie });
  expect(result.status).toBe(200);
  return result.data as Exclude<typeof result.data, Response>;
};
const cellsOf = (data: Awaited<ReturnType<typeof load>>) =>
  data.cells.map((c) => ({
    day: c.weekday,
    block: data.blocks.find((b) => b.id === c.block_id)!.name,
    activity: c.activity_id,
    note: c.note,
  }));

beforeAll(async () => {
  w = await twoCenters();
  for (const who of ['coordinator', 'teacher', 'caregiver', 'parent', 'otherCoordinator'] as const)
    cookies[who] = await sessionCookie(w[who].id);
  thisWeek = weekStartOf(localDate('Asia/Jakarta'));
  // Another room of the same center, with a family of its own: they must not see this room's plan.
  const db = getDb();
  const room = await makeClassroom(db, { centerId: w.center.id, name: 'Kelas Bintang' });
  otherRoomId = room.id;
  const child = await makeChild(db, { centerId: w.center.id, classroomId: room.id, fullName: 'Raka Bintang' });
  const otherRoomParent = await makeUser(db, { email: 'ayah.bintang@example.test', name: 'Ayah Bintang' });
  await linkGuardian(db, { childId: child.id, userId: otherRoomParent.id });
  cookies.otherRoomParent = await sessionCookie(otherRoomParent.id);
});

describe('a week of a room', () => {
  it('starts with the default blocks for the room’s ages and the center’s open days, and no plan', async () => {
    const d = await load(thisWeek);
    expect(d.plan).toBeNull();
    expect(d.days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(d.blocks.map((b) => b.name)).toEqual([
      'Kedatangan',
      'Kegiatan pembuka (lingkaran)',
      'Kegiatan inti',
      'Makan camilan',
      'Main di luar',
      'Makan siang',
      'Tidur siang',
      'Persiapan pulang',
    ]);
    // Only activities suited to the room's ages (24–48 months) are offered.
    expect(d.activities.map((a) => a.id)).toContain('lib-pretend-kitchen');
    expect(d.activities.map((a) => a.id)).not.toContain('lib-tummy-time');
  });

  it('saves a theme and cells from the library or free text, audited, and shows them', async () => {
    const d = await load(thisWeek);
    const core = d.blocks[2].key;
    const outdoor = d.blocks[4].key;
    const result = await post({
      intent: 'save',
      week: thisWeek,
      theme: 'Diriku',
      [`activity:mon:${core}`]: 'lib-pretend-kitchen',
      [`note:mon:${core}`]: 'Pakai celemek',
      [`activity:tue:${outdoor}`]: 'lib-ball-kick',
      [`note:wed:${core}`]: 'Jalan-jalan ke pasar',
    });
    expectRedirect(result, `/c/${w.center.id}/plans/${w.classroom.id}?week=${thisWeek}`);
    const after = await load(thisWeek);
    expect(after.plan).toMatchObject({ theme: 'Diriku', publishedAt: null });
    expect(cellsOf(after)).toEqual(
      expect.arrayContaining([
        { day: 'mon', block: 'Kegiatan inti', activity: 'lib-pretend-kitchen', note: 'Pakai celemek' },
        { day: 'tue', block: 'Main di luar', activity: 'lib-ball-kick', note: '' },
        { day: 'wed', block: 'Kegiatan inti', activity: null, note: 'Jalan-jalan ke pasar' },
      ]),
    );
    expect(after.cells).toHaveLength(3);
    expect(after.cells.find((c) => c.activity_id === 'lib-pretend-kitchen')?.title).toBe('Main masak-masakan');
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity', '=', 'weekly_plan')
      .execute();
    expect(audit).toEqual([{ action: 'create', actor_id: w.teacher.id }]);
  });

  it('lets caregivers read but not edit', async () => {
    const d = await load(thisWeek, cookies.caregiver);
    expect(d.mayEdit).toBe(false);
    const result = await post({ intent: 'save', week: thisWeek, theme: 'Lain' }, cookies.caregiver);
    expect(result.status).toBe(403);
  });
});

describe('what a week covers', () => {
  it('counts elements and domains, and names the children whose "not yet" items no planned activity supports', async () => {
    const db = getDb();
    const observe = (childId: string, itemId: string, status: 'yes' | 'not_yet', day: string) =>
      db
        .insertInto('milestone_observations')
        .values({
          id: newId(),
          center_id: w.center.id,
          child_id: childId,
          item_id: itemId,
          status,
          observed_on: day,
          note: null,
          photo_document_id: null,
          recorded_by: w.teacher.id,
          created_at: nowIso(),
          visible_to_family: 0,
        })
        .execute();
    await observe(w.child.id, 'cdc-30m-cg-1', 'not_yet', '2026-10-01'); // supported by the pretend kitchen
    await observe(w.child.id, 'cdc-36m-cg-2', 'not_yet', '2026-10-01'); // supported by nothing planned
    await observe(w.child.id, 'cdc-48m-cg-1', 'not_yet', '2026-10-01');
    await observe(w.child.id, 'cdc-48m-cg-1', 'yes', '2026-10-15'); // achieved since: not counted
    const d = await load(thisWeek);
    // Pretend kitchen (Jati Diri, STEAM; cognitive ×2, social-emotional, language) and ball kick (Jati Diri;
    // movement ×3, social-emotional).
    expect(d.coverage.elements).toEqual({ agama_budi_pekerti: 0, jati_diri: 2, literasi_steam: 1 });
    expect(d.coverage.domains).toEqual({ social_emotional: 2, language: 1, cognitive: 1, movement: 1 });
    expect(d.coverage.unsupported).toEqual([
      {
        child: { id: w.child.id, full_name: 'Putri Lestari', nickname: null },
        items: [expect.objectContaining({ id: 'cdc-36m-cg-2' })],
      },
    ]);
  });
});

describe('copying a week', () => {
  it('copies the theme and cells into another week as a draft, replacing what it had', async () => {
    const next = addWeeks(thisWeek, 1);
    await post({ intent: 'save', week: next, theme: 'Akan diganti' });
    expectRedirect(await post({ intent: 'copy', week: next, from: thisWeek }), /week=/);
    const copied = await load(next);
    const original = await load(thisWeek);
    expect(copied.plan).toMatchObject({ theme: 'Diriku', publishedAt: null });
    expect(cellsOf(copied)).toEqual(cellsOf(original));
  });

  it('says so when the week copied from has no plan, and nothing changes', async () => {
    const next = addWeeks(thisWeek, 1);
    const result = await post({ intent: 'copy', week: next, from: addWeeks(thisWeek, -3) });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ errors: { form: 'errors.plans_nothingToCopy' } });
    expect((await load(next)).plan?.theme).toBe('Diriku');
  });
});

describe('publishing', () => {
  it('shows this week’s published plan to the room’s families, in their language, and to no other room', async () => {
    const family = async (cookie: string) =>
      ((await callLoader(familyLoader, { path: '/family', cookie })).data as { plans: unknown[] }).plans;
    expect(await family(cookies.parent)).toEqual([]); // a draft is not shown
    const before = await getDb().selectFrom('live_events').select('topic').execute();
    expectRedirect(await post({ intent: 'publish', week: thisWeek }), /week=/);
    const events = await getDb().selectFrom('live_events').select(['topic', 'type']).execute();
    expect(events.slice(before.length)).toEqual([{ topic: `families-room:${w.classroom.id}`, type: 'plan' }]);
    const plans = (await family(cookies.parent)) as { theme: string; cells: { title: string | null }[] }[];
    expect(plans).toHaveLength(1);
    expect(plans[0].theme).toBe('Diriku');
    expect(plans[0].cells.map((c) => c.title)).toContain('Main masak-masakan');
    expect(await family(cookies.otherRoomParent)).toEqual([]);
    // In English for a parent who reads English.
    await getDb().updateTable('users').set({ preferred_language: 'en' }).where('id', '=', w.parent.id).execute();
    const english = (await family(cookies.parent)) as { cells: { title: string | null }[] }[];
    expect(english[0].cells.map((c) => c.title)).toContain('Pretend kitchen');
    await getDb().updateTable('users').set({ preferred_language: 'id' }).where('id', '=', w.parent.id).execute();
  });
});

describe('time blocks', () => {
  it('renames, reorders, adds and removes blocks', async () => {
    const d = await load(thisWeek);
    const rows = d.blocks.map((b, i) => ({ blockId: b.id ?? b.key, name: b.name, position: String(i + 1) }));
    rows[0].name = 'Datang dan sapa'; // renamed
    rows[1].position = '20'; // moved to the end
    rows[7].name = ''; // removed
    rows.push({ blockId: '', name: 'Mandi', position: '7' }); // added
    const result = await post({
      intent: 'blocks',
      week: thisWeek,
      blockId: rows.map((r) => r.blockId),
      name: rows.map((r) => r.name),
      position: rows.map((r) => r.position),
    });
    expectRedirect(result, /week=/);
    const after = await load(thisWeek);
    expect(after.blocks.map((b) => b.name)).toEqual([
      'Datang dan sapa',
      'Kegiatan inti',
      'Makan camilan',
      'Main di luar',
      'Makan siang',
      'Tidur siang',
      'Mandi',
      'Kegiatan pembuka (lingkaran)',
    ]);
    expect(after.cells).toHaveLength(3); // the cells stayed with their blocks
  });

  it('refuses a duplicate name with a clear error on its row, keeping what was typed, and changes nothing', async () => {
    const d = await load(thisWeek);
    const result = await post({
      intent: 'blocks',
      week: thisWeek,
      blockId: [...d.blocks.map((b) => b.id!), ''],
      name: [...d.blocks.map((b) => b.name), ' makan SIANG '],
      position: [...d.blocks.map((_, i) => String(i + 1)), '9'],
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: { [`name.${d.blocks.length}`]: 'errors.duplicateBlock?name=makan+SIANG' },
      values: { name: expect.arrayContaining([' makan SIANG ']) },
    });
    expect((await load(thisWeek)).blocks.map((b) => b.name)).toEqual(d.blocks.map((b) => b.name));
  });
});

describe('bad input', () => {
  it('refuses a week too far back or ahead, keeping what was typed', async () => {
    for (const [week, error] of [
      [addWeeks(thisWeek, -9), 'errors.weekTooFarPast'],
      [addWeeks(thisWeek, 13), 'errors.weekTooFarAhead'],
    ]) {
      const result = await post({ intent: 'save', week, theme: 'Jauh sekali' });
      expect(result.status).toBe(400);
      expect(result.data).toMatchObject({ errors: { form: error }, values: { theme: 'Jauh sekali' } });
      expect((await load(week)).weekError).toBe(error);
    }
    expect(await getDb().selectFrom('weekly_plans').select('week_start').orderBy('week_start').execute()).toEqual([
      { week_start: thisWeek },
      { week_start: addWeeks(thisWeek, 1) },
    ]);
  });

  it('refuses a note that is too long on its cell, keeping the values', async () => {
    const d = await load(thisWeek);
    const field = `note:thu:${d.blocks[0].key}`;
    const result = await post({ intent: 'save', week: thisWeek, theme: 'Diriku', [field]: 'x'.repeat(201) });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ errors: { [field]: 'errors.tooLong?max=200' }, values: { theme: 'Diriku' } });
  });
});

describe('blocks changed while the page was open', () => {
  it('says so rather than dropping the cells of a block that is gone, and changes nothing', async () => {
    const before = await load(thisWeek);
    const result = await post({
      intent: 'save',
      week: thisWeek,
      theme: 'Diriku',
      'activity:mon:default-2': 'lib-pretend-kitchen',
      'note:tue:default-4': 'Main bola',
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: { form: 'errors.plans_blocksChanged' },
      values: { 'note:tue:default-4': 'Main bola' },
    });
    expect(cellsOf(await load(thisWeek))).toEqual(cellsOf(before));
  });
});

describe('another center', () => {
  it('cannot read or change this center’s plan, nor plan with its activities', async () => {
    const mine = await load(thisWeek);
    // Their coordinator, with our ids: not found, nothing changed.
    const theirs = await callLoader(loader, { ...page(thisWeek), cookie: cookies.otherCoordinator });
    expect(theirs.status).toBe(404);
    for (const intent of ['save', 'publish', 'unpublish', 'copy', 'blocks']) {
      const result = await callAction(action, {
        ...page(thisWeek),
        cookie: cookies.otherCoordinator,
        form: { intent, week: thisWeek, theme: 'Diretas', from: addWeeks(thisWeek, 1), name: 'x', blockId: '' },
      });
      expect(result.status, intent).toBe(404);
    }
    // Our teacher with the other center's room: not found.
    const otherRoom = await getDb()
      .selectFrom('classrooms')
      .select('id')
      .where('center_id', '=', w.other.id)
      .executeTakeFirstOrThrow();
    expect((await callLoader(loader, { ...page(thisWeek, otherRoom.id), cookie: cookies.teacher })).status).toBe(404);
    expect((await post({ intent: 'save', week: thisWeek, theme: 'x' }, cookies.teacher, otherRoom.id)).status).toBe(
      404,
    );
    // An activity of the other center's own library, posted into our plan: refused, nothing changed.
    const now = nowIso();
    await getDb()
      .insertInto('activities')
      .values({
        id: 'their-own',
        center_id: w.other.id,
        copied_from_id: null,
        min_age_months: 24,
        max_age_months: 48,
        duration_minutes: 10,
        grouping: 'small_group',
        setting: 'indoor',
        photo_document_id: null,
        created_by: null,
        updated_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const result = await post({
      intent: 'save',
      week: thisWeek,
      theme: 'Diriku',
      [`activity:fri:${mine.blocks[0].key}`]: 'their-own',
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ errors: { form: 'errors.plans_unknownActivity' } });
    expect(cellsOf(await load(thisWeek))).toEqual(cellsOf(mine));
    expect(otherRoomId).toBeTruthy();
  });
});
