import { getDb } from '~db/client.server';
import { expect, test } from './fixtures';

const CENTER = '/c/demo-tas-cempaka';

test('a coordinator pairs a kiosk; a guardian checks her child in and out with her PIN; the tablet opens nothing else', async ({
  page,
  signInAs,
  pageAs,
  browser,
}) => {
  // The mother sets her phone and PIN for the center in her account.
  const mother = await pageAs('orangtua@demo.asuh.id');
  await mother.goto('/account');
  const pinForm = mother.locator('form', { has: mother.getByRole('heading', { name: 'TAS Cempaka Harapan' }) });
  await pinForm.getByLabel('Nomor telepon').fill('0812-5555-0101');
  await pinForm.getByLabel('PIN (6 angka)').fill('246810');
  await pinForm.getByLabel('Ulangi PIN').fill('246810');
  await pinForm.getByRole('button', { name: 'Simpan' }).click();
  await expect(mother.getByText('PIN tersimpan.')).toBeVisible();

  // The coordinator makes a pairing code.
  await signInAs('koordinator@demo.asuh.id');
  await page.goto(CENTER);
  await page.getByRole('link', { name: 'Mode kios' }).click();
  await page.getByLabel('Nama tablet').fill('Kios pintu depan');
  await page.getByRole('button', { name: 'Buat kode pemasangan' }).click();
  const code = (await page.locator('.pairing-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

  // The tablet, with nobody signed in, becomes the kiosk.
  const tabletContext = await browser.newContext();
  const tablet = await tabletContext.newPage();
  await tablet.goto('/kiosk');
  await tablet.getByLabel('Kode pemasangan').fill(code);
  await tablet.getByRole('button', { name: 'Pasang' }).click();
  await expect(tablet.getByRole('heading', { name: 'Datang & pulang mandiri' })).toBeVisible();
  await expect(tablet.getByRole('navigation')).toHaveCount(0);

  // It opens nothing else: staff pages, sign-in and the public form all lead back to the kiosk.
  for (const path of [`${CENTER}/today`, '/login', '/account', '/apply', '/']) {
    await tablet.goto(path);
    await expect(tablet).toHaveURL(/\/kiosk$/);
  }

  const child = await getDb()
    .selectFrom('children')
    .select(['nickname'])
    .where('id', '=', 'demo-child-02')
    .executeTakeFirstOrThrow();
  // Another journey (the ratio check in the infants' room) may have checked this child in today.
  await getDb().deleteFrom('attendance').where('child_id', '=', 'demo-child-02').execute();
  const signIn = async () => {
    await tablet.getByLabel('Nomor telepon').fill('081255550101');
    await tablet.getByLabel('PIN (6 angka)').fill('246810');
    await tablet.getByRole('button', { name: 'Lanjut' }).click();
    await expect(tablet.getByText('Halo, Siti Rahmawati. Pilih anak Anda:')).toBeVisible();
  };
  await signIn();
  const row = tablet.locator('.kiosk-child', { hasText: child.nickname! });
  await row.getByRole('button', { name: 'Datang' }).click();
  await expect(tablet.getByText('Tercatat datang. Terima kasih!')).toBeVisible();
  await signIn();
  await tablet.locator('.kiosk-child', { hasText: child.nickname! }).getByRole('button', { name: 'Pulang' }).click();
  await expect(tablet.getByText('Tercatat pulang. Sampai jumpa!')).toBeVisible();

  // Revoked in settings, the tablet is a tablet again.
  await page.reload();
  await page.getByRole('button', { name: /Cabut Kios pintu depan/ }).click();
  await expect(page.getByText('Belum ada tablet yang dipasang.')).toBeVisible();
  await tablet.goto('/kiosk');
  await expect(tablet.getByLabel('Kode pemasangan')).toBeVisible();
  await tablet.goto('/login');
  await expect(tablet.getByRole('heading', { name: 'Masuk ke Asuh' })).toBeVisible();
  await tabletContext.close();
});

test('a guardian with an account accepts a link to another child after signing in, and sees which child and center first', async ({
  page,
  signInAs,
  pageAs,
}) => {
  await signInAs('koordinator@demo.asuh.id');
  await page.goto(`${CENTER}/children/demo-child-05`);
  const card = page.locator('.card', { has: page.getByRole('heading', { name: 'Orang tua/wali' }) });
  await card.getByLabel('Nama', { exact: true }).fill('Siti Rahmawati');
  await card.getByLabel('Email').fill('orangtua@demo.asuh.id');
  await card.getByLabel('Hubungan dengan anak').selectOption('nenek');
  await card.getByRole('button', { name: 'Buat undangan wali' }).click();
  const link = await card.getByLabel('Tautan undangan').inputValue();
  await expect(card.getByText('Undangan wali yang belum diterima')).toBeVisible();

  const child = await getDb()
    .selectFrom('children')
    .select(['full_name'])
    .where('id', '=', 'demo-child-05')
    .executeTakeFirstOrThrow();
  const guardian = await pageAs('orangtua@demo.asuh.id');
  await guardian.goto('/family');
  await expect(guardian.getByRole('heading', { level: 2, name: new RegExp(child.full_name) })).toHaveCount(0);
  await guardian.goto(link);
  await expect(guardian.getByText(new RegExp(`menjadi wali \\(Nenek\\) dari ${child.full_name}`))).toBeVisible();
  await guardian.getByRole('button', { name: 'Terima undangan' }).click();
  await expect(guardian.getByText('Undangan diterima.')).toBeVisible();
  await guardian.goto('/family');
  await expect(guardian.getByRole('heading', { level: 2, name: new RegExp(child.full_name) })).toBeVisible();

  await page.reload();
  await expect(card.getByText('Undangan wali yang belum diterima')).toHaveCount(0);
  await expect(card.getByText(/Siti Rahmawati · Nenek/)).toBeVisible();
});
