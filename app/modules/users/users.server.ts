import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB, Language, Role } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import { hashPassword } from '../auth/password.server';
import { revokeUserSessions } from '../auth/session.server';

export async function findUserByEmail(email: string) {
  return getDb()
    .selectFrom('users')
    .select(['id', 'email', 'name', 'password_hash', 'totp_enabled_at', 'disabled_at', 'preferred_language'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function getProfile(userId: string) {
  return getDb().selectFrom('users').select(['name', 'phone', 'preferred_language']).where('id', '=', userId).executeTakeFirstOrThrow();
}

/** Inserts an account row with its audit entry, inside the caller's transaction. */
export async function insertUserIn(
  trx: Kysely<DB>,
  input: {
    email: string;
    name: string;
    passwordHash: string | null;
    phone?: string | null;
    language?: Language;
    actorId: string | null;
    centerId: string | null;
  },
) {
  const now = nowIso();
  const user = {
    id: newId(),
    email: input.email.toLowerCase(),
    name: input.name,
    phone: input.phone ?? null,
    preferred_language: input.language ?? 'id',
    password_hash: input.passwordHash,
    totp_secret: null,
    totp_enabled_at: null,
    disabled_at: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('users').values(user).execute();
  // A new account's first audit entry is its own creation; self-registration has no other actor.
  await recordChange(trx, { actorId: input.actorId ?? user.id, centerId: input.centerId, entity: 'user', entityId: user.id, after: user });
  return user.id;
}

/** Creates an account (and, with a membership, its first role) in one audited transaction. */
export async function createUser(input: {
  email: string;
  name: string;
  password: string | null;
  phone?: string | null;
  language?: Language;
  actorId: string | null;
  membership?: { centerId: string; role: Role };
}) {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const centerId = input.membership?.centerId ?? null;
      const userId = await insertUserIn(trx, { ...input, passwordHash, centerId });
      if (input.membership) await addMembershipIn(trx, { userId, ...input.membership, actorId: input.actorId ?? userId });
      return userId;
    });
}

export async function addMembershipIn(
  trx: Kysely<DB>,
  { userId, centerId, role, actorId }: { userId: string; centerId: string; role: Role; actorId: string | null },
) {
  const existing = await trx
    .selectFrom('memberships')
    .select('id')
    .where('user_id', '=', userId)
    .where('center_id', '=', centerId)
    .where('role', '=', role)
    .executeTakeFirst();
  if (existing) return existing.id;
  const membership = { id: newId(), user_id: userId, center_id: centerId, role, created_at: nowIso() };
  await trx.insertInto('memberships').values(membership).execute();
  await recordChange(trx, { actorId, centerId, entity: 'membership', entityId: membership.id, after: membership });
  return membership.id;
}

export async function listStaff(centerId: string) {
  const rows = await getDb()
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.phone', 'users.disabled_at', 'users.totp_enabled_at', 'memberships.role'])
    .where('memberships.center_id', '=', centerId)
    .orderBy('users.name')
    .execute();
  const byUser = new Map<string, { id: string; name: string; email: string; phone: string | null; disabled: boolean; twoFactor: boolean; roles: Role[] }>();
  for (const r of rows) {
    const entry = byUser.get(r.id) ?? {
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      disabled: r.disabled_at !== null,
      twoFactor: r.totp_enabled_at !== null,
      roles: [],
    };
    entry.roles.push(r.role);
    byUser.set(r.id, entry);
  }
  return [...byUser.values()];
}

/** Updates a user's own profile fields, audited. */
export async function updateUser({
  userId,
  actorId,
  changes,
}: {
  userId: string;
  actorId: string;
  changes: Partial<{ name: string; phone: string | null; preferred_language: Language }>;
}) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('users')
        .select(['name', 'phone', 'preferred_language'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      await trx.updateTable('users').set({ ...changes, updated_at: nowIso() }).where('id', '=', userId).execute();
      await recordChange(trx, { actorId, centerId: null, entity: 'user', entityId: userId, before, after: { ...before, ...changes } });
    });
}

/**
 * A coordinator disables or re-enables a staff account of their center. Disabling ends the
 * user's sessions at once. Returns false when the user is not staff of that center.
 */
export async function setStaffDisabled({
  userId,
  centerId,
  actorId,
  disabled,
}: {
  userId: string;
  centerId: string;
  actorId: string;
  disabled: boolean;
}): Promise<boolean> {
  const ok = await getDb()
    .transaction()
    .execute(async (trx) => {
      const user = await trx
        .selectFrom('users')
        .innerJoin('memberships', 'memberships.user_id', 'users.id')
        .select(['users.id', 'users.disabled_at'])
        .where('users.id', '=', userId)
        .where('memberships.center_id', '=', centerId)
        .executeTakeFirst();
      if (!user) return false;
      const disabledAt = disabled ? (user.disabled_at ?? nowIso()) : null;
      await trx.updateTable('users').set({ disabled_at: disabledAt, updated_at: nowIso() }).where('id', '=', userId).execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'user',
        entityId: userId,
        before: { disabled_at: user.disabled_at },
        after: { disabled_at: disabledAt },
      });
      return true;
    });
  if (ok && disabled) await revokeUserSessions(userId);
  return ok;
}
