// The daily roll-ups behind the regional pages (issue 13), kept by the `regional-rollups` job so
// that a regional overview reads one row per center and month, never the attendance history.
// A day's row counts a center's children enrolled and expected by their schedule, the child-days
// present and the incidents; a month's row sums its days and adds growth (WHO z-scores through
// the growth module) and screening coverage. The job is incremental: each run recomputes the
// centers' yesterday and every day whose attendance or incidents changed since the last run
// (by updated_at), and the months those days, and any measurement, milestone answer or KPSP
// screening recorded since, fall in. The first run computes the whole history. Every row is an
// upsert of values computed from the source rows, so a run repeated, or two at once, land the same.
import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import type { DB } from '~db/schema';
import { classify, computeZScores } from '../growth/who-standards.server';
import { scheduleDaysColumn } from '../json-columns';
import { EMPTY_MONTH } from './figures';
import { localDate, weekdayOf, type Weekday } from '../time/time';

const STATE_KEY = 'regional-rollups';
/** Changes committed a little after they were stamped are still seen by the next run. */
const WATERMARK_SLACK_MS = 5 * 60_000;
const MILESTONE_WINDOW_MONTHS = 3;
const KPSP_WINDOW_MONTHS = 6;

type ChildRow = {
  id: string;
  center_id: string;
  sex: 'female' | 'male';
  birth_date: string;
  schedule_days: Weekday[];
  start: string;
  withdrawn_on: string | null;
};

/** Enrolled on a day: started, and not withdrawn before it (the withdrawal day still counts). */
export const enrolledOn = (c: Pick<ChildRow, 'start' | 'withdrawn_on'>, date: string) =>
  c.start <= date && (!c.withdrawn_on || date <= c.withdrawn_on);

const monthOf = (date: string) => date.slice(0, 7);
const monthEnd = (month: string) => DateTime.fromISO(`${month}-01`).endOf('month').toISODate()!;
const addDays = (date: string, n: number) => DateTime.fromISO(date).plus({ days: n }).toISODate()!;
const addMonths = (month: string, n: number) => DateTime.fromISO(`${month}-01`).plus({ months: n }).toFormat('yyyy-MM');

function daysBetween(from: string, to: string) {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

function chunks<T>(items: T[], size: number) {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function loadChildren(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('children')
    .select([
      'id',
      'center_id',
      'sex',
      'birth_date',
      'schedule_days',
      'start_date',
      'created_at',
      'status',
      'withdrawn_on',
      'updated_at',
    ])
    .execute();
  return rows.map((r): ChildRow => ({
    id: r.id,
    center_id: r.center_id,
    sex: r.sex,
    birth_date: r.birth_date,
    schedule_days: scheduleDaysColumn.parse(r.schedule_days),
    start: r.start_date ?? r.created_at.slice(0, 10),
    // A withdrawn child without a date left when the record last changed.
    withdrawn_on: r.withdrawn_on ?? (r.status === 'withdrawn' ? r.updated_at.slice(0, 10) : null),
  }));
}

/** The days and months a run recomputes. */
async function dirtyDays(db: Kysely<DB>, since: string | null, lastDay: string, children: ChildRow[]) {
  if (since === null) {
    const first = await db
      .selectFrom('attendance')
      .select((eb) => eb.fn.min('date').as('first'))
      .executeTakeFirst();
    const starts = children.map((c) => c.start).sort();
    const from = [first?.first ?? lastDay, starts[0] ?? lastDay].sort()[0];
    return { days: from <= lastDay ? daysBetween(from, lastDay) : [], months: new Set<string>() };
  }
  const [attendance, incidents, measured, observed, screened, childrenChanged] = await Promise.all([
    db.selectFrom('attendance').select('date').distinct().where('updated_at', '>=', since).execute(),
    db.selectFrom('incidents').select('date').distinct().where('updated_at', '>=', since).execute(),
    db.selectFrom('measurements').select('measured_on as date').distinct().where('created_at', '>=', since).execute(),
    db
      .selectFrom('milestone_observations')
      .select('observed_on as date')
      .distinct()
      .where('created_at', '>=', since)
      .execute(),
    db
      .selectFrom('kpsp_screenings')
      .select('screened_on as date')
      .distinct()
      .where('created_at', '>=', since)
      .execute(),
    db.selectFrom('children').select('id').where('updated_at', '>=', since).limit(1).execute(),
  ]);
  const days = new Set<string>([lastDay, ...attendance.map((r) => r.date), ...incidents.map((r) => r.date)]);
  // A child enrolled, withdrawn or rescheduled changes the counts of this month and the last.
  if (childrenChanged.length > 0)
    for (const d of daysBetween(`${addMonths(monthOf(lastDay), -1)}-01`, lastDay)) days.add(d);
  const months = new Set<string>();
  for (const r of measured) months.add(monthOf(r.date));
  // A milestone answer or a screening counts toward the coverage of the months whose window holds it.
  for (const [rows, window] of [
    [observed, MILESTONE_WINDOW_MONTHS],
    [screened, KPSP_WINDOW_MONTHS],
  ] as const)
    for (const r of rows) for (let i = 0; i < window; i++) months.add(addMonths(monthOf(r.date), i));
  return { days: [...days].filter((d) => d <= lastDay).sort(), months };
}

type DayRow = {
  center_id: string;
  date: string;
  enrolled: number;
  expected: number;
  present: number;
  incidents: number;
};

async function computeDays(
  db: Kysely<DB>,
  days: string[],
  centers: { id: string; lastDay: string }[],
  children: ChildRow[],
): Promise<DayRow[]> {
  const byCenter = new Map<string, ChildRow[]>();
  for (const c of children) {
    const list = byCenter.get(c.center_id);
    if (list) list.push(c);
    else byCenter.set(c.center_id, [c]);
  }
  const rows: DayRow[] = [];
  for (const dayChunk of chunks(days, 62)) {
    const [present, incidents] = await Promise.all([
      db
        .selectFrom('attendance')
        .select((eb) => ['center_id', 'date', eb.fn.countAll<number>().as('n')])
        .where('date', 'in', dayChunk)
        .where('status', '!=', 'absent')
        .groupBy(['center_id', 'date'])
        .execute(),
      db
        .selectFrom('incidents')
        .select((eb) => ['center_id', 'date', eb.fn.countAll<number>().as('n')])
        .where('date', 'in', dayChunk)
        .groupBy(['center_id', 'date'])
        .execute(),
    ]);
    const key = (centerId: string, date: string) => `${centerId} ${date}`;
    const presentBy = new Map(present.map((r) => [key(r.center_id, r.date), Number(r.n)]));
    const incidentsBy = new Map(incidents.map((r) => [key(r.center_id, r.date), Number(r.n)]));
    // The weekday once per date: parsing it for every child and day was most of a full rebuild's time.
    const weekdays = new Map(dayChunk.map((date) => [date, weekdayOf(date)]));
    for (const center of centers) {
      const kids = byCenter.get(center.id) ?? [];
      for (const date of dayChunk) {
        if (date > center.lastDay) continue;
        const weekday = weekdays.get(date)!;
        let enrolled = 0;
        let expected = 0;
        for (const c of kids) {
          if (!enrolledOn(c, date)) continue;
          enrolled++;
          // isExpectedOn's rule (on the schedule, from the start date), the start already checked by enrolledOn.
          if (c.schedule_days.includes(weekday)) expected++;
        }
        rows.push({
          center_id: center.id,
          date,
          enrolled,
          expected,
          present: presentBy.get(key(center.id, date)) ?? 0,
          incidents: incidentsBy.get(key(center.id, date)) ?? 0,
        });
      }
    }
  }
  return rows;
}

async function writeDays(db: Kysely<DB>, rows: DayRow[], at: string) {
  for (const chunk of chunks(rows, 500)) {
    await db
      .insertInto('center_day_figures')
      .values(chunk.map((r) => ({ ...r, updated_at: at })))
      .onConflict((oc) =>
        oc.columns(['center_id', 'date']).doUpdateSet((eb) => ({
          enrolled: eb.ref('excluded.enrolled'),
          expected: eb.ref('excluded.expected'),
          present: eb.ref('excluded.present'),
          incidents: eb.ref('excluded.incidents'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

type MonthRow = Omit<DB['center_month_figures'], 'updated_at'>;

async function computeMonth(db: Kysely<DB>, month: string, children: ChildRow[]): Promise<MonthRow[]> {
  const first = `${month}-01`;
  const last = monthEnd(month);
  const [days, measurements, observed, screened] = await Promise.all([
    db
      .selectFrom('center_day_figures')
      .select(['center_id', 'date', 'enrolled', 'expected', 'present', 'incidents'])
      .where('date', '>=', first)
      .where('date', '<=', last)
      .execute(),
    db
      .selectFrom('measurements')
      .select(['center_id', 'child_id', 'measured_on', 'weight_kg', 'length_cm', 'position'])
      .where('measured_on', '>=', first)
      .where('measured_on', '<=', last)
      .orderBy('measured_on')
      .execute(),
    db
      .selectFrom('milestone_observations')
      .select(['child_id'])
      .distinct()
      .where('observed_on', '>', DateTime.fromISO(last).minus({ months: MILESTONE_WINDOW_MONTHS }).toISODate()!)
      .where('observed_on', '<=', last)
      .execute(),
    db
      .selectFrom('kpsp_screenings')
      .select(['child_id'])
      .distinct()
      .where('screened_on', '>', DateTime.fromISO(last).minus({ months: KPSP_WINDOW_MONTHS }).toISODate()!)
      .where('screened_on', '<=', last)
      .execute(),
  ]);
  const rows = new Map<string, MonthRow & { lastDate: string }>();
  for (const d of days) {
    const row = rows.get(d.center_id) ?? { ...EMPTY_MONTH, center_id: d.center_id, month, lastDate: '' };
    row.expected += d.expected;
    row.present += d.present;
    row.incidents += d.incidents;
    if (d.date > row.lastDate) {
      row.lastDate = d.date;
      row.enrolled = d.enrolled;
    }
    rows.set(d.center_id, row);
  }
  const childById = new Map(children.map((c) => [c.id, c]));
  // Each child's latest measurement in the month, if the child was enrolled at the month's last rolled-up day.
  const latest = new Map<string, (typeof measurements)[number]>();
  for (const m of measurements) latest.set(m.child_id, m);
  for (const m of latest.values()) {
    const row = rows.get(m.center_id);
    const child = childById.get(m.child_id);
    if (!row || !child || child.center_id !== m.center_id || !enrolledOn(child, row.lastDate)) continue;
    row.measured++;
    const z = computeZScores({
      sex: child.sex,
      birthDate: child.birth_date,
      measuredOn: m.measured_on,
      weightKg: m.weight_kg,
      lengthCm: m.length_cm,
      position: m.position,
    });
    const classes = classify(z);
    if (z.lhfa !== null) row.haz_n++;
    if (z.wflh !== null) row.whz_n++;
    if (z.wfa !== null) row.waz_n++;
    if (classes.some((k) => k.endsWith('stunted'))) row.stunted++;
    if (classes.some((k) => k.endsWith('wasted'))) row.wasted++;
    if (classes.some((k) => k.endsWith('underweight'))) row.underweight++;
  }
  for (const [list, field] of [
    [observed, 'milestone_covered'],
    [screened, 'kpsp_covered'],
  ] as const) {
    for (const { child_id } of list) {
      const child = childById.get(child_id);
      const row = child && rows.get(child.center_id);
      if (row && child && enrolledOn(child, row.lastDate)) row[field]++;
    }
  }
  return [...rows.values()].map(({ lastDate: _, ...row }) => row);
}

async function writeMonths(db: Kysely<DB>, rows: MonthRow[], at: string) {
  for (const chunk of chunks(rows, 300)) {
    await db
      .insertInto('center_month_figures')
      .values(chunk.map((r) => ({ ...r, updated_at: at })))
      .onConflict((oc) =>
        oc.columns(['center_id', 'month']).doUpdateSet((eb) => ({
          enrolled: eb.ref('excluded.enrolled'),
          expected: eb.ref('excluded.expected'),
          present: eb.ref('excluded.present'),
          incidents: eb.ref('excluded.incidents'),
          measured: eb.ref('excluded.measured'),
          haz_n: eb.ref('excluded.haz_n'),
          stunted: eb.ref('excluded.stunted'),
          whz_n: eb.ref('excluded.whz_n'),
          wasted: eb.ref('excluded.wasted'),
          waz_n: eb.ref('excluded.waz_n'),
          underweight: eb.ref('excluded.underweight'),
          milestone_covered: eb.ref('excluded.milestone_covered'),
          kpsp_covered: eb.ref('excluded.kpsp_covered'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export type RollupResult = { days: number; months: number; full: boolean };

/**
 * One run of the job: recomputes the days and months touched since the last run (all of them the
 * first time, or with `full`), up to each center's yesterday in its own zone.
 */
export async function rollUpRegionalFigures({ now = new Date(), full = false }: { now?: Date; full?: boolean } = {}) {
  const db = getDb();
  const state = await db
    .selectFrom('regional_rollup_state')
    .select('watermark')
    .where('name', '=', STATE_KEY)
    .executeTakeFirst();
  const since = full ? null : (state?.watermark ?? null);
  const centers = (await db.selectFrom('centers').select(['id', 'time_zone']).execute()).map((c) => ({
    id: c.id,
    lastDay: addDays(localDate(c.time_zone, now), -1),
  }));
  const at = now.toISOString();
  if (centers.length === 0) return { days: 0, months: 0, full: since === null };
  const lastDay = centers.map((c) => c.lastDay).sort()[centers.length - 1];
  const children = await loadChildren(db);
  const dirty = await dirtyDays(db, since, lastDay, children);
  const dayRows = await computeDays(db, dirty.days, centers, children);
  await writeDays(db, dayRows, at);
  const months = new Set([...dirty.months, ...dirty.days.map(monthOf)]);
  for (const month of [...months].filter((m) => m <= monthOf(lastDay)).sort())
    await writeMonths(db, await computeMonth(db, month, children), at);
  const watermark = new Date(now.getTime() - WATERMARK_SLACK_MS).toISOString();
  await db
    .insertInto('regional_rollup_state')
    .values({ name: STATE_KEY, watermark })
    .onConflict((oc) => oc.column('name').doUpdateSet({ watermark }))
    .execute();
  return { days: dirty.days.length, months: months.size, full: since === null };
}
