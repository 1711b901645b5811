import { getDb } from '~db/client.server';
import { expect, test, DEMO_PASSWORD, hydrated } from './fixtures';

test.describe('signing in', () => {
  for (const [email, heading] of [
    ['koordinator@demo.asuh.id', 'Halo, Sri Wahyuni'],
    // A teacher lands in their classroom, a caregiver at their room's door (the youngest room before any shift).
    ['guru@demo.asuh.id', 'Daftar anak Bayi (Melati)'],
    ['pengasuh@demo.asuh.id', 'Kehadiran Bayi (Melati)'],
    ['orangtua@demo.asuh.id', 'Anak saya'],
  ] as const) {
    test(`${email} signs in and sees their home`, async ({ page }) => {
      await page.goto('/');
      await expect(page).toHaveURL(/\/login/);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    });
  }

  test('a wrong password shows an error and keeps the email', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('guru@demo.asuh.id');
    await page.getByLabel('Kata sandi').fill('salah sekali');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('alert')).toHaveText('Email atau kata sandi salah.');
    await expect(page.getByLabel('Email')).toHaveValue('guru@demo.asuh.id');
  });

  test('the browser explains a malformed email before sending it', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('guru@');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByText('Alamat email tidak valid')).toBeVisible();
    await expect(page.getByText('Wajib diisi.')).toBeVisible();
  });
});

test('the language can be switched before sign-in and is remembered on the account', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Asuh' })).toBeVisible();
  await page.getByLabel('Email').fill('pengasuh@demo.asuh.id');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The caregiver lands at the door of their room, in English, dates included.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Attendance /);
  await expect(page.getByText(/day, \d+ \w+ \d{4}/)).toBeVisible();
  await hydrated(page);
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Kehadiran /);
  await expect(page.getByText(/(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d+ \w+ \d{4}/)).toBeVisible();
});

test('a key typed the moment the page starts hydrating reaches React, and the page hydrates', async ({ page }) => {
  // React 18 hydrates at once for a key or a tap that reaches it while it hydrates. While the page's
  // data was still being decoded, that threw React #345 and the page never hydrated (entry.client.tsx).
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name, options) => {
      const entry = mark(name, options);
      if (name === 'asuh:hydrating') {
        const email = document.querySelector<HTMLInputElement>('input[name="email"]')!;
        email.value = 'guru@';
        email.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '@' }));
      }
      return entry;
    };
  });
  await page.goto('/login');
  await hydrated(page);
  // The form is React's: it explains the malformed email instead of sending it.
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByText('Alamat email tidak valid')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});

test('an account kept in English reads English after signing in on an Indonesian page, and back after saving Indonesian', async ({
  page,
}) => {
  // The page changes language without a new document: its catalog must be fetched first.
  const setLanguage = (lang: 'id' | 'en') =>
    getDb().updateTable('users').set({ preferred_language: lang }).where('email', '=', 'guru@demo.asuh.id').execute();
  await setLanguage('en');
  try {
    await page.goto('/login');
    await hydrated(page);
    await page.getByLabel('Email').fill('guru@demo.asuh.id');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('link', { name: 'My account' })).toBeVisible();
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByLabel('Language').selectOption('id');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await expect(page.getByRole('link', { name: 'Akun saya' })).toBeVisible();
  } finally {
    await setLanguage('id');
  }
});

test('a parent opening a staff page is refused', async ({ page, signInAs }) => {
  await signInAs('orangtua@demo.asuh.id');
  await page.goto('/family');
  await expect(page.getByRole('heading', { name: 'Anak saya' })).toBeVisible();
  // A card for each of their two children (announcements from the center are listed above them).
  await expect(page.locator('.card').getByRole('heading', { level: 2 })).toHaveCount(2);
  const response = await page.goto('/c/demo-tas-cempaka/staff');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeVisible();
});

test('a teacher opening a coordinator page gets access denied', async ({ page, signInAs }) => {
  await signInAs('guru@demo.asuh.id');
  const response = await page.goto('/c/demo-tas-cempaka/audit');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Akses ditolak' })).toBeVisible();
});

test('signing out ends the session', async ({ page, signInAs }) => {
  await signInAs('guru@demo.asuh.id');
  await page.goto('/');
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/c/demo-tas-cempaka');
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
});

test('on a 360 px phone the menu opens from a button', async ({ page, signInAs }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signInAs('koordinator@demo.asuh.id');
  await page.goto('/c/demo-tas-cempaka');
  const staffLink = page.getByRole('link', { name: 'Staf', exact: true });
  await expect(staffLink).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  await staffLink.click();
  await expect(page.getByRole('heading', { name: 'Staf', level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('on a 1024 px screen a coordinator sees every section, both centers and sign-out without scrolling sideways', async ({
  page,
  signInAs,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await signInAs('koordinator@demo.asuh.id');
  await page.goto('/c/demo-tas-cempaka');
  const sections = page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link');
  await expect(sections).toHaveCount(18);
  for (const link of [
    ...(await sections.all()),
    page.getByRole('link', { name: "TARA C'More Balai Kota" }),
    page.getByRole('button', { name: 'Keluar' }),
  ]) {
    await expect(link).toBeInViewport({ ratio: 1 });
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a coordinator invites a caregiver, who sets a password and signs in', async ({ page, signInAs, browser }) => {
  await signInAs('koordinator@demo.asuh.id');
  await page.goto('/c/demo-tas-cempaka/staff');
  await page.getByLabel('Nama').fill('Wulan Sari');
  await page.getByLabel('Email').fill('wulan@demo.asuh.id');
  await page.getByLabel('Peran', { exact: true }).selectOption('caregiver');
  await page.getByRole('button', { name: 'Buat undangan' }).click();
  const link = await page.getByLabel('Tautan undangan').inputValue();
  expect(link).toContain('/invite/');

  const invitee = await browser.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { name: 'Bergabung dengan TAS Cempaka Harapan' })).toBeVisible();
  await invitee.getByLabel('Kata sandi baru').fill('pendek');
  await invitee.getByLabel('Ulangi kata sandi').fill('pendek');
  await invitee.getByRole('button', { name: 'Buat akun' }).click();
  await expect(invitee.getByText('Kata sandi paling sedikit 10 karakter.')).toBeVisible();
  await invitee.getByLabel('Kata sandi baru').fill('rahasia wulan 2026');
  await invitee.getByLabel('Ulangi kata sandi').fill('rahasia wulan 2026');
  await invitee.getByRole('button', { name: 'Buat akun' }).click();
  await expect(invitee.getByRole('heading', { level: 1 })).toHaveText('TAS Cempaka Harapan');
  await expect(invitee.getByText('Pengasuh', { exact: true })).toBeVisible();
  await invitee.close();

  await page.reload();
  await expect(page.getByRole('row', { name: /Wulan Sari wulan@demo.asuh.id Pengasuh/ })).toBeVisible();
});

test('a coordinator adds a classroom and confirms the staff:child ratios', async ({ page, signInAs }) => {
  await signInAs('koordinator@demo.asuh.id');
  await page.goto('/c/demo-tas-cempaka/settings');
  const add = page.locator('form', { has: page.getByRole('heading', { name: 'Kelas baru' }) });
  await add.getByLabel('Nama kelas').fill('Kelompok Bermain');
  await add.getByLabel('Usia terendah (bulan)').fill('36');
  await add.getByLabel('Usia tertinggi (bulan)').fill('30');
  await add.getByRole('button', { name: 'Tambah' }).click();
  await expect(add.getByText('Usia tertinggi harus di atas usia terendah.')).toBeVisible();
  await add.getByLabel('Usia tertinggi (bulan)').fill('60');
  await add.getByRole('button', { name: 'Tambah' }).click();
  await expect(page.getByRole('heading', { name: 'Kelompok Bermain', level: 3 })).toBeVisible();
  await page.getByLabel('Anak per staf, di bawah 2 tahun').fill('4');
  await page.getByRole('button', { name: 'Konfirmasi rasio' }).click();
  await expect(page.getByText(/^Dikonfirmasi /)).toBeVisible();
});
