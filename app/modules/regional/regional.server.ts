// Regional oversight (issue 13): a regional person reads, for every center in their regions,
// figures that count and never name. What they may read is decided here from their active
// regional roles; the figures come from the roll-ups (rollups.server.ts), and the few live counts
// (open concerns, licences, staff checks) from aggregates that never select a record's content.
import { DateTime } from 'luxon';
import { lapsedChecks } from '../safeguarding/checks';
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import type { DB } from '~db/schema';
import { recordAccess } from '../audit/audit.server';
import type { AuditEntity } from '../audit/audit';
import { localDate } from '../time/time';
import {
  concernLevel,
  EMPTY_CONCERNS,
  EMPTY_MONTH,
  regionTable,
  type ConcernCounts,
  type MonthCounts,
} from './figures';

export type Region = { province: string; city: string | null };

/** The regions a person oversees now (empty for everyone else). */
export async function regionsOf(userId: string, db: Kysely<DB> = getDb()): Promise<Region[]> {
  return db
    .selectFrom('regional_roles')
    .select(['province', 'city'])
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .orderBy('province')
    .orderBy('city')
    .execute();
}

/**
 * A regional person asking for something of a center they are not staff of (a child, a concern,
 * an incident, a center page) is answered 404 like anyone, and the attempt is recorded as refused,
 * under the record's own center when it exists so its coordinator sees it. Others are not recorded
 * here. Called by requireUser on its refusals.
 */
export async function recordRegionalRefusal({
  userId,
  entity,
  entityId,
  centerId,
  childId = null,
}: {
  userId: string;
  entity: AuditEntity;
  entityId: string;
  centerId: string | null;
  childId?: string | null;
}) {
  const db = getDb();
  const regional = await db
    .selectFrom('regional_roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (!regional) return;
  const center = centerId
    ? await db.selectFrom('centers').select('id').where('id', '=', centerId).executeTakeFirst()
    : undefined;
  await recordAccess(db, {
    actorId: userId,
    centerId: center?.id ?? null,
    entity,
    entityId: entityId.slice(0, 100),
    action: 'refused',
    childId,
  });
}

/** The centers in any of the regions, by province, city and name: ids, names and places only. */
export async function centersIn(regions: Region[], db: Kysely<DB> = getDb()) {
  if (regions.length === 0) return [];
  return db
    .selectFrom('centers')
    .select(['id', 'name', 'kind', 'province', 'city', 'capacity', 'time_zone'])
    .where((eb) =>
      eb.or(
        regions.map((r) =>
          r.city === null
            ? eb('province', '=', r.province)
            : eb.and([eb('province', '=', r.province), eb('city', '=', r.city)]),
        ),
      ),
    )
    .orderBy('province')
    .orderBy('city')
    .orderBy('name')
    .execute();
}

export type RegionalCenter = Awaited<ReturnType<typeof centersIn>>[number];

/** One center of the person's regions, or undefined (then: 404 and a refused entry). */
export async function regionalCenter({ userId, centerId }: { userId: string; centerId: string }) {
  const centers = await centersIn(await regionsOf(userId));
  return centers.find((c) => c.id === centerId);
}

/**
 * Staff (active memberships) of each center, and how many of them have a lapsed required check:
 * the safeguarding module's rule (lapsedChecks), over many centers in two queries.
 */
export async function staffCheckStatus(db: Kysely<DB>, { centerIds, today }: { centerIds: string[]; today: string }) {
  const out = new Map<string, { staff: number; lapsed: number }>();
  if (centerIds.length === 0) return out;
  const [staff, checks] = await Promise.all([
    db
      .selectFrom('memberships')
      .select(['center_id', 'user_id'])
      .distinct()
      .where('center_id', 'in', centerIds)
      .where('suspended_at', 'is', null)
      .execute(),
    db
      .selectFrom('staff_checks')
      .select(['center_id', 'user_id', 'kind', 'issued_on', 'expires_on', 'created_at'])
      .where('center_id', 'in', centerIds)
      .execute(),
  ]);
  const byPerson = new Map<string, typeof checks>();
  for (const c of checks) {
    const key = `${c.center_id} ${c.user_id}`;
    byPerson.set(key, [...(byPerson.get(key) ?? []), c]);
  }
  for (const id of centerIds) out.set(id, { staff: 0, lapsed: 0 });
  for (const s of staff) {
    const row = out.get(s.center_id)!;
    row.staff++;
    if (lapsedChecks(byPerson.get(`${s.center_id} ${s.user_id}`) ?? [], today).length > 0) row.lapsed++;
  }
  return out;
}

export type LicenceStatus = { status: 'valid' | 'expired' | 'missing'; expiresOn: string | null };

async function licenceStatus(db: Kysely<DB>, { centerIds, today }: { centerIds: string[]; today: string }) {
  const rows = centerIds.length
    ? await db
        .selectFrom('center_licences')
        .select(['center_id', 'expires_on'])
        .where('center_id', 'in', centerIds)
        .where('kind', '=', 'operating_licence')
        .execute()
    : [];
  const out = new Map<string, LicenceStatus>();
  for (const id of centerIds) {
    const mine = rows.filter((r) => r.center_id === id);
    const valid = mine.filter((r) => r.expires_on === null || r.expires_on >= today);
    // The licence that lasts longest: one without an expiry, else the latest expiry.
    const latest = (list: typeof mine) =>
      list.reduce((best, r) =>
        best.expires_on === null || (r.expires_on !== null && best.expires_on >= r.expires_on) ? best : r,
      );
    if (valid.length) out.set(id, { status: 'valid', expiresOn: latest(valid).expires_on });
    else if (mine.length) out.set(id, { status: 'expired', expiresOn: latest(mine).expires_on });
    else out.set(id, { status: 'missing', expiresOn: null });
  }
  return out;
}

/** Open welfare concerns per center: a count per risk level and the age in days of the oldest; never a row. */
async function openConcerns(db: Kysely<DB>, { centerIds, now }: { centerIds: string[]; now: Date }) {
  const rows = centerIds.length
    ? await db
        .selectFrom('welfare_concerns')
        .select((eb) => [
          'center_id',
          'risk_level',
          eb.fn.countAll<number>().as('n'),
          eb.fn.min('raised_at').as('oldest'),
        ])
        .where('center_id', 'in', centerIds)
        .where('status', '=', 'open')
        .groupBy(['center_id', 'risk_level'])
        .execute()
    : [];
  const out = new Map<string, ConcernCounts>();
  for (const r of rows) {
    const c = out.get(r.center_id) ?? { byLevel: { ...EMPTY_CONCERNS.byLevel }, oldestDays: null };
    c.byLevel[concernLevel(r.risk_level)] += Number(r.n);
    const days = Math.floor((now.getTime() - Date.parse(String(r.oldest))) / 86_400_000);
    c.oldestDays = Math.max(c.oldestDays ?? 0, days);
    out.set(r.center_id, c);
  }
  return out;
}

const MONTH_COLUMNS = [
  'center_id',
  'month',
  'enrolled',
  'expected',
  'present',
  'incidents',
  'measured',
  'haz_n',
  'stunted',
  'whz_n',
  'wasted',
  'waz_n',
  'underweight',
  'milestone_covered',
  'kpsp_covered',
] as const;

const toCounts = (r: Record<(typeof MONTH_COLUMNS)[number], string | number>): MonthCounts =>
  Object.fromEntries(Object.keys(EMPTY_MONTH).map((k) => [k, Number(r[k as keyof MonthCounts])])) as MonthCounts;

/** The month the pages open on: the one holding the latest rolled-up day (yesterday) in the region's zone. */
export const currentMonth = (now = new Date()) =>
  DateTime.fromISO(localDate('Asia/Jakarta', now)).minus({ days: 1 }).toFormat('yyyy-MM');

/** A regional person's overview for a month: each center of their regions with its counts. */
export async function regionalOverview({
  userId,
  month,
  now = new Date(),
}: {
  userId: string;
  month: string;
  now?: Date;
}) {
  const db = getDb();
  const regions = await regionsOf(userId, db);
  const centers = await centersIn(regions, db);
  const centerIds = centers.map((c) => c.id);
  const today = localDate('Asia/Jakarta', now);
  const [months, concerns, licences, staff] = await Promise.all([
    centerIds.length
      ? db
          .selectFrom('center_month_figures')
          .select(MONTH_COLUMNS)
          .where('center_id', 'in', centerIds)
          .where('month', '=', month)
          .execute()
      : [],
    openConcerns(db, { centerIds, now }),
    licenceStatus(db, { centerIds, today }),
    staffCheckStatus(db, { centerIds, today }),
  ]);
  const byCenter = new Map(months.map((m) => [m.center_id, toCounts(m)]));
  return {
    regions,
    month,
    centers: centers.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      province: c.province,
      city: c.city,
      capacity: c.capacity,
      month: byCenter.get(c.id) ?? EMPTY_MONTH,
      concerns: concerns.get(c.id) ?? EMPTY_CONCERNS,
      licence: licences.get(c.id)!,
      staff: staff.get(c.id)!,
    })),
  };
}

/** The last `count` months to `month`, oldest first. */
export const monthsTo = (month: string, count: number) =>
  Array.from({ length: count }, (_, i) =>
    DateTime.fromISO(`${month}-01`)
      .minus({ months: count - 1 - i })
      .toFormat('yyyy-MM'),
  );

/** Counts by month for some centers (each month summed over them): the region's, or one center's. */
export async function monthlyCounts({ centerIds, months }: { centerIds: string[]; months: string[] }) {
  const rows = centerIds.length
    ? await getDb()
        .selectFrom('center_month_figures')
        .select(MONTH_COLUMNS)
        .where('center_id', 'in', centerIds)
        .where('month', '>=', months[0])
        .where('month', '<=', months[months.length - 1])
        .execute()
    : [];
  return months.map((month) => ({
    month,
    centers: rows.filter((r) => r.month === month).map((r) => ({ centerId: r.center_id, counts: toCounts(r) })),
  }));
}

/** `?month=YYYY-MM` when it is a month up to the current one, else the current month. */
export function monthParam(request: Request, now = new Date()) {
  const current = currentMonth(now);
  const asked = new URL(request.url).searchParams.get('month') ?? '';
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) && asked <= current && asked >= '2000-01' ? asked : current;
}

const centerInfo = (c: Pick<RegionalCenter, 'id' | 'name' | 'kind' | 'province' | 'city' | 'capacity'>) => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  province: c.province,
  city: c.city,
  capacity: c.capacity,
});

/**
 * The overview page's data: each center's figures (never its raw counts, which would undo the
 * suppression) with the region's, for one month; concerns, licences and staff checks as of now.
 */
export async function regionalOverviewPage({
  userId,
  month,
  now = new Date(),
}: {
  userId: string;
  month: string;
  now?: Date;
}) {
  const overview = await regionalOverview({ userId, month, now });
  const { rows, total } = regionTable(overview.centers);
  return {
    regions: overview.regions,
    month,
    centers: rows.map((r) => ({
      ...centerInfo(r),
      figures: r.figures,
      concerns: r.concernFigures,
      licence: r.licence,
      staff: r.staff,
    })),
    total: { figures: total.figures, concerns: total.concernFigures },
  };
}

/** The last `count` months to `month`: the region's figures and each center's, suppressed as in each month's table. */
export async function regionalMonths({ userId, month, count = 12 }: { userId: string; month: string; count?: number }) {
  const centers = await centersIn(await regionsOf(userId));
  const months = monthsTo(month, count);
  const counts = await monthlyCounts({ centerIds: centers.map((c) => c.id), months });
  return {
    centers: centers.map(centerInfo),
    months: counts.map((m) => {
      const byCenter = new Map(m.centers.map((c) => [c.centerId, c.counts]));
      const table = regionTable(
        centers.map((c) => ({ id: c.id, month: byCenter.get(c.id) ?? EMPTY_MONTH, concerns: EMPTY_CONCERNS })),
      );
      return {
        month: m.month,
        total: table.total.figures,
        centers: table.rows.map((r) => ({ id: r.id, figures: r.figures })),
      };
    }),
  };
}

/** One center's page for a visit, when it is in the person's regions: its row of the region's tables. */
export async function centerVisit({
  userId,
  centerId,
  month,
  now = new Date(),
}: {
  userId: string;
  centerId: string;
  month: string;
  now?: Date;
}) {
  const overview = await regionalOverviewPage({ userId, month, now });
  const current = overview.centers.find((c) => c.id === centerId);
  if (!current) return null;
  const history = await regionalMonths({ userId, month });
  return {
    month,
    center: current,
    months: history.months.map((m) => ({ month: m.month, figures: m.centers.find((c) => c.id === centerId)!.figures })),
  };
}

/** Who oversees a center's region (the whole province, or its city/regency): for its coordinator's settings page. */
export async function regionalViewersOf(center: { province: string; city: string }) {
  return getDb()
    .selectFrom('regional_roles')
    .innerJoin('users', 'users.id', 'regional_roles.user_id')
    .select([
      'users.name',
      'users.email',
      'regional_roles.province',
      'regional_roles.city',
      'regional_roles.created_at',
    ])
    .where('regional_roles.ended_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .where('regional_roles.province', '=', center.province)
    .where((eb) => eb.or([eb('regional_roles.city', 'is', null), eb('regional_roles.city', '=', center.city)]))
    .orderBy('users.name')
    .orderBy('regional_roles.city')
    .execute();
}
