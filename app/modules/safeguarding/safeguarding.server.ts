// Safe staff and the center's own record: each staff member's checks with their documents, the
// coordinator's decision on counting a person in the ratio, the center's licences, and its
// self-assessments against the child-friendly daycare standard. Every query filters on the center;
// every change is audited in its own transaction; refused reads are recorded (recordAccess).
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB, DocumentKind, Role, StaffCheckKind } from '~db/schema';
import { formatLongDate } from '~/i18n/format';
import { createI18n } from '~/i18n/catalogs.server';
import { recordAccess, recordChange } from '../audit/audit.server';
import { withStoredFiles, type CheckedUpload } from '../files/uploads.server';
import { notify } from '../notifications/outbox.server';
import { localDate } from '../time/time';
import {
  checkStates,
  countsInRatio,
  expiryState,
  lapsedChecks,
  latestChecks,
  REMIND_DAYS_BEFORE,
  type LicenceInput,
  type NotCountedReason,
  type StaffCheckInput,
} from './checks';
import { assessmentScore, CRITERIA, MET_NAMES, parseAnswers, type Answers } from './standard';

const CHECK_COLUMNS = [
  'staff_checks.id',
  'staff_checks.user_id',
  'staff_checks.kind',
  'staff_checks.reference',
  'staff_checks.issued_on',
  'staff_checks.expires_on',
  'staff_checks.document_id',
  'staff_checks.created_at',
] as const;

/** The center's staff (one entry per person, whatever their roles) with their ratio decision. */
async function staffOf(db: Kysely<DB>, centerId: string) {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id',
      'users.name',
      'memberships.role',
      'memberships.suspended_at',
      'memberships.counts_in_ratio_override',
      'memberships.ratio_decided_by',
      'memberships.ratio_decided_at',
    ])
    .where('memberships.center_id', '=', centerId)
    .orderBy('users.name')
    .execute();
  const people = new Map<
    string,
    {
      id: string;
      name: string;
      roles: Role[];
      suspended: boolean;
      override: number | null;
      decidedBy: string | null;
      decidedAt: string | null;
    }
  >();
  for (const r of rows) {
    const person = people.get(r.id) ?? {
      id: r.id,
      name: r.name,
      roles: [],
      suspended: false,
      override: null,
      decidedBy: null,
      decidedAt: null,
    };
    person.roles.push(r.role);
    person.suspended ||= r.suspended_at !== null;
    // The decision is written on each of the person's memberships here; the latest one holds.
    if (r.ratio_decided_at !== null && (person.decidedAt === null || r.ratio_decided_at > person.decidedAt)) {
      person.override = r.counts_in_ratio_override;
      person.decidedBy = r.ratio_decided_by;
      person.decidedAt = r.ratio_decided_at;
    }
    people.set(r.id, person);
  }
  return [...people.values()];
}

const checksOf = (db: Kysely<DB>, centerId: string, userIds?: string[]) => {
  let query = db.selectFrom('staff_checks').select(CHECK_COLUMNS).where('staff_checks.center_id', '=', centerId);
  if (userIds) query = query.where('staff_checks.user_id', 'in', userIds.length ? userIds : ['']);
  return query.orderBy('staff_checks.issued_on', 'desc').orderBy('staff_checks.created_at', 'desc').execute();
};

/**
 * Every staff member's check status on `today` (the center's local date): each kind's state, the
 * required checks that have lapsed, and whether they count toward the ratio and why not. The one
 * query the staff list, the ratio and regional oversight read.
 */
export async function staffCheckStatus({
  centerId,
  today,
  db = getDb(),
}: {
  centerId: string;
  today: string;
  db?: Kysely<DB>;
}) {
  const [people, checks] = await Promise.all([staffOf(db, centerId), checksOf(db, centerId)]);
  return people.map((person) => {
    const own = checks.filter((c) => c.user_id === person.id);
    const lapsed = lapsedChecks(own, today);
    const states = checkStates(own, today);
    return {
      ...person,
      states,
      lapsed,
      missingRequired: states.filter((s) => s.required && s.state === 'missing').map((s) => s.kind),
      trainingsDue: states.filter((s) => !s.required && s.state !== 'valid').map((s) => s.kind),
      ...countsInRatio({ lapsed, override: person.override }),
    };
  });
}
export type StaffCheckStatus = Awaited<ReturnType<typeof staffCheckStatus>>[number];

/** The people among `userIds` who do not count toward the ratio today, with why. */
export async function ratioExclusions({
  centerId,
  today,
  userIds,
  db = getDb(),
}: {
  centerId: string;
  today: string;
  userIds: string[];
  db?: Kysely<DB>;
}) {
  const out = new Map<string, { reason: NotCountedReason; lapsed: StaffCheckKind[] }>();
  if (userIds.length === 0) return out;
  const [overrides, checks] = await Promise.all([
    db
      .selectFrom('memberships')
      .select(['user_id', 'counts_in_ratio_override', 'ratio_decided_at'])
      .where('center_id', '=', centerId)
      .where('user_id', 'in', userIds)
      .where('ratio_decided_at', 'is not', null)
      .orderBy('ratio_decided_at', 'desc')
      .execute(),
    checksOf(db, centerId, userIds),
  ]);
  for (const userId of new Set(userIds)) {
    const lapsed = lapsedChecks(
      checks.filter((c) => c.user_id === userId),
      today,
    );
    const override = overrides.find((o) => o.user_id === userId)?.counts_in_ratio_override ?? null;
    const { counts, reason } = countsInRatio({ lapsed, override });
    if (!counts) out.set(userId, { reason: reason!, lapsed });
  }
  return out;
}

// ————— One person's record —————

export type PersonAccess = { ok: true; name: string; roles: Role[] } | { ok: false };

/**
 * May the viewer open this person's record? The coordinator, and the person themselves. Anything
 * else (another staff member, a person of another center, an id that is no one) is refused and the
 * attempt recorded, under the person's own center when they have one.
 */
export async function personAccess({
  centerId,
  userId,
  viewerId,
  viewerRoles,
}: {
  centerId: string;
  userId: string;
  viewerId: string;
  viewerRoles: Role[];
}): Promise<PersonAccess> {
  const db = getDb();
  const memberships = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.center_id', 'memberships.role', 'users.name'])
    .where('memberships.user_id', '=', userId)
    .execute();
  const here = memberships.filter((m) => m.center_id === centerId);
  const allowed = here.length > 0 && (viewerRoles.includes('coordinator') || userId === viewerId);
  if (allowed) return { ok: true, name: here[0].name, roles: here.map((m) => m.role) };
  await recordAccess(db, {
    actorId: viewerId,
    centerId: here.length > 0 ? centerId : (memberships[0]?.center_id ?? null),
    entity: 'user',
    entityId: userId.slice(0, 64),
    action: 'refused',
  });
  return { ok: false };
}

/** A person's checks, newest first, with each kind's state and their place in the ratio. */
export async function personRecord({ centerId, userId, today }: { centerId: string; userId: string; today: string }) {
  const db = getDb();
  const status = (await staffCheckStatus({ centerId, today, db })).find((s) => s.id === userId);
  if (!status) return null;
  const checks = await db
    .selectFrom('staff_checks')
    .leftJoin('documents', (join) =>
      join.onRef('documents.id', '=', 'staff_checks.document_id').on('documents.center_id', '=', centerId),
    )
    .leftJoin('users as recorder', 'recorder.id', 'staff_checks.recorded_by')
    .select([...CHECK_COLUMNS, 'documents.file_name', 'recorder.name as recorded_by_name'])
    .where('staff_checks.center_id', '=', centerId)
    .where('staff_checks.user_id', '=', userId)
    .orderBy('staff_checks.issued_on', 'desc')
    .orderBy('staff_checks.created_at', 'desc')
    .execute();
  const decider = status.decidedBy
    ? await db.selectFrom('users').select('name').where('id', '=', status.decidedBy).executeTakeFirst()
    : undefined;
  return {
    status,
    decidedByName: decider?.name ?? null,
    checks: checks.map((c) => ({ ...c, state: expiryState(c.expires_on, today) })),
  };
}

async function insertDocument(
  trx: Kysely<DB>,
  {
    centerId,
    actorId,
    kind,
    upload,
    key,
  }: { centerId: string; actorId: string; kind: DocumentKind; upload: CheckedUpload; key: string },
) {
  const document = {
    id: newId(),
    center_id: centerId,
    application_id: null,
    child_id: null,
    kind,
    file_name: upload.fileName,
    mime_type: upload.mimeType,
    size_bytes: upload.bytes.byteLength,
    storage_key: key,
    created_at: nowIso(),
  };
  await trx.insertInto('documents').values(document).execute();
  await recordChange(trx, { actorId, centerId, entity: 'document', entityId: document.id, after: document });
  return document.id;
}

export type SafeguardingError = 'notFound';

/** Records a check for a staff member of the center, with its document when one was given. */
export async function recordStaffCheck({
  centerId,
  userId,
  actorId,
  input,
  document,
}: {
  centerId: string;
  userId: string;
  actorId: string;
  input: StaffCheckInput;
  document: CheckedUpload | null;
}): Promise<{ ok: true; id: string } | { ok: false; error: SafeguardingError }> {
  type Result = { ok: true; id: string } | { ok: false; error: SafeguardingError };
  return withStoredFiles<Result>(document ? [document.bytes] : [], async (trx, [key]) => {
    const member = await trx
      .selectFrom('memberships')
      .select('id')
      .where('center_id', '=', centerId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!member) return { value: { ok: false, error: 'notFound' }, kept: false };
    const documentId = document
      ? await insertDocument(trx, { centerId, actorId, kind: 'staff_check_document', upload: document, key })
      : null;
    const row = {
      id: newId(),
      center_id: centerId,
      user_id: userId,
      kind: input.kind,
      reference: input.reference,
      issued_on: input.issued_on,
      expires_on: input.expires_on,
      document_id: documentId,
      recorded_by: actorId,
      created_at: nowIso(),
    };
    await trx.insertInto('staff_checks').values(row).execute();
    await recordChange(trx, { actorId, centerId, entity: 'staff_check', entityId: row.id, after: row });
    return { value: { ok: true, id: row.id } };
  });
}

/**
 * The coordinator's decision on counting a person in the ratio: 'count' whatever their checks,
 * 'exclude', or 'rule' (back to the rule: lapsed required checks leave the ratio). Written on each
 * of the person's memberships in the center, with who and when, audited.
 */
export async function decideRatio({
  centerId,
  userId,
  actorId,
  decision,
  now = new Date(),
}: {
  centerId: string;
  userId: string;
  actorId: string;
  decision: 'count' | 'exclude' | 'rule';
  now?: Date;
}): Promise<{ ok: true } | { ok: false; error: SafeguardingError }> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const memberships = await trx
        .selectFrom('memberships')
        .select(['id', 'user_id', 'counts_in_ratio_override', 'ratio_decided_by', 'ratio_decided_at'])
        .where('center_id', '=', centerId)
        .where('user_id', '=', userId)
        .execute();
      if (memberships.length === 0) return { ok: false as const, error: 'notFound' as const };
      const change = {
        counts_in_ratio_override: decision === 'count' ? 1 : decision === 'exclude' ? 0 : null,
        ratio_decided_by: decision === 'rule' ? null : actorId,
        ratio_decided_at: decision === 'rule' ? null : now.toISOString(),
      };
      await trx
        .updateTable('memberships')
        .set(change)
        .where('center_id', '=', centerId)
        .where('user_id', '=', userId)
        .execute();
      for (const m of memberships) {
        const { id, ...before } = m;
        await recordChange(trx, {
          actorId,
          centerId,
          entity: 'membership',
          entityId: id,
          before,
          after: { ...change, user_id: m.user_id },
        });
      }
      return { ok: true as const };
    });
}

// ————— The center's licences —————

export async function listLicences({ centerId, today }: { centerId: string; today: string }) {
  const rows = await getDb()
    .selectFrom('center_licences')
    .leftJoin('documents', (join) =>
      join.onRef('documents.id', '=', 'center_licences.document_id').on('documents.center_id', '=', centerId),
    )
    .select([
      'center_licences.id',
      'center_licences.kind',
      'center_licences.reference',
      'center_licences.issuer',
      'center_licences.grade',
      'center_licences.issued_on',
      'center_licences.expires_on',
      'center_licences.document_id',
      'center_licences.created_at',
      'documents.file_name',
    ])
    .where('center_licences.center_id', '=', centerId)
    .orderBy('center_licences.issued_on', 'desc')
    .orderBy('center_licences.created_at', 'desc')
    .execute();
  const current = new Set(
    (['operating_licence', 'accreditation'] as const).flatMap((kind) => {
      const first = rows.find((r) => r.kind === kind);
      return first ? [first.id] : [];
    }),
  );
  return rows.map((r) => ({ ...r, current: current.has(r.id), state: expiryState(r.expires_on, today) }));
}

export async function recordLicence({
  centerId,
  actorId,
  input,
  document,
}: {
  centerId: string;
  actorId: string;
  input: LicenceInput;
  document: CheckedUpload | null;
}) {
  return withStoredFiles(document ? [document.bytes] : [], async (trx, [key]) => {
    const documentId = document
      ? await insertDocument(trx, { centerId, actorId, kind: 'center_document', upload: document, key })
      : null;
    const row = {
      id: newId(),
      center_id: centerId,
      kind: input.kind,
      reference: input.reference,
      issuer: input.issuer,
      grade: input.kind === 'accreditation' ? input.grade : null,
      issued_on: input.issued_on,
      expires_on: input.expires_on,
      document_id: documentId,
      recorded_by: actorId,
      created_at: nowIso(),
    };
    await trx.insertInto('center_licences').values(row).execute();
    await recordChange(trx, { actorId, centerId, entity: 'center_licence', entityId: row.id, after: row });
    return { value: { id: row.id } };
  });
}

// ————— Self-assessments —————

/** One line per criterion for the audit entry: "key: met (2 documents)". */
const answersLine = (answers: Answers) =>
  Object.entries(answers)
    .map(([key, a]) => `${key}: ${MET_NAMES[a.met]}${a.documentIds.length ? ` (+${a.documentIds.length})` : ''}`)
    .join('; ');

/** Saves an assessment with its evidence (one file per criterion at most); the score is computed here. */
export async function saveAssessment({
  centerId,
  actorId,
  assessedOn,
  answers,
  evidence,
}: {
  centerId: string;
  actorId: string;
  assessedOn: string;
  answers: Answers;
  evidence: { key: string; upload: CheckedUpload }[];
}) {
  const known = evidence.filter((e) => CRITERIA.some((c) => c.key === e.key));
  return withStoredFiles(
    known.map((e) => e.upload.bytes),
    async (trx, keys) => {
      const withEvidence: Answers = structuredClone(answers);
      for (const [i, e] of known.entries()) {
        const id = await insertDocument(trx, {
          centerId,
          actorId,
          kind: 'center_document',
          upload: e.upload,
          key: keys[i],
        });
        withEvidence[e.key].documentIds.push(id);
      }
      const row = {
        id: newId(),
        center_id: centerId,
        assessed_on: assessedOn,
        answers: JSON.stringify(withEvidence),
        score: assessmentScore(withEvidence),
        assessed_by: actorId,
        created_at: nowIso(),
      };
      await trx.insertInto('self_assessments').values(row).execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'self_assessment',
        entityId: row.id,
        after: { ...row, answers: answersLine(withEvidence) },
      });
      return { value: { id: row.id, score: row.score } };
    },
  );
}

/** The center's assessments, oldest first (the score over time). */
export async function listAssessments({ centerId }: { centerId: string }) {
  return getDb()
    .selectFrom('self_assessments')
    .leftJoin('users', 'users.id', 'self_assessments.assessed_by')
    .select([
      'self_assessments.id',
      'self_assessments.assessed_on',
      'self_assessments.score',
      'self_assessments.created_at',
      'users.name as assessed_by_name',
    ])
    .where('self_assessments.center_id', '=', centerId)
    .orderBy('self_assessments.assessed_on')
    .orderBy('self_assessments.created_at')
    .execute();
}

export async function getAssessment({ centerId, assessmentId }: { centerId: string; assessmentId: string }) {
  const db = getDb();
  const row = await db
    .selectFrom('self_assessments')
    .leftJoin('users', 'users.id', 'self_assessments.assessed_by')
    .select([
      'self_assessments.id',
      'self_assessments.assessed_on',
      'self_assessments.answers',
      'self_assessments.score',
      'users.name as assessed_by_name',
    ])
    .where('self_assessments.center_id', '=', centerId)
    .where('self_assessments.id', '=', assessmentId)
    .executeTakeFirst();
  if (!row) return null;
  const answers = parseAnswers(row.answers);
  const ids = Object.values(answers).flatMap((a) => a.documentIds);
  const docs = ids.length
    ? await db
        .selectFrom('documents')
        .select(['id', 'file_name'])
        .where('center_id', '=', centerId)
        .where('id', 'in', ids)
        .execute()
    : [];
  return { ...row, answers, documents: Object.fromEntries(docs.map((d) => [d.id, d.file_name])) };
}

// ————— Documents —————

/**
 * A safeguarding document, for the coordinator, or (a check's document) for the person it belongs
 * to. Anything else — another center's id, a guessed one, someone else's check — is refused and
 * recorded, and answers null (the route's 404).
 */
export async function safeguardingDocument({
  centerId,
  documentId,
  viewerId,
  viewerRoles,
}: {
  centerId: string;
  documentId: string;
  viewerId: string;
  viewerRoles: Role[];
}) {
  const db = getDb();
  const doc = await db
    .selectFrom('documents')
    .select(['id', 'center_id', 'kind', 'file_name', 'mime_type', 'storage_key'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  let allowed = false;
  if (doc && doc.center_id === centerId) {
    const coordinator = viewerRoles.includes('coordinator');
    if (doc.kind === 'center_document') allowed = coordinator;
    if (doc.kind === 'staff_check_document') {
      const owner = await db
        .selectFrom('staff_checks')
        .select('user_id')
        .where('center_id', '=', centerId)
        .where('document_id', '=', doc.id)
        .executeTakeFirst();
      allowed = owner !== undefined && (coordinator || owner.user_id === viewerId);
    }
  }
  if (allowed) return doc!;
  await recordAccess(db, {
    actorId: viewerId,
    centerId: doc?.center_id ?? null,
    entity: 'document',
    entityId: documentId.slice(0, 64),
    action: 'refused',
  });
  return null;
}

// ————— Reminders —————

/**
 * Reminds of checks, licences and accreditations expiring within REMIND_DAYS_BEFORE days: a staff
 * check to the person and the center's coordinators, a licence to the coordinators. Each record is
 * reminded once per expiry date (the outbox's dedupe key), however often the job runs.
 */
export async function remindExpiringRecords({ now = new Date() }: { now?: Date } = {}) {
  const db = getDb();
  const centers = await db.selectFrom('centers').select(['id', 'name', 'time_zone']).execute();
  let written = 0;
  for (const center of centers) {
    const today = localDate(center.time_zone, now);
    const until = DateTime.fromISO(today).plus({ days: REMIND_DAYS_BEFORE }).toISODate()!;
    const [checks, people, licences, coordinators] = await Promise.all([
      checksOf(db, center.id),
      staffOf(db, center.id),
      listLicences({ centerId: center.id, today }),
      db
        .selectFrom('memberships')
        .select('user_id')
        .where('center_id', '=', center.id)
        .where('role', '=', 'coordinator')
        .where('suspended_at', 'is', null)
        .execute(),
    ]);
    const due = (expiresOn: string | null) => expiresOn !== null && expiresOn >= today && expiresOn <= until;
    const coordinatorIds = [...new Set(coordinators.map((c) => c.user_id))];
    for (const person of people) {
      if (person.suspended) continue;
      const latest = latestChecks(checks.filter((c) => c.user_id === person.id));
      for (const check of latest.values()) {
        if (!due(check.expires_on)) continue;
        written += await db.transaction().execute((trx) =>
          notify(trx, {
            kind: 'check_expiring',
            centerId: center.id,
            to: [...new Set([person.id, ...coordinatorIds])].map((userId) => ({ userId })),
            params: (language) => ({
              name: person.name,
              check: createI18n(language).t(`safeguarding.checkKinds.${check.kind}`),
              expires: formatLongDate(check.expires_on!, language),
              center: center.name,
            }),
            dedupeKey: `check_expiring:${check.id}:${check.expires_on}`,
            at: now,
          }),
        );
      }
    }
    for (const licence of licences) {
      if (!licence.current || !due(licence.expires_on)) continue;
      written += await db.transaction().execute((trx) =>
        notify(trx, {
          kind: 'licence_expiring',
          centerId: center.id,
          to: coordinatorIds.map((userId) => ({ userId })),
          params: (language) => ({
            licence: createI18n(language).t(`safeguarding.licenceKinds.${licence.kind}`),
            reference: licence.reference,
            expires: formatLongDate(licence.expires_on!, language),
            center: center.name,
          }),
          dedupeKey: `licence_expiring:${licence.id}:${licence.expires_on}`,
          at: now,
        }),
      );
    }
  }
  return written;
}
