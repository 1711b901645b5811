import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { Domain, ObservationStatus } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import type { CenterConfig } from '../centers/context.server';
import { enrolledInClassroom } from '../children/children.server';
import { childOfCenter } from '../children/record.server';
import { checkUpload, PHOTO_TYPES, withStoredFiles, type CheckedUpload, type Upload } from '../files/uploads.server';
import { localDate } from '../time/time';
import { AGE_BANDS, bandFor, DOMAINS, interpretKpsp, isFlagged, kpspAgePoint, milestoneAgeMonths } from './rules';

export const STATUSES: ObservationStatus[] = ['yes', 'not_yet', 'not_sure'];

/** Catalog items and the center's own, up to an age band. */
async function itemsUpTo(centerId: string, band: number) {
  return getDb()
    .selectFrom('milestone_items')
    .select(['id', 'age_months', 'domain', 'text_id', 'text_en', 'source', 'center_id'])
    .where('age_months', '<=', band)
    .where((eb) => eb.or([eb('center_id', 'is', null), eb('center_id', '=', centerId)]))
    .orderBy('age_months')
    .orderBy('domain')
    .orderBy('id')
    .execute();
}

/**
 * A child's development: the checklist for their band (with earlier items not yet achieved),
 * each item's latest observation, the flags, progress by domain, and KPSP screenings.
 */
export async function developmentRecord({ center, childId }: { center: CenterConfig; childId: string }) {
  const db = getDb();
  const centerId = center.id;
  const child = await db
    .selectFrom('children')
    .select(['id', 'full_name', 'nickname', 'birth_date', 'gestation_weeks'])
    .where('id', '=', childId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!child) return null;
  const today = localDate(center.timeZone);
  const age = milestoneAgeMonths(child.birth_date, today, child.gestation_weeks);
  const band = bandFor(age.months);
  const [items, observations, screenings] = await Promise.all([
    band ? itemsUpTo(centerId, band) : Promise.resolve([]),
    db
      .selectFrom('milestone_observations')
      .select(['item_id', 'status', 'observed_on', 'note', 'visible_to_family', 'photo_document_id'])
      .where('center_id', '=', centerId)
      .where('child_id', '=', childId)
      .orderBy('observed_on')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('kpsp_screenings')
      .select(['id', 'screened_on', 'age_point_months', 'yes_count', 'interpretation', 'follow_up_due', 'note'])
      .where('center_id', '=', centerId)
      .where('child_id', '=', childId)
      .orderBy('screened_on', 'desc')
      .execute(),
  ]);
  const latest = new Map(observations.map((o) => [o.item_id, o]));
  const enriched = items.map((i) => ({
    ...i,
    latest: latest.get(i.id) ?? null,
    flagged: isFlagged(i, latest.get(i.id)?.status, age.months),
  }));
  // The current band in full; earlier bands only where something is not yet achieved.
  // An item answered today stays, so that a "yes" tapped on an earlier band does not vanish under the finger.
  const checklist = enriched.filter(
    (i) => i.age_months === band || i.latest?.status !== 'yes' || i.latest.observed_on === today,
  );
  const progress = DOMAINS.map((domain) => {
    const inDomain = enriched.filter((i) => i.domain === domain);
    return {
      domain,
      total: inDomain.length,
      yes: inDomain.filter((i) => i.latest?.status === 'yes').length,
      flagged: inDomain.filter((i) => i.flagged).length,
    };
  });
  // Progress over time: for each band reached, how much of each domain has been seen.
  const byBand = [...new Set(enriched.map((i) => i.age_months))].map((age) => ({
    band: age,
    domains: DOMAINS.map((domain) => {
      const items = enriched.filter((i) => i.age_months === age && i.domain === domain);
      return { domain, total: items.length, yes: items.filter((i) => i.latest?.status === 'yes').length };
    }),
  }));
  return {
    byBand,
    child: {
      id: child.id,
      name: child.nickname ?? child.full_name,
      fullName: child.full_name,
      birthDate: child.birth_date,
      gestationWeeks: child.gestation_weeks,
    },
    today,
    age,
    band,
    checklist,
    flags: enriched.filter((i) => i.flagged),
    progress,
    screenings,
    kpspDue: kpspAgePoint(child.birth_date, today),
  };
}

export async function recordObservations({
  centerId,
  actorId,
  observedOn,
  entries,
}: {
  centerId: string;
  actorId: string;
  observedOn: string;
  entries: ObservationEntry[];
}) {
  if (entries.length === 0) return 0;
  const db = getDb();
  const children = await db
    .selectFrom('children')
    .select('id')
    .where('center_id', '=', centerId)
    .where('id', 'in', [...new Set(entries.map((e) => e.childId))])
    .execute();
  const items = await db
    .selectFrom('milestone_items')
    .select('id')
    .where('id', 'in', [...new Set(entries.map((e) => e.itemId))])
    .where((eb) => eb.or([eb('center_id', 'is', null), eb('center_id', '=', centerId)]))
    .execute();
  const valid = entries.filter((e) => children.some((c) => c.id === e.childId) && items.some((i) => i.id === e.itemId));
  if (valid.length !== entries.length) return null;
  const withPhotos = valid.filter((e) => e.photo);
  await withStoredFiles(
    withPhotos.map((e) => e.photo!.bytes),
    async (trx, keys) => {
      for (const e of valid) {
        let photoId: string | null = null;
        if (e.photo) {
          const key = keys[withPhotos.indexOf(e)];
          photoId = newId();
          await trx
            .insertInto('documents')
            .values({
              id: photoId,
              center_id: centerId,
              application_id: null,
              child_id: e.childId,
              kind: 'observation_photo',
              file_name: e.photo.fileName,
              mime_type: e.photo.mimeType,
              size_bytes: e.photo.bytes.byteLength,
              storage_key: key,
              created_at: nowIso(),
            })
            .execute();
        }
        // One answer per child, item and day: a second tap that day (a corrected mis-tap, a note
        // added afterwards, a classroom saved again) changes that answer instead of adding another.
        // A note or photo is only replaced by a new one, never cleared by a bare tap.
        const existing = await trx
          .selectFrom('milestone_observations')
          .select(['id', 'status', 'note', 'visible_to_family', 'photo_document_id'])
          .where('center_id', '=', centerId)
          .where('child_id', '=', e.childId)
          .where('item_id', '=', e.itemId)
          .where('observed_on', '=', observedOn)
          .orderBy('created_at', 'desc')
          .executeTakeFirst();
        if (existing) {
          const { id, ...before } = existing;
          const after = {
            status: e.status,
            ...(e.note ? { note: e.note, visible_to_family: e.noteForFamily ? 1 : 0 } : {}),
            ...(photoId ? { photo_document_id: photoId } : {}),
          };
          await trx.updateTable('milestone_observations').set(after).where('id', '=', id).execute();
          await recordChange(trx, {
            actorId,
            centerId,
            childId: e.childId,
            entity: 'milestone_observation',
            entityId: id,
            before,
            after: { ...before, ...after },
          });
          continue;
        }
        const row = {
          id: newId(),
          center_id: centerId,
          child_id: e.childId,
          item_id: e.itemId,
          status: e.status,
          observed_on: observedOn,
          note: e.note,
          visible_to_family: e.note && e.noteForFamily ? 1 : 0,
          photo_document_id: photoId,
          recorded_by: actorId,
          created_at: nowIso(),
        };
        await trx.insertInto('milestone_observations').values(row).execute();
        await recordChange(trx, {
          actorId,
          centerId,
          childId: e.childId,
          entity: 'milestone_observation',
          entityId: row.id,
          after: row,
        });
      }
      return { value: undefined };
    },
  );
  return valid.length;
}

/** A KPSP result for a child of the center; null when the child is not the center's. */
export async function recordKpsp({
  centerId,
  childId,
  actorId,
  screenedOn,
  agePointMonths,
  yesCount,
  note,
}: {
  centerId: string;
  childId: string;
  actorId: string;
  screenedOn: string;
  agePointMonths: number;
  yesCount: number;
  note: string | null;
}) {
  const { interpretation, followUpDue } = interpretKpsp(yesCount, screenedOn);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await childOfCenter(trx, { centerId, childId }))) return null;
      const row = {
        id: newId(),
        center_id: centerId,
        child_id: childId,
        screened_on: screenedOn,
        age_point_months: agePointMonths,
        yes_count: yesCount,
        interpretation,
        follow_up_due: followUpDue,
        note,
        recorded_by: actorId,
        created_at: nowIso(),
      };
      await trx.insertInto('kpsp_screenings').values(row).execute();
      await recordChange(trx, { actorId, centerId, entity: 'kpsp_screening', entityId: row.id, after: row });
      return { interpretation, followUpDue };
    });
}

export async function addCenterItem({
  centerId,
  actorId,
  item,
}: {
  centerId: string;
  actorId: string;
  item: { age_months: number; domain: Domain; text_id: string; text_en: string };
}) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const row = {
        id: newId(),
        center_id: centerId,
        catalog_version: null,
        ...item,
        source: 'center',
        created_at: nowIso(),
      };
      await trx.insertInto('milestone_items').values(row).execute();
      await recordChange(trx, { actorId, centerId, entity: 'milestone_item', entityId: row.id, after: row });
    });
}

/** The bands a classroom's age range covers: from the band of its youngest age to the band of its oldest. */
export function roomBands(room: { min_age_months: number; max_age_months: number }) {
  const from = bandFor(room.min_age_months) ?? AGE_BANDS[0];
  const to = bandFor(room.max_age_months) ?? AGE_BANDS[0];
  return AGE_BANDS.filter((b) => b >= from && b <= to);
}

/**
 * The classroom's development at a glance and its quick entry: the children with their band and how many of
 * their band's items are still open (no "yes" yet), the items of the room's age range only, and for the
 * chosen item each child's last answer.
 */
export async function classroomMilestones({
  center,
  classroomId,
  itemId,
}: {
  center: CenterConfig;
  classroomId: string;
  itemId?: string | null;
}) {
  const db = getDb();
  const centerId = center.id;
  const classroom = await db
    .selectFrom('classrooms')
    .select(['id', 'name', 'min_age_months', 'max_age_months'])
    .where('id', '=', classroomId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!classroom) return null;
  const today = localDate(center.timeZone);
  const bands = roomBands(classroom);
  const enrolled = await enrolledInClassroom(db, { centerId, classroomId })
    .select(['id', 'full_name', 'nickname', 'birth_date', 'gestation_weeks'])
    .execute();
  const allItems = await itemsUpTo(centerId, Math.max(...bands));
  const observations = enrolled.length
    ? await db
        .selectFrom('milestone_observations')
        .select(['child_id', 'item_id', 'status', 'observed_on'])
        .where('center_id', '=', centerId)
        .where(
          'child_id',
          'in',
          enrolled.map((c) => c.id),
        )
        .orderBy('observed_on')
        .orderBy('created_at')
        .execute()
    : [];
  const latest = new Map(observations.map((o) => [`${o.child_id}:${o.item_id}`, o]));
  const children = enrolled.map((c) => {
    const band = bandFor(milestoneAgeMonths(c.birth_date, today, c.gestation_weeks).months);
    const open = band
      ? allItems.filter((i) => i.age_months === band && latest.get(`${c.id}:${i.id}`)?.status !== 'yes').length
      : 0;
    const last = itemId ? latest.get(`${c.id}:${itemId}`) : undefined;
    return {
      id: c.id,
      full_name: c.full_name,
      nickname: c.nickname,
      band,
      open,
      last: last ? { status: last.status, observed_on: last.observed_on } : null,
    };
  });
  const items = allItems.filter((i) => (bands as number[]).includes(i.age_months));
  return { classroom, children, items, item: items.find((i) => i.id === itemId) ?? null, today };
}

export type ObservationEntry = {
  childId: string;
  itemId: string;
  status: ObservationStatus;
  note: string | null;
  noteForFamily?: boolean;
  photo?: CheckedUpload | null;
};

/**
 * One child's checklist as posted: a `status:<item>` radio per item answered, with its optional
 * `note:<item>`, `share:<item>` (show the note to the family) and `photo:<item>`. Returns the
 * entries, or the first photo's error.
 */
export async function checklistEntries({
  childId,
  formData,
  uploads,
}: {
  childId: string;
  formData: FormData;
  uploads: Map<string, Upload>;
}): Promise<{ entries: ObservationEntry[] } | { error: string }> {
  const entries: ObservationEntry[] = [];
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith('status:') || !STATUSES.includes(value as ObservationStatus)) continue;
    const itemId = key.slice('status:'.length);
    const note = String(formData.get(`note:${itemId}`) ?? '')
      .trim()
      .slice(0, 300);
    const upload = uploads.get(`photo:${itemId}`);
    const photo = upload ? await checkUpload(upload, PHOTO_TYPES) : null;
    if (photo && 'error' in photo) return { error: photo.error };
    entries.push({
      childId,
      itemId,
      status: value as ObservationStatus,
      note: note || null,
      noteForFamily: formData.get(`share:${itemId}`) === 'on',
      photo,
    });
  }
  return { entries };
}

/**
 * One item for a whole classroom as posted: a `status:<child>` radio per child answered. With `all=yes`
 * ("all yes" with exceptions) every child left unanswered is a yes; the answered ones are the exceptions.
 * Null when an answer names a child outside the classroom.
 */
export function classroomEntries({
  itemId,
  childIds,
  formData,
}: {
  itemId: string;
  childIds: string[];
  formData: FormData;
}): ObservationEntry[] | null {
  const allYes = formData.get('all') === 'yes';
  // An answer for a child who is not in this classroom (another room's, another center's) refuses the whole post.
  for (const key of formData.keys())
    if (key.startsWith('status:') && !childIds.includes(key.slice('status:'.length))) return null;
  return childIds.flatMap((childId) => {
    const posted = formData.get(`status:${childId}`);
    const status = STATUSES.includes(posted as ObservationStatus)
      ? (posted as ObservationStatus)
      : allYes
        ? 'yes'
        : null;
    return status ? [{ childId, itemId, status, note: null }] : [];
  });
}
