import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { expect, test } from './fixtures';

const CENTER = '/c/demo-tas-cempaka';
// Not demo-child-01/02/05 (other browser tests), nor 03/04/06/07/10/13 (messaging, plans, the door).
const CHILD = 'demo-child-16';
const MARKS = 'Memar kebiruan di betis kanan, sebesar ibu jari';

test('a caregiver raises a concern from marks seen at arrival; the coordinator assesses, refers and prints the letter; the guardian sees nothing of it', async ({
  page,
  signInAs,
  pageAs,
}) => {
  const db = getDb();
  const today = DateTime.now().setZone('Asia/Jakarta').toISODate()!;
  const child = await db
    .selectFrom('children')
    .select(['id', 'classroom_id', 'full_name', 'nickname'])
    .where('id', '=', CHILD)
    .executeTakeFirstOrThrow();
  const guardian = await db
    .selectFrom('guardians')
    .innerJoin('users', 'users.id', 'guardians.user_id')
    .select('users.email')
    .where('guardians.child_id', '=', CHILD)
    .executeTakeFirstOrThrow();
  const name = child.nickname ? `${child.full_name} (${child.nickname})` : child.full_name;
  // Today's record of the child is put back as it was after the test.
  const before = await db
    .selectFrom('attendance')
    .selectAll()
    .where('child_id', '=', CHILD)
    .where('date', '=', today)
    .executeTakeFirst();
  await db.deleteFrom('attendance').where('child_id', '=', CHILD).where('date', '=', today).execute();

  try {
    // The caregiver at the door: a health check with marks seen, then "raise a concern" from the card.
    await signInAs('pengasuh@demo.asuh.id');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${CENTER}/today?room=${child.classroom_id}`);
    for (const summary of await page.locator('details.door-group:not([open]) > summary').all()) await summary.click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
    await card.getByRole('button', { name }).click();
    await card.getByRole('button', { name: 'Cek kesehatan' }).click();
    await card.getByLabel('Tanda/luka yang terlihat (catatan)').fill(MARKS);
    await card
      .locator('form', { has: page.getByLabel('Tanda/luka yang terlihat (catatan)') })
      .getByRole('button', { name: 'Datang' })
      .click();
    await expect(card.getByText('Hadir', { exact: true })).toBeVisible();
    // The marks stay on the card; its name opens the less frequent taps, raising a concern among them.
    await expect(card.getByText(MARKS)).toBeVisible();
    await card.getByRole('button', { name }).click();
    await card.getByRole('link', { name: 'Sampaikan kekhawatiran tentang tanda ini' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Sampaikan kekhawatiran' })).toBeVisible();
    await expect(page.getByLabel('Anak', { exact: true })).toHaveValue(CHILD);
    await expect(page.getByLabel('Jenis kekhawatiran')).toHaveValue('injury_at_arrival');
    await expect(page.getByLabel('Apa yang terlihat atau terdengar')).toHaveValue(
      `Tanda terlihat saat anak datang: ${MARKS}`,
    );
    await expect(page.getByText('Hanya koordinator dan Anda yang dapat membaca kekhawatiran ini.')).toBeVisible();
    await page.getByLabel('Kata-kata anak').fill('"Kena pintu."');
    await page.getByRole('button', { name: 'Simpan dan beri tahu koordinator' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: `Kekhawatiran tentang ${child.full_name}` }),
    ).toBeVisible();
    await expect(page.getByText('Kekhawatiran tersimpan. Koordinator sudah diberi tahu.')).toBeVisible();
    const concernUrl = new URL(page.url()).pathname;

    // The coordinator: the concern awaits on her home; she assesses it and refers it.
    const coordinator = await pageAs('koordinator@demo.asuh.id');
    await coordinator.goto(CENTER);
    await expect(coordinator.getByRole('link', { name: /kekhawatiran menunggu penilaian/ })).toBeVisible();
    await coordinator.goto(concernUrl);
    await expect(coordinator.getByText(`Tanda terlihat saat anak datang: ${MARKS}`)).toBeVisible();
    await expect(coordinator.getByText('"Kena pintu."')).toBeVisible();
    const assess = coordinator.locator('form', { has: coordinator.getByRole('heading', { name: 'Penilaian' }) });
    await assess.getByRole('button', { name: 'Simpan penilaian' }).click();
    // Nothing chosen: the form says so and keeps what was typed.
    await expect(assess.getByText('Wajib diisi.').first()).toBeVisible();
    await assess.getByLabel('Tingkat risiko').selectOption({ label: 'Risiko sedang' });
    await assess
      .getByLabel('Dasar penilaian')
      .fill('Memar di tempat yang jarang terbentur; bicara dengan ibu hari ini.');
    await assess.getByRole('button', { name: 'Simpan penilaian' }).click();
    await expect(coordinator.getByText('Bicara dengan ibu hari ini.', { exact: false })).toBeVisible();
    await expect(coordinator.locator('p.lead')).toContainText('Risiko sedang');

    const refer = coordinator.locator('form', {
      has: coordinator.getByRole('heading', { name: 'Rujuk ke layanan lain' }),
    });
    await refer.getByLabel('Layanan').selectOption({ label: 'UPTD PPA' });
    await expect(refer.getByText(/Unit pelaksana teknis daerah perlindungan perempuan dan anak/)).toBeVisible();
    await refer.getByLabel('Kepada (kantor atau orang)').fill('UPTD PPA Kota Jakarta Timur');
    await refer.getByLabel('Kontak penerima').fill('Ibu Ratna, 021-5555-0129');
    await refer
      .getByLabel('Informasi yang dibagikan')
      .fill('Memar di betis kanan terlihat saat datang; kata-kata anak.');
    await refer.getByLabel('Dasar berbagi informasi').selectOption({ label: 'Kewajiban hukum melindungi anak' });
    await refer.getByRole('button', { name: 'Simpan rujukan' }).click();
    await expect(coordinator.getByRole('heading', { name: 'Rujukan' })).toBeVisible();
    await coordinator.getByRole('link', { name: 'Cetak surat rujukan' }).click();
    await expect(coordinator.getByRole('heading', { level: 1, name: 'TAS Cempaka Harapan' })).toBeVisible();
    await expect(coordinator.getByText('Perihal: Rujukan anak')).toBeVisible();
    await expect(coordinator.getByText('UPTD PPA Kota Jakarta Timur')).toBeVisible();
    await expect(coordinator.getByRole('cell', { name: child.full_name })).toBeVisible();
    await expect(coordinator.getByText(/Undang-Undang Nomor 35 Tahun 2014/)).toBeVisible();
    await expect(coordinator.getByRole('button', { name: 'Cetak' })).toBeVisible();
    // Printed: only the letter, not the button or the menu.
    await coordinator.emulateMedia({ media: 'print' });
    await expect(coordinator.getByRole('button', { name: 'Cetak' })).toBeHidden();
    await coordinator.emulateMedia({ media: 'screen' });

    // The concern lists who has seen it.
    await coordinator.goto(concernUrl);
    const coordinatorName = (
      await db
        .selectFrom('users')
        .select('name')
        .where('email', '=', 'koordinator@demo.asuh.id')
        .executeTakeFirstOrThrow()
    ).name;
    await expect(coordinator.locator('.concern-views')).toContainText(coordinatorName);

    // The guardian: the concern's address is a page that does not exist, and her pages say nothing of it.
    const family = await pageAs(guardian.email);
    const response = await family.goto(concernUrl);
    expect(response?.status()).toBe(404);
    await family.goto('/family');
    await expect(family.getByRole('heading', { name: new RegExp(child.full_name) }).first()).toBeVisible();
    await expect(family.locator('main')).not.toContainText(/kekhawatiran|rujukan|UPTD|Kena pintu/i);
    const refused = await db
      .selectFrom('audit_log')
      .innerJoin('users', 'users.id', 'audit_log.actor_id')
      .select(['audit_log.center_id'])
      .where('audit_log.entity', '=', 'welfare_concern')
      .where('audit_log.action', '=', 'refused')
      .where('users.email', '=', guardian.email)
      .execute();
    expect(refused).toEqual([{ center_id: 'demo-tas-cempaka' }]);
  } finally {
    const concerns = await db.selectFrom('welfare_concerns').select('id').where('child_id', '=', CHILD).execute();
    const ids = concerns.map((c) => c.id);
    if (ids.length) {
      await db.deleteFrom('concern_views').where('concern_id', 'in', ids).execute();
      await db.deleteFrom('concern_entries').where('concern_id', 'in', ids).execute();
      await db.deleteFrom('concern_referrals').where('concern_id', 'in', ids).execute();
      await db.deleteFrom('welfare_concerns').where('id', 'in', ids).execute();
    }
    await db.deleteFrom('attendance').where('child_id', '=', CHILD).where('date', '=', today).execute();
    if (before) await db.insertInto('attendance').values(before).execute();
  }
});
