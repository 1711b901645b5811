// The activity library: the shared library (center_id null, read-only for centers) and each
// center's own activities. Every query carries the center filter: a center sees the shared ones
// and its own, never another center's; it changes only its own.
import { sql, type Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { ActivitiesTable, DB, Domain } from '~db/schema';
import type { Lang } from '~/i18n/i18n';
import { recordChange } from '../audit/audit.server';
import { withStoredFiles, type CheckedUpload } from '../files/uploads.server';
import { tagValue, textFor, type ActivityFilters, type ActivityInput, type TagRef } from './activities';

export const ACTIVITY_ERRORS = ['notFound', 'readOnly', 'unknownMilestone', 'unknownDimension'] as const;
export type ActivityError = (typeof ACTIVITY_ERRORS)[number];
export type ActivityResult<T = object> = ({ ok: true } & T) | { ok: false; error: ActivityError };

/** How many activities a search lists at most. */
export const SEARCH_LIMIT = 200;

const TEXT_FIELDS = ['title', 'goal', 'steps', 'materials', 'adaptations', 'safety_notes'] as const;

/** The activities a center can see: the shared library and its own. */
const visibleTo = (centerId: string) =>
  getDb()
    .selectFrom('activities as a')
    .where((eb) => eb.or([eb('a.center_id', 'is', null), eb('a.center_id', '=', centerId)]));

/** '%word%' for LIKE, with the wildcard characters the user typed taken literally. */
const containsPattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export type ActivitySummary = {
  id: string;
  own: boolean;
  title: string;
  minAgeMonths: number;
  maxAgeMonths: number;
  durationMinutes: number;
  grouping: ActivitiesTable['grouping'];
  setting: ActivitiesTable['setting'];
  tags: TagRef[];
  milestones: number;
};

/**
 * The activities a center can see that match every filter, in one query (the filters are SQL, so
 * the same runs on SQLite and PostgreSQL), youngest first; then their tags for the page.
 */
export async function searchActivities({
  centerId,
  filters,
  lang,
  limit = SEARCH_LIMIT,
}: {
  centerId: string;
  filters: ActivityFilters;
  lang: Lang;
  limit?: number;
}): Promise<ActivitySummary[]> {
  const { q, age, room, tag, domain, milestone, scope } = filters;
  const rows = await visibleTo(centerId)
    .leftJoin('activity_texts as mine', (j) => j.onRef('mine.activity_id', '=', 'a.id').on('mine.language', '=', lang))
    .leftJoin('activity_texts as other', (j) =>
      j.onRef('other.activity_id', '=', 'a.id').on('other.language', '!=', lang),
    )
    .select([
      'a.id',
      'a.center_id',
      'a.min_age_months',
      'a.max_age_months',
      'a.duration_minutes',
      'a.grouping',
      'a.setting',
      (eb) => eb.fn.coalesce('mine.title', 'other.title').as('title'),
      (eb) =>
        eb
          .selectFrom('activity_milestones as am')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('am.activity_id', '=', 'a.id')
          .as('milestones'),
    ])
    .$if(scope === 'shared', (qb) => qb.where('a.center_id', 'is', null))
    .$if(scope === 'own', (qb) => qb.where('a.center_id', '=', centerId))
    .$if(age !== null, (qb) => qb.where('a.min_age_months', '<=', age!).where('a.max_age_months', '>=', age!))
    .$if(room !== null, (qb) =>
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('classrooms as c')
            .select(sql.lit(1).as('one'))
            .where('c.id', '=', room!)
            .where('c.center_id', '=', centerId)
            .whereRef('c.min_age_months', '<=', 'a.max_age_months')
            .whereRef('c.max_age_months', '>=', 'a.min_age_months'),
        ),
      ),
    )
    .$if(tag !== null && tag.kind !== 'profile', (qb) =>
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('activity_tags as t')
            .select(sql.lit(1).as('one'))
            .whereRef('t.activity_id', '=', 'a.id')
            .where('t.kind', '=', tag!.kind as 'element' | 'montessori')
            .where('t.code', '=', tag!.code),
        ),
      ),
    )
    .$if(tag !== null && tag.kind === 'profile', (qb) =>
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('activity_profile_dimensions as p')
            .select(sql.lit(1).as('one'))
            .whereRef('p.activity_id', '=', 'a.id')
            .where('p.dimension_id', '=', tag!.code),
        ),
      ),
    )
    .$if(domain !== null || milestone !== null, (qb) =>
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('activity_milestones as m')
            .innerJoin('milestone_items as i', 'i.id', 'm.item_id')
            .select(sql.lit(1).as('one'))
            .whereRef('m.activity_id', '=', 'a.id')
            .$if(domain !== null, (s) => s.where('i.domain', '=', domain!))
            .$if(milestone !== null, (s) => s.where('m.item_id', '=', milestone!)),
        ),
      ),
    )
    .$if(q !== null, (qb) =>
      qb.where(({ exists, selectFrom, or, eb }) =>
        exists(
          selectFrom('activity_texts as s')
            .select(sql.lit(1).as('one'))
            .whereRef('s.activity_id', '=', 'a.id')
            .where(() =>
              or(
                (['title', 'goal', 'materials'] as const).map((column) =>
                  eb(sql`lower(${sql.ref(`s.${column}`)})`, 'like', sql`${containsPattern(q!)} escape '\\'`),
                ),
              ),
            ),
        ),
      ),
    )
    .orderBy('a.min_age_months')
    .orderBy('a.max_age_months')
    .orderBy('title')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  const tags = await tagsOf(rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    own: r.center_id !== null,
    title: r.title ?? '',
    minAgeMonths: r.min_age_months,
    maxAgeMonths: r.max_age_months,
    durationMinutes: r.duration_minutes,
    grouping: r.grouping,
    setting: r.setting,
    tags: tags.get(r.id) ?? [],
    milestones: Number(r.milestones ?? 0),
  }));
}

/** The tags of these activities, every kind, in a fixed order (elements, Montessori, profile). */
async function tagsOf(ids: string[], db: Kysely<DB> = getDb()): Promise<Map<string, TagRef[]>> {
  const byActivity = new Map<string, TagRef[]>();
  if (ids.length === 0) return byActivity;
  const [fixed, profile] = await Promise.all([
    db
      .selectFrom('activity_tags')
      .select(['activity_id', 'kind', 'code'])
      .where('activity_id', 'in', ids)
      .orderBy('kind')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('activity_profile_dimensions as p')
      .innerJoin('profile_dimensions as d', 'd.id', 'p.dimension_id')
      .select(['p.activity_id', 'p.dimension_id'])
      .where('p.activity_id', 'in', ids)
      .orderBy('d.position')
      .execute(),
  ]);
  const add = (id: string, tag: TagRef) => byActivity.set(id, [...(byActivity.get(id) ?? []), tag]);
  for (const t of fixed.filter((t) => t.kind === 'element')) add(t.activity_id, t);
  for (const t of fixed.filter((t) => t.kind === 'montessori')) add(t.activity_id, t);
  for (const p of profile) add(p.activity_id, { kind: 'profile', code: p.dimension_id });
  return byActivity;
}

/** The graduate-profile dimensions in use, in their order. */
export async function profileDimensions() {
  return getDb()
    .selectFrom('profile_dimensions')
    .select(['id', 'name_id', 'name_en'])
    .where('active', '=', 1)
    .orderBy('position')
    .execute();
}

/** The milestone items an activity can support: the catalog and the center's own. */
export async function milestoneChoices(centerId: string) {
  return getDb()
    .selectFrom('milestone_items')
    .select(['id', 'age_months', 'domain', 'text_id', 'text_en'])
    .where((eb) => eb.or([eb('center_id', 'is', null), eb('center_id', '=', centerId)]))
    .orderBy('age_months')
    .orderBy('domain')
    .orderBy('id')
    .execute();
}

export type ActivityDetail = NonNullable<Awaited<ReturnType<typeof activityForCenter>>>;

/** One activity the center can see, with its words in every language it has and its tags; null otherwise. */
export async function activityForCenter({ centerId, activityId }: { centerId: string; activityId: string }) {
  const db = getDb();
  const row = await visibleTo(centerId)
    .select([
      'a.id',
      'a.center_id',
      'a.copied_from_id',
      'a.min_age_months',
      'a.max_age_months',
      'a.duration_minutes',
      'a.grouping',
      'a.setting',
      'a.photo_document_id',
      'a.updated_at',
    ])
    .where('a.id', '=', activityId)
    .executeTakeFirst();
  if (!row) return null;
  const [texts, tags, milestones, copiedFrom] = await Promise.all([
    db
      .selectFrom('activity_texts')
      .select(['language', ...TEXT_FIELDS])
      .where('activity_id', '=', row.id)
      .orderBy('language', 'desc')
      .execute(),
    tagsOf([row.id]),
    db
      .selectFrom('activity_milestones as m')
      .innerJoin('milestone_items as i', 'i.id', 'm.item_id')
      .select(['i.id', 'i.age_months', 'i.domain', 'i.text_id', 'i.text_en'])
      .where('m.activity_id', '=', row.id)
      .orderBy('i.age_months')
      .orderBy('i.domain')
      .orderBy('i.id')
      .execute(),
    row.copied_from_id
      ? db
          .selectFrom('activity_texts')
          .select(['language', 'title'])
          .where('activity_id', '=', row.copied_from_id)
          .execute()
      : Promise.resolve([]),
  ]);
  return {
    id: row.id,
    own: row.center_id !== null,
    copiedFrom: row.copied_from_id ? { id: row.copied_from_id, titles: copiedFrom } : null,
    minAgeMonths: row.min_age_months,
    maxAgeMonths: row.max_age_months,
    durationMinutes: row.duration_minutes,
    grouping: row.grouping,
    setting: row.setting,
    hasPhoto: row.photo_document_id !== null,
    updatedAt: row.updated_at,
    texts,
    tags: tags.get(row.id) ?? [],
    milestones: milestones as { id: string; age_months: number; domain: Domain; text_id: string; text_en: string }[],
  };
}

/** The stored photo of an activity the center can see, or null (the route answers 404). */
export async function activityPhoto({ centerId, activityId }: { centerId: string; activityId: string }) {
  return getDb()
    .selectFrom('activities as a')
    .innerJoin('documents as d', 'd.id', 'a.photo_document_id')
    .select(['d.storage_key', 'd.mime_type', 'd.file_name'])
    .where('a.id', '=', activityId)
    .where('a.center_id', '=', centerId)
    .where('d.center_id', '=', centerId)
    .where('d.kind', '=', 'activity_photo')
    .executeTakeFirst();
}

/** The form's values for an activity: the words in the reader's language (or the other one it has). */
export function formValuesOf(activity: ActivityDetail, lang: Lang) {
  const text = textFor(activity.texts, lang);
  return {
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, text?.[f] ?? ''])),
    duration_minutes: activity.durationMinutes,
    min_age_months: activity.minAgeMonths,
    max_age_months: activity.maxAgeMonths,
    grouping: activity.grouping,
    setting: activity.setting,
    elements: activity.tags.filter((t) => t.kind === 'element').map((t) => t.code),
    montessori: activity.tags.filter((t) => t.kind === 'montessori').map((t) => t.code),
    profile: activity.tags.filter((t) => t.kind === 'profile').map((t) => t.code),
    milestones: activity.milestones.map((m) => m.id),
  };
}

// ————— Changes (a center's own activities only) —————

/** The checks a write needs against the database: the items and dimensions exist and may be used here. */
async function checkReferences(trx: Kysely<DB>, centerId: string, input: ActivityInput): Promise<ActivityError | null> {
  if (input.milestones.length) {
    const found = await trx
      .selectFrom('milestone_items')
      .select('id')
      .where('id', 'in', input.milestones)
      .where((eb) => eb.or([eb('center_id', 'is', null), eb('center_id', '=', centerId)]))
      .execute();
    if (found.length !== input.milestones.length) return 'unknownMilestone';
  }
  if (input.profile.length) {
    const found = await trx
      .selectFrom('profile_dimensions')
      .select('id')
      .where('id', 'in', input.profile)
      .where('active', '=', 1)
      .execute();
    if (found.length !== input.profile.length) return 'unknownDimension';
  }
  return null;
}

/** What an audit entry shows of an activity's tags: one line of codes. */
const tagLine = (input: Pick<ActivityInput, 'elements' | 'montessori' | 'profile'>) =>
  [
    ...input.elements.map((code) => tagValue({ kind: 'element', code })),
    ...input.montessori.map((code) => tagValue({ kind: 'montessori', code })),
    ...input.profile.map((code) => tagValue({ kind: 'profile', code })),
  ].join(', ');

async function writeTags(trx: Kysely<DB>, activityId: string, input: ActivityInput) {
  await trx.deleteFrom('activity_tags').where('activity_id', '=', activityId).execute();
  await trx.deleteFrom('activity_profile_dimensions').where('activity_id', '=', activityId).execute();
  await trx.deleteFrom('activity_milestones').where('activity_id', '=', activityId).execute();
  const fixed = [
    ...input.elements.map((code) => ({ activity_id: activityId, kind: 'element' as const, code })),
    ...input.montessori.map((code) => ({ activity_id: activityId, kind: 'montessori' as const, code })),
  ];
  if (fixed.length) await trx.insertInto('activity_tags').values(fixed).execute();
  if (input.profile.length)
    await trx
      .insertInto('activity_profile_dimensions')
      .values(input.profile.map((dimension_id) => ({ activity_id: activityId, dimension_id })))
      .execute();
  if (input.milestones.length)
    await trx
      .insertInto('activity_milestones')
      .values(input.milestones.map((item_id) => ({ activity_id: activityId, item_id })))
      .execute();
}

/** Stores a new photo's document row (in the write's transaction), audited. */
async function insertPhotoDocument(
  trx: Kysely<DB>,
  { centerId, actorId, photo, key }: { centerId: string; actorId: string; photo: CheckedUpload; key: string },
) {
  const document = {
    id: newId(),
    center_id: centerId,
    application_id: null,
    child_id: null,
    kind: 'activity_photo' as const,
    file_name: photo.fileName,
    mime_type: photo.mimeType,
    size_bytes: photo.bytes.byteLength,
    storage_key: key,
    created_at: nowIso(),
  };
  await trx.insertInto('documents').values(document).execute();
  await recordChange(trx, { actorId, centerId, entity: 'document', entityId: document.id, after: document });
  return document.id;
}

/** A new activity of the center's own, written in the author's language; audited with its tags. */
export async function createActivity({
  centerId,
  actorId,
  lang,
  input,
  photo,
}: {
  centerId: string;
  actorId: string;
  lang: Lang;
  input: ActivityInput;
  photo: CheckedUpload | null;
}): Promise<ActivityResult<{ id: string }>> {
  return withStoredFiles<ActivityResult<{ id: string }>>(photo ? [photo.bytes] : [], async (trx, [key]) => {
    const problem = await checkReferences(trx, centerId, input);
    if (problem) return { value: { ok: false, error: problem }, kept: false };
    const now = nowIso();
    const photoId = photo ? await insertPhotoDocument(trx, { centerId, actorId, photo, key }) : null;
    const row = {
      id: newId(),
      center_id: centerId,
      copied_from_id: null,
      min_age_months: input.min_age_months,
      max_age_months: input.max_age_months,
      duration_minutes: input.duration_minutes,
      grouping: input.grouping,
      setting: input.setting,
      photo_document_id: photoId,
      created_by: actorId,
      updated_by: actorId,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('activities').values(row).execute();
    const text = { activity_id: row.id, language: lang, ...pickText(input) };
    await trx.insertInto('activity_texts').values(text).execute();
    await writeTags(trx, row.id, input);
    await recordChange(trx, {
      actorId,
      centerId,
      entity: 'activity',
      entityId: row.id,
      after: {
        ...row,
        ...pickText(input),
        language: lang,
        tags: tagLine(input),
        milestone_items: input.milestones.join(', '),
      },
    });
    return { value: { ok: true, id: row.id } };
  });
}

const pickText = (input: ActivityInput) =>
  Object.fromEntries(TEXT_FIELDS.map((f) => [f, input[f]])) as Record<(typeof TEXT_FIELDS)[number], string>;

/**
 * Changes an activity of the center's own: its facts, its tags, and its words in the editor's
 * language (the other language's words, if any, stay as they were). A shared activity is
 * read-only ('readOnly'); another center's is 'notFound'. A new photo replaces the old one.
 */
export async function updateActivity({
  centerId,
  activityId,
  actorId,
  lang,
  input,
  photo,
}: {
  centerId: string;
  activityId: string;
  actorId: string;
  lang: Lang;
  input: ActivityInput;
  photo: CheckedUpload | null;
}): Promise<ActivityResult> {
  return withStoredFiles<ActivityResult>(photo ? [photo.bytes] : [], async (trx, [key]) => {
    const fail = (error: ActivityError) => ({ value: { ok: false as const, error }, kept: false as const });
    const current = await trx
      .selectFrom('activities')
      .selectAll()
      .where('id', '=', activityId)
      .where((eb) => eb.or([eb('center_id', 'is', null), eb('center_id', '=', centerId)]))
      .executeTakeFirst();
    if (!current) return fail('notFound');
    if (current.center_id !== centerId) return fail('readOnly');
    const problem = await checkReferences(trx, centerId, input);
    if (problem) return fail(problem);
    const oldText = await trx
      .selectFrom('activity_texts')
      .select(TEXT_FIELDS)
      .where('activity_id', '=', activityId)
      .where('language', '=', lang)
      .executeTakeFirst();
    const oldTags = await tagsOf([activityId], trx);
    const oldMilestones = await trx
      .selectFrom('activity_milestones')
      .select('item_id')
      .where('activity_id', '=', activityId)
      .orderBy('item_id')
      .execute();
    const oldPhoto = current.photo_document_id
      ? await trx
          .selectFrom('documents')
          .select(['id', 'storage_key'])
          .where('id', '=', current.photo_document_id)
          .where('center_id', '=', centerId)
          .executeTakeFirst()
      : undefined;
    const dropPhoto = Boolean(oldPhoto) && (photo !== null || input.remove_photo);
    const newPhotoId = photo ? await insertPhotoDocument(trx, { centerId, actorId, photo, key }) : null;
    const changes = {
      min_age_months: input.min_age_months,
      max_age_months: input.max_age_months,
      duration_minutes: input.duration_minutes,
      grouping: input.grouping,
      setting: input.setting,
      photo_document_id: newPhotoId ?? (dropPhoto ? null : current.photo_document_id),
      updated_by: actorId,
      updated_at: nowIso(),
    };
    await trx
      .updateTable('activities')
      .set(changes)
      .where('id', '=', activityId)
      .where('center_id', '=', centerId)
      .execute();
    if (oldText)
      await trx
        .updateTable('activity_texts')
        .set(pickText(input))
        .where('activity_id', '=', activityId)
        .where('language', '=', lang)
        .execute();
    else
      await trx
        .insertInto('activity_texts')
        .values({ activity_id: activityId, language: lang, ...pickText(input) })
        .execute();
    await writeTags(trx, activityId, input);
    if (dropPhoto && oldPhoto) {
      await trx.deleteFrom('documents').where('id', '=', oldPhoto.id).where('center_id', '=', centerId).execute();
      await recordChange(trx, { actorId, centerId, entity: 'document', entityId: oldPhoto.id, before: oldPhoto });
    }
    const old = oldTags.get(activityId) ?? [];
    await recordChange(trx, {
      actorId,
      centerId,
      entity: 'activity',
      entityId: activityId,
      before: {
        ...current,
        ...(oldText ?? {}),
        language: lang,
        tags: old.map(tagValue).join(', '),
        milestone_items: oldMilestones.map((m) => m.item_id).join(', '),
      },
      after: {
        ...current,
        ...changes,
        ...pickText(input),
        language: lang,
        tags: tagLine(input),
        milestone_items: [...input.milestones].sort().join(', '),
      },
    });
    return { value: { ok: true }, replaced: dropPhoto && oldPhoto ? [oldPhoto.storage_key] : [] };
  });
}

/**
 * Copies an activity the center can see (the shared library's, usually) into the center's own, to
 * adapt it: its words in every language, its facts and tags; not its photo. Audited.
 */
export async function copyActivity({
  centerId,
  activityId,
  actorId,
}: {
  centerId: string;
  activityId: string;
  actorId: string;
}): Promise<ActivityResult<{ id: string }>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const source = await trx
        .selectFrom('activities')
        .selectAll()
        .where('id', '=', activityId)
        .where((eb) => eb.or([eb('center_id', 'is', null), eb('center_id', '=', centerId)]))
        .executeTakeFirst();
      if (!source) return { ok: false, error: 'notFound' } as const;
      const now = nowIso();
      const row = {
        ...source,
        id: newId(),
        center_id: centerId,
        copied_from_id: source.id,
        photo_document_id: null,
        created_by: actorId,
        updated_by: actorId,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('activities').values(row).execute();
      const texts = await trx
        .selectFrom('activity_texts')
        .select(['language', ...TEXT_FIELDS])
        .where('activity_id', '=', source.id)
        .execute();
      if (texts.length)
        await trx
          .insertInto('activity_texts')
          .values(texts.map((t) => ({ ...t, activity_id: row.id })))
          .execute();
      const tags = (await tagsOf([source.id], trx)).get(source.id) ?? [];
      const milestones = await trx
        .selectFrom('activity_milestones')
        .select('item_id')
        .where('activity_id', '=', source.id)
        .orderBy('item_id')
        .execute();
      const input = {
        elements: tags.filter((t) => t.kind === 'element').map((t) => t.code),
        montessori: tags.filter((t) => t.kind === 'montessori').map((t) => t.code),
        profile: tags.filter((t) => t.kind === 'profile').map((t) => t.code),
        milestones: milestones.map((m) => m.item_id),
      } as ActivityInput;
      await writeTags(trx, row.id, input);
      const text = texts.find((t) => t.language === 'id') ?? texts[0];
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'activity',
        entityId: row.id,
        after: {
          ...row,
          title: text?.title ?? null,
          tags: tagLine(input),
          milestone_items: input.milestones.join(', '),
        },
      });
      return { ok: true, id: row.id } as const;
    });
}
