import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { linkGuardian, makeChild, makeObservations, makeUser } from '~db/seed/factories';
import { suggestionsFor } from '~/modules/home-activities/home-activities.server';
import { localDate } from '~/modules/time/time';
import { action as staffAction, loader as staffLoader } from '~/routes/c.$centerId.children.$childId.development';
import { action as familyAction, loader as familyLoader } from '~/routes/family.children.$childId.development';
import { loader as familyHomeLoader } from '~/routes/family._index';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

// Suggestions for a child's "not yet" items, and an activity sent home: the family reads it in
// their language, says they tried it, the teacher sees that; nobody else sees anything.
let w: Awaited<ReturnType<typeof twoCenters>>;
const cookies: Record<string, string> = {};
let today: string;
let child: string;
let ownActivity: string;
let theirActivity: string;
let englishParent: string;

const staffUrl = (childId = child, centerId = w.center.id) => ({
  path: `/c/${centerId}/children/${childId}/development`,
  params: { centerId, childId },
});
const familyUrl = (childId = child) => ({
  path: `/family/children/${childId}/development`,
  params: { childId },
});
const sendHome = (form: Record<string, string>, cookie = cookies.teacher, at = staffUrl()) =>
  callAction(staffAction, { ...at, cookie, form: { intent: 'send-home', ...form } });
const homeRows = () =>
  getDb()
    .selectFrom('home_activities')
    .select(['center_id', 'child_id', 'activity_id', 'note', 'tried_at', 'tried_comment'])
    .execute();

async function ownActivityOf(centerId: string, title: string, items: string[], ages: [number, number]) {
  const db = getDb();
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('activities')
    .values({
      id,
      center_id: centerId,
      copied_from_id: null,
      min_age_months: ages[0],
      max_age_months: ages[1],
      duration_minutes: 20,
      grouping: 'small_group',
      setting: 'indoor',
      photo_document_id: null,
      created_by: null,
      updated_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  // Written in Bahasa Indonesia only: an English reader gets these words, and is told so.
  await db
    .insertInto('activity_texts')
    .values({
      activity_id: id,
      language: 'id',
      title,
      goal: 'Melatih tangan',
      steps: '1. Tuang pasir.\n2. Ratakan.',
      materials: 'Pasir, ember',
      adaptations: '',
      safety_notes: '',
    })
    .execute();
  await db
    .insertInto('activity_milestones')
    .values(items.map((item_id) => ({ activity_id: id, item_id })))
    .execute();
  return id;
}

beforeAll(async () => {
  w = await twoCenters();
  const db = getDb();
  today = localDate('Asia/Jakarta');
  // 30 months and a few days: the library's activities for 30 months apply.
  const birth = DateTime.fromISO(today).minus({ months: 30, days: 5 }).toISODate()!;
  child = (
    await makeChild(db, {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Sari Wulandari',
      birthDate: birth,
    })
  ).id;
  await linkGuardian(db, { childId: child, userId: w.parent.id });
  const english = await makeUser(db, { email: 'dad@example.test', name: 'Dad', language: 'en' });
  englishParent = english.id;
  await linkGuardian(db, { childId: child, userId: english.id, relationship: 'ayah' });
  for (const who of ['teacher', 'caregiver', 'coordinator', 'otherCoordinator', 'parent', 'otherParent'] as const)
    cookies[who] = await sessionCookie(w[who].id);
  cookies.english = await sessionCookie(english.id);
  const yesterday = DateTime.fromISO(today).minus({ days: 1 }).toISODate()!;
  const lastWeek = DateTime.fromISO(today).minus({ days: 7 }).toISODate()!;
  const answer = (itemId: string, status: 'yes' | 'not_yet', observedOn: string) => ({
    centerId: w.center.id,
    childId: child,
    itemId,
    status,
    observedOn,
    recordedBy: w.teacher.id,
  });
  await makeObservations(db, [
    answer('cdc-24m-cg-1', 'not_yet', lastWeek),
    answer('cdc-30m-mp-1', 'not_yet', yesterday),
    // Not yet last week, yes since: no longer open.
    answer('cdc-30m-cg-1', 'not_yet', lastWeek),
    answer('cdc-30m-cg-1', 'yes', yesterday),
    answer('cdc-30m-lc-1', 'yes', yesterday),
  ]);
  ownActivity = await ownActivityOf(w.center.id, 'Bermain pasir', ['cdc-24m-cg-1', 'cdc-30m-mp-1'], [24, 36]);
  // Another center's own activity for the same items and ages: never suggested here, never sendable.
  theirActivity = await ownActivityOf(w.other.id, 'Aktivitas pusat lain', ['cdc-24m-cg-1', 'cdc-30m-mp-1'], [24, 36]);
});

describe('suggestions', () => {
  it('lists the activities that support the child’s open items, the most first, in the reader’s language', async () => {
    const id = await suggestionsFor({ centerId: w.center.id, childId: child, today, lang: 'id', limit: 20 });
    expect(id!.map((s) => [s.title, s.items.map((i) => i.id)])).toEqual([
      ['Bermain pasir', ['cdc-24m-cg-1', 'cdc-30m-mp-1']],
      ['Menuang air', ['cdc-24m-cg-1', 'cdc-30m-mp-1']],
      ['Cuci tangan pakai sabun', ['cdc-30m-mp-1']],
      ['Ikut menyapu dan merapikan', ['cdc-24m-cg-1']],
      ['Memilah warna', ['cdc-24m-cg-1']],
      ['Mencoret di kertas besar', ['cdc-24m-cg-1']],
      ['Meronce manik besar', ['cdc-30m-mp-1']],
    ]);
    const en = await suggestionsFor({ centerId: w.center.id, childId: child, today, lang: 'en', limit: 20 });
    expect(en!.map((s) => s.title)).toEqual([
      'Bermain pasir',
      'Pouring water',
      'Helping to sweep and tidy',
      'Scribbling on big paper',
      'Sorting colours',
      'Stringing large beads',
      'Washing hands with soap',
    ]);
    expect(en![0]).toMatchObject({ id: ownActivity, own: true });
    expect(en!.map((s) => s.id)).not.toContain(theirActivity);
    // Another center's child: nothing.
    expect(await suggestionsFor({ centerId: w.other.id, childId: child, today, lang: 'id' })).toBeNull();
  });

  it('shows the first five on the child’s page, to staff of the center only', async () => {
    const page = await callLoader(staffLoader, { ...staffUrl(), cookie: cookies.teacher });
    expect(page.status).toBe(200);
    const data = page.data as Exclude<typeof page.data, Response>;
    expect(data.suggestions.map((s) => s.title)).toEqual([
      'Bermain pasir',
      'Menuang air',
      'Cuci tangan pakai sabun',
      'Ikut menyapu dan merapikan',
      'Memilah warna',
    ]);
    const other = await callLoader(staffLoader, { ...staffUrl(), cookie: cookies.otherCoordinator });
    expect(other.status).toBe(404);
  });

  it('drops an item once its latest answer is yes', async () => {
    await makeObservations(getDb(), [
      {
        centerId: w.center.id,
        childId: child,
        itemId: 'cdc-30m-mp-1',
        status: 'yes',
        observedOn: today,
        recordedBy: w.teacher.id,
      },
    ]);
    try {
      const s = await suggestionsFor({ centerId: w.center.id, childId: child, today, lang: 'id', limit: 20 });
      expect(s!.map((a) => a.title)).toEqual([
        'Bermain pasir',
        'Ikut menyapu dan merapikan',
        'Memilah warna',
        'Mencoret di kertas besar',
        'Menuang air',
      ]);
      expect(s!.every((a) => a.items.every((i) => i.id === 'cdc-24m-cg-1'))).toBe(true);
    } finally {
      await getDb()
        .deleteFrom('milestone_observations')
        .where('child_id', '=', child)
        .where('item_id', '=', 'cdc-30m-mp-1')
        .where('observed_on', '=', today)
        .execute();
    }
  });
});

describe('sending an activity home', () => {
  it('refuses bad input with the values kept, and nothing is written', async () => {
    const long = await sendHome({ activity_id: 'lib-water-pour', note: 'x'.repeat(301) });
    expect(long.status).toBe(400);
    expect(long.data.errors).toEqual({ note: expect.stringContaining('tooLong') });
    expect(long.data.values).toMatchObject({ activity_id: 'lib-water-pour', note: 'x'.repeat(301) });
    const foreign = await sendHome({ activity_id: theirActivity, note: 'Coba ya' });
    expect(foreign.status).toBe(400);
    expect(foreign.data.errors).toEqual({ activity_id: 'errors.homeActivityUnknown' });
    expect(foreign.data.values).toMatchObject({ note: 'Coba ya' });
    const missing = await sendHome({ activity_id: '', note: '' });
    expect(missing.status).toBe(400);
    expect(await homeRows()).toEqual([]);
  });

  it('is for teachers and coordinators of the child’s center only', async () => {
    expect((await sendHome({ activity_id: 'lib-water-pour' }, cookies.caregiver)).status).toBe(403);
    expect((await sendHome({ activity_id: 'lib-water-pour' }, cookies.otherCoordinator)).status).toBe(404);
    // A child of another center, through this center's URL: 404.
    const elsewhere = await sendHome({ activity_id: 'lib-water-pour' }, cookies.teacher, staffUrl(w.otherChild.id));
    expect(elsewhere.status).toBe(404);
    expect((await sendHome({ activity_id: 'lib-water-pour' }, cookies.parent)).status).toBe(404);
    expect(await homeRows()).toEqual([]);
  });

  it('writes it once, audited, an email to each guardian in their language, a live event', async () => {
    const sent = await sendHome({ activity_id: 'lib-water-pour', note: 'Pakai gelas plastik di kamar mandi.' });
    expectRedirect(sent, `/c/${w.center.id}/children/${child}/development`);
    // A double tap lands once.
    expectRedirect(
      await sendHome({ activity_id: 'lib-water-pour', note: 'Pakai gelas plastik di kamar mandi.' }),
      /development/,
    );
    expect(await homeRows()).toEqual([
      {
        center_id: w.center.id,
        child_id: child,
        activity_id: 'lib-water-pour',
        note: 'Pakai gelas plastik di kamar mandi.',
        tried_at: null,
        tried_comment: '',
      },
    ]);
    const db = getDb();
    const audit = await db
      .selectFrom('audit_log')
      .select(['entity', 'child_id', 'actor_id'])
      .where('entity', '=', 'home_activity')
      .execute();
    expect(audit).toEqual([{ entity: 'home_activity', child_id: child, actor_id: w.teacher.id }]);
    const mail = await db
      .selectFrom('outbox')
      .select(['user_id', 'language', 'subject', 'body'])
      .where('kind', '=', 'home_activity')
      .orderBy('language')
      .execute();
    expect(mail.map((m) => [m.user_id, m.language, m.subject])).toEqual([
      [englishParent, 'en', 'An activity to try at home with Sari Wulandari: Pouring water'],
      [w.parent.id, 'id', 'Kegiatan untuk dicoba di rumah bersama Sari Wulandari: Menuang air'],
    ]);
    expect(mail[1].body).toContain('"Pakai gelas plastik di kamar mandi."');
    expect(mail[1].body).toContain(`/family/children/${child}/development`);
    const events = await db
      .selectFrom('live_events')
      .select(['topic', 'type'])
      .where('type', '=', 'home_activity')
      .execute();
    expect(events.map((e) => e.topic).sort()).toEqual([`child:${child}`, `room:${w.classroom.id}`].sort());
  });

  it('shows the family the activity in their language, the note as written; others get 404', async () => {
    const id = await callLoader(familyLoader, { ...familyUrl(), cookie: cookies.parent });
    expect(id.status).toBe(200);
    const [a] = (id.data as Exclude<typeof id.data, Response>).homeActivities;
    expect(a).toMatchObject({ title: 'Menuang air', note: 'Pakai gelas plastik di kamar mandi.', language: null });
    expect(a.materials).not.toBe('');
    expect(a.steps).not.toBe('');
    const en = await callLoader(familyLoader, { ...familyUrl(), cookie: cookies.english });
    const [b] = (en.data as Exclude<typeof en.data, Response>).homeActivities;
    expect(b).toMatchObject({ title: 'Pouring water', note: 'Pakai gelas plastik di kamar mandi.' });
    // On the home page, as one to try.
    const home = await callLoader(familyHomeLoader, { path: '/family', cookie: cookies.parent });
    const card = (home.data as Exclude<typeof home.data, Response>).children.find((c) => c.id === child)!;
    expect(card.toTry.map((t) => t.title)).toEqual(['Menuang air']);
    // Another family, another center's coordinator: 404.
    expect((await callLoader(familyLoader, { ...familyUrl(), cookie: cookies.otherParent })).status).toBe(404);
    expect((await callLoader(familyLoader, { ...familyUrl(), cookie: cookies.otherCoordinator })).status).toBe(404);
  });

  it('is not shown to someone whose invitation is still pending', async () => {
    const db = getDb();
    const pending = await makeUser(db, { email: 'nenek@example.test', name: 'Nenek' });
    await db
      .insertInto('invites')
      .values({
        id: newId(),
        token_hash: newId(),
        center_id: w.center.id,
        email: 'nenek@example.test',
        name: 'Nenek',
        role: 'guardian',
        invited_by: w.coordinator.id,
        expires_at: DateTime.now().plus({ days: 3 }).toISO()!,
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
        created_at: nowIso(),
        child_id: child,
        relationship: 'nenek',
        phone: null,
      })
      .execute();
    const cookie = await sessionCookie(pending.id);
    expect((await callLoader(familyLoader, { ...familyUrl(), cookie })).status).toBe(404);
    const [row] = await db.selectFrom('home_activities').select('id').execute();
    const tried = await callAction(familyAction, {
      ...familyUrl(),
      cookie,
      form: { intent: 'tried', home_activity_id: row.id, comment: '' },
    });
    expect(tried.status).toBe(404);
    // No email went to the pending invitation's address.
    const mail = await db.selectFrom('outbox').select('to_email').where('kind', '=', 'home_activity').execute();
    expect(mail.map((m) => m.to_email)).not.toContain('nenek@example.test');
  });

  it('lets the family say they tried it, and the teacher sees it', async () => {
    const db = getDb();
    const [row] = await db.selectFrom('home_activities').select('id').execute();
    const bad = await callAction(familyAction, {
      ...familyUrl(),
      cookie: cookies.parent,
      form: { intent: 'tried', home_activity_id: row.id, comment: 'y'.repeat(301) },
    });
    expect(bad.status).toBe(400);
    expect(bad.data.values).toMatchObject({ comment: 'y'.repeat(301) });
    // Another family cannot mark it, nor can this family through another child's URL.
    expect(
      (
        await callAction(familyAction, {
          ...familyUrl(w.otherChild.id),
          cookie: cookies.otherParent,
          form: { intent: 'tried', home_activity_id: row.id, comment: '' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await callAction(familyAction, {
          ...familyUrl(),
          cookie: cookies.otherParent,
          form: { intent: 'tried', home_activity_id: row.id, comment: '' },
        })
      ).status,
    ).toBe(404);
    expect((await homeRows())[0].tried_at).toBeNull();

    const tried = await callAction(familyAction, {
      ...familyUrl(),
      cookie: cookies.parent,
      form: { intent: 'tried', home_activity_id: row.id, comment: 'Sari suka sekali, basah semua!' },
    });
    expectRedirect(tried, `/family/children/${child}/development#home`);
    const page = await callLoader(staffLoader, { ...staffUrl(), cookie: cookies.teacher });
    const [sent] = (page.data as Exclude<typeof page.data, Response>).sentHome;
    expect(sent).toMatchObject({
      title: 'Menuang air',
      tried_on: today,
      tried_by_name: 'Ibu',
      tried_comment: 'Sari suka sekali, basah semua!',
    });
    const audits = await db
      .selectFrom('audit_log')
      .select(['actor_id', 'action'])
      .where('entity', '=', 'home_activity')
      .orderBy('at')
      .execute();
    expect(audits).toEqual([
      { actor_id: w.teacher.id, action: 'create' },
      { actor_id: w.parent.id, action: 'update' },
    ]);
    const home = await callLoader(familyHomeLoader, { path: '/family', cookie: cookies.parent });
    const card = (home.data as Exclude<typeof home.data, Response>).children.find((c) => c.id === child)!;
    expect(card.toTry).toEqual([]);
  });
});
