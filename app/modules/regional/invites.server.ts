// A regional person is invited by an operator (`asuh invite-regional`), not by a center: the
// invitation is bound to an email and to one region, and becomes a regional role when its owner
// accepts it on the same page as every other invitation (/invite/<token>) — by creating their
// account from the link, or by signing in and accepting when they have one (a second region for
// someone who already oversees one). Tokens, hashing and accounts are the invitations' own.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import { hashToken, newToken } from '../auth/tokens.server';
import {
  acceptInvitedAs,
  createInvitedAccount,
  INVITE_DAYS,
  type AcceptableInvite,
  type AcceptResult,
} from '../users/invites.server';

/** Stores the invitation (only the token's hash) with its audit entry; returns the token to pass on. */
export async function inviteRegional(input: {
  email: string;
  name: string;
  province: string;
  city: string | null;
  now?: Date;
}) {
  const token = newToken();
  const now = input.now ?? new Date();
  const invite = {
    id: newId(),
    token_hash: hashToken(token),
    email: input.email.toLowerCase(),
    name: input.name,
    province: input.province,
    city: input.city,
    invited_by: null,
    expires_at: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
    accepted_at: null,
    accepted_by: null,
    revoked_at: null,
    created_at: now.toISOString(),
  };
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('regional_invites').values(invite).execute();
      await recordChange(trx, {
        actorId: null,
        centerId: null,
        entity: 'regional_invite',
        entityId: invite.id,
        after: invite,
      });
    });
  return token;
}

/** How many centers the region holds today (the CLI warns about a region with none, e.g. a typo). */
export async function centersInRegion({ province, city }: { province: string; city: string | null }) {
  let query = getDb()
    .selectFrom('centers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('province', '=', province);
  if (city !== null) query = query.where('city', '=', city);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** The regional invitation behind a link while it is open (not accepted, revoked or expired). */
export async function findOpenRegionalInvite(token: string, now = new Date()) {
  if (!token || token.length > 100) return undefined;
  return getDb()
    .selectFrom('regional_invites')
    .select(['id', 'email', 'name', 'province', 'city'])
    .where('token_hash', '=', hashToken(token))
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

type OpenRegionalInvite = NonNullable<Awaited<ReturnType<typeof findOpenRegionalInvite>>>;

/** Marks the invitation accepted, once, and gives its region to the user (a region already held is not doubled). */
async function grantRegionIn(trx: Kysely<DB>, invite: OpenRegionalInvite, token: string, userId: string) {
  const at = nowIso();
  const claimed = await trx
    .updateTable('regional_invites')
    .set({ accepted_at: at, accepted_by: userId })
    .where('id', '=', invite.id)
    .where('token_hash', '=', hashToken(token))
    .where('expires_at', '>', at)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  await recordChange(trx, {
    actorId: userId,
    centerId: null,
    entity: 'regional_invite',
    entityId: invite.id,
    before: { accepted_at: null },
    after: { accepted_at: at, accepted_by: userId },
  });
  let held = trx
    .selectFrom('regional_roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('province', '=', invite.province)
    .where('ended_at', 'is', null);
  held = invite.city === null ? held.where('city', 'is', null) : held.where('city', '=', invite.city);
  if (await held.executeTakeFirst()) return true;
  const role = {
    id: newId(),
    user_id: userId,
    province: invite.province,
    city: invite.city,
    invite_id: invite.id,
    created_at: at,
    ended_at: null,
  };
  await trx.insertInto('regional_roles').values(role).execute();
  await recordChange(trx, { actorId: userId, centerId: null, entity: 'regional_role', entityId: role.id, after: role });
  return true;
}

const acceptable = (invite: OpenRegionalInvite, token: string): AcceptableInvite => ({
  email: invite.email,
  home: '/region',
  grant: (trx, userId) => grantRegionIn(trx, invite, token, userId),
});

/** A new person sets up their account from the link; an email that has an account signs in and accepts instead. */
export async function createAccountFromRegionalInvite({
  token,
  name,
  password,
}: {
  token: string;
  name: string;
  password: string;
}): Promise<AcceptResult> {
  const invite = await findOpenRegionalInvite(token);
  if (!invite) return { ok: false, error: 'inviteInvalid' };
  return createInvitedAccount(acceptable(invite, token), { name, password, centerId: null });
}

/** A signed-in person accepts a regional invitation addressed to their own email. */
export async function acceptRegionalInviteAs({
  token,
  user,
}: {
  token: string;
  user: { id: string; email: string };
}): Promise<AcceptResult> {
  const invite = await findOpenRegionalInvite(token);
  if (!invite) return { ok: false, error: 'inviteInvalid' };
  return acceptInvitedAs(acceptable(invite, token), user);
}
