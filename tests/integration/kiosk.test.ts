import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { THROTTLE } from '~/modules/auth/throttle';
import { issueTicket } from '~/modules/attendance/kiosk.server';
import { action as accountAction } from '~/routes/account';
import { action as kioskAction } from '~/routes/c.$centerId.kiosk';
import { twoCenters } from '../support/fixtures';
import { callAction, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let tablet: string;
const kiosk = (form: Record<string, string>, ip = '10.1.1.1') => callAction(kioskAction, { path: `/c/${w.center.id}/kiosk`, params: { centerId: w.center.id }, cookie: tablet, form, ip });

beforeAll(async () => {
  w = await twoCenters();
  tablet = await sessionCookie(w.caregiver.id);
  await getDb().updateTable('users').set({ phone: '+6281211112222' }).where('id', '=', w.parent.id).execute();
  const parent = await sessionCookie(w.parent.id);
  const mismatch = await callAction(accountAction, { path: '/account', cookie: parent, form: { intent: 'set-pin', pin: '123456', confirm: '654321' } });
  expect(mismatch.data.errors).toEqual({ confirm: 'errors.pinsDiffer' });
  expect((await callAction(accountAction, { path: '/account', cookie: parent, form: { intent: 'set-pin', pin: '12a456', confirm: '12a456' } })).data.errors).toEqual({ pin: 'errors.pin' });
  expect((await callAction(accountAction, { path: '/account', cookie: parent, form: { intent: 'set-pin', pin: '482913', confirm: '482913' } })).status).toBe(302);
  const stored = await getDb().selectFrom('guardians').select('pin_hash').where('user_id', '=', w.parent.id).executeTakeFirstOrThrow();
  expect(stored.pin_hash).toMatch(/^\$argon2id\$/);
});

describe('kiosk mode', () => {
  it('lets a guardian check their own child in and out with phone and PIN', async () => {
    const family = await kiosk({ intent: 'pin', phone: '0812-1111-2222', pin: '482913' });
    expect(family.data.family.children).toEqual([{ id: w.child.id, name: 'Putri Lestari', status: 'expected' }]);
    const ticket = family.data.family.ticket;
    expect((await kiosk({ intent: 'kiosk-in', ticket, childId: w.child.id })).data).toEqual({ done: 'kiosk-in' });
    const record = await getDb().selectFrom('attendance').selectAll().where('child_id', '=', w.child.id).executeTakeFirstOrThrow();
    expect(record).toMatchObject({ status: 'present', check_in_by: w.parent.id });
    expect((await kiosk({ intent: 'kiosk-out', ticket, childId: w.child.id })).data).toEqual({ done: 'kiosk-out' });
    expect((await getDb().selectFrom('attendance').select('picked_up_by').where('id', '=', record.id).executeTakeFirstOrThrow()).picked_up_by).toBe('Ibu');
  });

  it("refuses another family's child, a forged or expired ticket", async () => {
    const ticket = issueTicket(w.parent.id, w.center.id);
    expect((await kiosk({ intent: 'kiosk-in', ticket, childId: w.otherChild.id })).data.errors).toEqual({ form: 'errors.kioskExpired' });
    expect((await kiosk({ intent: 'kiosk-in', ticket: ticket.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), childId: w.child.id })).data.errors).toEqual({ form: 'errors.kioskExpired' });
    const old = issueTicket(w.parent.id, w.center.id, Date.now() - 10 * 60_000);
    expect((await kiosk({ intent: 'kiosk-in', ticket: old, childId: w.child.id })).data.errors).toEqual({ form: 'errors.kioskExpired' });
  });

  it('slows down PIN guessing, even for the right PIN afterwards', async () => {
    for (let i = 0; i < THROTTLE.account.free; i++) {
      expect((await kiosk({ intent: 'pin', phone: '081211112222', pin: String(100000 + i) }, '10.2.2.2')).data.errors).toEqual({ form: 'errors.pinWrong' });
    }
    const next = await kiosk({ intent: 'pin', phone: '081211112222', pin: '482913' }, '10.2.2.2');
    expect(next.data.errors.form).toMatch(/^errors\.loginThrottled\?seconds=\d+$/);
    expect((await kiosk({ intent: 'pin', phone: '081211112222', pin: '12' })).data.errors).toEqual({ pin: 'errors.pin' });
  });

  it('is only for staff-signed-in tablets of that center', async () => {
    const parent = await sessionCookie(w.parent.id);
    expect((await callAction(kioskAction, { path: '', params: { centerId: w.center.id }, cookie: parent, form: { intent: 'pin', phone: '0812', pin: '482913' } })).status).toBe(404);
  });
});
