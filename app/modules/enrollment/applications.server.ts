import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { ApplicationStatus, CenterKind, DB, DocumentKind } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import { hashToken, newToken } from '../auth/tokens.server';
import { removeFiles, storeFile, type CheckedUpload } from '../files/uploads.server';
import { localDate, type Weekday } from '../time/time';
import { daysOf, priorityFlagsOf, type ApplicationInput } from './application';
import { canTransition, classroomFit, compareWaitlist, duplicateKey, OPEN_STATUSES, priorityFor, type FitProblem } from './rules';

export type FormValues = Record<string, string | string[]>;
type NewDocuments = Partial<Record<DocumentKind, CheckedUpload>>;

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newReferenceCode() {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `ASH-${[...bytes].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('')}`;
}

/** Stores uploaded files, then runs `write` in a transaction; if the transaction fails the files go too. */
async function withStoredDocuments<T>(documents: NewDocuments, write: (trx: Kysely<DB>, stored: { kind: DocumentKind; key: string; file: CheckedUpload }[]) => Promise<T>) {
  const stored: { kind: DocumentKind; key: string; file: CheckedUpload }[] = [];
  for (const [kind, file] of Object.entries(documents) as [DocumentKind, CheckedUpload][]) stored.push({ kind, key: await storeFile(file.bytes), file });
  try {
    return await getDb().transaction().execute((trx) => write(trx, stored));
  } catch (error) {
    await removeFiles(stored.map((s) => s.key));
    throw error;
  }
}

async function insertDocuments(trx: Kysely<DB>, centerId: string, applicationId: string, stored: { kind: DocumentKind; key: string; file: CheckedUpload }[]) {
  for (const { kind, key, file } of stored) {
    // A new upload of the same kind replaces the earlier one.
    await trx.deleteFrom('documents').where('application_id', '=', applicationId).where('kind', '=', kind).execute();
    const doc = { id: newId(), center_id: centerId, application_id: applicationId, child_id: null, kind, file_name: file.fileName, mime_type: file.mimeType, size_bytes: file.bytes.byteLength, storage_key: key, created_at: nowIso() };
    await trx.insertInto('documents').values(doc).execute();
    await recordChange(trx, { actorId: null, centerId, entity: 'document', entityId: doc.id, after: { kind, file_name: doc.file_name, mime_type: doc.mime_type, size_bytes: doc.size_bytes, application_id: applicationId } });
  }
}

async function findByToken(db: Kysely<DB>, token: string) {
  if (!token || token.length > 100) return undefined;
  return db.selectFrom('applications').selectAll().where('access_token_hash', '=', hashToken(token)).executeTakeFirst();
}

/**
 * Saves what the parent has typed so far, without requiring it to be complete. Returns the
 * private link's token (new on the first save); null if the token does not open a draft.
 */
export async function saveDraft({ centerId, token, form, documents }: { centerId: string; token: string | null; form: FormValues; documents: NewDocuments }) {
  return withStoredDocuments(documents, async (trx, stored) => {
    const now = nowIso();
    if (token) {
      const app = await findByToken(trx, token);
      if (!app || app.status !== 'draft' || app.center_id !== centerId) return null;
      await trx.updateTable('applications').set({ form: JSON.stringify(form), child_full_name: String(form.child_full_name ?? '') || null, updated_at: now }).where('id', '=', app.id).execute();
      await insertDocuments(trx, centerId, app.id, stored);
      return token;
    }
    const fresh = newToken();
    const id = newId();
    await trx
      .insertInto('applications')
      .values({ id, center_id: centerId, reference_code: null, access_token_hash: hashToken(fresh), status: 'draft', form: JSON.stringify(form), child_full_name: String(form.child_full_name ?? '') || null, child_birth_date: null, duplicate_key: null, primary_email: null, preferred_start_date: null, classroom_id: null, priority_score: 0, priority_override: null, priority_override_reason: null, offer_expires_on: null, child_id: null, submitted_at: null, created_at: now, updated_at: now })
      .execute();
    await trx.insertInto('application_events').values({ id: newId(), application_id: id, at: now, actor_id: null, from_status: null, to_status: 'draft', note: null }).execute();
    await insertDocuments(trx, centerId, id, stored);
    return fresh;
  });
}

export type SubmitResult = { ok: true; token: string; reference: string } | { ok: false; duplicateOf: string } | { ok: false; notFound: true };

/** Submits a complete, valid application (new, or a draft finished from its private link). */
export async function submitApplication({
  centerId,
  kind,
  token,
  form,
  input,
  documents,
}: {
  centerId: string;
  kind: CenterKind;
  token: string | null;
  form: FormValues;
  input: ApplicationInput;
  documents: NewDocuments;
}): Promise<SubmitResult> {
  const key = duplicateKey(input.child_full_name, input.child_birth_date, input.g1_phone!);
  const existing = await getDb()
    .selectFrom('applications')
    .select('reference_code')
    .where('center_id', '=', centerId)
    .where('duplicate_key', '=', key)
    .where('status', 'in', [...OPEN_STATUSES, 'enrolled'])
    .executeTakeFirst();
  if (existing) return { ok: false, duplicateOf: existing.reference_code! };

  const { score } = priorityFor(kind, priorityFlagsOf(input));
  return withStoredDocuments(documents, async (trx, stored) => {
    const now = nowIso();
    const reference = newReferenceCode();
    const columns = {
      reference_code: reference,
      status: 'submitted' as const,
      form: JSON.stringify(form),
      child_full_name: input.child_full_name,
      child_birth_date: input.child_birth_date,
      duplicate_key: key,
      primary_email: input.g1_email,
      preferred_start_date: input.preferred_start_date,
      priority_score: score,
      submitted_at: now,
      updated_at: now,
    };
    let id: string;
    let accessToken = token;
    if (token) {
      const draft = await findByToken(trx, token);
      if (!draft || draft.status !== 'draft' || draft.center_id !== centerId) return { ok: false, notFound: true } as const;
      id = draft.id;
      await trx.updateTable('applications').set(columns).where('id', '=', id).execute();
    } else {
      id = newId();
      accessToken = newToken();
      await trx
        .insertInto('applications')
        .values({ id, center_id: centerId, access_token_hash: hashToken(accessToken), classroom_id: null, priority_override: null, priority_override_reason: null, offer_expires_on: null, child_id: null, created_at: now, ...columns })
        .execute();
    }
    await trx.insertInto('application_events').values({ id: newId(), application_id: id, at: now, actor_id: null, from_status: token ? 'draft' : null, to_status: 'submitted', note: null }).execute();
    await insertDocuments(trx, centerId, id, stored);
    await recordChange(trx, { actorId: null, centerId, entity: 'application', entityId: id, after: { reference_code: reference, status: 'submitted', child_full_name: input.child_full_name, priority_score: score } });
    return { ok: true, token: accessToken!, reference } as const;
  });
}

/** What the parent's private link shows. */
export async function applicationForParent(token: string) {
  const db = getDb();
  const app = await findByToken(db, token);
  if (!app) return null;
  await expireOffers(app.center_id);
  const fresh = (await findByToken(db, token))!;
  const [center, events, documents, classroom] = await Promise.all([
    db.selectFrom('centers').select(['id', 'name', 'kind', 'time_zone']).where('id', '=', fresh.center_id).executeTakeFirstOrThrow(),
    db.selectFrom('application_events').select(['at', 'to_status', 'note']).where('application_id', '=', fresh.id).orderBy('at').orderBy('id').execute(),
    db.selectFrom('documents').select(['kind', 'file_name', 'created_at']).where('application_id', '=', fresh.id).execute(),
    fresh.classroom_id ? db.selectFrom('classrooms').select(['name']).where('id', '=', fresh.classroom_id).executeTakeFirst() : undefined,
  ]);
  const position = fresh.status === 'waitlisted' && fresh.classroom_id ? await waitlistPosition(fresh) : null;
  return { app: fresh, form: JSON.parse(fresh.form) as FormValues, center, events, documents, classroomName: classroom?.name ?? null, position };
}

/** 1-based place on its classroom's waitlist. */
async function waitlistPosition(app: { id: string; center_id: string; classroom_id: string | null }) {
  const waiting = await getDb()
    .selectFrom('applications')
    .select(['id', 'priority_score', 'priority_override', 'submitted_at'])
    .where('center_id', '=', app.center_id)
    .where('classroom_id', '=', app.classroom_id)
    .where('status', '=', 'waitlisted')
    .execute();
  return waiting.sort(compareWaitlist).findIndex((a) => a.id === app.id) + 1;
}

async function moveStatus(
  trx: Kysely<DB>,
  app: { id: string; center_id: string; status: ApplicationStatus },
  to: ApplicationStatus,
  { actorId, note, set = {} }: { actorId: string | null; note?: string | null; set?: Partial<Record<'classroom_id' | 'offer_expires_on' | 'child_id', string | null>> },
) {
  const now = nowIso();
  // The status condition makes two people acting at once produce one change, not two.
  const result = await trx.updateTable('applications').set({ status: to, updated_at: now, ...set }).where('id', '=', app.id).where('status', '=', app.status).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await trx.insertInto('application_events').values({ id: newId(), application_id: app.id, at: now, actor_id: actorId, from_status: app.status, to_status: to, note: note ?? null }).execute();
  await recordChange(trx, { actorId, centerId: app.center_id, entity: 'application', entityId: app.id, before: { status: app.status }, after: { status: to, ...set, ...(note ? { note } : {}) } });
  return true;
}

/** The parent accepts or declines an offer, or withdraws. */
export async function parentDecision(token: string, intent: 'accept' | 'decline' | 'withdraw') {
  const db = getDb();
  const app = await findByToken(db, token);
  if (!app) return 'notFound' as const;
  await expireOffers(app.center_id);
  const current = (await findByToken(db, token))!;
  const to: ApplicationStatus = intent === 'accept' ? 'accepted' : intent === 'decline' ? 'declined' : 'withdrawn';
  if (!canTransition(current.status, to, 'parent')) return 'notAllowed' as const;
  const moved = await db.transaction().execute((trx) => moveStatus(trx, current, to, { actorId: null }));
  return moved ? ('ok' as const) : ('notAllowed' as const);
}

/** Offers whose expiry date has passed (in the center's zone) become 'offer_expired'. */
export async function expireOffers(centerId: string, now = new Date()) {
  const db = getDb();
  const center = await db.selectFrom('centers').select('time_zone').where('id', '=', centerId).executeTakeFirstOrThrow();
  const today = localDate(center.time_zone, now);
  const due = await db.selectFrom('applications').select(['id', 'center_id', 'status']).where('center_id', '=', centerId).where('status', '=', 'offered').where('offer_expires_on', '<', today).execute();
  for (const app of due) await db.transaction().execute((trx) => moveStatus(trx, app, 'offer_expired', { actorId: null, note: null }));
}

/** Places already promised per weekday in each classroom: enrolled children, and open offers. Two queries for any number of rooms. */
async function takenByDay(classroomIds: string[], exceptApplicationId: string) {
  const db = getDb();
  const [children, promised] = await Promise.all([
    db.selectFrom('children').select(['classroom_id', 'schedule_days']).where('classroom_id', 'in', classroomIds).where('status', '=', 'enrolled').execute(),
    db.selectFrom('applications').select(['id', 'classroom_id', 'form']).where('classroom_id', 'in', classroomIds).where('status', 'in', ['offered', 'accepted']).execute(),
  ]);
  const counts = new Map<string, Partial<Record<Weekday, number>>>(classroomIds.map((id) => [id, {}]));
  const add = (classroomId: string | null, days: Weekday[]) => {
    const room = counts.get(classroomId ?? '');
    if (room) days.forEach((d) => (room[d] = (room[d] ?? 0) + 1));
  };
  children.forEach((c) => add(c.classroom_id, c.schedule_days ? (JSON.parse(c.schedule_days) as Weekday[]) : []));
  promised.filter((p) => p.id !== exceptApplicationId).forEach((p) => add(p.classroom_id, daysOf(JSON.parse(p.form))));
  return counts;
}

type FitClassroom = { id: string; min_age_months: number; max_age_months: number; capacity: number };

/** For each classroom, why the applicant cannot take a place there (null where they can). */
export async function fitsFor(app: { id: string; child_birth_date: string | null; preferred_start_date: string | null; form: string }, classrooms: FitClassroom[]): Promise<(FitProblem | null)[]> {
  if (classrooms.length === 0) return [];
  const taken = await takenByDay(classrooms.map((c) => c.id), app.id);
  const days = daysOf(JSON.parse(app.form));
  return classrooms.map((classroom) =>
    classroomFit({ birthDate: app.child_birth_date!, startDate: app.preferred_start_date!, days, classroom, takenByDay: taken.get(classroom.id) ?? {} }),
  );
}

export type StatusChangeResult = { ok: true } | { ok: false; error: 'notAllowed' } | { ok: false; error: 'fit'; problem: FitProblem } | { ok: false; error: 'classroomRequired' | 'expiryRequired' };

/** A coordinator moves an application on. Offers need a classroom the child fits and an expiry date. */
export async function changeStatus(input: {
  centerId: string;
  applicationId: string;
  actorId: string;
  to: ApplicationStatus;
  note: string | null;
  classroomId?: string | null;
  offerExpiresOn?: string | null;
  today: string;
}): Promise<StatusChangeResult> {
  const db = getDb();
  const app = await db.selectFrom('applications').selectAll().where('id', '=', input.applicationId).where('center_id', '=', input.centerId).executeTakeFirst();
  if (!app || !canTransition(app.status, input.to, 'staff')) return { ok: false, error: 'notAllowed' };
  const set: { classroom_id?: string | null; offer_expires_on?: string | null } = {};
  if (input.to === 'offered' || input.to === 'waitlisted') {
    const classroom = input.classroomId
      ? await db.selectFrom('classrooms').select(['id', 'min_age_months', 'max_age_months', 'capacity']).where('id', '=', input.classroomId).where('center_id', '=', input.centerId).executeTakeFirst()
      : undefined;
    if (!classroom) return { ok: false, error: 'classroomRequired' };
    set.classroom_id = classroom.id;
    const [problem] = await fitsFor(app, [classroom]);
    // A waitlist is exactly for a classroom that is full today; the age must still fit.
    if (problem && (input.to === 'offered' || problem.reason !== 'full')) return { ok: false, error: 'fit', problem };
    if (input.to === 'offered') {
      if (!input.offerExpiresOn || !/^\d{4}-\d{2}-\d{2}$/.test(input.offerExpiresOn) || input.offerExpiresOn < input.today) return { ok: false, error: 'expiryRequired' };
      set.offer_expires_on = input.offerExpiresOn;
    }
  }
  const moved = await db.transaction().execute((trx) => moveStatus(trx, app, input.to, { actorId: input.actorId, note: input.note, set }));
  return moved ? { ok: true } : { ok: false, error: 'notAllowed' };
}

export async function overridePriority(input: { centerId: string; applicationId: string; actorId: string; value: number | null; reason: string | null }) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx.selectFrom('applications').select(['priority_override', 'priority_override_reason']).where('id', '=', input.applicationId).where('center_id', '=', input.centerId).executeTakeFirst();
      if (!before) return false;
      const after = { priority_override: input.value, priority_override_reason: input.value === null ? null : input.reason };
      await trx.updateTable('applications').set({ ...after, updated_at: nowIso() }).where('id', '=', input.applicationId).execute();
      await recordChange(trx, { actorId: input.actorId, centerId: input.centerId, entity: 'application', entityId: input.applicationId, before, after });
      return true;
    });
}

/** The coordinator's list, highest priority first, with each application's fit for its classroom. */
export async function listApplications({ centerId, status, classroomId }: { centerId: string; status?: ApplicationStatus; classroomId?: string }) {
  await expireOffers(centerId);
  let query = getDb()
    .selectFrom('applications')
    .leftJoin('classrooms', 'classrooms.id', 'applications.classroom_id')
    .select(['applications.id', 'reference_code', 'status', 'child_full_name', 'child_birth_date', 'preferred_start_date', 'priority_score', 'priority_override', 'submitted_at', 'classroom_id', 'classrooms.name as classroomName'])
    .where('applications.center_id', '=', centerId)
    .where('status', '!=', 'draft');
  if (status) query = query.where('status', '=', status);
  if (classroomId) query = query.where('classroom_id', '=', classroomId);
  const rows = await query.execute();
  return rows.sort(compareWaitlist);
}

export async function getApplication(centerId: string, applicationId: string) {
  const db = getDb();
  await expireOffers(centerId);
  const app = await db.selectFrom('applications').selectAll().where('id', '=', applicationId).where('center_id', '=', centerId).where('status', '!=', 'draft').executeTakeFirst();
  if (!app) return null;
  const [events, documents] = await Promise.all([
    db.selectFrom('application_events').leftJoin('users', 'users.id', 'application_events.actor_id').select(['application_events.at', 'from_status', 'to_status', 'note', 'users.name as actorName']).where('application_id', '=', app.id).orderBy('at').orderBy('application_events.id').execute(),
    db.selectFrom('documents').select(['id', 'kind', 'file_name', 'mime_type', 'size_bytes']).where('application_id', '=', app.id).execute(),
  ]);
  const position = app.status === 'waitlisted' ? await waitlistPosition(app) : null;
  return { app, form: JSON.parse(app.form) as FormValues, events, documents, position };
}

export async function getApplicationDocument(centerId: string, applicationId: string, documentId: string) {
  return getDb().selectFrom('documents').select(['storage_key', 'mime_type', 'file_name']).where('id', '=', documentId).where('application_id', '=', applicationId).where('center_id', '=', centerId).executeTakeFirst();
}

/** Applications a signed-in parent made (matched by the email they gave as first guardian). */
export async function applicationsForEmail(email: string) {
  return getDb()
    .selectFrom('applications')
    .innerJoin('centers', 'centers.id', 'applications.center_id')
    .select(['applications.reference_code', 'applications.status', 'applications.child_full_name', 'applications.updated_at', 'centers.name as centerName'])
    .where('primary_email', '=', email)
    .where('status', '!=', 'draft')
    .orderBy('applications.updated_at', 'desc')
    .execute();
}
