import { expect, test } from './fixtures';

// The teacher of the infant room finds an activity for her room's ages by a milestone, copies it
// into the center's own activities and adapts it. (Each run adds one copy of its own, with a
// title of its own; the shared library itself is never changed.)
test('a teacher finds an activity for her room by a milestone, copies it and adapts it', async ({ page, signInAs }) => {
  await signInAs('guru@demo.asuh.id');
  await page.goto('/c/demo-tas-cempaka');
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Kegiatan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pustaka kegiatan' })).toBeVisible();

  const search = page.getByRole('search', { name: 'Cari kegiatan' });
  await search.getByLabel('Usia kelas').selectOption({ label: 'Bayi (Melati)' });
  await search.getByLabel('Kemampuan').selectOption({ label: 'Melambaikan tangan "dadah"' });
  await search.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page).toHaveURL(/milestone=cdc-12m-lc-1/);
  const results = page.locator('.activity-list > li');
  await expect(results.first()).toBeVisible();
  const found = results.filter({ hasText: 'Lagu salam dan dadah' });
  await expect(found).toHaveCount(1);
  await expect(found).toContainText('Usia 9–18 bulan');
  await expect(found.getByRole('list', { name: 'Tanda' })).toContainText('Jati Diri');

  await found.getByRole('link', { name: 'Lagu salam dan dadah' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lagu salam dan dadah');
  await expect(page.getByText('Melambaikan tangan "dadah"')).toBeVisible();
  await page.getByRole('button', { name: 'Salin ke kegiatan kami untuk disesuaikan' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Ubah kegiatan' })).toBeVisible();
  await expect(page.getByText('Kegiatan disalin. Sesuaikan dan simpan.')).toBeVisible();
  const title = `Lagu salam Melati ${Date.now()}`;
  await page.getByLabel('Judul', { exact: true }).fill(title);
  // A slip on the ages: a clear message, and what she typed stays.
  await page.getByLabel('Usia termuda (bulan)').fill('20');
  await page.getByLabel('Usia tertua (bulan)').fill('6');
  await page.getByRole('button', { name: 'Simpan kegiatan' }).click();
  await expect(page.getByText('Usia tertua tidak boleh lebih muda dari usia termuda.')).toBeVisible();
  await expect(page.getByLabel('Judul', { exact: true })).toHaveValue(title);
  await page.getByLabel('Usia termuda (bulan)').fill('6');
  await page.getByLabel('Usia tertua (bulan)').fill('20');
  await page
    .getByLabel('Penyesuaian untuk anak berkebutuhan khusus')
    .fill('Pakai isyarat tangan yang sama setiap pagi.');
  await page.getByRole('button', { name: 'Simpan kegiatan' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Milik tempat penitipan ini');
  await expect(page.getByText('Usia 6–20 bulan')).toBeVisible();
  await expect(page.getByText('Pakai isyarat tangan yang sama setiap pagi.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Lagu salam dan dadah' })).toBeVisible();

  await page.goto('/c/demo-tas-cempaka/activities?scope=own&milestone=cdc-12m-lc-1');
  await expect(page.locator('.activity-list > li').filter({ hasText: title })).toHaveCount(1);
});
