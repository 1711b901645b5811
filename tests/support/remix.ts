// Calls route loaders and actions the way Remix does: a Request in, data or a Response out.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { expect } from 'vitest';
import { createSession } from '~/modules/auth/session.server';

const ORIGIN = 'http://localhost:3000';

/** A session cookie for a user, made directly (only the sign-in tests go through /login). */
export async function sessionCookie(userId: string, { twoFactorPassed = true } = {}) {
  const setCookie = await createSession(new Request(ORIGIN), { userId, twoFactorPassed });
  return setCookie.split(';')[0];
}

type Call = { path: string; cookie?: string; params?: Record<string, string>; ip?: string };

function request(path: string, cookie: string | undefined, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set('Cookie', cookie);
  return new Request(`${ORIGIN}${path}`, { ...init, headers });
}

type Result = { status: number; data: any; headers: Headers };

/** Normalises what a loader/action returned or threw: plain data, data(), or a Response. */
async function settle(run: () => Promise<unknown>): Promise<Result> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
    if (!(thrown instanceof Response)) throw thrown;
  }
  if (value instanceof Response) {
    const text = await value.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: value.status, data, headers: value.headers };
  }
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'DataWithResponseInit') {
    const { data, init } = value as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, data, headers: new Headers(init?.headers) };
  }
  return { status: 200, data: value, headers: new Headers() };
}

export function callLoader(loader: (args: LoaderFunctionArgs) => unknown, { path, cookie, params = {} }: Call) {
  return settle(async () => loader({ request: request(path, cookie), params, context: {} }));
}

export function callAction(
  action: (args: ActionFunctionArgs) => unknown,
  {
    path,
    cookie,
    params = {},
    form,
    ip,
    headers,
  }: Call & {
    form: Record<string, string | string[]> | FormData | URLSearchParams | string;
    headers?: Record<string, string>;
  },
) {
  const body =
    form instanceof FormData || form instanceof URLSearchParams || typeof form === 'string'
      ? form
      : new URLSearchParams(
          Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((one) => [k, one]) : [[k, v]])),
        );
  return settle(async () =>
    action({
      request: request(path, cookie, { method: 'POST', body, headers }),
      params,
      context: { clientIp: ip ?? '127.0.0.1' },
    }),
  );
}

export function expectRedirect(result: Result, to: string | RegExp) {
  expect(result.status).toBe(302);
  const location = result.headers.get('Location') ?? '';
  if (typeof to === 'string') expect(location).toBe(to);
  else expect(location).toMatch(to);
}
