// A room's month as delivered, for the coverage report: the planned activities marked done in the
// month (each time counts), what they touched and missed, and the children's participation. Every
// query carries the center filter; another center's room is "not found".
import { getDb } from '~db/client.server';
import type { Lang } from '~/i18n/i18n';
import { LEARNING_ELEMENTS } from '../activities/activities';
import type { CenterConfig } from '../centers/context.server';
import { DOMAINS } from '../development/rules';
import { monthCoverage, monthDates } from './coverage';
import { dateOf } from './plans';
import { activityTags, roomNotYet, roomOf, withItemTexts } from './plans.server';

/**
 * The coverage of a room's month (YYYY-MM, checked by `monthProblem`), activity titles in `lang`
 * (else the language the activity has; a free-text cell by its text), or null for a room that is
 * not the center's.
 */
export async function roomMonthCoverage({
  center,
  classroomId,
  month,
  lang,
}: {
  center: CenterConfig;
  classroomId: string;
  month: string;
  lang: Lang;
}) {
  const db = getDb();
  const centerId = center.id;
  const room = await roomOf(db, { centerId, classroomId });
  if (!room) return null;
  const { first, last, firstWeek } = monthDates(month);
  const plans = await db
    .selectFrom('weekly_plans')
    .select(['id', 'week_start'])
    .where('center_id', '=', centerId)
    .where('classroom_id', '=', classroomId)
    .where('week_start', '>=', firstWeek)
    .where('week_start', '<=', last)
    .execute();
  const weekOf = new Map(plans.map((p) => [p.id, p.week_start]));
  const inMonth = (planId: string, weekday: string) => {
    const date = dateOf(weekOf.get(planId)!, weekday as Parameters<typeof dateOf>[1]);
    return date >= first && date <= last;
  };
  const planIds = plans.map((p) => p.id);
  const [deliveries, wordRows] = planIds.length
    ? await Promise.all([
        db
          .selectFrom('plan_deliveries as d')
          .leftJoin('weekly_plan_cells as c', (j) =>
            j
              .onRef('c.plan_id', '=', 'd.plan_id')
              .onRef('c.block_id', '=', 'd.block_id')
              .onRef('c.weekday', '=', 'd.weekday'),
          )
          .leftJoin('activity_texts as mine', (j) =>
            j.onRef('mine.activity_id', '=', 'd.activity_id').on('mine.language', '=', lang),
          )
          .leftJoin('activity_texts as other', (j) =>
            j.onRef('other.activity_id', '=', 'd.activity_id').on('other.language', '!=', lang),
          )
          .select(['d.id', 'd.plan_id', 'd.weekday', 'd.activity_id', 'c.note', 'c.children_choice'])
          .select((eb) => eb.fn.coalesce('mine.title', 'other.title').as('title'))
          .where('d.center_id', '=', centerId)
          .where('d.plan_id', 'in', planIds)
          .where('d.status', '=', 'done')
          .execute(),
        db
          .selectFrom('plan_child_words as w')
          .leftJoin('plan_deliveries as d', (j) =>
            j
              .onRef('d.plan_id', '=', 'w.plan_id')
              .onRef('d.block_id', '=', 'w.block_id')
              .onRef('d.weekday', '=', 'w.weekday'),
          )
          .leftJoin('activity_texts as mine', (j) =>
            j.onRef('mine.activity_id', '=', 'd.activity_id').on('mine.language', '=', lang),
          )
          .leftJoin('activity_texts as other', (j) =>
            j.onRef('other.activity_id', '=', 'd.activity_id').on('other.language', '!=', lang),
          )
          .select(['w.id', 'w.plan_id', 'w.weekday', 'w.text', 'w.created_at'])
          .select((eb) => eb.fn.coalesce('mine.title', 'other.title').as('title'))
          .where('w.center_id', '=', centerId)
          .where('w.plan_id', 'in', planIds)
          .orderBy('w.created_at')
          .orderBy('w.id')
          .execute(),
      ])
    : [[], []];
  // One row per delivery and per entry of words (two "other" languages cannot exist; keep one whatever happens).
  const done = [...new Map(deliveries.map((d) => [d.id, d])).values()].filter((d) => inMonth(d.plan_id, d.weekday));
  const words = [...new Map(wordRows.map((w) => [w.id, w])).values()].filter((w) => inMonth(w.plan_id, w.weekday));
  const [tags, { children, notYet }, named] = await Promise.all([
    activityTags(db, { centerId, activityIds: done.flatMap((d) => d.activity_id ?? []) }),
    roomNotYet(db, { centerId, classroomId }),
    words.length
      ? db
          .selectFrom('plan_child_word_children as n')
          .innerJoin('children as ch', (j) => j.onRef('ch.id', '=', 'n.child_id').on('ch.center_id', '=', centerId))
          .select(['n.word_id', 'ch.full_name', 'ch.nickname'])
          .where('n.center_id', '=', centerId)
          .where(
            'n.word_id',
            'in',
            words.map((w) => w.id),
          )
          .orderBy('ch.full_name')
          .execute()
      : [],
  ]);
  const figures = monthCoverage({
    done: done.map((d) => ({
      activityId: d.activity_id,
      title: d.title ?? d.note ?? '',
      childrenChoice: d.children_choice === 1,
      elements: d.activity_id ? tags.elementsOf(d.activity_id) : [],
      items: d.activity_id ? tags.itemsOf(d.activity_id) : [],
    })),
    elements: LEARNING_ELEMENTS,
    domains: DOMAINS,
    notYet,
    children,
    words: words.length,
  });
  return {
    classroom: room,
    month,
    ...figures,
    unsupported: await withItemTexts(db, { centerId, unsupported: figures.unsupported }),
    wordEntries: words.map((w) => ({
      id: w.id,
      date: dateOf(weekOf.get(w.plan_id)!, w.weekday),
      activity: w.title,
      text: w.text,
      children: named.filter((n) => n.word_id === w.id).map((n) => n.nickname ?? n.full_name),
    })),
  };
}
