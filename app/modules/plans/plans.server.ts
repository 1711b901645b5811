// Weekly plans per room: the room's time blocks, the week's theme and cells (an activity of the
// library, free text, or both), copying a week, publishing it to the room's families, and what
// the week covers. Every query carries the center filter; another center's room, plan or
// activity is "not found" and nothing is written.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB } from '~db/schema';
import { createI18n } from '~/i18n/catalogs.server';
import { type Lang } from '~/i18n/i18n';
import { LEARNING_ELEMENTS } from '../activities/activities';
import { searchActivities } from '../activities/activities.server';
import { recordChange } from '../audit/audit.server';
import type { CenterConfig } from '../centers/context.server';
import { enrolledInClassroom } from '../children/children.server';
import { DOMAINS } from '../development/rules';
import { publish } from '../live/bus.server';
import { familiesRoomTopic, LIVE_TYPES } from '../live/topics';
import { localDate, WEEKDAYS, type Weekday } from '../time/time';
import { blockKey, coverage, defaultBlockLabel, defaultBlocksFor, planDays, weekStartOf } from './plans';

export type PlanError = 'notFound' | 'unknownActivity' | 'unknownBlock' | 'duplicateBlock' | 'nothingToCopy';
export type PlanResult<T = object> = ({ ok: true } & T) | { ok: false; error: PlanError };

type Db = Kysely<DB>;

/** The center's room (with its ages), or undefined: the center filter for every plan page. */
export const roomOf = (db: Db, { centerId, classroomId }: { centerId: string; classroomId: string }) =>
  db
    .selectFrom('classrooms')
    .select(['id', 'name', 'min_age_months', 'max_age_months'])
    .where('id', '=', classroomId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();

const savedBlocks = (db: Db, { centerId, classroomId }: { centerId: string; classroomId: string }) =>
  db
    .selectFrom('room_time_blocks')
    .select(['id', 'name'])
    .where('center_id', '=', centerId)
    .where('classroom_id', '=', classroomId)
    .orderBy('position')
    .execute();

const planOf = (
  db: Db,
  { centerId, classroomId, weekStart }: { centerId: string; classroomId: string; weekStart: string },
) =>
  db
    .selectFrom('weekly_plans')
    .select(['id', 'theme', 'published_at', 'updated_at'])
    .where('center_id', '=', centerId)
    .where('classroom_id', '=', classroomId)
    .where('week_start', '=', weekStart)
    .executeTakeFirst();

/** A plan's cells with the activity's title in `lang` (else the language it has). */
async function cellsOf(db: Db, { planId, centerId, lang }: { planId: string; centerId: string; lang: Lang }) {
  return db
    .selectFrom('weekly_plan_cells as c')
    .innerJoin('weekly_plans as p', 'p.id', 'c.plan_id')
    .leftJoin('activity_texts as mine', (j) =>
      j.onRef('mine.activity_id', '=', 'c.activity_id').on('mine.language', '=', lang),
    )
    .leftJoin('activity_texts as other', (j) =>
      j.onRef('other.activity_id', '=', 'c.activity_id').on('other.language', '!=', lang),
    )
    .select(['c.block_id', 'c.weekday', 'c.activity_id', 'c.note', 'c.children_choice'])
    .select((eb) => eb.fn.coalesce('mine.title', 'other.title').as('title'))
    .where('p.id', '=', planId)
    .where('p.center_id', '=', centerId)
    .execute()
    .then((rows) => {
      // Two "other" rows cannot exist (two languages), but keep one row per cell whatever happens.
      const byCell = new Map(rows.map((r) => [`${r.weekday}:${r.block_id}`, r]));
      return [...byCell.values()];
    });
}

/** The default blocks' names in a language: what a room's blocks are called until someone renames them. */
const defaultNames = (room: { max_age_months: number }, lang: Lang) => {
  const t = createI18n(lang).t;
  return defaultBlocksFor(room).map((key) => t(defaultBlockLabel(key)));
};

/** The room's blocks: its own, or (before anyone saved any) the defaults for its ages, with keys for the form. */
async function blocksForPage(db: Db, room: { id: string; max_age_months: number }, centerId: string, lang: Lang) {
  const saved = await savedBlocks(db, { centerId, classroomId: room.id });
  if (saved.length) return saved.map((b) => ({ key: b.id, id: b.id as string | null, name: b.name }));
  return defaultNames(room, lang).map((name, i) => ({ key: `default-${i}`, id: null, name }));
}

/** Writes the room's default blocks (in the writer's language) when it has none yet; returns form key → id. */
async function ensureBlocks(
  trx: Db,
  { centerId, room, lang }: { centerId: string; room: { id: string; max_age_months: number }; lang: Lang },
) {
  const saved = await savedBlocks(trx, { centerId, classroomId: room.id });
  if (saved.length) return new Map(saved.map((b) => [b.id, b.id]));
  const now = nowIso();
  const rows = defaultNames(room, lang).map((name, i) => ({
    id: newId(),
    center_id: centerId,
    classroom_id: room.id,
    name,
    name_key: blockKey(name),
    position: i + 1,
    created_at: now,
  }));
  await trx.insertInto('room_time_blocks').values(rows).execute();
  return new Map(rows.map((r, i) => [`default-${i}`, r.id]));
}

/** The activities a plan of this room may use: the center's and the shared ones suitable for the room's ages. */
export const roomActivities = ({
  centerId,
  classroomId,
  lang,
}: {
  centerId: string;
  classroomId: string;
  lang: Lang;
}) =>
  searchActivities({
    centerId,
    lang,
    filters: { q: null, age: null, room: classroomId, tag: null, domain: null, milestone: null, scope: 'all' },
  });

/** One room's week: its blocks, days, plan (if any), the activities to choose from, and what it covers. */
export async function weekPlan({
  center,
  classroomId,
  weekStart,
  lang,
}: {
  center: CenterConfig;
  classroomId: string;
  weekStart: string;
  lang: Lang;
}) {
  const db = getDb();
  const centerId = center.id;
  const room = await roomOf(db, { centerId, classroomId });
  if (!room) return null;
  const [blocks, plan, activities] = await Promise.all([
    blocksForPage(db, room, centerId, lang),
    planOf(db, { centerId, classroomId, weekStart }),
    roomActivities({ centerId, classroomId, lang }),
  ]);
  const cells = plan ? await cellsOf(db, { planId: plan.id, centerId, lang }) : [];
  return {
    classroom: room,
    blocks,
    days: planDays(center.openingHours),
    plan: plan ? { theme: plan.theme, publishedAt: plan.published_at, updatedAt: plan.updated_at } : null,
    cells,
    activities: activities.map((a) => ({ id: a.id, title: a.title, own: a.own })),
    coverage: await weekCoverage(db, { centerId, classroomId, activityIds: cells.flatMap((c) => c.activity_id ?? []) }),
  };
}

/**
 * The room's enrolled children and, per child, the items whose latest answer is "not yet" (the
 * latest answer per child and item decides).
 */
export async function roomNotYet(db: Db, { centerId, classroomId }: { centerId: string; classroomId: string }) {
  const children = await enrolledInClassroom(db, { centerId, classroomId })
    .select(['id', 'full_name', 'nickname'])
    .execute();
  const observations = children.length
    ? await db
        .selectFrom('milestone_observations')
        .select(['child_id', 'item_id', 'status'])
        .where('center_id', '=', centerId)
        .where(
          'child_id',
          'in',
          children.map((c) => c.id),
        )
        .orderBy('observed_on')
        .orderBy('created_at')
        .execute()
    : [];
  // Later rows overwrite earlier ones.
  const latest = new Map(observations.map((o) => [`${o.child_id}:${o.item_id}`, o]));
  const notYet = new Map<string, string[]>();
  for (const o of latest.values())
    if (o.status === 'not_yet') notYet.set(o.child_id, [...(notYet.get(o.child_id) ?? []), o.item_id]);
  return { children, notYet };
}

/** The element codes and supported items (with their domains) of the given activities. */
export async function activityTags(db: Db, { centerId, activityIds }: { centerId: string; activityIds: string[] }) {
  const ids = [...new Set(activityIds)];
  const [elements, items] = await Promise.all([
    ids.length
      ? db
          .selectFrom('activity_tags')
          .select(['activity_id', 'code'])
          .where('kind', '=', 'element')
          .where('activity_id', 'in', ids)
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom('activity_milestones as m')
          .innerJoin('milestone_items as i', 'i.id', 'm.item_id')
          .select(['m.activity_id', 'i.id', 'i.domain'])
          .where('m.activity_id', 'in', ids)
          .where((eb) => eb.or([eb('i.center_id', 'is', null), eb('i.center_id', '=', centerId)]))
          .execute()
      : [],
  ]);
  return {
    elementsOf: (id: string) => elements.filter((t) => t.activity_id === id).map((t) => t.code),
    itemsOf: (id: string) => items.filter((s) => s.activity_id === id).map(({ id, domain }) => ({ id, domain })),
  };
}

/** Children with uncovered items, the items' texts filled in for the page. */
export async function withItemTexts<Child>(
  db: Db,
  { centerId, unsupported }: { centerId: string; unsupported: { child: Child; itemIds: string[] }[] },
) {
  const itemIds = [...new Set(unsupported.flatMap((u) => u.itemIds))];
  const items = itemIds.length
    ? await db
        .selectFrom('milestone_items')
        .select(['id', 'domain', 'text_id', 'text_en'])
        .where('id', 'in', itemIds)
        .where((eb) => eb.or([eb('center_id', 'is', null), eb('center_id', '=', centerId)]))
        .execute()
    : [];
  return unsupported.map((u) => ({ child: u.child, items: items.filter((i) => u.itemIds.includes(i.id)) }));
}

/** What the planned activities cover (see `coverage`), with the uncovered items' texts for the page. */
async function weekCoverage(
  db: Db,
  { centerId, classroomId, activityIds }: { centerId: string; classroomId: string; activityIds: string[] },
) {
  const ids = [...new Set(activityIds)];
  const [tags, { children, notYet }] = await Promise.all([
    activityTags(db, { centerId, activityIds: ids }),
    roomNotYet(db, { centerId, classroomId }),
  ]);
  const result = coverage({
    activities: ids.map((id) => ({ elements: tags.elementsOf(id), items: tags.itemsOf(id) })),
    elements: LEARNING_ELEMENTS,
    domains: DOMAINS,
    notYet,
    children,
  });
  return {
    elements: result.elements,
    domains: result.domains,
    unsupported: await withItemTexts(db, { centerId, unsupported: result.unsupported }),
  };
}

export type CellInput = {
  day: Weekday;
  blockKey: string;
  activityId: string | null;
  note: string;
  /** The children chose this activity ("dipilih anak"). */
  childrenChoice?: boolean;
};

const cellsSummary = (
  cells: { weekday: string; block_id: string; activity_id: string | null; note: string; children_choice: number }[],
) =>
  cells
    .map(
      (c) =>
        `${c.weekday} ${c.block_id}: ${[c.activity_id, c.note, c.children_choice ? 'children_choice' : '']
          .filter(Boolean)
          .join(' · ')}`,
    )
    .sort()
    .join('\n');

/**
 * Saves a week: its theme and every cell (the form sends the whole grid). Activities must be the
 * shared library's or the center's own and suit the room's ages; blocks must be the room's. The
 * room's default blocks are written on its first save. A published plan stays published, and its
 * families' pages refresh.
 */
export async function saveWeek({
  center,
  classroomId,
  weekStart,
  actorId,
  lang,
  theme,
  cells,
}: {
  center: CenterConfig;
  classroomId: string;
  weekStart: string;
  actorId: string;
  lang: Lang;
  theme: string;
  cells: CellInput[];
}): Promise<PlanResult<{ planId: string }>> {
  const centerId = center.id;
  const allowed = new Set((await roomActivities({ centerId, classroomId, lang })).map((a) => a.id));
  if (cells.some((c) => c.activityId !== null && !allowed.has(c.activityId)))
    return { ok: false, error: 'unknownActivity' };
  const days = planDays(center.openingHours);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const room = await roomOf(trx, { centerId, classroomId });
      if (!room) return { ok: false as const, error: 'notFound' as const };
      const blockIds = await ensureBlocks(trx, { centerId, room, lang });
      const rows = cells.filter((c) => c.activityId !== null || c.note !== '');
      if (rows.some((c) => !blockIds.has(c.blockKey) || !days.includes(c.day)))
        return { ok: false as const, error: 'unknownBlock' as const };
      const { planId, before, beforeCells, written } = await replaceWeek(trx, {
        centerId,
        classroomId,
        weekStart,
        theme,
        actorId,
        cells: rows.map((c) => ({
          block_id: blockIds.get(c.blockKey)!,
          weekday: c.day,
          activity_id: c.activityId,
          note: c.note,
          children_choice: c.childrenChoice ? 1 : 0,
        })),
        unpublish: false,
      });
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'weekly_plan',
        entityId: planId,
        before: before ? { theme: before.theme, cells: cellsSummary(beforeCells) } : null,
        after: { classroom_id: classroomId, week_start: weekStart, theme, cells: cellsSummary(written) },
      });
      if (before?.published_at) await announce(trx, { classroomId, weekStart });
      return { ok: true as const, planId };
    });
}

/**
 * Writes a room's week as given: the plan row (created, or updated — and unpublished when asked),
 * its cells replaced. Returns the plan's id and what it was before, for the caller's audit entry.
 */
async function replaceWeek(
  trx: Db,
  {
    centerId,
    classroomId,
    weekStart,
    theme,
    actorId,
    cells,
    unpublish,
  }: {
    centerId: string;
    classroomId: string;
    weekStart: string;
    theme: string;
    actorId: string;
    cells: { block_id: string; weekday: Weekday; activity_id: string | null; note: string; children_choice: number }[];
    unpublish: boolean;
  },
) {
  const now = nowIso();
  const before = await planOf(trx, { centerId, classroomId, weekStart });
  const planId = before?.id ?? newId();
  const beforeCells = before
    ? await trx
        .selectFrom('weekly_plan_cells')
        .select(['weekday', 'block_id', 'activity_id', 'note', 'children_choice'])
        .where('plan_id', '=', planId)
        .execute()
    : [];
  if (before) {
    await trx
      .updateTable('weekly_plans')
      .set({
        theme,
        updated_by: actorId,
        updated_at: now,
        ...(unpublish ? { published_at: null, published_by: null } : {}),
      })
      .where('id', '=', planId)
      .where('center_id', '=', centerId)
      .execute();
    await trx.deleteFrom('weekly_plan_cells').where('plan_id', '=', planId).execute();
  } else {
    await trx
      .insertInto('weekly_plans')
      .values({
        id: planId,
        center_id: centerId,
        classroom_id: classroomId,
        week_start: weekStart,
        theme,
        published_at: null,
        published_by: null,
        created_by: actorId,
        updated_by: actorId,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  const written = cells.map((c) => ({ ...c, plan_id: planId }));
  if (written.length) await trx.insertInto('weekly_plan_cells').values(written).execute();
  return { planId, before, beforeCells, written };
}

const announce = (trx: Db, { classroomId, weekStart }: { classroomId: string; weekStart: string }) =>
  publish(trx, { topic: familiesRoomTopic(classroomId), type: LIVE_TYPES.plan, data: { weekStart } });

/** Publishes a week to the families of the room's enrolled children (or takes it back). */
export async function setPublished({
  centerId,
  classroomId,
  weekStart,
  actorId,
  published,
}: {
  centerId: string;
  classroomId: string;
  weekStart: string;
  actorId: string;
  published: boolean;
}): Promise<PlanResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const plan = await trx
        .selectFrom('weekly_plans')
        .select(['id', 'published_at', 'published_by'])
        .where('center_id', '=', centerId)
        .where('classroom_id', '=', classroomId)
        .where('week_start', '=', weekStart)
        .executeTakeFirst();
      if (!plan) return { ok: false as const, error: 'notFound' as const };
      if (Boolean(plan.published_at) === published) return { ok: true as const };
      const after = published
        ? { published_at: nowIso(), published_by: actorId }
        : { published_at: null, published_by: null };
      await trx
        .updateTable('weekly_plans')
        .set({ ...after, updated_by: actorId, updated_at: nowIso() })
        .where('id', '=', plan.id)
        .where('center_id', '=', centerId)
        .execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'weekly_plan',
        entityId: plan.id,
        before: { published_at: plan.published_at, published_by: plan.published_by },
        after,
      });
      await announce(trx, { classroomId, weekStart });
      return { ok: true as const };
    });
}

/**
 * Copies another week of the same room into this one: its theme and cells replace this week's.
 * The copy is a draft (not published) until someone publishes it.
 */
export async function copyWeek({
  centerId,
  classroomId,
  fromWeek,
  toWeek,
  actorId,
}: {
  centerId: string;
  classroomId: string;
  fromWeek: string;
  toWeek: string;
  actorId: string;
}): Promise<PlanResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await roomOf(trx, { centerId, classroomId }))) return { ok: false as const, error: 'notFound' as const };
      const source = await planOf(trx, { centerId, classroomId, weekStart: fromWeek });
      if (!source || fromWeek === toWeek) return { ok: false as const, error: 'nothingToCopy' as const };
      const cells = await trx
        .selectFrom('weekly_plan_cells')
        .select(['weekday', 'block_id', 'activity_id', 'note', 'children_choice'])
        .where('plan_id', '=', source.id)
        .execute();
      const {
        planId,
        before: target,
        beforeCells,
        written,
      } = await replaceWeek(trx, {
        centerId,
        classroomId,
        weekStart: toWeek,
        theme: source.theme,
        actorId,
        cells,
        unpublish: true,
      });
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'weekly_plan',
        entityId: planId,
        before: target
          ? { theme: target.theme, published_at: target.published_at, cells: cellsSummary(beforeCells) }
          : null,
        after: {
          classroom_id: classroomId,
          week_start: toWeek,
          theme: source.theme,
          published_at: null,
          cells: cellsSummary(written),
        },
      });
      if (target?.published_at) await announce(trx, { classroomId, weekStart: toWeek });
      return { ok: true as const };
    });
}

/**
 * Replaces the room's blocks (`parseBlocks` checked the names): renamed and reordered in place,
 * new ones added, missing ones removed with their cells in every week. A duplicate name that
 * slipped past the form (two people saving at once) lands on the unique index: refused.
 */
export async function saveBlocks({
  centerId,
  classroomId,
  actorId,
  lang,
  blocks,
}: {
  centerId: string;
  classroomId: string;
  actorId: string;
  lang: Lang;
  blocks: { id: string | null; name: string }[];
}): Promise<PlanResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const room = await roomOf(trx, { centerId, classroomId });
      if (!room) return { ok: false as const, error: 'notFound' as const };
      const existing = await savedBlocks(trx, { centerId, classroomId });
      const mapping = existing.length ? null : await ensureBlocks(trx, { centerId, room, lang });
      const idOf = (id: string | null) => (id && mapping ? (mapping.get(id) ?? null) : id);
      const current = existing.length ? existing : await savedBlocks(trx, { centerId, classroomId });
      const known = new Set(current.map((b) => b.id));
      const wanted = blocks.map((b) => ({ ...b, id: idOf(b.id) }));
      if (wanted.some((b) => b.id !== null && !known.has(b.id)))
        return { ok: false as const, error: 'unknownBlock' as const };
      const keep = new Set(wanted.flatMap((b) => b.id ?? []));
      const removed = current.filter((b) => !keep.has(b.id)).map((b) => b.id);
      if (removed.length) {
        await trx.deleteFrom('weekly_plan_cells').where('block_id', 'in', removed).execute();
        await trx.deleteFrom('room_time_blocks').where('center_id', '=', centerId).where('id', 'in', removed).execute();
      }
      // Park every kept block on a key no name can have (names are trimmed: none starts with a tab), so
      // swapping two names never collides midway. PostgreSQL text cannot hold a NUL, hence the tab.
      for (const b of wanted)
        if (b.id)
          await trx
            .updateTable('room_time_blocks')
            .set({ name_key: `\t${b.id}` })
            .where('id', '=', b.id)
            .where('center_id', '=', centerId)
            .execute();
      const now = nowIso();
      for (const [i, b] of wanted.entries()) {
        const values = { name: b.name, name_key: blockKey(b.name), position: i + 1 };
        if (b.id)
          await trx
            .updateTable('room_time_blocks')
            .set(values)
            .where('id', '=', b.id)
            .where('center_id', '=', centerId)
            .execute();
        else
          await trx
            .insertInto('room_time_blocks')
            .values({ id: newId(), center_id: centerId, classroom_id: classroomId, created_at: now, ...values })
            .execute();
      }
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'classroom',
        entityId: classroomId,
        before: { time_blocks: current.map((b) => b.name).join(', ') },
        after: { time_blocks: wanted.map((b) => b.name).join(', ') },
      });
      return { ok: true as const };
    });
}

/**
 * This week's published plans for a guardian: one per room of their enrolled children (the week in
 * each center's zone), with activity titles in the guardian's language where the library has it.
 */
export async function familyPlans({ userId, lang }: { userId: string; lang: Lang }) {
  const db = getDb();
  const rooms = await db
    .selectFrom('guardians as g')
    .innerJoin('children as ch', (j) => j.onRef('ch.id', '=', 'g.child_id').onRef('ch.center_id', '=', 'g.center_id'))
    .innerJoin('classrooms as r', (j) =>
      j.onRef('r.id', '=', 'ch.classroom_id').onRef('r.center_id', '=', 'ch.center_id'),
    )
    .innerJoin('centers as c', 'c.id', 'ch.center_id')
    .select(['r.id', 'r.name', 'r.center_id', 'c.time_zone'])
    .where('g.user_id', '=', userId)
    .where('ch.status', '=', 'enrolled')
    .distinct()
    .execute();
  const plans = [];
  for (const room of rooms) {
    const weekStart = weekStartOf(localDate(room.time_zone));
    const plan = await db
      .selectFrom('weekly_plans')
      .select(['id', 'theme', 'published_at'])
      .where('center_id', '=', room.center_id)
      .where('classroom_id', '=', room.id)
      .where('week_start', '=', weekStart)
      .where('published_at', 'is not', null)
      .executeTakeFirst();
    if (!plan) continue;
    const [blocks, cells] = await Promise.all([
      savedBlocks(db, { centerId: room.center_id, classroomId: room.id }),
      cellsOf(db, { planId: plan.id, centerId: room.center_id, lang }),
    ]);
    const days = [...new Set(cells.map((c) => c.weekday))];
    plans.push({
      classroomId: room.id,
      classroomName: room.name,
      weekStart,
      theme: plan.theme,
      days: WEEKDAYS.filter((d) => days.includes(d)),
      blocks: blocks.filter((b) => cells.some((c) => c.block_id === b.id)),
      cells: cells.map((c) => ({
        blockId: c.block_id,
        day: c.weekday,
        title: c.title,
        note: c.note,
        childrenChoice: c.children_choice === 1,
      })),
    });
  }
  return plans;
}
