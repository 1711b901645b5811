import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB, Language, Role } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import { hashPassword } from '../auth/password.server';
import { revokeUserSessions } from '../auth/session.server';
import { accessChanged } from '../live/access.server';

export async function findUserByEmail(email: string) {
  return getDb()
    .selectFrom('users')
    .select(['id', 'email', 'name', 'password_hash', 'totp_enabled_at', 'disabled_at', 'preferred_language'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function getProfile(userId: string) {
  return getDb()
    .selectFrom('users')
    .select(['name', 'phone', 'preferred_language'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
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
  await recordChange(trx, {
    actorId: input.actorId ?? user.id,
    centerId: input.centerId,
    entity: 'user',
    entityId: user.id,
    after: user,
  });
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
      if (input.membership)
        await addMembershipIn(trx, { userId, ...input.membership, actorId: input.actorId ?? userId });
      return userId;
    });
}

/** Gives a role in a center (or takes a suspended one back into use), audited, inside the caller's transaction. */
export async function addMembershipIn(
  trx: Kysely<DB>,
  { userId, centerId, role, actorId }: { userId: string; centerId: string; role: Role; actorId: string | null },
) {
  const existing = await trx
    .selectFrom('memberships')
    .select(['id', 'suspended_at'])
    .where('user_id', '=', userId)
    .where('center_id', '=', centerId)
    .where('role', '=', role)
    .executeTakeFirst();
  if (existing) {
    if (existing.suspended_at) {
      await trx
        .updateTable('memberships')
        .set({ suspended_at: null, suspended_by: null })
        .where('id', '=', existing.id)
        .execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'membership',
        entityId: existing.id,
        before: { suspended_at: existing.suspended_at },
        after: { suspended_at: null },
      });
    }
    return existing.id;
  }
  const membership = {
    id: newId(),
    user_id: userId,
    center_id: centerId,
    role,
    created_at: nowIso(),
    suspended_at: null,
    suspended_by: null,
  };
  await trx.insertInto('memberships').values(membership).execute();
  await recordChange(trx, { actorId, centerId, entity: 'membership', entityId: membership.id, after: membership });
  return membership.id;
}

/** Everyone with a role in the center, suspended ones included (marked), with their roles there. */
export async function listStaff(centerId: string) {
  const rows = await getDb()
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id',
      'users.name',
      'users.email',
      'users.phone',
      'users.totp_enabled_at',
      'memberships.role',
      'memberships.suspended_at',
    ])
    .where('memberships.center_id', '=', centerId)
    .orderBy('users.name')
    .execute();
  const byUser = new Map<
    string,
    {
      id: string;
      name: string;
      email: string;
      phone: string | null;
      suspended: boolean;
      twoFactor: boolean;
      roles: Role[];
    }
  >();
  for (const r of rows) {
    const entry = byUser.get(r.id) ?? {
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      suspended: false,
      twoFactor: r.totp_enabled_at !== null,
      roles: [],
    };
    entry.roles.push(r.role);
    entry.suspended ||= r.suspended_at !== null;
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
      await trx
        .updateTable('users')
        .set({ ...changes, updated_at: nowIso() })
        .where('id', '=', userId)
        .execute();
      await recordChange(trx, {
        actorId,
        centerId: null,
        entity: 'user',
        entityId: userId,
        before,
        after: { ...before, ...changes },
      });
    });
}

export type MembershipChange = 'suspend' | 'reactivate' | 'remove';

/**
 * A coordinator suspends, reactivates or removes someone's roles in their own center. Only that
 * center's memberships change: the account, and the person's roles and children elsewhere, are
 * untouched. The person's sessions lose the center on their next request (memberships are read
 * on every request). Returns false when the person has no role in this center.
 */
export async function changeMembership({
  userId,
  centerId,
  actorId,
  change,
}: {
  userId: string;
  centerId: string;
  actorId: string;
  change: MembershipChange;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const rows = await trx
        .selectFrom('memberships')
        .selectAll()
        .where('user_id', '=', userId)
        .where('center_id', '=', centerId)
        .execute();
      if (rows.length === 0) return false;
      const now = nowIso();
      for (const row of rows) {
        if (change === 'remove') {
          await trx.deleteFrom('memberships').where('id', '=', row.id).execute();
          await recordChange(trx, {
            actorId,
            centerId,
            entity: 'membership',
            entityId: row.id,
            before: row,
            after: null,
          });
          continue;
        }
        const after =
          change === 'suspend'
            ? { suspended_at: row.suspended_at ?? now, suspended_by: row.suspended_by ?? actorId }
            : { suspended_at: null, suspended_by: null };
        await trx.updateTable('memberships').set(after).where('id', '=', row.id).execute();
        await recordChange(trx, {
          actorId,
          centerId,
          entity: 'membership',
          entityId: row.id,
          before: { suspended_at: row.suspended_at, suspended_by: row.suspended_by },
          after,
        });
      }
      await accessChanged(trx, userId);
      return true;
    });
}

/**
 * Disables or re-enables an account everywhere: only the person themselves (account page) or an
 * operator (`asuh disable-account`) may. Disabling ends every session of the account.
 */
export async function setAccountDisabled({
  userId,
  actorId,
  disabled,
}: {
  userId: string;
  actorId: string | null;
  disabled: boolean;
}) {
  const changed = await getDb()
    .transaction()
    .execute(async (trx) => {
      const user = await trx.selectFrom('users').select(['disabled_at']).where('id', '=', userId).executeTakeFirst();
      if (!user) return false;
      const disabledAt = disabled ? (user.disabled_at ?? nowIso()) : null;
      await trx
        .updateTable('users')
        .set({ disabled_at: disabledAt, updated_at: nowIso() })
        .where('id', '=', userId)
        .execute();
      // An operator's change (CLI) has no actor: the audit log shows it as the system's.
      await recordChange(trx, {
        actorId,
        centerId: null,
        entity: 'user',
        entityId: userId,
        before: { disabled_at: user.disabled_at },
        after: { disabled_at: disabledAt },
      });
      await accessChanged(trx, userId);
      return true;
    });
  if (changed && disabled) await revokeUserSessions(userId);
  return changed;
}
