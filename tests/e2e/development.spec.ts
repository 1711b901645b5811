import { expect, test } from './fixtures';

test('a teacher records milestones, a "not yet" past its age is flagged, and the parent sees the development page', async ({
  page,
  signInAs,
  pageAs,
}) => {
  await signInAs('guru@demo.asuh.id');
  await page.goto('/c/demo-tas-cempaka/children/demo-child-01/development');
  await expect(page.getByRole('heading', { name: /Perkembangan Aisyah/ })).toBeVisible();
  const first = page.locator('.milestone').first();
  const itemText = (await first.locator('p').first().innerText()).split('\n')[0];
  // Saved as it is tapped; the note sits behind a small "add" control.
  await first.getByRole('radio', { name: 'Belum', exact: true }).check();
  await expect(first.getByRole('status')).toHaveText('Tersimpan');
  await first.getByText('+ Catatan atau foto').click();
  await first.getByRole('textbox').fill('Dicoba lagi minggu depan');
  await first.getByRole('button', { name: 'Simpan catatan dan foto' }).click();
  await expect(first.getByText('Dicoba lagi minggu depan')).toBeVisible();
  await expect(page.getByText(/masih "belum" pada atau setelah usianya/)).toBeVisible();

  await page.getByLabel('Jumlah jawaban "Ya" (0–10)').fill('8');
  await page.getByRole('button', { name: 'Simpan KPSP' }).click();
  await expect(page.getByText('Meragukan (M)')).toBeVisible();

  const parent = await pageAs('orangtua@demo.asuh.id');
  await parent.goto('/family');
  await parent.locator('.card', { hasText: 'Aisyah Pratama' }).getByRole('link', { name: 'Perkembangan' }).click();
  await expect(parent.getByRole('heading', { name: 'Bisa dilatih bersama' })).toBeVisible();
  await expect(parent.getByText(itemText.replace(/\s+\d+ bln.*$/, '').trim(), { exact: false }).first()).toBeVisible();
  await expect(parent.getByText(/Guru ingin berbincang dengan Anda/)).toBeVisible();
});
