import { DateTime } from 'luxon';
import type { Page } from '@playwright/test';
import { getDb } from '~db/client.server';
import { expect, test, hydrated } from './fixtures';

// The door when the network drops (docs/decisions/0017). The pages here come from `pageAs`: a
// device that loses its network logs failed requests, which the default page counts as errors.
const CENTER_ID = 'demo-tas-cempaka';
const today = () => DateTime.now().setZone('Asia/Jakarta').toISODate()!;
/** Other browser tests check these children's day; these tests leave them alone. */
const TAKEN = ['demo-child-01', 'demo-child-02', 'demo-child-05'];

/** A room's children with no record today and a guardian with an account, the room with most of them. */
async function childrenNotYetHere(count: number) {
  const rows = await getDb()
    .selectFrom('children')
    .innerJoin('guardians', 'guardians.child_id', 'children.id')
    .innerJoin('users', 'users.id', 'guardians.user_id')
    .leftJoin('attendance', (join) =>
      join.onRef('attendance.child_id', '=', 'children.id').on('attendance.date', '=', today()),
    )
    .select(['children.id', 'children.full_name as name', 'children.classroom_id as room', 'users.email'])
    .where('children.center_id', '=', CENTER_ID)
    .where('children.status', '=', 'enrolled')
    .where('attendance.id', 'is', null)
    .where('children.id', 'not in', TAKEN)
    .orderBy('children.id')
    .execute();
  const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
  const byRoom = new Map<string | null, typeof unique>();
  for (const r of unique) byRoom.set(r.room, [...(byRoom.get(r.room) ?? []), r]);
  const [room, children] = [...byRoom.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  expect(children.length).toBeGreaterThanOrEqual(count);
  return { room: room!, children: children.slice(0, count) };
}

const records = (ids: string[]) =>
  getDb().selectFrom('attendance').selectAll().where('child_id', 'in', ids).where('date', '=', today()).execute();

async function openDoor(page: Page, room: string) {
  await page.goto(`/c/${CENTER_ID}/today?room=${room}`);
  await hydrated(page);
  // The page is kept for offline use (by the service worker, or by the page on its first visit).
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(async () => Boolean(await (await caches.open('asuh-door')).match(location.href)));
}

/** The child's card, found with the door's search (which unfolds every group). */
async function card(page: Page, name: string) {
  await page.getByPlaceholder('Cari nama atau panggilan…').fill(name);
  return page.locator('.door-card').filter({ has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });
}

async function checkOut(page: Page, name: string) {
  const c = await card(page, name);
  await c.getByRole('button', { name: 'Pulang' }).click();
  const radios = c.getByRole('radio');
  if (!(await radios.first().isChecked())) await radios.first().check();
  await c.getByRole('button', { name: 'Serahkan anak' }).click();
}

test('offline at the door: three arrivals and a pick-up wait on the phone, land once when the network returns; the parent sees them', async ({
  pageAs,
}) => {
  const { room, children } = await childrenNotYetHere(3);
  const ids = children.map((c) => c.id);
  const page = await pageAs('pengasuh@demo.asuh.id');
  await page.setViewportSize({ width: 360, height: 740 });
  await openDoor(page, room);

  await page.context().setOffline(true);
  await expect(page.getByText(/Tidak ada koneksi internet/)).toBeVisible();
  // The page no longer claims to be up to date.
  await expect(page.getByText('Menyambung ulang…')).toBeVisible();
  for (const child of children) {
    const c = await card(page, child.name);
    await c.getByRole('button', { name: 'Datang' }).click();
    await expect(c.getByText(/Menunggu dikirim/)).toBeVisible();
  }
  await checkOut(page, children[0].name);
  await expect((await card(page, children[0].name)).getByText(/Menunggu dikirim/)).toBeVisible();
  await page.getByPlaceholder('Cari nama atau panggilan…').fill('');
  await expect(page.getByText(/4 catatan tersimpan di perangkat ini/)).toBeVisible();
  // The ratio is the server's: it says what it does not count yet.
  await expect(page.getByText('Rasio ini belum menghitung 4 catatan yang menunggu dikirim.')).toBeVisible();
  // A reload without a network: the kept page, with the records still waiting.
  await page.reload();
  await expect(page.getByText(/4 catatan tersimpan di perangkat ini/)).toBeVisible();
  expect(await records(ids)).toEqual([]);

  await page.context().setOffline(false);
  await expect(page.getByText(/catatan (tersimpan|menunggu)/)).toHaveCount(0, { timeout: 20_000 });
  await expect
    .poll(async () => (await records(ids)).map((r) => [r.child_id, r.status]).sort())
    .toEqual(
      [
        [ids[0], 'checked_out'],
        [ids[1], 'present'],
        [ids[2], 'present'],
      ].sort(),
    );
  // Exactly once: one record a child, one tap each in the door's history.
  const taps = await getDb().selectFrom('door_taps').selectAll().where('child_id', 'in', ids).execute();
  expect(taps.map((t) => t.outcome)).toEqual(['applied', 'applied', 'applied', 'applied']);

  const parent = await pageAs(children[0].email);
  await parent.goto('/family');
  await expect(parent.getByText(/pulang \d{2}[.:]\d{2} bersama/).first()).toBeVisible();
});

test('two devices hand the same child over while offline: the earlier counts, the later device says so, both are in the history', async ({
  pageAs,
}) => {
  const { room, children } = await childrenNotYetHere(1);
  const [child] = children;
  const caregiver = await pageAs('pengasuh@demo.asuh.id');
  const coordinator = await pageAs('koordinator@demo.asuh.id');
  await openDoor(caregiver, room);
  await (await card(caregiver, child.name)).getByRole('button', { name: 'Datang' }).click();
  await expect.poll(async () => (await records([child.id])).length).toBe(1);
  await openDoor(coordinator, room);

  await caregiver.context().setOffline(true);
  await coordinator.context().setOffline(true);
  await checkOut(caregiver, child.name);
  await checkOut(coordinator, child.name);
  await caregiver.context().setOffline(false);
  await expect.poll(async () => (await records([child.id]))[0]?.status).toBe('checked_out');
  const first = (await records([child.id]))[0];
  await coordinator.context().setOffline(false);

  await expect(coordinator.getByText('Perlu dilihat: catatan dari perangkat ini')).toBeVisible({ timeout: 20_000 });
  await expect(coordinator.getByText(/Sudah tercatat dijemput pukul .* dari perangkat lain/)).toBeVisible();
  expect((await records([child.id]))[0].check_out_at).toBe(first.check_out_at);
  await coordinator.getByRole('button', { name: 'Mengerti' }).click();
  await expect(coordinator.getByText('Perlu dilihat: catatan dari perangkat ini')).toHaveCount(0);

  await coordinator.goto(`/c/${CENTER_ID}/attendance/${first.id}`);
  const history = coordinator.getByRole('region', { name: 'Catatan dari perangkat pintu' });
  await expect(history.getByText(/Pulang .* berlaku/)).toBeVisible();
  await expect(history.getByText(/Pulang .* sudah tercatat sebelumnya/)).toBeVisible();
});

test('offline, a room not opened on this device today says it needs the network; back, the kept room works', async ({
  pageAs,
}) => {
  const { room } = await childrenNotYetHere(1);
  const page = await pageAs('pengasuh@demo.asuh.id');
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await openDoor(page, room);
  await page.context().setOffline(true);
  await page.locator('.room-tabs a:not([aria-current])').first().click();
  await expect(page.getByRole('heading', { name: 'Tidak ada koneksi internet' })).toBeVisible();
  await expect(page.getByText(/perangkat ini hanya menyimpan halaman kehadiran/)).toBeVisible();
  await page.goBack();
  await expect(page.getByText(/Tidak ada koneksi internet\. /)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Datang' }).first()).toBeVisible();
  await page.context().setOffline(false);
  // Not an error of the application: nothing logged as one but the browser's own failed requests.
  expect(errors.filter((e) => !/Failed to load resource|Failed to fetch/.test(e))).toEqual([]);
});

test('signing out leaves nothing of the door on the device', async ({ pageAs }) => {
  const { room } = await childrenNotYetHere(1);
  const page = await pageAs('pengasuh@demo.asuh.id');
  await openDoor(page, room);
  const kept = () =>
    page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
    }));
  await expect.poll(async () => (await kept()).databases).toContain('asuh-door');
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await kept()).toEqual({ databases: [], caches: [] });
});

test('the kiosk offline: a family that entered its PIN checks a child in, it lands when the network returns; a PIN needs the network', async ({
  browser,
  pageAs,
}) => {
  const db = getDb();
  // A coordinator makes a pairing code; a tablet with nobody signed in becomes the kiosk.
  const coordinator = await pageAs('koordinator@demo.asuh.id');
  await coordinator.goto(`/c/${CENTER_ID}/kiosks`);
  await coordinator.getByLabel('Nama tablet').fill('Tablet luring');
  await coordinator.getByRole('button', { name: 'Buat kode pemasangan' }).click();
  const code = (await coordinator.locator('.pairing-code').textContent())!.trim();
  const context = await browser.newContext();
  const tablet = await context.newPage();
  await tablet.goto('/kiosk');
  await tablet.getByLabel('Kode pemasangan').fill(code);
  await tablet.getByRole('button', { name: 'Pasang' }).click();
  await expect(tablet.getByRole('heading', { name: 'Datang & pulang mandiri' })).toBeVisible();
  const child = await db
    .selectFrom('children')
    .select(['id', 'nickname'])
    .where('id', '=', 'demo-child-02')
    .executeTakeFirstOrThrow();
  const clear = () =>
    db.deleteFrom('attendance').where('child_id', '=', child.id).where('date', '=', today()).execute();
  await clear();

  await tablet.evaluate(() => navigator.serviceWorker.ready);
  const pin = async () => {
    await tablet.getByLabel('Nomor telepon').fill('081255550101');
    await tablet.getByLabel('PIN (6 angka)').fill('246810');
    await tablet.getByRole('button', { name: 'Lanjut' }).click();
  };
  await pin();
  await expect(tablet.getByText('Halo, Siti Rahmawati. Pilih anak Anda:')).toBeVisible();

  await context.setOffline(true);
  await tablet.locator('.kiosk-child', { hasText: child.nickname! }).getByRole('button', { name: 'Datang' }).click();
  await expect(tablet.getByText(/Tercatat datang\. Terima kasih! Tersimpan di tablet ini/)).toBeVisible();
  await expect(tablet.getByText(/1 catatan tersimpan di perangkat ini/)).toBeVisible();
  expect(await records([child.id])).toEqual([]);
  await pin();
  await expect(tablet.getByText(/Tidak ada koneksi internet, jadi ini belum bisa diperiksa/)).toBeVisible();

  await context.setOffline(false);
  await expect(tablet.getByText(/catatan (tersimpan|menunggu)/)).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(async () => (await records([child.id])).map((r) => r.status)).toEqual(['present']);
  const taps = await db
    .selectFrom('door_taps')
    .select(['device', 'outcome'])
    .where('child_id', '=', child.id)
    .execute();
  expect(taps).toContainEqual({ device: 'kiosk', outcome: 'applied' });
  await clear();
  await context.close();
  // Other journeys count the center's tablets.
  await coordinator.reload();
  await coordinator.getByRole('button', { name: /Cabut Tablet luring/ }).click();
  await expect(coordinator.getByText('Belum ada tablet yang dipasang.')).toBeVisible();
});
