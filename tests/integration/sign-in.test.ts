import * as OTPAuth from 'otpauth';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeUser } from '~db/seed/factories';
import { beginEnrolment, confirmEnrolment } from '~/modules/auth/two-factor.server';
import { THROTTLE } from '~/modules/auth/throttle';
import { action as loginAction } from '~/routes/login._index';
import { action as twoFactorAction } from '~/routes/login.two-factor';
import { action as logoutAction } from '~/routes/logout';
import { loader as homeLoader } from '~/routes/_index';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

const PASSWORD = 'correct horse battery';
let counter = 0;
let email: string;

beforeEach(async () => {
  email = `staf${++counter}@example.test`;
  await makeUser(getDb(), { email, password: PASSWORD, name: 'Staf' });
});

const login = (form: Record<string, string>, ip = `10.0.0.${counter}`) =>
  callAction(loginAction, { path: '/login', form, ip });
const cookieOf = (result: { headers: Headers }) => result.headers.get('Set-Cookie')!.split(';')[0];

describe('sign-in', () => {
  it('accepts the right password whatever the email case, sets an httpOnly SameSite cookie and goes where asked', async () => {
    const result = await login({ email: email.toUpperCase(), password: PASSWORD, redirectTo: '/account' });
    expectRedirect(result, '/account');
    const setCookie = result.headers.get('Set-Cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const home = await callLoader(homeLoader, { path: '/', cookie: cookieOf(result) });
    expect(home.status).toBe(200);
  });

  it('refuses a wrong password with one message for wrong email or password, and keeps the email', async () => {
    const wrong = await login({ email, password: 'not the password' });
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({ errors: { form: 'errors.invalidCredentials' }, values: { email } });
    expect(wrong.data.values.password).toBeUndefined();
    const unknown = await login({ email: 'nobody@example.test', password: 'whatever' });
    expect(unknown.data.errors).toEqual(wrong.data.errors);
  });

  it('never redirects to another site', async () => {
    expectRedirect(await login({ email, password: PASSWORD, redirectTo: '//evil.example/x' }), '/');
  });

  it('explains empty, malformed and oversized input', async () => {
    expect((await login({ email: '', password: '' })).data.errors).toEqual({
      email: 'errors.required',
      password: 'errors.required',
    });
    expect((await login({ email: 'guru@', password: 'x' })).data).toMatchObject({
      errors: { email: 'errors.email' },
      values: { email: 'guru@' },
    });
    expect(await login({ email: 'a'.repeat(5000), password: 'x' })).toMatchObject({
      status: 400,
      data: { errors: { email: 'errors.tooLong?max=254' } },
    });
  });

  it('slows down, then locks, repeated failures for an account', async () => {
    for (let i = 0; i < THROTTLE.account.free; i++)
      expect((await login({ email, password: 'wrong' })).data.errors.form).toBe('errors.invalidCredentials');
    const slowed = await login({ email, password: PASSWORD });
    expect(slowed.data.errors.form).toMatch(/^errors\.loginThrottled\?seconds=\d+$/);
    // Even the right password waits: the throttle is checked before the password.
    const aMinuteAgo = new Date(Date.now() - 60_000).toISOString();
    await getDb()
      .updateTable('login_throttle')
      .set({ failures: THROTTLE.account.lockAt - 1, last_failed_at: aMinuteAgo })
      .where('key', '=', `account:${email}`)
      .execute();
    await login({ email, password: 'wrong' });
    const locked = await login({ email, password: PASSWORD });
    expect(locked.data.errors.form).toBe('errors.loginLocked?minutes=15');
  });

  it('refuses a disabled account', async () => {
    await getDb()
      .updateTable('users')
      .set({ disabled_at: new Date().toISOString() })
      .where('email', '=', email)
      .execute();
    expect((await login({ email, password: PASSWORD })).data.errors.form).toBe('errors.accountDisabled');
  });

  it('signs out on the server: the old cookie no longer works', async () => {
    const cookie = cookieOf(await login({ email, password: PASSWORD }));
    expectRedirect(await callAction(logoutAction, { path: '/logout', cookie, form: {} }), '/login');
    expectRedirect(await callLoader(homeLoader, { path: '/', cookie }), '/login?redirectTo=%2F');
  });

  it('ends idle sessions', async () => {
    const user = await getDb().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const cookie = await sessionCookie(user.id);
    await getDb()
      .updateTable('sessions')
      .set({ last_seen_at: '2026-01-01T00:00:00.000Z' })
      .where('user_id', '=', user.id)
      .execute();
    expectRedirect(await callLoader(homeLoader, { path: '/', cookie }), /^\/login/);
  });
});

describe('two-step sign-in', () => {
  async function enrol() {
    const user = await getDb()
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const { secret } = await beginEnrolment(user.id, user.email);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    expect(await confirmEnrolment(user.id, '000000' === totp.generate() ? '111111' : '000000')).toBeNull();
    const enrolmentCode = totp.generate();
    const codes = (await confirmEnrolment(user.id, enrolmentCode))!;
    expect(codes).toHaveLength(10);
    return { totp, codes, enrolmentCode };
  }

  it('asks for the code after the password, and only a right code lets the user in', async () => {
    const { totp } = await enrol();
    const first = await login({ email, password: PASSWORD });
    expectRedirect(first, '/login/two-factor?redirectTo=%2F');
    const cookie = cookieOf(first);
    expectRedirect(await callLoader(homeLoader, { path: '/', cookie }), '/login/two-factor');
    const wrong = await callAction(twoFactorAction, { path: '/login/two-factor', cookie, form: { code: '12345x' } });
    expect(wrong.data.errors).toEqual({ code: 'errors.invalidCode' });
    // The code that confirmed enrolment is used up: the next one (accepted for clock drift) signs in.
    const nextCode = totp.generate({ timestamp: Date.now() + 30_000 });
    expectRedirect(
      await callAction(twoFactorAction, {
        path: '/login/two-factor',
        cookie,
        form: { code: nextCode, redirectTo: '/' },
      }),
      '/',
    );
    expect((await callLoader(homeLoader, { path: '/', cookie })).status).toBe(200);
  });

  it('refuses an authenticator code that was already used', async () => {
    const { totp, enrolmentCode } = await enrol();
    const cookie = cookieOf(await login({ email, password: PASSWORD }));
    const replayed = await callAction(twoFactorAction, {
      path: '/login/two-factor',
      cookie,
      form: { code: enrolmentCode },
    });
    expect(replayed.data.errors).toEqual({ code: 'errors.invalidCode' });
    const nextCode = totp.generate({ timestamp: Date.now() + 30_000 });
    expectRedirect(
      await callAction(twoFactorAction, { path: '/login/two-factor', cookie, form: { code: nextCode } }),
      '/',
    );
    const again = cookieOf(await login({ email, password: PASSWORD }));
    const reused = await callAction(twoFactorAction, {
      path: '/login/two-factor',
      cookie: again,
      form: { code: nextCode },
    });
    expect(reused.data.errors).toEqual({ code: 'errors.invalidCode' });
  });

  it('accepts each recovery code once', async () => {
    const { codes } = await enrol();
    const cookieA = cookieOf(await login({ email, password: PASSWORD }));
    expectRedirect(
      await callAction(twoFactorAction, { path: '/login/two-factor', cookie: cookieA, form: { code: codes[0] } }),
      '/',
    );
    const cookieB = cookieOf(await login({ email, password: PASSWORD }));
    const reused = await callAction(twoFactorAction, {
      path: '/login/two-factor',
      cookie: cookieB,
      form: { code: codes[0] },
    });
    expect(reused.data.errors).toEqual({ code: 'errors.invalidCode' });
  });
});
