import { getDb } from '~db/client.server';
import { expect, test } from './fixtures';

const CENTER = '/c/demo-tas-cempaka';

test('a caregiver checks a child in with a health check, refuses a stranger, hands over to the mother, who sees the times', async ({
  page,
  signInAs,
  pageAs,
}) => {
  const child = await getDb()
    .selectFrom('children')
    .select(['classroom_id', 'full_name', 'nickname'])
    .where('id', '=', 'demo-child-01')
    .executeTakeFirstOrThrow();
  await signInAs('pengasuh@demo.asuh.id');
  await page.goto(`${CENTER}/today?room=${child.classroom_id}`);
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: `${child.full_name} (${child.nickname})` }) });
  await card.getByRole('button', { name: `${child.full_name} (${child.nickname})` }).click();
  await card.getByRole('button', { name: 'Cek kesehatan' }).click();
  await card.getByLabel('Suhu (°C)').fill('36,8');
  await card.getByLabel('Suasana hati').selectOption('happy');
  await card.getByLabel('Diantar oleh').fill('Ibu Siti');
  await card
    .locator('form', { has: page.getByLabel('Suhu (°C)') })
    .getByRole('button', { name: 'Datang' })
    .click();
  await expect(card.getByText('Hadir', { exact: true })).toBeVisible();

  await card.getByRole('button', { name: 'Pulang' }).click();
  await card.getByText('Orang lain yang menjemput?').click();
  await card.getByLabel('Orang lain (tidak di daftar)').fill('Pak Asing');
  await card.getByRole('button', { name: 'Tolak dan catat' }).click();
  await expect(card.getByRole('alert').filter({ hasText: 'Pak Asing tidak ada di daftar penjemput' })).toBeVisible();
  await expect(card.getByText('Hadir', { exact: true })).toBeVisible();

  await card.getByRole('radio', { name: /Siti Rahmawati/ }).check();
  await card.getByRole('button', { name: 'Serahkan anak' }).click();
  await page.getByText(/^Sudah pulang · \d+$/).click();
  await expect(card.getByText('Sudah dijemput', { exact: true })).toBeVisible();
  await expect(card.getByText(/pulang \d\d[.:]\d\d bersama Siti Rahmawati/)).toBeVisible();

  const parent = await pageAs('orangtua@demo.asuh.id');
  await parent.goto('/family');
  const mine = parent.locator('.card', { has: parent.getByRole('heading', { name: new RegExp(child.full_name) }) });
  await expect(mine.getByText(/datang \d\d[.:]\d\d · pulang \d\d[.:]\d\d bersama Siti Rahmawati/)).toBeVisible();
});

test('the ratio warning appears when a room goes over', async ({ page, signInAs }) => {
  const room = await getDb()
    .selectFrom('classrooms')
    .select('id')
    .where('center_id', '=', 'demo-tas-cempaka')
    .where('max_age_months', '<', 24)
    .executeTakeFirstOrThrow();
  await signInAs('guru@demo.asuh.id');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`${CENTER}/today?room=${room.id}`);
  await page.getByRole('button', { name: /Mulai jaga/ }).click();
  await expect(page.getByRole('button', { name: 'Selesai jaga' })).toBeVisible();
  const ratio = page.locator('.ratio');
  // The demo's morning may already have babies in and a caregiver on shift: start from what the room shows.
  const shown = await ratio.innerText();
  const [staff, here] = shown.includes('Belum ada anak maupun staf')
    ? [0, 0]
    : (shown.match(/(\d+) staf untuk (\d+) anak/) ?? shown.match(/(\d+) staf berjaga()/))!.slice(1).map(Number);
  // Children not scheduled today may come too: unfold them.
  for (const summary of await page.locator('details.door-group > summary').all()) await summary.click();
  // Infants are 1:3 by default: check babies in until the others on shift could not watch them alone…
  for (let n = here; n <= 3 * (staff - 1); n++) {
    const next = page
      .getByRole('listitem')
      .filter({ has: page.getByText(/Belum datang|Tidak terjadwal/) })
      .first();
    await next.getByRole('button', { name: 'Datang', exact: true }).click();
    await expect(page.getByText(`${n + 1} hadir`, { exact: false })).toBeVisible();
  }
  await expect(ratio).not.toHaveAttribute('role', 'alert');
  // …then the teacher's shift ends, and the room is one staff short.
  await page.getByRole('button', { name: 'Selesai jaga' }).click();
  await expect(ratio).toHaveAttribute('role', 'alert');
  await expect(ratio).toContainText('kurang 1 staf');
  // Said once: on the room's card, not again in the banner that lists the other rooms.
  await expect(page.getByText('Kelas yang butuh bantuan:')).toHaveCount(0);
});
