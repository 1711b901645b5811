import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeChild, makeUser } from '~db/seed/factories';
import { checkIn, recordRefusedPickup } from '~/modules/attendance/attendance.server';
import { loadCenter } from '~/modules/centers/context.server';
import { unsignedIncidents, recordIncident, signOffIncident } from '~/modules/incidents/incidents.server';
import { inviteGuardian } from '~/modules/users/invites.server';
import { loader as homeLoader } from '~/routes/c.$centerId._index';
import { loader as listLoader } from '~/routes/c.$centerId.incidents._index';
import { action as newAction, loader as newLoader } from '~/routes/c.$centerId.incidents.new';
import { loader as detailLoader } from '~/routes/c.$centerId.incidents.$incidentId';
import { loader as printLoader } from '~/routes/c.$centerId.incidents.$incidentId_.print';
import { action as familyAction, loader as familyLoader } from '~/routes/family.incidents.$incidentId';
import { loader as familyHomeLoader } from '~/routes/family._index';
import { loader as familyChildLoader } from '~/routes/family.children.$childId._index';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
const cookies: Record<string, string> = {};
const ZONE = 'Asia/Jakarta';

/** A local moment in the center's zone some hours ago, as the form posts it. */
const hoursAgo = (hours: number, zone = ZONE) =>
  DateTime.now().setZone(zone).minus({ hours }).toFormat("yyyy-MM-dd'T'HH:mm");

const newPage = (centerId: string, query = '') => ({
  path: `/c/${centerId}/incidents/new${query}`,
  params: { centerId },
});
const staffPage = (centerId: string, incidentId: string) => ({
  path: `/c/${centerId}/incidents/${incidentId}`,
  params: { centerId, incidentId },
});
const familyPage = (incidentId: string) => ({ path: `/family/incidents/${incidentId}`, params: { incidentId } });

const fall = (form: Record<string, string> = {}) => ({
  child_id: w.child.id,
  kind: 'fall',
  occurred_at: hoursAgo(1),
  location: 'Halaman bermain',
  description: 'Terpeleset di perosotan, lutut kiri lecet.',
  people_present: 'Bu Sari, tiga anak lain',
  first_aid: 'Dibersihkan dan diplester.',
  guardian_informed_how: '',
  guardian_informed_at: '',
  source: 'manual',
  source_id: '',
  ...form,
});
const idFrom = (location: string | null) => location!.split('/').at(-1)!;

const refusals = (entityId: string) =>
  getDb()
    .selectFrom('audit_log')
    .select(['actor_id', 'center_id', 'child_id'])
    .where('entity', '=', 'incident')
    .where('entity_id', '=', entityId)
    .where('action', '=', 'refused')
    .execute();

let invited: { id: string };

beforeAll(async () => {
  w = await twoCenters();
  // Someone invited as the child's guardian who has not accepted: no access yet.
  invited = await makeUser(getDb(), { email: 'diundang@example.test', name: 'Diundang' });
  await inviteGuardian({
    centerId: w.center.id,
    childId: w.child.id,
    email: 'diundang@example.test',
    name: 'Diundang',
    relationship: 'ayah',
    phone: null,
    actorId: w.coordinator.id,
  });
  for (const who of ['coordinator', 'teacher', 'caregiver', 'parent', 'otherParent', 'otherCoordinator'] as const)
    cookies[who] = await sessionCookie(w[who].id);
  cookies.invited = await sessionCookie(invited.id);
});

describe('recording an incident', () => {
  let incidentId: string;

  it('lets a caregiver record one, audited, and tells the guardians at once by email and on their pages', async () => {
    const result = await callAction(newAction, { ...newPage(w.center.id), cookie: cookies.caregiver, form: fall() });
    expectRedirect(result, /^\/c\/[\w-]+\/incidents\/[\w-]+$/);
    incidentId = idFrom(result.headers.get('Location'));
    const db = getDb();
    const row = await db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      center_id: w.center.id,
      child_id: w.child.id,
      kind: 'fall',
      source: 'manual',
      source_id: null,
      recorded_by: w.caregiver.id,
      signed_off_at: null,
      date: hoursAgo(1).slice(0, 10),
    });
    expect(DateTime.fromISO(row.occurred_at).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm")).toBe(hoursAgo(1));
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor_id', 'action', 'child_id', 'center_id'])
      .where('entity', '=', 'incident')
      .where('entity_id', '=', incidentId)
      .execute();
    expect(audit).toEqual([
      { actor_id: w.caregiver.id, action: 'create', child_id: w.child.id, center_id: w.center.id },
    ]);
    // Only the accepted guardian: not the invitation still pending, not another family.
    const mail = await db
      .selectFrom('outbox')
      .select(['user_id', 'subject', 'body'])
      .where('kind', '=', 'incident')
      .execute();
    expect(mail.map((m) => m.user_id)).toEqual([w.parent.id]);
    expect(mail[0].subject).toBe('Laporan kejadian: Putri Lestari');
    expect(mail[0].body).toContain('Terpeleset di perosotan');
    expect(mail[0].body).toContain(`/family/incidents/${incidentId}`);
    const events = await db
      .selectFrom('live_events')
      .select(['topic', 'type'])
      .where('type', '=', 'incident')
      .execute();
    expect(events).toEqual(
      expect.arrayContaining([
        { topic: `child:${w.child.id}`, type: 'incident' },
        { topic: `center:${w.center.id}`, type: 'incident' },
      ]),
    );
  });

  it('gives back translated field errors and keeps what was typed, never a 500', async () => {
    const bad = await callAction(newAction, {
      ...newPage(w.center.id),
      cookie: cookies.teacher,
      form: fall({ description: '', occurred_at: hoursAgo(-3), guardian_informed_how: 'phone', location: 'Kelas' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({
      description: 'errors.required',
      occurred_at: 'errors.incidentInFuture',
      guardian_informed_at: 'errors.required',
    });
    expect(bad.data.values).toMatchObject({ location: 'Kelas', people_present: 'Bu Sari, tiga anak lain' });

    const more = await callAction(newAction, {
      ...newPage(w.center.id),
      cookie: cookies.teacher,
      form: fall({
        kind: 'tornado',
        occurred_at: '2026-02-30T10:00',
        guardian_informed_at: hoursAgo(2),
        first_aid: 'x'.repeat(1001),
      }),
    });
    expect(more.status).toBe(400);
    expect(more.data.errors).toMatchObject({
      kind: 'errors.choose',
      occurred_at: 'errors.dateTime',
      first_aid: 'errors.tooLong?max=1000',
    });
    // The checks across fields speak once each field is right.
    const how = await callAction(newAction, {
      ...newPage(w.center.id),
      cookie: cookies.teacher,
      form: fall({ guardian_informed_at: hoursAgo(0) }),
    });
    expect(how.data.errors).toEqual({ guardian_informed_how: 'errors.informedHowRequired' });

    const old = await callAction(newAction, {
      ...newPage(w.center.id),
      cookie: cookies.teacher,
      form: fall({ occurred_at: hoursAgo(24 * 40), guardian_informed_how: 'phone', guardian_informed_at: hoursAgo(2) }),
    });
    expect(old.data.errors).toMatchObject({ occurred_at: 'errors.incidentTooOld?days=31' });

    const before = await callAction(newAction, {
      ...newPage(w.center.id),
      cookie: cookies.teacher,
      form: fall({ occurred_at: hoursAgo(1), guardian_informed_how: 'phone', guardian_informed_at: hoursAgo(2) }),
    });
    expect(before.data.errors).toEqual({ guardian_informed_at: 'errors.informedBeforeIncident' });
  });

  it('refuses a child of another center or one not chosen, keeping the form', async () => {
    const other = await callAction(newAction, {
      ...newPage(w.center.id),
      cookie: cookies.coordinator,
      form: fall({ child_id: w.otherChild.id }),
    });
    expect(other.status).toBe(400);
    expect(other.data.errors).toEqual({ child_id: 'errors.childNotFound' });
    expect(other.data.values.description).toBe('Terpeleset di perosotan, lutut kiri lecet.');
    const none = await callAction(newAction, {
      ...newPage(w.center.id),
      cookie: cookies.coordinator,
      form: fall({ child_id: '' }),
    });
    expect(none.data.errors).toEqual({ child_id: 'errors.chooseChild' });
    // Staff of another center cannot open this center's form at all.
    expect((await callLoader(newLoader, { ...newPage(w.center.id), cookie: cookies.otherCoordinator })).status).toBe(
      404,
    );
    expect(
      (await callAction(newAction, { ...newPage(w.center.id), cookie: cookies.otherCoordinator, form: fall() })).status,
    ).toBe(404);
    expect(await getDb().selectFrom('incidents').select('id').execute()).toHaveLength(1);
  });

  it('shows the incident to every staff role of the center, on screen and for print', async () => {
    for (const who of ['coordinator', 'teacher', 'caregiver']) {
      const page = await callLoader(detailLoader, { ...staffPage(w.center.id, incidentId), cookie: cookies[who] });
      expect(page.status).toBe(200);
      expect(page.data.incident).toMatchObject({
        childName: 'Putri Lestari',
        kind: 'fall',
        recordedByName: 'Pengasuh',
      });
    }
    const print = await callLoader(printLoader, { ...staffPage(w.center.id, incidentId), cookie: cookies.teacher });
    expect(print.status).toBe(200);
    expect(print.data.incident.location).toBe('Halaman bermain');
  });

  it('refuses another center’s staff and a guessed id with 404, recorded against the incident’s own center', async () => {
    const db = getDb();
    const before = await refusals(incidentId);
    expect(before).toEqual([]);
    // Another center's coordinator, through their own center's URL.
    const foreign = await callLoader(detailLoader, {
      ...staffPage(w.other.id, incidentId),
      cookie: cookies.otherCoordinator,
    });
    expect(foreign.status).toBe(404);
    expect(
      (await callLoader(printLoader, { ...staffPage(w.other.id, incidentId), cookie: cookies.otherCoordinator }))
        .status,
    ).toBe(404);
    expect(await refusals(incidentId)).toEqual([
      { actor_id: w.otherCoordinator.id, center_id: w.center.id, child_id: w.child.id },
      { actor_id: w.otherCoordinator.id, center_id: w.center.id, child_id: w.child.id },
    ]);
    // Through this center's URL, they are not staff here: 404 before anything is read.
    expect(
      (await callLoader(detailLoader, { ...staffPage(w.center.id, incidentId), cookie: cookies.otherCoordinator }))
        .status,
    ).toBe(404);
    // A guardian has no staff page.
    expect(
      (await callLoader(detailLoader, { ...staffPage(w.center.id, incidentId), cookie: cookies.parent })).status,
    ).toBe(404);
    // An id that does not exist: refused, with no center to file it under.
    const guessed = await callLoader(detailLoader, {
      ...staffPage(w.center.id, 'no-such-incident'),
      cookie: cookies.teacher,
    });
    expect(guessed.status).toBe(404);
    expect(await refusals('no-such-incident')).toEqual([{ actor_id: w.teacher.id, center_id: null, child_id: null }]);
    const logged = await db.selectFrom('audit_log').select('id').where('action', '=', 'refused').execute();
    expect(logged).toHaveLength(3);
  });

  it('lists the center’s incidents by child and month, and only its own', async () => {
    const center = (await loadCenter(w.center.id))!;
    const sibling = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Adik' });
    const lastMonth = DateTime.now().setZone(ZONE).minus({ days: 20 });
    await recordIncident({
      center,
      actorId: w.teacher.id,
      input: {
        ...fall(),
        child_id: sibling.id,
        kind: 'bite',
        occurred_at: lastMonth.toFormat("yyyy-MM-dd'T'HH:mm"),
        guardian_informed_how: null,
        guardian_informed_at: null,
        source: 'manual',
        source_id: null,
      },
    });
    const all = await callLoader(listLoader, {
      path: `/c/${w.center.id}/incidents`,
      params: { centerId: w.center.id },
      cookie: cookies.caregiver,
    });
    expect(all.data.incidents.map((i) => i.kind)).toEqual(['fall', 'bite']);
    const byChild = await callLoader(listLoader, {
      path: `/c/${w.center.id}/incidents?child=${sibling.id}`,
      params: { centerId: w.center.id },
      cookie: cookies.caregiver,
    });
    expect(byChild.data.incidents.map((i) => i.kind)).toEqual(['bite']);
    const month = lastMonth.toFormat('yyyy-MM');
    const byMonth = await callLoader(listLoader, {
      path: `/c/${w.center.id}/incidents?month=${month}`,
      params: { centerId: w.center.id },
      cookie: cookies.caregiver,
    });
    expect(byMonth.data.incidents.map((i) => i.kind)).toContain('bite');
    expect(byMonth.data.filters.month).toBe(month);
    // Another center's child in the filter is no filter; its own list is empty.
    const foreignFilter = await callLoader(listLoader, {
      path: `/c/${w.center.id}/incidents?child=${w.otherChild.id}&month=2026-13`,
      params: { centerId: w.center.id },
      cookie: cookies.caregiver,
    });
    expect(foreignFilter.data.filters).toEqual({ child: '', month: '' });
    const otherList = await callLoader(listLoader, {
      path: `/c/${w.other.id}/incidents`,
      params: { centerId: w.other.id },
      cookie: cookies.otherCoordinator,
    });
    expect(otherList.data.incidents).toEqual([]);
  });
});

describe('from the door', () => {
  it('starts one from an arrival check with marks, filled in, and keeps where it came from', async () => {
    const child = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Rafi' });
    const arrival = await checkIn({
      centerId: w.center.id,
      childId: child.id,
      actorId: w.caregiver.id,
      health: {
        marksNote: 'Memar kecil di lengan kanan',
        broughtBy: 'Ibu Rafi',
        temperatureTenths: null,
        mood: null,
        feverConfirmed: false,
      },
    });
    expect(arrival.ok).toBe(true);
    const attendance = await getDb()
      .selectFrom('attendance')
      .select(['id', 'check_in_at'])
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow();
    const page = await callLoader(newLoader, {
      ...newPage(w.center.id, `?source=arrival_check&sourceId=${attendance.id}`),
      cookie: cookies.teacher,
    });
    expect(page.status).toBe(200);
    expect(page.data.childId).toBe(child.id);
    expect(page.data.prefill).toMatchObject({
      source: 'arrival_check',
      sourceId: attendance.id,
      kind: 'marks_at_arrival',
      marks: 'Memar kecil di lengan kanan',
      person: 'Ibu Rafi',
      staffName: 'Pengasuh',
      atLocal: DateTime.fromISO(attendance.check_in_at!).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm"),
    });
    const saved = await callAction(newAction, {
      ...newPage(w.center.id),
      cookie: cookies.teacher,
      form: fall({
        child_id: child.id,
        kind: 'marks_at_arrival',
        occurred_at: page.data.prefill!.atLocal,
        description: 'Tanda terlihat saat datang: Memar kecil di lengan kanan',
        source: 'arrival_check',
        source_id: attendance.id,
      }),
    });
    expectRedirect(saved, /\/incidents\//);
    const row = await getDb()
      .selectFrom('incidents')
      .select(['source', 'source_id', 'kind'])
      .where('id', '=', idFrom(saved.headers.get('Location')))
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'arrival_check', source_id: attendance.id, kind: 'marks_at_arrival' });

    // The same arrival as another child's source is refused; another center's staff cannot open it.
    const mismatch = await callAction(newAction, {
      ...newPage(w.center.id),
      cookie: cookies.teacher,
      form: fall({ source: 'arrival_check', source_id: attendance.id }),
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.data.errors).toEqual({ form: 'errors.sourceNotFound' });
    expect(
      (
        await callLoader(newLoader, {
          ...newPage(w.other.id, `?source=arrival_check&sourceId=${attendance.id}`),
          cookie: cookies.otherCoordinator,
        })
      ).status,
    ).toBe(404);
    const noSource = await callAction(newAction, {
      ...newPage(w.center.id),
      cookie: cookies.teacher,
      form: fall({ source: 'arrival_check', source_id: '' }),
    });
    expect(noSource.data.errors).toEqual({ source: 'errors.invalid' });
  });

  it('does not start one from an arrival without marks', async () => {
    const child = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Sehat' });
    await checkIn({
      centerId: w.center.id,
      childId: child.id,
      actorId: w.caregiver.id,
      health: {
        marksNote: null,
        broughtBy: null,
        temperatureTenths: 365,
        mood: null,
        feverConfirmed: false,
      },
    });
    const attendance = await getDb()
      .selectFrom('attendance')
      .select('id')
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow();
    const page = await callLoader(newLoader, {
      ...newPage(w.center.id, `?source=arrival_check&sourceId=${attendance.id}`),
      cookie: cookies.teacher,
    });
    expect(page.status).toBe(404);
  });

  it('starts one from a refused pickup, filled in', async () => {
    const child = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Nadia' });
    const attemptId = await recordRefusedPickup({
      centerId: w.center.id,
      childId: child.id,
      actorId: w.caregiver.id,
      personName: 'Om Bejo',
    });
    expect(typeof attemptId).toBe('string');
    const page = await callLoader(newLoader, {
      ...newPage(w.center.id, `?source=refused_pickup&sourceId=${attemptId as string}`),
      cookie: cookies.caregiver,
    });
    expect(page.status).toBe(200);
    expect(page.data.childId).toBe(child.id);
    expect(page.data.prefill).toMatchObject({ kind: 'refused_pickup', person: 'Om Bejo', staffName: 'Pengasuh' });
    const saved = await callAction(newAction, {
      ...newPage(w.center.id),
      cookie: cookies.caregiver,
      form: fall({
        child_id: child.id,
        kind: 'refused_pickup',
        occurred_at: page.data.prefill!.atLocal,
        source: 'refused_pickup',
        source_id: attemptId as string,
      }),
    });
    expectRedirect(saved, /\/incidents\//);
    // A wrong kind of source (an attempt's id as an arrival) is not found.
    const wrong = await callLoader(newLoader, {
      ...newPage(w.center.id, `?source=arrival_check&sourceId=${attemptId as string}`),
      cookie: cookies.caregiver,
    });
    expect(wrong.status).toBe(404);
  });
});

describe('the family', () => {
  let incidentId: string;

  beforeAll(async () => {
    const center = (await loadCenter(w.center.id))!;
    const result = await recordIncident({
      center,
      actorId: w.teacher.id,
      input: {
        ...fall(),
        kind: 'bite',
        guardian_informed_how: 'phone',
        guardian_informed_at: hoursAgo(0),
        source: 'manual',
        source_id: null,
      },
    });
    if (!result.ok) throw new Error(result.error);
    incidentId = result.id;
  });

  it('reads the incident in their account and sees it waiting on their home and child pages', async () => {
    const page = await callLoader(familyLoader, { ...familyPage(incidentId), cookie: cookies.parent });
    expect(page.status).toBe(200);
    expect(page.data.incident).toMatchObject({ kind: 'bite', guardianInformedHow: 'phone', signedOffAt: null });
    const home = await callLoader(familyHomeLoader, { path: '/family', cookie: cookies.parent });
    expect(home.data.children[0].incidentsToSign).toContain(incidentId);
    const child = await callLoader(familyChildLoader, {
      path: `/family/children/${w.child.id}`,
      params: { childId: w.child.id },
      cookie: cookies.parent,
    });
    expect(child.data.incidents.map((i) => i.id)).toContain(incidentId);
  });

  it('refuses another family, a pending invitation and a guessed id with 404, each recorded', async () => {
    for (const who of ['otherParent', 'invited'] as const) {
      expect((await callLoader(familyLoader, { ...familyPage(incidentId), cookie: cookies[who] })).status).toBe(404);
      const signed = await callAction(familyAction, {
        ...familyPage(incidentId),
        cookie: cookies[who],
        form: { intent: 'sign-off', comment: '' },
      });
      expect(signed.status).toBe(404);
    }
    // Staff of the center are not its family either.
    expect((await callLoader(familyLoader, { ...familyPage(incidentId), cookie: cookies.coordinator })).status).toBe(
      404,
    );
    const refused = await refusals(incidentId);
    expect(refused).toHaveLength(5);
    expect(refused.every((r) => r.center_id === w.center.id && r.child_id === w.child.id)).toBe(true);
    expect(refused.map((r) => r.actor_id)).toEqual(
      expect.arrayContaining([w.otherParent.id, invited.id, w.coordinator.id]),
    );
    const guessed = await callLoader(familyLoader, { ...familyPage('AbCdEfGhIjKlMnOp'), cookie: cookies.parent });
    expect(guessed.status).toBe(404);
    expect(await refusals('AbCdEfGhIjKlMnOp')).toEqual([{ actor_id: w.parent.id, center_id: null, child_id: null }]);
    // Another family's child list shows none of it.
    const theirs = await callLoader(familyHomeLoader, { path: '/family', cookie: cookies.otherParent });
    expect(theirs.data.children[0].incidentsToSign).toEqual([]);
    expect(await getDb().selectFrom('incidents').select('id').where('signed_off_at', 'is not', null).execute()).toEqual(
      [],
    );
  });

  it('signs it off with the time and a comment, once; staff see who signed and when', async () => {
    const bad = await callAction(familyAction, {
      ...familyPage(incidentId),
      cookie: cookies.parent,
      form: { intent: 'sign-off', comment: 'y'.repeat(1001) },
    });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ comment: 'errors.tooLong?max=1000' });
    expect(bad.data.values.comment).toHaveLength(1001);

    const signed = await callAction(familyAction, {
      ...familyPage(incidentId),
      cookie: cookies.parent,
      form: { intent: 'sign-off', comment: 'Terima kasih, sudah kami obati di rumah.' },
    });
    expectRedirect(signed, `/family/incidents/${incidentId}`);
    const db = getDb();
    const row = await db
      .selectFrom('incidents')
      .select(['signed_off_at', 'signed_off_by', 'guardian_comment'])
      .where('id', '=', incidentId)
      .executeTakeFirstOrThrow();
    expect(row.signed_off_by).toBe(w.parent.id);
    expect(row.guardian_comment).toBe('Terima kasih, sudah kami obati di rumah.');
    expect(Date.now() - Date.parse(row.signed_off_at!)).toBeLessThan(60_000);
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor_id', 'changes', 'child_id'])
      .where('entity', '=', 'incident')
      .where('entity_id', '=', incidentId)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(w.parent.id);
    expect(audit.child_id).toBe(w.child.id);
    expect(Object.keys(JSON.parse(audit.changes)).sort()).toEqual([
      'guardian_comment',
      'signed_off_at',
      'signed_off_by',
    ]);

    const again = await callAction(familyAction, {
      ...familyPage(incidentId),
      cookie: cookies.parent,
      form: { intent: 'sign-off', comment: '' },
    });
    expect(again.status).toBe(400);
    expect(again.data.errors).toEqual({ form: 'errors.alreadySigned' });
    expect(await signOffIncident({ userId: w.parent.id, incidentId, comment: null })).toEqual({
      ok: false,
      error: 'alreadySigned',
    });

    const staff = await callLoader(detailLoader, { ...staffPage(w.center.id, incidentId), cookie: cookies.caregiver });
    expect(staff.data.incident).toMatchObject({
      signedOffByName: 'Ibu',
      signedOffAt: row.signed_off_at,
      guardianComment: 'Terima kasih, sudah kami obati di rumah.',
    });
  });
});

describe('unsigned after 24 hours', () => {
  it('lists for the coordinator the incidents no guardian signed 24 hours after they were recorded', async () => {
    const db = getDb();
    const center = (await loadCenter(w.center.id))!;
    const child = await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Lama' });
    const recordedAt = new Date('2026-11-02T03:00:00.000Z');
    const result = await recordIncident({
      center,
      actorId: w.caregiver.id,
      now: recordedAt,
      input: {
        ...fall(),
        child_id: child.id,
        kind: 'illness',
        occurred_at: '2026-11-02T09:30',
        guardian_informed_how: null,
        guardian_informed_at: null,
        source: 'manual',
        source_id: null,
      },
    });
    if (!result.ok) throw new Error(result.error);
    const at = (hours: number) => new Date(recordedAt.getTime() + hours * 3_600_000);
    const overdue = async (now: Date) =>
      (await unsignedIncidents({ centerId: w.center.id, now })).filter((i) => i.childId === child.id);
    expect(await overdue(at(23.9))).toEqual([]);
    expect((await overdue(at(24))).map((i) => i.id)).toEqual([result.id]);
    expect(await unsignedIncidents({ centerId: w.other.id, now: at(48) })).toEqual([]);

    // The coordinator's home shows it today (recorded weeks ago), with the ones not signed since;
    // the incident signed above is not there. A teacher's home has no such list.
    const home = await callLoader(homeLoader, {
      path: `/c/${w.center.id}`,
      params: { centerId: w.center.id },
      cookie: cookies.coordinator,
    });
    const listed = home.data.unsignedIncidents!.map((i) => i.childName);
    expect(listed).toContain('Lama');
    expect(listed).not.toContain('Putri Lestari');
    const teacherHome = await callLoader(homeLoader, {
      path: `/c/${w.center.id}`,
      params: { centerId: w.center.id },
      cookie: cookies.teacher,
    });
    expect(teacherHome.data.unsignedIncidents).toBeNull();

    // Signed: gone from the list.
    const parent = await makeUser(db, { name: 'Ibu Lama' });
    await db
      .insertInto('guardians')
      .values({
        id: `g-${result.id}`,
        center_id: w.center.id,
        child_id: child.id,
        user_id: parent.id,
        relationship: 'ibu',
        created_at: new Date().toISOString(),
      })
      .execute();
    expect(await signOffIncident({ userId: parent.id, incidentId: result.id, comment: null })).toEqual({ ok: true });
    expect(await overdue(at(48))).toEqual([]);
  });
});
