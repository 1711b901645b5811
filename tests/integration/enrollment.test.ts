import fs from 'node:fs';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { applicationForm, makeChild, makeClassroom } from '~db/seed/factories';
import { localDate } from '~/modules/time/time';
import { action as applyAction } from '~/routes/apply.$centerId';
import { action as statusPageAction, loader as statusPageLoader } from '~/routes/applications.$token';
import { action as detailAction, loader as detailLoader } from '~/routes/c.$centerId.applications.$applicationId';
import { loader as documentLoader } from '~/routes/c.$centerId.applications.$applicationId.documents.$documentId';
import { loader as listLoader } from '~/routes/c.$centerId.applications._index';
import { loader as capacityLoader } from '~/routes/c.$centerId.capacity';
import { loader as rosterCsvLoader } from '~/routes/c.$centerId.classrooms.$classroomId.csv';
import { loader as familyLoader } from '~/routes/family._index';
import { action as acceptInviteAction } from '~/routes/invite.$token';
import { twoCenters } from '../support/fixtures';
import { EXE_BYTES, multipart, PDF_BYTES } from '../support/files';
import { callAction, callLoader, expectRedirect, sessionCookie, succeeded } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let coordinator: string;
let today: string;
const uniquePhone = (() => {
  let n = 100;
  return () => `0812-5555-${String(n++).padStart(4, '0')}`;
})();

beforeAll(async () => {
  w = await twoCenters();
  coordinator = await sessionCookie(w.coordinator.id);
  today = localDate('Asia/Jakarta');
});

const form = (overrides: Record<string, string | string[]> = {}) =>
  applicationForm({ g1_phone: uniquePhone(), ...overrides }, { today });
const apply = (
  fields: Record<string, string | string[]>,
  files: Parameters<typeof multipart>[1] = {},
  intent = 'submit',
) =>
  callAction(applyAction, {
    path: `/apply/${w.center.id}`,
    params: { centerId: w.center.id },
    form: multipart({ ...fields, intent }, files),
  });
const tokenOf = (location: string | null) => location!.split('/applications/')[1].split('?')[0];
const count = async (table: 'applications' | 'documents') =>
  Number(
    (
      await getDb()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const applicationIdOf = async (token: string) => {
  const page = await callLoader(statusPageLoader, { path: `/applications/${token}`, params: { token } });
  const row = await getDb()
    .selectFrom('applications')
    .select('id')
    .where('reference_code', '=', page.data.reference)
    .executeTakeFirstOrThrow();
  return row.id;
};
const detailPath = (id: string) => ({
  path: `/c/${w.center.id}/applications/${id}`,
  params: { centerId: w.center.id, applicationId: id },
  cookie: coordinator,
});
const setStatus = (id: string, fields: Record<string, string>) =>
  callAction(detailAction, { ...detailPath(id), form: { intent: 'status', ...fields } });

async function submitted(overrides: Record<string, string | string[]> = {}) {
  const result = await apply(form(overrides));
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const token = tokenOf(result.headers.get('Location'));
  return { token, id: await applicationIdOf(token) };
}

describe('applying', () => {
  it('accepts a complete application with a document and shows a reference and status page', async () => {
    const result = await apply(form({ child_full_name: 'Citra Lestari' }), {
      doc_birth_certificate: { name: 'akta.pdf', bytes: PDF_BYTES },
    });
    expectRedirect(result, /^\/applications\/[\w-]+$/);
    const token = tokenOf(result.headers.get('Location'));
    const page = await callLoader(statusPageLoader, { path: `/applications/${token}`, params: { token } });
    expect(page.data).toMatchObject({
      status: 'submitted',
      childName: 'Citra Lestari',
      documents: [{ kind: 'birth_certificate', file_name: 'akta.pdf' }],
    });
    expect(page.data.reference).toMatch(/^ASH-[A-Z2-9]{6}$/);

    const id = await applicationIdOf(token);
    const detail = await callLoader(detailLoader, detailPath(id));
    const doc = detail.data.documents[0];
    const download = { path: '', params: { centerId: w.center.id, applicationId: id, documentId: doc.id } };
    const ok = await callLoader(documentLoader, { ...download, cookie: coordinator });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Type')).toBe('application/pdf');
    expect(ok.headers.get('Cache-Control')).toContain('no-store');
    expect((await callLoader(documentLoader, { ...download, cookie: await sessionCookie(w.teacher.id) })).status).toBe(
      403,
    );
    expect((await callLoader(documentLoader, { ...download, cookie: await sessionCookie(w.parent.id) })).status).toBe(
      404,
    );
    expect(
      (await callLoader(documentLoader, { ...download, cookie: await sessionCookie(w.otherCoordinator.id) })).status,
    ).toBe(404);
  });

  it.each([
    ['a birth date in the future', { child_birth_date: '2099-01-01' }, { child_birth_date: 'errors.birthInFuture' }],
    ['a NIK with letters', { child_nik: '31740A0101010001' }, { child_nik: 'errors.nik' }],
    ['a phone without digits', { g1_phone: 'telepon rumah' }, { g1_phone: 'errors.phone' }],
    ['a missing consent', { consent_data: '' }, { consent_data: 'errors.consentRequired' }],
    ['a malformed email', { g1_email: 'ibu@' }, { g1_email: 'errors.email' }],
    ['no days', { days: [] }, { days: 'errors.chooseDays' }],
  ])('refuses %s with a clear message, keeps what was typed, saves nothing', async (_name, overrides, errors) => {
    const before = await count('applications');
    const fields = form({ child_full_name: 'Anak Salah Isi', ...overrides });
    const result = await apply(fields);
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject(errors);
    expect(result.data.values.child_full_name).toBe('Anak Salah Isi');
    expect(await count('applications')).toBe(before);
  });

  it('refuses a child too old or too young for every classroom of the center', async () => {
    const old = await apply(form({ child_birth_date: DateTime.fromISO(today).minus({ years: 6 }).toISODate()! }));
    expect(old.data.errors.child_birth_date).toBe('errors.childTooOld?max=48');
    const young = await apply(form({ child_birth_date: DateTime.fromISO(today).minus({ months: 3 }).toISODate()! }));
    expect(young.data.errors.child_birth_date).toBe('errors.childTooYoung?min=24');
  });

  it('refuses a disguised or oversized file and writes nothing, not even the file', async () => {
    const before = { apps: await count('applications'), docs: await count('documents') };
    const disguised = await apply(form(), {
      doc_family_card: { name: 'kk.pdf', bytes: EXE_BYTES, type: 'application/pdf' },
    });
    expect(disguised.data.errors).toEqual({ doc_family_card: 'errors.fileTypeDocument' });
    const huge = await apply(form(), {
      doc_family_card: { name: 'kk.pdf', bytes: Buffer.concat([PDF_BYTES, Buffer.alloc(5 * 1024 * 1024)]) },
    });
    expect(huge.data.errors).toEqual({ doc_family_card: 'errors.fileTooLarge?max=5' });
    expect({ apps: await count('applications'), docs: await count('documents') }).toEqual(before);
    const stored = fs.existsSync(process.env.UPLOAD_DIR!) ? fs.readdirSync(process.env.UPLOAD_DIR!) : [];
    expect(stored.length).toBe(before.docs);
  });

  it('refuses a duplicate (same child, birth date and guardian phone) without revealing the existing application', async () => {
    const fields = form({ child_full_name: 'Dimas Saputra' });
    const first = await apply(fields);
    const token = tokenOf(first.headers.get('Location'));
    const reference = (await callLoader(statusPageLoader, { path: '', params: { token } })).data.reference;
    const again = await apply({ ...fields, child_full_name: '  dimas   SAPUTRA ' });
    expect(again.status).toBe(400);
    expect(again.data.errors).toEqual({ form: 'errors.duplicateApplication' });
    expect(JSON.stringify(again)).not.toContain(reference);
    expect(JSON.stringify(again)).not.toContain(token);
  });

  it('saves an unfinished form and finishes it later from the private link', async () => {
    const saved = await apply({ child_full_name: 'Eka Draf', g1_name: 'Ibu Eka' }, {}, 'save');
    expectRedirect(saved, /^\/applications\/[\w-]+\?saved=1$/);
    const token = tokenOf(saved.headers.get('Location'));
    const draft = await callLoader(statusPageLoader, { path: `/applications/${token}`, params: { token } });
    expect(draft.data.draft?.values).toMatchObject({ child_full_name: 'Eka Draf', g1_name: 'Ibu Eka' });
    const finish = await callAction(statusPageAction, {
      path: `/applications/${token}`,
      params: { token },
      form: multipart({ ...form({ child_full_name: 'Eka Draf' }), intent: 'submit' }),
    });
    expectRedirect(finish, `/applications/${token}`);
    expect((await callLoader(statusPageLoader, { path: '', params: { token } })).data.status).toBe('submitted');
    expect((await callLoader(statusPageLoader, { path: '', params: { token: 'not-a-token' } })).status).toBe(404);
  });
});

describe('reviewing, the waitlist and offers', () => {
  it('orders the waitlist by priority, then by who applied first; a coordinator can override with a reason', async () => {
    const room = await makeClassroom(getDb(), {
      centerId: w.center.id,
      name: 'Antrian',
      minAgeMonths: 24,
      maxAgeMonths: 48,
      capacity: 10,
    });
    const plain = await submitted({ child_full_name: 'Antri Satu' });
    const vulnerable = await submitted({
      child_full_name: 'Antri Dua',
      priority_dtks: 'on',
      priority_single_parent: 'on',
    });
    const referred = await submitted({ child_full_name: 'Antri Tiga', priority_social_worker_referral: 'on' });
    for (const app of [plain, vulnerable, referred]) {
      expectRedirect(await setStatus(app.id, { to: 'in_review' }), /applications/);
      expectRedirect(await setStatus(app.id, { to: 'waitlisted', classroom_id: room.id }), /applications/);
    }
    const order = async () =>
      (
        await callLoader(listLoader, {
          path: `/c/${w.center.id}/applications?status=waitlisted&classroom=${room.id}`,
          params: { centerId: w.center.id },
          cookie: coordinator,
        })
      ).data.applications.map((a) => a.child_full_name);
    expect(await order()).toEqual(['Antri Dua', 'Antri Tiga', 'Antri Satu']);
    const page = await callLoader(statusPageLoader, { path: '', params: { token: plain.token } });
    expect(page.data.position).toBe(3);

    const noReason = await callAction(detailAction, {
      ...detailPath(plain.id),
      form: { intent: 'priority', priority_override: '20', priority_override_reason: '' },
    });
    expect(noReason.data.errors).toEqual({ priority_override_reason: 'errors.reasonRequired' });
    await callAction(detailAction, {
      ...detailPath(plain.id),
      form: { intent: 'priority', priority_override: '20', priority_override_reason: 'Rujukan puskesmas, gizi buruk' },
    });
    expect(await order()).toEqual(['Antri Satu', 'Antri Dua', 'Antri Tiga']);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('changes')
      .where('entity_id', '=', plain.id)
      .where('changes', 'like', '%priority_override%')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes).priority_override_reason).toEqual([null, 'Rujukan puskesmas, gizi buruk']);
  });

  it('refuses an offer the child does not fit: age, or no place on a requested day', async () => {
    const app = await submitted({ child_full_name: 'Fit Test' });
    await setStatus(app.id, { to: 'in_review' });
    const babies = await makeClassroom(getDb(), {
      centerId: w.center.id,
      name: 'Bayi',
      minAgeMonths: 3,
      maxAgeMonths: 18,
      capacity: 5,
    });
    const tooOld = await setStatus(app.id, { to: 'offered', classroom_id: babies.id, offer_expires_on: today });
    expect(tooOld.data.errors?.classroom_id).toMatch(/^errors\.fit_tooOld\?age=\d+&min=3&max=18$/);
    const tiny = await makeClassroom(getDb(), {
      centerId: w.center.id,
      name: 'Penuh',
      minAgeMonths: 24,
      maxAgeMonths: 48,
      capacity: 1,
    });
    await makeChild(getDb(), { centerId: w.center.id, classroomId: tiny.id, fullName: 'Sudah Di Sini' });
    const full = await setStatus(app.id, { to: 'offered', classroom_id: tiny.id, offer_expires_on: today });
    expect(full.data.errors?.classroom_id).toBe('errors.fitFull?day=mon&capacity=1');
    // A full classroom can still take the child on its waitlist.
    expectRedirect(await setStatus(app.id, { to: 'waitlisted', classroom_id: tiny.id }), /applications/);
    const noExpiry = await setStatus(app.id, { to: 'offered', classroom_id: w.classroom.id });
    expect(noExpiry.data.errors).toEqual({ offer_expires_on: 'errors.expiryRequired' });
  });

  it('refuses status changes the flow does not allow, from staff and from the family', async () => {
    const app = await submitted({ child_full_name: 'Alur Status' });
    expect(
      (await setStatus(app.id, { to: 'offered', classroom_id: w.classroom.id, offer_expires_on: today })).data.errors,
    ).toEqual({ form: 'errors.transitionNotAllowed' });
    expect((await setStatus(app.id, { to: 'accepted' })).data.errors).toHaveProperty('to');
    const accept = await callAction(statusPageAction, {
      path: '',
      params: { token: app.token },
      form: { intent: 'accept' },
    });
    expectRedirect(accept, `/applications/${app.token}?notAllowed=1`);
    await setStatus(app.id, { to: 'declined' });
    expect((await setStatus(app.id, { to: 'in_review' })).data.errors).toEqual({ form: 'errors.transitionNotAllowed' });
  });

  it('lets an offer expire after its date', async () => {
    const app = await submitted({ child_full_name: 'Kedaluwarsa' });
    await setStatus(app.id, { to: 'in_review' });
    expectRedirect(
      await setStatus(app.id, { to: 'offered', classroom_id: w.classroom.id, offer_expires_on: today }),
      /applications/,
    );
    await getDb()
      .updateTable('applications')
      .set({ offer_expires_on: '2020-01-01' })
      .where('id', '=', app.id)
      .execute();
    expect((await callLoader(statusPageLoader, { path: '', params: { token: app.token } })).data.status).toBe(
      'offer_expired',
    );
  });

  it('tells the family declining an offer from the center not accepting an application, without naming staff to the family', async () => {
    const byFamily = await submitted({ child_full_name: 'Keluarga Menolak' });
    await setStatus(byFamily.id, { to: 'in_review' });
    await setStatus(byFamily.id, { to: 'offered', classroom_id: w.classroom.id, offer_expires_on: today });
    expectRedirect(
      await callAction(statusPageAction, { path: '', params: { token: byFamily.token }, form: { intent: 'decline' } }),
      `/applications/${byFamily.token}`,
    );
    const byCenter = await submitted({ child_full_name: 'Tidak Diterima' });
    await setStatus(byCenter.id, { to: 'declined' });

    const familyPage = await callLoader(statusPageLoader, { path: '', params: { token: byFamily.token } });
    expect(familyPage.data.events.at(-1)).toEqual({
      at: expect.any(String),
      to_status: 'declined',
      note: null,
      declinedByFamily: true,
    });
    expect(familyPage.data.events.every((e: object) => !('actor_id' in e))).toBe(true);
    const centerPage = await callLoader(statusPageLoader, { path: '', params: { token: byCenter.token } });
    expect(centerPage.data.events.at(-1)).toMatchObject({ to_status: 'declined', declinedByFamily: false });
    expect((await callLoader(detailLoader, detailPath(byFamily.id))).data.events.at(-1)).toMatchObject({
      to_status: 'declined',
      declinedByFamily: true,
      actorName: null,
    });
    expect((await callLoader(detailLoader, detailPath(byCenter.id))).data.events.at(-1)).toMatchObject({
      to_status: 'declined',
      declinedByFamily: false,
      actorName: w.coordinator.name,
    });

    const list = await callLoader(listLoader, {
      path: `/c/${w.center.id}/applications?status=declined`,
      params: { centerId: w.center.id },
      cookie: coordinator,
    });
    const declined = Object.fromEntries(list.data.applications.map((a) => [a.child_full_name, a.declinedByFamily]));
    expect(declined).toMatchObject({ 'Keluarga Menolak': true, 'Tidak Diterima': false });
  });

  it('does not show one center its neighbour’s applications', async () => {
    const app = await submitted({ child_full_name: 'Rahasia' });
    const other = await sessionCookie(w.otherCoordinator.id);
    expect((await callLoader(detailLoader, { ...detailPath(app.id), cookie: other })).status).toBe(404);
    expect(
      (
        await callLoader(detailLoader, {
          path: '',
          params: { centerId: w.other.id, applicationId: app.id },
          cookie: other,
        })
      ).status,
    ).toBe(404);
  });
});

describe('enrolling', () => {
  it('makes the child record, contacts and guardian invitations; the guardian who accepts sees only that child', async () => {
    const app = await submitted({
      child_full_name: 'Gita Anjani',
      g1_email: 'gita.ibu@example.test',
      g1_phone: '0812 7777 0001',
      g2_name: 'Ayah Gita',
      g2_relationship: 'ayah',
      g2_phone: '0813-7777-0002',
    });
    await setStatus(app.id, { to: 'in_review' });
    await setStatus(app.id, {
      to: 'offered',
      classroom_id: w.classroom.id,
      offer_expires_on: today,
      note: 'Selamat datang!',
    });
    expectRedirect(
      await callAction(statusPageAction, { path: '', params: { token: app.token }, form: { intent: 'accept' } }),
      `/applications/${app.token}`,
    );
    const { enrolled } = succeeded(
      await callAction(detailAction, { ...detailPath(app.id), form: { intent: 'enroll' } }),
    );
    const { childId, invites } = enrolled!;
    expect(invites).toHaveLength(1);

    const child = await getDb().selectFrom('children').selectAll().where('id', '=', childId).executeTakeFirstOrThrow();
    expect(child).toMatchObject({
      full_name: 'Gita Anjani',
      classroom_id: w.classroom.id,
      status: 'enrolled',
      schedule_start: '07:30',
    });
    const contacts = await getDb()
      .selectFrom('emergency_contacts')
      .select(['position', 'name', 'phone'])
      .where('child_id', '=', childId)
      .orderBy('position')
      .execute();
    expect(contacts).toEqual([
      { position: 1, name: 'Sri Maharani', phone: '+6281277770001' },
      { position: 2, name: 'Ayah Gita', phone: '+6281377770002' },
    ]);
    expect((await callAction(detailAction, { ...detailPath(app.id), form: { intent: 'enroll' } })).status).toBe(404);

    const token = invites[0].link.split('/invite/')[1];
    const accepted = await callAction(acceptInviteAction, {
      path: '',
      params: { token },
      form: { name: 'Sri Maharani', password: 'kata sandi gita', confirm: 'kata sandi gita' },
    });
    const cookie = accepted.headers.get('Set-Cookie')!.split(';')[0];
    const family = await callLoader(familyLoader, { path: '/family', cookie });
    expect(family.data.children.map((c) => c.full_name)).toEqual(['Gita Anjani']);

    const csv = await callLoader(rosterCsvLoader, {
      path: '',
      params: { centerId: w.center.id, classroomId: w.classroom.id },
      cookie: coordinator,
    });
    const text = String(csv.data);
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    expect(text.split('\r\n')[0]).toBe(
      'child_name,nickname,birth_date,sex,days,start,end,allergies,medical_conditions,contact_name,relationship,phone',
    );
    expect(text).toContain('Gita Anjani,Alya,');
    expect(text).toContain('Sri Maharani,ibu,+6281277770001');
    expect(
      (
        await callLoader(rosterCsvLoader, {
          path: '',
          params: { centerId: w.center.id, classroomId: w.classroom.id },
          cookie: await sessionCookie(w.otherCoordinator.id),
        })
      ).status,
    ).toBe(404);

    const capacity = await callLoader(capacityLoader, {
      path: '',
      params: { centerId: w.center.id },
      cookie: coordinator,
    });
    const room = capacity.data.classrooms.find((c) => c.id === w.classroom.id)!;
    expect(room.forecast).toHaveLength(12);
    expect(room.forecast[0].staying).toBeGreaterThanOrEqual(2);
  });
});

describe('the coordinator working an application', () => {
  it('takes a TAS family with a phone and no email, and enrolls them without an account invitation', async () => {
    const app = await submitted({ child_full_name: 'Tanpa Email', g1_email: '' });
    await setStatus(app.id, { to: 'in_review' });
    await setStatus(app.id, { to: 'offered', classroom_id: w.classroom.id, offer_expires_on: today });
    await callAction(statusPageAction, { path: '', params: { token: app.token }, form: { intent: 'accept' } });
    const { enrolled } = succeeded(
      await callAction(detailAction, { ...detailPath(app.id), form: { intent: 'enroll' } }),
    );
    expect(enrolled!.invites).toEqual([]);
    const contacts = await getDb()
      .selectFrom('emergency_contacts')
      .select('name')
      .where('child_id', '=', enrolled!.childId)
      .execute();
    expect(contacts).toEqual([{ name: 'Sri Maharani' }]);
  });

  it('never changes the status without a chosen one, and keeps a note in the history without changing it', async () => {
    const app = await submitted({ child_full_name: 'Catatan Saja' });
    const unchosen = await setStatus(app.id, { to: '', note: 'ditelepon' });
    expect(unchosen.data.errors).toEqual({ to: 'errors.choose' });
    expectRedirect(
      await callAction(detailAction, {
        ...detailPath(app.id),
        form: { intent: 'note', note: 'Ibu menelepon, akan datang Senin.' },
      }),
      /applications/,
    );
    const detail = await callLoader(detailLoader, detailPath(app.id));
    expect(detail.data.app.status).toBe('submitted');
    expect(detail.data.events.at(-1)).toMatchObject({
      from_status: 'submitted',
      to_status: 'submitted',
      note: 'Ibu menelepon, akan datang Senin.',
    });
  });

  it('records an acceptance given by phone, with who and when, only for an open offer', async () => {
    const app = await submitted({ child_full_name: 'Terima Lewat Telepon' });
    const accept = () =>
      callAction(detailAction, {
        ...detailPath(app.id),
        form: { intent: 'accept-for-family', accepted_by: 'Ibu Sri (telepon)', accepted_on: today },
      });
    expect((await accept()).data.errors).toEqual({ form: 'errors.transitionNotAllowed' });
    await setStatus(app.id, { to: 'in_review' });
    await setStatus(app.id, { to: 'offered', classroom_id: w.classroom.id, offer_expires_on: today });
    expectRedirect(await accept(), /applications/);
    const detail = await callLoader(detailLoader, detailPath(app.id));
    expect(detail.data.app.status).toBe('accepted');
    expect(detail.data.events.at(-1)?.note).toContain('Ibu Sri (telepon)');
    const future = await callAction(detailAction, {
      ...detailPath(app.id),
      form: { intent: 'accept-for-family', accepted_by: 'X', accepted_on: '2999-01-01' },
    });
    expect(future.data.errors).toEqual({ accepted_on: 'errors.dateInFuture' });
  });

  it('makes a new private link for a family that lost theirs; the old one stops working', async () => {
    const app = await submitted({ child_full_name: 'Tautan Hilang' });
    const renewed = await callAction(detailAction, { ...detailPath(app.id), form: { intent: 'family-link' } });
    const token = succeeded(renewed).familyLink!.split('/applications/')[1];
    expect((await callLoader(statusPageLoader, { path: '', params: { token: app.token } })).status).toBe(404);
    expect((await callLoader(statusPageLoader, { path: '', params: { token } })).data.childName).toBe('Tautan Hilang');
  });
});
