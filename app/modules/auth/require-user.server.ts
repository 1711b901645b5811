import { redirect } from '@remix-run/node';
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import type { DB, Language, Role } from '~db/schema';
import { forbidden, notFound } from '../http.server';
import { recordRegionalRefusal } from '../regional/regional.server';
import { sessionIdOf, stillFresh, type Session } from './session.server';

export type Membership = { centerId: string; centerName: string; role: Role; requireTwoFactor: boolean };
export type SessionUser = {
  id: string;
  name: string;
  email: string;
  language: Language;
  twoFactorEnabled: boolean;
  memberships: Membership[];
  isGuardian: boolean;
  /** Holds a regional role (regional oversight): no center membership comes with it. */
  isRegional: boolean;
};

export type Access =
  /** Staff of this center, with one of these roles (any staff role when omitted). */
  | { centerId: string; roles?: Role[] }
  /**
   * Staff of the child's center (with one of staffRoles), or one of the child's guardians. With
   * inCenter (the center in the URL), a child of another center is a 404.
   */
  | { childId: string; staffRoles?: Role[]; guardians?: boolean; inCenter?: string };

export type Viewer = {
  user: SessionUser;
  session: Session;
  /** Set when access was asked for a center or a child: the center it was granted in. */
  centerId?: string;
  /** The user's roles in that center (empty for a guardian). */
  roles: Role[];
};

/**
 * The account with its memberships (suspended ones left out), in one query: one row per membership,
 * or one row with the membership's columns null for a person with none.
 */
function accountRows(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.user_id', '=', 'users.id').on('memberships.suspended_at', 'is', null),
    )
    .leftJoin('centers', 'centers.id', 'memberships.center_id')
    .select((eb) => [
      'users.id',
      'users.name',
      'users.email',
      'users.preferred_language',
      'users.totp_enabled_at',
      'users.disabled_at',
      eb
        .exists(eb.selectFrom('guardians').select('guardians.id').whereRef('guardians.user_id', '=', 'users.id'))
        .as('is_guardian'),
      'centers.id as center_id',
      'centers.name as center_name',
      'memberships.role',
      'centers.require_two_factor',
      eb
        .exists(
          eb
            .selectFrom('regional_roles')
            .select('regional_roles.id')
            .whereRef('regional_roles.user_id', '=', 'users.id')
            .where('regional_roles.ended_at', 'is', null),
        )
        .as('is_regional'),
    ])
    .orderBy('centers.name');
}

type AccountRow = Awaited<ReturnType<ReturnType<typeof accountRows>['executeTakeFirstOrThrow']>>;

/** The rows of accountRows as the user, or null for a disabled account (or none). */
function toSessionUser(rows: AccountRow[]): SessionUser | null {
  const user = rows[0];
  if (!user || user.disabled_at) return null;
  const memberships: Membership[] = [];
  for (const m of rows)
    if (m.center_id !== null && m.center_name !== null && m.role !== null)
      memberships.push({
        centerId: m.center_id,
        centerName: m.center_name,
        role: m.role,
        requireTwoFactor: m.require_two_factor === 1,
      });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    language: user.preferred_language,
    twoFactorEnabled: user.totp_enabled_at !== null,
    memberships,
    // SQLite answers 0/1, PostgreSQL true/false.
    isGuardian: Boolean(user.is_guardian),
    isRegional: Boolean(user.is_regional),
  };
}

/** The user with their memberships, or null (no such account, or disabled). One query. */
export async function loadSessionUser(userId: string): Promise<SessionUser | null> {
  return toSessionUser(await accountRows(getDb()).where('users.id', '=', userId).execute());
}

/**
 * The request's session and its user with their memberships, read in one query (this runs on every
 * request). The session is null without a valid cookie or once it ended or went idle; the user is
 * null when the account is disabled.
 */
export async function readSessionUser(
  request: Request,
): Promise<{ session: Session; user: SessionUser | null } | null> {
  const id = await sessionIdOf(request);
  if (!id) return null;
  const rows = await accountRows(getDb())
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.two_factor_passed', 'sessions.flash', 'sessions.last_seen_at'])
    .where('sessions.id', '=', id)
    .execute();
  const row = rows[0];
  if (!row || !(await stillFresh(id, row.last_seen_at))) return null;
  return {
    session: { id, userId: row.id, twoFactorPassed: row.two_factor_passed === 1, flash: row.flash },
    user: toSessionUser(rows),
  };
}

/** The signed-in user, or null. Does not enforce anything: for pages open to everyone. */
export async function getOptionalUser(request: Request) {
  const found = await readSessionUser(request);
  if (!found || !found.session.twoFactorPassed || !found.user) return null;
  return { user: found.user, session: found.session };
}

export function mustEnrolTwoFactor(user: SessionUser) {
  return !user.twoFactorEnabled && user.memberships.some((m) => m.requireTwoFactor);
}

function toLogin(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/**
 * The one authorization check, first line of every loader and action. It throws a redirect to
 * sign-in, a 404 for a center or child the user has no link to (its existence is not revealed),
 * or a 403 when the user is linked but their role is not allowed.
 */
export async function requireUser(
  request: Request,
  access?: Access,
  { allowPendingEnrolment = false } = {},
): Promise<Viewer> {
  const found = await readSessionUser(request);
  if (!found) toLogin(request);
  const { session, user } = found;
  if (!session.twoFactorPassed) throw redirect('/login/two-factor');
  if (!user) toLogin(request);
  if (!allowPendingEnrolment && mustEnrolTwoFactor(user)) throw redirect('/account?enrol=required');

  if (!access) return { user, session, roles: [] };

  if ('centerId' in access) {
    const roles = user.memberships.filter((m) => m.centerId === access.centerId).map((m) => m.role);
    if (roles.length === 0) {
      if (user.isRegional)
        await recordRegionalRefusal({
          userId: user.id,
          entity: 'center',
          entityId: access.centerId,
          centerId: access.centerId,
        });
      notFound();
    }
    if (access.roles && !roles.some((r) => access.roles!.includes(r))) forbidden();
    return { user, session, centerId: access.centerId, roles };
  }

  const db = getDb();
  const child = await db
    .selectFrom('children')
    .select(['id', 'center_id'])
    .where('id', '=', access.childId)
    .executeTakeFirst();
  if (!child || (access.inCenter && child.center_id !== access.inCenter)) {
    if (user.isRegional)
      await recordRegionalRefusal({
        userId: user.id,
        entity: 'child',
        entityId: access.childId,
        centerId: child?.center_id ?? null,
        childId: child?.id ?? null,
      });
    notFound();
  }
  const roles = user.memberships.filter((m) => m.centerId === child.center_id).map((m) => m.role);
  const staffAllowed = roles.some((r) => !access.staffRoles || access.staffRoles.includes(r));
  if (staffAllowed) return { user, session, centerId: child.center_id, roles };
  if (access.guardians !== false) {
    const link = await db
      .selectFrom('guardians')
      .select('id')
      .where('child_id', '=', child.id)
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (link) return { user, session, centerId: child.center_id, roles: [] };
  }
  if (roles.length > 0) forbidden();
  // A regional person has no link to any child: refused, and recorded under the child's center.
  if (user.isRegional)
    await recordRegionalRefusal({
      userId: user.id,
      entity: 'child',
      entityId: child.id,
      centerId: child.center_id,
      childId: child.id,
    });
  notFound();
}
