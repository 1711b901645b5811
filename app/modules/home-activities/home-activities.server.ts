// Activities to try at home (issue 12, suggestions): for a child with "not yet" items, the library's
// activities that support them (the shared library and the child's center's own, never another
// center's; suited to the child's age), and the one a teacher sends to the family, who say when
// they tried it. Every query carries the center filter, or for a family the guardian link.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB, Domain } from '~db/schema';
import type { Lang } from '~/i18n/i18n';
import { recordChange } from '../audit/audit.server';
import { milestoneAgeMonths } from '../development/rules';
import { publish } from '../live/bus.server';
import { childChangeTopics, LIVE_TYPES } from '../live/topics';
import { publicUrl } from '../notifications/mail-config.server';
import { notify } from '../notifications/outbox.server';
import { textFor } from '../activities/activities';
import { openItems, rankSuggestions, SUGGESTIONS_MAX } from './home-activities';

export type HomeActivityError = 'notFound' | 'unknownActivity';
export type HomeActivityResult<T = object> = ({ ok: true } & T) | { ok: false; error: HomeActivityError };

type Db = Kysely<DB>;

/** The items whose latest answer (in this center) is "not yet", for one child. */
async function notYetItems(db: Db, { centerId, childId }: { centerId: string; childId: string }) {
  const answers = await db
    .selectFrom('milestone_observations as o')
    .innerJoin('milestone_items as i', 'i.id', 'o.item_id')
    .select(['o.item_id', 'o.status'])
    .where('o.center_id', '=', centerId)
    .where('o.child_id', '=', childId)
    .where((eb) => eb.or([eb('i.center_id', 'is', null), eb('i.center_id', '=', centerId)]))
    .orderBy('o.observed_on')
    .orderBy('o.created_at')
    .execute();
  return openItems(answers);
}

export type Suggestion = {
  id: string;
  title: string;
  own: boolean;
  minAgeMonths: number;
  maxAgeMonths: number;
  durationMinutes: number;
  items: { id: string; domain: Domain; text_id: string; text_en: string }[];
};

/**
 * Suggestions for a child of the center: activities the center can see (shared and its own), for
 * the child's age (corrected, as the checklist's), that support the child's "not yet" items; those
 * supporting the most open items first. Null when the child is not the center's.
 */
export async function suggestionsFor({
  centerId,
  childId,
  today,
  lang,
  limit = SUGGESTIONS_MAX,
}: {
  centerId: string;
  childId: string;
  today: string;
  lang: Lang;
  limit?: number;
}): Promise<Suggestion[] | null> {
  const db = getDb();
  const child = await db
    .selectFrom('children')
    .select(['birth_date', 'gestation_weeks'])
    .where('id', '=', childId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!child) return null;
  const open = await notYetItems(db, { centerId, childId });
  if (open.length === 0) return [];
  const age = milestoneAgeMonths(child.birth_date, today, child.gestation_weeks).months;
  const rows = await db
    .selectFrom('activity_milestones as m')
    .innerJoin('activities as a', 'a.id', 'm.activity_id')
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
      'm.item_id',
      (eb) => eb.fn.coalesce('mine.title', 'other.title').as('title'),
    ])
    .where((eb) => eb.or([eb('a.center_id', 'is', null), eb('a.center_id', '=', centerId)]))
    .where('a.min_age_months', '<=', age)
    .where('a.max_age_months', '>=', age)
    .where('m.item_id', 'in', open)
    .execute();
  const activities = [...new Map(rows.map((r) => [r.id, r])).values()].map((r) => ({
    id: r.id,
    title: r.title ?? '',
    own: r.center_id !== null,
    minAgeMonths: r.min_age_months,
    maxAgeMonths: r.max_age_months,
    durationMinutes: r.duration_minutes,
  }));
  const ranked = rankSuggestions({
    activities,
    links: rows.map((r) => ({ activityId: r.id, itemId: r.item_id })),
    limit,
  });
  const itemIds = [...new Set(ranked.flatMap((r) => r.itemIds))];
  const items = itemIds.length
    ? await db
        .selectFrom('milestone_items')
        .select(['id', 'age_months', 'domain', 'text_id', 'text_en'])
        .where('id', 'in', itemIds)
        .orderBy('age_months')
        .orderBy('id')
        .execute()
    : [];
  return ranked.map(({ itemIds: ids, ...a }) => ({
    ...a,
    items: items.filter((i) => ids.includes(i.id)).map(({ age_months: _, ...i }) => i),
  }));
}

/** An activity's words in every language it has. */
const textsOf = (db: Db, activityIds: string[]) =>
  activityIds.length
    ? db
        .selectFrom('activity_texts')
        .select(['activity_id', 'language', 'title', 'goal', 'steps', 'materials', 'safety_notes'])
        .where('activity_id', 'in', activityIds)
        .orderBy('language', 'desc')
        .execute()
    : Promise.resolve([]);

/**
 * Sends an activity the center can see to the child's family, to try at home, with the teacher's
 * note: audited, the guardians told by email (in each one's language) and their open pages live.
 * The same activity sent to the same child twice on one day (a double tap, a retry) lands once.
 */
export async function sendHome({
  centerId,
  childId,
  activityId,
  note,
  actorId,
  today,
  at = new Date(),
}: {
  centerId: string;
  childId: string;
  activityId: string;
  note: string;
  actorId: string;
  today: string;
  /** When it was sent (the demo seed writes earlier days); default now. */
  at?: Date;
}): Promise<HomeActivityResult<{ id: string }>> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const child = await trx
        .selectFrom('children')
        .innerJoin('centers', 'centers.id', 'children.center_id')
        .select(['children.id', 'children.full_name', 'children.nickname', 'children.classroom_id', 'centers.name'])
        .where('children.id', '=', childId)
        .where('children.center_id', '=', centerId)
        .executeTakeFirst();
      if (!child) return { ok: false as const, error: 'notFound' as const };
      const activity = await trx
        .selectFrom('activities')
        .select('id')
        .where('id', '=', activityId)
        .where((eb) => eb.or([eb('center_id', 'is', null), eb('center_id', '=', centerId)]))
        .executeTakeFirst();
      if (!activity) return { ok: false as const, error: 'unknownActivity' as const };
      const row = {
        id: newId(),
        center_id: centerId,
        child_id: childId,
        activity_id: activityId,
        note,
        sent_by: actorId,
        sent_on: today,
        sent_at: at.toISOString(),
        tried_at: null,
        tried_by: null,
        tried_comment: '',
      };
      const inserted = await trx
        .insertInto('home_activities')
        .values(row)
        .onConflict((oc) => oc.columns(['child_id', 'activity_id', 'sent_on']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
        const existing = await trx
          .selectFrom('home_activities')
          .select('id')
          .where('center_id', '=', centerId)
          .where('child_id', '=', childId)
          .where('activity_id', '=', activityId)
          .where('sent_on', '=', today)
          .executeTakeFirstOrThrow();
        return { ok: true as const, id: existing.id };
      }
      const texts = await textsOf(trx, [activityId]);
      const teacher = await trx.selectFrom('users').select('name').where('id', '=', actorId).executeTakeFirst();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'home_activity',
        entityId: row.id,
        after: { ...row, title: textFor(texts, 'id')?.title ?? '' },
      });
      const guardians = await trx
        .selectFrom('guardians')
        .select('user_id')
        .where('child_id', '=', childId)
        .where('center_id', '=', centerId)
        .execute();
      const name = child.nickname ?? child.full_name;
      await notify(trx, {
        kind: 'home_activity',
        centerId,
        to: guardians.map((g) => ({ userId: g.user_id })),
        params: (lng) => ({
          child: name,
          center: child.name,
          teacher: teacher?.name ?? child.name,
          title: textFor(texts, lng)?.title ?? '',
          note: note ? `"${note}"` : '',
          link: publicUrl(`/family/children/${childId}/development`),
        }),
        dedupeKey: `home_activity:${row.id}`,
        at,
      });
      await publish(trx, {
        topics: childChangeTopics({ childId, classroomId: child.classroom_id, centerId }),
        type: LIVE_TYPES.homeActivity,
        data: { childId },
      });
      return { ok: true as const, id: row.id };
    });
}

/** What was sent home for a child of the center, newest first, with whether the family tried it. */
export async function homeActivitiesForStaff({
  centerId,
  childId,
  lang,
}: {
  centerId: string;
  childId: string;
  lang: Lang;
}) {
  const db = getDb();
  const rows = await db
    .selectFrom('home_activities as h')
    .innerJoin('users as s', 's.id', 'h.sent_by')
    .leftJoin('users as g', 'g.id', 'h.tried_by')
    .select([
      'h.id',
      'h.activity_id',
      'h.note',
      'h.sent_on',
      'h.sent_at',
      'h.tried_at',
      'h.tried_comment',
      's.name as sent_by_name',
      'g.name as tried_by_name',
    ])
    .where('h.center_id', '=', centerId)
    .where('h.child_id', '=', childId)
    .orderBy('h.sent_at', 'desc')
    .orderBy('h.id')
    .execute();
  const texts = await textsOf(db, [...new Set(rows.map((r) => r.activity_id))]);
  return rows.map((r) => ({
    ...r,
    title: textFor(
      texts.filter((t) => t.activity_id === r.activity_id),
      lang,
    )?.title,
  }));
}

/**
 * What the child's teachers sent home, for one of the child's guardians (the link is in the query:
 * anyone else gets nothing), in the reader's language, else the language the activity has.
 */
export async function homeActivitiesForFamily({
  childId,
  userId,
  lang,
}: {
  childId: string;
  userId: string;
  lang: Lang;
}) {
  const db = getDb();
  const rows = await db
    .selectFrom('home_activities as h')
    .innerJoin('guardians as link', (j) =>
      j
        .onRef('link.child_id', '=', 'h.child_id')
        .onRef('link.center_id', '=', 'h.center_id')
        .on('link.user_id', '=', userId),
    )
    .innerJoin('users as s', 's.id', 'h.sent_by')
    .select([
      'h.id',
      'h.activity_id',
      'h.note',
      'h.sent_on',
      'h.sent_at',
      'h.tried_at',
      'h.tried_comment',
      's.name as sent_by_name',
    ])
    .where('h.child_id', '=', childId)
    .orderBy('h.sent_at', 'desc')
    .orderBy('h.id')
    .execute();
  const texts = await textsOf(db, [...new Set(rows.map((r) => r.activity_id))]);
  return rows.map((r) => {
    const text = textFor(
      texts.filter((t) => t.activity_id === r.activity_id),
      lang,
    );
    return {
      ...r,
      // The language the words are in, when it is not the reader's (the page says so).
      language: text && text.language !== lang ? text.language : null,
      title: text?.title ?? '',
      goal: text?.goal ?? '',
      steps: text?.steps ?? '',
      materials: text?.materials ?? '',
      safetyNotes: text?.safety_notes ?? '',
    };
  });
}

/**
 * A guardian says the family tried an activity sent home (again: the comment is updated, the first
 * time kept). Only a guardian of the child; anything else is 'notFound'. Audited; the room's staff
 * and the family's open pages see it.
 */
export async function markTried({
  childId,
  homeActivityId,
  userId,
  comment,
}: {
  childId: string;
  homeActivityId: string;
  userId: string;
  comment: string;
}): Promise<HomeActivityResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom('home_activities as h')
        .innerJoin('guardians as link', (j) =>
          j
            .onRef('link.child_id', '=', 'h.child_id')
            .onRef('link.center_id', '=', 'h.center_id')
            .on('link.user_id', '=', userId),
        )
        .innerJoin('children as c', 'c.id', 'h.child_id')
        .select(['h.id', 'h.center_id', 'h.child_id', 'c.classroom_id', 'h.tried_at', 'h.tried_by', 'h.tried_comment'])
        .where('h.id', '=', homeActivityId)
        .where('h.child_id', '=', childId)
        .executeTakeFirst();
      if (!row) return { ok: false as const, error: 'notFound' as const };
      const before = {
        child_id: row.child_id,
        tried_at: row.tried_at,
        tried_by: row.tried_by,
        tried_comment: row.tried_comment,
      };
      const after = {
        child_id: row.child_id,
        tried_at: row.tried_at ?? nowIso(),
        tried_by: row.tried_by ?? userId,
        tried_comment: comment,
      };
      await trx
        .updateTable('home_activities')
        .set({ tried_at: after.tried_at, tried_by: after.tried_by, tried_comment: after.tried_comment })
        .where('id', '=', row.id)
        .where('center_id', '=', row.center_id)
        .execute();
      await recordChange(trx, {
        actorId: userId,
        centerId: row.center_id,
        entity: 'home_activity',
        entityId: row.id,
        before,
        after,
      });
      await publish(trx, {
        topics: childChangeTopics({ childId: row.child_id, classroomId: row.classroom_id, centerId: row.center_id }),
        type: LIVE_TYPES.homeActivity,
        data: { childId: row.child_id },
      });
      return { ok: true as const };
    });
}

/** For a guardian's home page: the activities sent home not tried yet, per child (their titles). */
export async function homeActivitiesToTry({ userId, lang }: { userId: string; lang: Lang }) {
  const db = getDb();
  const rows = await db
    .selectFrom('home_activities as h')
    .innerJoin('guardians as link', (j) =>
      j
        .onRef('link.child_id', '=', 'h.child_id')
        .onRef('link.center_id', '=', 'h.center_id')
        .on('link.user_id', '=', userId),
    )
    .select(['h.id', 'h.child_id', 'h.activity_id'])
    .where('h.tried_at', 'is', null)
    .orderBy('h.sent_at', 'desc')
    .orderBy('h.id')
    .execute();
  const texts = await textsOf(db, [...new Set(rows.map((r) => r.activity_id))]);
  const byChild: Record<string, { id: string; title: string }[]> = {};
  for (const r of rows) {
    const title = textFor(
      texts.filter((t) => t.activity_id === r.activity_id),
      lang,
    )?.title;
    (byChild[r.child_id] ??= []).push({ id: r.id, title: title ?? '' });
  }
  return byChild;
}
