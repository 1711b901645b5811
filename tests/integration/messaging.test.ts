import fs from 'node:fs';
import sharp from 'sharp';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { linkGuardian, makeChild, makeUser } from '~db/seed/factories';
import { inviteGuardian } from '~/modules/users/invites.server';
import {
  markConversationRead,
  sendMessage,
  unreadByChild,
  unreadConversationCount,
} from '~/modules/messaging/conversations.server';
import { ATTACHMENT_MAX_BYTES } from '~/modules/messaging/messaging';
import { loader as inboxLoader } from '~/routes/c.$centerId.messages._index';
import { action as staffAction, loader as staffLoader } from '~/routes/c.$centerId.messages.$childId';
import { loader as staffFileLoader } from '~/routes/c.$centerId.messages.$childId_.files.$documentId';
import { action as familyAction, loader as familyLoader } from '~/routes/family.children.$childId.messages';
import { loader as familyFileLoader } from '~/routes/family.children.$childId.messages_.files.$documentId';
import { loader as familyHomeLoader } from '~/routes/family._index';
import { loader as rootLoader } from '~/root';
import { twoCenters } from '../support/fixtures';
import { EXE_BYTES, multipart, PDF_BYTES, PNG_BYTES } from '../support/files';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
const cookies: Record<string, string> = {};

const staffAt = (childId = w.child.id, centerId = w.center.id) => ({
  path: `/c/${centerId}/messages/${childId}`,
  params: { centerId, childId },
});
const familyAt = (childId = w.child.id) => ({
  path: `/family/children/${childId}/messages`,
  params: { childId },
});
const count = async (table: 'messages' | 'documents' | 'conversations') =>
  Number(
    (
      await getDb()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const storedFiles = () => (fs.existsSync(process.env.UPLOAD_DIR!) ? fs.readdirSync(process.env.UPLOAD_DIR!) : []);

beforeAll(async () => {
  w = await twoCenters();
  for (const who of ['coordinator', 'teacher', 'caregiver', 'parent', 'otherParent', 'otherCoordinator'] as const)
    cookies[who] = await sessionCookie(w[who].id);
});

describe('a conversation about a child', () => {
  it('carries a parent’s message to the staff and the reply back, with unread counts and read state', async () => {
    const sent = await callAction(familyAction, {
      ...familyAt(),
      cookie: cookies.parent,
      form: { body: '  Putri agak batuk tadi malam, mohon diperhatikan.  ' },
    });
    expectRedirect(sent, familyAt().path);
    const conversation = await getDb()
      .selectFrom('conversations')
      .select(['id', 'center_id'])
      .where('child_id', '=', w.child.id)
      .executeTakeFirstOrThrow();
    expect(conversation.center_id).toBe(w.center.id);

    // The family's side: their own message, trimmed, not read yet by the staff.
    const mine = await callLoader(familyLoader, { ...familyAt(), cookie: cookies.parent });
    expect(mine.data.messages).toHaveLength(1);
    expect(mine.data.messages[0]).toMatchObject({
      body: 'Putri agak batuk tadi malam, mohon diperhatikan.',
      side: 'family',
      mine: true,
      read: false,
    });
    expect(mine.data.unread).toBe(0);

    // Email to the other side: the coordinator and the teachers (nobody clocked in to the room), never the caregiver
    // or the author; live events for the child's page and the center's inbox.
    const outbox = await getDb().selectFrom('outbox').select(['user_id', 'kind', 'subject', 'body']).execute();
    expect(outbox.map((o) => o.user_id).sort()).toEqual([w.coordinator.id, w.teacher.id].sort());
    expect(outbox[0].subject).toBe('Pesan baru tentang Putri Lestari');
    expect(outbox[0].body).toContain(`http://localhost:3000/c/${w.center.id}/messages/${w.child.id}`);
    const events = await getDb().selectFrom('live_events').select(['topic', 'type']).execute();
    expect(events).toEqual(
      expect.arrayContaining([
        { topic: `child:${w.child.id}`, type: 'message' },
        { topic: `inbox:${w.center.id}`, type: 'message' },
      ]),
    );

    // The staff's inbox: one conversation, one unread, and the badge in the navigation.
    const inbox = await callLoader(inboxLoader, {
      path: `/c/${w.center.id}/messages`,
      params: { centerId: w.center.id },
      cookie: cookies.teacher,
    });
    expect(inbox.data.conversations).toHaveLength(1);
    expect(inbox.data.conversations[0]).toMatchObject({ childId: w.child.id, unread: 1, lastAuthor: 'Ibu' });
    const root = await callLoader(rootLoader, {
      path: `/c/${w.center.id}/today`,
      params: { centerId: w.center.id },
      cookie: cookies.teacher,
    });
    expect(root.data.unreadConversations).toBe(1);

    // Opening the thread reads nothing by itself (GET never writes): the page posts what it showed.
    const thread = await callLoader(staffLoader, { ...staffAt(), cookie: cookies.teacher });
    expect(thread.data.unread).toBe(1);
    expect(await unreadConversationCount({ centerId: w.center.id, userId: w.teacher.id })).toBe(1);
    const read = await callAction(staffAction, {
      ...staffAt(),
      cookie: cookies.teacher,
      form: { intent: 'read', upTo: thread.data.newestAt! },
    });
    expect(read.status).toBe(200);
    expect(await unreadConversationCount({ centerId: w.center.id, userId: w.teacher.id })).toBe(0);
    // The coordinator has not opened it yet: still unread for them.
    expect(await unreadConversationCount({ centerId: w.center.id, userId: w.coordinator.id })).toBe(1);
    const seen = await callLoader(familyLoader, { ...familyAt(), cookie: cookies.parent });
    expect(seen.data.messages[0].read).toBe(true);

    // The teacher replies: the family is told, and it is unread for them until they open it.
    expectRedirect(
      await callAction(staffAction, {
        ...staffAt(),
        cookie: cookies.teacher,
        form: { body: 'Baik Bu, kami pantau suhunya hari ini.' },
      }),
      staffAt().path,
    );
    const toParent = await getDb().selectFrom('outbox').select(['body']).where('user_id', '=', w.parent.id).execute();
    expect(toParent).toHaveLength(1);
    expect(toParent[0].body).toContain(`/family/children/${w.child.id}/messages`);
    expect(await unreadByChild({ userId: w.parent.id })).toEqual({ [w.child.id]: 1 });
    const home = await callLoader(familyHomeLoader, { path: '/family', cookie: cookies.parent });
    expect(home.data.children[0].unreadMessages).toBe(1);

    // A colleague reading the reply does not make it "read" for the teacher: only the family counts.
    const coordinatorView = await callLoader(staffLoader, { ...staffAt(), cookie: cookies.coordinator });
    await callAction(staffAction, {
      ...staffAt(),
      cookie: cookies.coordinator,
      form: { intent: 'read', upTo: coordinatorView.data.newestAt! },
    });
    let teacherView = await callLoader(staffLoader, { ...staffAt(), cookie: cookies.teacher });
    expect(teacherView.data.messages.map((m: { read: boolean }) => m.read)).toEqual([true, false]);

    const familyView = await callLoader(familyLoader, { ...familyAt(), cookie: cookies.parent });
    await callAction(familyAction, {
      ...familyAt(),
      cookie: cookies.parent,
      form: { intent: 'read', upTo: familyView.data.newestAt! },
    });
    teacherView = await callLoader(staffLoader, { ...staffAt(), cookie: cookies.teacher });
    expect(teacherView.data.messages.map((m: { read: boolean }) => m.read)).toEqual([true, true]);
    expect(await unreadByChild({ userId: w.parent.id })).toEqual({});
  });

  it('marks read only up to what the page showed, never past it', async () => {
    const view = await callLoader(familyLoader, { ...familyAt(), cookie: cookies.parent });
    const shown = view.data.newestAt as string;
    // A message arrives after the page was rendered, before it reported what it showed.
    await new Promise((r) => setTimeout(r, 5));
    await sendMessage({
      centerId: w.center.id,
      childId: w.child.id,
      authorId: w.teacher.id,
      body: 'Satu lagi: bekal susunya habis.',
      attachment: null,
    });
    await callAction(familyAction, { ...familyAt(), cookie: cookies.parent, form: { intent: 'read', upTo: shown } });
    expect(await unreadByChild({ userId: w.parent.id })).toEqual({ [w.child.id]: 1 });
    // A date in the future is capped at now; nonsense is refused.
    const future = DateTime.now().plus({ days: 1 }).toUTC().toISO()!;
    await callAction(familyAction, { ...familyAt(), cookie: cookies.parent, form: { intent: 'read', upTo: future } });
    expect(await unreadByChild({ userId: w.parent.id })).toEqual({});
    const bad = await callAction(familyAction, {
      ...familyAt(),
      cookie: cookies.parent,
      form: { intent: 'read', upTo: 'yesterday' },
    });
    expect(bad.status).toBe(400);
  });

  it('refuses an empty message with a clear error and keeps what was typed', async () => {
    const before = await count('messages');
    for (const body of ['', '   \n  ']) {
      const result = await callAction(familyAction, { ...familyAt(), cookie: cookies.parent, form: { body } });
      expect(result.status).toBe(400);
      expect(result.data.errors?.body).toBe('errors.messageEmpty');
      expect(result.data.values?.body).toBe(body);
    }
    const long = 'a'.repeat(4001);
    const tooLong = await callAction(staffAction, { ...staffAt(), cookie: cookies.teacher, form: { body: long } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.errors?.body).toBe('errors.tooLong?max=4000');
    expect(tooLong.data.values?.body).toBe(long);
    expect(await count('messages')).toBe(before);
  });
});

describe('attachments', () => {
  it('stores a photo without its EXIF data and serves it only to the conversation’s participants', async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'KameraRahasia', Model: 'X1' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const sent = await callAction(familyAction, {
      ...familyAt(),
      cookie: cookies.parent,
      form: multipart({ body: 'Foto ruamnya' }, { attachment: { name: 'ruam.jpg', bytes: photo, type: 'image/jpeg' } }),
    });
    expectRedirect(sent, familyAt().path);
    const doc = await getDb()
      .selectFrom('documents')
      .select(['id', 'kind', 'mime_type', 'child_id', 'storage_key', 'center_id'])
      .where('kind', '=', 'message_attachment')
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ kind: 'message_attachment', mime_type: 'image/jpeg', child_id: w.child.id });
    const stored = fs.readFileSync(`${process.env.UPLOAD_DIR}/${doc.storage_key}`);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes('KameraRahasia')).toBe(false);

    const file = (childId = w.child.id) => ({
      path: `/family/children/${childId}/messages/files/${doc.id}`,
      params: { childId, documentId: doc.id },
    });
    const forParent = await callLoader(familyFileLoader, { ...file(), cookie: cookies.parent });
    expect(forParent.status).toBe(200);
    expect(forParent.headers.get('Content-Type')).toBe('image/jpeg');
    expect(forParent.headers.get('Cache-Control')).toBe('private, no-store');
    const staffFile = (centerId = w.center.id, childId = w.child.id) => ({
      path: `/c/${centerId}/messages/${childId}/files/${doc.id}`,
      params: { centerId, childId, documentId: doc.id },
    });
    expect((await callLoader(staffFileLoader, { ...staffFile(), cookie: cookies.caregiver })).status).toBe(200);

    // Another family: not through this child (not theirs), nor through their own child (not its file).
    expect((await callLoader(familyFileLoader, { ...file(), cookie: cookies.otherParent })).status).toBe(404);
    expect((await callLoader(familyFileLoader, { ...file(w.otherChild.id), cookie: cookies.otherParent })).status).toBe(
      404,
    );
    // Another center's staff: not in this center, nor by putting the id under their own center and child.
    expect((await callLoader(staffFileLoader, { ...staffFile(), cookie: cookies.otherCoordinator })).status).toBe(404);
    expect(
      (
        await callLoader(staffFileLoader, {
          ...staffFile(w.other.id, w.otherChild.id),
          cookie: cookies.otherCoordinator,
        })
      ).status,
    ).toBe(404);
    // The thread shows the attachment.
    const thread = await callLoader(familyLoader, { ...familyAt(), cookie: cookies.parent });
    expect(thread.data.messages.at(-1)?.attachment).toMatchObject({ id: doc.id, mimeType: 'image/jpeg' });
  });

  it('takes a PDF and a PNG by their content', async () => {
    for (const [name, bytes, type] of [
      ['surat-dokter.pdf', PDF_BYTES, 'application/pdf'],
      ['titik.png', PNG_BYTES, 'image/png'],
    ] as const) {
      const sent = await callAction(staffAction, {
        ...staffAt(),
        cookie: cookies.teacher,
        form: multipart({ body: `Lampiran ${name}` }, { attachment: { name, bytes, type } }),
      });
      expectRedirect(sent, staffAt().path);
    }
    const types = await getDb()
      .selectFrom('documents')
      .select('mime_type')
      .where('kind', '=', 'message_attachment')
      .execute();
    expect(types.map((t) => t.mime_type).sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
  });

  it('refuses a disguised file, says why, keeps the message typed and stores nothing', async () => {
    const before = { messages: await count('messages'), documents: await count('documents'), files: storedFiles() };
    const cases = [
      // A program renamed .jpg (and declared as a JPEG by the browser).
      { name: 'foto.jpg', bytes: EXE_BYTES, type: 'image/jpeg', error: 'errors.attachmentType' },
      // A PDF posing as a photo, by its name or only by its declared type.
      { name: 'foto.jpg', bytes: PDF_BYTES, type: 'image/jpeg', error: 'errors.attachmentMismatch' },
      { name: 'surat.pdf', bytes: PDF_BYTES, type: 'image/png', error: 'errors.attachmentMismatch' },
      // Not a picture at all, whatever it says.
      {
        name: 'catatan.png',
        bytes: Buffer.from('hanya teks biasa'),
        type: 'image/png',
        error: 'errors.attachmentType',
      },
      // The magic bytes of a PNG, and nothing after them.
      { name: 'rusak.png', bytes: PNG_BYTES.subarray(0, 40), type: 'image/png', error: 'errors.attachmentUnreadable' },
      { name: 'kosong.pdf', bytes: Buffer.alloc(0), type: 'application/pdf', error: 'errors.attachmentEmpty' },
    ];
    for (const c of cases) {
      const result = await callAction(familyAction, {
        ...familyAt(),
        cookie: cookies.parent,
        form: multipart({ body: 'Ini lampirannya' }, { attachment: { name: c.name, bytes: c.bytes, type: c.type } }),
      });
      expect(result.status, c.name).toBe(400);
      expect(result.data.errors?.attachment, c.name).toBe(c.error);
      expect(result.data.values?.body).toBe('Ini lampirannya');
    }
    expect(await count('messages')).toBe(before.messages);
    expect(await count('documents')).toBe(before.documents);
    expect(storedFiles()).toEqual(before.files);
  });

  it('refuses an oversized attachment: a clear error over its limit, 413 over the request’s, nothing stored', async () => {
    const before = { messages: await count('messages'), documents: await count('documents'), files: storedFiles() };
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - PDF_BYTES.length)]);
    const over = await callAction(familyAction, {
      ...familyAt(),
      cookie: cookies.parent,
      form: multipart({ body: 'Hasil lab' }, { attachment: { name: 'lab.pdf', bytes: big, type: 'application/pdf' } }),
    });
    expect(over.status).toBe(400);
    expect(over.data.errors?.attachment).toBe('errors.attachmentTooLarge?max=10');
    expect(over.data.values?.body).toBe('Hasil lab');

    const huge = Buffer.concat([PDF_BYTES, Buffer.alloc(ATTACHMENT_MAX_BYTES * 1.2)]);
    const refused = await callAction(familyAction, {
      ...familyAt(),
      cookie: cookies.parent,
      form: multipart({ body: 'Hasil lab' }, { attachment: { name: 'lab.pdf', bytes: huge, type: 'application/pdf' } }),
    });
    expect(refused.status).toBe(413);
    expect(await count('messages')).toBe(before.messages);
    expect(await count('documents')).toBe(before.documents);
    expect(storedFiles()).toEqual(before.files);
  });
});

describe('who may read a conversation', () => {
  it('is a 404 for another child’s guardian, another center’s staff and a pending guardian invitation', async () => {
    // Another family, even with the right child id.
    expect((await callLoader(familyLoader, { ...familyAt(), cookie: cookies.otherParent })).status).toBe(404);
    const post = await callAction(familyAction, {
      ...familyAt(),
      cookie: cookies.otherParent,
      form: { body: 'Halo' },
    });
    expect(post.status).toBe(404);
    const readPost = await callAction(familyAction, {
      ...familyAt(),
      cookie: cookies.otherParent,
      form: { intent: 'read', upTo: new Date().toISOString() },
    });
    expect(readPost.status).toBe(404);

    // Another center's coordinator: this center's inbox and thread, or this child under their own center.
    const inbox = await callLoader(inboxLoader, {
      path: `/c/${w.center.id}/messages`,
      params: { centerId: w.center.id },
      cookie: cookies.otherCoordinator,
    });
    expect(inbox.status).toBe(404);
    expect((await callLoader(staffLoader, { ...staffAt(), cookie: cookies.otherCoordinator })).status).toBe(404);
    expect(
      (await callLoader(staffLoader, { ...staffAt(w.child.id, w.other.id), cookie: cookies.otherCoordinator })).status,
    ).toBe(404);
    expect(
      (
        await callAction(staffAction, {
          ...staffAt(w.child.id, w.other.id),
          cookie: cookies.otherCoordinator,
          form: { body: 'Halo' },
        })
      ).status,
    ).toBe(404);
    // Their own inbox shows none of this center's conversations.
    const theirs = await callLoader(inboxLoader, {
      path: `/c/${w.other.id}/messages`,
      params: { centerId: w.other.id },
      cookie: cookies.otherCoordinator,
    });
    expect(theirs.data.conversations).toEqual([]);

    // A guardian invited but not yet accepted: nothing.
    const invited = await makeUser(getDb(), { email: 'ayah.putri@example.test', name: 'Ayah Putri' });
    await inviteGuardian({
      centerId: w.center.id,
      childId: w.child.id,
      email: invited.email,
      name: invited.name,
      relationship: 'ayah',
      phone: null,
      actorId: w.coordinator.id,
    });
    const invitedCookie = await sessionCookie(invited.id);
    expect((await callLoader(familyLoader, { ...familyAt(), cookie: invitedCookie })).status).toBe(404);
    const doc = await getDb()
      .selectFrom('documents')
      .select('id')
      .where('kind', '=', 'message_attachment')
      .executeTakeFirstOrThrow();
    expect(
      (
        await callLoader(familyFileLoader, {
          path: '',
          params: { childId: w.child.id, documentId: doc.id },
          cookie: invitedCookie,
        })
      ).status,
    ).toBe(404);
    expect(await unreadByChild({ userId: invited.id })).toEqual({});
    // Staff pages are not for families: a parent is a 404 there.
    expect((await callLoader(staffLoader, { ...staffAt(), cookie: cookies.parent })).status).toBe(404);
  });

  it('lets a withdrawn child’s conversation be read but not written to', async () => {
    const child = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Raka' });
    await linkGuardian(getDb(), { childId: child.id, userId: w.parent.id });
    await getDb().updateTable('children').set({ status: 'withdrawn' }).where('id', '=', child.id).execute();
    const result = await callAction(familyAction, {
      ...familyAt(child.id),
      cookie: cookies.parent,
      form: { body: 'Terima kasih untuk semuanya' },
    });
    expect(result.status).toBe(400);
    expect(result.data.errors?.form).toBe('errors.childNotEnrolled');
    expect(result.data.values?.body).toBe('Terima kasih untuk semuanya');
    const page = await callLoader(familyLoader, { ...familyAt(child.id), cookie: cookies.parent });
    expect(page.data.child.enrolled).toBe(false);
  });
});

describe('the inbox', () => {
  it('filters by classroom, lists newest first, and one conversation per child even when two write at once', async () => {
    const room2 = await getDb()
      .insertInto('classrooms')
      .values({
        id: 'room-two',
        center_id: w.center.id,
        name: 'Kelas Dua',
        min_age_months: 24,
        max_age_months: 48,
        capacity: 10,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const child = await makeChild(getDb(), { centerId: w.center.id, classroomId: room2.id, fullName: 'Sari' });
    const mother = await makeUser(getDb(), { name: 'Ibu Sari' });
    const father = await makeUser(getDb(), { name: 'Ayah Sari' });
    await linkGuardian(getDb(), { childId: child.id, userId: mother.id });
    await linkGuardian(getDb(), { childId: child.id, userId: father.id, relationship: 'ayah' });
    const conversationsBefore = await count('conversations');
    const results = await Promise.all(
      [mother, father].map((g) =>
        sendMessage({
          centerId: w.center.id,
          childId: child.id,
          authorId: g.id,
          body: `Dari ${g.name}`,
          attachment: null,
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await count('conversations')).toBe(conversationsBefore + 1);

    const all = await callLoader(inboxLoader, {
      path: `/c/${w.center.id}/messages`,
      params: { centerId: w.center.id },
      cookie: cookies.caregiver,
    });
    expect(all.data.conversations.map((c: { childId: string }) => c.childId)).toEqual([child.id, w.child.id]);
    expect(all.data.conversations[0].unread).toBe(2);
    const filtered = await callLoader(inboxLoader, {
      path: `/c/${w.center.id}/messages?room=${w.classroom.id}`,
      params: { centerId: w.center.id },
      cookie: cookies.caregiver,
    });
    expect(filtered.data.conversations.map((c: { childId: string }) => c.childId)).toEqual([w.child.id]);
    // A co-parent's message is news to the other guardian too. (Not the two above: writing marks the
    // conversation read up to one's own message, and which of two messages at once is older is a toss-up.)
    await markConversationRead({
      centerId: w.center.id,
      childId: child.id,
      userId: mother.id,
      upTo: new Date().toISOString(),
    });
    await new Promise((r) => setTimeout(r, 5));
    await sendMessage({
      centerId: w.center.id,
      childId: child.id,
      authorId: father.id,
      body: 'Saya yang jemput sore ini.',
      attachment: null,
    });
    expect(await unreadByChild({ userId: mother.id })).toEqual({ [child.id]: 1 });

    // "Write to a family" leads to the chosen child's conversation; a foreign child is ignored.
    const open = await callLoader(inboxLoader, {
      path: `/c/${w.center.id}/messages?child=${child.id}`,
      params: { centerId: w.center.id },
      cookie: cookies.caregiver,
    });
    expectRedirect(open, `/c/${w.center.id}/messages/${child.id}`);
    const foreign = await callLoader(inboxLoader, {
      path: `/c/${w.center.id}/messages?child=${w.otherChild.id}`,
      params: { centerId: w.center.id },
      cookie: cookies.caregiver,
    });
    expect(foreign.status).toBe(200);
  });

  it('emails a family’s message to the staff who worked in the room, and holds it in quiet hours', async () => {
    const child = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Dimas' });
    const mother = await makeUser(getDb(), { name: 'Ibu Dimas' });
    await linkGuardian(getDb(), { childId: child.id, userId: mother.id });
    // The caregiver clocked in to the room this week; the teacher did not.
    const today = DateTime.now().setZone('Asia/Jakarta').toISODate()!;
    await getDb()
      .insertInto('staff_shifts')
      .values({
        id: 'shift-1',
        center_id: w.center.id,
        classroom_id: w.classroom.id,
        user_id: w.caregiver.id,
        date: today,
        clock_in_at: new Date().toISOString(),
        clock_out_at: null,
      })
      .execute();
    // Quiet hours around now, in the center's time.
    const local = DateTime.now().setZone('Asia/Jakarta');
    const start = local.minus({ hours: 1 }).toFormat('HH:mm');
    const end = local.plus({ hours: 1 }).toFormat('HH:mm');
    await getDb()
      .updateTable('centers')
      .set({ quiet_hours_start: start, quiet_hours_end: end })
      .where('id', '=', w.center.id)
      .execute();
    const sent = await sendMessage({
      centerId: w.center.id,
      childId: child.id,
      authorId: mother.id,
      body: 'Dimas dijemput neneknya hari ini.',
      attachment: null,
    });
    expect(sent.ok).toBe(true);
    const rows = await getDb()
      .selectFrom('outbox')
      .select(['user_id', 'next_attempt_at', 'created_at'])
      .where('dedupe_key', 'like', `message:${sent.ok ? sent.messageId : ''}:%`)
      .execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([w.coordinator.id, w.caregiver.id].sort());
    const endInstant = local.plus({ hours: 1 }).set({ second: 0, millisecond: 0 }).toUTC().toISO();
    for (const row of rows) expect(row.next_attempt_at).toBe(endInstant);
    // The reply goes to the family at once: quiet hours are for staff.
    const reply = await sendMessage({
      centerId: w.center.id,
      childId: child.id,
      authorId: w.caregiver.id,
      body: 'Baik, Bu.',
      attachment: null,
    });
    const toMother = await getDb()
      .selectFrom('outbox')
      .select(['next_attempt_at', 'created_at'])
      .where('dedupe_key', '=', `message:${reply.ok ? reply.messageId : ''}:${mother.id}`)
      .executeTakeFirstOrThrow();
    expect(Date.parse(toMother.next_attempt_at)).toBeLessThanOrEqual(Date.now());
    await getDb()
      .updateTable('centers')
      .set({ quiet_hours_start: null, quiet_hours_end: null })
      .where('id', '=', w.center.id)
      .execute();
  });
});
