// `npm run bench`: the morning rush at the door. 50 caregivers, each with their own session,
// check 500 children in and then out through the real route (session, authorization,
// idempotent write, audit) of the production build, on loopback. In the same run a bare
// node:http + better-sqlite3 server does the same writes: the ratio of the two throughputs is
// the figure to watch (the machine's speed cancels out).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CLIENTS = 50;
const CHILDREN = 500;
const WARMUP_CHILDREN = 200;
/** Checked in and out by one client at a time: the latency of a door that is not saturated. */
const SINGLE_CHILDREN = 100;
const CENTER = 'bench-center';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asuh-bench-'));
const appDb = path.join(dir, 'app.sqlite');
const baseDb = path.join(dir, 'baseline.sqlite');
const floorDb = path.join(dir, 'floor.sqlite');
process.env.DATABASE_URL = appDb;
process.env.SESSION_SECRET = 'bench-only-secret';
process.env.ENCRYPTION_KEY = '0'.repeat(64); // bench-only; the server refuses to start in production without one
process.env.PUBLIC_URL = 'http://127.0.0.1'; // likewise (links in emails); the bench sends none

const { getDb, closeDb } = await import('../db/client.server');
const { migrateToLatest } = await import('../db/migrate');
const { makeCenter, makeChild, makeClassroom, makeUser } = await import('../db/seed/factories');
const { createSession } = await import('../app/modules/auth/session.server');
const { newId, nowIso } = await import('../db/ids');
const { floorSessions } = await import('./bench-floor-server.js');

async function seed() {
  const db = getDb();
  await migrateToLatest(db);
  await makeCenter(db, { id: CENTER, name: 'Bench', timeZone: 'Asia/Jakarta' });
  // Open every day so the rush is the same whatever day the benchmark runs.
  await db
    .updateTable('centers')
    .set({
      opening_hours: JSON.stringify(
        Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00', '23:59']])),
      ),
    })
    .execute();
  const rooms: { id: string }[] = [];
  for (let r = 0; r < 10; r++)
    rooms.push(await makeClassroom(db, { centerId: CENTER, name: `Room ${r}`, capacity: 60 }));
  const children: { id: string; pickup: string }[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < CHILDREN + WARMUP_CHILDREN + SINGLE_CHILDREN; i++) {
      const child = await makeChild(trx, {
        centerId: CENTER,
        classroomId: rooms[i % rooms.length].id,
        fullName: `Anak ${i}`,
      });
      const pickup = newId();
      await trx
        .insertInto('pickup_persons')
        .values({
          id: pickup,
          center_id: CENTER,
          child_id: child.id,
          name: `Wali ${i}`,
          relationship: 'ibu',
          phone: '+6281200000000',
          id_number: '1',
          photo_document_id: null,
          active: 1,
          created_at: nowIso(),
        })
        .execute();
      children.push({ id: child.id, pickup });
    }
  });
  const cookies: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const user = await makeUser(db, {
      email: `pengasuh${i}@bench.test`,
      memberships: [{ centerId: CENTER, role: 'caregiver' }],
    });
    cookies.push(
      (await createSession(new Request('http://localhost'), { userId: user.id, twoFactorPassed: true })).split(';')[0],
    );
  }
  await closeDb();
  // The same schema and rows for the baseline and the framework floor.
  fs.copyFileSync(appDb, baseDb);
  fs.copyFileSync(appDb, floorDb);
  const floorCookies: string[] = [];
  for (let i = 0; i < cookies.length; i++) {
    const session = await floorSessions.getSession();
    session.set('userId', `pengasuh${i}`);
    floorCookies.push((await floorSessions.commitSession(session)).split(';')[0]);
  }
  return { children, cookies, floorCookies };
}

function start(command: string[], env: Record<string, string>, readyUrl: string) {
  const child = spawn(process.execPath, command, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise<ChildProcess>((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = async () => {
      try {
        await fetch(readyUrl, { method: 'HEAD' });
        resolve(child);
      } catch {
        if (Date.now() > deadline) reject(new Error(`server did not start: ${command.join(' ')}`));
        else setTimeout(poll, 100);
      }
    };
    void poll();
  });
}

type Job = { body: string; cookie: string };

// node:http with keep-alive, not fetch(): the load generator shares this machine's two cores
// with the servers, so it must cost as little as possible.
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
function post(url: URL, job: Job) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(job.body),
          Cookie: job.cookie,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(job.body);
  });
}

async function rush(target: string, jobs: Job[], clients = CLIENTS) {
  const url = new URL(target);
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let job = jobs[next++]; job; job = jobs[next++]) {
        const t0 = performance.now();
        const res = await post(url, job);
        latencies.push(performance.now() - t0);
        if (res.status !== 200 || res.text.includes('errors')) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { requests: jobs.length, failures, throughput: jobs.length / seconds, p50: pct(0.5), p99: pct(0.99) };
}

/** Each client works through its own children: check-ins first (the morning), then check-outs. */
function jobsFor(children: { id: string; pickup: string }[], cookies: string[]) {
  const cookieOf = (i: number) => cookies[i % cookies.length];
  return [
    ...children.map((c, i) => ({
      body: new URLSearchParams({ intent: 'check-in', childId: c.id, centerId: CENTER }).toString(),
      cookie: cookieOf(i),
    })),
    ...children.map((c, i) => ({
      body: new URLSearchParams({
        intent: 'check-out',
        childId: c.id,
        centerId: CENTER,
        collector: `pickup:${c.pickup}`,
      }).toString(),
      cookie: cookieOf(i),
    })),
  ];
}

const { children, cookies, floorCookies } = await seed();
const measured = children.slice(0, CHILDREN);
const warmup = children.slice(CHILDREN, CHILDREN + WARMUP_CHILDREN);
const single = children.slice(CHILDREN + WARMUP_CHILDREN);

const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
const baseline = {
  label: 'baseline (node:http + better-sqlite3)',
  port: 3401,
  command: ['scripts/bench-baseline-server.js'],
  db: baseDb,
  path: '/',
  cookies,
};
const floor = {
  label: 'framework floor (minimal Remix action)',
  port: 3402,
  command: ['scripts/bench-floor-server.js'],
  db: floorDb,
  path: '/door.data',
  cookies: floorCookies,
};
const asuh = {
  label: 'asuh check-in/out route',
  port: 3400,
  command: [...profile, 'server.js'],
  db: appDb,
  path: `/c/${CENTER}/today.data`,
  cookies,
};
const servers = [baseline, floor, asuh];
const urlOf = (s: typeof baseline) => `http://127.0.0.1:${s.port}${s.path}`;
const processes: ChildProcess[] = [];
try {
  for (const s of servers)
    processes.push(
      await start(
        s.command,
        { NODE_ENV: 'production', PORT: String(s.port), DATABASE_URL: s.db, COOKIE_SECURE: 'false' },
        `http://127.0.0.1:${s.port}/`,
      ),
    );
  // One server at a time, so each has the machine to itself; warm each up first (JIT, caches).
  const rushes = new Map<typeof baseline, Awaited<ReturnType<typeof rush>>>();
  for (const s of servers) {
    await rush(urlOf(s), jobsFor(warmup, s.cookies));
    rushes.set(s, await rush(urlOf(s), jobsFor(measured, s.cookies)));
  }
  // The same route with one client at a time: what a caregiver waits for when the door is busy but not saturated.
  const alone = await rush(urlOf(asuh), jobsFor(single, asuh.cookies), 1);
  const bare = rushes.get(baseline)!;
  const real = rushes.get(asuh)!;
  const line = (label: string, r: typeof real, ratio = '') =>
    console.log(
      `${label.padEnd(40)} ${r.throughput.toFixed(0)} req/s${ratio}, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.failures} failed of ${r.requests}`,
    );
  for (const [s, r] of rushes)
    line(s.label, r, s === baseline ? '' : `, ratio ${(r.throughput / bare.throughput).toFixed(3)}`);
  line('asuh route, one client at a time', alone);
  console.log(
    `check-in rush: ${real.throughput.toFixed(0)} req/s (ratio ${(real.throughput / bare.throughput).toFixed(3)}), p99 ${real.p99.toFixed(1)} ms`,
  );
  if ([...rushes.values(), alone].some((r) => r.failures > 0)) process.exitCode = 1;
} finally {
  for (const p of processes) p.kill('SIGINT');
  await Promise.all(processes.map((p) => new Promise((r) => (p.exitCode === null ? p.once('exit', r) : r(null)))));
  fs.rmSync(dir, { recursive: true, force: true });
}
