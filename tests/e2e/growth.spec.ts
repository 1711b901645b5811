import { DateTime } from 'luxon';
import { formatMonth } from '~/i18n/format';
import { expect, test } from './fixtures';

test('a teacher records a measurement, the stunting flag appears, and the parent sees the chart', async ({
  page,
  signInAs,
  pageAs,
}) => {
  await signInAs('guru@demo.asuh.id');
  await page.goto('/c/demo-tas-cempaka/children/demo-child-02/growth');
  await page.getByLabel('Berat (kg)').fill('1,2');
  await page.getByLabel('Panjang/tinggi (cm)').fill('0,7');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Sepertinya ini dalam meter')).toBeVisible();
  // A length far below the curve for this boy's age: stunted.
  await page.getByLabel('Berat (kg)').fill('7,2');
  await page.getByLabel('Panjang/tinggi (cm)').fill('68');
  await page.getByRole('button', { name: 'Simpan' }).click();
  // Far from last month's measurement: the teacher is asked to check and confirm, told both values.
  await expect(
    page.getByText(/^Sangat berbeda dari pengukuran sebelumnya: panjang\/tinggi 68 cm, sebelumnya [\d,]+ cm pada /),
  ).toBeVisible();
  await page.getByLabel('Saya sudah memeriksa ulang: ukuran ini benar.').check();
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('Pengukuran tersimpan.')).toBeVisible();
  await expect(page.getByText(/Tinggi badan .*di bawah standar usianya/)).toBeVisible();

  const parent = await pageAs('orangtua@demo.asuh.id');
  await parent.goto('/family');
  await parent.locator('.card', { hasText: 'Bagas Wijaya' }).getByRole('link', { name: 'Pertumbuhan' }).click();
  await expect(
    parent.getByRole('img', { name: /Panjang\/tinggi badan menurut umur: grafik WHO dengan \d+ titik/ }),
  ).toBeVisible();
  await expect(parent.getByText(/Tinggi badan .*di bawah standar usianya/)).toBeVisible();
});

test('the growth summary names its month', async ({ page, signInAs }) => {
  await signInAs('guru@demo.asuh.id');
  await page.goto('/c/demo-tas-cempaka/growth');
  const month = formatMonth(DateTime.now().setZone('Asia/Jakarta').toFormat('yyyy-MM'), 'id');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ringkasan pertumbuhan ${month}`);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/\d{4}-\d{2}/);
});
