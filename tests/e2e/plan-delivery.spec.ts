import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import { WEEKDAYS } from '~/modules/time/time';
import { expect, test } from './fixtures';

// On her phone, the teacher of Batita (Anggrek) marks today's core activity (from the library) done
// and records observations for three children from it, one tap each. The teacher writes today's
// plan first (on a desktop); the test afterwards puts back everything it touched (plan, blocks, answers).
const CENTER = 'demo-tas-cempaka';
// Not demo-child-01/02/05, which other browser tests use.
const CHILDREN = [
  ['demo-child-13', 'Bima'],
  ['demo-child-07', 'Gita'],
  ['demo-child-10', 'Joko'],
] as const;

test('a teacher marks an activity done and records observations for three children from it', async ({
  page,
  signInAs,
}) => {
  const db = getDb();
  const now = DateTime.now().setZone('Asia/Jakarta');
  const today = now.toISODate()!;
  const dayName = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'][now.weekday - 1];
  // The demo center opens Monday to Friday: on a weekend the test opens it today, and closes it after.
  const { opening_hours } = await db
    .selectFrom('centers')
    .select('opening_hours')
    .where('id', '=', CENTER)
    .executeTakeFirstOrThrow();
  const weekday = WEEKDAYS[now.weekday - 1];
  const hours = JSON.parse(opening_hours) as Record<string, [string, string] | null>;
  if (!hours[weekday])
    await db
      .updateTable('centers')
      .set({ opening_hours: JSON.stringify({ ...hours, [weekday]: ['07:00', '17:00'] }) })
      .where('id', '=', CENTER)
      .execute();
  const room = await db
    .selectFrom('classrooms')
    .select('id')
    .where('center_id', '=', CENTER)
    .where('name', '=', 'Batita (Anggrek)')
    .executeTakeFirstOrThrow();
  const weekStart = now.startOf('week').toISODate()!;
  const hadBlocks = await db.selectFrom('room_time_blocks').select('id').where('classroom_id', '=', room.id).execute();
  const hadPlan = await db
    .selectFrom('weekly_plans')
    .select('id')
    .where('classroom_id', '=', room.id)
    .where('week_start', '=', weekStart)
    .executeTakeFirst();
  expect(hadPlan, 'a plan this week left by an interrupted run: seed the demo afresh').toBeUndefined();
  const childIds = CHILDREN.map(([id]) => id);
  const answersBefore = await db
    .selectFrom('milestone_observations')
    .select(['id', 'status'])
    .where('child_id', 'in', childIds)
    .where('observed_on', '=', today)
    .execute();

  // Joko is here today (as the door would record it), for his parent to see the activity; put back after.
  const jokoBefore = await db
    .selectFrom('attendance')
    .selectAll()
    .where('child_id', '=', 'demo-child-10')
    .where('date', '=', today)
    .executeTakeFirst();

  try {
    const at = new Date().toISOString();
    await db.deleteFrom('attendance').where('child_id', '=', 'demo-child-10').where('date', '=', today).execute();
    await db
      .insertInto('attendance')
      .values({
        id: newId(),
        center_id: CENTER,
        child_id: 'demo-child-10',
        classroom_id: room.id,
        date: today,
        status: 'present',
        check_in_at: at,
        fever_confirmed: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await signInAs('guru@demo.asuh.id');
    await page.goto(`/c/${CENTER}/plans/${room.id}`);
    await page.getByLabel(`Kegiatan ${dayName} · Kegiatan inti`).selectOption({ label: 'Main masak-masakan' });
    await page.getByRole('button', { name: 'Simpan rencana' }).click();
    await expect(page.getByText('Perubahan tersimpan.')).toBeVisible();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Kegiatan hari ini' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Kegiatan hari ini — Batita (Anggrek)' })).toBeVisible();

    const activity = page.getByRole('article', { name: /Main masak-masakan/ });
    await expect(activity.getByRole('status').first()).toHaveText('Belum ditandai');
    await activity.getByLabel('Catatan (tidak wajib)').fill('Anak-anak suka sekali');
    await activity.getByRole('button', { name: 'Tandai terlaksana' }).click();
    await expect(page.getByText('Perubahan tersimpan.')).toBeVisible();
    await expect(activity.getByRole('status').first()).toHaveText('Terlaksana · Anak-anak suka sekali');

    await activity.getByText('Catat pengamatan dari kegiatan ini').click();
    // Only the three who took part: untick whoever was ticked as present, tick the three.
    const taking = activity.getByRole('group', { name: 'Anak yang ikut' });
    for (const box of await taking.getByRole('checkbox').all()) await box.uncheck();
    for (const [, name] of CHILDREN) await taking.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
    const items = activity.getByRole('group', { name: 'Kemampuan yang didukung' }).getByRole('checkbox');
    await expect(items).toHaveCount(4);
    for (const box of await items.all()) await expect(box).toBeChecked();

    // One tap per child on the first item: yes, not yet, yes.
    const taps = ['Ya', 'Belum', 'Ya'];
    for (const [i, [, name]] of CHILDREN.entries()) {
      const answer = activity.getByRole('radiogroup', { name: new RegExp(`^${name}:`) }).first();
      await answer.getByRole('radio', { name: taps[i] }).check();
      await expect(answer.getByRole('status')).toHaveText('Tersimpan');
    }
    const written = await db
      .selectFrom('milestone_observations')
      .select(['child_id', 'status'])
      .where('child_id', 'in', childIds)
      .where('observed_on', '=', today)
      .where('id', 'not in', answersBefore.length ? answersBefore.map((a) => a.id) : [''])
      .execute();
    expect(Object.fromEntries(written.map((w) => [w.child_id, w.status]))).toEqual({
      'demo-child-13': 'yes',
      'demo-child-07': 'not_yet',
      'demo-child-10': 'yes',
    });

    // Joko is here today: his parent sees the activity in his day, with the note.
    await page.context().clearCookies();
    await signInAs('wali10@demo.asuh.id');
    await page.goto('/family');
    await expect(page.getByText('Main masak-masakan · Anak-anak suka sekali')).toBeVisible();
  } finally {
    await db.deleteFrom('attendance').where('child_id', '=', 'demo-child-10').where('date', '=', today).execute();
    if (jokoBefore) await db.insertInto('attendance').values(jokoBefore).execute();
    const plan = await db
      .selectFrom('weekly_plans')
      .select('id')
      .where('classroom_id', '=', room.id)
      .where('week_start', '=', weekStart)
      .executeTakeFirst();
    const planId = plan?.id ?? '';
    await db
      .deleteFrom('milestone_observations')
      .where('child_id', 'in', childIds)
      .where('observed_on', '=', today)
      .where('id', 'not in', answersBefore.length ? answersBefore.map((a) => a.id) : [''])
      .execute();
    for (const a of answersBefore)
      await db.updateTable('milestone_observations').set({ status: a.status }).where('id', '=', a.id).execute();
    await db.deleteFrom('plan_deliveries').where('plan_id', '=', planId).execute();
    await db.deleteFrom('weekly_plan_cells').where('plan_id', '=', planId).execute();
    await db.deleteFrom('weekly_plans').where('id', '=', planId).execute();
    if (!hadBlocks.length) await db.deleteFrom('room_time_blocks').where('classroom_id', '=', room.id).execute();
    await db.updateTable('centers').set({ opening_hours }).where('id', '=', CENTER).execute();
  }
});
