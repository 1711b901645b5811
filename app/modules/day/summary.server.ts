// The day's summary for a child's guardians, written to the outbox: at check-out, or at the
// center's daily summary time (a scheduled job) when the coordinator set one. The dedupe key makes
// it one email per guardian, child and day however often it is asked for.
import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { nowIso } from '~db/ids';
import type { DB } from '~db/schema';
import { formatLongDate } from '~/i18n/format';
import { translatorFor } from '~/i18n/catalogs.server';
import { recordChange } from '../audit/audit.server';
import { notify } from '../notifications/outbox.server';
import { dayTimeline } from './day.server';
import { summaryText } from './describe';

export const dailySummaryKey = (childId: string, date: string) => `daily_summary:${childId}:${date}`;

/** Writes the summary of a child's day for each of their guardians (once); returns how many rows. */
export async function queueDailySummary(
  trx: Kysely<DB>,
  {
    centerId,
    childId,
    date,
    unlessTimed = false,
  }: {
    centerId: string;
    childId: string;
    date: string;
    /** Nothing when the center sends its summaries at a set time (the check-out's case). */
    unlessTimed?: boolean;
  },
) {
  const child = await trx
    .selectFrom('children')
    .innerJoin('centers', 'centers.id', 'children.center_id')
    .select([
      'children.full_name',
      'children.nickname',
      'centers.name as centerName',
      'centers.time_zone',
      'centers.fever_threshold_tenths',
      'centers.daily_summary_time',
    ])
    .where('children.id', '=', childId)
    .where('children.center_id', '=', centerId)
    .executeTakeFirst();
  if (!child || (unlessTimed && child.daily_summary_time)) return 0;
  const guardians = await trx
    .selectFrom('guardians')
    .select('user_id')
    .where('child_id', '=', childId)
    .where('center_id', '=', centerId)
    .execute();
  if (guardians.length === 0) return 0;
  const items = await dayTimeline({
    center: { id: centerId, timeZone: child.time_zone, feverThresholdTenths: child.fever_threshold_tenths },
    childId,
    date,
    db: trx,
  });
  return notify(trx, {
    kind: 'daily_summary',
    centerId,
    to: guardians.map((g) => ({ userId: g.user_id })),
    dedupeKey: dailySummaryKey(childId, date),
    params: (language) => {
      const t = translatorFor(language);
      return {
        name: child.nickname ?? child.full_name,
        center: child.centerName,
        date: formatLongDate(date, language),
        summary: summaryText(items, t, language, child.time_zone),
      };
    },
  });
}

/** Called in the check-out's transaction: the summary goes now unless the center sends them at a set time. */
export async function queueDailySummaryAtCheckOut(
  trx: Kysely<DB>,
  ref: { centerId: string; childId: string; date: string },
) {
  return queueDailySummary(trx, { ...ref, unlessTimed: true });
}

/**
 * The scheduled job: in each center that sends summaries at a set time, once that local time has
 * come, the summary of every child who came today and has none yet. Returns how many rows it wrote.
 */
export async function sendDueDailySummaries(now = new Date()) {
  const db = getDb();
  const centers = await db
    .selectFrom('centers')
    .select(['id', 'time_zone', 'daily_summary_time'])
    .where('daily_summary_time', 'is not', null)
    .execute();
  let written = 0;
  for (const center of centers) {
    const local = DateTime.fromJSDate(now).setZone(center.time_zone);
    if (local.toFormat('HH:mm') < center.daily_summary_time!) continue;
    const date = local.toISODate()!;
    const children = await db
      .selectFrom('attendance')
      .select('child_id')
      .where('center_id', '=', center.id)
      .where('date', '=', date)
      .where('status', 'in', ['present', 'checked_out'])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('outbox')
              .select('outbox.id')
              .where('outbox.kind', '=', 'daily_summary')
              .where('outbox.center_id', '=', center.id)
              // The notice's key, then ':' and the recipient (outbox.server.ts).
              .where(
                'outbox.dedupe_key',
                'like',
                sql<string>`'daily_summary:' || attendance.child_id || ${`:${date}:%`}`,
              ),
          ),
        ),
      )
      .execute();
    for (const { child_id } of children)
      written += await db
        .transaction()
        .execute((trx) => queueDailySummary(trx, { centerId: center.id, childId: child_id, date }));
  }
  return written;
}

/** The coordinator sets when summaries go (null: at each child's check-out). */
export async function setDailySummaryTime({
  centerId,
  actorId,
  time,
}: {
  centerId: string;
  actorId: string;
  time: string | null;
}) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('centers')
        .select('daily_summary_time')
        .where('id', '=', centerId)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('centers')
        .set({ daily_summary_time: time, updated_at: nowIso() })
        .where('id', '=', centerId)
        .execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'center',
        entityId: centerId,
        before,
        after: { daily_summary_time: time },
      });
    });
}

/** The center's summary time, for the settings page. */
export async function dailySummaryTime(centerId: string) {
  const row = await getDb()
    .selectFrom('centers')
    .select('daily_summary_time')
    .where('id', '=', centerId)
    .executeTakeFirst();
  return row?.daily_summary_time ?? null;
}
