import { createCookie } from '@remix-run/node';
import { getDb } from '~db/client.server';
import { hashToken, newToken } from './tokens.server';
import { nowIso } from '~db/ids';

const DEV_SECRET = 'asuh-development-secret-not-for-production';
const IDLE_MINUTES = Number(process.env.SESSION_IDLE_MINUTES ?? 12 * 60);
// Writing last_seen_at on every request would turn every read into a write; once a minute is enough.
const TOUCH_AFTER_MS = 60_000;

export function sessionSecret(): string {
  const secret = process.env.SESSION_SECRET;
  if (secret) return secret;
  if (process.env.NODE_ENV === 'production') {
    throw new Error('SESSION_SECRET is not set. Set it to a long random string before starting Asuh in production.');
  }
  return DEV_SECRET;
}

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie('asuh_session', {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production' && process.env.COOKIE_SECURE !== 'false',
    path: '/',
    secrets: [sessionSecret()],
    maxAge: 60 * 60 * 24 * 30,
  });
  return cookie;
}

export type Session = { id: string; userId: string; twoFactorPassed: boolean; flash: string | null };

/** The id (the token's hash) of the session the request's cookie names, or null without a valid cookie. */
export async function sessionIdOf(request: Request): Promise<string | null> {
  const token = await sessionCookie().parse(request.headers.get('Cookie'));
  return typeof token === 'string' ? hashToken(token) : null;
}

/**
 * A session just read is used: false (and the session deleted) when it was idle too long; else its
 * last-seen time is moved on, at most once a minute.
 */
export async function stillFresh(id: string, lastSeenAt: string): Promise<boolean> {
  const idleMs = Date.now() - Date.parse(lastSeenAt);
  const db = getDb();
  if (idleMs > IDLE_MINUTES * 60_000) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return false;
  }
  if (idleMs > TOUCH_AFTER_MS) {
    await db.updateTable('sessions').set({ last_seen_at: nowIso() }).where('id', '=', id).execute();
  }
  return true;
}

/** The session alone (sign-out, the two-step page); requireUser reads it with its user in one query. */
export async function readSession(request: Request): Promise<Session | null> {
  const id = await sessionIdOf(request);
  if (!id) return null;
  const row = await getDb()
    .selectFrom('sessions')
    .select(['id', 'user_id', 'two_factor_passed', 'flash', 'last_seen_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !(await stillFresh(id, row.last_seen_at))) return null;
  return { id, userId: row.user_id, twoFactorPassed: row.two_factor_passed === 1, flash: row.flash };
}

/**
 * Whether a session read earlier still stands — not signed out, ended or idle too long — without
 * counting as activity (a page left open, checked by its live stream, must not keep it alive).
 */
export async function sessionStillActive(sessionId: string) {
  const row = await getDb()
    .selectFrom('sessions')
    .select(['user_id', 'two_factor_passed', 'last_seen_at'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!row || row.two_factor_passed !== 1) return false;
  return Date.now() - Date.parse(row.last_seen_at) <= IDLE_MINUTES * 60_000;
}

/** Starts a session and returns the Set-Cookie header value. */
export async function createSession(
  request: Request,
  { userId, twoFactorPassed, ip }: { userId: string; twoFactorPassed: boolean; ip?: string },
): Promise<string> {
  const token = newToken(32);
  const now = nowIso();
  await getDb()
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      two_factor_passed: twoFactorPassed ? 1 : 0,
      flash: null,
      created_at: now,
      last_seen_at: now,
      ip: ip ?? null,
      user_agent: request.headers.get('User-Agent')?.slice(0, 300) ?? null,
    })
    .execute();
  return sessionCookie().serialize(token);
}

export async function markTwoFactorPassed(sessionId: string) {
  await getDb().updateTable('sessions').set({ two_factor_passed: 1 }).where('id', '=', sessionId).execute();
}

/** Ends the session on the server (the cookie alone is worthless afterwards) and clears the cookie. */
export async function destroySession(session: Session | null): Promise<string> {
  if (session) await getDb().deleteFrom('sessions').where('id', '=', session.id).execute();
  return sessionCookie().serialize('', { maxAge: 0 });
}

export async function revokeUserSessions(userId: string) {
  await getDb().deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** A one-time message (an i18n key) shown on the next page. */
export async function setFlash(session: Session, key: string) {
  await getDb().updateTable('sessions').set({ flash: key }).where('id', '=', session.id).execute();
}

export async function takeFlash(session: Session): Promise<string | null> {
  if (!session.flash) return null;
  await getDb().updateTable('sessions').set({ flash: null }).where('id', '=', session.id).execute();
  return session.flash;
}
