// The day's plan as delivered: each of today's planned activities marked done or skipped (with an
// optional note), and observations recorded straight from a done activity of the library for the
// children who took part. Every query carries the center filter; only today's column of the room's
// plan may be marked, and only the room's enrolled children observed.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB, ObservationStatus } from '~db/schema';
import type { Lang } from '~/i18n/i18n';
import { recordChange } from '../audit/audit.server';
import type { CenterConfig } from '../centers/context.server';
import { publish } from '../live/bus.server';
import { familiesRoomTopic, LIVE_TYPES, roomTopic } from '../live/topics';
import { enrolledInClassroom } from '../children/children.server';
import { recordObservations } from '../development/development.server';
import { weekdayOf, type Weekday } from '../time/time';
import { planDays, weekStartOf } from './plans';
import { roomOf } from './plans.server';

export type DeliveryError =
  'notFound' | 'notToday' | 'noActivity' | 'notDone' | 'noChildren' | 'noItems' | 'childNotInRoom' | 'unknownItem';
export type DeliveryResult = { ok: true } | { ok: false; error: DeliveryError };

type Db = Kysely<DB>;

/** Today's cell of the room's plan on block `blockId` (with the plan's id), or null. */
const todayCell = (
  db: Db,
  { centerId, classroomId, today, blockId }: { centerId: string; classroomId: string; today: string; blockId: string },
) =>
  db
    .selectFrom('weekly_plan_cells as c')
    .innerJoin('weekly_plans as p', 'p.id', 'c.plan_id')
    .select(['p.id as plan_id', 'c.block_id', 'c.weekday', 'c.activity_id', 'c.note'])
    .where('p.center_id', '=', centerId)
    .where('p.classroom_id', '=', classroomId)
    .where('p.week_start', '=', weekStartOf(today))
    .where('c.weekday', '=', weekdayOf(today))
    .where('c.block_id', '=', blockId)
    .executeTakeFirst();

/** The milestone items an activity supports (the shared catalog's and the center's own). */
const activityItems = (db: Db, { centerId, activityIds }: { centerId: string; activityIds: string[] }) =>
  activityIds.length
    ? db
        .selectFrom('activity_milestones as m')
        .innerJoin('milestone_items as i', 'i.id', 'm.item_id')
        .select(['m.activity_id', 'i.id', 'i.domain', 'i.text_id', 'i.text_en'])
        .where('m.activity_id', 'in', activityIds)
        .where((eb) => eb.or([eb('i.center_id', 'is', null), eb('i.center_id', '=', centerId)]))
        .orderBy('i.age_months')
        .orderBy('i.id')
        .execute()
    : Promise.resolve([]);

/**
 * Today's column of a room's plan for the teacher on her phone: each planned block with its
 * activity (title in `lang`, else the language it has), what was marked, the items the activity
 * supports; the room's enrolled children (present ones first, flagged) and today's answers.
 */
export async function todayDelivery({
  center,
  classroomId,
  today,
  lang,
}: {
  center: CenterConfig;
  classroomId: string;
  today: string;
  lang: Lang;
}) {
  const db = getDb();
  const centerId = center.id;
  const room = await roomOf(db, { centerId, classroomId });
  if (!room) return null;
  const day = weekdayOf(today);
  const plan = planDays(center.openingHours).includes(day)
    ? await db
        .selectFrom('weekly_plans')
        .select('id')
        .where('center_id', '=', centerId)
        .where('classroom_id', '=', classroomId)
        .where('week_start', '=', weekStartOf(today))
        .executeTakeFirst()
    : undefined;
  const cells = plan
    ? await db
        .selectFrom('weekly_plan_cells as c')
        .innerJoin('room_time_blocks as b', (j) => j.onRef('b.id', '=', 'c.block_id').on('b.center_id', '=', centerId))
        .leftJoin('activity_texts as mine', (j) =>
          j.onRef('mine.activity_id', '=', 'c.activity_id').on('mine.language', '=', lang),
        )
        .leftJoin('activity_texts as other', (j) =>
          j.onRef('other.activity_id', '=', 'c.activity_id').on('other.language', '!=', lang),
        )
        .leftJoin('plan_deliveries as d', (j) =>
          j
            .onRef('d.plan_id', '=', 'c.plan_id')
            .onRef('d.block_id', '=', 'c.block_id')
            .onRef('d.weekday', '=', 'c.weekday'),
        )
        .select([
          'c.block_id',
          'b.name as block_name',
          'c.activity_id',
          'c.note',
          'd.status',
          'd.note as delivery_note',
          'c.children_choice',
        ])
        .select((eb) => eb.fn.coalesce('mine.title', 'other.title').as('title'))
        .where('c.plan_id', '=', plan.id)
        .where('c.weekday', '=', day)
        .orderBy('b.position')
        .execute()
    : [];
  const unique = [...new Map(cells.map((c) => [c.block_id, c])).values()];
  const [items, children, present] = await Promise.all([
    activityItems(db, { centerId, activityIds: [...new Set(unique.flatMap((c) => c.activity_id ?? []))] }),
    enrolledInClassroom(db, { centerId, classroomId }).select(['id', 'full_name', 'nickname']).execute(),
    db
      .selectFrom('attendance')
      .select('child_id')
      .where('center_id', '=', centerId)
      .where('date', '=', today)
      .where('check_in_at', 'is not', null)
      .execute(),
  ]);
  const here = new Set(present.map((p) => p.child_id));
  const words = plan ? await wordsOf(db, { centerId, planId: plan.id, weekday: day }) : [];
  const answers = children.length
    ? await db
        .selectFrom('milestone_observations')
        .select(['child_id', 'item_id', 'status'])
        .where('center_id', '=', centerId)
        .where('observed_on', '=', today)
        .where(
          'child_id',
          'in',
          children.map((c) => c.id),
        )
        .orderBy('created_at')
        .execute()
    : [];
  return {
    classroom: room,
    today,
    cells: unique.map((c) => ({
      blockId: c.block_id,
      blockName: c.block_name,
      activityId: c.activity_id,
      title: c.title,
      note: c.note,
      status: c.status ?? null,
      deliveryNote: c.delivery_note ?? '',
      childrenChoice: c.children_choice === 1,
      words: words.filter((w) => w.blockId === c.block_id),
      items: items.filter((i) => i.activity_id === c.activity_id).map(({ activity_id: _, ...i }) => i),
    })),
    children: children.map((c) => ({ id: c.id, name: c.nickname ?? c.full_name, present: here.has(c.id) })),
    answers: Object.fromEntries(answers.map((a) => [`${a.child_id}:${a.item_id}`, a.status])),
  };
}

/** Marks today's planned activity on a block done or skipped (a second mark replaces the first), audited. */
export async function markDelivery({
  centerId,
  classroomId,
  today,
  date,
  blockId,
  status,
  note,
  actorId,
}: {
  centerId: string;
  classroomId: string;
  today: string;
  /** The day the teacher's page showed: a page left open overnight is refused, not booked on today. */
  date: string;
  blockId: string;
  status: 'done' | 'skipped';
  note: string;
  actorId: string;
}): Promise<DeliveryResult> {
  if (date !== today) return { ok: false, error: 'notToday' };
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const cell = await todayCell(trx, { centerId, classroomId, today, blockId });
      if (!cell) return { ok: false as const, error: 'notFound' as const };
      const before = await trx
        .selectFrom('plan_deliveries')
        .select(['id', 'status', 'note'])
        .where('center_id', '=', centerId)
        .where('plan_id', '=', cell.plan_id)
        .where('block_id', '=', blockId)
        .where('weekday', '=', cell.weekday)
        .executeTakeFirst();
      const values = { status, note, activity_id: cell.activity_id, recorded_by: actorId, updated_at: nowIso() };
      if (before) await trx.updateTable('plan_deliveries').set(values).where('id', '=', before.id).execute();
      else
        await trx
          .insertInto('plan_deliveries')
          .values({
            id: newId(),
            center_id: centerId,
            plan_id: cell.plan_id,
            block_id: blockId,
            weekday: cell.weekday,
            ...values,
          })
          .execute();
      const line = (s: { status: string; note: string }) =>
        `${cell.weekday} ${blockId}: ${[s.status, s.note].filter(Boolean).join(' · ')}`;
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'weekly_plan',
        entityId: cell.plan_id,
        before: before ? { delivery: line(before) } : null,
        after: { delivery: line({ status, note }) },
      });
      // The families of the room (and the room's staff) see the day's activities in the children's timelines.
      await publish(trx, {
        topics: [familiesRoomTopic(classroomId), roomTopic(classroomId)],
        type: LIVE_TYPES.day,
        data: { date: today },
      });
      return { ok: true as const };
    });
}

/**
 * Observations from a done activity of the library: an answer per chosen child and item, for
 * today (one per child, item and day, as the checklist writes them). The children must be enrolled
 * in the room, the items among those the activity supports; otherwise nothing is written.
 */
export async function observeFromActivity({
  centerId,
  classroomId,
  today,
  date,
  blockId,
  actorId,
  childIds,
  itemIds,
  answers,
}: {
  centerId: string;
  classroomId: string;
  today: string;
  date: string;
  blockId: string;
  actorId: string;
  /** The children who took part and the items observed, as chosen on the page. */
  childIds: string[];
  itemIds: string[];
  /** The answers tapped, for chosen children and items only. */
  answers: { childId: string; itemId: string; status: ObservationStatus }[];
}): Promise<DeliveryResult> {
  if (date !== today) return { ok: false, error: 'notToday' };
  const db = getDb();
  const cell = await todayCell(db, { centerId, classroomId, today, blockId });
  if (!cell) return { ok: false, error: 'notFound' };
  if (!cell.activity_id) return { ok: false, error: 'noActivity' };
  const delivered = await db
    .selectFrom('plan_deliveries')
    .select('status')
    .where('center_id', '=', centerId)
    .where('plan_id', '=', cell.plan_id)
    .where('block_id', '=', blockId)
    .where('weekday', '=', cell.weekday)
    .executeTakeFirst();
  if (delivered?.status !== 'done') return { ok: false, error: 'notDone' };
  if (childIds.length === 0) return { ok: false, error: 'noChildren' };
  if (itemIds.length === 0) return { ok: false, error: 'noItems' };
  const chosen = (a: { childId: string; itemId: string }) => childIds.includes(a.childId) && itemIds.includes(a.itemId);
  if (!answers.every(chosen)) return { ok: false, error: 'noChildren' };
  const room = new Set(
    (await enrolledInClassroom(db, { centerId, classroomId }).select('id').execute()).map((c) => c.id),
  );
  if (childIds.some((id) => !room.has(id))) return { ok: false, error: 'childNotInRoom' };
  const items = new Set((await activityItems(db, { centerId, activityIds: [cell.activity_id] })).map((i) => i.id));
  if (itemIds.some((id) => !items.has(id))) return { ok: false, error: 'unknownItem' };
  if (answers.length === 0) return { ok: true };
  const written = await recordObservations({
    centerId,
    actorId,
    observedOn: today,
    entries: answers.map((a) => ({ ...a, note: null })),
  });
  return written === null ? { ok: false, error: 'childNotInRoom' } : { ok: true };
}

/** The children's words recorded on a plan's day, oldest first, with the children each names. */
async function wordsOf(db: Db, { centerId, planId, weekday }: { centerId: string; planId: string; weekday: Weekday }) {
  const rows = await db
    .selectFrom('plan_child_words')
    .select(['id', 'block_id', 'text', 'created_at'])
    .where('center_id', '=', centerId)
    .where('plan_id', '=', planId)
    .where('weekday', '=', weekday)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const named = rows.length
    ? await db
        .selectFrom('plan_child_word_children as n')
        .innerJoin('children as ch', (j) => j.onRef('ch.id', '=', 'n.child_id').on('ch.center_id', '=', centerId))
        .select(['n.word_id', 'ch.id', 'ch.full_name', 'ch.nickname'])
        .where('n.center_id', '=', centerId)
        .where(
          'n.word_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('ch.full_name')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    blockId: r.block_id,
    text: r.text,
    at: r.created_at,
    children: named.filter((n) => n.word_id === r.id).map((n) => ({ id: n.id, name: n.nickname ?? n.full_name })),
  }));
}

/**
 * Records the children's own ideas and words about today's delivered activity on a block: one
 * entry (the text as said), naming none, one or several children enrolled in the room. A child of
 * another room or center is refused as a whole; the families of the named children see the words
 * in that child's day (docs/decisions/0011). Audited as the plan, announced to the room's families.
 */
export async function recordWords({
  centerId,
  classroomId,
  today,
  date,
  blockId,
  actorId,
  text,
  childIds,
}: {
  centerId: string;
  classroomId: string;
  today: string;
  date: string;
  blockId: string;
  actorId: string;
  /** Checked by WordsSchema. */
  text: string;
  childIds: string[];
}): Promise<DeliveryResult> {
  if (date !== today) return { ok: false, error: 'notToday' };
  const named = [...new Set(childIds)];
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const cell = await todayCell(trx, { centerId, classroomId, today, blockId });
      if (!cell) return { ok: false as const, error: 'notFound' as const };
      const delivered = await trx
        .selectFrom('plan_deliveries')
        .select('status')
        .where('center_id', '=', centerId)
        .where('plan_id', '=', cell.plan_id)
        .where('block_id', '=', blockId)
        .where('weekday', '=', cell.weekday)
        .executeTakeFirst();
      if (delivered?.status !== 'done') return { ok: false as const, error: 'notDone' as const };
      const room = named.length
        ? new Set((await enrolledInClassroom(trx, { centerId, classroomId }).select('id').execute()).map((c) => c.id))
        : new Set<string>();
      if (named.some((id) => !room.has(id))) return { ok: false as const, error: 'childNotInRoom' as const };
      const id = newId();
      await trx
        .insertInto('plan_child_words')
        .values({
          id,
          center_id: centerId,
          plan_id: cell.plan_id,
          block_id: blockId,
          weekday: cell.weekday,
          text,
          recorded_by: actorId,
          created_at: nowIso(),
        })
        .execute();
      if (named.length)
        await trx
          .insertInto('plan_child_word_children')
          .values(named.map((childId) => ({ word_id: id, child_id: childId, center_id: centerId })))
          .execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'weekly_plan',
        entityId: cell.plan_id,
        before: null,
        after: { children_words: `${cell.weekday} ${blockId}: ${text}`, children_named: named.join(', ') },
      });
      await publish(trx, {
        topics: [familiesRoomTopic(classroomId), roomTopic(classroomId)],
        type: LIVE_TYPES.day,
        data: { date: today },
      });
      return { ok: true as const };
    });
}
