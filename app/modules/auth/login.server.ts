import { findUserByEmail } from '../users/users.server';
import { dummyPasswordHash, verifyPassword } from './password.server';
import { checkLoginThrottle, clearLoginFailures, recordLoginFailure } from './throttle.server';

export type LoginResult =
  | { ok: true; userId: string; needsSecondFactor: boolean; language: string }
  | { ok: false; error: 'invalidCredentials' | 'accountDisabled' }
  | { ok: false; error: 'throttled' | 'locked'; retryAfterSeconds: number };

/** Checks an email and password, applying the failed-attempt throttle for the account and address. */
export async function authenticate({ email, password, ip }: { email: string; password: string; ip: string }): Promise<LoginResult> {
  const verdict = await checkLoginThrottle(email, ip);
  if (!verdict.allowed) {
    return { ok: false, error: verdict.locked ? 'locked' : 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
  }
  const user = await findUserByEmail(email);
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) {
    await recordLoginFailure(email, ip);
    return { ok: false, error: 'invalidCredentials' };
  }
  if (user.disabled_at) return { ok: false, error: 'accountDisabled' };
  await clearLoginFailures(email);
  return { ok: true, userId: user.id, needsSecondFactor: user.totp_enabled_at !== null, language: user.preferred_language };
}
