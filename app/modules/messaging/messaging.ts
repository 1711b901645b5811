// Conversations and announcements: the schemas the forms and the actions share, and the pure rules
// (who has read what, which attachments are taken). Database access is in *.server.ts beside this.
import { z } from 'zod';
import { checkbox, msg } from '../forms/fields';

export const MESSAGE_MAX_LENGTH = 4000;
/** An attachment: a photo from a phone or a scanned letter. Images are re-encoded (no EXIF, no location). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** The whole request of a message with its attachment: the file, the text and the multipart overhead. */
export const MESSAGE_REQUEST_MAX_BYTES = ATTACHMENT_MAX_BYTES + 256 * 1024;
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
/** How many messages a thread shows: the newest ones. */
export const THREAD_LIMIT = 200;

/** A message: some text is required (whitespace alone is not a message); the attachment travels as a file part. */
export const MessageSchema = z.object({
  body: z
    .string({ required_error: msg('messageEmpty') })
    .trim()
    .min(1, msg('messageEmpty'))
    .max(MESSAGE_MAX_LENGTH, msg('tooLong', { max: MESSAGE_MAX_LENGTH })),
});

/** Marks a conversation read up to the newest message the page showed (never past it). */
export const MarkReadSchema = z.object({
  intent: z.literal('read'),
  upTo: z.string().datetime({ message: msg('invalid') }),
});

// ————— Read state —————

/** A conversation has two sides: the child's guardians, and the center's staff. */
export type Side = 'family' | 'staff';

/**
 * Is a message read by the other side? A family's message is read once any staff member has opened
 * the conversation after it was written; a staff message once any of the child's guardians has.
 * (Readers on the author's own side do not count: a colleague reading it tells the teacher nothing.)
 */
export function readByOtherSide(
  message: { side: Side; createdAt: string },
  reads: readonly { side: Side; lastReadAt: string }[],
) {
  return reads.some((r) => r.side !== message.side && r.lastReadAt >= message.createdAt);
}

/**
 * Unread for one person: messages by anyone else written after they last read the conversation
 * (as in a group chat: a co-parent's or a colleague's message is news too).
 */
export function unreadFor(
  messages: readonly { authorId: string; createdAt: string }[],
  viewer: { userId: string; lastReadAt: string | null },
) {
  return messages.filter(
    (m) => m.authorId !== viewer.userId && (viewer.lastReadAt === null || m.createdAt > viewer.lastReadAt),
  ).length;
}

// ————— Attachments —————

const EXTENSIONS: Record<AttachmentType, string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jfif'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
};

/**
 * The attachment's content decides its type; a name or a declared type that says otherwise (a PDF
 * called photo.jpg, a program renamed .jpg) is refused rather than served under a misleading name.
 * Returns an error code, or null when the claims agree with the content (or make none).
 */
export function attachmentClaimsProblem(
  contentType: string | undefined,
  { fileName, declaredType }: { fileName: string; declaredType?: string },
): 'attachmentType' | 'attachmentMismatch' | null {
  if (!contentType || !(ATTACHMENT_TYPES as readonly string[]).includes(contentType)) return 'attachmentType';
  const type = contentType as AttachmentType;
  const declared = declaredType?.toLowerCase().split(';')[0].trim().replace('image/jpg', 'image/jpeg');
  if (declared && declared !== 'application/octet-stream' && declared !== type) return 'attachmentMismatch';
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const known = Object.values(EXTENSIONS).flat();
  if (known.includes(extension) && !EXTENSIONS[type].includes(extension)) return 'attachmentMismatch';
  return null;
}

export const isImage = (mimeType: string) => mimeType.startsWith('image/');

// ————— Announcements —————

export const ANNOUNCEMENT_TITLE_MAX = 120;
export const ANNOUNCEMENT_BODY_MAX = 4000;
/** A reminder goes to the families still pending at most once an hour. */
export const REMIND_INTERVAL_MINUTES = 60;
/** The audience field: the whole center, or one classroom's id. */
export const WHOLE_CENTER = 'center';

export const AnnouncementSchema = z.object({
  intent: z.literal('announce'),
  audience: z
    .string({ required_error: msg('choose') })
    .min(1, msg('choose'))
    .max(64, msg('choose')),
  title: z
    .string({ required_error: msg('required') })
    .trim()
    .min(1, msg('required'))
    .max(ANNOUNCEMENT_TITLE_MAX, msg('tooLong', { max: ANNOUNCEMENT_TITLE_MAX })),
  body: z
    .string({ required_error: msg('required') })
    .trim()
    .min(1, msg('required'))
    .max(ANNOUNCEMENT_BODY_MAX, msg('tooLong', { max: ANNOUNCEMENT_BODY_MAX })),
  urgent: checkbox,
  requires_ack: checkbox,
});
export type AnnouncementInput = z.output<typeof AnnouncementSchema>;

/** Who may announce to whom: coordinators to the whole center or a classroom; teachers to a classroom. */
export const ANNOUNCING_ROLES = ['coordinator', 'teacher'] as const;
export function mayAnnounceTo(roles: readonly string[], audience: 'center' | 'classroom') {
  if (roles.includes('coordinator')) return true;
  return audience === 'classroom' && roles.includes('teacher');
}

/** A family is pending until it has acknowledged (when asked to) or read the announcement. */
export function isPending(
  announcement: { requiresAck: boolean },
  receipt: { readAt: string | null; acknowledgedAt: string | null },
) {
  return announcement.requiresAck ? receipt.acknowledgedAt === null : receipt.readAt === null;
}

/** When the next reminder may go, given the last one; null when one may go now. */
export function nextReminderAt(lastRemindedAt: string | null, now: Date) {
  if (!lastRemindedAt) return null;
  const next = new Date(Date.parse(lastRemindedAt) + REMIND_INTERVAL_MINUTES * 60_000);
  return next > now ? next.toISOString() : null;
}
