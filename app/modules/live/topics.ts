// The names of what live events are about. A page never names topics: the server decides which
// topics a person's stream carries from their access (app/modules/live/access.server.ts). So an
// event must carry nothing that someone subscribed to its topic may not see, and what it carries
// is small: which record changed (ids, a kind), never the record itself. Pages refetch what they
// show (revalidation) and the loaders decide, as always, what each person may read.
//
// Who receives each topic:
//
// | topic                       | stream                         | for                                          |
// |-----------------------------|--------------------------------|----------------------------------------------|
// | child:<childId>             | the child's guardians          | anything about that one child: attendance,   |
// |                             |                                | the day's entries, messages with the family  |
// | room:<classroomId>          | staff of the room's center     | anything in a classroom (the door screen)    |
// | center:<centerId>           | staff of the center            | center-wide: a child without a classroom,    |
// |                             |                                | enrollment, staff, announcements             |
// | inbox:<centerId>            | staff of the center            | conversations with families (staff side)     |
// | families:<centerId>         | guardians of enrolled children | what every family of the center may see      |
// |                             | of the center                  | (a center-wide announcement)                 |
// | families-room:<classroomId> | guardians of the room's        | what every family of the room may see        |
// |                             | enrolled children              | (a room's announcement, a room activity)     |
// | user:<userId>               | every stream of that person    | their access changed: the stream checks again |
//
// A conversation is per child: its events go on the child's topic (the family) and the center's
// inbox (the staff) — `conversationTopics` — so there is no topic per conversation.
// Staff do not receive child topics: what they need goes on the room (or center) topic as well.

export const childTopic = (childId: string) => `child:${childId}`;
export const roomTopic = (classroomId: string) => `room:${classroomId}`;
export const centerTopic = (centerId: string) => `center:${centerId}`;
export const inboxTopic = (centerId: string) => `inbox:${centerId}`;
export const familiesTopic = (centerId: string) => `families:${centerId}`;
export const familiesRoomTopic = (classroomId: string) => `families-room:${classroomId}`;
export const userTopic = (userId: string) => `user:${userId}`;

/**
 * Where a change about one child goes: the child's guardians, and the staff of their room (or of
 * the center, for a child without a classroom).
 */
export function childChangeTopics({
  childId,
  classroomId,
  centerId,
}: {
  childId: string;
  classroomId: string | null;
  centerId: string;
}) {
  return [childTopic(childId), classroomId ? roomTopic(classroomId) : centerTopic(centerId)];
}

/** A conversation's events: the family (the child's topic) and the center's inbox (staff). */
export function conversationTopics({ childId, centerId }: { childId: string; centerId: string }) {
  return [childTopic(childId), inboxTopic(centerId)];
}

/** Event types: what changed. A page's `useLive` says which of them make it refetch. */
export const LIVE_TYPES = {
  /** A check-in, check-out, absence, undo or correction: `{ childId, change }`. */
  attendance: 'attendance',
  /** A staff member clocked in or out (the ratios change), on the center's topic: `{ classroomId? }`. */
  shift: 'shift',
  /** An entry of a child's day (meal, nap, photo…) or a photo consent changed: `{ date? }`. */
  day: 'day',
  /** A guardian gave or withdrew a medicine instruction, on the child's topic. */
  medicine: 'medicine',
  /** A message about a child: `{ childId }`. */
  message: 'message',
  /** Someone read a conversation up to now (the other side's "read" marks): `{ childId }`. */
  read: 'read',
  /** An announcement was sent to families: `{ announcementId }`. */
  announcement: 'announcement',
  /** A family read or acknowledged an announcement (staff see who has not): `{ announcementId }`. */
  announcementReceipt: 'announcement_receipt',
  /** A room's weekly plan was published, taken back or changed while published (families-room topic): `{ weekStart }`. */
  plan: 'plan',
  /** An activity was sent home to a child's family, or the family tried it (child and room topics): `{ childId }`. */
  homeActivity: 'home_activity',
  /** An incident was recorded or signed off (the child's topic and the center's): `{ incidentId }`. */
  incident: 'incident',
  /** The person's access changed (on their user topic): the stream checks it again at once. */
  access: 'access',
  /**
   * Sent by the stream itself, never published: what was missed cannot be replayed (the page was
   * away longer than events are kept, or missed too many), so the page refetches everything.
   */
  reset: 'reset',
} as const;

export type AttendanceChange = 'check-in' | 'check-out' | 'absence' | 'undo' | 'correction';
