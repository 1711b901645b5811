import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { ApplicationStatus, CenterKind, DB, DocumentKind, Language } from '~db/schema';
import { DEFAULT_LANGUAGE } from '~/i18n/i18n';
import { recordChange } from '../audit/audit.server';
import { hashToken, newToken } from '../auth/tokens.server';
import { removeFiles, withStoredFiles, type CheckedUpload } from '../files/uploads.server';
import { listClassrooms } from '../centers/centers.server';
import { applicationFormColumn, scheduleDaysColumn, type FormValues } from '../json-columns';
import { ageInMonths, localDate, type Weekday } from '../time/time';
import { daysOf, priorityFlagsOf, type ApplicationInput } from './application';
import { applicationLimits } from './limits.server';
import { applicationReceivedNotice, offerMadeNotice } from './notices.server';
import {
  canTransition,
  classroomFit,
  classroomsForAge,
  compareWaitlist,
  declinedByFamily,
  duplicateKey,
  isOfferExpired,
  OPEN_STATUSES,
  priorityFor,
  type FitProblem,
} from './rules';

type NewDocuments = Partial<Record<DocumentKind, CheckedUpload>>;

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newReferenceCode() {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `ASH-${[...bytes].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('')}`;
}

type StoredDocument = { kind: DocumentKind; key: string; file: CheckedUpload };
/** Attaches the stored files to an application, replacing its documents of the same kinds. */
type AttachDocuments = (applicationId: string) => Promise<void>;
export type DocumentsRefusal = { ok: false; error: 'documentsTooLarge'; maxMb: number };

class DocumentsTooLarge extends Error {}

/**
 * Application documents through the one file helper (withStoredFiles): `write` runs in the
 * transaction and calls `attach`. Past the size cap nothing is written and the new files go; once
 * committed, the files of replaced documents go, and so do new files never attached.
 */
async function withStoredDocuments<T>(
  centerId: string,
  documents: NewDocuments,
  write: (trx: Kysely<DB>, attach: AttachDocuments) => Promise<T>,
): Promise<T | DocumentsRefusal> {
  const files = Object.entries(documents) as [DocumentKind, CheckedUpload][];
  const { documentsMaxMb } = applicationLimits();
  try {
    return await withStoredFiles(
      files.map(([, file]) => file.bytes),
      async (trx, keys) => {
        const stored: StoredDocument[] = files.map(([kind, file], i) => ({ kind, file, key: keys[i] }));
        const replaced: string[] = [];
        let attached = false;
        const value = await write(trx, async (applicationId) => {
          replaced.push(
            ...(await attachDocuments(trx, {
              centerId,
              applicationId,
              stored,
              maxBytes: documentsMaxMb * 1024 * 1024,
            })),
          );
          attached = true;
        });
        return { value, replaced, kept: attached };
      },
    );
  } catch (error) {
    if (error instanceof DocumentsTooLarge) return { ok: false, error: 'documentsTooLarge', maxMb: documentsMaxMb };
    throw error;
  }
}

/**
 * Inserts the documents (a new upload of a kind replaces the earlier one) and returns the storage
 * keys of those replaced, for removal after commit. Throws DocumentsTooLarge past the cap; the
 * application's row is written (and so locked) before this runs, so two saves cannot both pass it.
 */
async function attachDocuments(
  trx: Kysely<DB>,
  {
    centerId,
    applicationId,
    stored,
    maxBytes,
  }: { centerId: string; applicationId: string; stored: StoredDocument[]; maxBytes: number },
) {
  if (stored.length === 0) return [];
  const kinds = new Set(stored.map((s) => s.kind));
  const existing = await trx
    .selectFrom('documents')
    .select(['id', 'kind', 'file_name', 'size_bytes', 'storage_key'])
    .where('application_id', '=', applicationId)
    .execute();
  const replaced = existing.filter((d) => kinds.has(d.kind));
  const kept = existing.filter((d) => !kinds.has(d.kind)).reduce((sum, d) => sum + Number(d.size_bytes), 0);
  if (kept + stored.reduce((sum, s) => sum + s.file.bytes.byteLength, 0) > maxBytes) throw new DocumentsTooLarge();
  for (const old of replaced) {
    await trx.deleteFrom('documents').where('id', '=', old.id).execute();
    await recordChange(trx, {
      actorId: null,
      centerId,
      entity: 'document',
      entityId: old.id,
      before: { kind: old.kind, file_name: old.file_name, application_id: applicationId },
    });
  }
  for (const { kind, key, file } of stored) {
    const doc = {
      id: newId(),
      center_id: centerId,
      application_id: applicationId,
      child_id: null,
      kind,
      file_name: file.fileName,
      mime_type: file.mimeType,
      size_bytes: file.bytes.byteLength,
      storage_key: key,
      created_at: nowIso(),
    };
    await trx.insertInto('documents').values(doc).execute();
    await recordChange(trx, {
      actorId: null,
      centerId,
      entity: 'document',
      entityId: doc.id,
      after: {
        kind,
        file_name: doc.file_name,
        mime_type: doc.mime_type,
        size_bytes: doc.size_bytes,
        application_id: applicationId,
      },
    });
  }
  return replaced.map((d) => d.storage_key);
}

/** Drafts last saved before this instant have expired. */
const draftCutoff = (now: Date) =>
  new Date(now.getTime() - applicationLimits().draftRetentionDays * 86_400_000).toISOString();

/** The application behind a private link; an expired draft opens nothing. */
async function findByToken(db: Kysely<DB>, token: string, now = new Date()) {
  if (!token || token.length > 100) return undefined;
  const app = await db
    .selectFrom('applications')
    .selectAll()
    .where('access_token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return app && app.status === 'draft' && app.updated_at < draftCutoff(now) ? undefined : app;
}

/**
 * Deletes drafts that expired, with their history and documents, then their files. Each draft is
 * claimed by a conditional update first: a draft saved meanwhile, or one another process is
 * deleting, is left alone, so several processes may run this at once. At most `batch` per call.
 */
export async function deleteExpiredDrafts({ now = new Date(), batch = 500 } = {}) {
  const db = getDb();
  const cutoff = draftCutoff(now);
  const expired = await db
    .selectFrom('applications')
    .select(['id', 'center_id'])
    .where('status', '=', 'draft')
    .where('updated_at', '<', cutoff)
    .limit(batch)
    .execute();
  let drafts = 0;
  let files = 0;
  for (const app of expired) {
    const keys = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('applications')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('id', '=', app.id)
        .where('status', '=', 'draft')
        .where('updated_at', '<', cutoff)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return null;
      const docs = await trx
        .selectFrom('documents')
        .select(['id', 'kind', 'storage_key'])
        .where('application_id', '=', app.id)
        .execute();
      await trx.deleteFrom('documents').where('application_id', '=', app.id).execute();
      await trx.deleteFrom('application_events').where('application_id', '=', app.id).execute();
      await trx.deleteFrom('applications').where('id', '=', app.id).execute();
      for (const doc of docs)
        await recordChange(trx, {
          actorId: null,
          centerId: app.center_id,
          entity: 'document',
          entityId: doc.id,
          before: { kind: doc.kind, application_id: app.id },
        });
      await recordChange(trx, {
        actorId: null,
        centerId: app.center_id,
        entity: 'application',
        entityId: app.id,
        before: { status: 'draft' },
      });
      return docs.map((d) => d.storage_key);
    });
    if (!keys) continue;
    await removeFiles(keys);
    drafts++;
    files += keys.length;
  }
  return { drafts, files };
}

export type SaveResult = { ok: true; token: string } | { ok: false; error: 'notFound' } | DocumentsRefusal;

/**
 * Saves what the parent has typed so far, without requiring it to be complete, and gives the
 * private link's token (new on the first save); 'notFound' if the token does not open a draft.
 */
export async function saveDraft({
  centerId,
  token,
  form,
  documents,
}: {
  centerId: string;
  token: string | null;
  form: FormValues;
  documents: NewDocuments;
}): Promise<SaveResult> {
  return withStoredDocuments(centerId, documents, async (trx, attach) => {
    const now = nowIso();
    if (token) {
      const app = await findByToken(trx, token);
      if (!app || app.status !== 'draft' || app.center_id !== centerId)
        return { ok: false, error: 'notFound' } as const;
      const after = {
        form: applicationFormColumn.stringify(form),
        child_full_name: String(form.child_full_name ?? '') || null,
      };
      // Still a draft when written: the cleanup may have claimed it since it was read.
      const saved = await trx
        .updateTable('applications')
        .set({ ...after, updated_at: now })
        .where('id', '=', app.id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(saved.numUpdatedRows) !== 1) return { ok: false, error: 'notFound' } as const;
      // A draft holds a family's personal data: its changes are audited like any record's.
      await recordChange(trx, {
        actorId: null,
        centerId,
        entity: 'application',
        entityId: app.id,
        before: { form: app.form, child_full_name: app.child_full_name },
        after,
      });
      await attach(app.id);
      return { ok: true, token } as const;
    }
    const fresh = newToken();
    const id = newId();
    await trx
      .insertInto('applications')
      .values({
        id,
        center_id: centerId,
        reference_code: null,
        access_token_hash: hashToken(fresh),
        status: 'draft',
        form: applicationFormColumn.stringify(form),
        child_full_name: String(form.child_full_name ?? '') || null,
        child_birth_date: null,
        duplicate_key: null,
        primary_email: null,
        preferred_start_date: null,
        classroom_id: null,
        priority_score: 0,
        priority_override: null,
        priority_override_reason: null,
        offer_expires_on: null,
        child_id: null,
        submitted_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('application_events')
      .values({
        id: newId(),
        application_id: id,
        at: now,
        actor_id: null,
        from_status: null,
        to_status: 'draft',
        note: null,
      })
      .execute();
    await recordChange(trx, {
      actorId: null,
      centerId,
      entity: 'application',
      entityId: id,
      after: {
        status: 'draft',
        form: applicationFormColumn.stringify(form),
        child_full_name: String(form.child_full_name ?? '') || null,
      },
    });
    await attach(id);
    return { ok: true, token: fresh } as const;
  });
}

export type SubmitResult =
  { ok: true; token: string; reference: string } | { ok: false; error: 'duplicate' | 'notFound' } | DocumentsRefusal;

/**
 * Submits a complete, valid application (new, or a draft finished from its private link). The
 * family's email, when given, gets the private link in `language` (the form's; Bahasa Indonesia
 * when not known).
 */
export async function submitApplication({
  centerId,
  kind,
  token,
  form,
  input,
  documents,
  language = DEFAULT_LANGUAGE,
}: {
  centerId: string;
  kind: CenterKind;
  token: string | null;
  form: FormValues;
  input: ApplicationInput;
  documents: NewDocuments;
  language?: Language;
}): Promise<SubmitResult> {
  const key = duplicateKey(input.child_full_name, input.child_birth_date, input.g1_phone!);
  const existing = await getDb()
    .selectFrom('applications')
    .select('id')
    .where('center_id', '=', centerId)
    .where('duplicate_key', '=', key)
    .where('status', 'in', [...OPEN_STATUSES, 'enrolled'])
    .executeTakeFirst();
  // Whoever typed the same child's name, birth date and phone learns only that an application
  // exists, never its reference: the family that made it has its private link.
  if (existing) return { ok: false, error: 'duplicate' };

  const { score } = priorityFor(kind, priorityFlagsOf(input));
  return withStoredDocuments(centerId, documents, async (trx, attach) => {
    const now = nowIso();
    const reference = newReferenceCode();
    const columns = {
      reference_code: reference,
      status: 'submitted' as const,
      form: applicationFormColumn.stringify(form),
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
      if (!draft || draft.status !== 'draft' || draft.center_id !== centerId)
        return { ok: false, error: 'notFound' } as const;
      id = draft.id;
      const updated = await trx
        .updateTable('applications')
        .set(columns)
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return { ok: false, error: 'notFound' } as const;
    } else {
      id = newId();
      accessToken = newToken();
      await trx
        .insertInto('applications')
        .values({
          id,
          center_id: centerId,
          access_token_hash: hashToken(accessToken),
          classroom_id: null,
          priority_override: null,
          priority_override_reason: null,
          offer_expires_on: null,
          child_id: null,
          created_at: now,
          ...columns,
        })
        .execute();
    }
    await trx
      .insertInto('application_events')
      .values({
        id: newId(),
        application_id: id,
        at: now,
        actor_id: null,
        from_status: token ? 'draft' : null,
        to_status: 'submitted',
        note: null,
      })
      .execute();
    await attach(id);
    await recordChange(trx, {
      actorId: null,
      centerId,
      entity: 'application',
      entityId: id,
      after: {
        reference_code: reference,
        status: 'submitted',
        child_full_name: input.child_full_name,
        priority_score: score,
      },
    });
    await applicationReceivedNotice(trx, {
      app: { id, center_id: centerId, primary_email: input.g1_email },
      token: accessToken!,
      reference,
      childName: input.child_full_name,
      language,
    });
    return { ok: true, token: accessToken!, reference } as const;
  });
}

/**
 * An offer past its expiry date (in the center's zone) reads as expired at once; the
 * `expire-offers` job records the change. So a page never writes while it is being read.
 */
function asOfToday<T extends { status: ApplicationStatus; offer_expires_on: string | null }>(app: T, today: string): T {
  return isOfferExpired(app, today) ? { ...app, status: 'offer_expired' } : app;
}

async function centerToday(db: Kysely<DB>, centerId: string, now = new Date()) {
  const center = await db
    .selectFrom('centers')
    .select('time_zone')
    .where('id', '=', centerId)
    .executeTakeFirstOrThrow();
  return localDate(center.time_zone, now);
}

/** What the parent's private link shows. */
export async function applicationForParent(token: string) {
  const db = getDb();
  const found = await findByToken(db, token);
  if (!found) return null;
  const fresh = asOfToday(found, await centerToday(db, found.center_id));
  const [center, events, documents, classroom] = await Promise.all([
    db
      .selectFrom('centers')
      .select(['id', 'name', 'kind', 'time_zone'])
      .where('id', '=', fresh.center_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('application_events')
      .select(['at', 'to_status', 'note', 'actor_id'])
      .where('application_id', '=', fresh.id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('documents')
      .select(['kind', 'file_name', 'created_at'])
      .where('application_id', '=', fresh.id)
      .execute(),
    fresh.classroom_id
      ? db.selectFrom('classrooms').select(['name']).where('id', '=', fresh.classroom_id).executeTakeFirst()
      : undefined,
  ]);
  const position = fresh.status === 'waitlisted' && fresh.classroom_id ? await waitlistPosition(fresh) : null;
  // The family sees who acted only as "the family" or not, never a staff member's id.
  const shown = events.map(({ actor_id, ...e }) => ({
    ...e,
    declinedByFamily: declinedByFamily({ to_status: e.to_status, actor_id }),
  }));
  return {
    app: fresh,
    form: applicationFormColumn.parse(fresh.form),
    center,
    events: shown,
    documents,
    classroomName: classroom?.name ?? null,
    position,
  };
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
  {
    actorId,
    note,
    set = {},
  }: {
    actorId: string | null;
    note?: string | null;
    set?: Partial<Record<'classroom_id' | 'offer_expires_on' | 'child_id', string | null>>;
  },
) {
  const now = nowIso();
  // The status condition makes two people acting at once produce one change, not two.
  const result = await trx
    .updateTable('applications')
    .set({ status: to, updated_at: now, ...set })
    .where('id', '=', app.id)
    .where('status', '=', app.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await trx
    .insertInto('application_events')
    .values({
      id: newId(),
      application_id: app.id,
      at: now,
      actor_id: actorId,
      from_status: app.status,
      to_status: to,
      note: note ?? null,
    })
    .execute();
  await recordChange(trx, {
    actorId,
    centerId: app.center_id,
    entity: 'application',
    entityId: app.id,
    before: { status: app.status },
    after: { status: to, ...set, ...(note ? { note } : {}) },
  });
  return true;
}

/** The parent accepts or declines an offer, or withdraws. An expired offer is recorded as such first. */
export async function parentDecision(token: string, intent: 'accept' | 'decline' | 'withdraw') {
  const db = getDb();
  const app = await findByToken(db, token);
  if (!app) return 'notFound' as const;
  await expireOffers({ centerId: app.center_id });
  const current = (await findByToken(db, token))!;
  const to: ApplicationStatus = intent === 'accept' ? 'accepted' : intent === 'decline' ? 'declined' : 'withdrawn';
  if (!canTransition(current.status, to, 'parent')) return 'notAllowed' as const;
  const moved = await db.transaction().execute((trx) => moveStatus(trx, current, to, { actorId: null }));
  return moved ? ('ok' as const) : ('notAllowed' as const);
}

/** Records as 'offer_expired' the offers whose expiry date has passed in their center's zone (one center, or all: the job). */
export async function expireOffers({ centerId, now = new Date() }: { centerId?: string; now?: Date } = {}) {
  const db = getDb();
  let query = db
    .selectFrom('applications')
    .innerJoin('centers', 'centers.id', 'applications.center_id')
    .select([
      'applications.id',
      'applications.center_id',
      'applications.status',
      'applications.offer_expires_on',
      'centers.time_zone',
    ])
    .where('applications.status', '=', 'offered');
  if (centerId) query = query.where('applications.center_id', '=', centerId);
  const offered = await query.execute();
  let expired = 0;
  for (const app of offered.filter((a) => isOfferExpired(a, localDate(a.time_zone, now)))) {
    if (await db.transaction().execute((trx) => moveStatus(trx, app, 'offer_expired', { actorId: null, note: null })))
      expired++;
  }
  return expired;
}

/** Places already promised per weekday in each classroom: enrolled children, and open offers. Two queries for any number of rooms. */
async function takenByDay(
  db: Kysely<DB>,
  {
    centerId,
    classroomIds,
    exceptApplicationId,
  }: { centerId: string; classroomIds: string[]; exceptApplicationId: string },
) {
  const [children, promised] = await Promise.all([
    db
      .selectFrom('children')
      .select(['classroom_id', 'schedule_days'])
      .where('center_id', '=', centerId)
      .where('classroom_id', 'in', classroomIds)
      .where('status', '=', 'enrolled')
      .execute(),
    db
      .selectFrom('applications')
      .select(['id', 'classroom_id', 'form'])
      .where('center_id', '=', centerId)
      .where('classroom_id', 'in', classroomIds)
      .where('status', 'in', ['offered', 'accepted'])
      .execute(),
  ]);
  const counts = new Map<string, Partial<Record<Weekday, number>>>(classroomIds.map((id) => [id, {}]));
  const add = (classroomId: string | null, days: Weekday[]) => {
    const room = counts.get(classroomId ?? '');
    if (room) days.forEach((d) => (room[d] = (room[d] ?? 0) + 1));
  };
  children.forEach((c) => add(c.classroom_id, scheduleDaysColumn.parse(c.schedule_days)));
  promised
    .filter((p) => p.id !== exceptApplicationId)
    .forEach((p) => add(p.classroom_id, daysOf(applicationFormColumn.parse(p.form))));
  return counts;
}

type FitClassroom = { id: string; min_age_months: number; max_age_months: number; capacity: number };

/** For each classroom, why the applicant cannot take a place there (null where they can). */
export async function fitsFor(
  app: {
    id: string;
    center_id: string;
    child_birth_date: string | null;
    preferred_start_date: string | null;
    form: string;
  },
  classrooms: FitClassroom[],
  db: Kysely<DB> = getDb(),
): Promise<(FitProblem | null)[]> {
  if (classrooms.length === 0) return [];
  const taken = await takenByDay(db, {
    centerId: app.center_id,
    classroomIds: classrooms.map((c) => c.id),
    exceptApplicationId: app.id,
  });
  const days = daysOf(applicationFormColumn.parse(app.form));
  return classrooms.map((classroom) =>
    classroomFit({
      birthDate: app.child_birth_date!,
      startDate: app.preferred_start_date!,
      days,
      classroom,
      takenByDay: taken.get(classroom.id) ?? {},
    }),
  );
}

/** Every classroom of the center, with why the applicant cannot take a place there (null where they can). */
export async function classroomsWithFit({ centerId, app }: { centerId: string; app: Parameters<typeof fitsFor>[0] }) {
  const classrooms = await listClassrooms(centerId);
  const fits = await fitsFor(app, classrooms);
  return classrooms.map((c, i) => ({ ...c, problem: fits[i] }));
}

export type StatusChangeResult =
  | { ok: true }
  | { ok: false; error: 'notAllowed' }
  | { ok: false; error: 'fit'; problem: FitProblem }
  | { ok: false; error: 'classroomRequired' | 'expiryRequired' };

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
  return getDb()
    .transaction()
    .execute(async (trx): Promise<StatusChangeResult> => {
      const app = await trx
        .selectFrom('applications')
        .selectAll()
        .where('id', '=', input.applicationId)
        .where('center_id', '=', input.centerId)
        .executeTakeFirst();
      if (!app || !canTransition(asOfToday(app, input.today).status, input.to, 'staff'))
        return { ok: false, error: 'notAllowed' };
      const set: { classroom_id?: string | null; offer_expires_on?: string | null } = {};
      if (input.to === 'offered' || input.to === 'waitlisted') {
        // Touching the classroom's row first makes two offers for its last place wait for each
        // other (a row lock on PostgreSQL, the write lock on SQLite): the second sees the first.
        const locked = input.classroomId
          ? await trx
              .updateTable('classrooms')
              .set((eb) => ({ updated_at: eb.ref('updated_at') }))
              .where('id', '=', input.classroomId)
              .where('center_id', '=', input.centerId)
              .executeTakeFirst()
          : undefined;
        if (!locked || Number(locked.numUpdatedRows) !== 1) return { ok: false, error: 'classroomRequired' };
        const classroom = await trx
          .selectFrom('classrooms')
          .select(['id', 'min_age_months', 'max_age_months', 'capacity'])
          .where('id', '=', input.classroomId!)
          .executeTakeFirstOrThrow();
        set.classroom_id = classroom.id;
        const [problem] = await fitsFor(app, [classroom], trx);
        // A waitlist is exactly for a classroom that is full today; the age must still fit.
        if (problem && (input.to === 'offered' || problem.reason !== 'full'))
          return { ok: false, error: 'fit', problem };
        if (input.to === 'offered') {
          if (
            !input.offerExpiresOn ||
            !/^\d{4}-\d{2}-\d{2}$/.test(input.offerExpiresOn) ||
            input.offerExpiresOn < input.today
          )
            return { ok: false, error: 'expiryRequired' };
          set.offer_expires_on = input.offerExpiresOn;
        }
      }
      const moved = await moveStatus(trx, app, input.to, { actorId: input.actorId, note: input.note, set });
      if (moved && input.to === 'offered') await offerMadeNotice(trx, app);
      return moved ? { ok: true } : { ok: false, error: 'notAllowed' };
    });
}

/** Adds a note to the application's history; its status stays. False when it is not this center's. */
export async function addApplicationNote({
  centerId,
  applicationId,
  actorId,
  note,
}: {
  centerId: string;
  applicationId: string;
  actorId: string;
  note: string;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const app = await trx
        .selectFrom('applications')
        .select(['id', 'status'])
        .where('id', '=', applicationId)
        .where('center_id', '=', centerId)
        .where('status', '!=', 'draft')
        .executeTakeFirst();
      if (!app) return false;
      const event = {
        id: newId(),
        application_id: app.id,
        at: nowIso(),
        actor_id: actorId,
        from_status: app.status,
        to_status: app.status,
        note,
      };
      await trx.insertInto('application_events').values(event).execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'application',
        entityId: app.id,
        before: { note: null },
        after: { note },
      });
      return true;
    });
}

/**
 * The coordinator records that the family accepted the offer outside the link (by phone, in person):
 * the same move as the family's own acceptance, with who said yes and when in the history.
 */
export async function acceptForFamily({
  centerId,
  applicationId,
  actorId,
  note,
  today,
}: {
  centerId: string;
  applicationId: string;
  actorId: string;
  note: string;
  today: string;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const found = await trx
        .selectFrom('applications')
        .selectAll()
        .where('id', '=', applicationId)
        .where('center_id', '=', centerId)
        .executeTakeFirst();
      if (!found) return 'notFound' as const;
      const app = asOfToday(found, today);
      if (!canTransition(app.status, 'accepted', 'parent')) return 'notAllowed' as const;
      return (await moveStatus(trx, found, 'accepted', { actorId, note })) ? ('ok' as const) : ('notAllowed' as const);
    });
}

/** A new private link for the family (the old one stops working), to pass on again. Null when not this center's. */
export async function renewFamilyLink({
  centerId,
  applicationId,
  actorId,
}: {
  centerId: string;
  applicationId: string;
  actorId: string;
}) {
  const token = newToken();
  const renewed = await getDb()
    .transaction()
    .execute(async (trx) => {
      const app = await trx
        .selectFrom('applications')
        .select(['id', 'access_token_hash'])
        .where('id', '=', applicationId)
        .where('center_id', '=', centerId)
        .where('status', '!=', 'draft')
        .executeTakeFirst();
      if (!app) return false;
      const after = { access_token_hash: hashToken(token) };
      await trx.updateTable('applications').set(after).where('id', '=', app.id).execute();
      await recordChange(trx, { actorId, centerId, entity: 'application', entityId: app.id, before: app, after });
      return true;
    });
  return renewed ? token : null;
}

export async function overridePriority(input: {
  centerId: string;
  applicationId: string;
  actorId: string;
  value: number | null;
  reason: string | null;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('applications')
        .select(['priority_override', 'priority_override_reason'])
        .where('id', '=', input.applicationId)
        .where('center_id', '=', input.centerId)
        .executeTakeFirst();
      if (!before) return false;
      const after = {
        priority_override: input.value,
        priority_override_reason: input.value === null ? null : input.reason,
      };
      await trx
        .updateTable('applications')
        .set({ ...after, updated_at: nowIso() })
        .where('id', '=', input.applicationId)
        .execute();
      await recordChange(trx, {
        actorId: input.actorId,
        centerId: input.centerId,
        entity: 'application',
        entityId: input.applicationId,
        before,
        after,
      });
      return true;
    });
}

/** The coordinator's list, highest priority first, with each application's fit for its classroom. */
export async function listApplications({
  centerId,
  status,
  classroomId,
  today,
}: {
  centerId: string;
  status?: ApplicationStatus;
  classroomId?: string;
  today: string;
}) {
  let query = getDb()
    .selectFrom('applications')
    .leftJoin('classrooms', 'classrooms.id', 'applications.classroom_id')
    .select([
      'applications.id',
      'reference_code',
      'status',
      'offer_expires_on',
      'child_full_name',
      'child_birth_date',
      'preferred_start_date',
      'priority_score',
      'priority_override',
      'submitted_at',
      'classroom_id',
      'classrooms.name as classroomName',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('application_events')
            .select('application_events.id')
            .whereRef('application_events.application_id', '=', 'applications.id')
            .where('application_events.to_status', '=', 'declined')
            .where('application_events.actor_id', 'is', null),
        )
        .as('declinedByFamily'),
    )
    .where('applications.center_id', '=', centerId)
    .where('status', '!=', 'draft');
  if (classroomId) query = query.where('classroom_id', '=', classroomId);
  const [rows, classrooms] = await Promise.all([query.execute(), listClassrooms(centerId)]);
  return rows
    .map((r) => asOfToday(r, today))
    .filter((r) => !status || r.status === status)
    .map((r) => {
      const ageAtStart =
        r.child_birth_date && r.preferred_start_date ? ageInMonths(r.child_birth_date, r.preferred_start_date) : null;
      // Which classrooms the child's age fits on the start date, at a glance; exists() is 0/1 on SQLite, a boolean on PostgreSQL.
      return {
        ...r,
        declinedByFamily: Boolean(r.declinedByFamily),
        ageAtStart,
        fits: ageAtStart === null ? [] : classroomsForAge(ageAtStart, classrooms).map((c) => c.name),
      };
    })
    .sort(compareWaitlist);
}

export async function getApplication({
  centerId,
  applicationId,
  today,
}: {
  centerId: string;
  applicationId: string;
  today: string;
}) {
  const db = getDb();
  const found = await db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', applicationId)
    .where('center_id', '=', centerId)
    .where('status', '!=', 'draft')
    .executeTakeFirst();
  if (!found) return null;
  const app = asOfToday(found, today);
  const [events, documents] = await Promise.all([
    db
      .selectFrom('application_events')
      .leftJoin('users', 'users.id', 'application_events.actor_id')
      .select(['application_events.at', 'from_status', 'to_status', 'note', 'actor_id', 'users.name as actorName'])
      .where('application_id', '=', app.id)
      .orderBy('at')
      .orderBy('application_events.id')
      .execute(),
    db
      .selectFrom('documents')
      .select(['id', 'kind', 'file_name', 'mime_type', 'size_bytes'])
      .where('application_id', '=', app.id)
      .execute(),
  ]);
  const position = app.status === 'waitlisted' ? await waitlistPosition(app) : null;
  const shown = events.map(({ actor_id, ...e }) => ({
    ...e,
    declinedByFamily: declinedByFamily({ to_status: e.to_status, actor_id }),
  }));
  return { app, form: applicationFormColumn.parse(app.form), events: shown, documents, position };
}

export async function getApplicationDocument({
  centerId,
  applicationId,
  documentId,
}: {
  centerId: string;
  applicationId: string;
  documentId: string;
}) {
  return getDb()
    .selectFrom('documents')
    .select(['storage_key', 'mime_type', 'file_name'])
    .where('id', '=', documentId)
    .where('application_id', '=', applicationId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
}
