// A child's record as the center keeps it: profile, medical information, schedule, classroom,
// guardians, authorized pickup persons and emergency contacts. Every change is audited; nothing
// is deleted (a withdrawn child keeps their history).
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import { removeFiles, storeFile, type CheckedUpload } from '../files/uploads.server';
import type { Weekday } from '../time/time';
import { listPendingGuardianInvites } from '../users/invites.server';

export async function getChildRecord(centerId: string, childId: string) {
  const db = getDb();
  const child = await db.selectFrom('children').selectAll().where('id', '=', childId).where('center_id', '=', centerId).executeTakeFirst();
  if (!child) return null;
  const [classroom, guardians, pendingGuardians, pickups, contacts, documents] = await Promise.all([
    child.classroom_id ? db.selectFrom('classrooms').select(['id', 'name']).where('id', '=', child.classroom_id).executeTakeFirst() : undefined,
    db
      .selectFrom('guardians')
      .innerJoin('users', 'users.id', 'guardians.user_id')
      .leftJoin('kiosk_pins', (join) => join.onRef('kiosk_pins.user_id', '=', 'users.id').on('kiosk_pins.center_id', '=', centerId))
      .select(['users.id', 'users.name', 'users.email', 'users.phone', 'guardians.relationship', 'kiosk_pins.phone as kioskPhone'])
      .where('guardians.child_id', '=', childId)
      .orderBy('guardians.created_at')
      .execute(),
    listPendingGuardianInvites({ centerId, childId }),
    db.selectFrom('pickup_persons').select(['id', 'name', 'relationship', 'phone', 'id_number', 'photo_document_id']).where('child_id', '=', childId).where('active', '=', 1).orderBy('created_at').execute(),
    db.selectFrom('emergency_contacts').select(['id', 'position', 'name', 'relationship', 'phone']).where('child_id', '=', childId).orderBy('position').execute(),
    db.selectFrom('documents').select(['id', 'kind', 'file_name', 'application_id']).where('child_id', '=', childId).where('kind', '!=', 'pickup_photo').execute(),
  ]);
  return {
    child: { ...child, schedule_days: (child.schedule_days ? JSON.parse(child.schedule_days) : []) as Weekday[] },
    classroom: classroom ?? null,
    guardians,
    pendingGuardians,
    pickups,
    contacts,
    documents,
  };
}

/** Updates some of a child's fields with one audit entry of what changed. */
async function updateChild(trx: Kysely<DB>, { centerId, childId, actorId, changes }: { centerId: string; childId: string; actorId: string; changes: Record<string, unknown> }) {
  const before = await trx.selectFrom('children').selectAll().where('id', '=', childId).where('center_id', '=', centerId).executeTakeFirst();
  if (!before) return false;
  await trx.updateTable('children').set({ ...changes, updated_at: nowIso() }).where('id', '=', childId).execute();
  const beforeFields = Object.fromEntries(Object.keys(changes).map((k) => [k, (before as Record<string, unknown>)[k]]));
  await recordChange(trx, { actorId, centerId, entity: 'child', entityId: childId, before: beforeFields, after: changes });
  return true;
}

export async function saveChildProfile(input: { centerId: string; childId: string; actorId: string; profile: Record<string, unknown> & { schedule_days: Weekday[]; consent_photos: boolean; custody_restricts_pickup: boolean } }) {
  const { schedule_days, consent_photos, custody_restricts_pickup, ...rest } = input.profile;
  const changes = { ...rest, schedule_days: JSON.stringify(schedule_days), consent_photos: consent_photos ? 1 : 0, custody_restricts_pickup: custody_restricts_pickup ? 1 : 0 };
  delete (changes as Record<string, unknown>).intent;
  return getDb().transaction().execute((trx) => updateChild(trx, { ...input, changes }));
}

export async function moveChild(input: { centerId: string; childId: string; actorId: string; classroomId: string }) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const classroom = await trx.selectFrom('classrooms').select('id').where('id', '=', input.classroomId).where('center_id', '=', input.centerId).executeTakeFirst();
      if (!classroom) return false;
      return updateChild(trx, { ...input, changes: { classroom_id: classroom.id } });
    });
}

export async function withdrawChild(input: { centerId: string; childId: string; actorId: string; date: string; reason: string }) {
  return getDb()
    .transaction()
    .execute((trx) => updateChild(trx, { ...input, changes: { status: 'withdrawn', withdrawn_on: input.date, withdrawn_reason: input.reason } }));
}

export async function addPickupPerson(input: {
  centerId: string;
  childId: string;
  actorId: string;
  person: { name: string; relationship: string; phone: string; id_number: string };
  photo: CheckedUpload | null;
}) {
  const key = input.photo ? await storeFile(input.photo.bytes) : null;
  try {
    await getDb()
      .transaction()
      .execute(async (trx) => {
        const now = nowIso();
        let photoId: string | null = null;
        if (input.photo && key) {
          photoId = newId();
          await trx.insertInto('documents').values({ id: photoId, center_id: input.centerId, application_id: null, child_id: input.childId, kind: 'pickup_photo', file_name: input.photo.fileName, mime_type: input.photo.mimeType, size_bytes: input.photo.bytes.byteLength, storage_key: key, created_at: now }).execute();
        }
        const row = { id: newId(), center_id: input.centerId, child_id: input.childId, ...input.person, photo_document_id: photoId, active: 1, created_at: now };
        await trx.insertInto('pickup_persons').values(row).execute();
        await recordChange(trx, { actorId: input.actorId, centerId: input.centerId, entity: 'pickup_person', entityId: row.id, after: row });
      });
  } catch (error) {
    if (key) await removeFiles([key]);
    throw error;
  }
}

/** Takes someone off the pickup list; the row stays, so past pickups still name them. */
export async function deactivatePickupPerson(input: { centerId: string; childId: string; actorId: string; id: string }) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const result = await trx.updateTable('pickup_persons').set({ active: 0 }).where('id', '=', input.id).where('child_id', '=', input.childId).where('active', '=', 1).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await recordChange(trx, { actorId: input.actorId, centerId: input.centerId, entity: 'pickup_person', entityId: input.id, childId: input.childId, before: { active: 1 }, after: { active: 0 } });
      return true;
    });
}

/** Ends a guardian's link to the child (custody changed, a mistake): they no longer see or collect the child. */
export async function removeGuardian(input: { centerId: string; childId: string; actorId: string; userId: string }) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const link = await trx
        .selectFrom('guardians')
        .innerJoin('children', 'children.id', 'guardians.child_id')
        .select(['guardians.id', 'guardians.child_id', 'guardians.user_id', 'guardians.relationship'])
        .where('guardians.child_id', '=', input.childId)
        .where('guardians.user_id', '=', input.userId)
        .where('children.center_id', '=', input.centerId)
        .executeTakeFirst();
      if (!link) return false;
      await trx.deleteFrom('guardians').where('id', '=', link.id).execute();
      await recordChange(trx, { actorId: input.actorId, centerId: input.centerId, entity: 'guardian', entityId: link.id, before: link, after: null });
      return true;
    });
}

export async function addEmergencyContact(input: { centerId: string; childId: string; actorId: string; contact: { name: string; relationship: string; phone: string } }) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const last = await trx.selectFrom('emergency_contacts').select((eb) => eb.fn.max('position').as('p')).where('child_id', '=', input.childId).executeTakeFirst();
      const row = { id: newId(), center_id: input.centerId, child_id: input.childId, position: Number(last?.p ?? 0) + 1, ...input.contact };
      await trx.insertInto('emergency_contacts').values(row).execute();
      await recordChange(trx, { actorId: input.actorId, centerId: input.centerId, entity: 'emergency_contact', entityId: row.id, after: row });
    });
}

export async function removeEmergencyContact(input: { centerId: string; childId: string; actorId: string; id: string }) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx.selectFrom('emergency_contacts').selectAll().where('id', '=', input.id).where('child_id', '=', input.childId).executeTakeFirst();
      if (!before) return false;
      await trx.deleteFrom('emergency_contacts').where('id', '=', input.id).execute();
      await recordChange(trx, { actorId: input.actorId, centerId: input.centerId, entity: 'emergency_contact', entityId: input.id, before, after: null });
      return true;
    });
}

export async function getChildDocument(centerId: string, childId: string, documentId: string) {
  return getDb().selectFrom('documents').select(['storage_key', 'mime_type', 'file_name', 'kind']).where('id', '=', documentId).where('child_id', '=', childId).where('center_id', '=', centerId).executeTakeFirst();
}

/** A classroom's roster with what staff need at hand: ages, allergies, schedule, whom to call. */
export async function classroomRoster(centerId: string, classroomId: string) {
  const db = getDb();
  const classroom = await db.selectFrom('classrooms').select(['id', 'name', 'capacity']).where('id', '=', classroomId).where('center_id', '=', centerId).executeTakeFirst();
  if (!classroom) return null;
  const children = await db
    .selectFrom('children')
    .select(['id', 'full_name', 'nickname', 'birth_date', 'sex', 'allergies', 'medical_conditions', 'schedule_days', 'schedule_start', 'schedule_end'])
    .where('classroom_id', '=', classroomId)
    .where('status', '=', 'enrolled')
    .orderBy('full_name')
    .execute();
  // Who to call: the family's emergency contacts, in their order (the first are the guardians the
  // family gave at application, with phones, whether or not they have accepted an account yet).
  const contacts = children.length
    ? await db
        .selectFrom('emergency_contacts')
        .select(['child_id', 'name', 'relationship', 'phone'])
        .where('child_id', 'in', children.map((c) => c.id))
        .orderBy('position')
        .execute()
    : [];
  return {
    classroom,
    children: children.map((c) => ({
      ...c,
      schedule_days: (c.schedule_days ? JSON.parse(c.schedule_days) : []) as Weekday[],
      contacts: contacts.filter((g) => g.child_id === c.id).map(({ child_id: _c, ...g }) => g),
    })),
  };
}
