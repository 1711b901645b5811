// Which topics a person's stream carries, decided here from their access and never from what a
// page asks for (topic names and who receives them: ./topics.ts).
import type { Kysely } from 'kysely';
import type { Access } from '../auth/require-user.server';
import { getDb } from '~db/client.server';
import type { DB } from '~db/schema';
import { loadSessionUser, mustEnrolTwoFactor, requireUser } from '../auth/require-user.server';
import { sessionStillActive } from '../auth/session.server';
import { publish } from './bus.server';
import {
  centerTopic,
  childTopic,
  familiesRoomTopic,
  familiesTopic,
  inboxTopic,
  LIVE_TYPES,
  roomTopic,
  userTopic,
} from './topics';

/** A family's stream (their own children), or a staff member's stream for one center. */
export type Audience = { kind: 'family' } | { kind: 'staff'; centerId: string };

/**
 * A guardian's topics: each of their children (accepted guardian links only: a pending invitation
 * is not a link), and what every family of those children's centers and rooms may see.
 */
export async function familyTopics(userId: string) {
  const children = await getDb()
    .selectFrom('guardians')
    .innerJoin('children', 'children.id', 'guardians.child_id')
    .select(['children.id', 'children.center_id', 'children.classroom_id', 'children.status'])
    .where('guardians.user_id', '=', userId)
    .execute();
  const topics = new Set<string>([userTopic(userId)]);
  for (const child of children) {
    topics.add(childTopic(child.id));
    // A withdrawn child's family keeps their history, not the center's news.
    if (child.status !== 'enrolled') continue;
    topics.add(familiesTopic(child.center_id));
    if (child.classroom_id) topics.add(familiesRoomTopic(child.classroom_id));
  }
  return [...topics];
}

/** A staff member's topics in one center: the center, its inbox and each of its classrooms. */
export async function staffTopics({ userId, centerId }: { userId: string; centerId: string }) {
  const rooms = await getDb().selectFrom('classrooms').select('id').where('center_id', '=', centerId).execute();
  return [userTopic(userId), centerTopic(centerId), inboxTopic(centerId), ...rooms.map((r) => roomTopic(r.id))];
}

/**
 * Checks again, for a stream already open, what this session may receive now: null once the
 * session ended or went idle, the account was disabled, or (staff) the membership was suspended
 * or removed. Reads the session without counting as activity.
 */
export async function currentTopics({
  sessionId,
  userId,
  audience,
}: {
  sessionId: string;
  userId: string;
  audience: Audience;
}): Promise<string[] | null> {
  if (!(await sessionStillActive(sessionId))) return null;
  const user = await loadSessionUser(userId);
  if (!user || mustEnrolTwoFactor(user)) return null;
  if (audience.kind === 'family') return familyTopics(userId);
  if (!user.memberships.some((m) => m.centerId === audience.centerId)) return null;
  return staffTopics({ userId, centerId: audience.centerId });
}

/**
 * In the transaction that changes someone's access (a membership suspended, a guardian link made
 * or ended, an account disabled): their open streams check it again as soon as it commits.
 */
export async function accessChanged(trx: Kysely<DB>, userId: string) {
  await publish(trx, { topic: userTopic(userId), type: LIVE_TYPES.access });
}

/**
 * requireUser for a stream route. An EventSource cannot follow a redirect to the sign-in page (it
 * would read HTML and give up), so being signed out is a plain 401; a 403 or 404 stays as it is.
 */
export async function requireStreamViewer(request: Request, access?: Access) {
  try {
    return await requireUser(request, access);
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status >= 300 && thrown.status < 400)
      throw new Response(null, { status: 401 });
    throw thrown;
  }
}
