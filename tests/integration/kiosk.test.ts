import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeChild, linkGuardian, makeUser } from '~db/seed/factories';
import { issueTicket } from '~/modules/attendance/kiosk.server';
import { THROTTLE } from '~/modules/auth/throttle';
import { action as accountAction, loader as accountLoader } from '~/routes/account';
import { action as kiosksAction, loader as kiosksLoader } from '~/routes/c.$centerId.kiosks';
import { action as kioskAction, loader as kioskLoader } from '~/routes/kiosk';
import { action as kioskTapsAction } from '~/routes/kiosk.taps';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie, succeeded } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let tablet: string;
let deviceId: string;
const kiosk = (form: Record<string, string>, cookie = tablet) =>
  callAction(kioskAction, { path: '/kiosk', cookie, form });
const setPin = (cookie: string, form: Record<string, string>) =>
  callAction(accountAction, { path: '/account', cookie, form: { intent: 'set-pin', centerId: w.center.id, ...form } });

/** A coordinator makes a pairing code; the tablet types it and receives its device cookie. */
async function pairTablet(centerId: string, coordinatorId: string, name = 'Tablet pintu') {
  const made = await callAction(kiosksAction, {
    path: `/c/${centerId}/kiosks`,
    params: { centerId },
    cookie: await sessionCookie(coordinatorId),
    form: { intent: 'pair', name },
  });
  const paired = await callAction(kioskAction, {
    path: '/kiosk',
    form: { intent: 'pair', code: succeeded(made).pairing!.code.toLowerCase() },
  });
  expectRedirect(paired, '/kiosk');
  return paired.headers
    .getSetCookie()
    .find((c) => c.startsWith('asuh_kiosk='))!
    .split(';')[0];
}

beforeAll(async () => {
  w = await twoCenters();
  tablet = await pairTablet(w.center.id, w.coordinator.id);
  deviceId = (
    await getDb()
      .selectFrom('kiosk_devices')
      .select('id')
      .where('center_id', '=', w.center.id)
      .executeTakeFirstOrThrow()
  ).id;
  const parent = await sessionCookie(w.parent.id);
  expect((await setPin(parent, { phone: '0812-1111-2222', pin: '123456', confirm: '654321' })).data.errors).toEqual({
    confirm: 'errors.pinsDiffer',
  });
  expect((await setPin(parent, { phone: '0812-1111-2222', pin: '12a456', confirm: '12a456' })).data.errors).toEqual({
    pin: 'errors.pin',
  });
  expectRedirect(await setPin(parent, { phone: '0812-1111-2222', pin: '482913', confirm: '482913' }), '/account');
  const stored = await getDb()
    .selectFrom('kiosk_pins')
    .select(['phone', 'pin_hash'])
    .where('user_id', '=', w.parent.id)
    .executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ phone: '+6281211112222', pin_hash: expect.stringMatching(/^\$argon2id\$/) });
});

describe('pairing a kiosk', () => {
  it('turns a tablet into the kiosk with a one-time code; a wrong or used code is refused', async () => {
    expect((await callLoader(kioskLoader, { path: '/kiosk', cookie: tablet })).data.device).toEqual({
      centerName: 'TAS Mawar',
      name: 'Tablet pintu',
    });
    expect((await callLoader(kioskLoader, { path: '/kiosk' })).data.device).toBeNull();
    expect((await kiosk({ intent: 'pair', code: 'ABCD-EFGH' }, '')).data.errors).toEqual({
      code: 'errors.pairingInvalid',
    });
    const list = await callLoader(kiosksLoader, {
      path: '',
      params: { centerId: w.center.id },
      cookie: await sessionCookie(w.coordinator.id),
    });
    expect(list.data.devices.map((d) => [d.name, d.paired_at !== null])).toEqual([['Tablet pintu', true]]);
  });

  it('is for the coordinator only', async () => {
    const caregiver = await sessionCookie(w.caregiver.id);
    expect(
      (
        await callAction(kiosksAction, {
          path: '',
          params: { centerId: w.center.id },
          cookie: caregiver,
          form: { intent: 'pair', name: 'x' },
        })
      ).status,
    ).toBe(403);
    const other = await sessionCookie(w.otherCoordinator.id);
    expect(
      (
        await callAction(kiosksAction, {
          path: '',
          params: { centerId: w.center.id },
          cookie: other,
          form: { intent: 'revoke', deviceId },
        })
      ).status,
    ).toBe(404);
  });

  it('stops working at once when revoked, and forgets its cookie', async () => {
    const spare = await pairTablet(w.center.id, w.coordinator.id, 'Cadangan');
    const spareId = (
      await getDb().selectFrom('kiosk_devices').select('id').where('name', '=', 'Cadangan').executeTakeFirstOrThrow()
    ).id;
    await callAction(kiosksAction, {
      path: '',
      params: { centerId: w.center.id },
      cookie: await sessionCookie(w.coordinator.id),
      form: { intent: 'revoke', deviceId: spareId },
    });
    const page = await callLoader(kioskLoader, { path: '/kiosk', cookie: spare });
    expect(page.data.device).toBeNull();
    expect(page.headers.get('Set-Cookie')).toMatch(/asuh_kiosk=;.*Max-Age=0/);
    expect((await kiosk({ intent: 'pin', phone: '081211112222', pin: '482913' }, spare)).data.errors).toMatchObject({
      code: 'errors.required',
    });
  });
});

describe('a guardian at the kiosk', () => {
  it('checks their own child in and out with phone and PIN, named as themselves in the audit log', async () => {
    const { family } = succeeded(await kiosk({ intent: 'pin', phone: '0812-1111-2222', pin: '482913' }));
    expect(family!.children).toEqual([
      { id: w.child.id, name: 'Putri Lestari', restricted: false, status: 'expected' },
    ]);
    const ticket = family!.ticket;
    expect((await kiosk({ intent: 'kiosk-in', ticket, childId: w.child.id })).data).toEqual({ done: 'kiosk-in' });
    const record = await getDb()
      .selectFrom('attendance')
      .selectAll()
      .where('child_id', '=', w.child.id)
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({ status: 'present', check_in_by: w.parent.id });
    expect((await kiosk({ intent: 'kiosk-out', ticket, childId: w.child.id })).data).toEqual({ done: 'kiosk-out' });
    expect(
      (
        await getDb()
          .selectFrom('attendance')
          .select('picked_up_by')
          .where('id', '=', record.id)
          .executeTakeFirstOrThrow()
      ).picked_up_by,
    ).toBe('Ibu');
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('actor_id')
      .where('entity', '=', 'attendance')
      .where('entity_id', '=', record.id)
      .execute();
    expect(audit.map((a) => a.actor_id)).toEqual([w.parent.id, w.parent.id]);
  });

  it("refuses another family's child, a forged, expired or other-device ticket", async () => {
    const ticket = issueTicket({ userId: w.parent.id, centerId: w.center.id, deviceId });
    expect((await kiosk({ intent: 'kiosk-in', ticket, childId: w.otherChild.id })).data.errors).toEqual({
      form: 'errors.kioskExpired',
    });
    expect(
      (
        await kiosk({
          intent: 'kiosk-in',
          ticket: ticket.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')),
          childId: w.child.id,
        })
      ).data.errors,
    ).toEqual({ form: 'errors.kioskExpired' });
    const old = issueTicket({ userId: w.parent.id, centerId: w.center.id, deviceId, now: Date.now() - 10 * 60_000 });
    expect((await kiosk({ intent: 'kiosk-in', ticket: old, childId: w.child.id })).data.errors).toEqual({
      form: 'errors.kioskExpired',
    });
    const elsewhere = issueTicket({ userId: w.parent.id, centerId: w.center.id, deviceId: 'another-device' });
    expect((await kiosk({ intent: 'kiosk-in', ticket: elsewhere, childId: w.child.id })).data.errors).toEqual({
      form: 'errors.kioskExpired',
    });
  });

  it('sends a guardian to staff when custody restricts collecting the child', async () => {
    const child = await makeChild(getDb(), {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Dimas Hak Asuh',
    });
    await getDb()
      .updateTable('children')
      .set({ custody_note: 'Putusan PN: hanya ibu', custody_restricts_pickup: 1 })
      .where('id', '=', child.id)
      .execute();
    await linkGuardian(getDb(), { childId: child.id, userId: w.parent.id });
    const { family } = succeeded(await kiosk({ intent: 'pin', phone: '081211112222', pin: '482913' }));
    expect(family!.children.find((c) => c.id === child.id)).toMatchObject({ restricted: true });
    const ticket = family!.ticket;
    expect((await kiosk({ intent: 'kiosk-in', ticket, childId: child.id })).data).toEqual({ done: 'kiosk-in' });
    expect((await kiosk({ intent: 'kiosk-out', ticket, childId: child.id })).data.errors).toEqual({
      form: 'errors.kioskSeeStaff',
    });
    expect(
      (
        await getDb()
          .selectFrom('attendance')
          .select('status')
          .where('child_id', '=', child.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('present');
  });

  it('lands the tablet’s offline taps once, at the time tapped, if the ticket was valid then', async () => {
    const db = getDb();
    const child = await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Eko Kios' });
    await linkGuardian(db, { childId: child.id, userId: w.parent.id });
    const tappedAt = new Date(Date.now() - 5 * 60_000);
    // Issued just before the taps; it has expired by the time the network returns.
    const ticket = issueTicket({ userId: w.parent.id, centerId: w.center.id, deviceId, now: tappedAt.getTime() });
    const tap = (intent: string, seconds: number, more: Record<string, string> = {}) => ({
      clientId: `kiosk-tap-${intent}-${child.id}`,
      tappedAt: new Date(tappedAt.getTime() + seconds * 1000).toISOString(),
      intent,
      ticket,
      childId: child.id,
      ...more,
    });
    const send = (taps: object[], cookie = tablet) =>
      callAction(kioskTapsAction, { path: '/kiosk/taps', cookie, form: { taps: JSON.stringify(taps) } });
    const batch = [tap('kiosk-in', 1), tap('kiosk-out', 30)];
    const first = await send(batch);
    expect((first.data as { answers: { outcome: string }[] }).answers.map((a) => a.outcome)).toEqual([
      'applied',
      'applied',
    ]);
    const again = await send(batch);
    expect((again.data as { answers: { outcome: string; replay: boolean }[] }).answers).toMatchObject([
      { outcome: 'applied', replay: true },
      { outcome: 'applied', replay: true },
    ]);
    const day = await db.selectFrom('attendance').selectAll().where('child_id', '=', child.id).execute();
    expect(day).toMatchObject([
      { status: 'checked_out', check_in_at: batch[0].tappedAt, check_out_at: batch[1].tappedAt, picked_up_by: 'Ibu' },
    ]);
    const taps = await db.selectFrom('door_taps').selectAll().where('child_id', '=', child.id).execute();
    expect(taps.map((t) => [t.device, t.actor_id])).toEqual([
      ['kiosk', w.parent.id],
      ['kiosk', w.parent.id],
    ]);

    // A tap made after the ticket expired, another family's child, no paired tablet: refused.
    const late = await send([tap('kiosk-in', 10 * 60, { clientId: 'kiosk-tap-late' })]);
    expect((late.data as { answers: object[] }).answers).toMatchObject([{ outcome: 'refused', error: 'kioskExpired' }]);
    const other = await send([{ ...tap('kiosk-in', 1), clientId: 'kiosk-tap-other', childId: w.otherChild.id }]);
    expect((other.data as { answers: object[] }).answers).toMatchObject([
      { outcome: 'refused', error: 'kioskExpired' },
    ]);
    expect((await send(batch, await sessionCookie(w.parent.id))).status).toBe(403);
    expect((await send(batch, '')).status).toBe(403);
    const malformed = await callAction(kioskTapsAction, { path: '/kiosk/taps', cookie: tablet, form: { taps: '{' } });
    expect(malformed.status).toBe(400);
  });

  it('keeps one phone to one guardian per center', async () => {
    const neighbour = await makeUser(getDb(), { email: 'tetangga@example.test', name: 'Tetangga' });
    const theirChild = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id });
    await linkGuardian(getDb(), { childId: theirChild.id, userId: neighbour.id });
    const cookie = await sessionCookie(neighbour.id);
    const taken = await setPin(cookie, { phone: '+62 812 1111 2222', pin: '111111', confirm: '111111' });
    expect(taken.data.errors).toEqual({ phone: 'errors.kioskPhoneTaken' });
    // The same number is free at a center where nobody uses it; a center without their children is a 404.
    expect(
      (await setPin(cookie, { centerId: w.other.id, phone: '081211112222', pin: '111111', confirm: '111111' })).status,
    ).toBe(404);
    const page = await callLoader(accountLoader, { path: '/account', cookie });
    expect(page.data.kioskPins).toEqual([{ centerId: w.center.id, centerName: 'TAS Mawar', phone: null }]);
  });

  it('slows down PIN guessing, even for the right PIN afterwards', async () => {
    for (let i = 0; i < THROTTLE.account.free; i++) {
      expect((await kiosk({ intent: 'pin', phone: '081211112222', pin: String(100000 + i) })).data.errors).toEqual({
        form: 'errors.pinWrong',
      });
    }
    const next = await kiosk({ intent: 'pin', phone: '081211112222', pin: '482913' });
    expect(next.data.errors?.form).toMatch(/^errors\.loginThrottled\?seconds=\d+$/);
    expect((await kiosk({ intent: 'pin', phone: '081211112222', pin: '12' })).data.errors).toEqual({
      pin: 'errors.pin',
    });
  });

  it('is only for a paired tablet: a signed-in parent or staff member gets the pairing screen', async () => {
    const parent = await sessionCookie(w.parent.id);
    expect((await kiosk({ intent: 'pin', phone: '081211112222', pin: '482913' }, parent)).data.errors).toMatchObject({
      code: 'errors.required',
    });
  });
});
