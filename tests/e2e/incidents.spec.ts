import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { expect, test } from './fixtures';

const CENTER = '/c/demo-tas-cempaka';
// A TAS child no other browser test uses; their guardian (wali11@) has this one child.
const CHILD = 'demo-child-11';

test('a caregiver records an incident from an arrival with marks, the guardian signs it off, the coordinator sees it signed', async ({
  page,
  signInAs,
  pageAs,
}) => {
  const db = getDb();
  const child = await db
    .selectFrom('children')
    .innerJoin('guardians', 'guardians.child_id', 'children.id')
    .innerJoin('users', 'users.id', 'guardians.user_id')
    .select(['children.classroom_id', 'children.full_name', 'children.nickname', 'users.email', 'users.name'])
    .where('children.id', '=', CHILD)
    .where('users.email', 'like', 'wali%')
    .executeTakeFirstOrThrow();
  // The demo's day depends on the hour it was seeded: start this child's day afresh, and put it back after.
  const today = DateTime.now().setZone('Asia/Jakarta').toISODate()!;
  const before = await db
    .selectFrom('attendance')
    .selectAll()
    .where('child_id', '=', CHILD)
    .where('date', '=', today)
    .executeTakeFirst();
  await db.deleteFrom('attendance').where('child_id', '=', CHILD).where('date', '=', today).execute();
  try {
    await signInAs('pengasuh@demo.asuh.id');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${CENTER}/today?room=${child.classroom_id}`);
    const name = child.nickname ? `${child.full_name} (${child.nickname})` : child.full_name;
    // Found by name (the search also unfolds a child not scheduled today); the health check opens from the name.
    await page.getByPlaceholder('Cari nama atau panggilan…').fill(child.full_name);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
    await card.getByRole('button', { name }).click();
    await card.getByRole('button', { name: 'Cek kesehatan' }).click();
    await card.getByLabel('Tanda/luka yang terlihat (catatan)').fill('Memar kecil di lutut kanan');
    await card.getByLabel('Diantar oleh').fill('Kakek');
    await card
      .locator('form', { has: page.getByLabel('Suhu (°C)') })
      .getByRole('button', { name: 'Datang' })
      .click();
    await expect(card.getByText('Hadir', { exact: true })).toBeVisible();

    // The card asks for attention and offers the report, filled in from the arrival check.
    await card.getByRole('link', { name: 'Catat kejadian' }).click();
    await expect(page.getByRole('heading', { name: 'Catat kejadian' })).toBeVisible();
    await expect(page.getByText('Sebagian sudah diisi dari layar kehadiran')).toBeVisible();
    await expect(page.getByLabel('Anak')).toHaveValue(CHILD);
    await expect(page.getByLabel('Jenis kejadian')).toHaveValue('marks_at_arrival');
    await expect(page.getByLabel('Apa yang terjadi')).toHaveValue(/Memar kecil di lutut kanan/);
    await expect(page.getByLabel('Siapa saja yang ada di sana')).toHaveValue(/Kakek \(yang mengantar\)/);
    // Submitting without first aid keeps everything and says what is missing.
    await page.getByRole('button', { name: 'Simpan dan beri tahu wali' }).click();
    await expect(page.getByText('Wajib diisi.').first()).toBeVisible();
    await page.getByLabel('Pertolongan pertama').fill('Tidak perlu; dikompres dingin sebentar.');
    await page.getByRole('button', { name: 'Simpan dan beri tahu wali' }).click();
    await expect(page.getByText('Laporan kejadian tersimpan')).toBeVisible();
    await expect(page.getByText('Belum ditandatangani wali')).toBeVisible();
    await expect(page.getByText('Dari cek kesehatan saat datang')).toBeVisible();
    const incidentUrl = page.url();

    // The guardian is told, reads it in their account and signs it off.
    const family = await pageAs(child.email);
    await family.goto('/family');
    await expect(family.getByText('Laporan kejadian menunggu tanda tangan Anda')).toBeVisible();
    await family.getByRole('link', { name: 'Baca dan tanda tangani' }).click();
    await expect(family.getByText('Memar kecil di lutut kanan')).toBeVisible();
    await family.getByLabel('Catatan (boleh dikosongkan)').fill('Terbentur meja di rumah kemarin sore.');
    await family.getByRole('button', { name: 'Tanda tangani' }).click();
    await expect(family.getByText(`Ditandatangani ${child.name}`)).toBeVisible();
    await expect(family.getByRole('button', { name: 'Tanda tangani' })).toHaveCount(0);

    // The coordinator sees who signed and when, and the guardian's comment.
    const coordinator = await pageAs('koordinator@demo.asuh.id');
    await coordinator.goto(`${CENTER}/incidents`);
    await expect(coordinator.getByRole('cell', { name: new RegExp(`Ditandatangani ${child.name}`) })).toBeVisible();
    await coordinator.goto(new URL(incidentUrl).pathname);
    await expect(coordinator.getByText(new RegExp(`Ditandatangani ${child.name}, `))).toBeVisible();
    await expect(coordinator.getByText('Terbentur meja di rumah kemarin sore.')).toBeVisible();
    await coordinator.getByRole('link', { name: 'Tampilan cetak' }).click();
    await expect(coordinator.getByRole('button', { name: 'Cetak' })).toBeVisible();
  } finally {
    await db.deleteFrom('incidents').where('child_id', '=', CHILD).execute();
    await db.deleteFrom('attendance').where('child_id', '=', CHILD).where('date', '=', today).execute();
    if (before) await db.insertInto('attendance').values(before).execute();
  }
});
