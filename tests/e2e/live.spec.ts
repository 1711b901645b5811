import { getDb } from '~db/client.server';
import { localDate } from '~/modules/time/time';
import { expect, markPage, stillTheSamePage, test } from './fixtures';

const CENTER_ID = 'demo-tas-cempaka';

test('a check-in at the door shows at once on the guardian’s open family page and on another caregiver’s door screen', async ({
  page,
  signInAs,
  pageAs,
}) => {
  const db = getDb();
  const { time_zone } = await db
    .selectFrom('centers')
    .select('time_zone')
    .where('id', '=', CENTER_ID)
    .executeTakeFirstOrThrow();
  // A child with one guardian of their own (wali03…) that other tests leave alone (they take the
  // first ids), not at the center yet today whatever the demo seeded.
  const child = await db
    .selectFrom('children')
    .innerJoin('guardians', 'guardians.child_id', 'children.id')
    .innerJoin('users', 'users.id', 'guardians.user_id')
    .select(['children.id', 'children.full_name', 'children.nickname', 'children.classroom_id', 'users.email'])
    .where('children.center_id', '=', CENTER_ID)
    .where('children.status', '=', 'enrolled')
    .where('children.classroom_id', 'is not', null)
    .where('users.email', 'like', 'wali%')
    .orderBy('children.id', 'desc')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('attendance').where('child_id', '=', child.id).where('date', '=', localDate(time_zone)).execute();
  const heading = child.nickname ? `${child.full_name} (${child.nickname})` : child.full_name;

  const guardian = await pageAs(child.email);
  await guardian.goto('/family');
  const card = guardian.locator('.card', { has: guardian.getByRole('heading', { name: heading }) });
  await expect(card.getByText('Belum datang hari ini.')).toBeVisible();

  const otherDoor = await pageAs('guru@demo.asuh.id');
  await otherDoor.goto(`/c/${CENTER_ID}/today?room=${child.classroom_id}`);
  await otherDoor.getByPlaceholder('Cari nama atau panggilan…').fill(child.full_name);
  const otherCard = otherDoor.getByRole('listitem').filter({ has: otherDoor.getByRole('heading', { name: heading }) });
  await expect(otherCard.getByText('Hadir', { exact: true })).toHaveCount(0);

  for (const p of [guardian, otherDoor]) await markPage(p);

  await signInAs('pengasuh@demo.asuh.id');
  await page.goto(`/c/${CENTER_ID}/today?room=${child.classroom_id}`);
  await page.getByPlaceholder('Cari nama atau panggilan…').fill(child.full_name);
  const door = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: heading }) });
  await door.getByRole('button', { name: 'Datang', exact: true }).click();
  await expect(door.getByText('Hadir', { exact: true })).toBeVisible();

  await expect(card.getByText(/datang \d\d[.:]\d\d/)).toBeVisible();
  await expect(card.getByText('Belum datang hari ini.')).toHaveCount(0);
  await expect(otherCard.getByText('Hadir', { exact: true })).toBeVisible();
  for (const p of [guardian, otherDoor]) expect(await stillTheSamePage(p)).toBe(true);
});
