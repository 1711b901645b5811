import { afterEach, describe, expect, it } from 'vitest';
import {
  afterFailure,
  APPLICATION_KINDS,
  choosableKinds,
  describeSendError,
  isPermanentFailure,
  MailPreferencesSchema,
  MAX_ATTEMPTS,
  retryDelayMinutes,
} from '~/modules/notifications/mail';
import {
  checkMailConfig,
  describeMailConfig,
  devMailboxAllowed,
  mailFrom,
  mailMode,
  publicBaseUrl,
  publicUrl,
  redactedSmtpUrl,
} from '~/modules/notifications/mail-config.server';
import { ALWAYS_SENT } from '~/modules/notifications/notifications';

const VARIABLES = ['NODE_ENV', 'ASUH_DEMO', 'SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL', 'PORT'] as const;
const env = process.env as Record<string, string | undefined>;
const saved = Object.fromEntries(VARIABLES.map((v) => [v, env[v]]));
function environment(values: Partial<Record<(typeof VARIABLES)[number], string>>) {
  for (const v of VARIABLES) delete process.env[v];
  Object.assign(process.env, values);
}
afterEach(() => {
  for (const v of VARIABLES) {
    if (saved[v] === undefined) delete env[v];
    else env[v] = saved[v];
  }
});

describe('retries', () => {
  it('waits 10, 30, 90, 270 and 810 minutes between six attempts, about 20 hours in all', () => {
    const waits = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMinutes(i + 1));
    expect(waits).toEqual([10, 30, 90, 270, 810]);
    expect(waits.reduce((a, b) => a + b) / 60).toBeCloseTo(20.2, 1);
  });

  it('tries again after a failure until the last attempt, or at once gives up on a refused recipient', () => {
    const now = new Date('2026-12-01T00:00:00.000Z');
    expect(afterFailure({ attempts: 1, permanent: false, now })).toEqual({
      status: 'pending',
      retryAt: '2026-12-01T00:10:00.000Z',
    });
    expect(afterFailure({ attempts: 5, permanent: false, now })).toEqual({
      status: 'pending',
      retryAt: '2026-12-01T13:30:00.000Z',
    });
    expect(afterFailure({ attempts: MAX_ATTEMPTS, permanent: false, now })).toEqual({ status: 'failed' });
    expect(afterFailure({ attempts: 1, permanent: true, now })).toEqual({ status: 'failed' });
  });

  it('counts only a recipient refused with a 5xx answer as permanent', () => {
    expect(isPermanentFailure({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanentFailure({ code: 'EENVELOPE', responseCode: 452 })).toBe(false);
    expect(isPermanentFailure({ code: 'ESOCKET', message: 'connect ECONNREFUSED' })).toBe(false);
    expect(isPermanentFailure({ code: 'EAUTH', responseCode: 535 })).toBe(false);
    expect(isPermanentFailure(new Error('boom'))).toBe(false);
  });

  it('keeps an error as one short line', () => {
    const error = Object.assign(new Error('Mailbox\n  unavailable'), { responseCode: 550 });
    expect(describeSendError(error)).toBe('550 Mailbox unavailable');
    expect(describeSendError(new Error('x'.repeat(2000)))).toHaveLength(500);
    expect(describeSendError('plain')).toBe('plain');
  });
});

describe('what a person may turn off', () => {
  it('never a link they are waiting for or a child’s safety, nor an application’s notices; the daily summary and activities sent home only as a guardian', () => {
    expect(choosableKinds({ isGuardian: true })).toEqual(['message', 'announcement', 'daily_summary', 'home_activity']);
    expect(choosableKinds({ isGuardian: false })).toEqual(['message', 'announcement']);
    for (const kind of [...ALWAYS_SENT, ...APPLICATION_KINDS])
      expect(choosableKinds({ isGuardian: true })).not.toContain(kind);
  });

  it('reads the form’s boxes: none, one or several, and nothing else', () => {
    const parse = (kinds: unknown) => MailPreferencesSchema.safeParse({ intent: 'mail-preferences', kinds });
    expect(parse(undefined).data?.kinds).toEqual([]);
    expect(parse('message').data?.kinds).toEqual(['message']);
    expect(parse(['message', 'daily_summary']).data?.kinds).toEqual(['message', 'daily_summary']);
    expect(parse(['invitation']).success).toBe(false);
    expect(parse(['refused_pickup']).success).toBe(false);
    expect(parse(['x'.repeat(10)]).success).toBe(false);
  });
});

describe('the mail configuration', () => {
  it('sends through SMTP_URL when set; without it, to the development mailbox only in development, tests and the demo', () => {
    environment({ NODE_ENV: 'production', SMTP_URL: 'smtp://u:p@mail.example.id:587', PUBLIC_URL: 'https://a.id' });
    expect(mailMode()).toEqual({ kind: 'smtp', url: 'smtp://u:p@mail.example.id:587', from: 'Asuh <no-reply@a.id>' });
    environment({ NODE_ENV: 'production', PUBLIC_URL: 'https://a.id' });
    expect(mailMode()).toEqual({ kind: 'held' });
    expect(devMailboxAllowed()).toBe(false);
    // An operator's shell without NODE_ENV is not development: mail waits rather than vanishing.
    environment({});
    expect(mailMode()).toEqual({ kind: 'held' });
    for (const env of [{ NODE_ENV: 'development' }, { NODE_ENV: 'test' }, { NODE_ENV: 'production', ASUH_DEMO: '1' }]) {
      environment(env);
      expect(mailMode().kind, JSON.stringify(env)).toBe('devMailbox');
      expect(devMailboxAllowed()).toBe(true);
    }
  });

  it('needs PUBLIC_URL in production, except in the demo; elsewhere links lead to this machine', () => {
    environment({ NODE_ENV: 'production' });
    expect(() => publicBaseUrl()).toThrow(/PUBLIC_URL is not set/);
    expect(() => checkMailConfig()).toThrow(/PUBLIC_URL is not set/);
    expect(describeMailConfig().ok).toBe(false);
    environment({ NODE_ENV: 'production', ASUH_DEMO: '1', PORT: '3205' });
    expect(publicUrl('/invite/abc')).toBe('http://localhost:3205/invite/abc');
    environment({ NODE_ENV: 'test' });
    expect(publicBaseUrl()).toBe('http://localhost:3000');
    environment({ NODE_ENV: 'production', PUBLIC_URL: 'https://asuh.example.id/pusat/' });
    expect(publicUrl('/reset/x')).toBe('https://asuh.example.id/pusat/reset/x');
    for (const bad of [
      'asuh.example.id',
      'ftp://asuh.example.id',
      'https://asuh.example.id/?a=1',
      'https://u:p@a.id',
    ]) {
      environment({ NODE_ENV: 'production', PUBLIC_URL: bad });
      expect(() => publicBaseUrl(), bad).toThrow(/PUBLIC_URL must be/);
    }
  });

  it('refuses a malformed SMTP_URL and never shows its password', () => {
    environment({ NODE_ENV: 'test', SMTP_URL: 'mail.example.id:587' });
    expect(() => checkMailConfig()).toThrow(/SMTP_URL must look like/);
    environment({ NODE_ENV: 'test', SMTP_URL: 'smtps://asuh:rahasia@mail.example.id:465' });
    expect(() => checkMailConfig()).not.toThrow();
    expect(redactedSmtpUrl(process.env.SMTP_URL!)).toBe('smtps://asuh:***@mail.example.id:465');
    expect(JSON.stringify(describeMailConfig())).not.toContain('rahasia');
  });

  it('sends from MAIL_FROM, else a no-reply address at the site', () => {
    environment({ NODE_ENV: 'test', MAIL_FROM: 'TAS Cempaka <tas@cempaka.id>' });
    expect(mailFrom()).toBe('TAS Cempaka <tas@cempaka.id>');
    environment({ NODE_ENV: 'test', PUBLIC_URL: 'https://asuh.kemensos.go.id' });
    expect(mailFrom()).toBe('Asuh <no-reply@asuh.kemensos.go.id>');
  });
});
