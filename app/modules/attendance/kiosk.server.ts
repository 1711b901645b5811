// Kiosk mode on a shared tablet at the door: a guardian types their phone number and personal
// PIN to check their own children in or out. PINs are hashed like passwords and share the
// sign-in throttle, so guessing is slowed down and then locked.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getDb } from '~db/client.server';
import { hashPassword, verifyPassword } from '../auth/password.server';
import { sessionSecret } from '../auth/session.server';
import { checkLoginThrottle, clearLoginFailures, recordLoginFailure } from '../auth/throttle.server';
import { recordChange } from '../audit/audit.server';
import { normalizeIndonesianPhone } from '../users/phone';

const TICKET_SECONDS = 120;

export async function setGuardianPin(userId: string, pin: string) {
  const pinHash = await hashPassword(pin);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const result = await trx.updateTable('guardians').set({ pin_hash: pinHash }).where('user_id', '=', userId).executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) await recordChange(trx, { actorId: userId, centerId: null, entity: 'guardian', entityId: userId, before: { pin_hash: null }, after: { pin_hash: pinHash } });
    });
}

export type PinResult =
  | { ok: true; ticket: string; guardianName: string; children: { id: string; name: string }[] }
  | { ok: false; error: 'pinWrong' }
  | { ok: false; error: 'loginThrottled' | 'loginLocked'; retryAfterSeconds: number };

export async function verifyGuardianPin({ centerId, phone, pin, ip }: { centerId: string; phone: string; pin: string; ip: string }): Promise<PinResult> {
  const normalized = normalizeIndonesianPhone(phone) ?? phone.replace(/\D/g, '');
  const key = `kiosk:${centerId}:${normalized}`;
  const verdict = await checkLoginThrottle(key, ip);
  if (!verdict.allowed) return { ok: false, error: verdict.locked ? 'loginLocked' : 'loginThrottled', retryAfterSeconds: verdict.retryAfterSeconds };
  const rows = await getDb()
    .selectFrom('guardians')
    .innerJoin('users', 'users.id', 'guardians.user_id')
    .innerJoin('children', 'children.id', 'guardians.child_id')
    .select(['users.id as userId', 'users.name as guardianName', 'guardians.pin_hash', 'children.id', 'children.full_name', 'children.nickname'])
    .where('users.phone', '=', normalized)
    .where('users.disabled_at', 'is', null)
    .where('children.center_id', '=', centerId)
    .where('children.status', '=', 'enrolled')
    .execute();
  const hash = rows.find((r) => r.pin_hash)?.pin_hash ?? null;
  if (!(await verifyPassword(hash, pin)) || rows.length === 0) {
    await recordLoginFailure(key, ip);
    return { ok: false, error: 'pinWrong' };
  }
  await clearLoginFailures(key);
  return { ok: true, ticket: issueTicket(rows[0].userId, centerId), guardianName: rows[0].guardianName, children: rows.map((r) => ({ id: r.id, name: r.nickname ?? r.full_name })) };
}

const sign = (payload: string) => createHmac('sha256', sessionSecret()).update(payload).digest('base64url');

/** A short-lived proof that this guardian just entered their PIN at this center's kiosk. */
export function issueTicket(userId: string, centerId: string, now = Date.now()) {
  const payload = `${userId}.${centerId}.${Math.floor(now / 1000) + TICKET_SECONDS}`;
  return `${payload}.${sign(payload)}`;
}

export function readTicket(ticket: string, centerId: string, now = Date.now()): string | null {
  const parts = ticket.split('.');
  if (parts.length !== 4) return null;
  const [userId, ticketCenter, expires, signature] = parts;
  const expected = Buffer.from(sign(`${userId}.${ticketCenter}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (ticketCenter !== centerId || Number(expires) * 1000 < now) return null;
  return userId;
}

/** Is this user a guardian of this child? The kiosk only acts for a guardian's own children. */
export async function isGuardianOf(userId: string, childId: string) {
  return (await getDb().selectFrom('guardians').select('id').where('user_id', '=', userId).where('child_id', '=', childId).executeTakeFirst()) !== undefined;
}
