import { createHash, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import type { DB } from '~db/schema';
import { newId, nowIso } from '~db/ids';
import { recordChange } from '../audit/audit.server';
import { decryptSecret, encryptSecret, needsReencryption } from './secrets.server';

const ISSUER = 'Asuh';
const RECOVERY_CODE_COUNT = 10;
const PERIOD_SECONDS = 30;
const hashCode = (code: string) =>
  createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('base64url');
/** Binds each encrypted secret to its row: a value copied to another user does not decrypt there. */
const secretContext = (userId: string) => `users.totp_secret:${userId}`;

function totpFor(secret: string, label: string) {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/**
 * Starts (or restarts) enrolment: a new secret is stored but not yet in force until the user
 * proves their app has it. Returns what the enrolment page shows.
 */
export async function beginEnrolment(userId: string, email: string) {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await getDb()
    .updateTable('users')
    .set({ totp_secret: encryptSecret(secret, secretContext(userId)) })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .execute();
  return enrolmentDetails(secret, email);
}

export async function enrolmentDetails(secret: string, email: string) {
  const uri = totpFor(secret, email).toString();
  return { secret, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

export async function pendingSecret(userId: string) {
  const row = await getDb()
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.totp_enabled_at || !row.totp_secret ? null : decryptSecret(row.totp_secret, secretContext(userId));
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
      await trx
        .updateTable('users')
        .set({ totp_enabled_at: now, totp_last_step: step, updated_at: now })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await trx
        .insertInto('recovery_codes')
        .values(codes.map((c) => ({ id: newId(), user_id: userId, code_hash: hashCode(c), used_at: null })))
        .execute();
      await recordChange(trx, {
        actorId: userId,
        centerId: null,
        entity: 'user',
        entityId: userId,
        before: { totp_enabled_at: null },
        after: { totp_enabled_at: now },
      });
    });
  return codes;
}

/**
 * Checks the second step: an authenticator code (its time step is then claimed, so it works once),
 * or a recovery code (which is then used up).
 */
async function consumeSecondFactor(db: Kysely<DB>, userId: string, code: string): Promise<boolean> {
  const user = await db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.totp_secret || !user.totp_enabled_at) return false;
  const step = totpStep(decryptSecret(user.totp_secret, secretContext(userId)), code);
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

/** Checks the second step at sign-in; see consumeSecondFactor. */
export async function verifySecondFactor(userId: string, code: string): Promise<boolean> {
  return consumeSecondFactor(getDb(), userId, code);
}

/**
 * Turns two-step sign-in off, only with a current authenticator code or an unused recovery code
 * (false, changing nothing, without one): a session left open somewhere is not enough.
 */
export async function disableTwoFactor({ userId, code }: { userId: string; code: string }): Promise<boolean> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await consumeSecondFactor(trx, userId, code))) return false;
      const before = await trx
        .selectFrom('users')
        .select('totp_enabled_at')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('users')
        .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: nowIso() })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await recordChange(trx, {
        actorId: userId,
        centerId: null,
        entity: 'user',
        entityId: userId,
        before,
        after: { totp_enabled_at: null },
      });
      return true;
    });
}

/**
 * Re-encrypts every stored TOTP secret that is not under the current ENCRYPTION_KEY (legacy
 * plaintext, or a value under ENCRYPTION_KEY_PREVIOUS). Each row is updated only if it still holds
 * the value read, so a user enrolling meanwhile keeps their new secret. Safe to run again.
 */
export async function reencryptTotpSecrets(): Promise<{ reencrypted: number; current: number }> {
  const db = getDb();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'totp_secret'])
    .where('totp_secret', 'is not', null)
    .orderBy('id')
    .execute();
  let reencrypted = 0;
  for (const row of rows) {
    const stored = row.totp_secret!;
    if (!needsReencryption(stored)) continue;
    const value = encryptSecret(decryptSecret(stored, secretContext(row.id)), secretContext(row.id));
    const result = await db
      .updateTable('users')
      .set({ totp_secret: value })
      .where('id', '=', row.id)
      .where('totp_secret', '=', stored)
      .executeTakeFirst();
    reencrypted += Number(result.numUpdatedRows);
  }
  return { reencrypted, current: rows.length - reencrypted };
}

/** How many stored TOTP secrets reencryptTotpSecrets would change (for `asuh doctor`). */
export async function totpSecretsToReencrypt(): Promise<number> {
  const rows = await getDb().selectFrom('users').select('totp_secret').where('totp_secret', 'is not', null).execute();
  return rows.filter((row) => needsReencryption(row.totp_secret!)).length;
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
