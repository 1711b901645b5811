import { getDb } from '~db/client.server';
import { DEMO_PASSWORD, expect, test } from './fixtures';

const DEMO_TAS_ID = 'demo-tas-cempaka';
const DEMO_TARA_ID = 'demo-tara-cmore';

// The demo's regional account: figures for both demo centers, never a child's name.
test('the regional account signs in, sees both centers counted and no child named', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('wilayah@demo.asuh.id');
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/region$/);
  await expect(page.getByRole('heading', { name: 'Pemantauan wilayah', level: 1 })).toBeVisible();

  const centers = await getDb()
    .selectFrom('centers')
    .select(['id', 'name'])
    .where('id', 'in', [DEMO_TAS_ID, DEMO_TARA_ID])
    .execute();
  // What the roll-ups counted for the month holding yesterday (the page opens on it).
  const enrolled = await getDb()
    .selectFrom('center_month_figures')
    .select(['center_id', 'enrolled as n'])
    .where('center_id', 'in', [DEMO_TAS_ID, DEMO_TARA_ID])
    .orderBy('month', 'desc')
    .limit(2)
    .execute();
  const table = page.getByRole('table').first();
  for (const center of centers) {
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: center.name }) });
    await expect(row).toBeVisible();
    const n = Number(enrolled.find((e) => e.center_id === center.id)!.n);
    expect(n).toBeGreaterThanOrEqual(5);
    await expect(row.getByRole('cell').nth(2)).toHaveText(String(n));
  }

  const names = await getDb().selectFrom('children').select(['full_name', 'nickname']).execute();
  const text = await page.locator('body').innerText();
  for (const child of names) {
    expect(text).not.toContain(child.full_name);
    if (child.nickname && child.nickname.length > 3) expect(text).not.toContain(child.nickname);
  }

  // A center's visit page, printable, also without names; a child's record is not found.
  await page.getByRole('link', { name: centers[0].name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(centers[0].name);
  await expect(page.getByRole('img', { name: /Grafik garis 12 bulan/ })).toBeVisible();
  const visit = await page.locator('body').innerText();
  for (const child of names) expect(visit).not.toContain(child.full_name);
  const response = await page.goto(`/c/${DEMO_TAS_ID}/children/demo-child-03`);
  expect(response?.status()).toBe(404);
});
