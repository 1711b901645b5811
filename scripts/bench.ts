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
//
// Then the room log at lunch: a caregiver's session posts the room's day form (multipart, as the
// browser sends it) for the 15 children present, once, then fetches the page's data again as
// Remix's single fetch does after an action; in the same run, the same for one child, and for the
// 15 children one post each (what it would cost without the multi-child form). Each lunch has a room of
// its own, in a center of its own (three rooms and a caregiver), so every room's log starts the same.
// The database statements of one lunch are counted in this process, on the same build.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServerBuild } from '@remix-run/node';

const CLIENTS = 50;
const CHILDREN = 500;
const WARMUP_CHILDREN = 200;
/** Checked in and out by one client at a time: the latency of a door that is not saturated. */
const SINGLE_CHILDREN = 100;
/**
 * The door in open loop: check-ins and check-outs (the rush's mix) arriving at DOOR_RATE a second
 * whatever the answers, DOOR_WARMUP_SECONDS not counted, then DOOR_SECONDS measured. Each child is
 * checked in and out once, so this many children of their own, each with a guardian as in the rush.
 */
const DOOR_RATE = 300;
const DOOR_WARMUP_SECONDS = 3;
const DOOR_SECONDS = 15;
const DOOR_WARMUP_CHILDREN = (DOOR_RATE * DOOR_WARMUP_SECONDS) / 2;
const DOOR_CHILDREN = (DOOR_RATE * DOOR_SECONDS) / 2;
/** Live updates: the room checked in while its families watch, each child with this many guardians. */
const LIVE_ROOM_CHILDREN = 100;
const LIVE_ROOM_GUARDIANS = 2;
/** Families of other rooms watching at the same time (guardians of the rush's children). */
const LIVE_OTHER_PARENTS = 800;
/** The room log: lunch for a room of this many children present. */
const ROOM_SIZE = 15;
/** Lunches measured for each way of logging it (each in a fresh center), after a few to warm up. */
const LUNCH_RUNS = 30;
const LUNCH_WARMUP = 2;
/** Lunch one post per child, in every this many centers (each sample is already the sum of 15 saves). */
const SEPARATE_EVERY = 3;
const CENTER = 'bench-center';
const ZONE = 'Asia/Jakarta';
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
const { linkGuardian, makeAttendance, makeCenter, makeChild, makeClassroom, makeUser } =
  await import('../db/seed/factories');
const { localDate } = await import('../app/modules/time/time');
const { createSession } = await import('../app/modules/auth/session.server');
const { newId, nowIso } = await import('../db/ids');
const { floorSessions } = await import('./bench-floor-server.js');

async function seed() {
  const db = getDb();
  await migrateToLatest(db);
  await makeCenter(db, { id: CENTER, name: 'Bench', timeZone: ZONE });
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
    const count = CHILDREN + WARMUP_CHILDREN + SINGLE_CHILDREN + DOOR_WARMUP_CHILDREN + DOOR_CHILDREN;
    for (let i = 0; i < count; i++) {
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
  const live = await seedLiveFamilies(children.slice(0, CHILDREN + WARMUP_CHILDREN + SINGLE_CHILDREN));
  await seedDoorGuardians(children.slice(CHILDREN + WARMUP_CHILDREN + SINGLE_CHILDREN));
  const lunches = await seedLunchCenters(LUNCH_WARMUP + LUNCH_RUNS + 1);
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
  return { children, cookies, floorCookies, live, lunches };
}

/**
 * Centers at lunch: each with a caregiver signed in and three rooms of ROOM_SIZE children, all
 * checked in an hour ago (one room for each way of logging lunch, so each room's log starts empty).
 */
async function seedLunchCenters(count: number) {
  const db = getDb();
  const now = new Date();
  const date = localDate(ZONE, now);
  const checkInAt = new Date(now.getTime() - 3_600_000).toISOString();
  const centers: { id: string; cookie: string; rooms: { id: string; childIds: string[] }[] }[] = [];
  for (let c = 0; c < count; c++) {
    const center = await makeCenter(db, { id: `bench-lunch-${c}`, name: `Bench lunch ${c}`, timeZone: ZONE });
    const caregiver = await makeUser(db, {
      email: `pengasuh-makan${c}@bench.test`,
      memberships: [{ centerId: center.id, role: 'caregiver' }],
    });
    const rooms: { id: string; childIds: string[] }[] = [];
    await db.transaction().execute(async (trx) => {
      for (let r = 0; r < 3; r++) {
        const room = await makeClassroom(trx, { centerId: center.id, name: `Kelas ${r}`, capacity: ROOM_SIZE });
        const childIds: string[] = [];
        for (let i = 0; i < ROOM_SIZE; i++)
          childIds.push(
            (await makeChild(trx, { centerId: center.id, classroomId: room.id, fullName: `Anak ${r}-${i}` })).id,
          );
        await makeAttendance(
          trx,
          childIds.map((childId) => ({
            centerId: center.id,
            childId,
            classroomId: room.id,
            date,
            status: 'present' as const,
            checkInAt,
            checkInBy: caregiver.id,
          })),
        );
        rooms.push({ id: room.id, childIds });
      }
    });
    const cookie = await createSession(new Request('http://localhost'), {
      userId: caregiver.id,
      twoFactorPassed: true,
    });
    centers.push({ id: center.id, cookie: cookie.split(';')[0], rooms });
  }
  return centers;
}

/** A guardian account for each child of the open-loop door, as the rush's children have (their check-out writes the day's summary). */
async function seedDoorGuardians(doorChildren: { id: string }[]) {
  const db = getDb();
  await db.transaction().execute(async (trx) => {
    for (const [i, child] of doorChildren.entries()) {
      const user = await makeUser(trx, { email: `wali-pintu${i}@bench.test` });
      await linkGuardian(trx, { childId: child.id, userId: user.id });
    }
  });
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
function send(
  url: URL,
  {
    method = 'GET',
    body = '',
    headers = {},
    via = agent,
  }: { method?: string; body?: string; headers?: Record<string, string>; via?: http.Agent },
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        agent: via,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers: body ? { ...headers, 'Content-Length': Buffer.byteLength(body) } : headers,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const post = (url: URL, job: Job, via = agent) =>
  send(url, {
    method: 'POST',
    body: job.body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: job.cookie },
    via,
  });

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

/**
 * The door in open loop (a morning, not a stress test): job k is due at start + k / rate and is
 * sent then, whether or not the earlier ones were answered, and its latency runs from the moment it
 * was due, not from when it could be sent: a server that falls behind sees its queue in the figures
 * (no coordinated omission). The first `warmupJobs` are not counted. Sending late (this process's
 * timers, on the machine the server shares) also counts against the server; how late is reported.
 *
 * Why no load library: autocannon and its kin are closed loop (a connection waits for its answer);
 * wrk2 and k6 schedule properly but are programs outside npm. node:http with keep-alive is what the
 * rush already uses, and the scheduler is a few lines.
 */
/** The open loop gives up when this many seconds of requests wait for an answer. */
const MAX_BACKLOG_SECONDS = 5;

async function openLoop(target: string, jobs: Job[], rate: number, warmupJobs: number) {
  const url = new URL(target);
  // As many connections as requests in flight (phones each have their own): none waits for a socket.
  // Idle ones close before the server's 5 s keep-alive timeout would, so none is reused as it closes.
  const phones = new http.Agent({ keepAlive: true, maxSockets: 1024, timeout: 4000 });
  const latencies: number[] = [];
  const late: number[] = [];
  let failures = 0;
  const whyFailed = new Set<string>();
  const inFlight: Promise<void>[] = [];
  const dueAt = (k: number) => start + (k * 1000) / rate;
  const one = async (k: number) => {
    const due = dueAt(k);
    if (k >= warmupJobs) late.push(performance.now() - due);
    try {
      const res = await post(url, jobs[k], phones);
      if (res.status !== 200 || res.text.includes('errors')) {
        failures++;
        whyFailed.add(`${res.status} ${res.text.slice(0, 80)}`);
      }
    } catch (error) {
      failures++;
      whyFailed.add(String((error as NodeJS.ErrnoException).code ?? error));
    }
    if (k >= warmupJobs) latencies.push(performance.now() - due);
  };
  let answered = 0;
  let sent = 0;
  const start = performance.now() + 20;
  for (let k = 0; k < jobs.length;) {
    // A server this far behind will not catch up: stop rather than queue minutes of requests.
    if (sent - answered > rate * MAX_BACKLOG_SECONDS) break;
    const now = performance.now();
    // Everything due by now goes out now (a timer that fired late sends its backlog at once).
    for (; k < jobs.length && dueAt(k) <= now; k++, sent++) inFlight.push(one(k).finally(() => answered++));
    if (k < jobs.length) await pause(Math.max(0, dueAt(k) - performance.now()));
  }
  await Promise.all(inFlight);
  phones.destroy();
  latencies.sort((a, b) => a - b);
  late.sort((a, b) => a - b);
  const pct = (list: number[], p: number) => list[Math.min(list.length - 1, Math.floor(p * list.length))];
  return {
    requests: latencies.length,
    notSent: jobs.length - sent,
    failures,
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    p999: pct(latencies, 0.999),
    max: latencies[latencies.length - 1],
    lateP99: pct(late, 0.99),
    whyFailed: [...whyFailed].slice(0, 3).join('; '),
  };
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

const { children, cookies, floorCookies, live, lunches } = await seed();
const measured = children.slice(0, CHILDREN);
const warmup = children.slice(CHILDREN, CHILDREN + WARMUP_CHILDREN);
const single = children.slice(CHILDREN + WARMUP_CHILDREN, CHILDREN + WARMUP_CHILDREN + SINGLE_CHILDREN);
const doorWarmup = children.slice(
  CHILDREN + WARMUP_CHILDREN + SINGLE_CHILDREN,
  CHILDREN + WARMUP_CHILDREN + SINGLE_CHILDREN + DOOR_WARMUP_CHILDREN,
);
const doorMeasured = children.slice(CHILDREN + WARMUP_CHILDREN + SINGLE_CHILDREN + DOOR_WARMUP_CHILDREN);

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

type LiveMessage = { type: string; topic?: string; data?: { childId?: string } };

/** A page's EventSource on `path`: each event's data, parsed, with the time it arrived. */
function openEventStream(
  port: number,
  path: string,
  cookie: string,
  onMessage: (message: LiveMessage, at: number) => void,
) {
  return new Promise<http.ClientRequest>((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path,
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
            if (data) onMessage(JSON.parse(data.slice(6)), performance.now());
          }
          // The first bytes (retry and a comment) say the stream is open.
          resolve(req);
        });
        res.on('error', () => {});
      },
    );
    req.on('error', reject);
  });
}

/** A family page's EventSource. */
async function openFamilyStream(port: number, cookie: string): Promise<Stream> {
  const received: Stream['received'] = [];
  const req = await openEventStream(port, '/family/live', cookie, (message, at) =>
    received.push({ childId: message.data?.childId ?? '', at }),
  );
  return { req, received };
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

type LunchCenter = (typeof lunches)[number];

const percentile = (list: number[], p: number) =>
  [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))] ?? NaN;

/** A form as Chromium posts one with encType="multipart/form-data" (the day form's, for its photo). */
function multipart(fields: [string, string][]) {
  const boundary = `----WebKitFormBoundary${randomBytes(12).toString('base64url')}`;
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return { body: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The room form as the browser posts it when lunch is saved for `childIds`: intent log, kind meal, what, how much. */
const lunchForm = (childIds: string[]) =>
  multipart([
    ['intent', 'log'],
    ...childIds.map((id): [string, string] => ['childIds', id]),
    ['kind', 'meal'],
    ['what', 'Nasi tim ayam, sayur bayam'],
    ['amount', 'all'],
    ['time', ''],
  ]);

/**
 * What the browser sends when a caregiver saves the room form: the action (POST …/day/<room>.data,
 * Remix's single fetch), then, the action having answered 200, every loader of the page again in
 * one GET of the same URL (no route of the page opts out, so no `_routes`). The lunch counts as
 * logged when the one POST answers that it logged every chosen child.
 */
async function logLunch(port: number, center: LunchCenter, roomId: string, childIds: string[]) {
  const url = new URL(`http://127.0.0.1:${port}/c/${center.id}/day/${roomId}.data`);
  const form = lunchForm(childIds);
  const started = performance.now();
  const posted = await send(url, {
    method: 'POST',
    body: form.body,
    headers: {
      'Content-Type': form.contentType,
      Cookie: center.cookie,
      Origin: url.origin,
      'Sec-Fetch-Site': 'same-origin',
    },
  });
  const answered = performance.now();
  const revalidated = await send(url, {
    headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd', Cookie: center.cookie },
  });
  const done = performance.now();
  // The action's answer, turbo-stream encoded: …"ok",true,"logged",15]
  const logged = Number(/"logged",(\d+)/.exec(posted.text)?.[1] ?? 0);
  return {
    ok: posted.status === 200 && logged === childIds.length && revalidated.status === 200,
    posts: 1,
    gets: 1,
    post: answered - started,
    total: done - started,
    startedAt: started,
  };
}

/** What useLive does with a page's events: a refetch 300 ms after an event, the events in between included. */
function liveRefetches(arrivals: number[], debounceMs = 300) {
  let refetches = 0;
  let firesAt = -Infinity;
  for (const at of [...arrivals].sort((a, b) => a - b))
    if (at >= firesAt) {
      refetches++;
      firesAt = at + debounceMs;
    }
  return refetches;
}

const ROOM_LIVE_TYPES = ['day', 'attendance']; // the room page's useLive types (LIVE_TYPES.day, .attendance)

/**
 * Lunch in each center, three ways, one after another in turns (so the machine's drift falls on all
 * three): for ROOM_SIZE children in one post (the room form), for one child, and (in every
 * SEPARATE_EVERY-th center) for the ROOM_SIZE children one post each. The caregiver's page keeps its live stream open meanwhile; in the warm-up
 * the bench waits after the room's lunch to count what that stream makes the page fetch again.
 */
async function roomLog(port: number) {
  const times = { room: [] as number[], roomPost: [] as number[], one: [] as number[], separate: [] as number[] };
  let failures = 0;
  let saves = 0;
  let posts = 0;
  let requests = 0;
  let refetches = 0;
  for (const [run, center] of lunches.slice(0, LUNCH_WARMUP + LUNCH_RUNS).entries()) {
    const measured = run >= LUNCH_WARMUP;
    const [oneRoom, room, separateRoom] = center.rooms;
    const events: { topic: string; at: number }[] = [];
    const stream = await openEventStream(port, `/c/${center.id}/live`, center.cookie, (m, at) => {
      if (ROOM_LIVE_TYPES.includes(m.type)) events.push({ topic: m.topic ?? '', at });
    });
    const ways = [
      async () => {
        const r = await logLunch(port, center, room.id, room.childIds);
        saves++;
        if (!r.ok) failures++;
        if (measured) {
          times.room.push(r.total);
          times.roomPost.push(r.post);
          posts = r.posts;
          requests = r.posts + r.gets;
        } else {
          await pause(500);
          const own = events.filter((e) => e.topic === `room:${room.id}` && e.at >= r.startedAt);
          refetches = Math.max(refetches, liveRefetches(own.map((e) => e.at)));
        }
      },
      async () => {
        const r = await logLunch(port, center, oneRoom.id, oneRoom.childIds.slice(0, 1));
        saves++;
        if (!r.ok) failures++;
        if (measured) times.one.push(r.total);
      },
      async () => {
        if (run % SEPARATE_EVERY !== 0) return;
        let total = 0;
        for (const childId of separateRoom.childIds) {
          const r = await logLunch(port, center, separateRoom.id, [childId]);
          saves++;
          if (!r.ok) failures++;
          total += r.total;
        }
        if (measured) times.separate.push(total);
      },
    ];
    for (let w = 0; w < ways.length; w++) await ways[(w + run) % ways.length]();
    stream.destroy();
  }
  return { times, saves, failures, posts, requests, refetches };
}

/** Entries written per room of the measured centers: every child of the room once, one child, every child once. */
async function lunchesWritten() {
  const db = getDb();
  const rows = await db
    .selectFrom('day_entries')
    .select(['child_id', (eb) => eb.fn.countAll<number>().as('entries')])
    .where(
      'center_id',
      'in',
      lunches.slice(0, LUNCH_WARMUP + LUNCH_RUNS).map((c) => c.id),
    )
    .where('kind', '=', 'meal')
    .groupBy('child_id')
    .execute();
  await closeDb();
  const entries = new Map(rows.map((r) => [r.child_id, Number(r.entries)]));
  const expected = lunches
    .slice(0, LUNCH_WARMUP + LUNCH_RUNS)
    .flatMap(({ rooms: [one, room, separate] }, run) => [
      ...one.childIds.map((id, i) => [id, i === 0 ? 1 : 0] as const),
      ...room.childIds.map((id) => [id, 1] as const),
      ...separate.childIds.map((id) => [id, run % SEPARATE_EVERY === 0 ? 1 : 0] as const),
    ]);
  return expected.filter(([id, n]) => (entries.get(id) ?? 0) !== n).length;
}

/**
 * The database's work for one lunch, counted in this process on the same build (SQLite): every
 * statement better-sqlite3 runs, its transactions (BEGIN) and writes, while the route handles the
 * room's POST and its revalidation GET, and one child's POST. The server's own stream reading the
 * new events back after the commit (when a page of that process listens) is not counted.
 */
async function countStatements(center: LunchCenter) {
  process.env.NODE_ENV = 'production';
  process.env.COOKIE_SECURE = 'false';
  const { createRequestHandler } = await import('@remix-run/node');
  const { default: Database } = await import('better-sqlite3');
  const build = (await import(path.resolve('build/server/index.js'))) as ServerBuild;
  const handle = createRequestHandler(build, 'production');
  const probe = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  let sqls: string[] | null = null;
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = statementProto[method] as (this: { source: string }, ...args: unknown[]) => unknown;
    statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
      sqls?.push(this.source);
      return original.apply(this, args);
    };
  }
  const origin = 'http://127.0.0.1:3400';
  const cost = async (request: Request) => {
    sqls = [];
    const response = await handle(request, { cspNonce: '', clientIp: '127.0.0.1' });
    const text = await response.text();
    const seen = sqls;
    sqls = null;
    if (response.status !== 200 || (request.method === 'POST' && !/"logged",\d+/.test(text)))
      throw new Error(`in-process ${request.method} ${request.url} answered ${response.status}: ${text.slice(0, 200)}`);
    return {
      statements: seen.length,
      transactions: seen.filter((s) => /^\s*begin/i.test(s)).length,
      writes: seen.filter((s) => /^\s*(insert|update|delete)/i.test(s)).length,
    };
  };
  const [oneRoom, room] = center.rooms;
  const get = (roomId: string) =>
    new Request(`${origin}/c/${center.id}/day/${roomId}.data`, { headers: { Cookie: center.cookie } });
  const postLunch = (roomId: string, childIds: string[]) => {
    const form = lunchForm(childIds);
    return new Request(`${origin}/c/${center.id}/day/${roomId}.data`, {
      method: 'POST',
      body: form.body,
      headers: { 'Content-Type': form.contentType, Cookie: center.cookie, Origin: origin, Host: new URL(origin).host },
    });
  };
  // First a page load: the session's once-a-minute last-seen write and the caches belong to no lunch.
  await cost(get(room.id));
  const roomPost = await cost(postLunch(room.id, room.childIds));
  const revalidation = await cost(get(room.id));
  const onePost = await cost(postLunch(oneRoom.id, oneRoom.childIds.slice(0, 1)));
  return { roomPost, revalidation, onePost };
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
  // The door in open loop on the same server, as a morning brings the taps.
  const doorWarmupJobs = jobsFor(doorWarmup, asuh.cookies);
  const door = await openLoop(
    urlOf(asuh),
    [...doorWarmupJobs, ...jobsFor(doorMeasured, asuh.cookies)],
    DOOR_RATE,
    doorWarmupJobs.length,
  );
  // The room log at lunch, on the same server, one caregiver at a time.
  const lunch = await roomLog(asuh.port);
  // Live updates on a process of their own, started now: its memory is the streams'.
  const livePort = 3403;
  const liveServer = await start(
    ['server.js'],
    { NODE_ENV: 'production', PORT: String(livePort), DATABASE_URL: appDb, COOKIE_SECURE: 'false' },
    `http://127.0.0.1:${livePort}/`,
  );
  processes.push(liveServer);
  const liveResult = await liveUpdates(liveServer, livePort);
  const missingLunches = await lunchesWritten();
  const statements = await countStatements(lunches[LUNCH_WARMUP + LUNCH_RUNS]);
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
  const t = lunch.times;
  const ms = (list: number[], p: number) => `${percentile(list, p).toFixed(1)} ms`;
  const roomP50 = percentile(t.room, 0.5);
  console.log(
    `room log: lunch for ${ROOM_SIZE} children in ${lunch.posts} request (+${lunch.requests - lunch.posts} revalidation), p50 ${ms(t.room, 0.5)}, p99 ${ms(t.room, 0.99)} (the POST alone p50 ${ms(t.roomPost, 0.5)}); one child p50 ${ms(t.one, 0.5)} (ratio ${(roomP50 / percentile(t.one, 0.5)).toFixed(2)}); ${ROOM_SIZE} separate posts p50 ${ms(t.separate, 0.5)} (ratio ${(roomP50 / percentile(t.separate, 0.5)).toFixed(3)}); ${lunch.failures} of ${lunch.saves} saves failed, ${missingLunches} children with the wrong entries`,
  );
  const { roomPost, onePost, revalidation } = statements;
  console.log(
    `room log: the browser sends POST and GET …/day/<room>.data, then ${lunch.refetches} GET 300 ms later (its own live event); database: the POST ${roomPost.statements} statements, ${roomPost.transactions} transaction, ${roomPost.writes} writes (one child: ${onePost.statements}, ${onePost.transactions}, ${onePost.writes}), the revalidation ${revalidation.statements} statements, ${revalidation.writes} writes`,
  );
  // National scale on PostgreSQL, in a process of its own (scripts/bench-regional.ts).
  console.log(await (await import('./bench-regional')).regionalBenchLine());
  const ofFloor = real.throughput / rushes.get(floor)!.throughput;
  console.log(
    `check-in rush: ${real.throughput.toFixed(0)} req/s is ${ofFloor.toFixed(2)} of the framework floor's ${rushes.get(floor)!.throughput.toFixed(0)} req/s`,
  );
  console.log(
    `door in open loop: ${door.requests} check-ins and check-outs due at ${DOOR_RATE} a second for ${DOOR_SECONDS} s (after ${DOOR_WARMUP_SECONDS} s not counted), latency from when each was due: p99.9 ${door.p999.toFixed(1)} ms, max ${door.max.toFixed(1)} ms; sent late by p99 ${door.lateP99.toFixed(1)} ms; ${door.failures} failed${door.failures ? ` (${door.whyFailed})` : ''}${door.notSent ? `; FELL BEHIND: ${door.notSent} not sent, over ${MAX_BACKLOG_SECONDS} s of requests waiting` : ''}`,
  );
  console.log(`door at ${DOOR_RATE} req/s: p50 ${door.p50.toFixed(1)} ms, p99 ${door.p99.toFixed(1)} ms`);
  console.log(
    `check-in rush: ${real.throughput.toFixed(0)} req/s (ratio ${(real.throughput / bare.throughput).toFixed(3)}), p99 ${real.p99.toFixed(1)} ms`,
  );
  if ([...rushes.values(), alone, door].some((r) => r.failures > 0)) process.exitCode = 1;
  if (l.failures > 0 || l.strays > 0 || l.delivered < l.ofRoom) process.exitCode = 1;
  if (lunch.failures > 0 || lunch.posts !== 1 || missingLunches > 0) process.exitCode = 1;
} finally {
  for (const p of processes) p.kill('SIGINT');
  await Promise.all(processes.map((p) => new Promise((r) => (p.exitCode === null ? p.once('exit', r) : r(null)))));
  fs.rmSync(dir, { recursive: true, force: true });
}
