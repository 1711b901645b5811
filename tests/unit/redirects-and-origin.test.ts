import { describe, expect, it } from 'vitest';
import { safeRedirect } from '~/modules/http.server';
import { sameOriginOnly } from '../../server.js';

describe('safeRedirect', () => {
  it.each([
    '/',
    '/account',
    '/c/abc/children?status=enrolled&q=Budi%20Santoso',
    '/login/two-factor?redirectTo=%2Faccount',
    '/a/b#top',
  ])('keeps the same-origin path %j', (to) => {
    expect(safeRedirect(to)).toBe(to);
  });

  it.each([
    ['another site', '//evil.example/x'],
    ['a backslash after the slash', '/\\evil.example'],
    ['a backslash further on', '/a\\..\\\\evil.example'],
    ['a tab browsers strip into //', '/\t/evil.example'],
    ['a newline browsers strip into //', '/\n/evil.example'],
    ['a carriage return', '/\r/evil.example'],
    ['a newline that would break the header', '/account\nSet-Cookie: x=1'],
    ['a leading space', ' /account'],
    ['a space inside', '/a b'],
    ['a NUL', '/a\0'],
    ['a non-ASCII letter', '/anak/ñ'],
    ['a full URL', 'https://evil.example/'],
    ['a scheme', 'javascript:alert(1)'],
    ['a relative path', 'account'],
    ['nothing', ''],
  ])('falls back for %s', (_name, to) => {
    expect(safeRedirect(to)).toBe('/');
    expect(safeRedirect(to, '/family')).toBe('/family');
  });

  it('falls back for what is not a string', () => {
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
    expect(safeRedirect(new File([], 'x'))).toBe('/');
  });
});

describe('sameOriginOnly', () => {
  function post(headers: Record<string, string>, method = 'POST') {
    const lower = Object.fromEntries(
      Object.entries({ host: 'asuh.example', ...headers }).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const outcome = { status: 0, passed: false };
    const res = {
      status(code: number) {
        outcome.status = code;
        return res;
      },
      type: () => res,
      send: () => res,
    };
    sameOriginOnly({ method, get: (name: string) => lower[name.toLowerCase()] }, res, () => (outcome.passed = true));
    return outcome;
  }

  it('lets same-origin posts and reads through', () => {
    expect(post({ Origin: 'https://asuh.example' })).toEqual({ status: 0, passed: true });
    expect(post({ 'Sec-Fetch-Site': 'same-origin' })).toEqual({ status: 0, passed: true });
    expect(post({ Origin: 'garbage' }, 'GET')).toEqual({ status: 0, passed: true });
  });

  it('refuses other origins with 403', () => {
    expect(post({ Origin: 'https://evil.example' }).status).toBe(403);
    expect(post({ Origin: 'null' }).status).toBe(403);
    expect(post({ 'Sec-Fetch-Site': 'cross-site' }).status).toBe(403);
  });

  it.each(['garbage', 'http://', '://asuh.example', 'http://[::1'])(
    'answers an unparseable Origin %j with 400, not 500',
    (origin) => {
      expect(post({ Origin: origin })).toEqual({ status: 400, passed: false });
    },
  );
});
