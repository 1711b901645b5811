import { getDb } from '~db/client.server';
import { expect, markPage, stillTheSamePage, test } from './fixtures';

const CENTER = '/c/demo-tas-cempaka';

/** A demo child and its one guardian (demo-child-03 … 18 are at the TAS, each with a guardian of their own). */
async function familyOf(childId: string) {
  return getDb()
    .selectFrom('children')
    .innerJoin('guardians', 'guardians.child_id', 'children.id')
    .innerJoin('users', 'users.id', 'guardians.user_id')
    .select(['children.full_name', 'children.nickname', 'users.email', 'users.name as guardianName'])
    .where('children.id', '=', childId)
    .executeTakeFirstOrThrow();
}

test('a parent messages the teacher, the teacher replies, and each sees that the other has read it', async ({
  page,
  signInAs,
  pageAs,
}) => {
  const family = await familyOf('demo-child-03');
  const text = `Selamat pagi Bu, ${family.nickname} tadi malam agak batuk. (${Date.now()})`;

  // The parent writes from the child's card.
  const parent = await pageAs(family.email);
  await parent.goto('/family');
  const card = parent.locator('.card', { has: parent.getByRole('heading', { name: new RegExp(family.full_name) }) });
  await card.getByRole('link', { name: 'Pesan' }).click();
  await expect(parent.getByRole('heading', { name: `Pesan tentang ${family.nickname}` })).toBeVisible();
  // An empty message is refused on the spot, in words.
  await parent.getByRole('button', { name: 'Kirim' }).click();
  await expect(parent.getByText('Tulis pesan terlebih dahulu.')).toBeVisible();
  await parent.getByLabel('Tulis pesan').fill(text);
  // A file over the limit is refused before it is sent; what was typed stays.
  const attachment = parent.getByLabel('Lampiran (tidak wajib)');
  await attachment.setInputFiles({ name: 'video.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024) });
  await parent.getByRole('button', { name: 'Kirim' }).click();
  await expect(parent.getByText('Lampiran terlalu besar (paling besar 10 MB).')).toBeVisible();
  await expect(parent.getByLabel('Tulis pesan')).toHaveValue(text);
  await attachment.setInputFiles([]);
  await parent.getByRole('button', { name: 'Kirim' }).click();
  const sent = parent.getByRole('listitem').filter({ hasText: text });
  await expect(sent.getByText('Terkirim')).toBeVisible();
  await expect(parent.getByLabel('Tulis pesan')).toHaveValue('');
  await markPage(parent);

  // The teacher sees it in the inbox, unread, and opens it.
  await signInAs('guru@demo.asuh.id');
  await page.goto(CENTER);
  await expect(page.getByRole('link', { name: /^Pesan \d+ baru$/ })).toBeVisible();
  await page.getByRole('link', { name: /^Pesan/ }).click();
  const row = page.getByRole('listitem').filter({ hasText: family.full_name });
  await expect(row.getByText('1 belum dibaca')).toBeVisible();
  await row.getByRole('link', { name: new RegExp(family.full_name) }).click();
  await expect(page.getByText(text)).toBeVisible();
  await markPage(page);
  const reply = `Baik Bu, kami pantau ${family.nickname} hari ini. (${Date.now()})`;
  await page.getByLabel('Tulis pesan').fill(reply);
  await page.getByRole('button', { name: 'Kirim' }).click();
  const replied = page.getByRole('listitem').filter({ hasText: reply });
  await expect(replied.getByText('Terkirim')).toBeVisible();

  // The parent's open page, without a reload: the teacher has read the message, and the reply is there.
  await expect(sent.getByText('Dibaca')).toBeVisible();
  await expect(parent.getByText(reply)).toBeVisible();
  // The parent's page has shown the reply, so the parent has read it: the teacher's open page says so.
  await expect(replied.getByText('Dibaca')).toBeVisible();
  for (const p of [parent, page]) expect(await stillTheSamePage(p)).toBe(true);
  // And the inbox no longer counts it.
  await page.getByRole('link', { name: 'Semua pesan' }).click();
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: family.full_name })
      .getByText(/belum dibaca/),
  ).toHaveCount(0);
});

test('an announcement asking for acknowledgement: one parent acknowledges, the other is listed as pending', async ({
  page,
  signInAs,
  pageAs,
}) => {
  const acknowledging = await familyOf('demo-child-04');
  const pending = await familyOf('demo-child-06');
  const title = `Kasus flu singapura di kelas (${Date.now()})`;

  await signInAs('koordinator@demo.asuh.id');
  await page.goto(`${CENTER}/announcements`);
  await page.getByLabel('Untuk').selectOption({ label: 'Seluruh tempat penitipan' });
  await page.getByLabel('Judul').fill(title);
  await page
    .getByLabel('Isi pengumuman')
    .fill('Mohon periksa tangan, kaki dan mulut anak setiap pagi. Anak yang demam atau ruam tetap di rumah.');
  await page.getByLabel('Minta konfirmasi keluarga').check();
  await page.getByRole('button', { name: 'Kirim pengumuman' }).click();
  await expect(page.getByText('Pengumuman terkirim.')).toBeVisible();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await markPage(page);

  // One parent finds it on their home page and acknowledges it with one tap.
  const parent = await pageAs(acknowledging.email);
  await parent.goto('/family');
  const item = parent.getByRole('listitem').filter({ hasText: title });
  await expect(item.getByText('Perlu konfirmasi')).toBeVisible();
  await item.getByRole('link', { name: title }).click();
  await parent.getByRole('button', { name: 'Saya sudah membaca' }).click();
  await expect(parent.getByText(/Anda sudah mengonfirmasi pada/)).toBeVisible();

  // The coordinator's open page shows who has and who has not.
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: pending.guardianName }).getByText('belum', { exact: true })).toBeVisible();
  await expect(rows.filter({ hasText: acknowledging.guardianName }).getByText('belum', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Ingatkan \d+ keluarga$/ })).toBeVisible();
  expect(await stillTheSamePage(page)).toBe(true);
  await page.getByRole('button', { name: /^Ingatkan \d+ keluarga$/ }).click();
  await expect(page.getByText('Pengingat terkirim ke keluarga yang belum menanggapi.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Ingatkan/ })).toBeDisabled();
});
