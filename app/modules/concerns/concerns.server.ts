// Welfare concerns (restricted) and referrals. Every query is filtered by the center; every read of
// a concern is recorded (concern_views and the audit log's 'view'); every refused attempt is
// recorded as 'refused' with the concern's own center. A concern publishes no live event and its
// email says only that one awaits: nothing of it reaches a family, other staff or a topic.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB, Role } from '~db/schema';
import type { Params } from '@remix-run/react';
import { recordAccess, recordChange } from '../audit/audit.server';
import { getOptionalUser } from '../auth/require-user.server';
import { centerContext } from '../centers/context.server';
import { notFound } from '../http.server';
import { missedDaysColumn } from '../json-columns';
import { publicUrl } from '../notifications/mail-config.server';
import { notify } from '../notifications/outbox.server';
import {
  auditShape,
  canSeeConcern,
  followUpProblem,
  type ConcernError,
  type ConcernOutcome,
  type RaiseConcernInput,
  type ReferralBasis,
} from './concerns';
import type { ConcernCategory, ConcernEntryKind, ReferralService, RiskLevel } from '~db/schema';

type Result<T = object> = ({ ok: true } & T) | { ok: false; error: ConcernError };
const fail = (error: ConcernError) => ({ ok: false as const, error });

/** The coordinators a new concern is announced to (active ones), except whoever raised it. */
async function coordinatorsOf(trx: Kysely<DB>, centerId: string) {
  const rows = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('center_id', '=', centerId)
    .where('role', '=', 'coordinator')
    .where('suspended_at', 'is', null)
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}

/**
 * What the form to raise a concern starts with when it is started from the door's arrival check
 * (the marks seen) or from an absence follow-up (the days missed). Null when the source is not
 * this center's, or (a follow-up) the viewer is not a coordinator, who alone sees follow-ups.
 */
export async function concernPrefill({
  centerId,
  source,
  sourceId,
  roles,
}: {
  centerId: string;
  source: 'arrival_check' | 'absence_follow_up';
  sourceId: string;
  roles: readonly Role[];
}): Promise<{ childId: string; category: ConcernCategory; marks: string | null; missedDays: string[] } | null> {
  const db = getDb();
  if (source === 'arrival_check') {
    const row = await db
      .selectFrom('attendance')
      .select(['child_id', 'marks_note'])
      .where('id', '=', sourceId)
      .where('center_id', '=', centerId)
      .executeTakeFirst();
    return row ? { childId: row.child_id, category: 'injury_at_arrival', marks: row.marks_note, missedDays: [] } : null;
  }
  if (!roles.includes('coordinator')) return null;
  const row = await db
    .selectFrom('follow_ups')
    .select(['child_id', 'detail'])
    .where('id', '=', sourceId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  return row
    ? {
        childId: row.child_id,
        category: 'unexplained_absence',
        marks: null,
        missedDays: missedDaysColumn.parse(row.detail),
      }
    : null;
}

/** The children a concern may be raised about: the center's, not withdrawn. */
export async function concernChildren(centerId: string) {
  return getDb()
    .selectFrom('children')
    .select(['id', 'full_name'])
    .where('center_id', '=', centerId)
    .where('status', '!=', 'withdrawn')
    .orderBy('full_name')
    .execute();
}

/**
 * Any staff member raises a concern. Started from a follow-up (a coordinator's), it resolves that
 * follow-up with `followUpResolution` (in the coordinator's words) in the same transaction. The
 * coordinators are told by email, urgently, that a concern awaits them: no child, no content.
 */
export async function raiseConcern({
  centerId,
  actorId,
  roles,
  input,
  followUpResolution,
}: {
  centerId: string;
  actorId: string;
  roles: readonly Role[];
  input: RaiseConcernInput;
  followUpResolution: string;
}): Promise<Result<{ id: string }>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const child = await trx
        .selectFrom('children')
        .select('id')
        .where('id', '=', input.child_id)
        .where('center_id', '=', centerId)
        .where('status', '!=', 'withdrawn')
        .executeTakeFirst();
      if (!child) return fail('childNotFound');
      const source = input.source_id ? input.source : 'manual';
      const sourceId = source === 'manual' ? null : input.source_id;
      if (source === 'arrival_check') {
        const row = await trx
          .selectFrom('attendance')
          .select('id')
          .where('id', '=', sourceId!)
          .where('center_id', '=', centerId)
          .where('child_id', '=', child.id)
          .executeTakeFirst();
        if (!row) return fail('sourceNotFound');
      }
      if (source === 'absence_follow_up') {
        if (!roles.includes('coordinator')) return fail('sourceNotFound');
        const row = await trx
          .selectFrom('follow_ups')
          .select(['id', 'resolved_at'])
          .where('id', '=', sourceId!)
          .where('center_id', '=', centerId)
          .where('child_id', '=', child.id)
          .executeTakeFirst();
        if (!row) return fail('sourceNotFound');
        if (!row.resolved_at) {
          const at = nowIso();
          await trx
            .updateTable('follow_ups')
            .set({ resolved_at: at, resolved_by: actorId, resolution: followUpResolution })
            .where('id', '=', row.id)
            .where('center_id', '=', centerId)
            .where('resolved_at', 'is', null)
            .execute();
          await recordChange(trx, {
            actorId,
            centerId,
            entity: 'follow_up',
            entityId: row.id,
            childId: child.id,
            before: { resolved_at: null },
            after: { resolution: followUpResolution },
          });
        }
      }
      const at = nowIso();
      const row = {
        id: newId(),
        center_id: centerId,
        child_id: child.id,
        category: input.category,
        description: input.description,
        child_words: input.category === 'disclosure' || input.child_words ? input.child_words : null,
        source,
        source_id: sourceId,
        raised_by: actorId,
        raised_at: at,
        risk_level: null,
        status: 'open' as const,
        follow_up_on: null,
        closed_at: null,
        closed_by: null,
        outcome: null,
        close_reason: null,
        updated_at: at,
      };
      await trx.insertInto('welfare_concerns').values(row).execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'welfare_concern',
        entityId: row.id,
        childId: null,
        ...auditShape(null, row),
      });
      const to = (await coordinatorsOf(trx, centerId)).filter((id) => id !== actorId);
      const center = await trx
        .selectFrom('centers')
        .select('name')
        .where('id', '=', centerId)
        .executeTakeFirstOrThrow();
      await notify(trx, {
        kind: 'welfare_concern',
        centerId,
        to: to.map((userId) => ({ userId })),
        params: { center: center.name, link: publicUrl(`/c/${centerId}/concerns/${row.id}`) },
        dedupeKey: `welfare_concern:${row.id}`,
        urgent: true,
      });
      return { ok: true as const, id: row.id };
    });
}

/** The concerns a person may see in a list: all of the center's for a coordinator, else the ones they raised. */
export async function listConcerns({
  centerId,
  viewerId,
  roles,
}: {
  centerId: string;
  viewerId: string;
  roles: readonly Role[];
}) {
  let query = getDb()
    .selectFrom('welfare_concerns')
    .innerJoin('children', 'children.id', 'welfare_concerns.child_id')
    .select([
      'welfare_concerns.id',
      'welfare_concerns.category',
      'welfare_concerns.status',
      'welfare_concerns.risk_level',
      'welfare_concerns.raised_at',
      'welfare_concerns.follow_up_on',
      'children.full_name as childName',
    ])
    .where('welfare_concerns.center_id', '=', centerId)
    .orderBy('welfare_concerns.status', 'desc')
    .orderBy('welfare_concerns.raised_at', 'desc');
  if (!roles.includes('coordinator')) query = query.where('welfare_concerns.raised_by', '=', viewerId);
  return query.execute();
}

/**
 * Records a refused attempt at a concern: someone without access, a guessed id, another center's
 * id. The entry carries the concern's own center when the concern exists, so its coordinators see
 * the attempt; an id that exists nowhere is recorded without a center.
 */
export async function refuseConcern({ actorId, concernId }: { actorId: string | null; concernId: string }) {
  const db = getDb();
  const row = await db
    .selectFrom('welfare_concerns')
    .select('center_id')
    .where('id', '=', concernId)
    .executeTakeFirst();
  await recordAccess(db, {
    actorId,
    centerId: row?.center_id ?? null,
    entity: 'welfare_concern',
    entityId: concernId.slice(0, 64),
    action: 'refused',
  });
}

const concernColumns = [
  'welfare_concerns.id',
  'welfare_concerns.center_id',
  'welfare_concerns.child_id',
  'welfare_concerns.category',
  'welfare_concerns.description',
  'welfare_concerns.child_words',
  'welfare_concerns.source',
  'welfare_concerns.raised_by',
  'welfare_concerns.raised_at',
  'welfare_concerns.risk_level',
  'welfare_concerns.status',
  'welfare_concerns.follow_up_on',
  'welfare_concerns.closed_at',
  'welfare_concerns.closed_by',
  'welfare_concerns.outcome',
  'welfare_concerns.close_reason',
] as const;

async function findConcern(db: Kysely<DB>, { centerId, concernId }: { centerId: string; concernId: string }) {
  return db
    .selectFrom('welfare_concerns')
    .innerJoin('children', 'children.id', 'welfare_concerns.child_id')
    .innerJoin('users as raiser', 'raiser.id', 'welfare_concerns.raised_by')
    .select([...concernColumns, 'children.full_name as childName', 'raiser.name as raisedByName'])
    .where('welfare_concerns.id', '=', concernId)
    .where('welfare_concerns.center_id', '=', centerId)
    .executeTakeFirst();
}

/**
 * First line of a concern page's loader or action: the center's staff member, as centerContext
 * gives it. Anyone it turns away (a guardian, staff of another center, a suspended role) is
 * recorded as refused — with the concern's own center when the concern exists — and answered 404,
 * never 403: whether a concern exists is itself restricted.
 */
export async function concernContext(request: Request, params: Params) {
  try {
    return await centerContext(request, params);
  } catch (thrown) {
    if (thrown instanceof Response && (thrown.status === 404 || thrown.status === 403)) {
      const signedIn = await getOptionalUser(request);
      await refuseConcern({ actorId: signedIn?.user.id ?? null, concernId: params.concernId ?? '' });
      notFound();
    }
    throw thrown;
  }
}

/**
 * The concern, when this person may see it (a coordinator of its center, or the person who raised
 * it); otherwise the attempt is recorded as refused and the answer is null (the route's 404).
 */
export async function checkConcernAccess({
  centerId,
  concernId,
  userId,
  roles,
}: {
  centerId: string;
  concernId: string;
  userId: string;
  roles: readonly Role[];
}) {
  const concern = await findConcern(getDb(), { centerId, concernId });
  if (!concern || !canSeeConcern({ roles, userId, raisedBy: concern.raised_by })) {
    await refuseConcern({ actorId: userId, concernId });
    return null;
  }
  return concern;
}

/** Records one read of a concern: a row of concern_views (shown on the concern) and the audit log's 'view'. */
export async function recordConcernView({
  centerId,
  concernId,
  userId,
}: {
  centerId: string;
  concernId: string;
  userId: string;
}) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('concern_views')
        .values({ id: newId(), center_id: centerId, concern_id: concernId, user_id: userId, at: nowIso() })
        .execute();
      await recordAccess(trx, {
        actorId: userId,
        centerId,
        entity: 'welfare_concern',
        entityId: concernId,
        action: 'view',
      });
    });
}

/**
 * Opens a concern for a person: refused (and recorded) unless they may see it; otherwise the read
 * is recorded and the concern comes back with what this person may see of it: a coordinator its
 * whole timeline and referrals; the person who raised it their report, their own notes, its
 * status and who has seen it.
 */
export async function openConcern({
  centerId,
  concernId,
  userId,
  roles,
}: {
  centerId: string;
  concernId: string;
  userId: string;
  roles: readonly Role[];
}) {
  const db = getDb();
  const concern = await checkConcernAccess({ centerId, concernId, userId, roles });
  if (!concern) return null;
  const manages = roles.includes('coordinator');
  await recordConcernView({ centerId, concernId: concern.id, userId });
  const [entries, referrals, views, closer] = await Promise.all([
    db
      .selectFrom('concern_entries')
      .innerJoin('users', 'users.id', 'concern_entries.by')
      .select([
        'concern_entries.id',
        'concern_entries.kind',
        'concern_entries.body',
        'concern_entries.risk_level',
        'concern_entries.at',
        'concern_entries.by',
        'users.name as byName',
      ])
      .where('concern_entries.center_id', '=', centerId)
      .where('concern_entries.concern_id', '=', concern.id)
      .orderBy('concern_entries.at')
      .orderBy('concern_entries.id')
      .execute(),
    manages
      ? db
          .selectFrom('concern_referrals')
          .innerJoin('users', 'users.id', 'concern_referrals.created_by')
          .select([
            'concern_referrals.id',
            'concern_referrals.service',
            'concern_referrals.recipient',
            'concern_referrals.contact',
            'concern_referrals.shared_what',
            'concern_referrals.basis',
            'concern_referrals.shared_at',
            'concern_referrals.follow_up_on',
            'concern_referrals.follow_up_done_at',
            'concern_referrals.created_at',
            'users.name as byName',
          ])
          .where('concern_referrals.center_id', '=', centerId)
          .where('concern_referrals.concern_id', '=', concern.id)
          .orderBy('concern_referrals.shared_at')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('concern_views')
      .innerJoin('users', 'users.id', 'concern_views.user_id')
      .select(['concern_views.user_id', 'users.name'])
      .select((eb) => [
        eb.fn.min('concern_views.at').as('first'),
        eb.fn.max('concern_views.at').as('last'),
        eb.fn.countAll<number>().as('count'),
      ])
      .where('concern_views.center_id', '=', centerId)
      .where('concern_views.concern_id', '=', concern.id)
      .groupBy(['concern_views.user_id', 'users.name'])
      .orderBy('last', 'desc')
      .execute(),
    concern.closed_by
      ? db.selectFrom('users').select('name').where('id', '=', concern.closed_by).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  // The person who raised it reads their own report and their own notes; the coordinator's
  // assessments, actions, decisions, notes and the risk level are the coordinator's working record.
  const visibleEntries = manages ? entries : entries.filter((e) => e.by === userId);
  return {
    manages,
    concern: {
      ...concern,
      risk_level: manages ? concern.risk_level : null,
      follow_up_on: manages ? concern.follow_up_on : null,
      outcome: manages ? concern.outcome : null,
      close_reason: manages ? concern.close_reason : null,
      closedByName: manages ? (closer?.name ?? null) : null,
    },
    entries: visibleEntries.map(({ by: _by, ...e }) => e),
    referrals,
    views: views.map((v) => ({
      userId: v.user_id,
      name: v.name,
      first: v.first,
      last: v.last,
      count: Number(v.count),
    })),
  };
}

/** Runs a change to an open (or, with `closed`, a closed) concern of this center, in one transaction. */
async function changeConcern<T>(
  { centerId, concernId, status }: { centerId: string; concernId: string; status: 'open' | 'closed' },
  change: (trx: Kysely<DB>, concern: NonNullable<Awaited<ReturnType<typeof findConcern>>>) => Promise<Result<T>>,
): Promise<Result<T> | null> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const concern = await findConcern(trx, { centerId, concernId });
      if (!concern) return null;
      if (concern.status !== status) return fail(status === 'open' ? 'closed' : 'notClosed');
      return change(trx, concern);
    });
}

async function addEntryRow(
  trx: Kysely<DB>,
  {
    centerId,
    concernId,
    actorId,
    kind,
    body,
    riskLevel = null,
  }: {
    centerId: string;
    concernId: string;
    actorId: string;
    kind: ConcernEntryKind;
    body: string;
    riskLevel?: RiskLevel | null;
  },
) {
  const row = {
    id: newId(),
    center_id: centerId,
    concern_id: concernId,
    kind,
    body,
    risk_level: riskLevel,
    by: actorId,
    at: nowIso(),
  };
  await trx.insertInto('concern_entries').values(row).execute();
  await recordChange(trx, {
    actorId,
    centerId,
    entity: 'concern_entry',
    entityId: row.id,
    childId: null,
    ...auditShape(null, row),
  });
}

/** Updates the concern's row with its audit entry (content recorded as changed, never its value). */
async function updateConcernRow(
  trx: Kysely<DB>,
  {
    centerId,
    concernId,
    actorId,
    before,
    set,
  }: {
    centerId: string;
    concernId: string;
    actorId: string;
    before: Record<string, unknown>;
    set: Partial<Omit<DB['welfare_concerns'], 'id' | 'center_id' | 'child_id'>>;
  },
) {
  const values = { ...set, updated_at: nowIso() };
  await trx
    .updateTable('welfare_concerns')
    .set(values)
    .where('id', '=', concernId)
    .where('center_id', '=', centerId)
    .execute();
  const beforeFields = Object.fromEntries(Object.keys(set).map((k) => [k, before[k] ?? null]));
  await recordChange(trx, {
    actorId,
    centerId,
    entity: 'welfare_concern',
    entityId: concernId,
    childId: null,
    ...auditShape(beforeFields, set as Record<string, unknown>),
  });
}

/** The coordinator's assessment: a risk level, what it rests on, and optionally the next follow-up date. */
export async function assessConcern({
  centerId,
  concernId,
  actorId,
  today,
  riskLevel,
  body,
  followUpOn,
}: {
  centerId: string;
  concernId: string;
  actorId: string;
  today: string;
  riskLevel: RiskLevel;
  body: string;
  followUpOn: string | null;
}) {
  const problem = followUpProblem(followUpOn, today);
  if (problem) return fail(problem);
  return changeConcern({ centerId, concernId, status: 'open' }, async (trx, concern) => {
    await addEntryRow(trx, { centerId, concernId, actorId, kind: 'assessment', body, riskLevel });
    await updateConcernRow(trx, {
      centerId,
      concernId,
      actorId,
      before: concern,
      set: { risk_level: riskLevel, ...(followUpOn !== null ? { follow_up_on: followUpOn } : {}) },
    });
    return { ok: true as const };
  });
}

/** An action taken, a decision, or a note. The person who raised it may add notes while it is open. */
export async function addConcernEntry({
  centerId,
  concernId,
  actorId,
  kind,
  body,
}: {
  centerId: string;
  concernId: string;
  actorId: string;
  kind: 'action' | 'decision' | 'note';
  body: string;
}) {
  return changeConcern({ centerId, concernId, status: 'open' }, async (trx) => {
    await addEntryRow(trx, { centerId, concernId, actorId, kind, body });
    return { ok: true as const };
  });
}

/** Sets (or clears) the concern's next follow-up date. */
export async function setConcernFollowUp({
  centerId,
  concernId,
  actorId,
  today,
  followUpOn,
}: {
  centerId: string;
  concernId: string;
  actorId: string;
  today: string;
  followUpOn: string | null;
}) {
  const problem = followUpProblem(followUpOn, today);
  if (problem) return fail(problem);
  return changeConcern({ centerId, concernId, status: 'open' }, async (trx, concern) => {
    await updateConcernRow(trx, { centerId, concernId, actorId, before: concern, set: { follow_up_on: followUpOn } });
    return { ok: true as const };
  });
}

/** A referral to an outside service: what was shared, with whom, when, on what basis, and when to follow up. */
export async function referConcern({
  centerId,
  concernId,
  actorId,
  today,
  zone,
  referral,
}: {
  centerId: string;
  concernId: string;
  actorId: string;
  today: string;
  zone: string;
  referral: {
    service: ReferralService;
    recipient: string;
    contact: string | null;
    sharedWhat: string;
    basis: ReferralBasis;
    sharedOn: string;
    sharedTime: string;
    followUpOn: string | null;
  };
}): Promise<Result<{ id: string }> | null> {
  const sharedAt = DateTime.fromISO(`${referral.sharedOn}T${referral.sharedTime}`, { zone });
  if (!sharedAt.isValid) return fail('sharedInFuture');
  if (sharedAt.toMillis() > Date.now() + 60_000) return fail('sharedInFuture');
  const problem = followUpProblem(referral.followUpOn, today);
  if (problem) return fail(problem);
  return changeConcern({ centerId, concernId, status: 'open' }, async (trx) => {
    const row = {
      id: newId(),
      center_id: centerId,
      concern_id: concernId,
      service: referral.service,
      recipient: referral.recipient,
      contact: referral.contact,
      shared_what: referral.sharedWhat,
      basis: referral.basis,
      shared_at: sharedAt.toUTC().toISO()!,
      follow_up_on: referral.followUpOn,
      follow_up_done_at: null,
      created_by: actorId,
      created_at: nowIso(),
    };
    await trx.insertInto('concern_referrals').values(row).execute();
    await recordChange(trx, {
      actorId,
      centerId,
      entity: 'concern_referral',
      entityId: row.id,
      childId: null,
      ...auditShape(null, row),
    });
    return { ok: true as const, id: row.id };
  });
}

/** The referral's follow-up was done (it leaves the overdue list). */
export async function markReferralFollowedUp({
  centerId,
  concernId,
  referralId,
  actorId,
}: {
  centerId: string;
  concernId: string;
  referralId: string;
  actorId: string;
}) {
  return changeConcern({ centerId, concernId, status: 'open' }, async (trx) => {
    const at = nowIso();
    const changed = await trx
      .updateTable('concern_referrals')
      .set({ follow_up_done_at: at })
      .where('id', '=', referralId)
      .where('center_id', '=', centerId)
      .where('concern_id', '=', concernId)
      .where('follow_up_done_at', 'is', null)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return fail('referralNotFound');
    await recordChange(trx, {
      actorId,
      centerId,
      entity: 'concern_referral',
      entityId: referralId,
      childId: null,
      before: { follow_up_done_at: null },
      after: { follow_up_done_at: at },
    });
    return { ok: true as const };
  });
}

/** Closing needs an outcome and a reason; the concern stays readable, with the same restrictions. */
export async function closeConcern({
  centerId,
  concernId,
  actorId,
  outcome,
  reason,
}: {
  centerId: string;
  concernId: string;
  actorId: string;
  outcome: ConcernOutcome;
  reason: string;
}) {
  return changeConcern({ centerId, concernId, status: 'open' }, async (trx, concern) => {
    await addEntryRow(trx, { centerId, concernId, actorId, kind: 'closure', body: reason });
    await updateConcernRow(trx, {
      centerId,
      concernId,
      actorId,
      before: concern,
      set: { status: 'closed', closed_at: nowIso(), closed_by: actorId, outcome, close_reason: reason },
    });
    return { ok: true as const };
  });
}

/** Reopening takes a reason; the earlier closing stays on the timeline. */
export async function reopenConcern({
  centerId,
  concernId,
  actorId,
  reason,
}: {
  centerId: string;
  concernId: string;
  actorId: string;
  reason: string;
}) {
  return changeConcern({ centerId, concernId, status: 'closed' }, async (trx, concern) => {
    await addEntryRow(trx, { centerId, concernId, actorId, kind: 'reopening', body: reason });
    await updateConcernRow(trx, {
      centerId,
      concernId,
      actorId,
      before: concern,
      set: { status: 'open', closed_at: null, closed_by: null, outcome: null, close_reason: null },
    });
    return { ok: true as const };
  });
}

/**
 * The coordinator's home: open concerns whose follow-up date has passed, referrals of open concerns
 * whose follow-up is overdue and not done, and how many open concerns await a first assessment.
 * `today` is the center's local date (a fixed clock in tests).
 */
export async function concernsDue({ centerId, today }: { centerId: string; today: string }) {
  const db = getDb();
  const [concerns, referrals, unassessed] = await Promise.all([
    db
      .selectFrom('welfare_concerns')
      .innerJoin('children', 'children.id', 'welfare_concerns.child_id')
      .select(['welfare_concerns.id', 'welfare_concerns.follow_up_on', 'children.full_name as childName'])
      .where('welfare_concerns.center_id', '=', centerId)
      .where('welfare_concerns.status', '=', 'open')
      .where('welfare_concerns.follow_up_on', '<', today)
      .orderBy('welfare_concerns.follow_up_on')
      .execute(),
    db
      .selectFrom('concern_referrals')
      .innerJoin('welfare_concerns', 'welfare_concerns.id', 'concern_referrals.concern_id')
      .innerJoin('children', 'children.id', 'welfare_concerns.child_id')
      .select([
        'concern_referrals.id',
        'concern_referrals.concern_id',
        'concern_referrals.follow_up_on',
        'children.full_name as childName',
      ])
      .where('concern_referrals.center_id', '=', centerId)
      .where('welfare_concerns.center_id', '=', centerId)
      .where('welfare_concerns.status', '=', 'open')
      .where('concern_referrals.follow_up_done_at', 'is', null)
      .where('concern_referrals.follow_up_on', '<', today)
      .orderBy('concern_referrals.follow_up_on')
      .execute(),
    db
      .selectFrom('welfare_concerns')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('center_id', '=', centerId)
      .where('status', '=', 'open')
      .where('risk_level', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    concerns: concerns.map((c) => ({ concernId: c.id, followUpOn: c.follow_up_on!, childName: c.childName })),
    referrals: referrals.map((r) => ({
      concernId: r.concern_id,
      referralId: r.id,
      followUpOn: r.follow_up_on!,
      childName: r.childName,
    })),
    unassessed: Number(unassessed.n),
  };
}

/**
 * What a referral letter prints: the center's letterhead, the child's identity as the service needs
 * it (name, date of birth, sex), what is shared and on what basis, and the contact person (the
 * coordinator who made the referral). Nothing else of the concern goes on paper. Reading it is a
 * view of the concern (the caller records it through openConcern first).
 */
export async function referralLetter({
  centerId,
  concernId,
  referralId,
}: {
  centerId: string;
  concernId: string;
  referralId: string;
}) {
  return getDb()
    .selectFrom('concern_referrals')
    .innerJoin('welfare_concerns', 'welfare_concerns.id', 'concern_referrals.concern_id')
    .innerJoin('children', 'children.id', 'welfare_concerns.child_id')
    .innerJoin('centers', 'centers.id', 'concern_referrals.center_id')
    .innerJoin('users', 'users.id', 'concern_referrals.created_by')
    .select([
      'concern_referrals.id',
      'concern_referrals.service',
      'concern_referrals.recipient',
      'concern_referrals.contact',
      'concern_referrals.shared_what',
      'concern_referrals.basis',
      'concern_referrals.shared_at',
      'concern_referrals.follow_up_on',
      'children.full_name as childName',
      'children.birth_date as childBirthDate',
      'children.sex as childSex',
      'centers.name as centerName',
      'centers.address as centerAddress',
      'centers.city as centerCity',
      'centers.contact_phone as centerPhone',
      'centers.contact_email as centerEmail',
      'users.name as contactPerson',
      'users.email as contactEmail',
    ])
    .where('concern_referrals.id', '=', referralId)
    .where('concern_referrals.concern_id', '=', concernId)
    .where('concern_referrals.center_id', '=', centerId)
    .where('welfare_concerns.center_id', '=', centerId)
    .executeTakeFirst();
}
