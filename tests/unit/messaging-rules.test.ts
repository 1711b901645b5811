import { describe, expect, it } from 'vitest';
import { QuietHoursSchema } from '~/modules/centers/centers';
import {
  AnnouncementSchema,
  attachmentClaimsProblem,
  isPending,
  MarkReadSchema,
  mayAnnounceTo,
  MessageSchema,
  nextReminderAt,
  readByOtherSide,
  unreadFor,
} from '~/modules/messaging/messaging';

const errorsOf = (result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('a message', () => {
  it('needs some text: empty and whitespace-only are refused with their own message; text is trimmed', () => {
    for (const body of ['', '   ', '\n\t '])
      expect(errorsOf(MessageSchema.safeParse({ body }))).toEqual({ body: 'errors.messageEmpty' });
    expect(errorsOf(MessageSchema.safeParse({}))).toEqual({ body: 'errors.messageEmpty' });
    expect(MessageSchema.parse({ body: '  Halo Bu Guru  ' })).toEqual({ body: 'Halo Bu Guru' });
    expect(errorsOf(MessageSchema.safeParse({ body: 'x'.repeat(4001) }))).toEqual({ body: 'errors.tooLong?max=4000' });
    expect(MessageSchema.safeParse({ body: 'x'.repeat(4000) }).success).toBe(true);
  });

  it('is marked read up to an instant the page gives', () => {
    expect(MarkReadSchema.safeParse({ intent: 'read', upTo: '2026-11-30T08:00:00.000Z' }).success).toBe(true);
    expect(MarkReadSchema.safeParse({ intent: 'read', upTo: 'now' }).success).toBe(false);
  });
});

describe('read state', () => {
  const at = (minute: number) => `2026-11-30T08:${String(minute).padStart(2, '0')}:00.000Z`;

  it('counts a message read when the other side opened the conversation after it was written', () => {
    const staffMessage = { side: 'staff' as const, createdAt: at(10) };
    // A colleague reading tells the teacher nothing; a guardian reading earlier neither.
    expect(readByOtherSide(staffMessage, [{ side: 'staff', lastReadAt: at(20) }])).toBe(false);
    expect(readByOtherSide(staffMessage, [{ side: 'family', lastReadAt: at(9) }])).toBe(false);
    // Any guardian, exactly at or after it.
    expect(readByOtherSide(staffMessage, [{ side: 'family', lastReadAt: at(10) }])).toBe(true);
    const familyMessage = { side: 'family' as const, createdAt: at(10) };
    expect(readByOtherSide(familyMessage, [{ side: 'family', lastReadAt: at(30) }])).toBe(false);
    expect(
      readByOtherSide(familyMessage, [
        { side: 'family', lastReadAt: at(30) },
        { side: 'staff', lastReadAt: at(11) },
      ]),
    ).toBe(true);
  });

  it('counts unread as others’ messages after the viewer’s last read', () => {
    const messages = [
      { authorId: 'ibu', createdAt: at(1) },
      { authorId: 'guru', createdAt: at(2) },
      { authorId: 'ayah', createdAt: at(3) },
    ];
    expect(unreadFor(messages, { userId: 'guru', lastReadAt: null })).toBe(2);
    expect(unreadFor(messages, { userId: 'guru', lastReadAt: at(2) })).toBe(1);
    expect(unreadFor(messages, { userId: 'ibu', lastReadAt: at(1) })).toBe(2);
    expect(unreadFor(messages, { userId: 'ayah', lastReadAt: at(3) })).toBe(0);
  });
});

describe('attachment claims', () => {
  it('take the content’s type and refuse names or declared types that say otherwise', () => {
    expect(attachmentClaimsProblem('image/jpeg', { fileName: 'IMG_2041.JPG', declaredType: 'image/jpeg' })).toBeNull();
    expect(attachmentClaimsProblem('image/jpeg', { fileName: 'foto.jpeg', declaredType: 'image/jpg' })).toBeNull();
    expect(attachmentClaimsProblem('image/webp', { fileName: 'stiker.webp' })).toBeNull();
    expect(
      attachmentClaimsProblem('application/pdf', { fileName: 'surat', declaredType: 'application/octet-stream' }),
    ).toBeNull();
    // A name the app does not know says nothing either way.
    expect(attachmentClaimsProblem('application/pdf', { fileName: 'hasil.lab.scan' })).toBeNull();
    expect(attachmentClaimsProblem('application/pdf', { fileName: 'foto.jpg' })).toBe('attachmentMismatch');
    expect(attachmentClaimsProblem('application/pdf', { fileName: 'surat.pdf', declaredType: 'image/jpeg' })).toBe(
      'attachmentMismatch',
    );
    expect(attachmentClaimsProblem('image/png', { fileName: 'foto.jpg' })).toBe('attachmentMismatch');
    // Not a kind of file that may be attached at all.
    expect(attachmentClaimsProblem('application/x-msdownload', { fileName: 'foto.jpg' })).toBe('attachmentType');
    expect(attachmentClaimsProblem('image/gif', { fileName: 'lucu.gif' })).toBe('attachmentType');
    expect(attachmentClaimsProblem(undefined, { fileName: 'catatan.txt' })).toBe('attachmentType');
  });
});

describe('announcements', () => {
  it('take a title and a text, an audience, and two flags', () => {
    const ok = AnnouncementSchema.parse({
      intent: 'announce',
      audience: 'center',
      title: ' Libur ',
      body: 'Tutup tanggal 25.',
      urgent: 'on',
    });
    expect(ok).toMatchObject({ title: 'Libur', urgent: true, requires_ack: false });
    expect(
      errorsOf(AnnouncementSchema.safeParse({ intent: 'announce', audience: '', title: ' ', body: 'x'.repeat(4001) })),
    ).toEqual({ audience: 'errors.choose', title: 'errors.required', body: 'errors.tooLong?max=4000' });
  });

  it('may go to a classroom from teachers and coordinators, to the whole center from coordinators only', () => {
    expect(mayAnnounceTo(['coordinator'], 'center')).toBe(true);
    expect(mayAnnounceTo(['teacher'], 'classroom')).toBe(true);
    expect(mayAnnounceTo(['teacher'], 'center')).toBe(false);
    expect(mayAnnounceTo(['caregiver'], 'classroom')).toBe(false);
    expect(mayAnnounceTo(['caregiver', 'coordinator'], 'center')).toBe(true);
  });

  it('leave a family pending until it read it, or acknowledged it when asked to', () => {
    const read = { readAt: '2026-11-30T08:00:00.000Z', acknowledgedAt: null };
    expect(isPending({ requiresAck: false }, read)).toBe(false);
    expect(isPending({ requiresAck: true }, read)).toBe(true);
    expect(isPending({ requiresAck: true }, { ...read, acknowledgedAt: '2026-11-30T08:01:00.000Z' })).toBe(false);
    expect(isPending({ requiresAck: false }, { readAt: null, acknowledgedAt: null })).toBe(true);
  });

  it('remind at most once an hour', () => {
    const now = new Date('2026-11-30T09:00:00.000Z');
    expect(nextReminderAt(null, now)).toBeNull();
    expect(nextReminderAt('2026-11-30T08:30:00.000Z', now)).toBe('2026-11-30T09:30:00.000Z');
    expect(nextReminderAt('2026-11-30T08:00:00.000Z', now)).toBeNull();
  });
});

describe('quiet hours', () => {
  const parse = (start: string, end: string) =>
    QuietHoursSchema.safeParse({ intent: 'quietHours', quiet_hours_start: start, quiet_hours_end: end });

  it('are both times or neither, across midnight allowed, never the same time', () => {
    expect(parse('21:00', '06:00')).toMatchObject({ success: true, data: { start: '21:00', end: '06:00' } });
    expect(parse('', '')).toMatchObject({ success: true, data: { start: null, end: null } });
    expect(errorsOf(parse('21:00', ''))).toEqual({ quiet_hours_end: 'errors.quietHoursBoth' });
    expect(errorsOf(parse('', '06:00'))).toEqual({ quiet_hours_start: 'errors.quietHoursBoth' });
    expect(errorsOf(parse('9:00', '17:00'))).toEqual({ quiet_hours_start: 'errors.time' });
    expect(errorsOf(parse('22:00', '22:00'))).toEqual({ quiet_hours_end: 'errors.quietHoursSame' });
  });
});
