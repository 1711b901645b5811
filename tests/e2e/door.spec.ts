import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { expect, test } from './fixtures';

const CENTER = '/c/demo-tas-cempaka';
const today = () => DateTime.now().setZone('Asia/Jakarta').toISODate()!;

test('the door on a 360 × 740 phone: sign-in lands on it, six children fit, taps are thumb-sized, search finds a nickname', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/login');
  await page.getByLabel('Email').fill('pengasuh@demo.asuh.id');
  await page.getByLabel('Kata sandi').fill('asuh-demo-2026');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(new RegExp(`${CENTER}/today`));

  // The largest room, every group unfolded: at least six whole cards between the header and the dock.
  const [{ classroom_id }] = await getDb()
    .selectFrom('children')
    .select(['classroom_id', (eb) => eb.fn.countAll().as('n')])
    .where('center_id', '=', 'demo-tas-cempaka')
    .groupBy('classroom_id')
    .orderBy('n', 'desc')
    .limit(1)
    .execute();
  await page.goto(`${CENTER}/today?room=${classroom_id}`);
  for (const summary of await page.locator('details.door-group > summary').all()) await summary.click();
  const dock = (await page.locator('.door-dock').boundingBox())!;
  expect(dock.y + dock.height).toBeLessThanOrEqual(740);
  await page
    .locator('.door-card')
    .first()
    .evaluate((e) => window.scrollBy(0, e.getBoundingClientRect().top - 8));
  const dockTop = (await page.locator('.door-dock').boundingBox())!.y;
  const boxes = await page
    .locator('.door-card')
    .evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
  expect(boxes.filter((b) => b.top >= 0 && b.bottom <= dockTop).length).toBeGreaterThanOrEqual(6);
  for (const box of await page
    .locator('.door-main')
    .evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect()).map((r) => [r.width, r.height]))) {
    expect(Math.min(...box)).toBeGreaterThanOrEqual(44);
  }
  // The room switch sits at the bottom of the screen.
  await expect(page.locator('.door-dock').getByRole('navigation', { name: 'Kelas' })).toBeInViewport();

  const child = await getDb()
    .selectFrom('children')
    .select(['full_name', 'nickname'])
    .where('classroom_id', '=', classroom_id)
    .where('nickname', 'is not', null)
    .orderBy('full_name')
    .executeTakeFirstOrThrow();
  await page.getByPlaceholder('Cari nama atau panggilan…').fill(child.nickname!.toLowerCase());
  await expect(page.locator('.door-card')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: `${child.full_name} (${child.nickname})` })).toBeVisible();
  await page.getByPlaceholder('Cari nama atau panggilan…').fill('zzz');
  await expect(page.getByText('Tidak ada anak yang cocok dengan “zzz”.')).toBeVisible();
});

test('a fever turns the card red as it is typed, check-in needs the confirmation, and the fever stays on the card', async ({
  page,
  signInAs,
}) => {
  const child = await getDb()
    .selectFrom('children')
    .select(['id', 'classroom_id', 'full_name', 'nickname'])
    .where('id', '=', 'demo-child-13')
    .executeTakeFirstOrThrow();
  await getDb().deleteFrom('attendance').where('child_id', '=', child.id).where('date', '=', today()).execute();
  await signInAs('pengasuh@demo.asuh.id');
  await page.goto(`${CENTER}/today?room=${child.classroom_id}`);
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: `${child.full_name} (${child.nickname})` }) });
  await card.getByRole('button', { name: `${child.full_name} (${child.nickname})` }).click();
  await card.getByRole('button', { name: 'Cek kesehatan' }).click();
  // While the health check is open, its form has the card's only check-in button.
  await expect(card.getByRole('button', { name: 'Datang' })).toHaveCount(1);
  // The panel took the place of the button that opened it: the keyboard lands in its first field.
  await expect(card.getByLabel('Suhu (°C)')).toBeFocused();
  await card.getByLabel('Suhu (°C)').fill('38,6');
  await expect(card).toHaveClass(/needs-attention/);
  await expect(card.getByRole('alert')).toHaveText(
    'Demam: suhu 38,6 °C, batas center 37,5 °C. Periksa anak sebelum menerimanya.',
  );
  const accept = card.getByRole('button', { name: 'Terima meski demam' });
  await accept.click();
  // Not confirmed: nothing was sent, the child is not in.
  await expect(card.getByText('Hadir', { exact: true })).toHaveCount(0);
  await card.getByLabel('Suhu 38,6 °C di atas batas demam. Tetap terima anak? (dicatat)').check();
  await accept.click();
  await expect(card.getByText('Hadir', { exact: true })).toBeVisible();
  await expect(card).toHaveClass(/needs-attention/);
  await expect(card.getByText('suhu 38,6 °C saat datang')).toBeVisible();
});

test('check-out: the one person allowed is chosen already, their photo is large, the custody note comes before the button', async ({
  page,
  signInAs,
}) => {
  const db = getDb();
  const child = await db
    .selectFrom('children')
    .select(['id', 'classroom_id', 'full_name', 'nickname', 'custody_note'])
    .where('id', '=', 'demo-child-11')
    .executeTakeFirstOrThrow();
  const pickups = await db.selectFrom('pickup_persons').select('id').where('child_id', '=', child.id).execute();
  await db.updateTable('pickup_persons').set({ active: 0 }).where('child_id', '=', child.id).execute();
  await db.deleteFrom('attendance').where('child_id', '=', child.id).where('date', '=', today()).execute();
  try {
    await signInAs('pengasuh@demo.asuh.id');
    await page.goto(`${CENTER}/today?room=${child.classroom_id}`);
    const name = child.nickname ? `${child.full_name} (${child.nickname})` : child.full_name;
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
    await card.getByRole('button', { name: 'Datang', exact: true }).click();
    await expect(card.getByText('Hadir', { exact: true })).toBeVisible();
    await card.getByRole('button', { name: 'Pulang' }).click();
    await expect(card.getByRole('radio')).toHaveCount(1);
    await expect(card.getByRole('radio')).toBeChecked();
    const custody = card.locator('.door-panel').getByText(child.custody_note!, { exact: false });
    await expect(custody).toBeVisible();
    const handOver = card.getByRole('button', { name: 'Serahkan anak' });
    expect((await custody.boundingBox())!.y).toBeLessThan((await handOver.boundingBox())!.y);
    await handOver.click();
    // Gone home: folded away with its count.
    const gone = page.locator('details.door-group', { has: page.getByText(/^Sudah pulang · \d+$/) });
    await expect(gone).not.toHaveAttribute('open');
    await gone.locator('summary').click();
    await expect(gone.getByRole('heading', { name })).toBeVisible();
  } finally {
    await db
      .updateTable('pickup_persons')
      .set({ active: 1 })
      .where(
        'id',
        'in',
        pickups.map((p) => p.id),
      )
      .execute();
  }
});
