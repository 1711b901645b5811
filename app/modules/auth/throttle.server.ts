import { getDb } from '~db/client.server';
import { THROTTLE, afterFailure, throttleVerdict, type ThrottleVerdict } from './throttle';

const keysFor = (email: string, ip: string) => [
  { key: `account:${email}`, limits: THROTTLE.account },
  { key: `address:${ip}`, limits: THROTTLE.address },
];

async function readState(key: string) {
  const row = await getDb()
    .selectFrom('login_throttle')
    .select(['failures', 'last_failed_at', 'locked_until'])
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { failures: row.failures, lastFailedAt: row.last_failed_at, lockedUntil: row.locked_until };
}

/** The strictest verdict over the account and the address. */
export async function checkLoginThrottle(email: string, ip: string, now = new Date()): Promise<ThrottleVerdict> {
  let worst: ThrottleVerdict = { allowed: true };
  for (const { key, limits } of keysFor(email, ip)) {
    const verdict = throttleVerdict(await readState(key), limits, now);
    if (!verdict.allowed && (worst.allowed || verdict.retryAfterSeconds > worst.retryAfterSeconds)) worst = verdict;
  }
  return worst;
}

export async function recordLoginFailure(email: string, ip: string, now = new Date()) {
  const db = getDb();
  for (const { key, limits } of keysFor(email, ip)) {
    const next = afterFailure(await readState(key), limits, now);
    const row = { failures: next.failures, last_failed_at: next.lastFailedAt, locked_until: next.lockedUntil };
    await db
      .insertInto('login_throttle')
      .values({ key, ...row })
      .onConflict((oc) => oc.column('key').doUpdateSet(row))
      .execute();
  }
}

export async function clearLoginFailures(email: string) {
  await getDb().deleteFrom('login_throttle').where('key', '=', `account:${email}`).execute();
}
