import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '~db/client.server';
import { makeUser } from '~db/seed/factories';
import { onServerStart } from '~/entry.server';
import { beginEnrolment, confirmEnrolment, verifySecondFactor } from '~/modules/auth/two-factor.server';
import { action as loginAction } from '~/routes/login._index';
import { action as twoFactorAction } from '~/routes/login.two-factor';
import { runAsuh } from '../support/cli';
import { callAction, expectRedirect } from '../support/remix';

const PASSWORD = 'correct horse battery';
const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('hex');
let counter = 0;

afterEach(() => {
  vi.unstubAllEnvs();
});

async function enrolledUser() {
  const email = `totp${++counter}@example.test`;
  const user = await makeUser(getDb(), { email, password: PASSWORD, name: 'Staf' });
  const { secret } = await beginEnrolment(user.id, email);
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  expect(await confirmEnrolment(user.id, totp.generate())).toHaveLength(10);
  return { id: user.id, email, secret, totp };
}

const storedSecret = async (userId: string) =>
  (await getDb().selectFrom('users').select('totp_secret').where('id', '=', userId).executeTakeFirstOrThrow())
    .totp_secret!;
const keyIdOf = (stored: string) => stored.split(':')[1];
/** The enrolment used the current time step; the next one is still accepted (clock drift). */
const nextCode = (totp: OTPAuth.TOTP) => totp.generate({ timestamp: Date.now() + 30_000 });

describe('TOTP secrets at rest', () => {
  it('are stored encrypted, and signing in with a code still works', async () => {
    vi.stubEnv('ENCRYPTION_KEY', KEY_A);
    const user = await enrolledUser();
    const stored = await storedSecret(user.id);
    expect(stored).not.toContain(user.secret);
    expect(stored).toMatch(/^v1:[\w-]{8}:[\w-]+:[\w-]+$/);

    const login = await callAction(loginAction, {
      path: '/login',
      form: { email: user.email, password: PASSWORD },
      ip: '10.9.0.1',
    });
    expectRedirect(login, '/login/two-factor?redirectTo=%2F');
    const cookie = login.headers.get('Set-Cookie')!.split(';')[0];
    expectRedirect(
      await callAction(twoFactorAction, {
        path: '/login/two-factor',
        cookie,
        form: { code: nextCode(user.totp) },
        ip: '10.9.0.1',
      }),
      '/',
    );
  });

  it('still decrypt under ENCRYPTION_KEY_PREVIOUS, and `asuh rotate-encryption-key` re-encrypts them under the new key', async () => {
    vi.stubEnv('ENCRYPTION_KEY', KEY_A);
    const first = await enrolledUser();
    const second = await enrolledUser();
    const underA = await storedSecret(second.id);

    // The key changes; the old one is kept as the previous key.
    vi.stubEnv('ENCRYPTION_KEY', KEY_B);
    vi.stubEnv('ENCRYPTION_KEY_PREVIOUS', KEY_A);
    expect(await verifySecondFactor(first.id, nextCode(first.totp))).toBe(true);

    const rotated = await runAsuh(['rotate-encryption-key'], { ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEY_PREVIOUS: KEY_A });
    expect(rotated).toMatchObject({ code: 0, out: expect.stringMatching(/Re-encrypted [1-9]\d* two-step secret/) });
    const underB = await storedSecret(second.id);
    expect(underB).not.toContain(second.secret);
    expect(keyIdOf(underB)).not.toBe(keyIdOf(underA));
    expect(keyIdOf(await storedSecret(first.id))).toBe(keyIdOf(underB));

    // Without the previous key, the re-encrypted secret still works.
    vi.stubEnv('ENCRYPTION_KEY_PREVIOUS', '');
    expect(await verifySecondFactor(second.id, nextCode(second.totp))).toBe(true);
    expect(await runAsuh(['rotate-encryption-key'], { ENCRYPTION_KEY: KEY_B })).toMatchObject({
      code: 0,
      out: expect.stringContaining('Re-encrypted 0 two-step secret'),
    });
  });

  it('written before encryption (plaintext) still work until rotated, and are encrypted by the rotation', async () => {
    vi.stubEnv('ENCRYPTION_KEY', KEY_B);
    const user = await makeUser(getDb(), { email: `legacy${++counter}@example.test`, name: 'Lama' });
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await getDb()
      .updateTable('users')
      .set({ totp_secret: secret, totp_enabled_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute();
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    expect(await verifySecondFactor(user.id, totp.generate())).toBe(true);

    expect(await runAsuh(['rotate-encryption-key'], { ENCRYPTION_KEY: KEY_B })).toMatchObject({ code: 0 });
    const stored = await storedSecret(user.id);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(secret);
    expect(await verifySecondFactor(user.id, nextCode(totp))).toBe(true);
  });

  it('need ENCRYPTION_KEY in production: the server does not start and doctor fails without it', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('ENCRYPTION_KEY', '');
    const started = await onServerStart().then(
      (stop) => stop,
      (error: Error) => error,
    );
    if (typeof started === 'function') await started();
    expect(started).toBeInstanceOf(Error);
    expect((started as Error).message).toContain('ENCRYPTION_KEY is not set');

    const doctor = await runAsuh(['doctor'], { NODE_ENV: 'production', ENCRYPTION_KEY: undefined });
    expect(doctor.code).toBe(1);
    expect(doctor.out).toContain('ENCRYPTION_KEY:  ENCRYPTION_KEY is not set');
  });
});
