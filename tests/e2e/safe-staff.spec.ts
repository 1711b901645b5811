import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import { CRITERIA } from '~/modules/safeguarding/standard';
import { PDF_BYTES } from '../support/files';
import { expect, test } from './fixtures';

const CENTER = '/c/demo-tas-cempaka';
const ZONE = 'Asia/Jakarta';

// The coordinator records a lapsed police clearance (SKCK) for Sumarni, a caregiver on shift in the
// toddler room: she is flagged on the staff list and leaves the room's ratio; the coordinator
// decides to count her, and she is back. Then a self-assessment with evidence. Everything the test
// writes about Sumarni is removed at the end, so the demo's other tests see the room as before.
test('a lapsed SKCK takes a caregiver out of the ratio until the coordinator decides; a self-assessment', async ({
  page,
  signInAs,
}) => {
  const db = getDb();
  const today = DateTime.now().setZone(ZONE);
  const date = today.toISODate()!;
  const sumarni = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'sumarni@demo.asuh.id')
    .executeTakeFirstOrThrow();
  const room = await db
    .selectFrom('classrooms')
    .select('id')
    .where('center_id', '=', 'demo-tas-cempaka')
    .where('name', 'like', 'Batita%')
    .executeTakeFirstOrThrow();
  // Outside opening hours (or at the weekend) nobody is on shift: put her in the room for the test.
  const onShift = await db
    .selectFrom('staff_shifts')
    .select('id')
    .where('user_id', '=', sumarni.id)
    .where('date', '=', date)
    .where('clock_out_at', 'is', null)
    .executeTakeFirst();
  const addedShift = onShift
    ? null
    : await db
        .insertInto('staff_shifts')
        .values({
          id: newId(),
          center_id: 'demo-tas-cempaka',
          classroom_id: room.id,
          user_id: sumarni.id,
          date,
          clock_in_at: new Date().toISOString(),
          clock_out_at: null,
        })
        .returning(['id', 'classroom_id'])
        .executeTakeFirstOrThrow();
  const roomId = addedShift?.classroom_id ?? room.id;
  const assessmentsBefore = (
    await db.selectFrom('self_assessments').select('id').where('center_id', '=', 'demo-tas-cempaka').execute()
  ).map((a) => a.id);
  try {
    await signInAs('koordinator@demo.asuh.id');
    await page.goto(`${CENTER}/today?room=${roomId}`);
    const ratio = page.locator('.ratio');
    const staffBefore = Number((await ratio.innerText()).match(/(\d+) staf untuk/)![1]);
    await expect(ratio).not.toContainText('tidak dihitung');

    // The staff list links to her record; the coordinator records an SKCK that expired yesterday.
    await page.goto(`${CENTER}/staff`);
    await page
      .getByRole('row', { name: /Sumarni/ })
      .getByRole('link', { name: /Dihitung/ })
      .click();
    await expect(page.getByRole('heading', { name: 'Dokumen keamanan: Sumarni' })).toBeVisible();
    await page.getByLabel('Jenis dokumen').selectOption('police_clearance');
    await page.getByLabel('Nomor dokumen').fill('SKCK/2026/0412');
    await page.getByLabel('Tanggal terbit').fill(today.minus({ months: 6, days: 1 }).toISODate()!);
    await page.getByLabel('Berlaku sampai').fill(today.minus({ days: 1 }).toISODate()!);
    await page
      .getByLabel('Dokumen (PDF, JPEG atau PNG)')
      .setInputFiles({ name: 'skck-sumarni.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
    await page.getByRole('button', { name: 'Simpan dokumen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Dokumen dicatat.' })).toBeVisible();
    await expect(page.getByText('Tidak dihitung dalam rasio staf:anak: SKCK')).toBeVisible();
    await expect(page.getByRole('link', { name: 'skck-sumarni.pdf' })).toBeVisible();

    await page.goto(`${CENTER}/staff`);
    await expect(page.getByRole('row', { name: /Sumarni/ })).toContainText('Tidak dihitung: dokumen habis berlaku');

    // The door's ratio card: one fewer counted, and why.
    await page.goto(`${CENTER}/today?room=${roomId}`);
    await expect(ratio).toContainText(`${staffBefore - 1} staf untuk`);
    await expect(ratio).toContainText(
      'Sumarni sedang jaga tetapi tidak dihitung dalam rasio: SKCK sudah habis berlaku.',
    );

    // The coordinator decides to count her (with who and when).
    await page.goto(`${CENTER}/safeguarding/staff/${sumarni.id}`);
    await page.getByRole('button', { name: 'Tetap hitung dalam rasio' }).click();
    await expect(page.getByText('Keputusan rasio disimpan.')).toBeVisible();
    await expect(page.getByText(/Koordinator memutuskan tetap dihitung: /)).toBeVisible();
    await page.goto(`${CENTER}/today?room=${roomId}`);
    await expect(ratio).toContainText(`${staffBefore} staf untuk`);
    await expect(ratio).not.toContainText('tidak dihitung');

    // A self-assessment against the child-friendly daycare standard, with a document as evidence.
    await page.goto(`${CENTER}/staff`);
    await page.getByRole('link', { name: /Keamanan & perizinan/ }).click();
    await page.getByRole('link', { name: 'Penilaian mandiri baru' }).click();
    const met = page.getByRole('radio', { name: 'Terpenuhi', exact: true });
    await expect(met).toHaveCount(CRITERIA.length);
    const count = CRITERIA.length;
    for (let i = 0; i < count; i++) await met.nth(i).check();
    await page.getByRole('radio', { name: 'Sebagian', exact: true }).first().check();
    await page.getByLabel('Catatan').first().fill('Pagar taman bermain sedang diperbaiki.');
    await page
      .getByLabel('Bukti (PDF, JPEG atau PNG)')
      .first()
      .setInputFiles({ name: 'denah-ruang.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
    await page.getByRole('button', { name: 'Simpan penilaian' }).click();
    const score = Math.round((100 * (2 * count - 1)) / (2 * count));
    await expect(page.getByText(`Skor ${score}/100`)).toBeVisible();
    await expect(page.getByText('Pagar taman bermain sedang diperbaiki.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'denah-ruang.pdf' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cetak' })).toBeVisible();
    await page.getByRole('link', { name: 'Kembali ke keamanan & perizinan' }).click();
    await expect(page.getByRole('img', { name: /Skor penilaian mandiri dari waktu ke waktu/ })).toBeVisible();
  } finally {
    const checks = await db
      .selectFrom('staff_checks')
      .select('document_id')
      .where('user_id', '=', sumarni.id)
      .execute();
    await db.deleteFrom('staff_checks').where('user_id', '=', sumarni.id).execute();
    const docs = checks.flatMap((c) => (c.document_id ? [c.document_id] : []));
    if (docs.length) await db.deleteFrom('documents').where('id', 'in', docs).execute();
    await db
      .updateTable('memberships')
      .set({ counts_in_ratio_override: null, ratio_decided_by: null, ratio_decided_at: null })
      .where('user_id', '=', sumarni.id)
      .execute();
    let cleanup = db.deleteFrom('self_assessments').where('center_id', '=', 'demo-tas-cempaka');
    if (assessmentsBefore.length) cleanup = cleanup.where('id', 'not in', assessmentsBefore);
    await cleanup.execute();
    if (addedShift) await db.deleteFrom('staff_shifts').where('id', '=', addedShift.id).execute();
  }
});
