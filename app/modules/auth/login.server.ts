import { findUserByEmail } from '../users/users.server';
import { dummyPasswordHash, verifyPassword } from './password.server';
import { passwordKeys, reserveAttempt, succeeded, throttled, type Throttled } from './throttle.server';

/** Refusals the sign-in page shows as they are (a throttled attempt gets its own message). */
export const LOGIN_ERRORS = ['invalidCredentials', 'accountDisabled'] as const;
export type LoginResult =
  | { ok: true; userId: string; needsSecondFactor: boolean; language: string }
  | { ok: false; error: (typeof LOGIN_ERRORS)[number] }
  | Throttled;

/** Checks an email and password; the attempt is reserved on the account's and the address's throttle first. */
export async function authenticate({
  email,
  password,
  ip,
}: {
  email: string;
  password: string;
  ip: string;
}): Promise<LoginResult> {
  const keys = passwordKeys(email, ip);
  const verdict = await reserveAttempt(keys);
  if (!verdict.allowed) return throttled(verdict);
  const user = await findUserByEmail(email);
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) return { ok: false, error: 'invalidCredentials' };
  await succeeded(keys);
  if (user.disabled_at) return { ok: false, error: 'accountDisabled' };
  return {
    ok: true,
    userId: user.id,
    needsSecondFactor: user.totp_enabled_at !== null,
    language: user.preferred_language,
  };
}
