import { getDb } from '~db/client.server';
import { expect, markPage, stillTheSamePage, test } from './fixtures';

// A TARA C'More teacher opens the development of a child with "not yet" items, sends the first
// suggested activity home with a note; the child's parent, whose development page is open, sees it
// arrive, reads materials and steps, and says they tried it; the teacher sees that. Demo-child-28
// (a language delay) is used by no other browser test; the test removes what it sent at the end.
const CHILD = 'demo-child-28';
const CENTER = 'demo-tara-cmore';

test('a teacher sends a suggested activity home; the parent sees it and marks it tried', async ({
  page,
  signInAs,
  pageAs,
}) => {
  const db = getDb();
  const family = await db
    .selectFrom('guardians')
    .innerJoin('users', 'users.id', 'guardians.user_id')
    .select(['users.email', 'users.name'])
    .where('guardians.child_id', '=', CHILD)
    .orderBy('users.email')
    .executeTakeFirstOrThrow();
  const before = await db.selectFrom('home_activities').select('id').where('child_id', '=', CHILD).execute();
  expect(before, 'an activity left by an interrupted run: seed the demo afresh').toEqual([]);
  const note = `Sepuluh menit sebelum tidur sudah cukup, Bu. (${Date.now()})`;

  try {
    // The parent has the child's development page open.
    const parent = await pageAs(family.email);
    await parent.goto(`/family/children/${CHILD}/development`);
    await markPage(parent);
    await expect(parent.getByRole('heading', { name: 'Kegiatan untuk dicoba di rumah' })).toHaveCount(0);

    await signInAs('guru.tara@demo.asuh.id');
    await page.goto(`/c/${CENTER}/children/${CHILD}/development`);
    const suggestions = page.getByRole('region', { name: 'Saran kegiatan' });
    await expect(suggestions).toBeVisible();
    const first = suggestions.getByRole('article').first();
    const title = (await first.getAttribute('aria-label'))!;
    expect(title).toBeTruthy();
    await expect(first.getByText(/Mendukung \d+ kemampuan yang belum dikuasai/)).toBeVisible();

    // Too long a note is refused on the spot; what was typed stays.
    const noteField = first.getByLabel('Catatan untuk orang tua (tidak wajib)');
    await noteField.fill('x'.repeat(301));
    const send = first.getByRole('button', { name: `Kirim ke orang tua untuk dicoba di rumah: ${title}` });
    await send.click();
    await expect(first.getByText('Terlalu panjang (paling banyak 300 karakter).')).toBeVisible();
    await expect(noteField).toHaveValue('x'.repeat(301));
    await noteField.fill(note);
    await send.click();
    await expect(page.getByText('Kegiatan terkirim ke orang tua.')).toBeVisible();
    const sentList = page.getByRole('list', { name: 'Kegiatan yang dikirim ke rumah' });
    await expect(sentList.getByRole('listitem').filter({ hasText: title })).toContainText('Belum dicoba');

    // It arrives on the parent's open page, with the note as written, the materials and the steps.
    const activity = parent.getByRole('article', { name: title });
    await expect(activity).toBeVisible();
    await expect(activity.getByText(`Pesan guru: ${note}`)).toBeVisible();
    await expect(activity.getByRole('heading', { name: 'Bahan dan alat' })).toBeVisible();
    await expect(activity.getByRole('heading', { name: 'Langkah-langkah' })).toBeVisible();
    expect(await stillTheSamePage(parent)).toBe(true);

    // The home page points to it too.
    await parent.goto('/family');
    await expect(parent.getByText('Ada 1 kegiatan untuk dicoba di rumah:')).toBeVisible();
    await parent.getByRole('link', { name: title }).click();

    await parent.getByLabel('Cerita singkat untuk guru (tidak wajib)').fill('Anaknya senang, minta diulang besok.');
    await parent.getByRole('button', { name: `Sudah kami coba: ${title}` }).click();
    await expect(parent.getByText('Terima kasih, guru akan melihat bahwa Anda sudah mencobanya.')).toBeVisible();
    await expect(parent.getByRole('article', { name: title }).getByRole('status')).toContainText('Sudah dicoba pada');

    await page.reload();
    const row = page
      .getByRole('list', { name: 'Kegiatan yang dikirim ke rumah' })
      .getByRole('listitem')
      .filter({ hasText: title });
    await expect(row).toContainText(`Sudah dicoba`);
    await expect(row).toContainText('Kata keluarga: Anaknya senang, minta diulang besok.');
  } finally {
    await db.deleteFrom('home_activities').where('child_id', '=', CHILD).execute();
  }
});
