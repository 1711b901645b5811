import { expect, test } from './fixtures';

// The demo sends no email: the development mailbox shows what would have gone out.
test('a coordinator invites a new caregiver; the demo’s mailbox shows the invitation with the same link', async ({
  page,
  signInAs,
  browser,
}) => {
  const email = `pengasuh.baru.${Date.now()}@demo.asuh.id`;
  await signInAs('koordinator@demo.asuh.id');
  await page.goto('/c/demo-tas-cempaka/staff');
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Buat undangan' }) });
  await form.getByLabel('Nama').fill('Wulan Sari');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Peran').selectOption('caregiver');
  await form.getByRole('button', { name: 'Buat undangan' }).click();
  await expect(page.getByText('Undangan untuk Wulan Sari dibuat dan dikirim ke emailnya.')).toBeVisible();
  const link = await page.getByLabel('Tautan undangan').inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{20,}$/);

  // The mailbox is open to anyone on the demo (it is for trying things out), like the invitation's owner.
  const mailbox = await (await browser.newContext()).newPage();
  const message = mailbox
    .getByRole('article', { name: 'Undangan bergabung dengan TAS Cempaka Harapan di Asuh' })
    .filter({
      hasText: email,
    });
  // The worker sends within moments of the invitation; the page shows the outbox as it is now.
  await expect(async () => {
    await mailbox.goto('/dev/mail');
    await expect(message.getByText('Terkirim', { exact: false })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(mailbox.getByRole('heading', { name: 'Kotak surat pengembangan', level: 1 })).toBeVisible();
  await expect(message.getByText('Bahasa Indonesia')).toBeVisible();
  await expect(message.getByText('Halo Wulan Sari,')).toBeVisible();
  await expect(message.getByText(link)).toBeVisible();

  // The link in the email is the coordinator's: it opens the invitation.
  await mailbox.goto(link);
  await expect(mailbox.getByRole('heading', { name: 'Bergabung dengan TAS Cempaka Harapan' })).toBeVisible();

  // The coordinator sees the center's email, nothing failed.
  await page.getByRole('link', { name: 'Email' }).first().click();
  await expect(page.getByRole('heading', { name: 'Email', level: 1 })).toBeVisible();
  await expect(page.getByText('Tidak ada email yang gagal.')).toBeVisible();
});
