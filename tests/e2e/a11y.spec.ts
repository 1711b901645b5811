import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import { createSession } from '~/modules/auth/session.server';
import { hashToken, newToken } from '~/modules/auth/tokens.server';
import { CRITERIA } from '~/modules/safeguarding/standard';
import { expect, test, hydrated } from './fixtures';

// WCAG 2.2 AA on every page of every role (issue 14), on the seeded demo. Each page is opened as a
// phone (360 × 740) and checked: axe (WCAG 2.0–2.2 A and AA; serious and critical violations, and
// the landmark and heading rules at any impact), a title that names the page, nothing wider than
// the screen (also at 640 px: 1280 at 200 % zoom) except inside a scroll region the keyboard
// reaches, no words spilling out of their box, chart text at least 12 px as shown, and a focus
// ring on everything Tab reaches. Pages whose desktop layout differs are checked by axe at
// 1280 × 800 too. The last test walks the door with the keyboard.

const TAS = 'demo-tas-cempaka';
const C = `/c/${TAS}`;
const TARA = '/c/demo-tara-cmore';
const PHONE = { width: 360, height: 740 };
const ZOOMED = { width: 640, height: 400 }; // 1280 × 800 at 200 %
const DESKTOP = { width: 1280, height: 800 };
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// And axe's best practices for the page's structure, failing at any impact: a screen reader's user
// moves by landmarks and headings.
const STRUCTURE = new Set([
  'heading-order',
  'empty-heading',
  'page-has-heading-one',
  'landmark-one-main',
  'landmark-unique',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-main',
  'region',
  'skip-link',
]);

type Problem = string;

async function sessionCookie(email: string, twoFactorPassed = true) {
  const user = await getDb().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const setCookie = await createSession(new Request('http://localhost'), { userId: user.id, twoFactorPassed });
  const pair = setCookie.split(';')[0];
  const at = pair.indexOf('=');
  return { name: pair.slice(0, at), value: pair.slice(at + 1), url: process.env.E2E_BASE_URL!, httpOnly: true };
}

async function contextAs(browser: Browser, email?: string) {
  const context = await browser.newContext({ viewport: PHONE });
  if (email) await context.addCookies([await sessionCookie(email)]);
  return context;
}

/** What the page shows a keyboard and a phone: sideways scrolling, scroll regions, focus rings. */
async function layoutProblems(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls =
        typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${text ? ` “${text}”` : ''}`;
    };
    const scrollers = [...document.querySelectorAll('body *')].filter((el) => {
      const s = getComputedStyle(el);
      return (
        (/(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
        (/(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1 && el.tagName !== 'TEXTAREA')
      );
    });
    const root = document.scrollingElement!;
    if (root.scrollWidth > root.clientWidth + 1) {
      // The widest things that stick out, outside any scroll region, to say what to fix.
      const out = [...document.querySelectorAll('body *')]
        .filter((el) => !scrollers.some((s) => s !== el && s.contains(el)))
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
        .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= root.clientWidth + 1);
      problems.push(
        `scrolls sideways (${root.scrollWidth} > ${root.clientWidth}): ${out.slice(0, 4).map(describe).join('; ')}`,
      );
    }
    const focusable = (el: Element) =>
      el.matches('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])');
    for (const el of scrollers) {
      const region = el as HTMLElement;
      const named = region.getAttribute('aria-label') || region.getAttribute('aria-labelledby');
      if (region.querySelector('table')) {
        if (region.tabIndex !== 0 || region.getAttribute('role') !== 'region' || !named)
          problems.push(`a table scrolls sideways and a keyboard cannot reach it: ${describe(region)}`);
      } else if (region.tabIndex < 0 && ![...region.querySelectorAll('*')].some(focusable)) {
        problems.push(`scrolls and a keyboard cannot reach it: ${describe(region)}`);
      }
    }
    // Words wider than their box spill over what is beside them (a label over its bar).
    const spilling = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => {
      if (!el.offsetParent || el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + 1) return false;
      const s = getComputedStyle(el);
      if (s.display.startsWith('inline') || s.overflowX !== 'visible') return false;
      if (scrollers.some((region) => region.contains(el))) return false;
      return [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
    });
    if (spilling.length) problems.push(`text wider than its box: ${spilling.slice(0, 4).map(describe).join('; ')}`);
    // A chart's text shrinks with its drawing: at least 12 px as shown (11.5 allows for rounding).
    const shown = (text: SVGTextElement) => {
      const matrix = text.getScreenCTM();
      return matrix ? parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b) : Infinity;
    };
    const small = [...document.querySelectorAll<SVGTextElement>('svg text')].filter(
      (text) => text.getBBox().width > 0 && shown(text) < 11.5,
    );
    if (small.length)
      problems.push(
        `chart text at ${Math.min(...small.map(shown)).toFixed(1)} px: ${small.slice(0, 3).map(describe).join('; ')}`,
      );
    // …and stays inside it: what passes the drawing's edge is cut off.
    const cut = [...document.querySelectorAll<SVGTextElement>('svg[viewBox] text')].filter((text) => {
      const box = text.getBBox();
      const view = text.ownerSVGElement!.viewBox.baseVal;
      return box.width > 0 && (box.x < view.x - 0.5 || box.x + box.width > view.x + view.width + 0.5);
    });
    if (cut.length) problems.push(`chart text cut off at the edge: ${cut.slice(0, 3).map(describe).join('; ')}`);
    return problems;
  });
}

/**
 * A text field's or a list's edge is what shows it is one (WCAG 1.4.11): its border at 3:1 or more
 * against what is around it, where the field's own fill does not set it apart.
 */
async function edgeProblems(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const c = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const contrast = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const backdrop = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const color = rgb(getComputedStyle(el).backgroundColor);
        if (color.length === 3 || color[3] > 0) return color.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const problems = new Set<string>();
    const fields = document.querySelectorAll<HTMLElement>(
      'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), select, textarea',
    );
    for (const field of fields) {
      if (field.getBoundingClientRect().width === 0) continue;
      const style = getComputedStyle(field);
      const around = backdrop(field.parentElement);
      const fill = backdrop(field);
      const edge = parseFloat(style.borderBottomWidth) > 0 ? rgb(style.borderBottomColor).slice(0, 3) : fill;
      if (contrast(fill, around) < 3 && contrast(edge, around) < 3)
        problems.add(
          `a field's edge at ${contrast(edge, around).toFixed(1)}:1: ${field.tagName.toLowerCase()}#${field.id}`,
        );
    }
    return [...problems].slice(0, 3);
  });
}

/** The page's title names it after its heading, not only "Asuh" (the browser's tab, a screen reader). */
async function titleProblems(page: Page): Promise<Problem[]> {
  const [title, heading] = await page.evaluate(() => [
    document.title,
    document.querySelector('main h1')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  ]);
  return heading && !title.startsWith(heading) ? [`page title “${title}” does not name “${heading}”`] : [];
}

/** Every element Tab reaches shows where the focus is (an outline or a ring). */
async function focusProblems(page: Page): Promise<Problem[]> {
  // A key press first: Chromium then draws :focus-visible for programmatic focus, as for Tab.
  await page.keyboard.press('Shift');
  return page.evaluate(() => {
    const problems: string[] = [];
    const candidates = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]',
    );
    for (const el of candidates) {
      if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      el.focus({ preventScroll: true });
      if (document.activeElement !== el) continue;
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const ring = s.boxShadow !== 'none';
      if (!outline && !ring) {
        const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
        problems.push(`[360] no visible focus: ${el.tagName.toLowerCase()} “${label}”`);
      }
      el.blur();
    }
    return [...new Set(problems)].slice(0, 5);
  });
}

async function axeProblems(page: Page, size: string): Promise<Problem[]> {
  // Legacy mode: axe runs in the page itself, without a blank page per run (three times faster).
  const results = await new AxeBuilder({ page })
    .options({ rules: Object.fromEntries([...STRUCTURE].map((id) => [id, { enabled: true }])) })
    .withTags(TAGS)
    .setLegacyMode()
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || STRUCTURE.has(v.id))
    .map(
      (v) =>
        `[${size}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(' '))
          .join(' | ')}${v.nodes.length > 4 ? ` and ${v.nodes.length - 4} more` : ''}`,
    );
}

/**
 * A page to check. `desktop`: axe again at 1280 px, for pages whose desktop layout differs from the
 * phone's in more than widths (the first page of each sweep is checked so too, for the menu bar).
 */
type Visit = { path: string; label?: string; desktop?: boolean; status?: number };
const wide = (path: string): Visit => ({ path, desktop: true });

/**
 * The checks on the page as it is open: at phone size axe, no sideways scroll and focus rings;
 * at 640 px (200 % zoom) no sideways scroll; at a desktop's size axe again if asked.
 */
async function checkOpenPage(page: Page, where: string, { desktop = false } = {}) {
  await page.setViewportSize(PHONE);
  // What folds away is checked open; and at the page's end, where nothing passes under the door's
  // sticky dock (axe counts a target partly under it as too small, though a scroll shows it whole).
  await page.evaluate(() => {
    document.querySelectorAll('details:not([open])').forEach((d) => d.setAttribute('open', ''));
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
  const found = [
    ...(await titleProblems(page)),
    ...(await axeProblems(page, '360')),
    ...(await layoutProblems(page)).map((p) => `[360] ${p}`),
    ...(await focusProblems(page)),
    ...(await edgeProblems(page)).map((p) => `[360] ${p}`),
  ];
  await page.setViewportSize(ZOOMED);
  found.push(...(await layoutProblems(page)).map((p) => `[640] ${p}`));
  if (desktop) {
    await page.setViewportSize(DESKTOP);
    found.push(...(await axeProblems(page, '1280')));
  }
  await page.setViewportSize(PHONE);
  return found.map((p) => `${where}: ${p}`);
}

/** Opens each page in turn in one tab of the role's context and checks it. */
async function sweep(context: BrowserContext, who: string, visits: (string | Visit)[]) {
  const page = await context.newPage();
  const problems: string[] = [];
  let where = '';
  // An error in the browser's console is a problem too, as in the other tests.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`${where}: console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${where}: ${e.message}`));
  for (const [i, v] of visits.entries()) {
    const visit = typeof v === 'string' ? { path: v, desktop: i === 0 } : { desktop: i === 0, ...v };
    where = `${who} ${visit.label ?? visit.path}`;
    const response = await page.goto(visit.path);
    const status = response?.status() ?? 0;
    if (status !== (visit.status ?? 200)) {
      problems.push(`${where}: answered ${status}, not ${visit.status ?? 200} (at ${page.url()})`);
      continue;
    }
    // Hydrated: the client's markup is what a person uses (an error page has no live stream to wait out).
    if (status < 400) await hydrated(page);
    else await page.waitForLoadState('networkidle');
    problems.push(...(await checkOpenPage(page, where, visit)));
  }
  await page.close();
  return problems;
}

function report(problems: string[]) {
  expect(problems, `accessibility problems:\n${problems.join('\n')}\n`).toEqual([]);
}

type Ids = Awaited<ReturnType<typeof demoIds>>;
let ids: Ids;
async function demoIds() {
  const db = getDb();
  const rooms = await db
    .selectFrom('classrooms')
    .select('id')
    .where('center_id', '=', TAS)
    .orderBy('min_age_months')
    .execute();
  const taraRoom = await db
    .selectFrom('classrooms')
    .select('id')
    .where('center_id', '=', 'demo-tara-cmore')
    .orderBy('min_age_months')
    .executeTakeFirstOrThrow();
  const activity = await db
    .selectFrom('activities')
    .select('id')
    .where('center_id', 'is', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const announcements = await db
    .selectFrom('announcements')
    .select(['id', 'urgent'])
    .where('center_id', '=', TAS)
    .execute();
  const applications = await db
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('center_id', '=', TAS)
    .execute();
  const attendance = await db
    .selectFrom('attendance')
    .select('id')
    .where('child_id', '=', 'demo-child-03')
    .where('status', '=', 'checked_out')
    .orderBy('date', 'desc')
    .executeTakeFirstOrThrow();
  const users = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', 'in', ['koordinator@demo.asuh.id', 'guru@demo.asuh.id'])
    .execute();
  const user = (email: string) => users.find((u) => u.email === email)!.id;
  return {
    rooms: rooms.map((r) => r.id),
    taraRoom: taraRoom.id,
    activity: activity.id,
    announcement: announcements.find((a) => a.urgent)?.id ?? announcements[0].id,
    application: (status: string) => applications.find((a) => a.status === status)!.id,
    attendance: attendance.id,
    coordinator: user('koordinator@demo.asuh.id'),
    teacher: user('guru@demo.asuh.id'),
  };
}

test.beforeAll(async () => {
  ids = await demoIds();
});

test('the coordinator’s pages: the day, the children, the rooms', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await contextAs(browser, 'koordinator@demo.asuh.id');
  const [infants, toddlers, preschool] = ids.rooms;
  const child = `${C}/children/demo-child-03`;
  const problems = await sweep(context, 'coordinator', [
    '/',
    wide(C),
    wide(`${C}/today`),
    `${C}/today?room=${toddlers}`,
    `${C}/day`,
    ...ids.rooms.map((room) => `${C}/day/${room}`),
    `${C}/messages`,
    `${C}/messages/demo-child-01`,
    `${C}/incidents`,
    wide(`${C}/incidents/new`),
    `${C}/announcements`,
    `${C}/announcements/${ids.announcement}`,
    `${C}/concerns`,
    `${C}/concerns/new`,
    `${C}/milestones`,
    `${C}/milestones/${toddlers}`,
    wide(`${C}/activities`),
    `${C}/activities/new`,
    `${C}/activities/${ids.activity}`,
    `${C}/classrooms/${preschool}`,
    wide(child),
    `${child}/day`,
    `${child}/development`,
    wide(`${child}/growth`),
    `${C}/attendance/${ids.attendance}`,
    wide(`${C}/plans/${preschool}`),
    `${C}/plans/${infants}`,
    `${C}/plans/${preschool}/coverage`,
    `${C}/plans/${preschool}/today`,
    `${C}/weighing/${toddlers}`,
    // The workplace daycare: a lactation room, expressed milk in the day log.
    `${TARA}/today?room=${ids.taraRoom}`,
    `${TARA}/day/${ids.taraRoom}`,
  ]);
  await context.close();
  report(problems);
});

test('the coordinator’s pages: the office', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await contextAs(browser, 'koordinator@demo.asuh.id');
  const problems = await sweep(context, 'coordinator', [
    '/account',
    `${C}/reports/monthly`,
    `${C}/reports/sign-in`,
    `${C}/reports/roll-call`,
    `${C}/growth`,
    `${C}/follow-ups`,
    `${C}/applications`,
    wide(`${C}/applications/${ids.application('submitted')}`),
    `${C}/applications/${ids.application('offered')}`,
    `${C}/capacity`,
    `${C}/staff`,
    `${C}/kiosks`,
    wide(`${C}/settings`),
    `${C}/audit`,
    `${C}/mail`,
    `${C}/safeguarding`,
    `${C}/safeguarding/assessments/new`,
    `${C}/safeguarding/staff/${ids.teacher}`,
    '/dev/mail',
  ]);
  await context.close();
  report(problems);
});

test('the teacher’s and the caregiver’s pages', async ({ browser }) => {
  test.setTimeout(120_000);
  const [, toddlers, preschool] = ids.rooms;
  const child = `${C}/children/demo-child-04`;
  // Where their pages differ from the coordinator's: what they may do, and their menu.
  const teacher = await contextAs(browser, 'guru@demo.asuh.id');
  const problems = await sweep(teacher, 'teacher', [
    '/',
    C,
    `${C}/today`,
    `${C}/day/${toddlers}`,
    `${C}/messages`,
    `${C}/messages/demo-child-04`,
    `${C}/announcements`,
    `${C}/concerns`,
    `${C}/milestones/${toddlers}`,
    child,
    `${child}/development`,
    `${child}/growth`,
    `${C}/plans/${preschool}`,
    `${C}/safeguarding/staff/me`,
  ]);
  await teacher.close();
  const caregiver = await contextAs(browser, 'pengasuh@demo.asuh.id');
  problems.push(
    ...(await sweep(caregiver, 'caregiver', [
      C,
      `${C}/today`,
      `${C}/day`,
      `${C}/messages`,
      `${C}/incidents`,
      `${C}/incidents/new`,
      `${C}/concerns/new`,
      child,
      `${child}/day`,
      `${C}/plans/${toddlers}/today`,
      `${C}/safeguarding/staff/me`,
      '/account',
    ])),
  );
  await caregiver.close();
  report(problems);
});

test('a parent’s pages and the regional overseer’s', async ({ browser }) => {
  test.setTimeout(120_000);
  const parent = await contextAs(browser, 'orangtua@demo.asuh.id');
  const problems = await sweep(parent, 'parent', [
    '/family',
    '/family/announcements',
    `/family/announcements/${ids.announcement}`,
    ...['demo-child-01', 'demo-child-02'].flatMap((child) => [
      `/family/children/${child}`,
      `/family/children/${child}/day`,
      `/family/children/${child}/development`,
      wide(`/family/children/${child}/growth`),
    ]),
    '/family/children/demo-child-01/absence',
    '/family/children/demo-child-01/messages',
    '/account',
  ]);
  await parent.close();
  // A mother at the workplace daycare, whose child's day has her feeding visits.
  const mother = await contextAs(browser, 'wali22@demo.asuh.id');
  problems.push(...(await sweep(mother, 'parent (TARA)', ['/family/children/demo-child-22/day'])));
  await mother.close();
  const region = await contextAs(browser, 'wilayah@demo.asuh.id');
  problems.push(
    ...(await sweep(region, 'regional', ['/region', '/region/months', `/region/centers/${TAS}`, '/account'])),
  );
  await region.close();
  report(problems);
});

test('signed-out pages, and a paired kiosk', async ({ browser }) => {
  test.setTimeout(120_000);
  const visitor = await contextAs(browser);
  const problems = await sweep(visitor, 'signed out', [
    '/login',
    '/apply',
    `/apply/${TAS}`,
    { path: '/applications/no-such-link', status: 404 },
    '/invite/no-such-link',
    '/reset/no-such-link',
    { path: '/no-such-page', status: 404 },
    '/kiosk',
  ]);
  await visitor.close();

  // The second step of a sign-in with two steps.
  const halfway = await browser.newContext({ viewport: PHONE });
  await halfway.addCookies([await sessionCookie('koordinator@demo.asuh.id', false)]);
  problems.push(...(await sweep(halfway, 'signing in', ['/login/two-factor'])));
  await halfway.close();

  // A tablet paired as the center's kiosk (with a code as the coordinator's page makes one), before
  // and after a guardian's phone and PIN. The device is removed after.
  const code = 'A11YTEST';
  const device = newId();
  await getDb()
    .insertInto('kiosk_devices')
    .values({
      id: device,
      center_id: TAS,
      name: 'Kios aksesibilitas',
      pairing_code_hash: hashToken(code),
      pairing_expires_at: new Date(Date.now() + 600_000).toISOString(),
      token_hash: null,
      created_by: ids.coordinator,
      created_at: new Date().toISOString(),
      paired_at: null,
      last_seen_at: null,
      revoked_at: null,
    })
    .execute();
  try {
    const kiosk = await browser.newContext({ viewport: PHONE });
    const page = await kiosk.newPage();
    await page.goto('/kiosk');
    await page.getByLabel('Kode pemasangan').fill(code);
    await page.getByRole('button', { name: 'Pasang' }).click();
    await expect(page.getByRole('heading', { name: 'Datang & pulang mandiri' })).toBeVisible();
    await hydrated(page);
    problems.push(...(await checkOpenPage(page, 'kiosk (paired)', { desktop: true })));
    await page.getByLabel('Nomor telepon').fill('081255550101');
    await page.getByLabel('PIN (6 angka)').fill('246810');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect(page.getByText(/Pilih anak Anda/)).toBeVisible();
    problems.push(...(await checkOpenPage(page, 'kiosk (a guardian’s children)')));
    await kiosk.close();
  } finally {
    await getDb().deleteFrom('kiosk_devices').where('id', '=', device).execute();
  }
  report(problems);
});

// English words are longer than Indonesian ones in places: the densest pages again in English (the
// accounts' language is put back after).
test('pages in English', async ({ browser }) => {
  test.setTimeout(120_000);
  const db = getDb();
  const emails = ['koordinator@demo.asuh.id', 'wali22@demo.asuh.id'];
  const [, toddlers] = ids.rooms;
  const child = `${C}/children/demo-child-03`;
  await db.updateTable('users').set({ preferred_language: 'en' }).where('email', 'in', emails).execute();
  try {
    const coordinator = await contextAs(browser, emails[0]);
    const problems = await sweep(coordinator, 'coordinator (en)', [
      wide(C),
      `${C}/today?room=${toddlers}`,
      `${C}/day/${toddlers}`,
      child,
      `${child}/development`,
      `${child}/growth`,
      `${C}/applications/${ids.application('submitted')}`,
      `${C}/reports/monthly`,
      `${C}/staff`,
      `${C}/settings`,
      `${C}/safeguarding`,
    ]);
    await coordinator.close();
    const mother = await contextAs(browser, emails[1]);
    problems.push(
      ...(await sweep(mother, 'parent (en)', [
        '/family',
        '/family/children/demo-child-22/day',
        '/family/children/demo-child-22/development',
      ])),
    );
    await mother.close();
    const visitor = await contextAs(browser);
    // As the language switch does it: the choice in a cookie.
    await visitor.request.post('/language', { form: { lang: 'en', redirectTo: '/login' } });
    problems.push(...(await sweep(visitor, 'signed out (en)', ['/login', `/apply/${TAS}`])));
    await visitor.close();
    report(problems);
  } finally {
    await db.updateTable('users').set({ preferred_language: 'id' }).where('email', 'in', emails).execute();
  }
});

// What the demo does not hold (an incident, a welfare concern and its referral, a self-assessment,
// a staff check, open invitation and reset links, a family's link to an application) is written
// here as the app would write it, and removed after, so the other browser tests find the demo as it was.
test('pages of records the demo does not hold', async ({ browser }) => {
  test.setTimeout(120_000);
  const db = getDb();
  const now = new Date().toISOString();
  const today = DateTime.now().setZone('Asia/Jakarta').toISODate()!;
  const [incident, concern, referral, assessment, check, reset, invite, activity] = Array.from({ length: 8 }, () =>
    newId(),
  );
  const tokens = { application: newToken(), reset: newToken(), invite: newToken() };
  const application = await db
    .selectFrom('applications')
    .select(['id', 'access_token_hash'])
    .where('id', '=', ids.application('offered'))
    .executeTakeFirstOrThrow();
  const nurAini = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'nur.aini@demo.asuh.id')
    .executeTakeFirstOrThrow();
  try {
    await db
      .insertInto('incidents')
      .values({
        id: incident,
        center_id: TAS,
        child_id: 'demo-child-01',
        kind: 'fall',
        occurred_at: now,
        date: today,
        location: 'Halaman bermain',
        description: 'Terpeleset di dekat ayunan, lutut kiri tergores.',
        people_present: 'Bu Nur Aini',
        first_aid: 'Dibersihkan dan diberi plester.',
        guardian_informed_at: null,
        guardian_informed_how: null,
        source: 'manual',
        source_id: null,
        recorded_by: ids.teacher,
        signed_off_at: null,
        signed_off_by: null,
        guardian_comment: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('welfare_concerns')
      .values({
        id: concern,
        center_id: TAS,
        child_id: 'demo-child-12',
        category: 'hunger',
        description: 'Beberapa hari datang tanpa sarapan dan sangat lapar.',
        child_words: null,
        source: 'manual',
        source_id: null,
        raised_by: ids.teacher,
        raised_at: now,
        risk_level: 'medium',
        status: 'open',
        follow_up_on: null,
        closed_at: null,
        closed_by: null,
        outcome: null,
        close_reason: null,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('concern_referrals')
      .values({
        id: referral,
        center_id: TAS,
        concern_id: concern,
        service: 'puskesmas',
        recipient: 'Puskesmas Kecamatan Cempaka Putih',
        contact: '021-555-0199',
        shared_what: 'Anak sering datang lapar.',
        basis: 'guardian_consent',
        shared_at: now,
        follow_up_on: null,
        follow_up_done_at: null,
        created_by: ids.coordinator,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('self_assessments')
      .values({
        id: assessment,
        center_id: TAS,
        assessed_on: today,
        answers: JSON.stringify(
          Object.fromEntries(CRITERIA.map((c, i) => [c.key, { met: [2, 1, 0][i % 3], note: '', documentIds: [] }])),
        ),
        score: 50,
        assessed_by: ids.coordinator,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('staff_checks')
      .values({
        id: check,
        center_id: TAS,
        user_id: ids.teacher,
        kind: 'police_clearance',
        reference: 'SKCK/0001/2026',
        issued_on: today,
        expires_on: DateTime.fromISO(today).plus({ months: 6 }).toISODate()!,
        document_id: null,
        recorded_by: ids.coordinator,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('password_resets')
      .values({
        id: reset,
        token_hash: hashToken(tokens.reset),
        user_id: nurAini.id,
        center_id: TAS,
        created_by: ids.coordinator,
        created_at: now,
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        used_at: null,
      })
      .execute();
    await db
      .insertInto('invites')
      .values({
        id: invite,
        token_hash: hashToken(tokens.invite),
        center_id: TAS,
        email: 'calon.pengasuh@demo.asuh.id',
        name: 'Calon Pengasuh',
        role: 'caregiver',
        child_id: null,
        relationship: null,
        phone: null,
        invited_by: ids.coordinator,
        expires_at: new Date(Date.now() + 86_400_000).toISOString(),
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
        created_at: now,
      })
      .execute();
    // The center's own copy of a shared activity, which its staff may edit.
    const shared = await db
      .selectFrom('activities')
      .selectAll()
      .where('id', '=', ids.activity)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('activities')
      .values({ ...shared, id: activity, center_id: TAS, copied_from_id: shared.id, created_by: ids.teacher })
      .execute();
    const texts = await db.selectFrom('activity_texts').selectAll().where('activity_id', '=', shared.id).execute();
    await db
      .insertInto('activity_texts')
      .values(texts.map((text) => ({ ...text, activity_id: activity })))
      .execute();
    await db
      .updateTable('applications')
      .set({ access_token_hash: hashToken(tokens.application) })
      .where('id', '=', application.id)
      .execute();

    const coordinator = await contextAs(browser, 'koordinator@demo.asuh.id');
    const problems = await sweep(coordinator, 'coordinator', [
      `${C}/incidents/${incident}`,
      `${C}/incidents/${incident}/print`,
      `${C}/concerns/${concern}`,
      `${C}/concerns/${concern}/referrals/${referral}`,
      `${C}/safeguarding/assessments/${assessment}`,
      `${C}/safeguarding/staff/${ids.teacher}`,
      `${C}/activities/${activity}`,
      `${C}/activities/${activity}/edit`,
    ]);
    await coordinator.close();
    const parent = await contextAs(browser, 'orangtua@demo.asuh.id');
    problems.push(...(await sweep(parent, 'parent', ['/family', `/family/incidents/${incident}`])));
    await parent.close();
    const visitor = await contextAs(browser);
    problems.push(
      ...(await sweep(visitor, 'signed out', [
        { path: `/applications/${tokens.application}`, label: 'an application’s page (offered)' },
        { path: `/reset/${tokens.reset}`, label: 'a reset link' },
        { path: `/invite/${tokens.invite}`, label: 'an invitation' },
      ])),
    );
    await visitor.close();
    report(problems);
  } finally {
    await db
      .updateTable('applications')
      .set({ access_token_hash: application.access_token_hash })
      .where('id', '=', application.id)
      .execute();
    await db.deleteFrom('incidents').where('id', '=', incident).execute();
    await db.deleteFrom('concern_views').where('concern_id', '=', concern).execute();
    await db.deleteFrom('concern_referrals').where('concern_id', '=', concern).execute();
    await db.deleteFrom('welfare_concerns').where('id', '=', concern).execute();
    await db.deleteFrom('self_assessments').where('id', '=', assessment).execute();
    await db.deleteFrom('staff_checks').where('id', '=', check).execute();
    await db.deleteFrom('password_resets').where('id', '=', reset).execute();
    await db.deleteFrom('invites').where('id', '=', invite).execute();
    await db.deleteFrom('activity_texts').where('activity_id', '=', activity).execute();
    await db.deleteFrom('activities').where('id', '=', activity).execute();
  }
});

// Where a person with a keyboard goes: past the menu to the content, then from stop to stop, each
// shown with its ring and in view, none of them hidden under the door's dock at the bottom.
test('the keyboard: skip to the content, the phone menu, and every stop on the door in view with its ring', async ({
  browser,
}) => {
  const context = await contextAs(browser, 'koordinator@demo.asuh.id');
  const page = await context.newPage();
  await page.goto(`${C}/today?room=${ids.rooms[1]}`);
  await hydrated(page);

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Langsung ke isi' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);

  // Every stop from there to the end of the page.
  const problems: string[] = [];
  const seen = new Set<string>();
  for (let step = 0; step < 150; step++) {
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const name = `${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}”`;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      return {
        id: `${name}@${Math.round(box.top + scrollY)}:${Math.round(box.left)}`,
        name,
        inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
        covered: Boolean(top && !el.contains(top) && !top.contains(el)),
        ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
      };
    });
    if (!stop || seen.has(stop.id)) break;
    seen.add(stop.id);
    if (!stop.inView) problems.push(`${stop.name}: focused out of view`);
    else if (stop.covered) problems.push(`${stop.name}: focused under something else`);
    if (!stop.ring) problems.push(`${stop.name}: no visible focus`);
    await page.keyboard.press('Tab');
  }
  expect(seen.size, 'tab stops on the door').toBeGreaterThan(10);
  expect(problems).toEqual([]);

  // On a phone the menu opens from its button, and its links come next.
  await page.goto(C);
  await hydrated(page);
  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  const navigation = page.getByRole('navigation', { name: /./ }).first();
  await expect(navigation.getByRole('link').first()).toBeVisible();
  await context.close();
});

// The door without a network says so, and what waits on the device. The tap made offline never
// reaches the server: the device (this browser context) is closed before the network returns.
test('the door offline: its notice and a check-in waiting on the device', async ({ browser }) => {
  const context = await contextAs(browser, 'pengasuh@demo.asuh.id');
  const page = await context.newPage();
  await page.goto(`${C}/today?room=${ids.rooms[1]}`);
  await hydrated(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await expect(page.locator('.door-offline')).toBeVisible();
  const problems = await checkOpenPage(page, 'the door offline', { desktop: true });
  const arriving = page.locator('.door-card').filter({ has: page.getByRole('button', { name: 'Datang' }) });
  // After closing time nobody is expected: the notice alone is checked then.
  if (await arriving.count()) {
    const name = (await arriving.first().getByRole('heading').innerText()).trim();
    const card = page.locator('.door-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
    await card.getByRole('button', { name: 'Datang' }).click();
    await expect(card.getByText(/Menunggu dikirim/)).toBeVisible();
    problems.push(...(await checkOpenPage(page, 'the door offline, a check-in waiting')));
  }
  await context.close();
  report(problems);
});
