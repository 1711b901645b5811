// Calls route loaders and actions the way Remix does: a Request in, data or a Response out.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { expect } from 'vitest';
import { createSession } from '~/modules/auth/session.server';
import type { FieldErrors } from '~/modules/forms/fields';

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

/**
 * What a loader or action hands the page: its return value, unwrapped from data() (a Response it
 * returns is not data). An action that answers either a failure or a success gives the union of
 * both, each also carrying the other's keys as undefined, so `result.data.errors` reads on either.
 */
export type Returned<F> = F extends (...args: never[]) => infer R ? OneOf<Unwrapped<Awaited<R>>> : never;
type Unwrapped<R> = R extends Response
  ? never
  : R extends { type: string; data: infer D; init: ResponseInit | null }
    ? D
    : R;
type KeysOf<U> = U extends object ? keyof U : never;
type OneOf<U, All = U> = U extends object ? U & { [K in Exclude<KeysOf<All>, keyof U>]?: undefined } : U;

/**
 * `data` is what the function returned, typed as such. When it returned or threw a Response (a
 * redirect, a 404, a file), `data` is that response's body instead, parsed as JSON where it is JSON:
 * check `status` before reading it. A function that only ever answers with a Response gives `unknown`.
 */
export type Result<T = unknown> = { status: number; data: T; headers: Headers };
type Data<F> = [Returned<F>] extends [never] ? unknown : Returned<F>;

/** Normalises what a loader/action returned or threw: plain data, data(), or a Response. */
async function settle<T>(run: () => Promise<unknown>): Promise<Result<T>> {
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
    return { status: value.status, data: data as T, headers: value.headers };
  }
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'DataWithResponseInit') {
    const { data, init } = value as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, data: data as T, headers: new Headers(init?.headers) };
  }
  return { status: 200, data: value as T, headers: new Headers() };
}

export function callLoader<F extends (args: LoaderFunctionArgs) => unknown>(
  loader: F,
  { path, cookie, params = {} }: Call,
) {
  return settle<Data<F>>(async () => loader({ request: request(path, cookie), params, context: {} }));
}

export function callAction<F extends (args: ActionFunctionArgs) => unknown>(
  action: F,
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
  return settle<Data<F>>(async () =>
    action({
      request: request(path, cookie, { method: 'POST', body, headers }),
      params,
      context: { clientIp: ip ?? '127.0.0.1' },
    }),
  );
}

/** The data of an answer that landed (200, no field errors), typed without the failure it could have been. */
export function succeeded<T>(result: Result<T>): Exclude<T, { errors: FieldErrors }> {
  expect(result.status).toBe(200);
  expect(result.data).not.toHaveProperty('errors');
  return result.data as Exclude<T, { errors: FieldErrors }>;
}

/** The one-time link (an invitation or a password reset) an action answered with. */
export function linkOf(result: Result<{ link?: { url: string } | null }>) {
  const url = succeeded(result).link?.url;
  expect(url).toMatch(/^http:\/\/localhost:3000\/(invite|reset)\/[\w-]{20,}$/);
  return url!;
}

export function expectRedirect(result: Result, to: string | RegExp) {
  expect(result.status).toBe(302);
  const location = result.headers.get('Location') ?? '';
  if (typeof to === 'string') expect(location).toBe(to);
  else expect(location).toMatch(to);
}
