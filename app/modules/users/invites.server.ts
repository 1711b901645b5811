import { getDb } from '~db/client.server';
import { hashToken, newToken } from '../auth/tokens.server';
import { newId, nowIso } from '~db/ids';
import type { Kysely } from 'kysely';
import type { DB, Role } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import { hashPassword } from '../auth/password.server';
import { addMembershipIn, findUserByEmail, insertUserIn } from './users.server';

export const INVITE_DAYS = 7;

/**
 * Invites someone to a center's staff. An existing account simply gains the role; a new person
 * gets a one-time link (the token is shown once; only its hash is stored).
 */
export async function inviteStaff(input: {
  centerId: string;
  email: string;
  name: string;
  role: Role;
  actorId: string;
  now?: Date;
}): Promise<{ kind: 'added' } | { kind: 'invited'; token: string }> {
  const existing = await findUserByEmail(input.email);
  const db = getDb();
  if (existing) {
    await db.transaction().execute((trx) => addMembershipIn(trx, { userId: existing.id, centerId: input.centerId, role: input.role, actorId: input.actorId }));
    return { kind: 'added' };
  }
  const token = await db.transaction().execute((trx) => createInviteIn(trx, { ...input, now: input.now ?? new Date() }));
  return { kind: 'invited', token };
}

/** Stores a one-time invite (only the token's hash) with its audit entry; returns the token. */
export async function createInviteIn(
  trx: Kysely<DB>,
  input: { centerId: string; email: string; name: string; role: Role | 'guardian'; actorId: string; now?: Date },
) {
  const token = newToken();
  const now = input.now ?? new Date();
  const invite = {
    id: newId(),
    token_hash: hashToken(token),
    center_id: input.centerId,
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role,
    invited_by: input.actorId,
    expires_at: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
    accepted_at: null,
    created_at: now.toISOString(),
  };
  await trx.insertInto('invites').values(invite).execute();
  await recordChange(trx, { actorId: input.actorId, centerId: input.centerId, entity: 'invite', entityId: invite.id, after: invite });
  return token;
}

/** The invite behind a link, only while it is unused and unexpired. */
export async function findOpenInvite(token: string, now = new Date()) {
  if (!token || token.length > 100) return undefined;
  return getDb()
    .selectFrom('invites')
    .innerJoin('centers', 'centers.id', 'invites.center_id')
    .select(['invites.id', 'invites.email', 'invites.name', 'invites.role', 'invites.center_id', 'centers.name as centerName'])
    .where('invites.token_hash', '=', hashToken(token))
    .where('invites.accepted_at', 'is', null)
    .where('invites.expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

/**
 * Sets up the account behind an invite: creates it for new staff, or sets the password of a
 * guardian account made at enrollment. Returns the user's id, or null if the link is no longer valid.
 */
export async function acceptInvite({ token, name, password }: { token: string; name: string; password: string }) {
  const invite = await findOpenInvite(token);
  if (!invite) return null;
  const passwordHash = await hashPassword(password);
  return getDb()
    .transaction()
    .execute(async (trx) => {
      // Marking it accepted first, conditionally, makes a double submit create one account.
      const claimed = await trx
        .updateTable('invites')
        .set({ accepted_at: nowIso() })
        .where('id', '=', invite.id)
        .where('accepted_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return null;
      const existing = await trx.selectFrom('users').select(['id', 'name', 'password_hash']).where('email', '=', invite.email).executeTakeFirst();
      if (existing?.password_hash) return null; // already has a password: they sign in instead
      let userId: string;
      if (existing) {
        userId = existing.id;
        await trx.updateTable('users').set({ name, password_hash: passwordHash, updated_at: nowIso() }).where('id', '=', userId).execute();
        await recordChange(trx, { actorId: userId, centerId: invite.center_id, entity: 'user', entityId: userId, before: { name: existing.name, password_hash: null }, after: { name, password_hash: passwordHash } });
      } else {
        userId = await insertUserIn(trx, { email: invite.email, name, passwordHash, actorId: null, centerId: invite.center_id });
      }
      if (invite.role !== 'guardian') await addMembershipIn(trx, { userId, centerId: invite.center_id, role: invite.role, actorId: userId });
      return userId;
    });
}

export async function listOpenInvites(centerId: string, now = new Date()) {
  return getDb()
    .selectFrom('invites')
    .select(['id', 'email', 'name', 'role', 'expires_at'])
    .where('center_id', '=', centerId)
    .where('role', '!=', 'guardian')
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .execute();
}
