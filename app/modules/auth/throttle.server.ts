// The throttle in the database. An attempt is reserved before the secret is checked: the
// failure is counted first, with a compare-and-set on the row, and given back only when the
// secret was right. So sixty guesses sent at once are counted as sixty, and only those the rules
// allow reach the (slow) check at all — on SQLite and on PostgreSQL alike.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import type { DB } from '~db/schema';
import {
  THROTTLE,
  afterFailure,
  strictest,
  throttleVerdict,
  type ThrottleLimits,
  type ThrottleVerdict,
} from './throttle';

export type ThrottleKey = { key: string; limits: ThrottleLimits };

/** An account-like key (locks) and an address-like key (only waits), for one kind of secret. */
export const accountKey = (key: string): ThrottleKey => ({ key, limits: THROTTLE.account });
export const addressKey = (key: string): ThrottleKey => ({ key, limits: THROTTLE.address });

/** Sign-in by password: the account (its email) and the address the request came from. */
export const passwordKeys = (email: string, ip: string) => [
  accountKey(`account:${email.toLowerCase()}`),
  addressKey(`address:${ip}`),
];

const CAS_TRIES = 8;

async function readState(db: Kysely<DB>, key: string) {
  const row = await db
    .selectFrom('login_throttle')
    .select(['failures', 'last_failed_at', 'locked_until'])
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { failures: row.failures, lastFailedAt: row.last_failed_at, lockedUntil: row.locked_until };
}

/** Counts one attempt on a key if its rules allow one now; the verdict otherwise. */
async function reserveOne(db: Kysely<DB>, { key, limits }: ThrottleKey, now: Date): Promise<ThrottleVerdict> {
  for (let i = 0; i < CAS_TRIES; i++) {
    const state = await readState(db, key);
    const verdict = throttleVerdict(state, limits, now);
    if (!verdict.allowed) return verdict;
    const next = afterFailure(state, limits, now);
    const row = { failures: next.failures, last_failed_at: next.lastFailedAt, locked_until: next.lockedUntil };
    const written = state
      ? await db
          .updateTable('login_throttle')
          .set(row)
          .where('key', '=', key)
          .where('failures', '=', state.failures)
          .where('last_failed_at', '=', state.lastFailedAt)
          .executeTakeFirst()
          .then((r) => Number(r.numUpdatedRows))
      : await db
          .insertInto('login_throttle')
          .values({ key, ...row })
          .onConflict((oc) => oc.column('key').doNothing())
          .executeTakeFirst()
          .then((r) => Number(r.numInsertedOrUpdatedRows ?? 0));
    if (written === 1) return { allowed: true };
  }
  // Lost every race for this key: others are trying right now, so this one waits too.
  return { allowed: false, locked: false, retryAfterSeconds: 1 };
}

/**
 * Reserves one attempt on every key, before the secret is checked. Either all keys allow it (and
 * each has counted it as a failure until `succeeded` gives it back), or none is charged.
 */
export async function reserveAttempt(keys: ThrottleKey[], now = new Date()): Promise<ThrottleVerdict> {
  const db = getDb();
  const reserved: ThrottleKey[] = [];
  for (const key of keys) {
    const verdict = await reserveOne(db, key, now);
    if (!verdict.allowed) {
      await giveBack(db, reserved);
      // Show the longest wait of all keys, so the next try is not refused again at once.
      const others = await Promise.all(
        keys.map(async (k) => throttleVerdict(await readState(db, k.key), k.limits, now)),
      );
      return strictest([verdict, ...others]);
    }
    reserved.push(key);
  }
  return { allowed: true };
}

async function giveBack(db: Kysely<DB>, keys: ThrottleKey[]) {
  for (const { key } of keys) {
    await db
      .updateTable('login_throttle')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('key', '=', key)
      .where('failures', '>', 0)
      .execute();
  }
}

/**
 * The secret was right: an account-like key starts over, an address-like key gets its reserved
 * attempt back (other people's failures from the same address still count).
 */
export async function succeeded(keys: ThrottleKey[]) {
  const db = getDb();
  const accounts = keys.filter((k) => k.limits.lockAt !== null).map((k) => k.key);
  if (accounts.length) await db.deleteFrom('login_throttle').where('key', 'in', accounts).execute();
  await giveBack(
    db,
    keys.filter((k) => k.limits.lockAt === null),
  );
}

/** The answer of a check the throttle refused before the secret was looked at. */
export type Throttled = { ok: false; error: 'throttled'; locked: boolean; retryAfterSeconds: number };
export const throttled = ({
  locked,
  retryAfterSeconds,
}: {
  locked: boolean;
  retryAfterSeconds: number;
}): Throttled => ({
  ok: false,
  error: 'throttled',
  locked,
  retryAfterSeconds,
});

/** What a refused attempt tells the user, as an i18n key with its parameter. */
export function throttleMessage(verdict: { locked: boolean; retryAfterSeconds: number }) {
  return verdict.locked
    ? `errors.loginLocked?minutes=${Math.ceil(verdict.retryAfterSeconds / 60)}`
    : `errors.loginThrottled?seconds=${verdict.retryAfterSeconds}`;
}
