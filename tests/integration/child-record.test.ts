import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeClassroom } from '~db/seed/factories';
import { addPickupPerson } from '~/modules/children/record.server';
import { action as childAction, loader as childLoader } from '~/routes/c.$centerId.children.$childId._index';
import { loader as childDocumentLoader } from '~/routes/c.$centerId.children.$childId.documents.$documentId';
import { loader as rosterLoader } from '~/routes/c.$centerId.classrooms.$classroomId';
import { twoCenters } from '../support/fixtures';
import { EXE_BYTES, multipart, PNG_BYTES } from '../support/files';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let coordinator: string;
const at = () => ({
  path: `/c/${w.center.id}/children/${w.child.id}`,
  params: { centerId: w.center.id, childId: w.child.id },
});
const post = (form: Record<string, string | string[]> | FormData, cookie = coordinator) =>
  callAction(childAction, { ...at(), cookie, form });
const auditOf = async (entity: string) =>
  (
    await getDb()
      .selectFrom('audit_log')
      .select(['changes', 'actor_id'])
      .where('entity', '=', entity)
      .where('center_id', '=', w.center.id)
      .orderBy('at')
      .execute()
  ).map((r) => ({ ...r, changes: JSON.parse(r.changes) }));

beforeAll(async () => {
  w = await twoCenters();
  coordinator = await sessionCookie(w.coordinator.id);
});

const profile = {
  intent: 'profile',
  full_name: 'Putri Lestari',
  nickname: 'Uti',
  birth_date: '2024-01-15',
  sex: 'female',
  nik: '3174010101240001',
  allergies: 'Kacang',
  medical_conditions: '',
  medicines: '',
  special_needs: '',
  support_needed: '',
  immunization_status: 'complete',
  custody_note: 'Ayah tidak boleh menjemput (putusan PN Jaktim).',
  schedule_days: ['mon', 'wed'],
  schedule_start: '08:00',
  schedule_end: '15:00',
  consent_photos: 'on',
};

describe("a child's record", () => {
  it('is edited by the coordinator, audited field by field', async () => {
    const saved = await post(profile);
    expect(saved.data?.errors).toBeUndefined();
    expectRedirect(saved, at().path);
    const child = await getDb()
      .selectFrom('children')
      .selectAll()
      .where('id', '=', w.child.id)
      .executeTakeFirstOrThrow();
    expect(child).toMatchObject({
      nickname: 'Uti',
      allergies: 'Kacang',
      schedule_days: '["mon","wed"]',
      custody_note: profile.custody_note,
      consent_photos: 1,
    });
    const [entry] = (await auditOf('child')).slice(-1);
    expect(entry.actor_id).toBe(w.coordinator.id);
    expect(entry.changes.allergies).toEqual([null, 'Kacang']);
    expect(entry.changes.full_name).toBeUndefined(); // unchanged fields are not listed
  });

  it('refuses bad input with messages and changes nothing', async () => {
    const result = await post({
      ...profile,
      birth_date: '2099-01-01',
      nik: '12345',
      schedule_days: [],
      schedule_end: '07:00',
    });
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({
      birth_date: 'errors.birthInFuture',
      nik: 'errors.nik',
      schedule_days: 'errors.chooseDays',
    });
    expect(
      (await getDb().selectFrom('children').select('birth_date').where('id', '=', w.child.id).executeTakeFirstOrThrow())
        .birth_date,
    ).toBe('2024-01-15');
  });

  it('is read-only for teachers and caregivers, and hidden from other centers and parents', async () => {
    const teacher = await sessionCookie(w.teacher.id);
    const view = await callLoader(childLoader, { ...at(), cookie: teacher });
    expect(view.data).toMatchObject({ canEdit: false, child: { full_name: 'Putri Lestari' } });
    expect((await post(profile, teacher)).status).toBe(403);
    expect(
      (await callLoader(childLoader, { ...at(), cookie: await sessionCookie(w.otherCoordinator.id) })).status,
    ).toBe(404);
    expect((await callLoader(childLoader, { ...at(), cookie: await sessionCookie(w.parent.id) })).status).toBe(404);
    const wrongCenter = await callLoader(childLoader, {
      path: '',
      params: { centerId: w.other.id, childId: w.child.id },
      cookie: await sessionCookie(w.otherCoordinator.id),
    });
    expect(wrongCenter.status).toBe(404);
  });

  it('keeps authorized pickup persons with a photo that only staff can open', async () => {
    const bad = await post(
      multipart(
        { intent: 'pickup-add', name: 'Nenek Ani', relationship: 'nenek', phone: '0812 1111 3333', id_number: '3174' },
        { photo: { name: 'nenek.png', bytes: EXE_BYTES } },
      ),
    );
    expect(bad.data.errors).toEqual({ photo: 'errors.fileTypePhoto' });
    expect(bad.data.values).toMatchObject({ name: 'Nenek Ani' });
    expectRedirect(
      await post(
        multipart(
          {
            intent: 'pickup-add',
            name: 'Nenek Ani',
            relationship: 'nenek',
            phone: '0812 1111 3333',
            id_number: '3174',
          },
          { photo: { name: 'nenek.png', bytes: PNG_BYTES } },
        ),
      ),
      at().path,
    );
    const record = await callLoader(childLoader, { ...at(), cookie: coordinator });
    const [pickup] = record.data.pickups;
    expect(pickup).toMatchObject({ name: 'Nenek Ani', phone: '+6281211113333' });
    const photo = {
      path: '',
      params: { centerId: w.center.id, childId: w.child.id, documentId: pickup.photo_document_id! },
    };
    const caregiverView = await callLoader(childDocumentLoader, {
      ...photo,
      cookie: await sessionCookie(w.caregiver.id),
    });
    expect(caregiverView.status).toBe(200);
    expect(caregiverView.headers.get('Content-Type')).toBe('image/png');
    expect((await callLoader(childDocumentLoader, { ...photo, cookie: await sessionCookie(w.parent.id) })).status).toBe(
      404,
    );

    expectRedirect(await post({ intent: 'pickup-remove', id: pickup.id }), at().path);
    expect((await callLoader(childLoader, { ...at(), cookie: coordinator })).data.pickups).toEqual([]);
    expect(
      (
        await getDb()
          .selectFrom('pickup_persons')
          .select('active')
          .where('id', '=', pickup.id)
          .executeTakeFirstOrThrow()
      ).active,
    ).toBe(0);
    // Another center's child's pickup person stays on their list.
    await addPickupPerson({
      centerId: w.other.id,
      childId: w.otherChild.id,
      actorId: w.otherCoordinator.id,
      person: { name: 'Om Lain', relationship: 'paman', phone: '+6281211114444', id_number: '3175' },
      photo: null,
    });
    const theirs = await getDb()
      .selectFrom('pickup_persons')
      .select(['id', 'active'])
      .where('child_id', '=', w.otherChild.id)
      .executeTakeFirstOrThrow();
    expect((await post({ intent: 'pickup-remove', id: theirs.id })).status).toBe(404);
    expect(
      await getDb().selectFrom('pickup_persons').select(['id', 'active']).where('id', '=', theirs.id).execute(),
    ).toEqual([{ id: theirs.id, active: 1 }]);
  });

  it('orders emergency contacts as they are added', async () => {
    await post({ intent: 'contact-add', name: 'Bibi Rina', relationship: 'wali', phone: '081300000001' });
    await post({ intent: 'contact-add', name: 'Paman Agus', relationship: 'Paman', phone: '081300000002' });
    const contacts = (await callLoader(childLoader, { ...at(), cookie: coordinator })).data.contacts;
    expect(contacts.map((c) => [c.position, c.name])).toEqual([
      [1, 'Bibi Rina'],
      [2, 'Paman Agus'],
    ]);
    expect((await post({ intent: 'contact-add', name: '', relationship: '', phone: 'x' })).data.errors).toMatchObject({
      name: 'errors.required',
      phone: 'errors.phone',
    });
  });

  it('moves between classrooms of the center only, and a withdrawal keeps the record', async () => {
    const other = await makeClassroom(getDb(), { centerId: w.center.id, name: 'Prasekolah' });
    const foreign = await makeClassroom(getDb(), { centerId: w.other.id, name: 'Asing' });
    expect((await post({ intent: 'move', classroom_id: foreign.id })).data.errors).toEqual({
      classroom_id: 'errors.choose',
    });
    expectRedirect(await post({ intent: 'move', classroom_id: other.id }), at().path);
    const roster = await callLoader(rosterLoader, {
      path: '',
      params: { centerId: w.center.id, classroomId: other.id },
      cookie: coordinator,
    });
    expect(roster.data.children.map((c) => c.full_name)).toEqual(['Putri Lestari']);

    expect((await post({ intent: 'withdraw', withdrawn_on: '2099-01-01', withdrawn_reason: '' })).data.errors).toEqual({
      withdrawn_on: 'errors.dateInFuture',
      withdrawn_reason: 'errors.required',
    });
    expectRedirect(
      await post({ intent: 'withdraw', withdrawn_on: '2026-01-31', withdrawn_reason: 'Pindah ke Bandung' }),
      at().path,
    );
    const record = await callLoader(childLoader, { ...at(), cookie: coordinator });
    expect(record.data.child).toMatchObject({ status: 'withdrawn', withdrawn_reason: 'Pindah ke Bandung' });
    expect(
      (
        await callLoader(rosterLoader, {
          path: '',
          params: { centerId: w.center.id, classroomId: other.id },
          cookie: coordinator,
        })
      ).data.children,
    ).toEqual([]);
  });
});
