// The day log: entries written for one child or a whole room at once (one transaction, audited,
// announced live), the room's log, and a child's timeline (arrival, entries, refused pickups,
// departure). Every query filters on the center; a family reads through the guardian link.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import type { DB } from '~db/schema';
import { hasFever } from '../attendance/rules';
import { recordChange } from '../audit/audit.server';
import type { CenterConfig } from '../centers/context.server';
import { withStoredFiles, type CheckedUpload } from '../files/uploads.server';
import { publish } from '../live/bus.server';
import { childTopic, LIVE_TYPES, roomTopic } from '../live/topics';
import { weekStartOf } from '../plans/plans';
import { localDate, localTimeToUtc, weekdayOf } from '../time/time';
import {
  dayDataColumn,
  entryFromForm,
  instructionCovers,
  newestFirst,
  nextDate,
  type DayEntryForm,
  type DayEntryValue,
  type FeedingVisit,
  type TimelineItem,
} from './day';

/** A time typed a little ahead of the server's clock (a phone's clock) is still now. */
const CLOCK_SLACK_MS = 2 * 60_000;

export const DAY_ERRORS = [
  'notFound',
  'noLactationRoom',
  'notPresent',
  'beforeArrival',
  'future',
  'napEndBeforeStart',
  'noInstruction',
  'noPhotoConsent',
  'photoRequired',
  'notYours',
  'napEnded',
] as const;
export type DayError = (typeof DAY_ERRORS)[number];
export type DayResult<T = object> =
  ({ ok: true } & T) | { ok: false; error: DayError; field?: string; names?: string[] };

const childName = (c: { full_name: string; nickname: string | null }) => c.nickname ?? c.full_name;

/** Announces a change of these children's day to their pages and their rooms' pages. */
async function announce(trx: Kysely<DB>, date: string, children: { id: string; classroom_id: string | null }[]) {
  const rooms = children.flatMap((c) => (c.classroom_id ? [roomTopic(c.classroom_id)] : []));
  const topics = new Set([...children.map((c) => childTopic(c.id)), ...rooms]);
  await publish(trx, { topics: [...topics], type: LIVE_TYPES.day, data: { date } });
}

/**
 * Logs one entry for each chosen child, today, in one transaction: all of them or none. Every
 * child must be of this center and present (checked in, not yet collected) at the entry's time;
 * medicine needs the guardian's instruction for that day; a photo, every tagged child's consent.
 */
export async function logEntries({
  center,
  actorId,
  form,
  photo,
  now = new Date(),
}: {
  center: Pick<CenterConfig, 'id' | 'timeZone'>;
  actorId: string;
  form: DayEntryForm;
  /** The photo, already checked and re-encoded (photos.server.ts), for kind 'photo'. */
  photo?: CheckedUpload | null;
  now?: Date;
}): Promise<DayResult<{ ids: string[] }>> {
  const date = localDate(center.timeZone, now);
  const at = form.time ? localTimeToUtc(date, form.time, center.timeZone) : now.toISOString();
  const latest = now.getTime() + CLOCK_SLACK_MS;
  if (Date.parse(at) > latest) return { ok: false, error: 'future', field: 'time' };
  let endAt: string | null = null;
  if (form.kind === 'nap' && form.end) {
    endAt = localTimeToUtc(date, form.end, center.timeZone);
    if (Date.parse(endAt) > latest) return { ok: false, error: 'future', field: 'end' };
    if (endAt <= at) return { ok: false, error: 'napEndBeforeStart', field: 'end' };
  }
  if (form.kind === 'photo' && !photo) return { ok: false, error: 'photoRequired', field: 'photo' };

  const write = async (trx: Kysely<DB>, photoKey: string | null): Promise<DayResult<{ ids: string[] }>> => {
    const ids = [...new Set(form.childIds)];
    const children = await trx
      .selectFrom('children')
      .leftJoin('attendance', (join) =>
        join.onRef('attendance.child_id', '=', 'children.id').on('attendance.date', '=', date),
      )
      .select([
        'children.id',
        'children.full_name',
        'children.nickname',
        'children.classroom_id',
        'children.consent_photos',
        'attendance.status',
        'attendance.check_in_at',
      ])
      .where('children.center_id', '=', center.id)
      .where('children.status', '=', 'enrolled')
      .where('children.id', 'in', ids)
      .execute();
    if (children.length !== ids.length) return { ok: false, error: 'notFound' };
    const away = children.filter((c) => c.status !== 'present');
    if (away.length) return { ok: false, error: 'notPresent', field: 'childIds', names: away.map(childName) };
    const early = children.filter((c) => c.check_in_at && c.check_in_at > at);
    if (early.length) return { ok: false, error: 'beforeArrival', field: 'time', names: early.map(childName) };
    if (form.kind === 'photo') {
      const refused = children.filter((c) => c.consent_photos !== 1);
      if (refused.length)
        return { ok: false, error: 'noPhotoConsent', field: 'childIds', names: refused.map(childName) };
    }
    let instruction: { medicine: string } | undefined;
    if (form.kind === 'medicine') {
      const found = await trx
        .selectFrom('medicine_instructions')
        .select(['medicine', 'starts_on', 'ends_on', 'revoked_at'])
        .where('id', '=', form.instructionId)
        .where('center_id', '=', center.id)
        .where('child_id', '=', ids[0])
        .executeTakeFirst();
      if (!found || !instructionCovers(found, date))
        return { ok: false, error: 'noInstruction', field: 'instructionId' };
      instruction = found;
    }
    const value = entryFromForm(form, { endAt, instruction });
    const createdAt = now.toISOString();
    let photoId: string | null = null;
    if (photoKey) {
      const document = {
        id: newId(),
        center_id: center.id,
        application_id: null,
        // A photo may show several children: who is in it is the entries that point at it.
        child_id: null,
        kind: 'day_photo' as const,
        file_name: `${date}.${photo!.mimeType === 'image/webp' ? 'webp' : 'jpg'}`,
        mime_type: photo!.mimeType,
        size_bytes: photo!.bytes.byteLength,
        storage_key: photoKey,
        created_at: createdAt,
      };
      await trx.insertInto('documents').values(document).execute();
      await recordChange(trx, {
        actorId,
        centerId: center.id,
        entity: 'document',
        entityId: document.id,
        after: document,
      });
      photoId = document.id;
    }
    const rows = children.map((c) => ({
      id: newId(),
      center_id: center.id,
      child_id: c.id,
      date,
      kind: value.kind,
      at,
      data: dayDataColumn.stringify(value),
      photo_document_id: photoId,
      recorded_by: actorId,
      created_at: createdAt,
    }));
    await trx.insertInto('day_entries').values(rows).execute();
    for (const row of rows)
      await recordChange(trx, { actorId, centerId: center.id, entity: 'day_entry', entityId: row.id, after: row });
    await announce(trx, date, children);
    return { ok: true, ids: rows.map((r) => r.id) };
  };

  if (form.kind === 'photo' && photo) {
    return withStoredFiles([photo.bytes], async (trx, [key]) => {
      const value = await write(trx, key);
      return { value, kept: value.ok };
    });
  }
  return getDb()
    .transaction()
    .execute((trx) => write(trx, null));
}

/** The entry as stored, for a change by staff of its center. */
/** The entry, of this center (and of this child, when the page is one child's). */
async function entryForChange(trx: Kysely<DB>, centerId: string, entryId: string, childId?: string) {
  return trx
    .selectFrom('day_entries')
    .innerJoin('children', 'children.id', 'day_entries.child_id')
    .selectAll('day_entries')
    .select('children.classroom_id')
    .where('day_entries.id', '=', entryId)
    .where('day_entries.center_id', '=', centerId)
    .$if(childId !== undefined, (q) => q.where('day_entries.child_id', '=', childId!))
    .executeTakeFirst();
}

/** Staff (and a mother, her feeding visits) take back their own entries; the coordinator anyone's. */
const mayChange = (entry: { recorded_by: string | null }, actorId: string, isCoordinator: boolean) =>
  isCoordinator || entry.recorded_by === actorId;

/**
 * A guardian logs her own breastfeeding visit, at a center with a lactation room: an entry of the
 * child's day like any other (the child must be here at that time), recorded as hers.
 */
export async function logFeedingVisit({
  center,
  childId,
  guardianId,
  visit,
  now = new Date(),
}: {
  center: Pick<CenterConfig, 'id' | 'timeZone' | 'lactationRoom'>;
  childId: string;
  guardianId: string;
  visit: FeedingVisit;
  now?: Date;
}): Promise<DayResult<{ ids: string[] }>> {
  if (!center.lactationRoom) return { ok: false, error: 'noLactationRoom' };
  return logEntries({
    center,
    actorId: guardianId,
    form: { intent: 'log', kind: 'breastfeeding', childIds: [childId], minutes: visit.minutes, time: visit.time },
    now,
  });
}

/** A nap started earlier ends now (or at the time given). */
export async function endNap({
  center,
  entryId,
  actorId,
  isCoordinator,
  end,
  now = new Date(),
}: {
  center: Pick<CenterConfig, 'id' | 'timeZone'>;
  entryId: string;
  actorId: string;
  isCoordinator: boolean;
  end: string | null;
  now?: Date;
}): Promise<DayResult> {
  return getDb()
    .transaction()
    .execute(async (trx): Promise<DayResult> => {
      const entry = await entryForChange(trx, center.id, entryId);
      if (!entry || entry.kind !== 'nap') return { ok: false, error: 'notFound' };
      if (!mayChange(entry, actorId, isCoordinator)) return { ok: false, error: 'notYours' };
      const value = dayDataColumn.parse(entry.kind, entry.data);
      if (value.kind !== 'nap' || value.data.end) return { ok: false, error: 'napEnded' };
      const endAt = end ? localTimeToUtc(entry.date, end, center.timeZone) : now.toISOString();
      if (Date.parse(endAt) > now.getTime() + CLOCK_SLACK_MS) return { ok: false, error: 'future', field: 'end' };
      if (endAt <= entry.at) return { ok: false, error: 'napEndBeforeStart', field: 'end' };
      const data = dayDataColumn.stringify({ kind: 'nap', data: { end: endAt } });
      await trx.updateTable('day_entries').set({ data }).where('id', '=', entry.id).execute();
      await recordChange(trx, {
        actorId,
        centerId: center.id,
        entity: 'day_entry',
        entityId: entry.id,
        childId: entry.child_id,
        before: { data: entry.data },
        after: { data },
      });
      await announce(trx, entry.date, [{ id: entry.child_id, classroom_id: entry.classroom_id }]);
      return { ok: true };
    });
}

/**
 * Takes back an entry logged in error (audited with the whole row). A photo no entry points at
 * any more is deleted with its file.
 */
export async function removeEntry({
  centerId,
  childId,
  entryId,
  actorId,
  isCoordinator,
}: {
  centerId: string;
  /** On one child's page: an entry of another child is not found. */
  childId?: string;
  entryId: string;
  actorId: string;
  isCoordinator: boolean;
}): Promise<DayResult> {
  return withStoredFiles([], async (trx) => {
    const entry = await entryForChange(trx, centerId, entryId, childId);
    if (!entry) return { value: { ok: false, error: 'notFound' } as DayResult };
    if (!mayChange(entry, actorId, isCoordinator)) return { value: { ok: false, error: 'notYours' } as DayResult };
    const { classroom_id, ...row } = entry;
    await trx.deleteFrom('day_entries').where('id', '=', entry.id).execute();
    await recordChange(trx, { actorId, centerId, entity: 'day_entry', entityId: entry.id, before: row, after: null });
    const replaced: string[] = [];
    if (entry.photo_document_id) {
      const still = await trx
        .selectFrom('day_entries')
        .select('id')
        .where('photo_document_id', '=', entry.photo_document_id)
        .executeTakeFirst();
      if (!still) {
        const doc = await trx
          .selectFrom('documents')
          .selectAll()
          .where('id', '=', entry.photo_document_id)
          .where('center_id', '=', centerId)
          .executeTakeFirstOrThrow();
        await trx.deleteFrom('documents').where('id', '=', doc.id).execute();
        await recordChange(trx, { actorId, centerId, entity: 'document', entityId: doc.id, before: doc, after: null });
        replaced.push(doc.storage_key);
      }
    }
    await announce(trx, entry.date, [{ id: entry.child_id, classroom_id }]);
    return { value: { ok: true } as DayResult, replaced };
  });
}

/** Photo documents (of these) that show a child whose family has not consented, or withdrew: shown to no one. */
async function hiddenPhotos(db: Kysely<DB>, documentIds: string[]) {
  if (documentIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('day_entries')
    .innerJoin('children', 'children.id', 'day_entries.child_id')
    .select('day_entries.photo_document_id')
    .distinct()
    .where('day_entries.photo_document_id', 'in', documentIds)
    .where((eb) => eb.or([eb('children.consent_photos', 'is', null), eb('children.consent_photos', '!=', 1)]))
    .execute();
  return new Set(rows.map((r) => r.photo_document_id!));
}

type EntryRow = {
  id: string;
  child_id: string;
  kind: string;
  at: string;
  data: string;
  photo_document_id: string | null;
  recorded_by: string | null;
  recorder: string | null;
};

async function toTimelineEntries(db: Kysely<DB>, rows: EntryRow[]) {
  const hidden = await hiddenPhotos(
    db,
    rows.flatMap((r) => (r.photo_document_id ? [r.photo_document_id] : [])),
  );
  return rows.map((r) => ({
    type: 'entry' as const,
    id: r.id,
    childId: r.child_id,
    at: r.at,
    recordedBy: r.recorded_by,
    recordedByName: r.recorder,
    photoId: r.photo_document_id && !hidden.has(r.photo_document_id) ? r.photo_document_id : null,
    ...dayDataColumn.parse(r.kind, r.data),
  }));
}

const entryColumns = [
  'day_entries.id',
  'day_entries.child_id',
  'day_entries.kind',
  'day_entries.at',
  'day_entries.data',
  'day_entries.photo_document_id',
  'day_entries.recorded_by',
  'users.name as recorder',
] as const;

/**
 * The planned activities of the child's room marked done on that day (a skipped one never shows),
 * for an enrolled child of the room: titles in both languages (the page picks the reader's).
 */
async function doneActivities(
  db: Kysely<DB>,
  { centerId, childId, date }: { centerId: string; childId: string; date: string },
): Promise<Extract<TimelineItem, { type: 'planActivity' }>[]> {
  const rows = await db
    .selectFrom('plan_deliveries as d')
    .innerJoin('weekly_plans as p', (j) => j.onRef('p.id', '=', 'd.plan_id').on('p.center_id', '=', centerId))
    .innerJoin('children as c', (j) =>
      j
        .onRef('c.classroom_id', '=', 'p.classroom_id')
        .on('c.id', '=', childId)
        .on('c.center_id', '=', centerId)
        .on('c.status', '=', 'enrolled'),
    )
    .leftJoin('weekly_plan_cells as cell', (j) =>
      j
        .onRef('cell.plan_id', '=', 'd.plan_id')
        .onRef('cell.block_id', '=', 'd.block_id')
        .onRef('cell.weekday', '=', 'd.weekday'),
    )
    .leftJoin('activity_texts as ti', (j) =>
      j.onRef('ti.activity_id', '=', 'd.activity_id').on('ti.language', '=', 'id'),
    )
    .leftJoin('activity_texts as te', (j) =>
      j.onRef('te.activity_id', '=', 'd.activity_id').on('te.language', '=', 'en'),
    )
    .select(['d.id', 'd.updated_at', 'd.note', 'cell.note as text', 'ti.title as title_id', 'te.title as title_en'])
    .where('d.center_id', '=', centerId)
    .where('d.status', '=', 'done')
    .where('p.week_start', '=', weekStartOf(date))
    .where('d.weekday', '=', weekdayOf(date))
    .execute();
  return rows.map((r) => ({
    type: 'planActivity',
    id: r.id,
    at: r.updated_at,
    titles: { id: r.title_id ?? null, en: r.title_en ?? null },
    text: r.text ?? null,
    note: r.note,
  }));
}

/**
 * The children's words recorded on that day that name this child (their own family reads them;
 * entries naming no child, or only others, stay with the staff — docs/decisions/0011).
 */
async function childWords(
  db: Kysely<DB>,
  { centerId, childId, date }: { centerId: string; childId: string; date: string },
): Promise<Extract<TimelineItem, { type: 'childWords' }>[]> {
  const rows = await db
    .selectFrom('plan_child_word_children as n')
    .innerJoin('plan_child_words as w', (j) => j.onRef('w.id', '=', 'n.word_id').on('w.center_id', '=', centerId))
    .innerJoin('weekly_plans as p', (j) => j.onRef('p.id', '=', 'w.plan_id').on('p.center_id', '=', centerId))
    .select(['w.id', 'w.created_at', 'w.text'])
    .where('n.center_id', '=', centerId)
    .where('n.child_id', '=', childId)
    .where('p.week_start', '=', weekStartOf(date))
    .where('w.weekday', '=', weekdayOf(date))
    .execute();
  return rows.map((r) => ({ type: 'childWords', id: r.id, at: r.created_at, text: r.text }));
}

/**
 * One child's day, newest first: the arrival with its health check (read from attendance), the
 * entries, refused pickups (with the name given), the departure or the absence. Photos that show a
 * child without photo consent are left out of everyone's timeline.
 */
export async function dayTimeline({
  center,
  childId,
  date,
  db = getDb(),
}: {
  center: Pick<CenterConfig, 'id' | 'timeZone' | 'feverThresholdTenths'>;
  childId: string;
  date: string;
  db?: Kysely<DB>;
}): Promise<TimelineItem[]> {
  const [attendance, entries, refused, planned, words] = await Promise.all([
    db
      .selectFrom('attendance')
      .select([
        'status',
        'check_in_at',
        'temperature_tenths',
        'mood',
        'marks_note',
        'brought_by',
        'check_out_at',
        'picked_up_by',
        'absence_reason',
      ])
      .where('center_id', '=', center.id)
      .where('child_id', '=', childId)
      .where('date', '=', date)
      .executeTakeFirst(),
    db
      .selectFrom('day_entries')
      .leftJoin('users', 'users.id', 'day_entries.recorded_by')
      .select(entryColumns)
      .where('day_entries.center_id', '=', center.id)
      .where('day_entries.child_id', '=', childId)
      .where('day_entries.date', '=', date)
      .execute(),
    db
      .selectFrom('pickup_attempts')
      .select(['id', 'at', 'person_name'])
      .where('center_id', '=', center.id)
      .where('child_id', '=', childId)
      .where('outcome', '=', 'refused')
      .where('at', '>=', localTimeToUtc(date, '00:00', center.timeZone))
      .where('at', '<', localTimeToUtc(nextDate(date), '00:00', center.timeZone))
      .execute(),
    doneActivities(db, { centerId: center.id, childId, date }),
    childWords(db, { centerId: center.id, childId, date }),
  ]);
  const items: TimelineItem[] = [];
  if (attendance?.check_in_at)
    items.push({
      type: 'arrival',
      at: attendance.check_in_at,
      temperatureTenths: attendance.temperature_tenths,
      fever: hasFever(attendance.temperature_tenths, center.feverThresholdTenths),
      mood: attendance.mood,
      marks: attendance.marks_note,
      broughtBy: attendance.brought_by,
    });
  if (attendance?.status === 'absent') items.push({ type: 'absence', reason: attendance.absence_reason });
  // A photo some child's family has not consented to is left out, not shown as a gap.
  for (const { childId: _c, ...e } of await toTimelineEntries(db, entries))
    if (e.kind !== 'photo' || e.photoId) items.push(e);
  if (attendance?.check_in_at) items.push(...planned);
  items.push(...words);
  for (const r of refused) items.push({ type: 'refusedPickup', id: r.id, at: r.at, personName: r.person_name });
  if (attendance?.check_out_at)
    items.push({ type: 'departure', at: attendance.check_out_at, pickedUpBy: attendance.picked_up_by });
  return newestFirst(items);
}

/** The child as a day page needs them: name, and the first day there is anything to show. */
export async function childForDay({ centerId, childId }: { centerId: string; childId: string }) {
  const child = await getDb()
    .selectFrom('children')
    .innerJoin('centers', 'centers.id', 'children.center_id')
    .select([
      'children.id',
      'children.full_name',
      'children.nickname',
      'children.classroom_id',
      'children.start_date',
      'children.created_at',
      'children.consent_photos',
      'children.status',
      'centers.time_zone',
    ])
    .where('children.id', '=', childId)
    .where('children.center_id', '=', centerId)
    .executeTakeFirst();
  if (!child) return null;
  const enrolledOn = localDate(child.time_zone, child.created_at);
  return {
    id: child.id,
    name: child.nickname ?? child.full_name,
    fullName: child.full_name,
    classroomId: child.classroom_id,
    consentPhotos: child.consent_photos === 1,
    enrolled: child.status === 'enrolled',
    /** Days before the child started (or was enrolled, when no start date is known) have nothing to show. */
    firstDay: child.start_date && child.start_date < enrolledOn ? child.start_date : enrolledOn,
  };
}

/**
 * The room's day for the log screen: every child of the room with whether they are here now, the
 * room's entries of the day (newest first, with the child's name) and the guardians' medicine
 * instructions in force. Null for a room of another center.
 */
export async function roomDay({
  center,
  classroomId,
  date,
}: {
  center: Pick<CenterConfig, 'id' | 'timeZone' | 'feverThresholdTenths'>;
  classroomId: string;
  date: string;
}) {
  const db = getDb();
  const classroom = await db
    .selectFrom('classrooms')
    .select(['id', 'name'])
    .where('id', '=', classroomId)
    .where('center_id', '=', center.id)
    .executeTakeFirst();
  if (!classroom) return null;
  const [children, entries, instructions] = await Promise.all([
    db
      .selectFrom('children')
      .leftJoin('attendance', (join) =>
        join.onRef('attendance.child_id', '=', 'children.id').on('attendance.date', '=', date),
      )
      .select([
        'children.id',
        'children.full_name',
        'children.nickname',
        'children.consent_photos',
        'children.allergies',
        'attendance.status',
        'attendance.temperature_tenths',
        'attendance.marks_note',
      ])
      .where('children.center_id', '=', center.id)
      .where('children.classroom_id', '=', classroomId)
      .where('children.status', '=', 'enrolled')
      .orderBy('children.full_name')
      .execute(),
    db
      .selectFrom('day_entries')
      .innerJoin('children', 'children.id', 'day_entries.child_id')
      .leftJoin('users', 'users.id', 'day_entries.recorded_by')
      .select([...entryColumns, 'children.full_name', 'children.nickname'])
      .where('day_entries.center_id', '=', center.id)
      .where('children.classroom_id', '=', classroomId)
      .where('day_entries.date', '=', date)
      .orderBy('day_entries.at', 'desc')
      .orderBy('day_entries.created_at', 'desc')
      .limit(300)
      .execute(),
    activeInstructions({ centerId: center.id, classroomId, date }),
  ]);
  const names = new Map(entries.map((e) => [e.child_id, childName(e)]));
  return {
    classroom,
    children: children.map((c) => ({
      id: c.id,
      name: childName(c),
      fullName: c.full_name,
      present: c.status === 'present',
      status: c.status ?? null,
      consentPhotos: c.consent_photos === 1,
      allergies: c.allergies,
      attention:
        c.status === 'present' &&
        (hasFever(c.temperature_tenths, center.feverThresholdTenths) || Boolean(c.marks_note)),
    })),
    entries: (await toTimelineEntries(db, entries)).map((e) => ({ ...e, childName: names.get(e.childId)! })),
    instructions,
  };
}

/** Guardians' medicine instructions in force on a date, for a room (or one child). */
export async function activeInstructions({
  centerId,
  classroomId,
  childId,
  date,
}: {
  centerId: string;
  classroomId?: string;
  childId?: string;
  date: string;
}) {
  let query = getDb()
    .selectFrom('medicine_instructions as m')
    .innerJoin('children', 'children.id', 'm.child_id')
    .innerJoin('users', 'users.id', 'm.guardian_id')
    .select([
      'm.id',
      'm.child_id as childId',
      'm.medicine',
      'm.dose',
      'm.instructions',
      'm.starts_on as startsOn',
      'm.ends_on as endsOn',
      'users.name as guardianName',
      'children.full_name as childFullName',
      'children.nickname as childNickname',
    ])
    .where('m.center_id', '=', centerId)
    .where('m.revoked_at', 'is', null)
    .where('m.starts_on', '<=', date)
    .where('m.ends_on', '>=', date);
  if (classroomId) query = query.where('children.classroom_id', '=', classroomId);
  if (childId) query = query.where('m.child_id', '=', childId);
  const rows = await query.orderBy('children.full_name').execute();
  return rows.map(({ childFullName, childNickname, ...r }) => ({
    ...r,
    childName: childNickname ?? childFullName,
  }));
}

export type { DayEntryValue };

/** Today's timeline of each enrolled child this person is a guardian of (their home page), by child id. */
export async function guardianTimelines({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const children = await getDb()
    .selectFrom('guardians')
    .innerJoin('children', 'children.id', 'guardians.child_id')
    .innerJoin('centers', 'centers.id', 'children.center_id')
    .select(['children.id', 'centers.id as centerId', 'centers.time_zone', 'centers.fever_threshold_tenths'])
    .where('guardians.user_id', '=', userId)
    .where('children.status', '=', 'enrolled')
    .execute();
  const timelines = await Promise.all(
    children.map(async (c) => {
      const center = { id: c.centerId, timeZone: c.time_zone, feverThresholdTenths: c.fever_threshold_tenths };
      return [c.id, await dayTimeline({ center, childId: c.id, date: localDate(c.time_zone, now) })] as const;
    }),
  );
  return Object.fromEntries(timelines);
}
