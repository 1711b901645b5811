// One conversation per child, between the child's guardians and the center's staff. Every query
// names the center (and the child), so a page can never reach another center's conversation.
//
// Who takes part: every staff member of the child's center may read and answer (staff already see
// every child's record in their center, and Asuh has no "home room" for staff), and the child's
// guardians (accepted links only; a pending invitation is not a guardian). Email about a family's
// message goes to the coordinators and to the staff who worked in the child's classroom in the
// last SHIFT_DAYS days (the room's staff in practice), or to every teacher when nobody clocked in.
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import type { DB } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import { withStoredFiles, type Upload } from '../files/uploads.server';
import { publish } from '../live/bus.server';
import { conversationTopics, LIVE_TYPES } from '../live/topics';
import { publicUrl } from '../notifications/mail-config.server';
import { notify } from '../notifications/outbox.server';
import {
  attachmentClaimsProblem,
  readByOtherSide,
  THREAD_LIMIT,
  unreadFor,
  type AttachmentType,
  type Side,
} from './messaging';

/** Staff who clocked in to the child's room within this many days get its families' messages by email. */
const SHIFT_DAYS = 14;
/** How much of a message an email quotes. */
const EMAIL_QUOTE_CHARS = 1000;
/** Larger images are scaled down to fit this square (a phone photo is read on a phone). */
const IMAGE_MAX_SIDE = 2048;
/** Images with more pixels than this are refused before decoding (a decompression bomb). */
const IMAGE_MAX_PIXELS = 60_000_000;

export const ATTACHMENT_ERRORS = [
  'attachmentTooLarge',
  'attachmentEmpty',
  'attachmentType',
  'attachmentMismatch',
  'attachmentUnreadable',
] as const;
export type AttachmentError = (typeof ATTACHMENT_ERRORS)[number];
export const SEND_MESSAGE_ERRORS = ['childNotEnrolled'] as const;

type SendResult =
  { ok: true; messageId: string } | { ok: false; error: 'notFound' | (typeof SEND_MESSAGE_ERRORS)[number] };

export type Attachment = { fileName: string; bytes: Uint8Array; mimeType: AttachmentType };

/**
 * Checks an attachment by its content (magic bytes), refuses names and declared types that say
 * otherwise, and re-encodes images: the stored file carries no EXIF (location, camera, time) and
 * is upright and at most IMAGE_MAX_SIDE pixels on a side. PDFs are kept as they are.
 */
export async function prepareAttachment(
  upload: Upload,
): Promise<{ ok: true; attachment: Attachment } | { ok: false; error: AttachmentError }> {
  if (upload.tooLarge) return { ok: false, error: 'attachmentTooLarge' };
  if (upload.bytes.byteLength === 0) return { ok: false, error: 'attachmentEmpty' };
  const type = await fileTypeFromBuffer(upload.bytes);
  const problem = attachmentClaimsProblem(type?.mime, upload);
  if (problem) return { ok: false, error: problem };
  const mimeType = type!.mime as AttachmentType;
  if (mimeType === 'application/pdf')
    return { ok: true, attachment: { fileName: upload.fileName, bytes: upload.bytes, mimeType } };
  try {
    // rotate() applies the EXIF orientation; sharp writes no metadata unless asked to.
    const image = sharp(upload.bytes, { limitInputPixels: IMAGE_MAX_PIXELS })
      .rotate()
      .resize({ width: IMAGE_MAX_SIDE, height: IMAGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const encoded =
      mimeType === 'image/jpeg'
        ? image.jpeg({ quality: 85, mozjpeg: true })
        : mimeType === 'image/png'
          ? image.png({ compressionLevel: 9 })
          : image.webp({ quality: 85 });
    const bytes = new Uint8Array(await encoded.toBuffer());
    return { ok: true, attachment: { fileName: upload.fileName, bytes, mimeType } };
  } catch {
    return { ok: false, error: 'attachmentUnreadable' };
  }
}

/** The child of this center a conversation is about, or undefined. */
async function childOf(db: Kysely<DB>, { centerId, childId }: { centerId: string; childId: string }) {
  return db
    .selectFrom('children')
    .leftJoin('classrooms', 'classrooms.id', 'children.classroom_id')
    .select([
      'children.id',
      'children.full_name',
      'children.nickname',
      'children.status',
      'children.classroom_id',
      'classrooms.name as classroomName',
    ])
    .where('children.id', '=', childId)
    .where('children.center_id', '=', centerId)
    .executeTakeFirst();
}

/** The accounts linked to the child as guardians (accepted links only). */
async function guardianIds(db: Kysely<DB>, { centerId, childId }: { centerId: string; childId: string }) {
  const rows = await db
    .selectFrom('guardians')
    .select('user_id')
    .where('center_id', '=', centerId)
    .where('child_id', '=', childId)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export type ThreadMessage = {
  id: string;
  authorId: string;
  authorName: string;
  side: Side;
  body: string;
  createdAt: string;
  attachment: { id: string; fileName: string; mimeType: string; sizeBytes: number } | null;
  mine: boolean;
  /** Read by the other side (see readByOtherSide). */
  read: boolean;
};

/**
 * A child's conversation as one participant sees it: the newest THREAD_LIMIT messages, oldest
 * first, each with its read state; null when the child is not in this center.
 */
export async function loadThread({
  centerId,
  childId,
  viewerId,
}: {
  centerId: string;
  childId: string;
  viewerId: string;
}) {
  const db = getDb();
  const child = await childOf(db, { centerId, childId });
  if (!child) return null;
  const conversation = await db
    .selectFrom('conversations')
    .select(['id'])
    .where('center_id', '=', centerId)
    .where('child_id', '=', childId)
    .executeTakeFirst();
  const guardians = await guardianIds(db, { centerId, childId });
  const sideOf = (userId: string): Side => (guardians.has(userId) ? 'family' : 'staff');
  const viewerSide = sideOf(viewerId);
  const base = {
    child: {
      id: child.id,
      name: child.full_name,
      nickname: child.nickname,
      classroomName: child.classroomName,
      enrolled: child.status === 'enrolled',
    },
    viewerSide,
  };
  if (!conversation)
    return { ...base, conversationId: null, messages: [] as ThreadMessage[], newestAt: null, unread: 0 };

  const [rows, reads] = await Promise.all([
    db
      .selectFrom('messages')
      .innerJoin('users', 'users.id', 'messages.author_id')
      .leftJoin('documents', (join) =>
        join.onRef('documents.id', '=', 'messages.attachment_document_id').on('documents.center_id', '=', centerId),
      )
      .select([
        'messages.id',
        'messages.author_id',
        'users.name as authorName',
        'messages.body',
        'messages.created_at',
        'documents.id as documentId',
        'documents.file_name',
        'documents.mime_type',
        'documents.size_bytes',
      ])
      .where('messages.center_id', '=', centerId)
      .where('messages.conversation_id', '=', conversation.id)
      .orderBy('messages.created_at', 'desc')
      .orderBy('messages.id', 'desc')
      .limit(THREAD_LIMIT)
      .execute(),
    db
      .selectFrom('conversation_reads')
      .select(['user_id', 'last_read_at'])
      .where('conversation_id', '=', conversation.id)
      .execute(),
  ]);
  const sidedReads = reads.map((r) => ({ side: sideOf(r.user_id), lastReadAt: r.last_read_at }));
  const viewerRead = reads.find((r) => r.user_id === viewerId)?.last_read_at ?? null;
  const messages: ThreadMessage[] = rows.reverse().map((m) => {
    const side = sideOf(m.author_id);
    return {
      id: m.id,
      authorId: m.author_id,
      authorName: m.authorName,
      side,
      body: m.body,
      createdAt: m.created_at,
      attachment: m.documentId
        ? { id: m.documentId, fileName: m.file_name!, mimeType: m.mime_type!, sizeBytes: m.size_bytes! }
        : null,
      mine: m.author_id === viewerId,
      read: readByOtherSide({ side, createdAt: m.created_at }, sidedReads),
    };
  });
  const unread = unreadFor(messages, { userId: viewerId, lastReadAt: viewerRead });
  return {
    ...base,
    conversationId: conversation.id,
    messages,
    newestAt: messages.at(-1)?.createdAt ?? null,
    unread,
  };
}

/**
 * Writes a message (and its attachment) about a child, creating the child's conversation on the
 * first one; tells open pages and emails the other side, all in the message's transaction.
 */
export async function sendMessage({
  centerId,
  childId,
  authorId,
  body,
  attachment,
  now = new Date(),
}: {
  centerId: string;
  childId: string;
  authorId: string;
  body: string;
  attachment: Attachment | null;
  /** When it is written (the demo seed writes past days). */
  now?: Date;
}): Promise<SendResult> {
  return withStoredFiles<SendResult>(attachment ? [attachment.bytes] : [], async (trx, [storageKey]) => {
    const child = await childOf(trx, { centerId, childId });
    if (!child) return { value: { ok: false, error: 'notFound' }, kept: false };
    if (child.status !== 'enrolled') return { value: { ok: false, error: 'childNotEnrolled' }, kept: false };
    const at = now.toISOString();

    // Two first messages at once (two guardians, a retried post) make one conversation.
    const created = await trx
      .insertInto('conversations')
      .values({ id: newId(), center_id: centerId, child_id: childId, last_message_at: null, created_at: at })
      .onConflict((oc) => oc.column('child_id').doNothing())
      .executeTakeFirst();
    const conversation = await trx
      .selectFrom('conversations')
      .select(['id'])
      .where('center_id', '=', centerId)
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow();
    if (Number(created.numInsertedOrUpdatedRows ?? 0) > 0)
      await recordChange(trx, {
        actorId: authorId,
        centerId,
        entity: 'conversation',
        entityId: conversation.id,
        after: { child_id: childId },
      });

    let documentId: string | null = null;
    if (attachment) {
      const doc = {
        id: newId(),
        center_id: centerId,
        application_id: null,
        child_id: childId,
        kind: 'message_attachment' as const,
        file_name: attachment.fileName,
        mime_type: attachment.mimeType,
        size_bytes: attachment.bytes.byteLength,
        storage_key: storageKey,
        created_at: at,
      };
      await trx.insertInto('documents').values(doc).execute();
      await recordChange(trx, { actorId: authorId, centerId, entity: 'document', entityId: doc.id, after: doc });
      documentId = doc.id;
    }

    const message = {
      id: newId(),
      center_id: centerId,
      conversation_id: conversation.id,
      author_id: authorId,
      body,
      attachment_document_id: documentId,
      created_at: at,
    };
    await trx.insertInto('messages').values(message).execute();
    await trx
      .updateTable('conversations')
      .set({ last_message_at: at })
      .where('id', '=', conversation.id)
      .where('center_id', '=', centerId)
      .execute();
    // Writing is reading: the author has seen the conversation up to their own message.
    await upsertRead(trx, { conversationId: conversation.id, userId: authorId, at });
    await recordChange(trx, {
      actorId: authorId,
      centerId,
      entity: 'message',
      entityId: message.id,
      after: message,
      childId,
    });

    await publish(trx, {
      topics: conversationTopics({ childId, centerId }),
      type: LIVE_TYPES.message,
      data: { childId },
    });
    await notifyOtherSide(trx, { centerId, child, authorId, message });
    return { value: { ok: true, messageId: message.id } };
  });
}

async function notifyOtherSide(
  trx: Kysely<DB>,
  {
    centerId,
    child,
    authorId,
    message,
  }: {
    centerId: string;
    child: { id: string; full_name: string; nickname: string | null; classroom_id: string | null };
    authorId: string;
    message: { id: string; body: string; created_at: string };
  },
) {
  const guardians = await guardianIds(trx, { centerId, childId: child.id });
  const fromFamily = guardians.has(authorId);
  const to = fromFamily
    ? await roomStaff(trx, { centerId, classroomId: child.classroom_id, since: message.created_at })
    : [...guardians];
  const recipients = to.filter((userId) => userId !== authorId);
  if (recipients.length === 0) return;
  const [author, center] = await Promise.all([
    trx.selectFrom('users').select('name').where('id', '=', authorId).executeTakeFirstOrThrow(),
    trx.selectFrom('centers').select('name').where('id', '=', centerId).executeTakeFirstOrThrow(),
  ]);
  const path = fromFamily ? `/c/${centerId}/messages/${child.id}` : `/family/children/${child.id}/messages`;
  const quote = message.body.length > EMAIL_QUOTE_CHARS ? `${message.body.slice(0, EMAIL_QUOTE_CHARS)}…` : message.body;
  await notify(trx, {
    kind: 'message',
    centerId,
    to: recipients.map((userId) => ({ userId })),
    params: {
      child: child.nickname ?? child.full_name,
      author: author.name,
      center: center.name,
      body: quote,
      link: publicUrl(path),
    },
    dedupeKey: `message:${message.id}`,
    at: new Date(message.created_at),
  });
}

/**
 * Who hears of a family's message: the coordinators, and the staff who clocked in to the child's
 * classroom within SHIFT_DAYS; when nobody did (a center that does not clock in), every teacher.
 */
async function roomStaff(
  trx: Kysely<DB>,
  { centerId, classroomId, since }: { centerId: string; classroomId: string | null; since: string },
) {
  const members = await trx
    .selectFrom('memberships')
    .select(['user_id', 'role'])
    .where('center_id', '=', centerId)
    .where('suspended_at', 'is', null)
    .execute();
  const active = new Set(members.map((m) => m.user_id));
  const coordinators = members.filter((m) => m.role === 'coordinator').map((m) => m.user_id);
  const from = new Date(Date.parse(since) - SHIFT_DAYS * 86_400_000).toISOString().slice(0, 10);
  const worked = classroomId
    ? (
        await trx
          .selectFrom('staff_shifts')
          .select('user_id')
          .distinct()
          .where('center_id', '=', centerId)
          .where('classroom_id', '=', classroomId)
          .where('date', '>=', from)
          .execute()
      )
        .map((s) => s.user_id)
        .filter((userId) => active.has(userId))
    : [];
  const room = worked.length > 0 ? worked : members.filter((m) => m.role === 'teacher').map((m) => m.user_id);
  return [...new Set([...coordinators, ...room])];
}

async function upsertRead(
  trx: Kysely<DB>,
  { conversationId, userId, at }: { conversationId: string; userId: string; at: string },
) {
  // Never moves back: a page that was open for a while reports an older message than one read since.
  await trx
    .insertInto('conversation_reads')
    .values({ conversation_id: conversationId, user_id: userId, last_read_at: at })
    .onConflict((oc) =>
      oc
        .columns(['conversation_id', 'user_id'])
        .doUpdateSet({ last_read_at: at })
        .where('conversation_reads.last_read_at', '<', at),
    )
    .execute();
}

/**
 * Records that a participant has read the child's conversation up to `upTo` (the newest message
 * their page showed; never later than now). Reading is not audited: it changes no record, and
 * every opening would fill the log. Returns false when there is no such conversation.
 */
export async function markConversationRead({
  centerId,
  childId,
  userId,
  upTo,
  now = new Date(),
}: {
  centerId: string;
  childId: string;
  userId: string;
  upTo: string;
  now?: Date;
}) {
  const at = new Date(Math.min(Date.parse(upTo), now.getTime())).toISOString();
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const conversation = await trx
        .selectFrom('conversations')
        .select('id')
        .where('center_id', '=', centerId)
        .where('child_id', '=', childId)
        .executeTakeFirst();
      if (!conversation) return false;
      const before = await trx
        .selectFrom('conversation_reads')
        .select('last_read_at')
        .where('conversation_id', '=', conversation.id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (before && before.last_read_at >= at) return true;
      await upsertRead(trx, { conversationId: conversation.id, userId, at });
      // The author's page shows "read" as soon as the other side has opened the conversation.
      await publish(trx, {
        topics: conversationTopics({ childId, centerId }),
        type: LIVE_TYPES.read,
        data: { childId },
      });
      return true;
    });
}

/** A file attached to a message in this child's conversation (never another child's, nor another center's). */
export async function getMessageAttachment({
  centerId,
  childId,
  documentId,
}: {
  centerId: string;
  childId: string;
  documentId: string;
}) {
  return getDb()
    .selectFrom('documents')
    .innerJoin('messages', 'messages.attachment_document_id', 'documents.id')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select(['documents.storage_key', 'documents.mime_type', 'documents.file_name'])
    .where('documents.id', '=', documentId)
    .where('documents.center_id', '=', centerId)
    .where('documents.kind', '=', 'message_attachment')
    .where('messages.center_id', '=', centerId)
    .where('conversations.center_id', '=', centerId)
    .where('conversations.child_id', '=', childId)
    .executeTakeFirst();
}

// ————— Inbox and unread counts —————

/**
 * A center's conversations for a staff member, newest first: the child, the classroom, the last
 * message and how many messages the viewer has not read (by others, since their last read).
 */
export async function listInbox({
  centerId,
  viewerId,
  classroomId,
  limit = 200,
}: {
  centerId: string;
  viewerId: string;
  classroomId?: string | null;
  limit?: number;
}) {
  let query = getDb()
    .selectFrom('conversations as c')
    .innerJoin('children', 'children.id', 'c.child_id')
    .leftJoin('classrooms', 'classrooms.id', 'children.classroom_id')
    .leftJoin('conversation_reads as r', (join) =>
      join.onRef('r.conversation_id', '=', 'c.id').on('r.user_id', '=', viewerId),
    )
    .select((eb) => [
      'c.child_id as childId',
      'children.full_name as childName',
      'children.nickname',
      'classrooms.name as classroomName',
      'c.last_message_at as lastMessageAt',
      eb
        .selectFrom('messages as m')
        .select((m) => m.fn.countAll<string | number>().as('n'))
        .whereRef('m.conversation_id', '=', 'c.id')
        .where('m.author_id', '<>', viewerId)
        .where((m) => m('m.created_at', '>', m.fn.coalesce('r.last_read_at', m.val(''))))
        .as('unread'),
      eb
        .selectFrom('messages as m')
        .select('m.body')
        .whereRef('m.conversation_id', '=', 'c.id')
        // By time only: a second key would make SQLite sort each conversation's messages (4× slower).
        .orderBy('m.created_at', 'desc')
        .limit(1)
        .as('lastBody'),
      eb
        .selectFrom('messages as m')
        .innerJoin('users as u', 'u.id', 'm.author_id')
        .select('u.name')
        .whereRef('m.conversation_id', '=', 'c.id')
        .orderBy('m.created_at', 'desc')
        .limit(1)
        .as('lastAuthor'),
    ])
    .where('c.center_id', '=', centerId)
    .where('c.last_message_at', 'is not', null)
    .orderBy('c.last_message_at', 'desc')
    .limit(limit);
  if (classroomId) query = query.where('children.classroom_id', '=', classroomId);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, unread: Number(r.unread ?? 0) }));
}

/**
 * How many of a center's conversations have a message the staff member has not read: one query,
 * cheap enough for the navigation on every page (a conversation is skipped by its last_message_at
 * before any message is looked at).
 */
export async function unreadConversationCount({ centerId, userId }: { centerId: string; userId: string }) {
  const row = await getDb()
    .selectFrom('conversations as c')
    .leftJoin('conversation_reads as r', (join) =>
      join.onRef('r.conversation_id', '=', 'c.id').on('r.user_id', '=', userId),
    )
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('c.center_id', '=', centerId)
    .where((eb) => eb('c.last_message_at', '>', eb.fn.coalesce('r.last_read_at', eb.val(''))))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('messages as m')
          .select('m.id')
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.author_id', '<>', userId)
          .where((m) => m('m.created_at', '>', m.fn.coalesce('r.last_read_at', m.val('')))),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** For a guardian: unread messages per child (only their own children's conversations). */
export async function unreadByChild({ userId }: { userId: string }) {
  const rows = await getDb()
    .selectFrom('guardians as g')
    .innerJoin('conversations as c', (join) =>
      join.onRef('c.child_id', '=', 'g.child_id').onRef('c.center_id', '=', 'g.center_id'),
    )
    .innerJoin('messages as m', 'm.conversation_id', 'c.id')
    .leftJoin('conversation_reads as r', (join) =>
      join.onRef('r.conversation_id', '=', 'c.id').on('r.user_id', '=', userId),
    )
    .select((eb) => ['g.child_id as childId', eb.fn.countAll<string | number>().as('n')])
    .where('g.user_id', '=', userId)
    .where('m.author_id', '<>', userId)
    .where((eb) => eb('m.created_at', '>', eb.fn.coalesce('r.last_read_at', eb.val(''))))
    .groupBy('g.child_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.childId, Number(r.n)]));
}
