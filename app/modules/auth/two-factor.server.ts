import { createHash, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import type { DB } from '~db/schema';
import { newId, nowIso } from '~db/ids';
import { recordChange } from '../audit/audit.server';

const ISSUER = 'Asuh';
const RECOVERY_CODE_COUNT = 10;
const PERIOD_SECONDS = 30;
const hashCode = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('base64url');

function totpFor(secret: string, label: string) {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: OTPAuth.Secret.fromBase32(secret) });
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

/** The time step a code belongs to (the current one or a neighbour, for clock drift), or null if wrong. */
function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret, '').validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

/** Records the step as used; false when it, or a later one, was used already (a replayed code). */
async function claimStep(db: Kysely<DB>, userId: string, step: number) {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Turns two-step sign-in on after a correct code; returns the one-time recovery codes, shown once. */
export async function confirmEnrolment(userId: string, code: string): Promise<string[] | null> {
  const secret = await pendingSecret(userId);
  const step = secret ? totpStep(secret, code) : null;
  if (step === null) return null;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const now = nowIso();
      await trx.updateTable('users').set({ totp_enabled_at: now, totp_last_step: step, updated_at: now }).where('id', '=', userId).execute();
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
  const step = totpStep(user.totp_secret, code);
  if (step !== null) return claimStep(db, userId, step);
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
      await trx.updateTable('users').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: nowIso() }).where('id', '=', userId).execute();
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
