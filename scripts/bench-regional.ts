// `npm run bench`'s regional line (issue 13, "Performance at national scale"): on PostgreSQL, 500
// centers in seven provinces (Jawa Barat with 100), 20,000 children, and their attendance,
// measurements (monthly weighing) and incidents, generated set-based. The roll-up job's function
// rebuilds everything at one year of history, and the overview of Jawa Barat is timed through the
// function the /region loader calls (warm, the median of several runs); then the year before is
// added, rolled up again, and timed again. The overview reads roll-ups, so its time should not grow
// with history: the ratio of the two is the figure to watch (goal: under 1 s, ratio ≤ 1.2).
//
// Run alone with `tsx scripts/bench-regional.ts`; bench.ts runs it as a child process of its own,
// because the app's one database instance comes from DATABASE_URL, which there is SQLite.
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/schema';
import { localDate } from '../app/modules/time/time';

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://asuh:asuh@localhost:5432/postgres';
const DB_NAME = 'asuh_bench_regional';
const CENTERS = 500;
const CHILDREN_PER_CENTER = 40;
const STAFF_PER_CENTER = 4;
const PROVINCE = 'Jawa Barat';
/** Provinces with their number of centers and zone (the first is the one timed). */
const PROVINCES: [string, number, string][] = [
  [PROVINCE, 100, 'Asia/Jakarta'],
  ['DKI Jakarta', 80, 'Asia/Jakarta'],
  ['Jawa Tengah', 80, 'Asia/Jakarta'],
  ['Jawa Timur', 80, 'Asia/Jakarta'],
  ['Sumatera Utara', 60, 'Asia/Jakarta'],
  ['Sulawesi Selatan', 60, 'Asia/Makassar'],
  ['Papua', 40, 'Asia/Jayapura'],
];
const WARM_RUNS = 3;
const TIMED_RUNS = 15;
const LINE = `regional overview (${CENTERS} centers)`;

/** For bench.ts: runs this file in a process of its own and returns the line it prints. */
export async function regionalBenchLine(): Promise<string> {
  const file = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...process.execArgv, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out.trim().split('\n').pop() ?? '';
  return code === 0 && line.startsWith(LINE) ? line : `${LINE}: failed (exit ${code}) ${line}`;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Without FORCE, which needs rights over others' sessions: a moment for an autovacuum worker to leave. */
async function dropDatabase() {
  for (let attempt = 0; ; attempt++) {
    try {
      return await admin((c) => c.query(`drop database if exists ${DB_NAME}`));
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const count = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0);

/** The centers (by province), their staff with a licence each, the children, and a regional person over the province. */
async function generateCenters(db: Kysely<DB>, { today }: { today: string }) {
  const at = `${today}T00:00:00.000Z`;
  const ranges = PROVINCES.reduce<{ name: string; zone: string; from: number; to: number }[]>(
    (out, [name, n, zone]) => {
      const from = (out[out.length - 1]?.to ?? 0) + 1;
      return [...out, { name, zone, from, to: from + n - 1 }];
    },
    [],
  );
  const province = sql.join(
    ranges.map((r) => sql`when g between ${r.from} and ${r.to} then ${r.name}`),
    sql` `,
  );
  const zone = sql.join(
    ranges.map((r) => sql`when g between ${r.from} and ${r.to} then ${r.zone}`),
    sql` `,
  );
  const hours = JSON.stringify(
    Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d, i) => [d, i < 5 ? ['07:00', '17:00'] : null]),
    ),
  );
  await sql`
    insert into centers (id, name, kind, address, province, city, time_zone, opening_hours, capacity, created_at, updated_at)
    select 'c' || lpad(g::text, 4, '0'), 'TAS Bench ' || g, case when g % 5 = 0 then 'workplace' else 'tas' end,
      'Jl. Bench No. ' || g, case ${province} end, 'Kota ' || (g % 6), case ${zone} end, ${hours}, 60, ${at}, ${at}
    from generate_series(1, ${CENTERS}) g`.execute(db);
  await sql`
    insert into users (id, email, name, created_at, updated_at)
    select 'u' || lpad(g::text, 5, '0'), 'staff' || g || '@bench.asuh.id', 'Staff ' || g, ${at}, ${at}
    from generate_series(1, ${CENTERS * STAFF_PER_CENTER}) g`.execute(db);
  await sql`
    insert into memberships (id, user_id, center_id, role, created_at)
    select 'm' || lpad(g::text, 5, '0'), 'u' || lpad(g::text, 5, '0'),
      'c' || lpad(((g - 1) / ${STAFF_PER_CENTER} + 1)::text, 4, '0'),
      case when g % ${STAFF_PER_CENTER} = 1 then 'coordinator' else 'caregiver' end, ${at}
    from generate_series(1, ${CENTERS * STAFF_PER_CENTER}) g`.execute(db);
  // Most staff hold current checks; every seventh lacks the health certificate.
  await sql`
    insert into staff_checks (id, center_id, user_id, kind, issued_on, expires_on, recorded_by, created_at)
    select 's' || m.id || k.kind, m.center_id, m.user_id, k.kind, ${today}, null, m.user_id, ${at}
    from memberships m cross join (values ('police_clearance'), ('health_certificate')) k (kind)
    where k.kind = 'police_clearance' or substr(m.user_id, 2)::int % 7 <> 0`.execute(db);
  await sql`
    insert into center_licences (id, center_id, kind, reference, issued_on, expires_on, recorded_by, created_at)
    select 'l' || c.id, c.id, 'operating_licence', 'IZIN/' || c.id, '2024-01-01',
      case when substr(c.id, 2)::int % 9 = 0 then '2025-01-01' else '2029-12-31' end,
      'u' || lpad(((substr(c.id, 2)::int - 1) * ${STAFF_PER_CENTER} + 1)::text, 5, '0'), ${at}
    from centers c`.execute(db);
  // Aged 27–60 months today, so all of them were born two years ago; a quarter come three days a week.
  await sql`
    insert into children (id, center_id, full_name, birth_date, sex, status, schedule_days, start_date, created_at, updated_at)
    select 'k' || lpad(g::text, 5, '0'), 'c' || lpad(((g - 1) / ${CHILDREN_PER_CENTER} + 1)::text, 4, '0'), 'Anak ' || g,
      to_char(${today}::date - (820 + (g * 37) % 1000), 'YYYY-MM-DD'), case when g % 2 = 0 then 'female' else 'male' end,
      'enrolled', case when g % 4 = 0 then '["mon","wed","fri"]' else '["mon","tue","wed","thu","fri"]' end,
      to_char(${today}::date - 365::int, 'YYYY-MM-DD'), ${at}, ${at}
    from generate_series(1, ${CENTERS * CHILDREN_PER_CENTER}) g`.execute(db);
  await sql`insert into users (id, email, name, created_at, updated_at)
    values ('regional', 'wilayah@bench.asuh.id', 'Wilayah', ${at}, ${at})`.execute(db);
  await sql`insert into regional_roles (id, user_id, province, city, created_at)
    values ('regional-role', 'regional', ${PROVINCE}, null, ${at})`.execute(db);
  return { regionalUserId: 'regional' };
}

const LOADED = ['attendance', 'measurements', 'incidents'];

/**
 * Bulk loading only: the loaded tables' foreign keys are dropped first (each row's check is a trigger,
 * and the rows refer only to rows generated before them) and their secondary indexes are dropped
 * (primary keys too) and built again after the load, which is several times faster than keeping them up to date.
 */
async function withoutForeignKeys(db: Kysely<DB>) {
  // Nor written to the WAL, nor vacuumed behind the timings' back: the database is thrown away after the run.
  for (const table of LOADED) {
    await sql`alter table ${sql.table(table)} set unlogged`.execute(db);
    await sql`alter table ${sql.table(table)} set (autovacuum_enabled = false)`.execute(db);
  }
  const { rows } = await sql<{ table: string; name: string }>`
    select conrelid::regclass::text as table, conname as name from pg_constraint
    where contype = 'f' and conrelid::regclass::text in (${sql.join(LOADED)})`.execute(db);
  for (const r of rows) await sql`alter table ${sql.table(r.table)} drop constraint ${sql.ref(r.name)}`.execute(db);
}

async function withoutIndexes(db: Kysely<DB>) {
  const { rows: keys } = await sql<{ table: string; name: string; definition: string }>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint where contype in ('p', 'u') and conrelid::regclass::text in (${sql.join(LOADED)})`.execute(db);
  const { rows } = await sql<{ name: string; definition: string }>`
    select indexname as name, indexdef as definition from pg_indexes
    where tablename in (${sql.join(LOADED)}) and indexname not in (select conname from pg_constraint)`.execute(db);
  for (const k of keys) await sql`alter table ${sql.table(k.table)} drop constraint ${sql.ref(k.name)}`.execute(db);
  for (const r of rows) await sql`drop index ${sql.ref(r.name)}`.execute(db);
  return async () => {
    await sql`set maintenance_work_mem = '256MB'`.execute(db);
    for (const k of keys)
      await sql`alter table ${sql.table(k.table)} add constraint ${sql.ref(k.name)} ${sql.raw(k.definition)}`.execute(
        db,
      );
    for (const r of rows) await sql.raw(r.definition).execute(db);
  };
}

/**
 * A year of history (year 1: the last 365 days to yesterday; year 2: the year before, when the
 * children are moved to have started two years ago): attendance on each child's school days (88 %
 * present), a monthly weighing, and an incident every three weeks or so per center.
 */
async function generateYear(db: Kysely<DB>, { today, year }: { today: string; year: 1 | 2 }) {
  const from = sql`(${today}::date - ${365 * year}::int)`;
  const to = sql`(${today}::date - ${365 * (year - 1) + 1}::int)`;
  if (year === 2) await sql`update children set start_date = to_char(${from}, 'YYYY-MM-DD')`.execute(db);
  const reindex = await withoutIndexes(db);
  const days = sql`generate_series(${from}, ${to}, interval '1 day') d`;
  // The dates' text once per date (365 rows), not once per child and date.
  const attendance = await sql`
    with days as materialized (
      select to_char(d, 'YYYYMMDD') dn, to_char(d, 'YYYY-MM-DD') ds, to_char(d, 'YYYY-MM-DD') || 'T00:30:00.000Z' arrived,
        to_char(d, 'YYYY-MM-DD') || 'T09:00:00.000Z' left_at, d::date - date '2000-01-01' i, extract(isodow from d) dow
      from ${days} where extract(isodow from d) <= 5
    )
    insert into attendance (id, center_id, child_id, date, status, check_in_at, check_in_by, check_out_at,
      check_out_by, fever_confirmed, absence_reason, created_at, updated_at)
    select 'a' || k.id || dn, k.center_id, k.id, ds, case when p then 'checked_out' else 'absent' end,
      case when p then arrived end, case when p then s end, case when p then left_at end, case when p then s end,
      0, case when not p then 'sick' end, arrived, left_at
    from (select id, center_id, substr(id, 2)::int n,
            'u' || lpad(((substr(center_id, 2)::int - 1) * ${STAFF_PER_CENTER} + 2)::text, 5, '0') s
          from children) k
    cross join days
    cross join lateral (select (k.n * 7919 + i * 104729) % 100 < 88 p) x
    where k.n % 4 <> 0 or dow in (1, 3, 5)`.execute(db);
  // WHO-like medians by age, each child a little above or below them for good.
  const measurements = await sql`
    insert into measurements (id, center_id, child_id, measured_on, weight_kg, length_cm, position, created_at)
    select 'w' || k.id || to_char(on_day, 'YYYYMM'), k.center_id, k.id, to_char(on_day, 'YYYY-MM-DD'),
      round((case when m < 6 then 3.3 + 0.73 * m when m < 12 then 7.7 + 0.28 * (m - 6)
        when m < 24 then 9.4 + 0.22 * (m - 12) else 12 + 0.18 * (m - 24) end * (0.85 + (k.n % 31) / 100.0))::numeric, 1),
      round((case when m < 6 then 50 + 2.83 * m when m < 12 then 67 + 1.42 * (m - 6)
        when m < 24 then 75.5 + 0.96 * (m - 12) else 87 + 0.77 * (m - 24) end * (0.95 + (k.n % 11) / 100.0))::numeric, 1),
      case when m < 24 then 'lying' else 'standing' end, to_char(on_day, 'YYYY-MM-DD') || 'T03:00:00.000Z'
    from (select id, center_id, birth_date::date b, substr(id, 2)::int n from children) k
    cross join generate_series(date_trunc('month', ${from}), ${to}, interval '1 month') mo
    cross join lateral (select (mo::date + k.n % 20) on_day) x
    cross join lateral (select (x.on_day - k.b) / 30.4375 m) y
    where x.on_day between ${from} and ${to}`.execute(db);
  const incidents = await sql`
    insert into incidents (id, center_id, child_id, kind, occurred_at, date, location, description, people_present,
      first_aid, source, recorded_by, created_at, updated_at)
    select 'i' || c.id || to_char(d, 'YYYYMMDD'), c.id,
      'k' || lpad(((c.n - 1) * ${CHILDREN_PER_CENTER} + 1 + (d::date - date '2000-01-01') % ${CHILDREN_PER_CENTER})::text, 5, '0'),
      'fall', to_char(d, 'YYYY-MM-DD') || 'T03:00:00.000Z', to_char(d, 'YYYY-MM-DD'), 'Halaman', 'Jatuh saat bermain',
      'Pengasuh', 'Dikompres', 'manual', 'u' || lpad(((c.n - 1) * ${STAFF_PER_CENTER} + 2)::text, 5, '0'),
      to_char(d, 'YYYY-MM-DD') || 'T03:00:00.000Z', to_char(d, 'YYYY-MM-DD') || 'T03:00:00.000Z'
    from (select id, substr(id, 2)::int n from centers) c
    cross join ${days}
    where extract(isodow from d) <= 5 and (c.n * 7 + (d::date - date '2000-01-01')) % 15 = 0`.execute(db);
  await reindex();
  await sql`analyze`.execute(db);
  return { attendance: count(attendance), measurements: count(measurements), incidents: count(incidents) };
}

async function main() {
  try {
    await admin(async (c) => {
      await c.query(`select 1`);
    });
    await dropDatabase();
    await admin(async (c) => {
      await c.query(`create database ${DB_NAME}`);
      // A throwaway database: losing the last commits in a crash costs nothing.
      await c.query(`alter database ${DB_NAME} set synchronous_commit = off`);
    });
  } catch (error) {
    console.log(`${LINE}: skipped, PostgreSQL unreachable at ${new URL(ADMIN_URL).host} (${(error as Error).message})`);
    return;
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  process.env.DATABASE_URL = url.toString();
  const { getDb, closeDb } = await import('../db/client.server');
  const { migrateToLatest } = await import('../db/migrate');
  const { rollUpRegionalFigures } = await import('../app/modules/regional/rollups.server');
  const { currentMonth, regionalOverviewPage } = await import('../app/modules/regional/regional.server');
  try {
    const db = getDb();
    await migrateToLatest(db);
    const now = new Date();
    let t = performance.now();
    const today = localDate('Asia/Jakarta', now);
    await withoutForeignKeys(db);
    const { regionalUserId } = await generateCenters(db, { today });
    const recentYear = await generateYear(db, { today, year: 1 });
    const generated1 = performance.now() - t;
    const month = currentMonth(now);
    const measure = async () => {
      t = performance.now();
      const rollup = await rollUpRegionalFigures({ now, full: true });
      const rollupMs = performance.now() - t;
      let centers = 0;
      for (let i = 0; i < WARM_RUNS; i++)
        centers = (await regionalOverviewPage({ userId: regionalUserId, month })).centers.length;
      const times: number[] = [];
      for (let i = 0; i < TIMED_RUNS; i++) {
        const start = performance.now();
        await regionalOverviewPage({ userId: regionalUserId, month });
        times.push(performance.now() - start);
      }
      return { rollup, rollupMs, centers, ms: median(times) };
    };
    const one = await measure();
    t = performance.now();
    const olderYear = await generateYear(db, { today, year: 2 });
    const generated2 = performance.now() - t;
    const two = await measure();
    const rows = (n: number) => `${(n / 1e6).toFixed(2)} M`;
    console.error(
      `regional bench: generated year 1 in ${seconds(generated1)} (${rows(recentYear.attendance)} attendance, ${recentYear.measurements} measurements, ${recentYear.incidents} incidents), year 2 in ${seconds(generated2)} (${rows(olderYear.attendance)}, ${olderYear.measurements}, ${olderYear.incidents}); full roll-up ${seconds(one.rollupMs)} (${one.rollup.days} days, ${one.rollup.months} months) → ${seconds(two.rollupMs)} (${two.rollup.days} days, ${two.rollup.months} months); ${one.centers} centers in ${PROVINCE}`,
    );
    console.log(
      `${LINE}: 1 year ${one.ms.toFixed(1)} ms, 2 years ${two.ms.toFixed(1)} ms (ratio ${(two.ms / one.ms).toFixed(2)}); ${PROVINCE}'s ${two.centers} centers, median of ${TIMED_RUNS} warm runs; full roll-up ${seconds(one.rollupMs)} → ${seconds(two.rollupMs)}`,
    );
  } finally {
    await closeDb();
    await dropDatabase();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
