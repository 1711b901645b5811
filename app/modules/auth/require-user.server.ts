import { redirect } from '@remix-run/node';
import { getDb } from '~db/client.server';
import type { Language, Role } from '~db/schema';
import { forbidden, notFound } from '../http.server';
import { recordRegionalRefusal } from '../regional/regional.server';
import { readSession, type Session } from './session.server';

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

export async function loadSessionUser(userId: string): Promise<SessionUser | null> {
  const db = getDb();
  const user = await db
    .selectFrom('users')
    .select((eb) => [
      'id',
      'name',
      'email',
      'preferred_language',
      'totp_enabled_at',
      'disabled_at',
      eb
        .exists(eb.selectFrom('guardians').select('guardians.id').whereRef('guardians.user_id', '=', 'users.id'))
        .as('is_guardian'),
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
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled_at) return null;
  const memberships = await db
    .selectFrom('memberships')
    .innerJoin('centers', 'centers.id', 'memberships.center_id')
    .select(['centers.id as centerId', 'centers.name as centerName', 'memberships.role', 'centers.require_two_factor'])
    .where('memberships.user_id', '=', userId)
    .where('memberships.suspended_at', 'is', null)
    .orderBy('centers.name')
    .execute();
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    language: user.preferred_language,
    twoFactorEnabled: user.totp_enabled_at !== null,
    memberships: memberships.map((m) => ({
      centerId: m.centerId,
      centerName: m.centerName,
      role: m.role,
      requireTwoFactor: m.require_two_factor === 1,
    })),
    // SQLite answers 0/1, PostgreSQL true/false.
    isGuardian: Boolean(user.is_guardian),
    isRegional: Boolean(user.is_regional),
  };
}

/** The signed-in user, or null. Does not enforce anything: for pages open to everyone. */
export async function getOptionalUser(request: Request) {
  const session = await readSession(request);
  if (!session || !session.twoFactorPassed) return null;
  const user = await loadSessionUser(session.userId);
  return user && { user, session };
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
  const session = await readSession(request);
  if (!session) toLogin(request);
  if (!session.twoFactorPassed) throw redirect('/login/two-factor');
  const user = await loadSessionUser(session.userId);
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
