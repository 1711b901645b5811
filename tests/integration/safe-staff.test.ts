import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeClassroom, makeChild, makeUser } from '~db/seed/factories';
import { checkIn } from '~/modules/attendance/attendance.server';
import { clockIn, ratiosNow } from '~/modules/attendance/board.server';
import { loadCenter } from '~/modules/centers/context.server';
import { runJob } from '~/modules/jobs/jobs.server';
import { staffCheckStatus } from '~/modules/safeguarding/safeguarding.server';
import { CRITERIA } from '~/modules/safeguarding/standard';
import { localDate } from '~/modules/time/time';
import { loader as documentLoader } from '~/routes/c.$centerId.safeguarding.documents.$documentId';
import { action as centerAction, loader as centerLoader } from '~/routes/c.$centerId.safeguarding._index';
import { loader as assessmentLoader } from '~/routes/c.$centerId.safeguarding.assessments.$assessmentId';
import { action as newAssessmentAction } from '~/routes/c.$centerId.safeguarding.assessments.new';
import { action as personAction, loader as personLoader } from '~/routes/c.$centerId.safeguarding.staff.$userId';
import { loader as staffLoader } from '~/routes/c.$centerId.staff';
import { loader as todayLoader } from '~/routes/c.$centerId.today';
import { EXE_BYTES, multipart, PDF_BYTES } from '../support/files';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let coordinator: string;
let teacher: string;
let caregiver: string;
let otherCoordinator: string;
let today: string;
const day = (offset: number) => DateTime.fromISO(today).plus({ days: offset }).toISODate()!;

beforeAll(async () => {
  w = await twoCenters();
  [coordinator, teacher, caregiver, otherCoordinator] = await Promise.all(
    [w.coordinator, w.teacher, w.caregiver, w.otherCoordinator].map((u) => sessionCookie(u.id)),
  );
  today = localDate(w.center.time_zone);
});

const person = (userId: string, cookie = coordinator, centerId = w.center.id) => ({
  path: `/c/${centerId}/safeguarding/staff/${userId}`,
  params: { centerId, userId },
  cookie,
});
const recordCheck = (userId: string, fields: Record<string, string>, file?: Buffer) =>
  callAction(personAction, {
    ...person(userId),
    form: multipart({ intent: 'check', ...fields }, file ? { document: { name: 'skck.pdf', bytes: file } } : {}),
  });
const refusals = (entityId: string) =>
  getDb()
    .selectFrom('audit_log')
    .select(['actor_id', 'center_id', 'entity'])
    .where('entity_id', '=', entityId)
    .where('action', '=', 'refused')
    .execute();

describe("a staff member's checks", () => {
  it('says what is wrong with a check and keeps what was typed', async () => {
    const missing = await recordCheck(w.caregiver.id, {
      kind: 'police_clearance',
      reference: 'SKCK/123',
      issued_on: day(-10),
    });
    expect(missing.status).toBe(400);
    expect(missing.data).toMatchObject({
      errors: { expires_on: 'errors.required' },
      values: { kind: 'police_clearance', reference: 'SKCK/123', issued_on: day(-10) },
    });
    const backwards = await recordCheck(w.caregiver.id, {
      kind: 'health_certificate',
      issued_on: day(-10),
      expires_on: day(-20),
    });
    expect(backwards.data).toMatchObject({ errors: { expires_on: 'errors.expiryBeforeIssue' } });
    const exe = await recordCheck(
      w.caregiver.id,
      { kind: 'police_clearance', issued_on: day(-10), expires_on: day(100) },
      EXE_BYTES,
    );
    expect(exe.status).toBe(400);
    expect(exe.data).toMatchObject({
      errors: { document: 'errors.fileTypeDocument' },
      values: { kind: 'police_clearance' },
    });
    const badKind = await recordCheck(w.caregiver.id, { kind: 'tattoo', issued_on: day(-10) });
    expect(badKind.data).toMatchObject({ errors: { kind: 'errors.choose' } });
    expect(await getDb().selectFrom('staff_checks').select('id').execute()).toHaveLength(0);
  });

  it('applies the lapsed rule on a fixed date', async () => {
    const db = getDb();
    await db
      .insertInto('staff_checks')
      .values([
        {
          id: 'fixed-skck',
          center_id: w.other.id,
          user_id: w.otherCoordinator.id,
          kind: 'police_clearance',
          reference: null,
          issued_on: '2026-01-10',
          expires_on: '2026-07-10',
          document_id: null,
          recorded_by: w.otherCoordinator.id,
          created_at: '2026-01-10T01:00:00.000Z',
        },
      ])
      .execute();
    const on = async (date: string) =>
      (await staffCheckStatus({ centerId: w.other.id, today: date })).find((s) => s.id === w.otherCoordinator.id)!;
    expect(await on('2026-07-10')).toMatchObject({ counts: true, lapsed: [] });
    expect(await on('2026-07-11')).toMatchObject({ counts: false, reason: 'lapsed', lapsed: ['police_clearance'] });
    await db.deleteFrom('staff_checks').where('id', '=', 'fixed-skck').execute();
  });
});

describe('a lapsed person and the live ratio', () => {
  it('leaves the ratio, is flagged on the staff list, and comes back when the coordinator decides', async () => {
    const center = (await loadCenter(w.center.id))!;
    const room = await makeClassroom(getDb(), {
      centerId: w.center.id,
      name: 'Bayi',
      minAgeMonths: 0,
      maxAgeMonths: 24,
    });
    const baby = await makeChild(getDb(), {
      centerId: w.center.id,
      classroomId: room.id,
      birthDate: DateTime.fromISO(today).minus({ months: 10 }).toISODate()!,
    });
    expect((await checkIn({ centerId: w.center.id, childId: baby.id, actorId: w.caregiver.id })).ok).toBe(true);
    await clockIn({ center, classroomId: room.id, userId: w.caregiver.id });
    const ratio = async () =>
      (await ratiosNow({ centerId: w.center.id, date: today, rules: center.ratioRules })).find(
        (r) => r.id === room.id,
      )!;
    expect(await ratio()).toMatchObject({ staff: 1, ok: true, notCounted: [] });

    const saved = await recordCheck(
      w.caregiver.id,
      { kind: 'police_clearance', reference: 'SKCK/2025/77', issued_on: day(-200), expires_on: day(-1) },
      PDF_BYTES,
    );
    expect(saved.data).toEqual({ saved: 'check' });
    expect(await ratio()).toMatchObject({
      staff: 0,
      ok: false,
      notCounted: [{ name: 'Pengasuh', reason: 'lapsed', lapsed: ['police_clearance'] }],
    });
    const door = await callLoader(todayLoader, {
      path: `/c/${w.center.id}/today?room=${room.id}`,
      params: { centerId: w.center.id },
      cookie: caregiver,
    });
    expect(door.data.board?.ratios.find((r) => r.id === room.id)?.notCounted).toHaveLength(1);
    const staffList = await callLoader(staffLoader, {
      path: '',
      params: { centerId: w.center.id },
      cookie: coordinator,
    });
    expect(staffList.data.checks.find((c) => c.id === w.caregiver.id)).toMatchObject({
      counts: false,
      reason: 'lapsed',
    });

    const decide = (decision: string) =>
      callAction(personAction, { ...person(w.caregiver.id), form: { intent: 'ratio', decision } });
    expect((await decide('maybe')).status).toBe(400);
    expect((await decide('count')).data).toEqual({ saved: 'ratio' });
    expect(await ratio()).toMatchObject({ staff: 1, ok: true, notCounted: [] });
    const entry = await getDb()
      .selectFrom('audit_log')
      .select(['actor_id', 'changes'])
      .where('entity', '=', 'membership')
      .where('center_id', '=', w.center.id)
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(w.coordinator.id);
    expect(JSON.parse(entry.changes)).toMatchObject({ counts_in_ratio_override: [null, 1] });
    const page = await callLoader(personLoader, person(w.caregiver.id));
    expect(page.data.record.status).toMatchObject({ counts: true, override: 1, lapsed: ['police_clearance'] });
    expect(page.data.record.decidedByName).toBe('Koor');

    // Back to the rule: still lapsed, out again; a renewed SKCK brings them back.
    await decide('rule');
    expect(await ratio()).toMatchObject({ staff: 0 });
    await recordCheck(w.caregiver.id, { kind: 'police_clearance', issued_on: day(0), expires_on: day(180) });
    expect(await ratio()).toMatchObject({ staff: 1, notCounted: [] });
  });
});

describe('who may see a record and its documents', () => {
  it('lets the person see their own record (as "me") but not add to it', async () => {
    const own = await callLoader(personLoader, { ...person('me', caregiver) });
    expect(own.status).toBe(200);
    expect(own.data.record.status.name).toBe('Pengasuh');
    expect(own.data.isCoordinator).toBe(false);
    const doc = own.data.record.checks.find((c) => c.document_id)!.document_id!;
    const file = await callLoader(documentLoader, {
      path: '',
      params: { centerId: w.center.id, documentId: doc },
      cookie: caregiver,
    });
    expect(file.status).toBe(200);
    const post = await callAction(personAction, {
      ...person('me', caregiver),
      form: { intent: 'ratio', decision: 'count' },
    });
    expect(post.status).toBe(403);
  });

  it("refuses a teacher opening another person's record or document, and records it", async () => {
    expect((await callLoader(personLoader, person(w.caregiver.id, teacher))).status).toBe(404);
    expect(await refusals(w.caregiver.id)).toContainEqual({
      actor_id: w.teacher.id,
      center_id: w.center.id,
      entity: 'user',
    });
    const doc = (
      await getDb()
        .selectFrom('staff_checks')
        .select('document_id')
        .where('document_id', 'is not', null)
        .executeTakeFirstOrThrow()
    ).document_id!;
    const file = await callLoader(documentLoader, {
      path: '',
      params: { centerId: w.center.id, documentId: doc },
      cookie: teacher,
    });
    expect(file.status).toBe(404);
    expect(await refusals(doc)).toContainEqual({ actor_id: w.teacher.id, center_id: w.center.id, entity: 'document' });
  });

  it("refuses another center's coordinator and a guessed document id, under the record's own center", async () => {
    const foreign = await callLoader(personLoader, person(w.caregiver.id, otherCoordinator, w.other.id));
    expect(foreign.status).toBe(404);
    expect(await refusals(w.caregiver.id)).toContainEqual({
      actor_id: w.otherCoordinator.id,
      center_id: w.center.id,
      entity: 'user',
    });
    const doc = (
      await getDb()
        .selectFrom('staff_checks')
        .select('document_id')
        .where('document_id', 'is not', null)
        .executeTakeFirstOrThrow()
    ).document_id!;
    const viaOther = await callLoader(documentLoader, {
      path: '',
      params: { centerId: w.other.id, documentId: doc },
      cookie: otherCoordinator,
    });
    expect(viaOther.status).toBe(404);
    expect(await refusals(doc)).toContainEqual({
      actor_id: w.otherCoordinator.id,
      center_id: w.center.id,
      entity: 'document',
    });
    const guessed = await callLoader(documentLoader, {
      path: '',
      params: { centerId: w.center.id, documentId: 'no-such-document' },
      cookie: coordinator,
    });
    expect(guessed.status).toBe(404);
    expect(await refusals('no-such-document')).toEqual([
      { actor_id: w.coordinator.id, center_id: null, entity: 'document' },
    ]);
    // The coordinator pages are the coordinator's.
    expect(
      (await callLoader(centerLoader, { path: '', params: { centerId: w.center.id }, cookie: teacher })).status,
    ).toBe(403);
    expect(
      (await callLoader(centerLoader, { path: '', params: { centerId: w.center.id }, cookie: otherCoordinator }))
        .status,
    ).toBe(404);
  });
});

describe("the center's licences", () => {
  const licence = (fields: Record<string, string>, cookie = coordinator) =>
    callAction(centerAction, {
      path: `/c/${w.center.id}/safeguarding`,
      params: { centerId: w.center.id },
      cookie,
      form: multipart({ intent: 'licence', ...fields }, { document: { name: 'izin.pdf', bytes: PDF_BYTES } }),
    });

  it('records an operating licence and an accreditation with its grade, and shows the expiry', async () => {
    const noGrade = await licence({ kind: 'accreditation', reference: 'AKR-1', issued_on: day(-30) });
    expect(noGrade.data).toMatchObject({ errors: { grade: 'errors.required' }, values: { reference: 'AKR-1' } });
    expect((await licence({ kind: 'operating_licence', reference: '', issued_on: day(-30) })).data).toMatchObject({
      errors: { reference: 'errors.required' },
    });
    expect(
      (
        await licence({
          kind: 'operating_licence',
          reference: '503/IO/2024',
          issuer: 'DPMPTSP',
          issued_on: day(-700),
          expires_on: day(20),
        })
      ).data,
    ).toEqual({ saved: true });
    expect(
      (await licence({ kind: 'accreditation', reference: 'AKR-2', grade: 'A', issued_on: day(-100) })).data,
    ).toEqual({
      saved: true,
    });
    const page = await callLoader(centerLoader, { path: '', params: { centerId: w.center.id }, cookie: coordinator });
    expect(page.data.licences.find((l) => l.kind === 'operating_licence')).toMatchObject({
      current: true,
      state: 'dueSoon',
      expires_on: day(20),
    });
    expect(page.data.licences.find((l) => l.kind === 'accreditation')).toMatchObject({ grade: 'A', state: 'valid' });
    const audited = await getDb()
      .selectFrom('audit_log')
      .select('entity')
      .where('entity', '=', 'center_licence')
      .execute();
    expect(audited).toHaveLength(2);
  });

  it('reminds of the licence and of checks 30 days ahead, once', async () => {
    await recordCheck(w.teacher.id, { kind: 'health_certificate', issued_on: day(-300), expires_on: day(10) });
    const first = await runJob('remind-safeguarding-expiry');
    expect(first.summary).toMatch(/^queued [1-9]\d* expiry reminder/);
    const again = await runJob('remind-safeguarding-expiry');
    expect(again.summary).toBe('queued 0 expiry reminder(s)');
    const mail = await getDb()
      .selectFrom('outbox')
      .select(['kind', 'user_id', 'subject'])
      .where('kind', 'in', ['check_expiring', 'licence_expiring'])
      .where('center_id', '=', w.center.id)
      .execute();
    expect(mail.filter((m) => m.kind === 'licence_expiring').map((m) => m.user_id)).toEqual([w.coordinator.id]);
    expect(
      mail
        .filter((m) => m.kind === 'check_expiring')
        .map((m) => m.user_id)
        .sort(),
    ).toEqual([w.coordinator.id, w.teacher.id].sort());
    expect(mail.find((m) => m.kind === 'check_expiring')?.subject).toContain('Surat keterangan sehat Guru');
    // A fixed clock: 40 days before the health certificate's expiry, nothing is due yet.
    const early = await runJob(
      'remind-safeguarding-expiry',
      DateTime.fromISO(day(-40), { zone: w.center.time_zone }).set({ hour: 9 }).toJSDate(),
    );
    expect(early.summary).toBe('queued 0 expiry reminder(s)');
  });
});

describe('the self-assessment', () => {
  const answers = (met: string) =>
    Object.fromEntries(
      CRITERIA.flatMap((c) => [
        [`met_${c.key}`, met],
        [`note_${c.key}`, ''],
      ]),
    );

  it('keeps the answers when one is missing or a file is refused', async () => {
    const form: Record<string, string> = { assessed_on: today, ...answers('2') };
    delete form[`met_${CRITERIA[3].key}`];
    const missing = await callAction(newAssessmentAction, {
      path: '',
      params: { centerId: w.center.id },
      cookie: coordinator,
      form: multipart({ ...form, [`note_${CRITERIA[0].key}`]: 'Pagar diperbaiki' }),
    });
    expect(missing.status).toBe(400);
    expect(missing.data).toMatchObject({
      errors: { [`met_${CRITERIA[3].key}`]: 'errors.choose' },
      values: { [`note_${CRITERIA[0].key}`]: 'Pagar diperbaiki' },
    });
    const exe = await callAction(newAssessmentAction, {
      path: '',
      params: { centerId: w.center.id },
      cookie: coordinator,
      form: multipart(
        { assessed_on: today, ...answers('1') },
        { [`evidence_${CRITERIA[0].key}`]: { name: 'a.pdf', bytes: EXE_BYTES } },
      ),
    });
    expect(exe.data).toMatchObject({ errors: { [`evidence_${CRITERIA[0].key}`]: 'errors.fileTypeDocument' } });
  });

  it('computes the score on save, keeps the evidence and shows the score over time', async () => {
    const save = (date: string, met: string, files = {}) =>
      callAction(newAssessmentAction, {
        path: '',
        params: { centerId: w.center.id },
        cookie: coordinator,
        form: multipart({ assessed_on: date, ...answers(met) }, files),
      });
    expectRedirect(await save(day(-90), '1'), /\/safeguarding\/assessments\//);
    const second = await save(today, '2', {
      [`evidence_${CRITERIA[0].key}`]: { name: 'foto-pagar.pdf', bytes: PDF_BYTES },
    });
    const id = second.headers.get('Location')!.split('/').pop()!;
    const page = await callLoader(assessmentLoader, {
      path: '',
      params: { centerId: w.center.id, assessmentId: id },
      cookie: coordinator,
    });
    expect(page.data.assessment.score).toBe(100);
    const evidence = page.data.assessment.answers[CRITERIA[0].key].documentIds;
    expect(evidence).toHaveLength(1);
    expect(page.data.assessment.documents[evidence[0]]).toBe('foto-pagar.pdf');
    const file = await callLoader(documentLoader, {
      path: '',
      params: { centerId: w.center.id, documentId: evidence[0] },
      cookie: coordinator,
    });
    expect(file.status).toBe(200);
    // Evidence is the coordinator's: a teacher asking for it is refused.
    expect(
      (
        await callLoader(documentLoader, {
          path: '',
          params: { centerId: w.center.id, documentId: evidence[0] },
          cookie: teacher,
        })
      ).status,
    ).toBe(404);
    const list = await callLoader(centerLoader, { path: '', params: { centerId: w.center.id }, cookie: coordinator });
    expect(list.data.assessments.map((a) => a.score)).toEqual([50, 100]);
    // Another center's coordinator cannot open it through their own center.
    expect(
      (
        await callLoader(assessmentLoader, {
          path: '',
          params: { centerId: w.other.id, assessmentId: id },
          cookie: otherCoordinator,
        })
      ).status,
    ).toBe(404);
  });
});

describe('the staff of another center', () => {
  it('is not recorded through this center', async () => {
    const stranger = await makeUser(getDb(), {
      email: 'orang.lain@example.test',
      name: 'Orang Lain',
      memberships: [{ centerId: w.other.id, role: 'caregiver' }],
    });
    const attempt = await recordCheck(stranger.id, { kind: 'first_aid_training', issued_on: day(-3) });
    expect(attempt.status).toBe(404);
    expect(await refusals(stranger.id)).toContainEqual({
      actor_id: w.coordinator.id,
      center_id: w.other.id,
      entity: 'user',
    });
  });
});
