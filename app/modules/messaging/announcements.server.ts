// Announcements to a classroom or a whole center. The families who receive one are fixed when it is
// sent: the guardians of the children enrolled there at that moment get a receipt row, in the same
// transaction. A family is pending until it has read it (or acknowledged it, when asked to).
//
// Live events: a new announcement on `room:<classroom>` or `center:<center>` (the families' pages);
// a read or an acknowledgement on `inbox:<center>`, the staff's topic for what families send, so
// a hundred families reading do not refresh every family's page.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import type { DB, Role } from '~db/schema';
import { createI18n } from '~/i18n/catalogs.server';
import { recordChange } from '../audit/audit.server';
import { publish } from '../live/bus.server';
import { centerTopic, familiesRoomTopic, familiesTopic, inboxTopic, LIVE_TYPES, roomTopic } from '../live/topics';
import { publicUrl } from '../notifications/mail-config.server';
import { notify } from '../notifications/outbox.server';
import {
  isPending,
  mayAnnounceTo,
  nextReminderAt,
  REMIND_INTERVAL_MINUTES,
  WHOLE_CENTER,
  type AnnouncementInput,
} from './messaging';

export const ANNOUNCE_ERRORS = ['classroomNotFound', 'notAllowed', 'noRecipients'] as const;
export const REMIND_ERRORS = ['remindedRecently', 'nobodyPending', 'notAllowed'] as const;
const EMAIL_QUOTE_CHARS = 1500;

const quote = (body: string) => (body.length > EMAIL_QUOTE_CHARS ? `${body.slice(0, EMAIL_QUOTE_CHARS)}…` : body);

/** The guardians (enabled accounts) of the children enrolled in the center, or in one of its classrooms. */
async function audience(trx: Kysely<DB>, { centerId, classroomId }: { centerId: string; classroomId: string | null }) {
  let query = trx
    .selectFrom('guardians')
    .innerJoin('children', 'children.id', 'guardians.child_id')
    .innerJoin('users', 'users.id', 'guardians.user_id')
    .select('guardians.user_id')
    .distinct()
    .where('guardians.center_id', '=', centerId)
    .where('children.center_id', '=', centerId)
    .where('children.status', '=', 'enrolled')
    .where('users.disabled_at', 'is', null);
  if (classroomId) query = query.where('children.classroom_id', '=', classroomId);
  return (await query.execute()).map((r) => r.user_id);
}

/** The words of an announcement's email that depend on the reader's language. */
function mailParams(
  a: { title: string; body: string; urgent: boolean; requiresAck: boolean },
  { center, link, reminder }: { center: string; link: string; reminder: boolean },
) {
  return (language: 'id' | 'en') => {
    const { t } = createI18n(language);
    const prefix = [reminder ? t('mail.announcement.reminder') : '', a.urgent ? t('mail.announcement.urgent') : '']
      .filter(Boolean)
      .join(' ');
    return {
      prefix: prefix ? `${prefix} ` : '',
      title: a.title,
      body: quote(a.body),
      center,
      link,
      ack: a.requiresAck ? `${t('mail.announcement.ackAsked')}\n\n` : '',
    };
  };
}

export async function createAnnouncement({
  centerId,
  actorId,
  roles,
  input,
  now = new Date(),
}: {
  centerId: string;
  actorId: string;
  roles: Role[];
  input: AnnouncementInput;
  /** When it is sent (the demo seed writes past days). */
  now?: Date;
}): Promise<{ ok: true; id: string; recipients: number } | { ok: false; error: (typeof ANNOUNCE_ERRORS)[number] }> {
  const classroomId = input.audience === WHOLE_CENTER ? null : input.audience;
  if (!mayAnnounceTo(roles, classroomId ? 'classroom' : 'center')) return { ok: false, error: 'notAllowed' };
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (classroomId) {
        const room = await trx
          .selectFrom('classrooms')
          .select('id')
          .where('id', '=', classroomId)
          .where('center_id', '=', centerId)
          .executeTakeFirst();
        if (!room) return { ok: false, error: 'classroomNotFound' } as const;
      }
      const recipients = await audience(trx, { centerId, classroomId });
      if (recipients.length === 0) return { ok: false, error: 'noRecipients' } as const;
      const announcement = {
        id: newId(),
        center_id: centerId,
        classroom_id: classroomId,
        title: input.title,
        body: input.body,
        urgent: input.urgent ? 1 : 0,
        requires_ack: input.requires_ack ? 1 : 0,
        created_by: actorId,
        created_at: now.toISOString(),
      };
      await trx.insertInto('announcements').values(announcement).execute();
      // In chunks: SQLite limits the parameters of one statement.
      for (let i = 0; i < recipients.length; i += 200) {
        await trx
          .insertInto('announcement_receipts')
          .values(
            recipients.slice(i, i + 200).map((userId) => ({
              announcement_id: announcement.id,
              user_id: userId,
              read_at: null,
              acknowledged_at: null,
              reminded_at: null,
            })),
          )
          .execute();
      }
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'announcement',
        entityId: announcement.id,
        after: { ...announcement, recipients: recipients.length },
      });
      await publish(trx, {
        topics: classroomId
          ? [roomTopic(classroomId), familiesRoomTopic(classroomId)]
          : [centerTopic(centerId), familiesTopic(centerId)],
        type: LIVE_TYPES.announcement,
        data: { announcementId: announcement.id },
      });
      const center = await trx
        .selectFrom('centers')
        .select('name')
        .where('id', '=', centerId)
        .executeTakeFirstOrThrow();
      await notify(trx, {
        kind: 'announcement',
        centerId,
        to: recipients.map((userId) => ({ userId })),
        params: mailParams(
          { title: input.title, body: input.body, urgent: input.urgent, requiresAck: input.requires_ack },
          { center: center.name, link: publicUrl(`/family/announcements/${announcement.id}`), reminder: false },
        ),
        dedupeKey: `announcement:${announcement.id}`,
        urgent: input.urgent,
        at: now,
      });
      return { ok: true, id: announcement.id, recipients: recipients.length } as const;
    });
}

const receiptCounts = (db: Kysely<DB>) =>
  db
    .selectFrom('announcements as a')
    .leftJoin('classrooms', 'classrooms.id', 'a.classroom_id')
    .innerJoin('users as author', 'author.id', 'a.created_by')
    .select((eb) => [
      'a.id',
      'a.title',
      'a.body',
      'a.classroom_id as classroomId',
      'classrooms.name as classroomName',
      'a.urgent',
      'a.requires_ack as requiresAck',
      'a.created_at as createdAt',
      'a.created_by as createdBy',
      'author.name as authorName',
      eb
        .selectFrom('announcement_receipts as r')
        .select((r) => r.fn.countAll<string | number>().as('n'))
        .whereRef('r.announcement_id', '=', 'a.id')
        .as('recipients'),
      eb
        .selectFrom('announcement_receipts as r')
        .select((r) => r.fn.countAll<string | number>().as('n'))
        .whereRef('r.announcement_id', '=', 'a.id')
        .where('r.read_at', 'is not', null)
        .as('read'),
      eb
        .selectFrom('announcement_receipts as r')
        .select((r) => r.fn.countAll<string | number>().as('n'))
        .whereRef('r.announcement_id', '=', 'a.id')
        .where('r.acknowledged_at', 'is not', null)
        .as('acknowledged'),
    ]);

type CountedRow = {
  urgent: number;
  requiresAck: number;
  recipients: string | number | null;
  read: string | number | null;
  acknowledged: string | number | null;
};
const counted = <R extends CountedRow>(r: R) => {
  const { urgent, requiresAck, recipients, read, acknowledged, ...rest } = r;
  return {
    ...(rest as Omit<R, keyof CountedRow>),
    urgent: urgent === 1,
    requiresAck: requiresAck === 1,
    recipients: Number(recipients ?? 0),
    read: Number(read ?? 0),
    acknowledged: Number(acknowledged ?? 0),
  };
};

/** A center's announcements for its staff, newest first, with how many families read and acknowledged each. */
export async function listAnnouncements({ centerId, limit = 100 }: { centerId: string; limit?: number }) {
  const rows = await receiptCounts(getDb())
    .where('a.center_id', '=', centerId)
    .orderBy('a.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(counted);
}

/**
 * One announcement for its staff: the counts and every family with what they have done, the
 * pending ones first; undefined when it is not this center's.
 */
export async function announcementDetail({
  centerId,
  announcementId,
  now = new Date(),
}: {
  centerId: string;
  announcementId: string;
  now?: Date;
}) {
  const db = getDb();
  const row = await receiptCounts(db)
    .where('a.center_id', '=', centerId)
    .where('a.id', '=', announcementId)
    .executeTakeFirst();
  if (!row) return undefined;
  const announcement = counted(row);
  const receipts = await db
    .selectFrom('announcement_receipts as r')
    .innerJoin('users', 'users.id', 'r.user_id')
    .select([
      'r.user_id as userId',
      'users.name',
      'r.read_at as readAt',
      'r.acknowledged_at as acknowledgedAt',
      'r.reminded_at as remindedAt',
    ])
    .where('r.announcement_id', '=', announcement.id)
    .orderBy('users.name')
    .execute();
  // Which of this center's children each family has, so staff know whom they are looking at.
  const children = receipts.length
    ? await db
        .selectFrom('guardians')
        .innerJoin('children', 'children.id', 'guardians.child_id')
        .select(['guardians.user_id', 'children.full_name'])
        .where('guardians.center_id', '=', centerId)
        .where('children.center_id', '=', centerId)
        .where(
          'guardians.user_id',
          'in',
          receipts.map((r) => r.userId),
        )
        .orderBy('children.full_name')
        .execute()
    : [];
  const families = receipts.map((r) => ({
    ...r,
    children: children.filter((c) => c.user_id === r.userId).map((c) => c.full_name),
    pending: isPending(announcement, r),
  }));
  const lastRemindedAt = receipts.reduce<string | null>(
    (last, r) => (r.remindedAt && (!last || r.remindedAt > last) ? r.remindedAt : last),
    null,
  );
  return {
    announcement,
    families: [...families.filter((f) => f.pending), ...families.filter((f) => !f.pending)],
    pending: families.filter((f) => f.pending).length,
    lastRemindedAt,
    nextReminderAt: nextReminderAt(lastRemindedAt, now),
  };
}

/**
 * Emails the families still pending again, at most once every REMIND_INTERVAL_MINUTES: the receipts
 * are stamped with a conditional update, so two taps at once remind once.
 */
export async function remindPending({
  centerId,
  announcementId,
  actorId,
  roles,
  now = new Date(),
}: {
  centerId: string;
  announcementId: string;
  actorId: string;
  roles: Role[];
  now?: Date;
}): Promise<
  { ok: true; reminded: number } | { ok: false; error: 'notFound' | (typeof REMIND_ERRORS)[number]; retryAt?: string }
> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const a = await trx
        .selectFrom('announcements')
        .innerJoin('centers', 'centers.id', 'announcements.center_id')
        .select([
          'announcements.id',
          'announcements.title',
          'announcements.body',
          'announcements.urgent',
          'announcements.requires_ack',
          'announcements.created_by',
          'centers.name as centerName',
        ])
        .where('announcements.id', '=', announcementId)
        .where('announcements.center_id', '=', centerId)
        .executeTakeFirst();
      if (!a) return { ok: false, error: 'notFound' } as const;
      if (!roles.includes('coordinator') && a.created_by !== actorId)
        return { ok: false, error: 'notAllowed' } as const;
      const last = await trx
        .selectFrom('announcement_receipts')
        .select((eb) => eb.fn.max('reminded_at').as('at'))
        .where('announcement_id', '=', a.id)
        .executeTakeFirst();
      const retryAt = nextReminderAt(last?.at ?? null, now);
      if (retryAt) return { ok: false, error: 'remindedRecently', retryAt } as const;
      const at = now.toISOString();
      const cutoff = new Date(now.getTime() - REMIND_INTERVAL_MINUTES * 60_000).toISOString();
      const stamped = await trx
        .updateTable('announcement_receipts')
        .set({ reminded_at: at })
        .where('announcement_id', '=', a.id)
        .where(a.requires_ack ? 'acknowledged_at' : 'read_at', 'is', null)
        .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<=', cutoff)]))
        .returning('user_id')
        .execute();
      if (stamped.length === 0) {
        const pending = await trx
          .selectFrom('announcement_receipts')
          .select('user_id')
          .where('announcement_id', '=', a.id)
          .where(a.requires_ack ? 'acknowledged_at' : 'read_at', 'is', null)
          .executeTakeFirst();
        // Nobody left, or another tap stamped them a moment ago.
        return pending
          ? ({ ok: false, error: 'remindedRecently', retryAt: nextReminderAt(at, now) ?? undefined } as const)
          : ({ ok: false, error: 'nobodyPending' } as const);
      }
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'announcement',
        entityId: a.id,
        before: { reminded_at: last?.at ?? null, reminded: null },
        after: { reminded_at: at, reminded: stamped.length },
      });
      await notify(trx, {
        kind: 'announcement',
        centerId,
        to: stamped.map((r) => ({ userId: r.user_id })),
        params: mailParams(
          { title: a.title, body: a.body, urgent: a.urgent === 1, requiresAck: a.requires_ack === 1 },
          { center: a.centerName, link: publicUrl(`/family/announcements/${a.id}`), reminder: true },
        ),
        dedupeKey: `announcement:${a.id}:reminder:${at}`,
        urgent: a.urgent === 1,
      });
      return { ok: true, reminded: stamped.length } as const;
    });
}

// ————— The family's side —————

const familyQuery = (db: Kysely<DB>, userId: string) =>
  db
    .selectFrom('announcement_receipts as r')
    .innerJoin('announcements as a', 'a.id', 'r.announcement_id')
    .innerJoin('centers', 'centers.id', 'a.center_id')
    .leftJoin('classrooms', 'classrooms.id', 'a.classroom_id')
    .select([
      'a.id',
      'a.title',
      'a.body',
      'a.urgent',
      'a.requires_ack as requiresAck',
      'a.created_at as createdAt',
      'centers.name as centerName',
      'centers.time_zone as timeZone',
      'classrooms.name as classroomName',
      'r.read_at as readAt',
      'r.acknowledged_at as acknowledgedAt',
    ])
    .where('r.user_id', '=', userId);

type FamilyRow = { urgent: number; requiresAck: number; readAt: string | null; acknowledgedAt: string | null };
const forFamily = <R extends FamilyRow>(r: R) => {
  const { urgent, requiresAck, ...rest } = r;
  const flags = { urgent: urgent === 1, requiresAck: requiresAck === 1 };
  return { ...(rest as Omit<R, 'urgent' | 'requiresAck'>), ...flags, pending: isPending(flags, r) };
};

/**
 * The announcements a guardian received, newest `limit`: those still waiting for them first
 * (urgent ones before others), then the rest, each group newest first.
 */
export async function familyAnnouncements({ userId, limit = 100 }: { userId: string; limit?: number }) {
  const rows = await familyQuery(getDb(), userId).orderBy('a.created_at', 'desc').limit(limit).execute();
  const all = rows.map(forFamily);
  const rank = (a: (typeof all)[number]) => (a.pending ? (a.urgent ? 0 : 1) : 2);
  return all.sort((x, y) => rank(x) - rank(y) || y.createdAt.localeCompare(x.createdAt));
}

/** One announcement the guardian received; undefined for any other (another family's, or none). */
export async function familyAnnouncement({ userId, announcementId }: { userId: string; announcementId: string }) {
  const row = await familyQuery(getDb(), userId).where('a.id', '=', announcementId).executeTakeFirst();
  return row && forFamily(row);
}

/** Marks a received announcement read (once; not audited: reading changes no record). False if not received. */
export async function markAnnouncementRead({
  userId,
  announcementId,
  now = new Date(),
}: {
  userId: string;
  announcementId: string;
  now?: Date;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const receipt = await trx
        .selectFrom('announcement_receipts as r')
        .innerJoin('announcements as a', 'a.id', 'r.announcement_id')
        .select(['a.center_id', 'r.read_at'])
        .where('r.announcement_id', '=', announcementId)
        .where('r.user_id', '=', userId)
        .executeTakeFirst();
      if (!receipt) return false;
      if (receipt.read_at) return true;
      await trx
        .updateTable('announcement_receipts')
        .set({ read_at: now.toISOString() })
        .where('announcement_id', '=', announcementId)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .execute();
      await publish(trx, {
        topic: inboxTopic(receipt.center_id),
        type: LIVE_TYPES.announcementReceipt,
        data: { announcementId },
      });
      return true;
    });
}

/** The family confirms they have read and understood (also marks it read). Audited: the center relies on it. */
export async function acknowledgeAnnouncement({
  userId,
  announcementId,
  now = new Date(),
}: {
  userId: string;
  announcementId: string;
  now?: Date;
}): Promise<{ ok: true } | { ok: false; error: 'notFound' | 'notRequired' }> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const receipt = await trx
        .selectFrom('announcement_receipts as r')
        .innerJoin('announcements as a', 'a.id', 'r.announcement_id')
        .select(['a.center_id', 'a.requires_ack', 'r.read_at', 'r.acknowledged_at'])
        .where('r.announcement_id', '=', announcementId)
        .where('r.user_id', '=', userId)
        .executeTakeFirst();
      if (!receipt) return { ok: false, error: 'notFound' } as const;
      if (!receipt.requires_ack) return { ok: false, error: 'notRequired' } as const;
      if (receipt.acknowledged_at) return { ok: true } as const;
      const at = now.toISOString();
      const after = { acknowledged_at: at, read_at: receipt.read_at ?? at };
      const updated = await trx
        .updateTable('announcement_receipts')
        .set(after)
        .where('announcement_id', '=', announcementId)
        .where('user_id', '=', userId)
        .where('acknowledged_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return { ok: true } as const;
      await recordChange(trx, {
        actorId: userId,
        centerId: receipt.center_id,
        entity: 'announcement_receipt',
        entityId: `${announcementId}:${userId}`,
        before: { announcement_id: announcementId, acknowledged_at: null, read_at: receipt.read_at },
        after: { announcement_id: announcementId, ...after },
      });
      await publish(trx, {
        topic: inboxTopic(receipt.center_id),
        type: LIVE_TYPES.announcementReceipt,
        data: { announcementId },
      });
      return { ok: true } as const;
    });
}

/** How many announcements are still waiting for the guardian (for the family's home page). */
export async function pendingAnnouncementCount({ userId }: { userId: string }) {
  const row = await getDb()
    .selectFrom('announcement_receipts as r')
    .innerJoin('announcements as a', 'a.id', 'r.announcement_id')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('r.user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.requires_ack', '=', 1), eb('r.acknowledged_at', 'is', null)]),
        eb.and([eb('a.requires_ack', '=', 0), eb('r.read_at', 'is', null)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
