import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { WEEKDAYS } from '~/modules/time/time';
import { expect, test } from './fixtures';

// The preschool teacher marks today's core activity as the children's choice, marks it done on her
// phone and writes down what a child said about it; the month's coverage counts both, and the
// named child's parent reads the words in the child's day. The test puts back what it touched.
const CENTER = 'demo-tas-cempaka';
const ROOM = 'Prasekolah (Kenanga)';

test('a teacher marks the children’s choice, records their words, and the month’s coverage counts them', async ({
  page,
  signInAs,
}) => {
  const db = getDb();
  const now = DateTime.now().setZone('Asia/Jakarta');
  const dayName = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'][now.weekday - 1];
  const weekday = WEEKDAYS[now.weekday - 1];
  const weekStart = now.startOf('week').toISODate()!;
  const { opening_hours } = await db
    .selectFrom('centers')
    .select('opening_hours')
    .where('id', '=', CENTER)
    .executeTakeFirstOrThrow();
  const hours = JSON.parse(opening_hours) as Record<string, [string, string] | null>;
  const room = await db
    .selectFrom('classrooms')
    .select('id')
    .where('center_id', '=', CENTER)
    .where('name', '=', ROOM)
    .executeTakeFirstOrThrow();
  // A child of the room whose parent signs in as wali…, not one the other browser tests use.
  const child = await db
    .selectFrom('children as c')
    .innerJoin('guardians as g', 'g.child_id', 'c.id')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['c.id', 'c.full_name', 'c.nickname', 'u.email'])
    .where('c.classroom_id', '=', room.id)
    .where('c.status', '=', 'enrolled')
    .where('c.id', 'not in', ['demo-child-01', 'demo-child-02', 'demo-child-05'])
    .where('u.email', 'like', 'wali%')
    .orderBy('c.id')
    .executeTakeFirstOrThrow();
  const childName = child.nickname ?? child.full_name;
  const hadBlocks = await db.selectFrom('room_time_blocks').select('id').where('classroom_id', '=', room.id).execute();
  // The demo's own plan for this week is set aside (moved to a week long past) and put back after.
  const seeded = await db
    .selectFrom('weekly_plans')
    .select('id')
    .where('classroom_id', '=', room.id)
    .where('week_start', '=', weekStart)
    .executeTakeFirst();
  const ASIDE = '2000-01-03';
  if (seeded) await db.updateTable('weekly_plans').set({ week_start: ASIDE }).where('id', '=', seeded.id).execute();
  const quote = 'Aku mau jadi penjual sayur, Bu!';

  try {
    // The demo center opens Monday to Friday: on a weekend the test opens it today, and closes it after.
    if (!hours[weekday])
      await db
        .updateTable('centers')
        .set({ opening_hours: JSON.stringify({ ...hours, [weekday]: ['07:00', '17:00'] }) })
        .where('id', '=', CENTER)
        .execute();
    await signInAs('guru@demo.asuh.id');
    await page.goto(`/c/${CENTER}/plans/${room.id}`);
    await page.getByLabel(`Kegiatan ${dayName} · Kegiatan inti`).selectOption({ label: 'Main pasar' });
    await page.getByLabel(`Dipilih anak: ${dayName} · Kegiatan inti`).check();
    await page.getByRole('button', { name: 'Simpan rencana' }).click();
    await expect(page.getByText('Perubahan tersimpan.')).toBeVisible();
    await expect(page.getByLabel(`Dipilih anak: ${dayName} · Kegiatan inti`)).toBeChecked();
    // The printed week shows the mark under the activity.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.plan-print').getByRole('cell', { name: /Main pasar/ })).toContainText('Dipilih anak');
    await page.emulateMedia({ media: 'screen' });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Kegiatan hari ini' }).click();
    const activity = page.getByRole('article', { name: /Main pasar/ });
    await expect(activity.getByText('Dipilih anak')).toBeVisible();
    await activity.getByRole('button', { name: 'Tandai terlaksana' }).click();
    await expect(page.getByText('Perubahan tersimpan.')).toBeVisible();

    const words = activity.getByRole('region', { name: 'Ide dan kata-kata anak' });
    await words.getByLabel('Apa kata anak-anak? (tulis seperti yang mereka ucapkan)').fill(quote);
    await words.getByText('Sebut nama anak (tidak wajib)').click();
    await words
      .getByRole('group', { name: 'Anak yang mengucapkannya' })
      .getByRole('checkbox', { name: childName })
      .check();
    await words.getByRole('button', { name: 'Simpan kata-kata anak' }).click();
    await expect(page.getByText('Perubahan tersimpan.')).toBeVisible();
    await expect(words.locator('blockquote')).toHaveText(quote);
    await expect(words.locator('figcaption')).toHaveText(childName);

    // The month's coverage, from the week's page.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/c/${CENTER}/plans/${room.id}`);
    await page.getByRole('link', { name: 'Cakupan bulanan' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Cakupan bulanan — ${ROOM}` })).toBeVisible();
    const summary = page.getByRole('region', { name: 'Ringkasan' });
    await expect(summary.getByText('1 kegiatan terlaksana', { exact: true })).toBeVisible();
    await expect(summary.getByText('1 kegiatan yang terlaksana adalah pilihan anak')).toBeVisible();
    await expect(summary.getByText('1 catatan ide dan kata-kata anak')).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Kegiatan yang paling sering dilakukan' }).getByRole('listitem'),
    ).toHaveText(['Main pasar — 1 kali']);
    await expect(page.getByRole('region', { name: 'Ide dan kata-kata anak' }).locator('blockquote')).toHaveText(quote);
    await expect(page.getByRole('button', { name: 'Cetak laporan' })).toBeVisible();

    // The named child's parent reads the words in the child's day.
    await page.context().clearCookies();
    await signInAs(child.email);
    await page.goto('/family');
    await expect(page.getByText(`“${quote}”`).first()).toBeVisible();
  } finally {
    const plan = await db
      .selectFrom('weekly_plans')
      .select('id')
      .where('classroom_id', '=', room.id)
      .where('week_start', '=', weekStart)
      .executeTakeFirst();
    const planId = plan?.id ?? '';
    const wordIds = (await db.selectFrom('plan_child_words').select('id').where('plan_id', '=', planId).execute()).map(
      (r) => r.id,
    );
    if (wordIds.length) await db.deleteFrom('plan_child_word_children').where('word_id', 'in', wordIds).execute();
    await db.deleteFrom('plan_child_words').where('plan_id', '=', planId).execute();
    await db.deleteFrom('plan_deliveries').where('plan_id', '=', planId).execute();
    await db.deleteFrom('weekly_plan_cells').where('plan_id', '=', planId).execute();
    await db.deleteFrom('weekly_plans').where('id', '=', planId).execute();
    if (!hadBlocks.length) await db.deleteFrom('room_time_blocks').where('classroom_id', '=', room.id).execute();
    await db.updateTable('centers').set({ opening_hours }).where('id', '=', CENTER).execute();
    if (seeded)
      await db.updateTable('weekly_plans').set({ week_start: weekStart }).where('id', '=', seeded.id).execute();
  }
});
