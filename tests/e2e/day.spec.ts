import sharp from 'sharp';
import { getDb } from '~db/client.server';
import { DateTime } from 'luxon';
import { newId } from '~db/ids';
import { expect, markPage, stillTheSamePage, test } from './fixtures';

const CENTER = 'demo-tas-cempaka';
/** Children other browser tests use; these tests leave them alone. */
const TAKEN = ['demo-child-01', 'demo-child-02', 'demo-child-05'];

type DemoChild = { id: string; nickname: string; classroomId: string; guardianEmail: string };

/**
 * A room (of the TAS, unless another center is named) with at least `n` children no other test
 * uses, each with their own guardian; checked in, nothing of their day logged yet.
 */
async function childrenHere(n: number, center = CENTER): Promise<DemoChild[]> {
  const rows = await getDb()
    .selectFrom('children')
    .innerJoin('guardians', 'guardians.child_id', 'children.id')
    .innerJoin('users', 'users.id', 'guardians.user_id')
    .select([
      'children.id',
      'children.nickname',
      'children.classroom_id as classroomId',
      'users.email as guardianEmail',
    ])
    .where('children.center_id', '=', center)
    .where('users.email', 'like', 'wali%')
    .orderBy('children.id')
    .execute();
  const free = rows.filter((r) => !TAKEN.includes(r.id)) as DemoChild[];
  const byRoom = new Map<string, DemoChild[]>();
  for (const r of free) byRoom.set(r.classroomId, [...(byRoom.get(r.classroomId) ?? []), r]);
  const room = [...byRoom.values()].sort((a, b) => b.length - a.length)[0];
  if (!room || room.length < n) throw new Error(`the demo has no room at ${center} with ${n} free children`);
  const chosen = room.slice(0, n);
  const caregiver = await getDb()
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'pengasuh@demo.asuh.id')
    .executeTakeFirstOrThrow();
  // Here today, as the door would record it (the door's own test covers how).
  const now = new Date().toISOString();
  const date = DateTime.now().setZone('Asia/Jakarta').toISODate()!;
  for (const c of chosen)
    await getDb()
      .insertInto('attendance')
      .values({
        id: newId(),
        center_id: center,
        child_id: c.id,
        classroom_id: c.classroomId,
        date,
        status: 'present',
        check_in_at: now,
        check_in_by: caregiver.id,
        fever_confirmed: 0,
        created_at: now,
        updated_at: now,
      })
      // Whatever the demo seeded for today, these children are here now.
      .onConflict((oc) =>
        oc.columns(['child_id', 'date']).doUpdateSet({
          status: 'present',
          check_in_at: now,
          check_in_by: caregiver.id,
          check_out_at: null,
          check_out_by: null,
          picked_up_by: null,
          absence_reason: null,
        }),
      )
      .execute();
  // …and nothing of their day is written yet (the demo logs the morning of the children it seeded here).
  await getDb()
    .deleteFrom('day_entries')
    .where(
      'child_id',
      'in',
      chosen.map((c) => c.id),
    )
    .where('date', '=', date)
    .execute();
  return chosen;
}

test('a caregiver logs lunch and a nap for several children at once; the parent’s open page shows them', async ({
  page,
  signInAs,
  pageAs,
}) => {
  const [a, b] = await childrenHere(2);
  const parent = await pageAs(a.guardianEmail);
  await parent.goto('/family');
  const card = parent.locator('.card', { has: parent.getByRole('heading', { name: new RegExp(a.nickname) }) });
  await expect(card.getByText('Datang', { exact: true })).toBeVisible();
  await markPage(parent);

  await signInAs('pengasuh@demo.asuh.id');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/c/${CENTER}/day/${a.classroomId}`);
  await page.getByRole('checkbox', { name: a.nickname, exact: true }).check();
  await page.getByRole('checkbox', { name: b.nickname, exact: true }).check();
  await page.getByRole('radio', { name: 'Makan', exact: true }).check();
  await page.getByLabel('Apa yang dimakan').fill('Nasi, sop ayam, tahu');
  await page.getByRole('radio', { name: 'Sebagian besar' }).check();
  await page.getByRole('button', { name: 'Simpan untuk 2 anak' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Tersimpan untuk 2 anak.' });
  await expect(saved).toBeVisible();
  // The page's own live update (its entries, announced) refreshes the log but keeps the confirmation.
  await page.waitForTimeout(1000);
  await expect(saved).toBeVisible();

  // The same two children stay chosen: a nap that starts now, ended later.
  await page.getByRole('radio', { name: 'Tidur', exact: true }).check();
  await page.getByRole('button', { name: 'Simpan untuk 2 anak' }).click();
  const log = page.locator('.room-log');
  // The room's other children may be asleep too (the demo's afternoon): count these two.
  const asleep = (c: DemoChild) => log.locator('li', { hasText: c.nickname }).filter({ hasText: 'tidur sejak' });
  await expect(asleep(a)).toHaveCount(1);
  await expect(asleep(b)).toHaveCount(1);
  await expect(log.locator('li', { hasText: 'Nasi, sop ayam, tahu' })).toHaveCount(2);
  await asleep(a).getByRole('button', { name: 'Sudah bangun' }).click();
  await expect(asleep(a)).toHaveCount(0);
  await expect(asleep(b)).toHaveCount(1);

  await expect(card.getByText('Nasi, sop ayam, tahu · Sebagian besar')).toBeVisible();
  await expect(card.getByText('Tidur', { exact: true })).toBeVisible();
  expect(await stillTheSamePage(parent)).toBe(true);
  await card.getByRole('link', { name: /Lihat semua catatan/ }).click();
  await expect(parent.getByRole('heading', { name: `Kegiatan ${a.nickname} hari ini` })).toBeVisible();
  await expect(parent.locator('.day-timeline li').last()).toContainText('Datang');
});

test('a parent who has not consented never sees a photo of their child, nor does another family', async ({
  page,
  signInAs,
  pageAs,
}) => {
  const [withConsent, without, withdrawing] = await childrenHere(3);
  await getDb()
    .updateTable('children')
    .set({ consent_photos: 1 })
    .where('id', 'in', [withConsent.id, withdrawing.id])
    .execute();
  await getDb().updateTable('children').set({ consent_photos: 0 }).where('id', '=', without.id).execute();
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#e9a23b' } })
    .jpeg()
    .toBuffer();

  await signInAs('pengasuh@demo.asuh.id');
  await page.goto(`/c/${CENTER}/day/${withConsent.classroomId}`);
  const upload = async (children: DemoChild[]) => {
    for (const c of [withConsent, without, withdrawing])
      await page.getByRole('checkbox', { name: c.nickname, exact: true }).setChecked(children.includes(c));
    await page.getByRole('radio', { name: 'Foto', exact: true }).check();
    await page
      .locator('input[type=file][name=photo]')
      .setInputFiles({ name: 'main.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: `Simpan untuk ${children.length} anak` }).click();
  };
  await upload([withConsent, without]);
  const refusal = page.getByRole('alert').filter({ hasText: `belum mengizinkan foto: ${without.nickname}` });
  await expect(refusal).toBeVisible();
  // A colleague logs something in the same room meanwhile: the open page's live update must not
  // wipe the refusal the caregiver is reading.
  const colleague = await pageAs('guru@demo.asuh.id');
  const logged = await colleague.request.post(`/c/${CENTER}/day/${withConsent.classroomId}`, {
    form: { intent: 'log', kind: 'note', childIds: withConsent.id, text: 'Bermain pasir' },
  });
  expect(logged.ok()).toBe(true);
  await expect(page.locator('.room-log li', { hasText: 'Bermain pasir' })).toHaveCount(0);
  await page.waitForTimeout(1500);
  await expect(refusal).toBeVisible();
  await upload([withConsent, withdrawing]);
  await expect(page.getByRole('status').filter({ hasText: 'Tersimpan untuk 2 anak.' })).toBeVisible();

  const other = await pageAs(withConsent.guardianEmail);
  await other.goto('/family');
  const img = other.locator('img.day-photo');
  await expect(img).toHaveCount(1);
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1200);
  const src = (await img.getAttribute('src'))!;

  // The family without consent has no photo, and the photo's address tells them nothing.
  const refusing = await pageAs(without.guardianEmail);
  await refusing.goto('/family');
  await expect(refusing.locator('img.day-photo')).toHaveCount(0);
  expect((await refusing.request.get(src)).status()).toBe(404);

  // A family in the photo withdraws consent: the photo leaves every family's page at once.
  const withdrawer = await pageAs(withdrawing.guardianEmail);
  await withdrawer.goto(`/family/children/${withdrawing.id}`);
  await withdrawer.getByRole('radio', { name: 'Tidak' }).check();
  await withdrawer.getByRole('button', { name: 'Simpan' }).first().click();
  await expect(withdrawer.getByRole('radio', { name: 'Tidak' })).toBeChecked();
  await other.reload();
  await expect(other.locator('img.day-photo')).toHaveCount(0);
  expect((await other.request.get(src)).status()).toBe(404);
});

test('at the workplace daycare a mother logs her own breastfeeding visit from her phone; the room log shows it as hers', async ({
  page,
  signInAs,
  pageAs,
}) => {
  const [baby] = await childrenHere(1, 'demo-tara-cmore');
  const mother = await pageAs(baby.guardianEmail);
  await mother.setViewportSize({ width: 390, height: 844 });
  await mother.goto(`/family/children/${baby.id}/day`);
  const form = mother.locator('form', { has: mother.getByRole('heading', { name: 'Catat kunjungan menyusui' }) });
  // Three hours is a typing error: said in words, what was typed kept.
  await form.getByLabel('Lama menyusui (menit)').fill('180');
  await form.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await expect(form.getByText('Isi antara 1 dan 120 menit.')).toBeVisible();
  await expect(form.getByLabel('Lama menyusui (menit)')).toHaveValue('180');
  await form.getByLabel('Lama menyusui (menit)').fill('20');
  await form.getByRole('button', { name: 'Simpan kunjungan' }).click();
  await expect(mother.getByRole('status').filter({ hasText: 'Kunjungan menyusui tercatat.' })).toBeVisible();
  const visit = mother.locator('.day-timeline li', { hasText: 'Menyusui (ibu datang)' });
  await expect(visit).toHaveCount(1);
  await expect(form.getByLabel('Lama menyusui (menit)')).toHaveValue('');

  await signInAs('pengasuh.tara@demo.asuh.id');
  await page.goto(`/c/demo-tara-cmore/day/${baby.classroomId}`);
  const name = (await visit.locator('.hint').textContent())!.replace(/^ · oleh /, '');
  await expect(
    page.locator('.room-log li', { hasText: 'Menyusui (ibu datang)' }).filter({ hasText: name }),
  ).toHaveCount(1);

  // She takes it back; the caregiver's page follows without a reload.
  await markPage(page);
  await visit.getByRole('button', { name: 'Hapus (salah catat)' }).click();
  await expect(visit).toHaveCount(0);
  await expect(
    page.locator('.room-log li', { hasText: 'Menyusui (ibu datang)' }).filter({ hasText: name }),
  ).toHaveCount(0);
  expect(await stillTheSamePage(page)).toBe(true);
});
