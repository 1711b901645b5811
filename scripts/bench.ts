// `npm run bench`: the morning rush at the door. 50 caregivers, each with their own session,
// check 500 children in and then out through the real route (session, authorization,
// idempotent write, audit) of the production build, on loopback. In the same run a bare
// node:http + better-sqlite3 server does the same writes: the ratio of the two throughputs is
// the figure to watch (the machine's speed cancels out).
//
// Then live updates: 1,000 parents keep their family page's event stream open on one fresh server
// process (real connections, real sessions): the guardians of one room's children and of the
// children of other rooms. Caregivers check the whole room in through the real route; each
// check-in must reach that child's guardians and nobody else. Printed: the delivery time (from the
// check-in request leaving to the event arriving) and the server's memory per open stream.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CLIENTS = 50;
const CHILDREN = 500;
const WARMUP_CHILDREN = 200;
/** Checked in and out by one client at a time: the latency of a door that is not saturated. */
const SINGLE_CHILDREN = 100;
/** Live updates: the room checked in while its families watch, each child with this many guardians. */
const LIVE_ROOM_CHILDREN = 100;
const LIVE_ROOM_GUARDIANS = 2;
/** Families of other rooms watching at the same time (guardians of the rush's children). */
const LIVE_OTHER_PARENTS = 800;
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
const { linkGuardian, makeCenter, makeChild, makeClassroom, makeUser } = await import('../db/seed/factories');
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
  const live = await seedLiveFamilies(children);
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
  return { children, cookies, floorCookies, live };
}

/** A room of its own, with its children's guardians, and guardians of children of the other rooms; all signed in. */
async function seedLiveFamilies(otherChildren: { id: string }[]) {
  const db = getDb();
  const room = await makeClassroom(db, { centerId: CENTER, name: 'Live room', capacity: LIVE_ROOM_CHILDREN });
  const roomChildren: string[] = [];
  const guardians: { userId: string; childId: string; ofRoom: boolean }[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < LIVE_ROOM_CHILDREN; i++) {
      const child = await makeChild(trx, { centerId: CENTER, classroomId: room.id, fullName: `Anak Live ${i}` });
      roomChildren.push(child.id);
      for (let g = 0; g < LIVE_ROOM_GUARDIANS; g++) guardians.push({ userId: '', childId: child.id, ofRoom: true });
    }
    for (let i = 0; i < LIVE_OTHER_PARENTS; i++)
      guardians.push({ userId: '', childId: otherChildren[i % otherChildren.length].id, ofRoom: false });
    for (const [i, guardian] of guardians.entries()) {
      guardian.userId = (await makeUser(trx, { email: `wali${i}@bench.test` })).id;
      await linkGuardian(trx, { childId: guardian.childId, userId: guardian.userId });
    }
  });
  const parents = [];
  for (const g of guardians) {
    const cookie = await createSession(new Request('http://localhost'), { userId: g.userId, twoFactorPassed: true });
    parents.push({ ...g, cookie: cookie.split(';')[0] });
  }
  return { roomChildren, parents };
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

const { children, cookies, floorCookies, live } = await seed();
const measured = children.slice(0, CHILDREN);
const warmup = children.slice(CHILDREN, CHILDREN + WARMUP_CHILDREN);
const single = children.slice(CHILDREN + WARMUP_CHILDREN);

type Stream = { req: http.ClientRequest; received: { childId: string; at: number }[] };

/** What Chromium sends with an EventSource's request (gzip offered, which the stream must not use). */
const BROWSER_HEADERS = {
  Accept: 'text/event-stream',
  'Accept-Encoding': 'gzip, deflate, br, zstd',
  'Accept-Language': 'id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7',
  'Cache-Control': 'no-cache',
  Referer: 'http://127.0.0.1/family',
  'Sec-Fetch-Dest': 'empty',
  'Sec-Fetch-Mode': 'cors',
  'Sec-Fetch-Site': 'same-origin',
  'User-Agent':
    'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'sec-ch-ua': '"Chromium";v="131", "Not_A Brand";v="24"',
  'sec-ch-ua-mobile': '?1',
  'sec-ch-ua-platform': '"Android"',
};

/** A family page's EventSource. */
function openFamilyStream(port: number, cookie: string) {
  return new Promise<Stream>((resolve, reject) => {
    const stream: Stream = { req: null!, received: [] };
    stream.req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: '/family/live',
        agent: false,
        headers: { ...BROWSER_HEADERS, Cookie: cookie },
      },
      (res) => {
        if (res.statusCode !== 200 || res.headers['content-encoding'])
          return reject(new Error(`stream answered ${res.statusCode} ${res.headers['content-encoding'] ?? ''}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const data = buffer
              .slice(0, end)
              .split('\n')
              .find((line) => line.startsWith('data: '));
            buffer = buffer.slice(end + 2);
            if (data) stream.received.push({ childId: JSON.parse(data.slice(6)).data.childId, at: performance.now() });
          }
          // The first bytes (retry and a comment) say the stream is open.
          resolve(stream);
        });
        res.on('error', () => {});
      },
    );
    stream.req.on('error', reject);
  });
}

/** Resident memory of a process, in bytes (Linux's /proc, else ps). */
function rssOf(pid: number) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
  } catch {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 1,000 open family streams on a fresh server; the live room checked in; who got what, how fast. */
async function liveUpdates(server: ChildProcess, port: number) {
  const url = new URL(`http://127.0.0.1:${port}/c/${CENTER}/today.data`);
  // Warm-up: some streams opened and closed, so that the memory measured is the connections'.
  const warm = await Promise.all(live.parents.slice(0, 50).map((p) => openFamilyStream(port, p.cookie)));
  for (const s of warm) s.req.destroy();
  await pause(1000);
  const before = rssOf(server.pid!);
  const streams: (Stream & { childId: string; ofRoom: boolean })[] = [];
  for (let i = 0; i < live.parents.length; i += 100) {
    const batch = live.parents.slice(i, i + 100);
    const opened = await Promise.all(batch.map((p) => openFamilyStream(port, p.cookie)));
    streams.push(...opened.map((s, j) => ({ ...s, childId: batch[j].childId, ofRoom: batch[j].ofRoom })));
  }
  await pause(2000);
  const after = rssOf(server.pid!);

  // The room's morning: 10 caregivers check its children in, as fast as the route answers.
  const sentAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  const checkInLatencies: number[] = [];
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: 10 }, async (_, c) => {
      for (let i = next++; i < live.roomChildren.length; i = next++) {
        const childId = live.roomChildren[i];
        const body = new URLSearchParams({ intent: 'check-in', childId, centerId: CENTER }).toString();
        sentAt.set(childId, performance.now());
        const res = await post(url, { body, cookie: cookies[c] });
        answeredAt.set(childId, performance.now());
        checkInLatencies.push(answeredAt.get(childId)! - sentAt.get(childId)!);
        if (res.status !== 200 || res.text.includes('errors')) failures++;
      }
    }),
  );
  const expected = streams.filter((s) => s.ofRoom).length;
  const delivered = () => streams.reduce((n, s) => n + (s.ofRoom ? s.received.length : 0), 0);
  for (const deadline = performance.now() + 30_000; delivered() < expected && performance.now() < deadline;)
    await pause(20);
  await pause(500); // anything sent to the wrong family would have arrived by now
  const delays = streams
    .flatMap((s) => s.received.filter((r) => r.childId === s.childId).map((r) => r.at - sentAt.get(r.childId)!))
    .sort((a, b) => a - b);
  // From the check-in's answer: the live path alone (negative when the event came first).
  const afterAnswer = streams
    .flatMap((s) => s.received.filter((r) => r.childId === s.childId).map((r) => r.at - answeredAt.get(r.childId)!))
    .sort((a, b) => a - b);
  const strays = streams.reduce((n, s) => n + s.received.filter((r) => r.childId !== s.childId).length, 0);
  for (const s of streams) s.req.destroy();
  const pct = (list: number[], p: number) => list[Math.min(list.length - 1, Math.floor(p * list.length))] ?? NaN;
  checkInLatencies.sort((a, b) => a - b);
  return {
    connections: streams.length,
    ofRoom: expected,
    delivered: delays.length,
    strays,
    failures,
    p50: pct(delays, 0.5),
    p99: pct(delays, 0.99),
    checkInP99: pct(checkInLatencies, 0.99),
    afterAnswerP99: pct(afterAnswer, 0.99),
    bytesPerConnection: (after - before) / streams.length,
    before,
    after,
  };
}

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
  // Live updates on a process of their own, started now: its memory is the streams'.
  const livePort = 3403;
  const liveServer = await start(
    ['server.js'],
    { NODE_ENV: 'production', PORT: String(livePort), DATABASE_URL: appDb, COOKIE_SECURE: 'false' },
    `http://127.0.0.1:${livePort}/`,
  );
  processes.push(liveServer);
  const liveResult = await liveUpdates(liveServer, livePort);
  const bare = rushes.get(baseline)!;
  const real = rushes.get(asuh)!;
  const line = (label: string, r: typeof real, ratio = '') =>
    console.log(
      `${label.padEnd(40)} ${r.throughput.toFixed(0)} req/s${ratio}, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.failures} failed of ${r.requests}`,
    );
  for (const [s, r] of rushes)
    line(s.label, r, s === baseline ? '' : `, ratio ${(r.throughput / bare.throughput).toFixed(3)}`);
  line('asuh route, one client at a time', alone);
  const l = liveResult;
  console.log(
    `live: ${l.connections} family streams open (${l.ofRoom} of the room's guardians); ${l.delivered} of ${l.ofRoom} check-in events delivered, ${l.strays} to other families; delivery p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms (the check-in's own answer p99 ${l.checkInP99.toFixed(1)} ms; after it, p99 ${l.afterAnswerP99.toFixed(1)} ms)`,
  );
  console.log(
    `live: server memory ${(l.before / 2 ** 20).toFixed(0)} → ${(l.after / 2 ** 20).toFixed(0)} MB RSS with ${l.connections} streams: ${(l.bytesPerConnection / 1024).toFixed(1)} KB per connection`,
  );
  console.log(
    `check-in rush: ${real.throughput.toFixed(0)} req/s (ratio ${(real.throughput / bare.throughput).toFixed(3)}), p99 ${real.p99.toFixed(1)} ms`,
  );
  if ([...rushes.values(), alone].some((r) => r.failures > 0)) process.exitCode = 1;
  if (l.failures > 0 || l.strays > 0 || l.delivered < l.ofRoom) process.exitCode = 1;
} finally {
  for (const p of processes) p.kill('SIGINT');
  await Promise.all(processes.map((p) => new Promise((r) => (p.exitCode === null ? p.once('exit', r) : r(null)))));
  fs.rmSync(dir, { recursive: true, force: true });
}
