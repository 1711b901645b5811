// Changing a password (the person, with the current one) and resetting it (a one-time link that
// a coordinator issues to their own staff and guardians, or an operator through the CLI). A reset
// never skips two-step sign-in, and a coordinator cannot reset an account that also has a role or
// children in a center they do not coordinate: that would open the other center to them.
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { recordChange } from '../audit/audit.server';
import { passwordResetNotice } from '../users/notices.server';
import { hashPassword, verifyPassword } from './password.server';
import { revokeUserSessions } from './session.server';
import { passwordKeys, reserveAttempt, succeeded, throttled, type Throttled } from './throttle.server';
import { hashToken, newToken } from './tokens.server';

export const RESET_HOURS = 72;

/** Every center an account reaches: its roles (suspended ones too) and its children's centers. */
async function centersOf(userId: string) {
  const db = getDb();
  const [roles, children] = await Promise.all([
    db.selectFrom('memberships').select('center_id').where('user_id', '=', userId).execute(),
    db
      .selectFrom('guardians')
      .innerJoin('children', 'children.id', 'guardians.child_id')
      .select('children.center_id')
      .where('guardians.user_id', '=', userId)
      .execute(),
  ]);
  return new Set([...roles, ...children].map((r) => r.center_id));
}

async function coordinatedBy(userId: string) {
  const rows = await getDb()
    .selectFrom('memberships')
    .select('center_id')
    .where('user_id', '=', userId)
    .where('role', '=', 'coordinator')
    .where('suspended_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.center_id));
}

async function storeReset({
  userId,
  centerId,
  actorId,
  now,
}: {
  userId: string;
  centerId: string | null;
  actorId: string | null;
  now: Date;
}) {
  const token = newToken();
  const reset = {
    id: newId(),
    token_hash: hashToken(token),
    user_id: userId,
    center_id: centerId,
    created_by: actorId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + RESET_HOURS * 3_600_000).toISOString(),
    used_at: null,
  };
  await getDb()
    .transaction()
    .execute(async (trx) => {
      // One open link per person: a new one replaces the earlier.
      await trx
        .updateTable('password_resets')
        .set({ used_at: reset.created_at })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
      await trx.insertInto('password_resets').values(reset).execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'password_reset',
        entityId: reset.id,
        after: { ...reset, user_id: userId },
      });
      // A coordinator's link also goes to the person's own address; an operator's is passed on by hand.
      if (reset.center_id) await passwordResetNotice(trx, { reset: { ...reset, center_id: reset.center_id }, token });
    });
  return token;
}

export const ISSUE_RESET_ERRORS = ['notFound', 'resetOtherCenters'] as const;
export type IssueResetResult = { ok: true; token: string } | { ok: false; error: (typeof ISSUE_RESET_ERRORS)[number] };

/**
 * May this coordinator reset this person's password from this center? Asked when the link is made
 * and again when it is used: the person may have joined another center meanwhile, or the
 * coordinator lost the role.
 */
async function coordinatorMayReset({
  centerId,
  userId,
  actorId,
}: {
  centerId: string;
  userId: string;
  actorId: string;
}): Promise<true | 'notFound' | 'resetOtherCenters'> {
  const [reached, coordinated] = await Promise.all([centersOf(userId), coordinatedBy(actorId)]);
  if (!reached.has(centerId) || !coordinated.has(centerId) || userId === actorId) return 'notFound';
  if ([...reached].some((c) => !coordinated.has(c))) return 'resetOtherCenters';
  return true;
}

/**
 * A coordinator issues a reset link for someone of their center (staff, or a guardian of a child
 * there) who reaches no center they do not coordinate, and never for themselves.
 */
export async function issuePasswordReset({
  centerId,
  userId,
  actorId,
  now = new Date(),
}: {
  centerId: string;
  userId: string;
  actorId: string;
  now?: Date;
}): Promise<IssueResetResult> {
  const allowed = await coordinatorMayReset({ centerId, userId, actorId });
  if (allowed !== true) return { ok: false, error: allowed };
  return { ok: true, token: await storeReset({ userId, centerId, actorId, now }) };
}

/** An operator's reset (CLI), for anyone; null when no account has that email. */
export async function issueOperatorReset(email: string, now = new Date()) {
  const user = await getDb()
    .selectFrom('users')
    .select('id')
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return user ? storeReset({ userId: user.id, centerId: null, actorId: null, now }) : null;
}

export async function findOpenReset(token: string, now = new Date()) {
  if (!token || token.length > 100) return undefined;
  return getDb()
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select([
      'password_resets.id',
      'password_resets.user_id',
      'password_resets.center_id',
      'password_resets.created_by',
      'users.email',
      'users.name',
    ])
    .where('password_resets.token_hash', '=', hashToken(token))
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

/** Sets a new password from a reset link (once), ends every session of the account and clears its sign-in lock. */
export async function resetPassword({ token, password }: { token: string; password: string }) {
  const reset = await findOpenReset(token);
  if (!reset) return null;
  // An operator's link (no issuer) is always honoured; a coordinator's only while they still may.
  if (
    reset.created_by &&
    (await coordinatorMayReset({ centerId: reset.center_id!, userId: reset.user_id, actorId: reset.created_by })) !==
      true
  )
    return null;
  const passwordHash = await hashPassword(password);
  const done = await getDb()
    .transaction()
    .execute(async (trx) => {
      const at = nowIso();
      const claimed = await trx
        .updateTable('password_resets')
        .set({ used_at: at })
        .where('id', '=', reset.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      const before = await trx
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', reset.user_id)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, updated_at: at })
        .where('id', '=', reset.user_id)
        .execute();
      await recordChange(trx, {
        actorId: reset.user_id,
        centerId: reset.center_id,
        entity: 'user',
        entityId: reset.user_id,
        before,
        after: { password_hash: passwordHash },
      });
      await trx.deleteFrom('login_throttle').where('key', '=', `account:${reset.email}`).execute();
      return true;
    });
  if (!done) return null;
  await revokeUserSessions(reset.user_id);
  return { email: reset.email };
}

export type CurrentPasswordResult = { ok: true } | { ok: false; error: 'wrongPassword' } | Throttled;

/**
 * Checks a signed-in person's current password before a change that needs it (a new password,
 * closing the account), on the same throttle as sign-in: a stolen session cannot guess it freely.
 */
export async function checkCurrentPassword({
  user,
  password,
  ip,
}: {
  user: { id: string; email: string };
  password: string;
  ip: string;
}): Promise<CurrentPasswordResult> {
  const keys = passwordKeys(user.email, ip);
  const verdict = await reserveAttempt(keys);
  if (!verdict.allowed) return throttled(verdict);
  const row = await getDb()
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, password))) return { ok: false, error: 'wrongPassword' };
  await succeeded(keys);
  return { ok: true };
}

/** The person changes their own password with the current one; every other session of theirs ends. */
export async function changePassword({
  user,
  sessionId,
  current,
  next,
  ip,
}: {
  user: { id: string; email: string };
  sessionId: string;
  current: string;
  next: string;
  ip: string;
}): Promise<CurrentPasswordResult> {
  const checked = await checkCurrentPassword({ user, password: current, ip });
  if (!checked.ok) return checked;
  const db = getDb();
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: nowIso() })
      .where('id', '=', user.id)
      .execute();
    await recordChange(trx, {
      actorId: user.id,
      centerId: null,
      entity: 'user',
      entityId: user.id,
      before: { password_hash: row.password_hash },
      after: { password_hash: passwordHash },
    });
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '!=', sessionId).execute();
    // A reset link made before is void: the person has chosen their password since.
    await trx
      .updateTable('password_resets')
      .set({ used_at: nowIso() })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .execute();
  });
  return { ok: true };
}
