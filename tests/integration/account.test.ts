import * as OTPAuth from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { action as accountAction, loader as accountLoader } from '~/routes/account';
import { action as languageAction } from '~/routes/language';
import { loader as healthLoader } from '~/routes/healthz';
import { loader as rootLoader } from '~/root';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie, succeeded } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let cookie: string;

beforeAll(async () => {
  w = await twoCenters();
  cookie = await sessionCookie(w.teacher.id);
});

describe('my account', () => {
  it('saves name, phone (normalised) and language, audited', async () => {
    const result = await callAction(accountAction, {
      path: '/account',
      cookie,
      form: { intent: 'profile', name: 'Guru Baru', phone: '0812-3456-7890', preferred_language: 'en' },
    });
    expectRedirect(result, '/account');
    const user = await getDb()
      .selectFrom('users')
      .select(['name', 'phone', 'preferred_language'])
      .where('id', '=', w.teacher.id)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ name: 'Guru Baru', phone: '+6281234567890', preferred_language: 'en' });
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('changes')
      .where('entity_id', '=', w.teacher.id)
      .where('entity', '=', 'user')
      .execute();
    expect(audit.map((a) => JSON.parse(a.changes))).toContainEqual({
      name: ['Guru', 'Guru Baru'],
      phone: [null, '+6281234567890'],
      preferred_language: ['id', 'en'],
    });
    const root = await callLoader(rootLoader, { path: '/', cookie });
    expect(root.data.lang).toBe('en');
    expect(root.data.flash).toBe('flash.saved');
  });

  it('re-renders a bad phone number with the message and the typed value', async () => {
    const result = await callAction(accountAction, {
      path: '/account',
      cookie,
      form: { intent: 'profile', name: 'Guru', phone: '12ab', preferred_language: 'xx' },
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      intent: 'profile',
      errors: { phone: 'errors.phone', preferred_language: 'errors.choose' },
      values: { phone: '12ab' },
    });
  });

  it('turns two-step sign-in on with a code from the app, shows recovery codes once, and off again', async () => {
    expectRedirect(
      await callAction(accountAction, { path: '/account', cookie, form: { intent: 'begin-2fa' } }),
      '/account#two-factor',
    );
    const { enrolment } = (await callLoader(accountLoader, { path: '/account', cookie })).data;
    expect(enrolment?.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrolment!.secret) });
    const bad = await callAction(accountAction, {
      path: '/account',
      cookie,
      form: { intent: 'confirm-2fa', code: 'abc' },
    });
    expect(bad.data.errors).toEqual({ code: 'errors.invalidCode' });
    const { recoveryCodes } = succeeded(
      await callAction(accountAction, {
        path: '/account',
        cookie,
        form: { intent: 'confirm-2fa', code: totp.generate() },
      }),
    );
    expect(recoveryCodes).toHaveLength(10);
    const after = await callLoader(accountLoader, { path: '/account', cookie });
    expect(after.data).toMatchObject({ twoFactorEnabled: true, enrolment: null, recoveryCodesLeft: 10 });
    // Turning it off takes a current code: none, a wrong one, or the one already used are refused.
    const none = await callAction(accountAction, { path: '/account', cookie, form: { intent: 'disable-2fa' } });
    expect(none).toMatchObject({ status: 400, data: { intent: 'disable-2fa', errors: { code: 'errors.required' } } });
    const wrongCode = totp.generate({ timestamp: Date.now() + 30_000 }) === '123456' ? '654321' : '123456';
    for (const code of [wrongCode, recoveryCodes[0].replace(/^./, 'x')]) {
      const wrong = await callAction(accountAction, {
        path: '/account',
        cookie,
        form: { intent: 'disable-2fa', code },
      });
      expect(wrong).toMatchObject({
        status: 400,
        data: { intent: 'disable-2fa', errors: { code: 'errors.invalidCode' } },
      });
      expect(wrong.data.values).not.toHaveProperty('code');
    }
    expect((await callLoader(accountLoader, { path: '/account', cookie })).data.twoFactorEnabled).toBe(true);
    // The enrolment code's time step is used up; the next step's code (accepted for clock drift) works.
    const next = totp.generate({ timestamp: Date.now() + 30_000 });
    expectRedirect(
      await callAction(accountAction, { path: '/account', cookie, form: { intent: 'disable-2fa', code: next } }),
      '/account',
    );
    expect((await callLoader(accountLoader, { path: '/account', cookie })).data.twoFactorEnabled).toBe(false);
    const user = await getDb()
      .selectFrom('users')
      .select(['totp_secret', 'totp_enabled_at'])
      .where('id', '=', w.teacher.id)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ totp_secret: null, totp_enabled_at: null });
  });

  it('turns two-step sign-in off with a recovery code instead of an authenticator code', async () => {
    const staffCookie = await sessionCookie(w.caregiver.id);
    expectRedirect(
      await callAction(accountAction, { path: '/account', cookie: staffCookie, form: { intent: 'begin-2fa' } }),
      '/account#two-factor',
    );
    const page = await callLoader(accountLoader, { path: '/account', cookie: staffCookie });
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(page.data.enrolment!.secret) });
    const { recoveryCodes } = succeeded(
      await callAction(accountAction, {
        path: '/account',
        cookie: staffCookie,
        form: { intent: 'confirm-2fa', code: totp.generate() },
      }),
    );
    const result = await callAction(accountAction, {
      path: '/account',
      cookie: staffCookie,
      form: { intent: 'disable-2fa', code: recoveryCodes[3].toUpperCase() },
    });
    expectRedirect(result, '/account');
    expect((await callLoader(accountLoader, { path: '/account', cookie: staffCookie })).data.twoFactorEnabled).toBe(
      false,
    );
  });

  it('answers an unknown intent with 400, not 500', async () => {
    expect(await callAction(accountAction, { path: '/account', cookie, form: { intent: 'hack' } })).toMatchObject({
      status: 400,
      data: 'Bad Request',
    });
  });
});

describe('language', () => {
  it('is kept in a cookie before sign-in and ignores unknown languages', async () => {
    const result = await callAction(languageAction, { path: '/language', form: { lang: 'en', redirectTo: '/login' } });
    expectRedirect(result, '/login');
    expect(result.headers.get('Set-Cookie')).toMatch(/^asuh_lang=/);
    const root = await callLoader(rootLoader, {
      path: '/login',
      cookie: result.headers.get('Set-Cookie')!.split(';')[0],
    });
    expect(root.data.lang).toBe('en');
    const unknown = await callAction(languageAction, {
      path: '/language',
      form: { lang: 'fr', redirectTo: 'https://evil.example' },
    });
    expectRedirect(unknown, '/');
    expect(unknown.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('/healthz', () => {
  it('reports the database', async () => {
    const result = await callLoader(healthLoader, { path: '/healthz' });
    expect(result).toMatchObject({ status: 200, data: { status: 'ok', database: 'ok' } });
  });
});
