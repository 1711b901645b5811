import { expect, test } from './fixtures';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a family applies, the coordinator waitlists and offers, the family accepts, the child is enrolled and the guardian sees only that child', async ({
  page,
  browser,
  pageAs,
}) => {
  // The parent, without an account.
  await page.goto('/apply');
  await page.getByRole('link', { name: /TAS Cempaka Harapan/ }).click();
  await expect(page.getByRole('heading', { name: 'Pendaftaran di TAS Cempaka Harapan' })).toBeVisible();
  await page.getByRole('button', { name: 'Kirim pendaftaran' }).click();
  await expect(page.getByText('Wajib diisi.').first()).toBeVisible(); // nothing typed yet: explained, not sent

  await page.getByLabel('Nama lengkap anak').fill('Wulan Kartika Sari');
  await page.getByLabel('Nama panggilan').fill('Wulan');
  await page.getByLabel('Tanggal lahir').fill(isoDaysFromNow(-30 * 30.5));
  await page.getByLabel('Jenis kelamin').selectOption('female');
  await page.getByLabel('NIK anak (tidak wajib)').fill('3174ABC');
  const main = page.getByRole('group', { name: 'Orang tua/wali utama' });
  await main.getByLabel('Nama', { exact: true }).fill('Kartika Sari');
  await main.getByLabel('Hubungan dengan anak').selectOption('ibu');
  await main.getByLabel('Nomor telepon').fill('0812 9999 1234');
  await main.getByLabel('Email').fill('kartika@demo.asuh.id');
  await page.getByLabel('Alamat rumah').fill('Jl. Kenari 3, Jakarta Timur');
  await page.getByLabel('Ingin mulai tanggal').fill(isoDaysFromNow(14));
  await page.getByLabel('Status imunisasi').selectOption('complete');
  await page.getByLabel('Terdaftar di DTKS').check();
  await page
    .getByLabel('Akta kelahiran')
    .setInputFiles({ name: 'akta-wulan.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByLabel(/pengolahan data pribadi/).check();
  await page.getByLabel(/pertolongan medis darurat/).check();
  await page.getByRole('button', { name: 'Kirim pendaftaran' }).click();
  await expect(page.getByText('NIK harus 16 angka.')).toBeVisible();
  await page.getByLabel('NIK anak (tidak wajib)').fill('');
  await page.getByRole('button', { name: 'Kirim pendaftaran' }).click();

  await expect(page.getByRole('heading', { name: 'Pendaftaran Wulan Kartika Sari' })).toBeVisible();
  await expect(page.getByText('Terkirim', { exact: true }).first()).toBeVisible();
  const reference = (await page.locator('.reference').textContent())!;
  expect(reference).toMatch(/^ASH-/);
  const statusUrl = page.url();

  // The coordinator.
  const staff = await pageAs('koordinator@demo.asuh.id');
  await staff.goto('/c/demo-tas-cempaka/applications');
  await staff.getByRole('link', { name: reference }).click();
  await expect(staff.getByRole('link', { name: 'Akta kelahiran' })).toBeVisible();
  await expect(staff.getByText(/Skor otomatis 4: Terdaftar di DTKS/)).toBeVisible();

  const statusForm = staff.locator('form', { has: staff.getByRole('heading', { name: 'Ubah status' }) });
  await statusForm.getByLabel('Status baru').selectOption('in_review');
  await statusForm.getByRole('button', { name: 'Simpan' }).click();
  await expect(staff.getByText('Sedang ditinjau', { exact: true }).first()).toBeVisible();
  await statusForm.getByLabel('Status baru').selectOption('waitlisted');
  await statusForm.getByLabel('Kelas').selectOption({ label: 'Batita (Anggrek)' });
  await statusForm.getByRole('button', { name: 'Simpan' }).click();
  await expect(staff.getByText(/dalam daftar tunggu kelas ini/)).toBeVisible();
  await statusForm.getByLabel('Status baru').selectOption('offered');
  await statusForm.getByLabel('Kelas').selectOption({ label: 'Batita (Anggrek)' });
  await statusForm.getByLabel('Tawaran berlaku sampai').fill(isoDaysFromNow(7));
  await statusForm.getByLabel('Catatan (terlihat oleh keluarga)').fill('Silakan datang untuk orientasi.');
  await statusForm.getByRole('button', { name: 'Simpan' }).click();
  await expect(staff.getByText('Ditawari tempat', { exact: true }).first()).toBeVisible();

  // The family sees the offer and accepts it.
  await page.goto(statusUrl);
  await expect(page.getByText('Silakan datang untuk orientasi.')).toBeVisible();
  await page.getByRole('button', { name: 'Terima tawaran' }).click();
  await expect(page.getByText('Tawaran diterima', { exact: true }).first()).toBeVisible();

  // The coordinator enrolls the child.
  await staff.reload();
  await staff.getByRole('button', { name: 'Daftarkan sekarang' }).click();
  const inviteLink = await staff.getByLabel('Tautan undangan untuk Kartika Sari').inputValue();
  await staff.getByRole('link', { name: 'Buka data anak' }).click();
  await expect(staff.getByRole('heading', { name: /Wulan Kartika Sari/ })).toBeVisible();
  await staff.getByRole('link', { name: 'Batita (Anggrek)' }).first().click();
  await expect(staff.getByRole('heading', { name: 'Daftar anak Batita (Anggrek)' })).toBeVisible();
  await expect(staff.getByRole('row', { name: /Wulan Kartika Sari/ })).toContainText('+6281299991234');

  // The guardian sets a password from the invite and sees only her child.
  const guardianContext = await browser.newContext();
  const guardian = await guardianContext.newPage();
  await guardian.goto(inviteLink);
  await guardian.getByLabel('Kata sandi baru').fill('wulan anakku 2026');
  await guardian.getByLabel('Ulangi kata sandi').fill('wulan anakku 2026');
  await guardian.getByRole('button', { name: 'Buat akun' }).click();
  await expect(guardian.getByRole('heading', { name: 'Anak saya' })).toBeVisible();
  await expect(guardian.getByRole('heading', { level: 2, name: /Wulan Kartika Sari/ })).toBeVisible();
  await expect(guardian.locator('.cards .card')).toHaveCount(1);
  const refused = await guardian.goto('/c/demo-tas-cempaka/applications');
  expect(refused?.status()).toBe(404);
  await guardianContext.close();
});

test('saving an unfinished application gives a private link to finish it later', async ({ page }) => {
  await page.goto('/apply/demo-tara-cmore');
  await page.getByLabel('Nama lengkap anak').fill('Bayu Setiawan');
  await page.getByRole('button', { name: 'Simpan, lanjutkan nanti' }).click();
  const link = await page.getByLabel('Tautan pribadi').inputValue();
  expect(link).toMatch(/\/applications\/[\w-]+$/);
  await page.goto(link);
  await expect(page.getByLabel('Nama lengkap anak')).toHaveValue('Bayu Setiawan');
  await expect(page.getByLabel('Instansi/tempat kerja').first()).toBeVisible(); // workplace daycare asks for the employer
});
