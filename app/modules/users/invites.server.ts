// Invitations: the only way a person gains a role in a center or becomes a child's guardian.
// An invitation is bound to an email and to what it gives (a staff role, or one child); it takes
// effect when its owner accepts it, either by creating their account from the link or, if they
// already have one, by signing in and accepting. The link's token is shown once; only its hash is
// stored. Nothing is assumed from a typed email, and the answer to the inviter is the same
// whether or not the email has an account.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB, Role } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import { hashPassword } from '../auth/password.server';
import { hashToken, newToken } from '../auth/tokens.server';
import { linkGuardianIn } from '../children/record.server';
import { invitationNotice } from './notices.server';
import { addMembershipIn, insertUserIn } from './users.server';

export const INVITE_DAYS = 7;

type InviteGrant =
  | { role: Role; childId?: undefined; relationship?: undefined; phone?: undefined }
  | { role: 'guardian'; childId: string; relationship: string; phone: string | null };

/**
 * Stores a one-time invitation (only the token's hash) with its audit entry, and the email that
 * carries its link; returns the token (the inviter also sees the link, to pass on by hand).
 */
export async function createInviteIn(
  trx: Kysely<DB>,
  input: { centerId: string; email: string; name: string; actorId: string; now?: Date } & InviteGrant,
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
    child_id: input.childId ?? null,
    relationship: input.relationship ?? null,
    phone: input.phone ?? null,
    invited_by: input.actorId,
    expires_at: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
    accepted_at: null,
    accepted_by: null,
    revoked_at: null,
    created_at: now.toISOString(),
  };
  await trx.insertInto('invites').values(invite).execute();
  await recordChange(trx, {
    actorId: input.actorId,
    centerId: input.centerId,
    entity: 'invite',
    entityId: invite.id,
    after: invite,
  });
  await invitationNotice(trx, { invite, token, inviterId: input.actorId });
  return token;
}

/** Invites someone to the center's staff; the same answer (a link to pass on) whoever the email belongs to. */
export async function inviteStaff(input: {
  centerId: string;
  email: string;
  name: string;
  role: Role;
  actorId: string;
}) {
  return getDb()
    .transaction()
    .execute((trx) => createInviteIn(trx, input));
}

/** Invites a guardian of a child of the center; null when the child is not this center's. */
export async function inviteGuardian(input: {
  centerId: string;
  childId: string;
  email: string;
  name: string;
  relationship: string;
  phone: string | null;
  actorId: string;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const child = await trx
        .selectFrom('children')
        .select('id')
        .where('id', '=', input.childId)
        .where('center_id', '=', input.centerId)
        .executeTakeFirst();
      if (!child) return null;
      return createInviteIn(trx, { ...input, role: 'guardian' });
    });
}

const openInvites = (db: Kysely<DB>, now: Date) =>
  db
    .selectFrom('invites')
    .where('invites.accepted_at', 'is', null)
    .where('invites.revoked_at', 'is', null)
    .where('invites.expires_at', '>', now.toISOString());

/**
 * The invitation behind a link while it is open (not accepted, revoked or expired) and its inviter
 * is still a coordinator of the center (an invitation does not outlive the trust that made it),
 * with what it gives.
 */
export async function findOpenInvite(token: string, now = new Date()) {
  if (!token || token.length > 100) return undefined;
  return openInvites(getDb(), now)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('memberships')
          .select('memberships.id')
          .whereRef('memberships.user_id', '=', 'invites.invited_by')
          .whereRef('memberships.center_id', '=', 'invites.center_id')
          .where('memberships.role', '=', 'coordinator')
          .where('memberships.suspended_at', 'is', null),
      ),
    )
    .innerJoin('centers', 'centers.id', 'invites.center_id')
    .leftJoin('children', 'children.id', 'invites.child_id')
    .select([
      'invites.id',
      'invites.email',
      'invites.name',
      'invites.role',
      'invites.center_id',
      'invites.child_id',
      'invites.relationship',
      'invites.phone',
      'centers.name as centerName',
      'centers.kind as centerKind',
      'children.full_name as childName',
    ])
    .where('invites.token_hash', '=', hashToken(token))
    .executeTakeFirst();
}

type OpenInvite = NonNullable<Awaited<ReturnType<typeof findOpenInvite>>>;

/**
 * Gives what the invitation grants to the user, and marks it accepted, once (a double submit lands
 * once). The claim checks the token and expiry again: a link sent anew meanwhile voids this one.
 */
async function grantIn(trx: Kysely<DB>, invite: OpenInvite, token: string, userId: string) {
  const claimed = await trx
    .updateTable('invites')
    .set({ accepted_at: nowIso(), accepted_by: userId })
    .where('id', '=', invite.id)
    .where('token_hash', '=', hashToken(token))
    .where('expires_at', '>', nowIso())
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  await recordChange(trx, {
    actorId: userId,
    centerId: invite.center_id,
    entity: 'invite',
    entityId: invite.id,
    childId: invite.child_id,
    before: { accepted_at: null },
    after: { accepted_at: nowIso(), accepted_by: userId },
  });
  if (invite.role !== 'guardian') {
    await addMembershipIn(trx, { userId, centerId: invite.center_id, role: invite.role, actorId: userId });
    return true;
  }
  return linkGuardianIn(trx, {
    centerId: invite.center_id,
    childId: invite.child_id!,
    userId,
    relationship: invite.relationship ?? 'wali',
  });
}

export const ACCEPT_INVITE_ERRORS = ['inviteInvalid', 'inviteAccountExists', 'inviteOtherAccount'] as const;
export type AcceptResult =
  { ok: true; userId: string; home: string } | { ok: false; error: (typeof ACCEPT_INVITE_ERRORS)[number] };

/** Where the person's work starts once the invitation is theirs. */
const homeOf = (invite: OpenInvite) => (invite.role === 'guardian' ? '/family' : `/c/${invite.center_id}`);

/**
 * An open invitation, as accepting it needs: the email it was sent to, where the person's work
 * starts, and how it is granted in a transaction (false: it was accepted or revoked meanwhile).
 * Staff and guardian invitations here, regional ones in modules/regional.
 */
export type AcceptableInvite = {
  email: string;
  home: string;
  grant: (trx: Kysely<DB>, userId: string) => Promise<boolean>;
};

// Thrown to roll back an account made for an invitation that was accepted meanwhile.
class InviteTaken extends Error {}

/** A new person sets up their account from the link. An email that already has an account must sign in and accept instead. */
export async function createInvitedAccount(
  invite: AcceptableInvite,
  account: { name: string; password: string; phone?: string | null; centerId: string | null },
): Promise<AcceptResult> {
  const passwordHash = await hashPassword(account.password);
  return getDb()
    .transaction()
    .execute(async (trx): Promise<AcceptResult> => {
      const existing = await trx.selectFrom('users').select('id').where('email', '=', invite.email).executeTakeFirst();
      if (existing) return { ok: false, error: 'inviteAccountExists' };
      const userId = await insertUserIn(trx, {
        email: invite.email,
        name: account.name,
        phone: account.phone,
        passwordHash,
        actorId: null,
        centerId: account.centerId,
      });
      if (!(await invite.grant(trx, userId))) throw new InviteTaken();
      return { ok: true, userId, home: invite.home };
    })
    .catch((error) => {
      if (error instanceof InviteTaken) return { ok: false, error: 'inviteInvalid' };
      throw error;
    });
}

/** A signed-in person accepts an invitation addressed to their own email. */
export async function acceptInvitedAs(
  invite: AcceptableInvite,
  user: { id: string; email: string },
): Promise<AcceptResult> {
  if (invite.email !== user.email.toLowerCase()) return { ok: false, error: 'inviteOtherAccount' };
  const granted = await getDb()
    .transaction()
    .execute((trx) => invite.grant(trx, user.id));
  return granted ? { ok: true, userId: user.id, home: invite.home } : { ok: false, error: 'inviteInvalid' };
}

const acceptable = (invite: OpenInvite, token: string): AcceptableInvite => ({
  email: invite.email,
  home: homeOf(invite),
  grant: (trx, userId) => grantIn(trx, invite, token, userId),
});

export async function createAccountFromInvite({
  token,
  name,
  password,
}: {
  token: string;
  name: string;
  password: string;
}): Promise<AcceptResult> {
  const invite = await findOpenInvite(token);
  if (!invite) return { ok: false, error: 'inviteInvalid' };
  return createInvitedAccount(acceptable(invite, token), {
    name,
    password,
    phone: invite.phone,
    centerId: invite.center_id,
  });
}

export async function acceptInviteAs({
  token,
  user,
}: {
  token: string;
  user: { id: string; email: string };
}): Promise<AcceptResult> {
  const invite = await findOpenInvite(token);
  if (!invite) return { ok: false, error: 'inviteInvalid' };
  return acceptInvitedAs(acceptable(invite, token), user);
}

/** Open staff invitations of a center, for the staff page. */
export async function listOpenInvites(centerId: string, now = new Date()) {
  return openInvites(getDb(), now)
    .select(['invites.id', 'invites.email', 'invites.name', 'invites.role', 'invites.expires_at'])
    .where('invites.center_id', '=', centerId)
    .where('invites.role', '!=', 'guardian')
    .orderBy('invites.created_at', 'desc')
    .execute();
}

/** Guardian invitations of a child not yet accepted (expired ones too, so they can be sent again). */
export async function listPendingGuardianInvites({ centerId, childId }: { centerId: string; childId: string }) {
  return getDb()
    .selectFrom('invites')
    .select(['id', 'email', 'name', 'relationship', 'phone', 'expires_at'])
    .where('center_id', '=', centerId)
    .where('child_id', '=', childId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/** A new link for a pending invitation (the old one stops working), valid for another INVITE_DAYS, sent by email too. */
export async function renewInvite({
  centerId,
  inviteId,
  actorId,
  now = new Date(),
}: {
  centerId: string;
  inviteId: string;
  actorId: string;
  now?: Date;
}) {
  const token = newToken();
  const expires = new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString();
  const renewed = await getDb()
    .transaction()
    .execute(async (trx) => {
      const invite = await trx
        .selectFrom('invites')
        .select(['id', 'center_id', 'email', 'name', 'role', 'relationship', 'expires_at', 'token_hash', 'child_id'])
        .where('id', '=', inviteId)
        .where('center_id', '=', centerId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!invite) return false;
      const after = { token_hash: hashToken(token), expires_at: expires };
      await trx.updateTable('invites').set(after).where('id', '=', invite.id).execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'invite',
        entityId: invite.id,
        childId: invite.child_id,
        before: { token_hash: invite.token_hash, expires_at: invite.expires_at },
        after,
      });
      await invitationNotice(trx, { invite: { ...invite, expires_at: expires }, token, inviterId: actorId });
      return true;
    });
  return renewed ? token : null;
}

export async function revokeInvite({
  centerId,
  inviteId,
  actorId,
}: {
  centerId: string;
  inviteId: string;
  actorId: string;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const at = nowIso();
      const invite = await trx
        .selectFrom('invites')
        .select('child_id')
        .where('id', '=', inviteId)
        .where('center_id', '=', centerId)
        .executeTakeFirst();
      if (!invite) return false;
      const result = await trx
        .updateTable('invites')
        .set({ revoked_at: at })
        .where('id', '=', inviteId)
        .where('center_id', '=', centerId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'invite',
        entityId: inviteId,
        childId: invite.child_id,
        before: { revoked_at: null },
        after: { revoked_at: at },
      });
      return true;
    });
}
