import { createHash, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { recordChange } from '../audit/audit.server';

const ISSUER = 'Asuh';
const RECOVERY_CODE_COUNT = 10;
const hashCode = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('base64url');

function totpFor(secret: string, label: string) {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

/**
 * Starts (or restarts) enrolment: a new secret is stored but not yet in force until the user
 * proves their app has it. Returns what the enrolment page shows.
 */
export async function beginEnrolment(userId: string, email: string) {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await getDb().updateTable('users').set({ totp_secret: secret }).where('id', '=', userId).where('totp_enabled_at', 'is', null).execute();
  return enrolmentDetails(secret, email);
}

export async function enrolmentDetails(secret: string, email: string) {
  const uri = totpFor(secret, email).toString();
  return { secret, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

export async function pendingSecret(userId: string) {
  const row = await getDb().selectFrom('users').select(['totp_secret', 'totp_enabled_at', 'email']).where('id', '=', userId).executeTakeFirstOrThrow();
  return row.totp_enabled_at ? null : row.totp_secret;
}

function checkTotp(secret: string, code: string, now = Date.now()) {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  return totpFor(secret, '').validate({ token, timestamp: now, window: 1 }) !== null;
}

/** Turns two-step sign-in on after a correct code; returns the one-time recovery codes, shown once. */
export async function confirmEnrolment(userId: string, code: string): Promise<string[] | null> {
  const secret = await pendingSecret(userId);
  if (!secret || !checkTotp(secret, code)) return null;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const now = nowIso();
      await trx.updateTable('users').set({ totp_enabled_at: now, updated_at: now }).where('id', '=', userId).execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await trx
        .insertInto('recovery_codes')
        .values(codes.map((c) => ({ id: newId(), user_id: userId, code_hash: hashCode(c), used_at: null })))
        .execute();
      await recordChange(trx, { actorId: userId, centerId: null, entity: 'user', entityId: userId, before: { totp_enabled_at: null }, after: { totp_enabled_at: now } });
    });
  return codes;
}

/** Checks the second step: an authenticator code, or a recovery code (which is then used up). */
export async function verifySecondFactor(userId: string, code: string): Promise<boolean> {
  const db = getDb();
  const user = await db.selectFrom('users').select(['totp_secret', 'totp_enabled_at']).where('id', '=', userId).executeTakeFirst();
  if (!user?.totp_secret || !user.totp_enabled_at) return false;
  if (checkTotp(user.totp_secret, code)) return true;
  const used = await db
    .updateTable('recovery_codes')
    .set({ used_at: nowIso() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashCode(code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

export async function disableTwoFactor(userId: string) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx.selectFrom('users').select('totp_enabled_at').where('id', '=', userId).executeTakeFirstOrThrow();
      await trx.updateTable('users').set({ totp_secret: null, totp_enabled_at: null, updated_at: nowIso() }).where('id', '=', userId).execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await recordChange(trx, { actorId: userId, centerId: null, entity: 'user', entityId: userId, before, after: { totp_enabled_at: null } });
    });
}

export async function remainingRecoveryCodes(userId: string) {
  const row = await getDb()
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
