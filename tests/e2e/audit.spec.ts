import { expect, test } from './fixtures';

test('the coordinator reads the change history as a record, narrows it to a child and exports it', async ({
  page,
  signInAs,
}) => {
  await signInAs('koordinator@demo.asuh.id');
  await page.goto('/c/demo-tas-cempaka/audit');
  await expect(page.getByRole('heading', { name: 'Riwayat perubahan', level: 1 })).toBeVisible();
  await expect(page.getByText(/audit\.|_id\b|_at\b/)).toHaveCount(0);

  await page.getByLabel('Jenis data').selectOption({ label: 'catatan perkembangan' });
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page).toHaveURL(/entity=milestone_observation/);
  const first = page.getByRole('listitem').filter({ hasText: 'membuat catatan perkembangan' }).first();
  await expect(first).toContainText('(Guru)');
  await expect(first.getByRole('rowheader', { name: 'Kemampuan' })).toBeVisible();
  const child = first.getByRole('link');
  const name = (await child.textContent())!;

  await page.getByLabel('Anak').selectOption({ label: name });
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page).toHaveURL(/child=/);
  const csv = page.getByRole('link', { name: 'Unduh CSV' });
  await expect(csv).toHaveAttribute(
    'href',
    /\/c\/demo-tas-cempaka\/audit\.csv\?child=[^&]+&entity=milestone_observation$/,
  );
  const response = await page.request.get((await csv.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain(name);

  await page
    .getByRole('listitem')
    .filter({ hasText: 'membuat catatan perkembangan' })
    .first()
    .getByRole('link', { name })
    .click();
  await expect(page).toHaveURL(/\/c\/demo-tas-cempaka\/children\//);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
});
