// A child's record as the center keeps it: profile, medical information, schedule, classroom,
// guardians, authorized pickup persons and emergency contacts. Every function takes the center and
// filters on it inside its queries; every change is audited; a withdrawn child keeps their history.
// Enrollment and invitations write children, contacts and guardian links through the *In
// functions here, inside their own transactions.
import type { Insertable, Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { ChildrenTable, DB } from '~db/schema';
import { fieldsBefore } from '../audit/audit';
import { classroomOfCenter } from '../centers/centers.server';
import { enrolledInClassroom } from './children.server';
import { recordChange } from '../audit/audit.server';
import { withStoredFiles, type CheckedUpload } from '../files/uploads.server';
import { scheduleDaysColumn } from '../json-columns';
import { accessChanged } from '../live/access.server';
import type { Weekday } from '../time/time';

type ChildRef = { centerId: string; childId: string };
type Change = ChildRef & { actorId: string };

/** Is this child one of the center's? The guard inside a write's transaction. */
export async function childOfCenter(db: Kysely<DB>, { centerId, childId }: ChildRef) {
  return (
    (await db
      .selectFrom('children')
      .select('id')
      .where('id', '=', childId)
      .where('center_id', '=', centerId)
      .executeTakeFirst()) !== undefined
  );
}

export async function getChildRecord({ centerId, childId }: ChildRef) {
  const db = getDb();
  const child = await db
    .selectFrom('children')
    .selectAll()
    .where('id', '=', childId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!child) return null;
  const [classroom, guardians, pickups, contacts, documents] = await Promise.all([
    child.classroom_id
      ? db
          .selectFrom('classrooms')
          .select(['id', 'name'])
          .where('id', '=', child.classroom_id)
          .where('center_id', '=', centerId)
          .executeTakeFirst()
      : undefined,
    db
      .selectFrom('guardians')
      .innerJoin('users', 'users.id', 'guardians.user_id')
      .leftJoin('kiosk_pins', (join) =>
        join.onRef('kiosk_pins.user_id', '=', 'users.id').on('kiosk_pins.center_id', '=', centerId),
      )
      .select([
        'users.id',
        'users.name',
        'users.email',
        'users.phone',
        'guardians.relationship',
        'kiosk_pins.phone as kioskPhone',
      ])
      .where('guardians.center_id', '=', centerId)
      .where('guardians.child_id', '=', childId)
      .orderBy('guardians.created_at')
      .execute(),
    db
      .selectFrom('pickup_persons')
      .select(['id', 'name', 'relationship', 'phone', 'id_number', 'photo_document_id'])
      .where('center_id', '=', centerId)
      .where('child_id', '=', childId)
      .where('active', '=', 1)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('emergency_contacts')
      .select(['id', 'position', 'name', 'relationship', 'phone'])
      .where('center_id', '=', centerId)
      .where('child_id', '=', childId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('documents')
      .select(['id', 'kind', 'file_name', 'application_id'])
      .where('center_id', '=', centerId)
      .where('child_id', '=', childId)
      .where('kind', '!=', 'pickup_photo')
      .execute(),
  ]);
  return {
    child: { ...child, schedule_days: scheduleDaysColumn.parse(child.schedule_days) },
    classroom: classroom ?? null,
    guardians,
    pickups,
    contacts,
    documents,
  };
}

/** A new child's row with its audit entry, inside the caller's transaction (enrollment). */
export async function insertChildIn(
  trx: Kysely<DB>,
  { actorId, child }: { actorId: string; child: Insertable<ChildrenTable> & { id: string; center_id: string } },
) {
  await trx.insertInto('children').values(child).execute();
  await recordChange(trx, { actorId, centerId: child.center_id, entity: 'child', entityId: child.id, after: child });
}

/** Updates some of a child's fields with one audit entry of what changed. */
async function updateChild(
  trx: Kysely<DB>,
  { centerId, childId, actorId, changes }: Change & { changes: Partial<Insertable<ChildrenTable>> },
) {
  const before = await trx
    .selectFrom('children')
    .selectAll()
    .where('id', '=', childId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!before) return false;
  await trx
    .updateTable('children')
    .set({ ...changes, updated_at: nowIso() })
    .where('id', '=', childId)
    .where('center_id', '=', centerId)
    .execute();
  await recordChange(trx, {
    actorId,
    centerId,
    entity: 'child',
    entityId: childId,
    before: fieldsBefore(before, changes),
    after: changes,
  });
  return true;
}

export type ChildProfile = Omit<
  Partial<Insertable<ChildrenTable>>,
  'schedule_days' | 'consent_photos' | 'custody_restricts_pickup'
> & {
  schedule_days: Weekday[];
  consent_photos: boolean;
  custody_restricts_pickup: boolean;
};

export async function saveChildProfile({ profile, ...ref }: Change & { profile: ChildProfile }) {
  const { schedule_days, consent_photos, custody_restricts_pickup, ...rest } = profile;
  const changes = {
    ...rest,
    schedule_days: scheduleDaysColumn.stringify(schedule_days),
    consent_photos: consent_photos ? 1 : 0,
    custody_restricts_pickup: custody_restricts_pickup ? 1 : 0,
  };
  return getDb()
    .transaction()
    .execute((trx) => updateChild(trx, { ...ref, changes }));
}

export async function moveChild({ classroomId, ...ref }: Change & { classroomId: string }) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await classroomOfCenter(trx, { centerId: ref.centerId, classroomId }))) return false;
      return updateChild(trx, { ...ref, changes: { classroom_id: classroomId } });
    });
}

export async function withdrawChild({ date, reason, ...ref }: Change & { date: string; reason: string }) {
  return getDb()
    .transaction()
    .execute((trx) =>
      updateChild(trx, { ...ref, changes: { status: 'withdrawn', withdrawn_on: date, withdrawn_reason: reason } }),
    );
}

/** Adds an authorized pickup person (with a photo, when given); false when the child is not the center's. */
export async function addPickupPerson({
  person,
  photo,
  ...ref
}: Change & {
  person: { name: string; relationship: string; phone: string; id_number: string };
  photo: CheckedUpload | null;
}) {
  return withStoredFiles(photo ? [photo.bytes] : [], async (trx, [key]) => {
    if (!(await childOfCenter(trx, ref))) return { value: false, kept: false };
    const now = nowIso();
    let photoId: string | null = null;
    if (photo && key) {
      photoId = newId();
      await trx
        .insertInto('documents')
        .values({
          id: photoId,
          center_id: ref.centerId,
          application_id: null,
          child_id: ref.childId,
          kind: 'pickup_photo',
          file_name: photo.fileName,
          mime_type: photo.mimeType,
          size_bytes: photo.bytes.byteLength,
          storage_key: key,
          created_at: now,
        })
        .execute();
    }
    const row = {
      id: newId(),
      center_id: ref.centerId,
      child_id: ref.childId,
      ...person,
      photo_document_id: photoId,
      active: 1,
      created_at: now,
    };
    await trx.insertInto('pickup_persons').values(row).execute();
    await recordChange(trx, {
      actorId: ref.actorId,
      centerId: ref.centerId,
      entity: 'pickup_person',
      entityId: row.id,
      after: row,
    });
    return { value: true };
  });
}

/** Takes someone off the pickup list; the row stays, so past pickups still name them. */
export async function deactivatePickupPerson({ id, ...ref }: Change & { id: string }) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const result = await trx
        .updateTable('pickup_persons')
        .set({ active: 0 })
        .where('id', '=', id)
        .where('center_id', '=', ref.centerId)
        .where('child_id', '=', ref.childId)
        .where('active', '=', 1)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await recordChange(trx, {
        actorId: ref.actorId,
        centerId: ref.centerId,
        entity: 'pickup_person',
        entityId: id,
        childId: ref.childId,
        before: { active: 1 },
        after: { active: 0 },
      });
      return true;
    });
}

/** An accepted guardian link, inside the caller's transaction (an invitation being accepted). Lands once. */
export async function linkGuardianIn(
  trx: Kysely<DB>,
  { centerId, childId, userId, relationship }: ChildRef & { userId: string; relationship: string },
) {
  if (!(await childOfCenter(trx, { centerId, childId }))) return false;
  const link = {
    id: newId(),
    center_id: centerId,
    child_id: childId,
    user_id: userId,
    relationship,
    created_at: nowIso(),
  };
  const inserted = await trx
    .insertInto('guardians')
    .values(link)
    .onConflict((oc) => oc.columns(['child_id', 'user_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
    await recordChange(trx, { actorId: userId, centerId, entity: 'guardian', entityId: link.id, after: link });
    await accessChanged(trx, userId);
  }
  return true;
}

/** Ends a guardian's link to the child (custody changed, a mistake): they no longer see or collect the child. */
export async function removeGuardian({ userId, ...ref }: Change & { userId: string }) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const link = await trx
        .selectFrom('guardians')
        .select(['id', 'child_id', 'user_id', 'relationship'])
        .where('center_id', '=', ref.centerId)
        .where('child_id', '=', ref.childId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!link) return false;
      await trx.deleteFrom('guardians').where('id', '=', link.id).execute();
      await recordChange(trx, {
        actorId: ref.actorId,
        centerId: ref.centerId,
        entity: 'guardian',
        entityId: link.id,
        before: link,
        after: null,
      });
      await accessChanged(trx, userId);
      return true;
    });
}

type Contact = { name: string; relationship: string; phone: string };

/** Appends an emergency contact (next position), inside the caller's transaction; false when the child is not the center's. */
export async function addEmergencyContactIn(trx: Kysely<DB>, { contact, ...ref }: Change & { contact: Contact }) {
  if (!(await childOfCenter(trx, ref))) return false;
  const last = await trx
    .selectFrom('emergency_contacts')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('center_id', '=', ref.centerId)
    .where('child_id', '=', ref.childId)
    .executeTakeFirst();
  const row = {
    id: newId(),
    center_id: ref.centerId,
    child_id: ref.childId,
    position: Number(last?.p ?? 0) + 1,
    ...contact,
  };
  await trx.insertInto('emergency_contacts').values(row).execute();
  await recordChange(trx, {
    actorId: ref.actorId,
    centerId: ref.centerId,
    entity: 'emergency_contact',
    entityId: row.id,
    after: row,
  });
  return true;
}

export async function addEmergencyContact(input: Change & { contact: Contact }) {
  return getDb()
    .transaction()
    .execute((trx) => addEmergencyContactIn(trx, input));
}

export async function removeEmergencyContact({ id, ...ref }: Change & { id: string }) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('emergency_contacts')
        .selectAll()
        .where('id', '=', id)
        .where('center_id', '=', ref.centerId)
        .where('child_id', '=', ref.childId)
        .executeTakeFirst();
      if (!before) return false;
      await trx.deleteFrom('emergency_contacts').where('id', '=', id).execute();
      await recordChange(trx, {
        actorId: ref.actorId,
        centerId: ref.centerId,
        entity: 'emergency_contact',
        entityId: id,
        before,
        after: null,
      });
      return true;
    });
}

export async function getChildDocument({ centerId, childId, documentId }: ChildRef & { documentId: string }) {
  return getDb()
    .selectFrom('documents')
    .select(['storage_key', 'mime_type', 'file_name', 'kind'])
    .where('id', '=', documentId)
    .where('child_id', '=', childId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
}

/** A classroom's roster with what staff need at hand: ages, allergies, schedule, whom to call. */
export async function classroomRoster({ centerId, classroomId }: { centerId: string; classroomId: string }) {
  const db = getDb();
  const classroom = await db
    .selectFrom('classrooms')
    .select(['id', 'name', 'capacity'])
    .where('id', '=', classroomId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!classroom) return null;
  const children = await enrolledInClassroom(db, { centerId, classroomId })
    .select([
      'id',
      'full_name',
      'nickname',
      'birth_date',
      'sex',
      'allergies',
      'medical_conditions',
      'schedule_days',
      'schedule_start',
      'schedule_end',
    ])
    .execute();
  // Who to call: the family's emergency contacts, in their order (the first are the guardians the
  // family gave at application, with phones, whether or not they have accepted an account yet).
  const contacts = children.length
    ? await db
        .selectFrom('emergency_contacts')
        .select(['child_id', 'name', 'relationship', 'phone'])
        .where('center_id', '=', centerId)
        .where(
          'child_id',
          'in',
          children.map((c) => c.id),
        )
        .orderBy('position')
        .execute()
    : [];
  return {
    classroom,
    children: children.map((c) => ({
      ...c,
      schedule_days: scheduleDaysColumn.parse(c.schedule_days),
      contacts: contacts.filter((g) => g.child_id === c.id).map(({ child_id: _c, ...g }) => g),
    })),
  };
}
