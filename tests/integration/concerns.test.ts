// Welfare concerns (restricted) and referrals, through the routes: raised from the door's arrival
// check and from an absence follow-up, assessed, referred, closed and reopened; every read recorded;
// everyone else refused with a 404 and a 'refused' entry; nothing of a concern in the change
// history, the family's pages, the child's pages, live events or email.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeAbsenceFollowUp, makeUser } from '~db/seed/factories';
import { checkIn } from '~/modules/attendance/attendance.server';
import { concernsDue } from '~/modules/concerns/concerns.server';
import { localDate } from '~/modules/time/time';
import { loader as auditLoader } from '~/routes/c.$centerId.audit';
import { loader as auditCsvLoader } from '~/routes/c.$centerId.audit[.]csv';
import { loader as childLoader } from '~/routes/c.$centerId.children.$childId._index';
import { loader as childDayLoader } from '~/routes/c.$centerId.children.$childId.day';
import { loader as listLoader } from '~/routes/c.$centerId.concerns._index';
import { action as concernAction, loader as concernLoader } from '~/routes/c.$centerId.concerns.$concernId';
import { loader as letterLoader } from '~/routes/c.$centerId.concerns.$concernId_.referrals.$referralId';
import { action as raiseAction, loader as raiseLoader } from '~/routes/c.$centerId.concerns.new';
import { loader as familyLoader } from '~/routes/family._index';
import { loader as familyChildLoader } from '~/routes/family.children.$childId._index';
import { loader as familyDayLoader } from '~/routes/family.children.$childId.day';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
const cookie: Record<string, string> = {};
let secondTeacher: string;
let today: string;
const MARKS = 'Memar biru di lengan kiri RAHASIA-1';
const DESCRIPTION = 'Memar biru sebesar koin di lengan kiri, terlihat saat datang. RAHASIA-2';
const WORDS = 'Kata anak: "Aku jatuh dari motor." RAHASIA-3';
const SHARED = 'Uraian memar dan tanggal kejadian. RAHASIA-4';
const SECRETS = /RAHASIA|Memar biru|jatuh dari motor/;
/** The concern's own words (the marks note itself is the attendance record's, which staff and the family see). */
const CONTENT = /RAHASIA-[234]|sebesar koin|jatuh dari motor/;
let concernId = '';
let absenceConcernId = '';
let referralId = '';
let liveEventsAtStart = 0;

const liveEvents = async () =>
  Number(
    (
      await getDb()
        .selectFrom('live_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const at = (id = concernId, centerId = w.center.id) => ({
  path: `/c/${centerId}/concerns/${id}`,
  params: { centerId, concernId: id },
});
const open = (who: string, id = concernId, centerId = w.center.id) =>
  callLoader(concernLoader, { ...at(id, centerId), cookie: cookie[who] });
const post = (who: string, form: Record<string, string>, id = concernId) =>
  callAction(concernAction, { ...at(id), cookie: cookie[who], form });
const refusals = () =>
  getDb()
    .selectFrom('audit_log')
    .select(['id', 'actor_id', 'center_id', 'entity_id', 'child_id'])
    .where('entity', '=', 'welfare_concern')
    .where('action', '=', 'refused')
    .execute();

beforeAll(async () => {
  w = await twoCenters();
  const db = getDb();
  secondTeacher = (
    await makeUser(db, {
      email: 'guru2@example.test',
      name: 'Guru Dua',
      memberships: [{ centerId: w.center.id, role: 'teacher' }],
    })
  ).id;
  for (const [who, id] of Object.entries({
    coordinator: w.coordinator.id,
    teacher: w.teacher.id,
    caregiver: w.caregiver.id,
    otherCoordinator: w.otherCoordinator.id,
    parent: w.parent.id,
    secondTeacher,
  }))
    cookie[who] = await sessionCookie(id);
  today = localDate('Asia/Jakarta');
  liveEventsAtStart = await liveEvents();
});

describe('raising a concern', () => {
  it('starts from the arrival check with marks, and tells the coordinators without any content', async () => {
    const checked = await checkIn({
      centerId: w.center.id,
      childId: w.child.id,
      actorId: w.caregiver.id,
      health: { temperatureTenths: null, marksNote: MARKS, mood: null, broughtBy: 'Ibu', feverConfirmed: false },
    });
    expect(checked.ok).toBe(true);
    liveEventsAtStart = await liveEvents();
    const attendance = await getDb()
      .selectFrom('attendance')
      .select('id')
      .where('child_id', '=', w.child.id)
      .executeTakeFirstOrThrow();
    const path = `/c/${w.center.id}/concerns/new?attendance=${attendance.id}`;
    const form = await callLoader(raiseLoader, { path, params: { centerId: w.center.id }, cookie: cookie.caregiver });
    expect(form.status).toBe(200);
    expect(form.data.start).toMatchObject({
      child_id: w.child.id,
      category: 'injury_at_arrival',
      source: 'arrival_check',
      source_id: attendance.id,
      marks: MARKS,
    });

    // Bad input: a disclosure without the child's words, values kept.
    const bad = await callAction(raiseAction, {
      path,
      params: { centerId: w.center.id },
      cookie: cookie.caregiver,
      form: { child_id: w.child.id, category: 'disclosure', description: DESCRIPTION, source: 'arrival_check' },
    });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ child_words: 'errors.concernChildWords' });
    expect(bad.data.values).toMatchObject({ description: DESCRIPTION });
    // Another center's child is not a choice.
    const foreign = await callAction(raiseAction, {
      path,
      params: { centerId: w.center.id },
      cookie: cookie.caregiver,
      form: { child_id: w.otherChild.id, category: 'other', description: DESCRIPTION },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.data.errors).toEqual({ child_id: 'errors.choose' });

    const raised = await callAction(raiseAction, {
      path,
      params: { centerId: w.center.id },
      cookie: cookie.caregiver,
      form: {
        child_id: w.child.id,
        category: 'injury_at_arrival',
        description: DESCRIPTION,
        child_words: WORDS,
        source: 'arrival_check',
        source_id: attendance.id,
      },
    });
    expectRedirect(raised, /^\/c\/[\w-]+\/concerns\/[\w-]+$/);
    concernId = raised.headers.get('Location')!.split('/').pop()!;
    const row = await getDb()
      .selectFrom('welfare_concerns')
      .selectAll()
      .where('id', '=', concernId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      center_id: w.center.id,
      child_id: w.child.id,
      source: 'arrival_check',
      source_id: attendance.id,
      raised_by: w.caregiver.id,
      status: 'open',
      risk_level: null,
    });

    const mail = await getDb()
      .selectFrom('outbox')
      .select(['to_email', 'subject', 'body', 'next_attempt_at', 'created_at'])
      .where('kind', '=', 'welfare_concern')
      .execute();
    expect(mail.map((m) => m.to_email)).toEqual(['koor@example.test']);
    expect(mail[0].body).toContain(`/c/${w.center.id}/concerns/${concernId}`);
    expect(mail[0].subject + mail[0].body).not.toMatch(SECRETS);
    expect(mail[0].subject + mail[0].body).not.toContain('Putri');
    expect(mail[0].next_attempt_at).toBe(mail[0].created_at);
    expect(await liveEvents()).toBe(liveEventsAtStart);
  });

  it('starts from an absence follow-up (a coordinator’s), which it resolves', async () => {
    const followUp = await makeAbsenceFollowUp(getDb(), {
      centerId: w.center.id,
      childId: w.child.id,
      missedDays: ['2026-11-27', '2026-11-26', '2026-11-25'],
      createdAt: new Date().toISOString(),
    });
    const path = `/c/${w.center.id}/concerns/new?followUp=${followUp.id}`;
    const asCaregiver = await callLoader(raiseLoader, {
      path,
      params: { centerId: w.center.id },
      cookie: cookie.caregiver,
    });
    expect(asCaregiver.data.start.source).toBe('manual');
    const refused = await callAction(raiseAction, {
      path,
      params: { centerId: w.center.id },
      cookie: cookie.caregiver,
      form: {
        child_id: w.child.id,
        category: 'unexplained_absence',
        description: 'x',
        source: 'absence_follow_up',
        source_id: followUp.id,
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toEqual({ form: 'errors.concern_sourceNotFound' });

    const form = await callLoader(raiseLoader, { path, params: { centerId: w.center.id }, cookie: cookie.coordinator });
    expect(form.data.start).toMatchObject({
      child_id: w.child.id,
      category: 'unexplained_absence',
      source: 'absence_follow_up',
      missedDays: ['2026-11-27', '2026-11-26', '2026-11-25'],
    });
    const raised = await callAction(raiseAction, {
      path,
      params: { centerId: w.center.id },
      cookie: cookie.coordinator,
      form: {
        child_id: w.child.id,
        category: 'unexplained_absence',
        description: 'Tiga hari tidak hadir tanpa keterangan; telepon tidak dijawab.',
        source: 'absence_follow_up',
        source_id: followUp.id,
      },
    });
    expectRedirect(raised, /\/concerns\//);
    absenceConcernId = raised.headers.get('Location')!.split('/').pop()!;
    const resolved = await getDb()
      .selectFrom('follow_ups')
      .select(['resolved_by', 'resolution'])
      .where('id', '=', followUp.id)
      .executeTakeFirstOrThrow();
    expect(resolved).toEqual({
      resolved_by: w.coordinator.id,
      resolution: 'Dilanjutkan sebagai kekhawatiran kesejahteraan anak.',
    });
    // The coordinator who raised it is not told of their own concern.
    expect(
      await getDb().selectFrom('outbox').select('id').where('kind', '=', 'welfare_concern').execute(),
    ).toHaveLength(1);
  });
});

describe('who sees it', () => {
  it('records every view, and lists who has seen it', async () => {
    const first = await open('coordinator');
    expect(first.status).toBe(200);
    expect(first.data.concern.description).toBe(DESCRIPTION);
    expect(first.data.concern.child_words).toBe(WORDS);
    await open('coordinator');
    const mine = await open('caregiver');
    expect(mine.status).toBe(200);
    expect(mine.data.manages).toBe(false);
    const views = await getDb()
      .selectFrom('concern_views')
      .select(['user_id', 'center_id'])
      .where('concern_id', '=', concernId)
      .execute();
    expect(views.filter((v) => v.user_id === w.coordinator.id)).toHaveLength(2);
    expect(views.every((v) => v.center_id === w.center.id)).toBe(true);
    expect(mine.data.views).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: w.coordinator.id, name: 'Koor', count: 2 }),
        expect.objectContaining({ userId: w.caregiver.id, count: 1 }),
      ]),
    );
    const audited = await getDb()
      .selectFrom('audit_log')
      .select(['actor_id', 'center_id', 'child_id'])
      .where('entity', '=', 'welfare_concern')
      .where('entity_id', '=', concernId)
      .where('action', '=', 'view')
      .execute();
    expect(audited).toHaveLength(3);
    expect(audited.every((a) => a.center_id === w.center.id && a.child_id === null)).toBe(true);
  });

  it('refuses another teacher, a guardian and another center’s coordinator: 404 and a refused entry', async () => {
    const seen = new Set((await refusals()).map((r) => r.id));
    expect((await open('teacher')).status).toBe(404);
    expect((await open('parent')).status).toBe(404);
    // Another center's coordinator, through their own center's URL and through this one's.
    expect((await open('otherCoordinator', concernId, w.other.id)).status).toBe(404);
    expect((await open('otherCoordinator')).status).toBe(404);
    // A post is refused the same way, and changes nothing.
    expect((await post('teacher', { intent: 'entry', kind: 'note', body: 'x' })).status).toBe(404);
    const rows = (await refusals()).filter((r) => !seen.has(r.id));
    expect(rows.map((r) => r.actor_id).sort()).toEqual(
      [w.teacher.id, w.parent.id, w.otherCoordinator.id, w.otherCoordinator.id, w.teacher.id].sort(),
    );
    expect(rows.every((r) => r.center_id === w.center.id && r.entity_id === concernId && r.child_id === null)).toBe(
      true,
    );
    // A guessed id that exists nowhere: refused, with no center.
    expect((await open('teacher', 'no-such-concern')).status).toBe(404);
    expect((await refusals()).filter((r) => r.entity_id === 'no-such-concern')).toEqual([
      expect.objectContaining({ center_id: null, actor_id: w.teacher.id }),
    ]);
    // Lists: the coordinator sees every concern, the caregiver the one she raised, the teacher none.
    const list = async (who: string) =>
      (
        await callLoader(listLoader, {
          path: `/c/${w.center.id}/concerns`,
          params: { centerId: w.center.id },
          cookie: cookie[who],
        })
      ).data.concerns.map((c) => c.id);
    expect((await list('coordinator')).sort()).toEqual([concernId, absenceConcernId].sort());
    expect(await list('caregiver')).toEqual([concernId]);
    expect(await list('teacher')).toEqual([]);
  });

  it('lets the person who raised it add a note, nothing else, and shows them none of the coordinator’s work', async () => {
    expect((await post('caregiver', { intent: 'assess', risk_level: 'low', body: 'x' })).status).toBe(403);
    expectRedirect(
      await post('caregiver', { intent: 'entry', kind: 'note', body: 'Lengan masih biru keesokan harinya.' }),
      `/c/${w.center.id}/concerns/${concernId}`,
    );
    expect((await post('caregiver', { intent: 'entry', kind: 'decision', body: 'x' })).status).toBe(403);
  });
});

describe('the coordinator’s work', () => {
  it('assesses, with errors that keep what was typed', async () => {
    const missing = await post('coordinator', { intent: 'assess', body: 'Perlu bicara dengan ibu.' });
    expect(missing.status).toBe(400);
    expect(missing.data.errors).toEqual({ risk_level: 'errors.required' });
    expect(missing.data.values).toMatchObject({ body: 'Perlu bicara dengan ibu.' });
    const past = await post('coordinator', {
      intent: 'assess',
      risk_level: 'medium',
      body: 'Perlu bicara dengan ibu.',
      follow_up_on: '2020-01-01',
    });
    expect(past.status).toBe(400);
    expect(past.data.errors).toEqual({ follow_up_on: 'errors.concern_followUpInPast' });
    expect(past.data.values).toMatchObject({ risk_level: 'medium', follow_up_on: '2020-01-01' });
    expectRedirect(
      await post('coordinator', {
        intent: 'assess',
        risk_level: 'medium',
        body: 'Perlu bicara dengan ibu.',
        follow_up_on: today,
      }),
      `/c/${w.center.id}/concerns/${concernId}`,
    );
    expectRedirect(
      await post('coordinator', { intent: 'entry', kind: 'action', body: 'Menelepon ibu; tidak diangkat.' }),
      /concerns/,
    );
    const seen = await open('coordinator');
    expect(seen.data.concern.risk_level).toBe('medium');
    expect(seen.data.entries.map((e) => e.kind)).toEqual(['note', 'assessment', 'action']);
    const raiser = await open('caregiver');
    expect(raiser.data.concern.risk_level).toBeNull();
    expect(raiser.data.entries.map((e) => e.kind)).toEqual(['note']);
    expect(raiser.data.referrals).toEqual([]);
  });

  it('refers to an outside service, and prints the letter with the minimum of data', async () => {
    const bad = await post('coordinator', {
      intent: 'refer',
      service: 'uptd_ppa',
      recipient: '',
      shared_what: SHARED,
      basis: 'legal_duty',
      shared_on: today,
      shared_time: '09:30',
    });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ recipient: 'errors.required' });
    expect(bad.data.values).toMatchObject({ shared_what: SHARED, basis: 'legal_duty' });
    const future = await post('coordinator', {
      intent: 'refer',
      service: 'uptd_ppa',
      recipient: 'UPTD PPA Kota',
      shared_what: SHARED,
      basis: 'legal_duty',
      shared_on: '2099-01-01',
      shared_time: '09:30',
    });
    expect(future.data.errors).toEqual({ shared_on: 'errors.concern_sharedInFuture' });
    expectRedirect(
      await post('coordinator', {
        intent: 'refer',
        service: 'uptd_ppa',
        recipient: 'UPTD PPA Kota',
        contact: 'Ibu Sari, 021-555',
        shared_what: SHARED,
        basis: 'legal_duty',
        shared_on: today,
        shared_time: '00:00',
        follow_up_on: today,
      }),
      /concerns/,
    );
    const referral = await getDb()
      .selectFrom('concern_referrals')
      .selectAll()
      .where('concern_id', '=', concernId)
      .executeTakeFirstOrThrow();
    referralId = referral.id;
    expect(referral).toMatchObject({ service: 'uptd_ppa', basis: 'legal_duty', created_by: w.coordinator.id });
    const letterAt = (centerId = w.center.id) => ({
      path: `/c/${centerId}/concerns/${concernId}/referrals/${referralId}`,
      params: { centerId, concernId, referralId },
    });
    const letter = await callLoader(letterLoader, { ...letterAt(), cookie: cookie.coordinator });
    expect(letter.status).toBe(200);
    expect(letter.data.letter).toMatchObject({
      recipient: 'UPTD PPA Kota',
      childName: 'Putri Lestari',
      shared_what: SHARED,
      contactPerson: 'Koor',
    });
    // Nothing of the concern beyond what the referral shares.
    expect(JSON.stringify(letter.data)).not.toMatch(/RAHASIA-[123]/);
    expect((await callLoader(letterLoader, { ...letterAt(), cookie: cookie.caregiver })).status).toBe(404);
    expect((await callLoader(letterLoader, { ...letterAt(), cookie: cookie.parent })).status).toBe(404);
    expect((await callLoader(letterLoader, { ...letterAt(w.other.id), cookie: cookie.otherCoordinator })).status).toBe(
      404,
    );
  });

  it('lists overdue follow-ups of concerns and referrals for the coordinator’s home', async () => {
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const due = await concernsDue({ centerId: w.center.id, today: tomorrow });
    expect(due.concerns).toEqual([{ concernId, followUpOn: today, childName: 'Putri Lestari' }]);
    expect(due.referrals).toEqual([{ concernId, referralId, followUpOn: today, childName: 'Putri Lestari' }]);
    expect(due.unassessed).toBe(1);
    expect(await concernsDue({ centerId: w.center.id, today })).toMatchObject({ concerns: [], referrals: [] });
    expect(await concernsDue({ centerId: w.other.id, today: tomorrow })).toEqual({
      concerns: [],
      referrals: [],
      unassessed: 0,
    });
    expectRedirect(await post('coordinator', { intent: 'referralDone', referral_id: referralId }), /concerns/);
    expect((await concernsDue({ centerId: w.center.id, today: tomorrow })).referrals).toEqual([]);
  });

  it('closes with an outcome and a reason, stays readable, and reopens with a reason', async () => {
    const bad = await post('coordinator', { intent: 'close', outcome: 'handed_to_service', close_reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ close_reason: 'errors.required' });
    expect(bad.data.values).toMatchObject({ outcome: 'handed_to_service' });
    expectRedirect(
      await post('coordinator', {
        intent: 'close',
        outcome: 'handed_to_service',
        close_reason: 'UPTD PPA menangani; keluarga didampingi.',
      }),
      /concerns/,
    );
    const closed = await open('coordinator');
    expect(closed.data.concern).toMatchObject({ status: 'closed', outcome: 'handed_to_service', closedByName: 'Koor' });
    const late = await post('coordinator', { intent: 'assess', risk_level: 'high', body: 'x' });
    expect(late.status).toBe(400);
    expect(late.data.errors).toEqual({ form: 'errors.concern_closed' });
    expect((await open('teacher')).status).toBe(404);
    const noReason = await post('coordinator', { intent: 'reopen', reason: ' ' });
    expect(noReason.data.errors).toEqual({ reason: 'errors.required' });
    expectRedirect(await post('coordinator', { intent: 'reopen', reason: 'Memar baru terlihat.' }), /concerns/);
    const reopened = await open('coordinator');
    expect(reopened.data.concern).toMatchObject({ status: 'open', outcome: null });
    expect(reopened.data.entries.map((e) => e.kind).slice(-2)).toEqual(['closure', 'reopening']);
  });
});

describe('nothing leaks', () => {
  it('the change history and its CSV show no content, and name no child', async () => {
    const rows = await getDb()
      .selectFrom('audit_log')
      .select(['entity', 'child_id', 'changes'])
      .where('entity', 'in', ['welfare_concern', 'concern_entry', 'concern_referral'])
      .execute();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((r) => r.child_id === null)).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(SECRETS);
    expect(JSON.stringify(rows)).not.toMatch(/UPTD|Perlu bicara|medium|injury|handed_to_service|Menelepon/);

    const page = await callLoader(auditLoader, {
      path: `/c/${w.center.id}/audit`,
      params: { centerId: w.center.id },
      cookie: cookie.coordinator,
    });
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.data);
    expect(text).toContain('welfare_concern');
    expect(text).not.toMatch(CONTENT);
    expect(text).not.toMatch(/UPTD|Perlu bicara|Risiko sedang|Menelepon/);
    const csv = await callLoader(auditCsvLoader, {
      path: `/c/${w.center.id}/audit.csv`,
      params: { centerId: w.center.id },
      cookie: cookie.coordinator,
    });
    expect(csv.status).toBe(200);
    expect(String(csv.data)).toContain('kekhawatiran kesejahteraan anak');
    expect(String(csv.data)).not.toMatch(CONTENT);
    expect(String(csv.data)).not.toMatch(/UPTD|Perlu bicara|Risiko sedang|Menelepon/);
    // The child's own history (the log filtered by child) has no concern entry.
    const childLog = await callLoader(auditLoader, {
      path: `/c/${w.center.id}/audit?child=${w.child.id}`,
      params: { centerId: w.center.id },
      cookie: cookie.coordinator,
    });
    expect(JSON.stringify(childLog.data)).not.toContain('welfare_concern');
  });

  it('the family’s pages, the child’s pages and live events carry nothing of it', async () => {
    const family = [
      await callLoader(familyLoader, { path: '/family', cookie: cookie.parent }),
      await callLoader(familyChildLoader, {
        path: `/family/children/${w.child.id}`,
        params: { childId: w.child.id },
        cookie: cookie.parent,
      }),
      await callLoader(familyDayLoader, {
        path: `/family/children/${w.child.id}/day`,
        params: { childId: w.child.id },
        cookie: cookie.parent,
      }),
    ];
    for (const page of family) {
      expect(page.status).toBe(200);
      expect(JSON.stringify(page.data)).not.toMatch(/RAHASIA-[234]|UPTD|concern/i);
    }
    for (const who of ['teacher', 'coordinator']) {
      const params = { centerId: w.center.id, childId: w.child.id };
      const child = await callLoader(childLoader, {
        path: `/c/${w.center.id}/children/${w.child.id}`,
        params,
        cookie: cookie[who],
      });
      const day = await callLoader(childDayLoader, {
        path: `/c/${w.center.id}/children/${w.child.id}/day`,
        params,
        cookie: cookie[who],
      });
      expect(child.status).toBe(200);
      expect(day.status).toBe(200);
      expect(JSON.stringify([child.data, day.data])).not.toMatch(/RAHASIA-[234]|UPTD|welfare|concern_/i);
    }
    // Every change above published nothing: no topic, no family's, no staff's.
    expect(await liveEvents()).toBe(liveEventsAtStart);
  });
});
