import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { formatDate } from '~/i18n/format';
import { expect, test } from './fixtures';

const CENTER = 'demo-tas-cempaka';
// Other browser tests use these children; this file leaves them alone.
const TAKEN = ['demo-child-01', 'demo-child-02', 'demo-child-05'];
const today = () => DateTime.now().setZone('Asia/Jakarta').toISODate()!;

/** The enrolled children of the teacher's room (Bayi (Melati)) that no other test uses. */
async function babyRoom() {
  const db = getDb();
  const room = await db
    .selectFrom('classrooms')
    .select(['id', 'name'])
    .where('center_id', '=', CENTER)
    .where('name', '=', 'Bayi (Melati)')
    .executeTakeFirstOrThrow();
  const children = await db
    .selectFrom('children')
    .select(['id', 'full_name', 'nickname'])
    .where('classroom_id', '=', room.id)
    .where('status', '=', 'enrolled')
    .orderBy('full_name')
    .execute();
  return { room, children, free: children.filter((c) => !TAKEN.includes(c.id)) };
}

/** Puts back a table's rows for some children as they were before the test. */
async function snapshot(table: 'milestone_observations' | 'measurements', childIds: string[]) {
  const db = getDb();
  const rows = await db.selectFrom(table).selectAll().where('child_id', 'in', childIds).execute();
  return async () => {
    await db.deleteFrom(table).where('child_id', 'in', childIds).execute();
    for (const row of rows) await db.insertInto(table).values(row).execute();
  };
}

/** Counts the requests the page makes (documents and data) until `stop` is called. */
function countRequests(page: Page) {
  const seen: string[] = [];
  const listener = (r: { method(): string; url(): string; resourceType(): string }) => {
    const path = new URL(r.url()).pathname;
    // Remix's route discovery (/__manifest) runs whenever links come into view; it is not the answer's cost.
    if (['document', 'fetch', 'xhr'].includes(r.resourceType()) && path !== '/__manifest')
      seen.push(`${r.method()} ${path}`);
  };
  page.on('request', listener);
  return () => {
    page.off('request', listener);
    return seen;
  };
}

test('quick entry for a room on a phone: only its ages, each child’s last answer, "all yes" with an exception, and it stays on the item', async ({
  page,
  signInAs,
}) => {
  const { room, children } = await babyRoom();
  const restore = await snapshot(
    'milestone_observations',
    children.map((c) => c.id),
  );
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs('guru@demo.asuh.id');
    await page.goto(`/c/${CENTER}`);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Perkembangan' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Catat untuk satu kelas: ${room.name}`);
    // The room view: each child's open items for their band.
    await expect(page.getByRole('heading', { name: 'Kemampuan yang masih terbuka' })).toBeVisible();
    await expect(page.getByText(/\d+ kemampuan belum "ya"/).first()).toBeVisible();

    // A room of 3 to 23 months is offered the 2- to 18-month items only.
    const select = page.getByLabel('Kemampuan', { exact: true });
    const labels = (await select.locator('option').allInnerTexts()).slice(1);
    expect(labels.length).toBeGreaterThan(10);
    expect(labels.every((l) => Number(/^(\d+) bln/.exec(l)?.[1]) <= 18)).toBe(true);
    const itemId = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(itemId!);
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await expect(page).toHaveURL(new RegExp(`item=${itemId}`));

    const [exception, ...others] = children;
    const group = (c: (typeof children)[number]) =>
      page.getByRole('radiogroup', { name: c.nickname ?? c.full_name, exact: true });
    await group(exception).getByRole('radio', { name: 'Belum', exact: true }).check();
    await page.getByRole('button', { name: 'Yang lain Ya, simpan' }).click();
    await expect(page.getByText('Perubahan tersimpan.')).toBeVisible();
    // Still on the same item, with what was just recorded as each child's last answer.
    await expect(page).toHaveURL(new RegExp(`item=${itemId}`));
    const date = formatDate(today(), 'id');
    await expect(group(exception).getByText(`Terakhir: Belum · ${date}`)).toBeVisible();
    for (const c of others) await expect(group(c).getByText(`Terakhir: Ya · ${date}`)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await restore();
  }
});

test('a tapped answer on a child’s checklist is saved at once, without a page load; keyboard and the note work too', async ({
  page,
  signInAs,
}) => {
  const { free } = await babyRoom();
  const child = free[0];
  const restore = await snapshot('milestone_observations', [child.id]);
  try {
    await signInAs('guru@demo.asuh.id');
    await page.goto(`/c/${CENTER}/children/${child.id}/development`);
    await expect(page.getByRole('heading', { name: /^Perkembangan / })).toBeVisible();
    await page.evaluate(() => ((window as { stillHere?: boolean }).stillHere = true));
    const rows = page.locator('.milestone');
    const first = rows.nth(0);

    const stop = countRequests(page);
    await first.getByRole('radio', { name: 'Ya', exact: true }).click();
    await expect(first.getByRole('status')).toHaveText('Tersimpan');
    await expect(first.getByText(`Terakhir: Ya · ${formatDate(today(), 'id')}`)).toBeVisible();
    const requests = stop();
    // One tap: the answer's POST and the page data read again, nothing else.
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatch(/^POST .*development\.data$/);
    console.log(`one answer: 1 tap, ${requests.length} requests: ${requests.join(', ')}`);

    // By keyboard: Space chooses, an arrow key moves on; the answer saved is where the teacher stopped.
    const second = rows.nth(1);
    await second.getByRole('radio', { name: 'Ya', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await expect(second.getByRole('radio', { name: 'Belum', exact: true })).toBeChecked();
    await expect(second.getByRole('status')).toHaveText('Tersimpan');

    // The note sits behind a small "add" control, and joins the answer of the day.
    await first.getByText('+ Catatan atau foto').click();
    await first.getByRole('textbox').fill('Menumpuk dua balok sendiri');
    await first.getByRole('button', { name: 'Simpan catatan dan foto' }).click();
    await expect(first.getByText('Menumpuk dua balok sendiri')).toBeVisible();
    expect(await page.evaluate(() => (window as { stillHere?: boolean }).stillHere)).toBe(true);

    const saved = await getDb()
      .selectFrom('milestone_observations')
      .select(['status', 'note'])
      .where('child_id', '=', child.id)
      .where('observed_on', '=', today())
      .orderBy('created_at')
      .execute();
    expect(saved).toEqual([
      { status: 'yes', note: 'Menumpuk dua balok sendiri' },
      { status: 'not_yet', note: null },
    ]);
    // After a reload the day's answers are still chosen.
    await page.reload();
    await expect(rows.nth(0).getByRole('radio', { name: 'Ya', exact: true })).toBeChecked();
  } finally {
    await restore();
  }
});

test('weighing day: a room table keeps a bad value for correction while the good rows save; the chart reads on a 360 px phone', async ({
  page,
  signInAs,
}) => {
  const { room, free } = await babyRoom();
  const [good, bad] = free;
  const restore = await snapshot(
    'measurements',
    free.map((c) => c.id),
  );
  try {
    const latest = async (childId: string) =>
      getDb()
        .selectFrom('measurements')
        .select(['weight_kg', 'length_cm'])
        .where('child_id', '=', childId)
        .orderBy('measured_on', 'desc')
        .executeTakeFirst();
    const near = async (childId: string) => {
      const m = await latest(childId);
      return String(Math.round(((m?.weight_kg ?? 8) + 0.2) * 10) / 10).replace('.', ',');
    };
    await signInAs('guru@demo.asuh.id');
    await page.goto(`/c/${CENTER}/growth`);
    await page
      .getByRole('row', { name: new RegExp(room.name.replace(/[()]/g, '\\$&')) })
      .getByRole('link')
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hari penimbangan: ${room.name}`);
    const name = (c: (typeof free)[number]) => c.nickname ?? c.full_name;
    const goodWeight = await near(good.id);
    await page.getByLabel(`Berat (kg): ${name(good)}`).fill(goodWeight);
    await page.getByLabel(`Berat (kg): ${name(bad)}`).fill('150');
    await page.getByRole('button', { name: 'Simpan penimbangan' }).click();
    await expect(page.getByText('1 anak tersimpan. 1 isian perlu diperiksa')).toBeVisible();
    const badRow = page.getByRole('group', { name: name(bad), exact: true });
    await expect(badRow.getByRole('alert')).toHaveText('Harus antara 0.5 dan 60.');
    await expect(page.getByLabel(`Berat (kg): ${name(bad)}`)).toHaveValue('150');
    await expect(page.getByRole('group', { name: name(good), exact: true }).getByText(/^Sudah diukur/)).toContainText(
      `${goodWeight} kg`,
    );
    await expect(page.getByLabel(`Berat (kg): ${name(good)}`)).toHaveValue('');

    await page.getByLabel(`Berat (kg): ${name(bad)}`).fill(await near(bad.id));
    await page.getByRole('button', { name: 'Simpan penimbangan' }).click();
    await expect(page.getByText('Pengukuran tersimpan.')).toBeVisible();
    expect(
      await getDb()
        .selectFrom('measurements')
        .select('child_id')
        .where('child_id', 'in', [good.id, bad.id])
        .where('measured_on', '=', today())
        .execute(),
    ).toHaveLength(2);

    // The same child's chart on a small phone: a legend, and axis numbers of a readable size.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/c/${CENTER}/children/${good.id}/growth`);
    const chart = page.locator('.growth-chart').first();
    await expect(chart.getByRole('listitem').filter({ hasText: 'Ukuran anak' })).toBeVisible();
    await expect(chart.getByRole('listitem').filter({ hasText: '−2 / +2 SD' })).toBeVisible();
    const tickHeight = await chart
      .locator('svg[role="img"] text.tick')
      .first()
      .evaluate((el) => el.getBoundingClientRect().height);
    expect(tickHeight).toBeGreaterThanOrEqual(11);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await restore();
  }
});
