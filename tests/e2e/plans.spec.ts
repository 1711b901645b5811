import { getDb } from '~db/client.server';
import { expect, markPage, stillTheSamePage, test } from './fixtures';

// The infant room's teacher builds this week's plan from the library, publishes it, and a parent of
// the room sees it appear on her open home page; a parent of another room does not. The test takes
// the plan back at the end, so the other tests' family pages are as the demo made them.
test('a teacher builds a week from the library and publishes it; the room’s parent sees it', async ({
  page,
  signInAs,
  pageAs,
}) => {
  const db = getDb();
  const guardianIn = (room: string) =>
    db
      .selectFrom('guardians as g')
      .innerJoin('children as c', 'c.id', 'g.child_id')
      .innerJoin('classrooms as r', 'r.id', 'c.classroom_id')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select('u.email')
      .where('r.name', '=', room)
      .where('c.status', '=', 'enrolled')
      .where('u.email', 'like', 'wali%')
      .orderBy('u.email')
      .executeTakeFirstOrThrow();
  const parentHere = (await guardianIn('Bayi (Melati)')).email;
  const parentElsewhere = (await guardianIn('Prasekolah (Kenanga)')).email;

  await signInAs('guru@demo.asuh.id');
  await page.goto('/c/demo-tas-cempaka/activities');
  await page
    .getByRole('navigation', { name: 'Rencana mingguan per kelas' })
    .getByRole('link', { name: 'Bayi (Melati)' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rencana mingguan Bayi (Melati)' })).toBeVisible();
  await expect(page.getByText('Belum ada rencana')).toBeVisible();

  const theme = `Mengenal teman ${Date.now()}`;
  await page.getByLabel('Tema minggu ini').fill(theme);
  await page.getByLabel('Kegiatan Senin · Kegiatan inti').selectOption({ label: 'Lagu salam dan dadah' });
  await page.getByLabel('Catatan Selasa · Main di luar').fill('Jalan pagi di taman');
  await page.getByRole('button', { name: 'Simpan rencana' }).click();
  await expect(page.getByText('Perubahan tersimpan.')).toBeVisible();
  await expect(page.getByText('Draf (belum terlihat oleh orang tua)')).toBeVisible();
  await expect(page.getByLabel('Kegiatan Senin · Kegiatan inti')).toHaveValue(/.+/);
  await expect(page.getByLabel('Catatan Selasa · Main di luar')).toHaveValue('Jalan pagi di taman');
  await expect(page.getByRole('list', { name: 'Aspek perkembangan' })).toBeVisible();

  // The parent has her home page open; the plan arrives without a reload.
  const parent = await pageAs(parentHere);
  await parent.goto('/family');
  await markPage(parent);
  await expect(parent.getByRole('heading', { name: /Rencana kegiatan minggu ini/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Terbitkan untuk orang tua' }).click();
  await expect(page.getByText('Sudah diterbitkan untuk orang tua')).toBeVisible();

  const plan = parent.getByRole('region', { name: 'Rencana kegiatan minggu ini · Bayi (Melati)' });
  await expect(plan).toBeVisible();
  await expect(plan).toContainText(theme);
  await expect(plan.getByRole('row', { name: /Kegiatan inti/ })).toContainText('Lagu salam dan dadah');
  await expect(plan.getByRole('row', { name: /Main di luar/ })).toContainText('Jalan pagi di taman');
  expect(await stillTheSamePage(parent)).toBe(true);

  const other = await pageAs(parentElsewhere);
  await other.goto('/family');
  await expect(other.getByRole('heading', { level: 1 })).toBeVisible();
  // Not this room's plan (the demo publishes the other rooms' weeks: their families see those).
  await expect(other.getByRole('region', { name: 'Rencana kegiatan minggu ini · Bayi (Melati)' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Tarik kembali' }).click();
  await expect(page.getByText('Draf (belum terlihat oleh orang tua)')).toBeVisible();
  await expect(plan).toHaveCount(0);
});
