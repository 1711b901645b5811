// Incidents: recorded by any staff member of the center (from the form, or started at the door
// from an arrival check with marks or a refused pickup), told to the child's guardians at once by
// email and on their open pages, read and signed off by a guardian in their account. Every read
// by someone who may not see an incident (another family, another center's staff, a guessed id)
// is refused as "not found" and recorded with the incident's own center.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import type { DB, IncidentsTable } from '~db/schema';
import { formatDateTime } from '~/i18n/format';
import { createI18n } from '~/i18n/catalogs.server';
import { recordAccess, recordChange } from '../audit/audit.server';
import type { CenterConfig } from '../centers/context.server';
import { publish } from '../live/bus.server';
import { centerTopic, childTopic, LIVE_TYPES } from '../live/topics';
import { publicUrl } from '../notifications/mail-config.server';
import { notify } from '../notifications/outbox.server';
import { localDate } from '../time/time';
import { localInputToUtc, overdueBefore, type IncidentInput } from './incidents';

export const RECORD_INCIDENT_ERRORS = ['childNotFound', 'sourceNotFound'] as const;
export type RecordIncidentError = (typeof RECORD_INCIDENT_ERRORS)[number];

/** The columns every reader gets, with the names behind the ids. */
function incidentQuery(db: Kysely<DB>) {
  return db
    .selectFrom('incidents')
    .innerJoin('children', 'children.id', 'incidents.child_id')
    .innerJoin('centers', 'centers.id', 'incidents.center_id')
    .innerJoin('users as recorder', 'recorder.id', 'incidents.recorded_by')
    .leftJoin('users as signer', 'signer.id', 'incidents.signed_off_by')
    .select([
      'incidents.id',
      'incidents.center_id as centerId',
      'incidents.child_id as childId',
      'incidents.kind',
      'incidents.occurred_at as occurredAt',
      'incidents.date',
      'incidents.location',
      'incidents.description',
      'incidents.people_present as peoplePresent',
      'incidents.first_aid as firstAid',
      'incidents.guardian_informed_at as guardianInformedAt',
      'incidents.guardian_informed_how as guardianInformedHow',
      'incidents.source',
      'incidents.signed_off_at as signedOffAt',
      'incidents.guardian_comment as guardianComment',
      'incidents.created_at as createdAt',
      'children.full_name as childName',
      'children.birth_date as childBirthDate',
      'centers.name as centerName',
      'centers.time_zone as timeZone',
      'recorder.name as recordedByName',
      'signer.name as signedOffByName',
    ]);
}
export type Incident = Awaited<ReturnType<ReturnType<typeof incidentQuery>['executeTakeFirstOrThrow']>>;

/** The incident's own center, if it exists at all: where a refused attempt is recorded. */
async function centerOfIncident(db: Kysely<DB>, incidentId: string) {
  const row = await db
    .selectFrom('incidents')
    .select(['center_id', 'child_id'])
    .where('id', '=', incidentId)
    .executeTakeFirst();
  return row ?? null;
}

/** Records a refused read of an incident: with its own center and child when it exists. */
async function refuse(db: Kysely<DB>, { actorId, incidentId }: { actorId: string; incidentId: string }) {
  const real = await centerOfIncident(db, incidentId);
  await recordAccess(db, {
    actorId,
    centerId: real?.center_id ?? null,
    entity: 'incident',
    // An id from a URL is stored as typed, but never longer than an id can be.
    entityId: incidentId.slice(0, 64),
    action: 'refused',
    childId: real?.child_id ?? null,
  });
}

/**
 * What the door knows about an arrival check with marks or a refused pickup, to fill in a new
 * incident; null when it is not this center's (or not a check with marks, or not a refusal).
 */
export async function incidentPrefill({
  centerId,
  source,
  sourceId,
}: {
  centerId: string;
  source: 'arrival_check' | 'refused_pickup';
  sourceId: string;
}) {
  const db = getDb();
  if (source === 'arrival_check') {
    const row = await db
      .selectFrom('attendance')
      .leftJoin('users', 'users.id', 'attendance.check_in_by')
      .select([
        'attendance.child_id',
        'attendance.check_in_at',
        'attendance.marks_note',
        'attendance.brought_by',
        'users.name as staffName',
      ])
      .where('attendance.id', '=', sourceId)
      .where('attendance.center_id', '=', centerId)
      .where('attendance.marks_note', 'is not', null)
      .where('attendance.check_in_at', 'is not', null)
      .executeTakeFirst();
    if (!row || !row.check_in_at || !row.marks_note) return null;
    return {
      source,
      sourceId,
      childId: row.child_id,
      kind: 'marks_at_arrival' as const,
      at: row.check_in_at,
      marks: row.marks_note,
      person: row.brought_by,
      staffName: row.staffName,
    };
  }
  const row = await db
    .selectFrom('pickup_attempts')
    .leftJoin('users', 'users.id', 'pickup_attempts.actor_id')
    .select([
      'pickup_attempts.child_id',
      'pickup_attempts.at',
      'pickup_attempts.person_name',
      'users.name as staffName',
    ])
    .where('pickup_attempts.id', '=', sourceId)
    .where('pickup_attempts.center_id', '=', centerId)
    .where('pickup_attempts.outcome', '=', 'refused')
    .executeTakeFirst();
  if (!row) return null;
  return {
    source,
    sourceId,
    childId: row.child_id,
    kind: 'refused_pickup' as const,
    at: row.at,
    marks: null,
    person: row.person_name,
    staffName: row.staffName,
  };
}
export type IncidentPrefill = NonNullable<Awaited<ReturnType<typeof incidentPrefill>>>;

/** The children an incident can be recorded for: enrolled in the center now. */
export async function incidentChildren(centerId: string) {
  return getDb()
    .selectFrom('children')
    .select(['id', 'full_name', 'nickname'])
    .where('center_id', '=', centerId)
    .where('status', '=', 'enrolled')
    .orderBy('full_name')
    .orderBy('id')
    .execute();
}

/**
 * Records an incident, audited, and tells the child's guardians at once (urgent email, and their
 * open pages refetch). A source row must be this center's and this child's.
 */
export async function recordIncident({
  center,
  actorId,
  input,
  now = new Date(),
}: {
  center: CenterConfig;
  actorId: string;
  input: IncidentInput;
  now?: Date;
}): Promise<{ ok: true; id: string } | { ok: false; error: RecordIncidentError }> {
  const zone = center.timeZone;
  const occurredAt = localInputToUtc(input.occurred_at!, zone);
  const informedAt = input.guardian_informed_at ? localInputToUtc(input.guardian_informed_at, zone) : null;
  // incidentSchema only lets through moments that exist (Indonesia's zones have no clock changes).
  if (!occurredAt || (input.guardian_informed_at && !informedAt)) throw new Error('Unchecked incident times');
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const child = await trx
        .selectFrom('children')
        .select(['id', 'full_name', 'classroom_id'])
        .where('id', '=', input.child_id)
        .where('center_id', '=', center.id)
        .where('status', '=', 'enrolled')
        .executeTakeFirst();
      if (!child) return { ok: false as const, error: 'childNotFound' as const };
      if (input.source !== 'manual') {
        const table = input.source === 'arrival_check' ? 'attendance' : 'pickup_attempts';
        const source = await trx
          .selectFrom(table)
          .select('id')
          .where('id', '=', input.source_id!)
          .where('center_id', '=', center.id)
          .where('child_id', '=', child.id)
          .executeTakeFirst();
        if (!source) return { ok: false as const, error: 'sourceNotFound' as const };
      }
      const at = now.toISOString();
      const row = {
        id: newId(),
        center_id: center.id,
        child_id: child.id,
        kind: input.kind,
        occurred_at: occurredAt,
        date: localDate(zone, occurredAt),
        location: input.location,
        description: input.description,
        people_present: input.people_present,
        first_aid: input.first_aid,
        guardian_informed_at: informedAt,
        guardian_informed_how: input.guardian_informed_how,
        source: input.source,
        source_id: input.source === 'manual' ? null : input.source_id,
        recorded_by: actorId,
        signed_off_at: null,
        signed_off_by: null,
        guardian_comment: null,
        created_at: at,
        updated_at: at,
      } satisfies IncidentsTable;
      await trx.insertInto('incidents').values(row).execute();
      await recordChange(trx, { actorId, centerId: center.id, entity: 'incident', entityId: row.id, after: row });
      await incidentNotice(trx, { center, incident: row, childName: child.full_name });
      await publish(trx, {
        topics: [childTopic(child.id), centerTopic(center.id)],
        type: LIVE_TYPES.incident,
        data: { incidentId: row.id },
      });
      return { ok: true as const, id: row.id };
    });
}

/** The urgent email to each guardian (accepted links only): what happened, and where to read and sign it. */
async function incidentNotice(
  trx: Kysely<DB>,
  { center, incident, childName }: { center: CenterConfig; incident: IncidentsTable; childName: string },
) {
  const guardians = await trx
    .selectFrom('guardians')
    .select('user_id')
    .where('child_id', '=', incident.child_id)
    .where('center_id', '=', center.id)
    .execute();
  return notify(trx, {
    kind: 'incident',
    centerId: center.id,
    to: guardians.map((g) => ({ userId: g.user_id })),
    params: (lng) => {
      const { t } = createI18n(lng);
      return {
        child: childName,
        center: center.name,
        kind: t(`incidents.kinds.${incident.kind}`),
        time: formatDateTime(incident.occurred_at, lng, center.timeZone),
        location: incident.location,
        description: incident.description,
        firstAid: incident.first_aid,
        link: publicUrl(`/family/incidents/${incident.id}`),
      };
    },
    dedupeKey: `incident:${incident.id}`,
    urgent: true,
  });
}

/** A center's incidents, newest first, by child and/or month ('YYYY-MM', by the child's local day). */
export async function listIncidents({
  centerId,
  childId,
  month,
}: {
  centerId: string;
  childId?: string;
  month?: string;
}) {
  let query = incidentQuery(getDb())
    .where('incidents.center_id', '=', centerId)
    .orderBy('incidents.occurred_at', 'desc')
    .orderBy('incidents.id', 'desc')
    .limit(500);
  if (childId) query = query.where('incidents.child_id', '=', childId);
  if (month) query = query.where('incidents.date', '>=', `${month}-01`).where('incidents.date', '<=', `${month}-31`);
  return query.execute();
}

/** Unsigned incidents recorded SIGN_OFF_HOURS or more before `now`: the coordinator's home lists them. */
export async function unsignedIncidents({ centerId, now = new Date() }: { centerId: string; now?: Date }) {
  return getDb()
    .selectFrom('incidents')
    .innerJoin('children', 'children.id', 'incidents.child_id')
    .select([
      'incidents.id',
      'incidents.kind',
      'incidents.occurred_at as occurredAt',
      'incidents.created_at as createdAt',
      'children.id as childId',
      'children.full_name as childName',
    ])
    .where('incidents.center_id', '=', centerId)
    .where('incidents.signed_off_at', 'is', null)
    .where('incidents.created_at', '<=', overdueBefore(now))
    .orderBy('incidents.created_at')
    .orderBy('incidents.id')
    .execute();
}

/** One incident for a staff member of `centerId`; anything else is refused (audited) and null. */
export async function staffIncident({
  centerId,
  incidentId,
  actorId,
}: {
  centerId: string;
  incidentId: string;
  actorId: string;
}) {
  const db = getDb();
  const row = await incidentQuery(db)
    .where('incidents.id', '=', incidentId)
    .where('incidents.center_id', '=', centerId)
    .executeTakeFirst();
  if (!row) await refuse(db, { actorId, incidentId });
  return row ?? null;
}

/** The incident if `userId` is a guardian of its child (an accepted link); otherwise refused (audited) and null. */
export async function familyIncident({ userId, incidentId }: { userId: string; incidentId: string }) {
  const db = getDb();
  const row = await incidentQuery(db)
    .innerJoin('guardians', (join) =>
      join
        .onRef('guardians.child_id', '=', 'incidents.child_id')
        .onRef('guardians.center_id', '=', 'incidents.center_id'),
    )
    .where('guardians.user_id', '=', userId)
    .where('incidents.id', '=', incidentId)
    .executeTakeFirst();
  if (!row) await refuse(db, { actorId: userId, incidentId });
  return row ?? null;
}

/** A child's incidents for one of their guardians (none for anyone else), newest first. */
export async function childIncidentsForFamily({ userId, childId }: { userId: string; childId: string }) {
  return getDb()
    .selectFrom('incidents')
    .innerJoin('guardians', (join) =>
      join
        .onRef('guardians.child_id', '=', 'incidents.child_id')
        .onRef('guardians.center_id', '=', 'incidents.center_id'),
    )
    .innerJoin('centers', 'centers.id', 'incidents.center_id')
    .select([
      'incidents.id',
      'incidents.kind',
      'incidents.occurred_at as occurredAt',
      'incidents.signed_off_at as signedOffAt',
      'centers.time_zone as timeZone',
    ])
    .where('guardians.user_id', '=', userId)
    .where('incidents.child_id', '=', childId)
    .orderBy('incidents.occurred_at', 'desc')
    .orderBy('incidents.id', 'desc')
    .execute();
}

/** The incidents a guardian has not signed yet, for all their children (the family's home page). */
export async function unsignedForFamily({ userId }: { userId: string }) {
  return getDb()
    .selectFrom('incidents')
    .innerJoin('guardians', (join) =>
      join
        .onRef('guardians.child_id', '=', 'incidents.child_id')
        .onRef('guardians.center_id', '=', 'incidents.center_id'),
    )
    .select(['incidents.id', 'incidents.child_id as childId', 'incidents.kind', 'incidents.occurred_at as occurredAt'])
    .where('guardians.user_id', '=', userId)
    .where('incidents.signed_off_at', 'is', null)
    .orderBy('incidents.occurred_at', 'desc')
    .orderBy('incidents.id', 'desc')
    .execute();
}

export const SIGN_OFF_ERRORS = ['alreadySigned'] as const;

/**
 * A guardian signs the incident off (that they have read it), with the time and an optional
 * comment; the first signature stands (a second tap or the other guardian is told it is signed).
 * Anyone who is not a guardian of the child is refused (audited): `notFound`.
 */
export async function signOffIncident({
  userId,
  incidentId,
  comment,
  now = new Date(),
}: {
  userId: string;
  incidentId: string;
  comment: string | null;
  now?: Date;
}): Promise<{ ok: true } | { ok: false; error: 'notFound' | (typeof SIGN_OFF_ERRORS)[number] }> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const incident = await trx
        .selectFrom('incidents')
        .innerJoin('guardians', (join) =>
          join
            .onRef('guardians.child_id', '=', 'incidents.child_id')
            .onRef('guardians.center_id', '=', 'incidents.center_id'),
        )
        .select(['incidents.id', 'incidents.center_id', 'incidents.child_id', 'incidents.signed_off_at'])
        .where('guardians.user_id', '=', userId)
        .where('incidents.id', '=', incidentId)
        .executeTakeFirst();
      if (!incident) {
        await refuse(trx, { actorId: userId, incidentId });
        return { ok: false as const, error: 'notFound' as const };
      }
      const at = now.toISOString();
      const change = { signed_off_at: at, signed_off_by: userId, guardian_comment: comment };
      const updated = await trx
        .updateTable('incidents')
        .set({ ...change, updated_at: at })
        .where('id', '=', incident.id)
        .where('signed_off_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return { ok: false as const, error: 'alreadySigned' as const };
      await recordChange(trx, {
        actorId: userId,
        centerId: incident.center_id,
        entity: 'incident',
        entityId: incident.id,
        before: { signed_off_at: null, signed_off_by: null, guardian_comment: null },
        after: change,
        childId: incident.child_id,
      });
      await publish(trx, {
        topics: [childTopic(incident.child_id), centerTopic(incident.center_id)],
        type: LIVE_TYPES.incident,
        data: { incidentId: incident.id },
      });
      return { ok: true as const };
    });
}

/** The children the list can be filtered by: every child of the center who has an incident, and those enrolled. */
export async function incidentFilterChildren(centerId: string) {
  return getDb()
    .selectFrom('children')
    .select(['id', 'full_name'])
    .where('center_id', '=', centerId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'enrolled'),
        eb.exists(
          eb
            .selectFrom('incidents')
            .select('incidents.id')
            .whereRef('incidents.child_id', '=', 'children.id')
            .where('incidents.center_id', '=', centerId),
        ),
      ]),
    )
    .orderBy('full_name')
    .orderBy('id')
    .execute();
}
