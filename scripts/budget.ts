// `npm run budget`: is Asuh light enough for a cheap phone on a slow network? Loads the door screen,
// the kiosk, a parent's today and the sign-in page in Debian's Chromium as Lighthouse models "slow
// 4G" (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip) with the CPU slowed 4×, and prints for each:
// compressed JavaScript, and time to usable (the page hydrated: its buttons answer) on a first visit
// (empty cache) and a repeat visit. Exits 1 when the door screen breaks its budget for JavaScript or
// the first visit; the repeat visit's budget is printed, not enforced (docs/decisions/0018).
//
// A 2-core machine shared with other work measures the same page ±30 %: each page is measured in
// ROUNDS fresh browser contexts (a first visit, then a repeat visit, in each), and the medians are
// compared with the budgets; the compressed JavaScript is the largest of the rounds.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';

const BUDGET = { doorJsKb: 120, firstMs: 2500, repeatMs: 500 };
const ROUNDS = 3;
const PORT = Number(process.env.BUDGET_PORT ?? 3190);
const BASE = `http://localhost:${PORT}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asuh-budget-'));
Object.assign(process.env, {
  DATABASE_URL: path.join(dir, 'asuh.sqlite'),
  UPLOAD_DIR: path.join(dir, 'uploads'),
  SESSION_SECRET: 'budget-only-secret',
  ENCRYPTION_KEY: Buffer.from('budget-only-encryption-key-32-by').toString('base64'),
  PORT: String(PORT),
});

// The production build on the seeded demo, as the browser tests run it.
// Its own process group, so that stopping it stops npx's children too.
const server = spawn('npx', ['tsx', 'tests/support/e2e-server.ts'], {
  stdio: 'inherit',
  env: process.env,
  detached: true,
});
const stop = () => {
  try {
    process.kill(-server.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stop);
for (let i = 0; ; i++) {
  if (
    await fetch(`${BASE}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  if (i > 600) throw new Error('the server did not start');
  await new Promise((r) => setTimeout(r, 200));
}

const { getDb } = await import('~db/client.server');
const { createSession } = await import('~/modules/auth/session.server');
const { kioskCookie, pairDevice, startPairing } = await import('~/modules/attendance/kiosk.server');
const db = getDb();
const sessionFor = async (email: string) => {
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const setCookie = await createSession(new Request(BASE), { userId: user.id, twoFactorPassed: true });
  return setCookie.split(';')[0];
};
const CENTER = 'demo-tas-cempaka';
const coordinator = await db
  .selectFrom('users')
  .select('id')
  .where('email', '=', 'koordinator@demo.asuh.id')
  .executeTakeFirstOrThrow();
const { code } = await startPairing({ centerId: CENTER, name: 'Budget tablet', actorId: coordinator.id });
const paired = await pairDevice({ code, ip: 'budget' });
if (!paired.ok) throw new Error('could not pair the kiosk');
const kiosk = (await kioskCookie().serialize(paired.token)).split(';')[0];

const pages = [
  { name: 'door screen', path: `/c/${CENTER}/today`, cookie: await sessionFor('pengasuh@demo.asuh.id'), budget: true },
  { name: 'kiosk', path: '/kiosk', cookie: kiosk, budget: false },
  { name: "parent's today", path: '/family', cookie: await sessionFor('orangtua@demo.asuh.id'), budget: false },
  { name: 'sign-in', path: '/login', cookie: null, budget: false },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

type Visit = Awaited<ReturnType<typeof visit>>;

/** In the page: when it hydrated (root.tsx marks it), when its HTML had arrived, when it was parsed, and where it is. */
const USABLE = `new Promise((resolve) => {
  const answer = () => {
    const navigation = performance.getEntriesByType('navigation')[0];
    resolve([
      performance.getEntriesByName('asuh:hydrated')[0].startTime,
      navigation.responseEnd,
      navigation.domInteractive,
      location.pathname,
    ]);
  };
  if (performance.getEntriesByName('asuh:hydrated').length > 0) return answer();
  new PerformanceObserver((marks) => {
    if (marks.getEntriesByName('asuh:hydrated').length > 0) answer();
  }).observe({ type: 'mark' });
})`;

/**
 * One visit: the compressed bytes of JavaScript that crossed the (throttled) network, when the page
 * hydrated, and (to tell where the time went) when its HTML had arrived and had been parsed.
 */
async function visit(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const scripts = new Set<string>();
  let jsBytes = 0;
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (scripts.has(e.requestId)) jsBytes += e.encodedDataLength;
  });
  // Waited for with one promise in the page, not with Playwright's polling: its helper script (~40 ms
  // of a slowed CPU) would run on the main thread while the page hydrates, and be counted.
  await page.goto(url, { waitUntil: 'commit' });
  let timer: NodeJS.Timeout | undefined;
  const { result, exceptionDetails } = await Promise.race([
    cdp.send('Runtime.evaluate', { expression: USABLE, awaitPromise: true, returnByValue: true }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${url} did not hydrate within 60 s`)), 60_000);
    }),
  ]).finally(() => clearTimeout(timer));
  if (exceptionDetails) throw new Error(`${url} did not hydrate: ${exceptionDetails.text}`);
  const [usableMs, documentMs, parsedMs, pathname] = result.value as [number, number, number, string];
  // A session that did not hold would measure the sign-in page in the door's name.
  if (pathname !== new URL(url).pathname) throw new Error(`${url} ended on ${pathname}`);
  await page.close();
  return { jsKb: jsBytes / 1024, usableMs, documentMs, parsedMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => value.toFixed(0);

let broken = false;
try {
  // Chromium's own start (its network and storage services, the first renderer) is not the page's:
  // one visit to the sign-in page, not counted, before the first measured one.
  const warmUp = await browser.newContext();
  await visit(warmUp, `${BASE}/login`);
  await warmUp.close();
  for (const p of pages) {
    const rounds: { first: Visit; repeat: Visit }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
      if (p.cookie) {
        const [name, value] = [p.cookie.slice(0, p.cookie.indexOf('=')), p.cookie.slice(p.cookie.indexOf('=') + 1)];
        await context.addCookies([{ name, value, url: BASE }]);
      }
      const first = await visit(context, BASE + p.path);
      const repeat = await visit(context, BASE + p.path);
      await context.close();
      rounds.push({ first, repeat });
    }
    const jsKb = Math.max(...rounds.map((r) => r.first.jsKb));
    const firstMs = median(rounds.map((r) => r.first.usableMs));
    const repeatMs = median(rounds.map((r) => r.repeat.usableMs));
    const typical = rounds.find((r) => r.repeat.usableMs === repeatMs)!.repeat;
    const over = p.budget && (jsKb > BUDGET.doorJsKb || firstMs >= BUDGET.firstMs);
    // Reported, not enforced: no server-rendered page hydrates in 0.5 s at 4× CPU (decision 0018).
    const repeatOver = p.budget && repeatMs >= BUDGET.repeatMs;
    broken ||= over;
    console.log(
      `${p.name}: JS ${jsKb.toFixed(1)} KB compressed, usable ${ms(firstMs)} ms first visit, ` +
        `${ms(repeatMs)} ms repeat` +
        (p.budget
          ? ` (budget ${BUDGET.doorJsKb} KB, ${BUDGET.firstMs} ms: ${over ? 'BROKEN' : 'ok'}; ` +
            `repeat ${BUDGET.repeatMs} ms: ${repeatOver ? 'over, not enforced' : 'ok'})`
          : ''),
    );
    // Where a repeat visit's time goes: the page over the network, then parsed, then hydrated.
    console.log(
      `  medians of ${ROUNDS}: first visits ${rounds.map((r) => ms(r.first.usableMs)).join(', ')} ms; ` +
        `repeat visits ${rounds.map((r) => ms(r.repeat.usableMs)).join(', ')} ms ` +
        `(the median one: page received ${ms(typical.documentMs)} ms, parsed ${ms(typical.parsedMs)} ms)`,
    );
  }
} finally {
  await browser.close();
  stop();
}
const [load] = os.loadavg();
console.log(`(machine load ${load.toFixed(1)} on ${os.cpus().length} cores while measuring)`);
process.exit(broken ? 1 : 0);
