import fs from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { linkGuardian, makeChild, makeUser } from '~db/seed/factories';
import { checkIn, checkOut, recordRefusedPickup } from '~/modules/attendance/attendance.server';
import { endNap, logEntries } from '~/modules/day/day.server';
import { preparePhoto } from '~/modules/day/photos.server';
import { queueDailySummary, sendDueDailySummaries } from '~/modules/day/summary.server';
import { storedFilePath } from '~/modules/files/uploads.server';
import { inviteGuardian } from '~/modules/users/invites.server';
import { localDate } from '~/modules/time/time';
import { action as childDayAction, loader as childDayLoader } from '~/routes/c.$centerId.children.$childId.day';
import { action as roomAction, loader as roomLoader } from '~/routes/c.$centerId.day.$classroomId';
import { loader as photoLoader } from '~/routes/day-photos.$photoId';
import { loader as recordLoader } from '~/routes/c.$centerId.children.$childId._index';
import { loader as doorLoader } from '~/routes/c.$centerId.today';
import { loader as homeLoader } from '~/routes/c.$centerId._index';
import { loader as familyLoader } from '~/routes/family._index';
import { action as familyChildAction } from '~/routes/family.children.$childId._index';
import { action as familyDayAction, loader as familyDayLoader } from '~/routes/family.children.$childId.day';
import { twoCenters } from '../support/fixtures';
import { EXE_BYTES, multipart } from '../support/files';
import { callAction, callLoader, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let caregiver: string;
let teacher: string;
let coordinator: string;
let parent: string;
let today: string;
/** The fifteen children of the room, checked in. */
let room: { id: string; name: string }[];
let absent: { id: string };
/** A second family of the same room, with its own guardian. */
let neighbour: { id: string };
let neighbourParent: string;

const roomCall = () => ({
  path: `/c/${w.center.id}/day/${w.classroom.id}`,
  params: { centerId: w.center.id, classroomId: w.classroom.id },
});
const familyDay = (childId: string, date?: string) => ({
  path: `/family/children/${childId}/day${date ? `?date=${date}` : ''}`,
  params: { childId },
});
const log = (cookie: string, form: Record<string, string | string[]>) =>
  callAction(roomAction, { ...roomCall(), cookie, form: { intent: 'log', ...form } });
const count = async (table: 'day_entries' | 'documents' | 'outbox') =>
  Number(
    (
      await getDb()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  w = await twoCenters();
  const db = getDb();
  [caregiver, teacher, coordinator, parent] = await Promise.all(
    [w.caregiver, w.teacher, w.coordinator, w.parent].map((u) => sessionCookie(u.id)),
  );
  today = localDate('Asia/Jakarta');
  room = [{ id: w.child.id, name: 'Putri Lestari' }];
  for (let i = 1; i < 15; i++) {
    const c = await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: `Anak ${i}` });
    room.push({ id: c.id, name: c.full_name });
  }
  for (const c of room) await checkIn({ centerId: w.center.id, childId: c.id, actorId: w.caregiver.id });
  absent = await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Belum Datang' });
  neighbour = room[1];
  const neighbourUser = await makeUser(db, { email: 'tetangga@example.test', name: 'Ibu Tetangga' });
  await linkGuardian(db, { childId: neighbour.id, userId: neighbourUser.id });
  neighbourParent = await sessionCookie(neighbourUser.id);
});

describe('the room log', () => {
  it('logs lunch for a room of 15 children in one request: 15 entries, each audited and announced', async () => {
    const before = await count('day_entries');
    const saved = await log(caregiver, {
      kind: 'meal',
      childIds: room.map((c) => c.id),
      what: 'Nasi, sayur bayam, tempe',
      amount: 'most',
    });
    expect(saved.status).toBe(200);
    expect(saved.data).toEqual({ ok: true, logged: 15 });
    expect((await count('day_entries')) - before).toBe(15);
    const db = getDb();
    const entries = await db.selectFrom('day_entries').selectAll().where('kind', '=', 'meal').execute();
    expect(new Set(entries.map((e) => e.child_id))).toEqual(new Set(room.map((c) => c.id)));
    expect(entries.every((e) => e.date === today && e.recorded_by === w.caregiver.id)).toBe(true);
    const audited = await db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity', '=', 'day_entry')
      .where(
        'entity_id',
        'in',
        entries.map((e) => e.id),
      )
      .execute();
    expect(audited).toHaveLength(15);
    const events = await db.selectFrom('live_events').select(['topic', 'data']).where('type', '=', 'day').execute();
    expect(events.filter((e) => e.topic === `room:${w.classroom.id}`)).toHaveLength(1);
    expect(new Set(events.filter((e) => e.topic.startsWith('child:')).map((e) => e.topic))).toEqual(
      new Set(room.map((c) => `child:${c.id}`)),
    );
    expect(JSON.parse(events[0].data)).toEqual({ date: today });

    const page = await callLoader(roomLoader, { ...roomCall(), cookie: teacher });
    expect(page.data.entries).toHaveLength(15);
    expect(page.data.entries[0]).toMatchObject({ kind: 'meal', data: { amount: 'most' }, recordedByName: 'Pengasuh' });
    expect(page.data.children.find((c: { id: string }) => c.id === absent.id)).toMatchObject({ present: false });
  });

  it('refuses the whole entry when one chosen child is not here, naming the child; nothing is written', async () => {
    const before = await count('day_entries');
    const refused = await log(caregiver, {
      kind: 'snack',
      childIds: [room[0].id, absent.id],
      what: 'Pisang',
      amount: 'all',
    });
    expect(refused.status).toBe(400);
    expect(refused.data.errors?.childIds).toBe('errors.day_notPresent?names=Belum+Datang');
    expect(refused.data.values).toMatchObject({ what: 'Pisang', amount: 'all' });
    expect(await count('day_entries')).toBe(before);
  });

  it('refuses a child who has gone home, and another center’s child or room', async () => {
    const gone = await makeChild(getDb(), {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Sudah Pulang',
    });
    await linkGuardian(getDb(), { childId: gone.id, userId: w.parent.id });
    await checkIn({ centerId: w.center.id, childId: gone.id, actorId: w.caregiver.id });
    await checkOut({
      centerId: w.center.id,
      childId: gone.id,
      actorId: w.caregiver.id,
      collectorKey: `guardian:${w.parent.id}`,
    });
    const late = await log(caregiver, { kind: 'mood', childIds: gone.id, mood: 'happy' });
    expect(late.data.errors?.childIds).toBe('errors.day_notPresent?names=Sudah+Pulang');
    const foreign = await log(caregiver, { kind: 'mood', childIds: w.otherChild.id, mood: 'happy' });
    expect(foreign.data.errors?.form).toBe('errors.day_notFound');
    const otherCenter = await callAction(roomAction, {
      ...roomCall(),
      cookie: await sessionCookie(w.otherCoordinator.id),
      form: { intent: 'log', kind: 'mood', childIds: room[0].id, mood: 'happy' },
    });
    expect(otherCenter.status).toBe(404);
    const otherRoom = await callLoader(roomLoader, {
      path: '',
      params: { centerId: w.center.id, classroomId: 'no-such-room' },
      cookie: caregiver,
    });
    expect(otherRoom.status).toBe(404);
  });

  it('gives clear errors for a 5,000 ml bottle and a nap that ends before it starts, keeping what was typed', async () => {
    const bottle = await log(caregiver, { kind: 'bottle', childIds: room[0].id, ml: '5000', milk: 'breast_milk' });
    expect(bottle.status).toBe(400);
    expect(bottle.data.errors?.ml).toBe('errors.mlRange?max=500');
    expect(bottle.data.values?.ml).toBe('5000');
    const ok = await log(caregiver, { kind: 'bottle', childIds: room[0].id, ml: '150', milk: 'breast_milk' });
    expect(ok.data).toEqual({ ok: true, logged: 1 });

    const nap = await log(caregiver, { kind: 'nap', childIds: room[0].id, time: '13:00', end: '12:30' });
    expect(nap.status).toBe(400);
    expect(nap.data.errors?.end).toBe('errors.napEndBeforeStart');
    expect(nap.data.values).toMatchObject({ time: '13:00', end: '12:30' });
  });

  it('starts a nap for several children now and ends each later; an end before the start is refused', async () => {
    const now = new Date();
    const started = await logEntries({
      center: { id: w.center.id, timeZone: 'Asia/Jakarta' },
      actorId: w.caregiver.id,
      form: { intent: 'log', kind: 'nap', childIds: [room[2].id, room[3].id], time: null, end: null },
      now,
    });
    expect(started.ok).toBe(true);
    const [first] = started.ok ? started.ids : [];
    const later = new Date(now.getTime() + 45 * 60_000);
    const base = { center: { id: w.center.id, timeZone: 'Asia/Jakarta' }, entryId: first, isCoordinator: false };
    expect(await endNap({ ...base, actorId: w.teacher.id, end: null, now: later })).toMatchObject({
      ok: false,
      error: 'notYours',
    });
    expect(await endNap({ ...base, actorId: w.caregiver.id, end: null, now: later })).toEqual({ ok: true });
    expect(await endNap({ ...base, actorId: w.caregiver.id, end: null, now: later })).toMatchObject({
      error: 'napEnded',
    });
    const row = await getDb()
      .selectFrom('day_entries')
      .select('data')
      .where('id', '=', first)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.data)).toEqual({ end: later.toISOString() });
  });

  it('refuses a time before the child arrived, and a time in the future', async () => {
    const child = await makeChild(getDb(), {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Datang Siang',
    });
    const arrival = new Date('2026-03-02T05:00:00.000Z'); // 12.00 in Jakarta
    await checkIn({ centerId: w.center.id, childId: child.id, actorId: w.caregiver.id, now: arrival });
    const center = { id: w.center.id, timeZone: 'Asia/Jakarta' };
    const form = { intent: 'log' as const, kind: 'mood' as const, childIds: [child.id], mood: 'calm' as const };
    const now = new Date('2026-03-02T07:00:00.000Z'); // 14.00
    expect(await logEntries({ center, actorId: w.caregiver.id, form: { ...form, time: '11:30' }, now })).toEqual({
      ok: false,
      error: 'beforeArrival',
      field: 'time',
      names: ['Datang Siang'],
    });
    expect(await logEntries({ center, actorId: w.caregiver.id, form: { ...form, time: '15:00' }, now })).toMatchObject({
      error: 'future',
      field: 'time',
    });
    expect(await logEntries({ center, actorId: w.caregiver.id, form: { ...form, time: '13:15' }, now })).toMatchObject({
      ok: true,
    });
  });

  it('takes back one’s own entry (audited), not someone else’s; the coordinator may', async () => {
    const saved = await log(caregiver, { kind: 'note', childIds: room[4].id, text: 'Salah anak' });
    expect(saved.data.ok).toBe(true);
    const entry = await getDb()
      .selectFrom('day_entries')
      .select('id')
      .where('child_id', '=', room[4].id)
      .where('kind', '=', 'note')
      .executeTakeFirstOrThrow();
    const byTeacher = await callAction(roomAction, {
      ...roomCall(),
      cookie: teacher,
      form: { intent: 'remove', entryId: entry.id },
    });
    expect(byTeacher.data.errors?.form).toBe('errors.day_notYours');
    const mine = await callAction(roomAction, {
      ...roomCall(),
      cookie: caregiver,
      form: { intent: 'remove', entryId: entry.id },
    });
    expect(mine.data).toMatchObject({ ok: true });
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action', 'child_id'])
      .where('entity_id', '=', entry.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(audit[1].child_id).toBe(room[4].id);

    await log(caregiver, { kind: 'note', childIds: room[4].id, text: 'Lagi' });
    const again = await getDb()
      .selectFrom('day_entries')
      .select('id')
      .where('child_id', '=', room[4].id)
      .where('kind', '=', 'note')
      .executeTakeFirstOrThrow();
    const byCoordinator = await callAction(roomAction, {
      ...roomCall(),
      cookie: coordinator,
      form: { intent: 'remove', entryId: again.id },
    });
    expect(byCoordinator.data).toMatchObject({ ok: true });
  });
});

describe('medicine', () => {
  it('is refused without a guardian’s instruction, logged with one, refused again once it is revoked', async () => {
    const child = room[5];
    await linkGuardian(getDb(), { childId: child.id, userId: w.parent.id });
    const give = (instructionId: string) =>
      log(caregiver, { kind: 'medicine', childIds: child.id, instructionId, dose: '2,5 ml', given_by: 'Pengasuh' });
    const without = await give('made-up-id');
    expect(without.status).toBe(400);
    expect(without.data.errors?.instructionId).toBe('errors.day_noInstruction');

    const family = { path: `/family/children/${child.id}`, params: { childId: child.id }, cookie: parent };
    const tooLong = await callAction(familyChildAction, {
      ...family,
      form: { intent: 'instruction', medicine: 'Parasetamol', dose: '2,5 ml', starts_on: today, ends_on: '2099-01-01' },
    });
    expect(tooLong.data.errors?.ends_on).toBe('errors.instructionTooLong?max=31');
    const given = await callAction(familyChildAction, {
      ...family,
      form: {
        intent: 'instruction',
        medicine: 'Parasetamol sirup',
        dose: '2,5 ml',
        instructions: 'Bila suhu di atas 38 °C, paling cepat 6 jam sekali',
        starts_on: today,
        ends_on: today,
      },
    });
    expect(given.status).toBe(302);
    const instruction = await getDb()
      .selectFrom('medicine_instructions')
      .select('id')
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow();

    const record = await callLoader(recordLoader, {
      path: '',
      params: { centerId: w.center.id, childId: child.id },
      cookie: caregiver,
    });
    expect(record.data.instructions).toMatchObject([{ medicine: 'Parasetamol sirup', dose: '2,5 ml' }]);
    const page = await callLoader(roomLoader, { ...roomCall(), cookie: caregiver });
    expect(page.data.instructions).toMatchObject([
      { id: instruction.id, medicine: 'Parasetamol sirup', guardianName: 'Ibu' },
    ]);
    // Another child's instruction does not cover this one.
    const wrongChild = await log(caregiver, {
      kind: 'medicine',
      childIds: room[6].id,
      instructionId: instruction.id,
      dose: '2,5 ml',
      given_by: 'Pengasuh',
    });
    expect(wrongChild.data.errors?.instructionId).toBe('errors.day_noInstruction');
    const twoChildren = await log(caregiver, {
      kind: 'medicine',
      childIds: [child.id, room[6].id],
      instructionId: instruction.id,
      dose: '2,5 ml',
      given_by: 'Pengasuh',
    });
    expect(twoChildren.data.errors?.childIds).toBe('errors.medicineOneChild');
    expect((await give(instruction.id)).data).toEqual({ ok: true, logged: 1 });
    const entry = await getDb()
      .selectFrom('day_entries')
      .select('data')
      .where('child_id', '=', child.id)
      .where('kind', '=', 'medicine')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.data)).toEqual({
      instructionId: instruction.id,
      medicine: 'Parasetamol sirup',
      dose: '2,5 ml',
      givenBy: 'Pengasuh',
    });

    const otherFamily = await callAction(familyChildAction, {
      ...family,
      cookie: neighbourParent,
      form: { intent: 'revoke', instructionId: instruction.id },
    });
    expect(otherFamily.status).toBe(404);
    const revoked = await callAction(familyChildAction, {
      ...family,
      form: { intent: 'revoke', instructionId: instruction.id },
    });
    expect(revoked.status).toBe(302);
    expect((await give(instruction.id)).data.errors?.instructionId).toBe('errors.day_noInstruction');
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity', '=', 'medicine_instruction')
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { action: 'create', actor_id: w.parent.id },
      { action: 'update', actor_id: w.parent.id },
    ]);
  });
});

/** A JPEG as a phone writes it: large, with the place it was taken in its EXIF. */
async function phonePhoto() {
  return sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#4a8' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 10/1 30/1' } })
    .toBuffer();
}

describe('photos', () => {
  let photoId: string;
  const tagged = () => [room[7].id, room[8].id];

  beforeAll(async () => {
    await getDb()
      .updateTable('children')
      .set({ consent_photos: 1 })
      .where('id', 'in', [...tagged(), neighbour.id])
      .execute();
    await linkGuardian(getDb(), { childId: room[7].id, userId: w.parent.id });
  });

  const upload = (cookie: string, childIds: string[], bytes: Buffer, name = 'IMG_0001.jpg') =>
    callAction(roomAction, {
      ...roomCall(),
      cookie,
      form: multipart(
        { intent: 'log', kind: 'photo', childIds, caption: 'Bermain pasir' },
        { photo: { name, bytes, type: 'image/jpeg' } },
      ),
    });

  it('stores the photo smaller, upright and without EXIF or location', async () => {
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const saved = await upload(caregiver, tagged(), original);
    expect(saved.data).toEqual({ ok: true, logged: 2 });
    const doc = await getDb()
      .selectFrom('documents')
      .selectAll()
      .where('kind', '=', 'day_photo')
      .executeTakeFirstOrThrow();
    photoId = doc.id;
    const stored = fs.readFileSync(storedFilePath(doc.storage_key));
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 800 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(stored.includes(Buffer.from('PhoneCo'))).toBe(false);
    expect(doc.storage_key).not.toContain('IMG_0001');
    const entries = await getDb()
      .selectFrom('day_entries')
      .select('child_id')
      .where('photo_document_id', '=', doc.id)
      .execute();
    expect(entries.map((e) => e.child_id).sort()).toEqual([...tagged()].sort());
  });

  it('turns a photo taken sideways upright (its EXIF orientation applied to the pixels)', async () => {
    const sideways = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#38c' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const prepared = await preparePhoto({ fileName: 'x.jpg', bytes: sideways, tooLarge: false });
    const meta = await sharp('bytes' in prepared ? prepared.bytes : Buffer.alloc(0)).metadata();
    expect(meta).toMatchObject({ width: 600, height: 800 });
    expect(meta.orientation).toBeUndefined();
  });

  it('refuses a disguised file and a photo of a child without consent (named), storing nothing', async () => {
    const [docs, files] = [await count('documents'), fs.readdirSync(process.env.UPLOAD_DIR!).length];
    const disguised = await upload(caregiver, tagged(), EXE_BYTES, 'foto.jpg');
    expect(disguised.status).toBe(400);
    expect(disguised.data.errors?.photo).toBe('errors.fileTypePhoto');
    const truncated = await upload(caregiver, tagged(), (await phonePhoto()).subarray(0, 200));
    expect(truncated.data.errors?.photo).toBe('errors.fileTypePhoto');
    const noConsent = await upload(caregiver, [room[7].id, room[9].id, room[10].id], await phonePhoto());
    expect(noConsent.status).toBe(400);
    expect(noConsent.data.errors?.childIds).toBe(
      `errors.day_noPhotoConsent?names=${encodeURIComponent('Anak 9, Anak 10').replace(/%20/g, '+')}`,
    );
    expect(await count('documents')).toBe(docs);
    expect(fs.readdirSync(process.env.UPLOAD_DIR!)).toHaveLength(files);
  });

  it('serves the photo to the center’s staff and the guardians of a tagged child only', async () => {
    const get = (cookie: string) => callLoader(photoLoader, { path: '', params: { photoId }, cookie });
    const staff = await get(teacher);
    expect(staff.status).toBe(200);
    expect(staff.headers.get('Content-Type')).toBe('image/jpeg');
    expect(staff.headers.get('Cache-Control')).toBe('private, no-store');
    expect((await get(parent)).status).toBe(200);
    expect((await get(neighbourParent)).status).toBe(404);
    expect((await get(await sessionCookie(w.otherCoordinator.id))).status).toBe(404);
    expect((await get(await sessionCookie(w.otherParent.id))).status).toBe(404);
    expect(
      (await callLoader(photoLoader, { path: '', params: { photoId: 'guessed-id' }, cookie: teacher })).status,
    ).toBe(404);
    const signedOut = await callLoader(photoLoader, { path: '/day-photos/x', params: { photoId } });
    expect(signedOut.status).toBe(302);
  });

  it('hides every photo of a child from everyone once their guardian withdraws consent (audited)', async () => {
    const family = await callLoader(familyDayLoader, { ...familyDay(room[7].id), cookie: parent });
    expect(family.data.items.some((i) => 'photoId' in i && i.photoId === photoId)).toBe(true);
    const coGuardian = await makeUser(getDb(), { email: 'wali.anak8@example.test', name: 'Wali Anak 8' });
    await linkGuardian(getDb(), { childId: room[8].id, userId: coGuardian.id });
    const withdrawn = await callAction(familyChildAction, {
      path: '',
      params: { childId: room[8].id },
      cookie: await sessionCookie(coGuardian.id),
      form: { intent: 'consent', consent_photos: 'no' },
    });
    expect(withdrawn.status).toBe(302);
    // Another family's child is in the photo: it leaves their timeline too, and the file is not served.
    const after = await callLoader(familyDayLoader, { ...familyDay(room[7].id), cookie: parent });
    expect(after.data.items.some((i) => 'kind' in i && i.kind === 'photo')).toBe(false);
    expect((await callLoader(photoLoader, { path: '', params: { photoId }, cookie: parent })).status).toBe(404);
    expect((await callLoader(photoLoader, { path: '', params: { photoId }, cookie: teacher })).status).toBe(404);
    const staffLog = await callLoader(roomLoader, { ...roomCall(), cookie: teacher });
    expect(staffLog.data.entries.filter((e: { kind: string; photoId: string | null }) => e.kind === 'photo')).toSatisfy(
      (list: { photoId: string | null }[]) => list.length === 2 && list.every((e) => e.photoId === null),
    );
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['changes', 'actor_id'])
      .where('entity', '=', 'child')
      .where('entity_id', '=', room[8].id)
      .execute();
    expect(audit).toEqual([{ changes: JSON.stringify({ consent_photos: [1, 0] }), actor_id: coGuardian.id }]);
  });
});

describe('the family timeline', () => {
  it('shows the arrival health check first, the entries, and the day page only to the child’s guardians', async () => {
    const child = room[0];
    await getDb()
      .updateTable('attendance')
      .set({ temperature_tenths: 386, fever_confirmed: 1, marks_note: 'memar kecil di lutut', brought_by: 'Ayah' })
      .where('child_id', '=', child.id)
      .execute();
    await recordRefusedPickup({
      centerId: w.center.id,
      childId: child.id,
      actorId: w.caregiver.id,
      personName: 'Pak Asing',
    });
    // The door and the coordinator's home single the child out, with the reason.
    const door = await callLoader(doorLoader, {
      path: `/c/${w.center.id}/today?room=${w.classroom.id}`,
      params: { centerId: w.center.id },
      cookie: caregiver,
    });
    const flagged = door.data.board!.board.filter((c) => c.attention);
    expect(flagged).toMatchObject([{ id: child.id, attention: { feverTenths: 386, marks: 'memar kecil di lutut' } }]);
    const home = await callLoader(homeLoader, { path: '', params: { centerId: w.center.id }, cookie: coordinator });
    expect(home.data.dashboard!.arrivals).toMatchObject([
      { childId: child.id, fever: true, marks: 'memar kecil di lutut' },
    ]);

    const page = await callLoader(familyDayLoader, { ...familyDay(child.id), cookie: parent });
    expect(page.status).toBe(200);
    const items = page.data.items as { type: string; kind?: string }[];
    expect(items.at(-1)).toMatchObject({
      type: 'arrival',
      temperatureTenths: 386,
      fever: true,
      marks: 'memar kecil di lutut',
      broughtBy: 'Ayah',
    });
    expect(items.find((i) => i.type === 'refusedPickup')).toMatchObject({ personName: 'Pak Asing' });
    expect(items.filter((i) => i.type === 'entry').map((i) => i.kind)).toEqual(
      expect.arrayContaining(['meal', 'bottle']),
    );
    expect(page.data).toMatchObject({ date: today, next: null, previous: null });

    const familyHome = await callLoader(familyLoader, { path: '/family', cookie: parent });
    const card = familyHome.data.children.find((c) => c.id === child.id);
    expect(card?.timeline.at(-1)?.type).toBe('arrival');

    // Another family, another center's staff, a stranger: 404, whatever the date.
    for (const cookie of [
      neighbourParent,
      await sessionCookie(w.otherCoordinator.id),
      await sessionCookie(w.otherParent.id),
    ])
      expect((await callLoader(familyDayLoader, { ...familyDay(child.id, today), cookie })).status).toBe(404);
    expect(
      (
        await callLoader(childDayLoader, {
          path: '',
          params: { centerId: w.center.id, childId: child.id },
          cookie: await sessionCookie(w.otherCoordinator.id),
        })
      ).status,
    ).toBe(404);
    // Staff of the child's own center read it on the child's page, not as a family.
    expect((await callLoader(familyDayLoader, { ...familyDay(child.id), cookie: teacher })).status).toBe(403);
  });

  it('gives nothing to a guardian whose invitation is still pending', async () => {
    const invited = await makeUser(getDb(), { email: 'diundang@example.test', name: 'Diundang' });
    await inviteGuardian({
      centerId: w.center.id,
      childId: room[0].id,
      email: 'diundang@example.test',
      name: 'Diundang',
      relationship: 'ayah',
      phone: null,
      actorId: w.coordinator.id,
    });
    const cookie = await sessionCookie(invited.id);
    expect((await callLoader(familyDayLoader, { ...familyDay(room[0].id), cookie })).status).toBe(404);
    expect((await callLoader(familyLoader, { path: '/family', cookie })).data.children).toEqual([]);
  });

  it('keeps the date between the child’s first day and today', async () => {
    const future = await callLoader(familyDayLoader, { ...familyDay(room[0].id, '2999-01-01'), cookie: parent });
    expect(future.data.date).toBe(today);
    const past = await callLoader(familyDayLoader, { ...familyDay(room[0].id, '2001-01-01'), cookie: parent });
    expect(past.data.date).toBe(today);
    const junk = await callLoader(familyDayLoader, { ...familyDay(room[0].id, 'kemarin'), cookie: parent });
    expect(junk.data.date).toBe(today);
  });

  it('lets staff log for one child from the child’s page, and only for that child', async () => {
    const at = { path: '', params: { centerId: w.center.id, childId: room[11].id }, cookie: teacher };
    const saved = await callAction(childDayAction, {
      ...at,
      form: { intent: 'log', kind: 'activity', childIds: room[11].id, text: 'Melukis dengan jari' },
    });
    expect(saved.data).toEqual({ ok: true, logged: 1 });
    const smuggled = await callAction(childDayAction, {
      ...at,
      form: { intent: 'log', kind: 'activity', childIds: [room[11].id, room[12].id], text: 'x' },
    });
    expect(smuggled.data.errors?.form).toBe('errors.day_notFound');
    const page = await callLoader(childDayLoader, at);
    expect(page.data.child.present).toBe(true);
    expect(page.data.items[0]).toMatchObject({ type: 'entry', kind: 'activity' });
  });
});

describe('a mother’s feeding visit', () => {
  it('is logged by the mother herself at a center with a lactation room, while her child is here, and only hers to take back', async () => {
    const db = getDb();
    const baby = room[12];
    const motherUser = await makeUser(db, { email: 'ibu.menyusui@example.test', name: 'Ibu Menyusui' });
    await linkGuardian(db, { childId: baby.id, userId: motherUser.id });
    const mother = await sessionCookie(motherUser.id);
    const at = { ...familyDay(baby.id), cookie: mother };
    const feed = (form: Record<string, string>) =>
      callAction(familyDayAction, { ...at, form: { intent: 'feeding', ...form } });

    // A center without a lactation room: no form, and a post is refused.
    expect((await callLoader(familyDayLoader, at)).data.feeding).toBe(false);
    const before = await count('day_entries');
    expect((await feed({ minutes: '15' })).data.errors?.form).toBe('errors.day_noLactationRoom');

    await db.updateTable('centers').set({ lactation_room: 1 }).where('id', '=', w.center.id).execute();
    expect((await callLoader(familyDayLoader, at)).data.feeding).toBe(true);
    const tooLong = await feed({ minutes: '200', time: '' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.errors?.minutes).toBe('errors.minutesRange?max=120');
    expect(tooLong.data.values).toMatchObject({ minutes: '200' });
    expect(await count('day_entries')).toBe(before);

    expect((await feed({ minutes: '15', time: '' })).data).toEqual({ ok: true, intent: 'feeding' });
    const entry = await db
      .selectFrom('day_entries')
      .selectAll()
      .where('child_id', '=', baby.id)
      .where('kind', '=', 'breastfeeding')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ recorded_by: motherUser.id, center_id: w.center.id, date: today });
    const audited = await db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('entity', '=', 'day_entry')
      .where('entity_id', '=', entry.id)
      .executeTakeFirstOrThrow();
    expect(audited.actor_id).toBe(motherUser.id);
    // The room's staff see it in the room log, by her name.
    const roomLog = await callLoader(roomLoader, { ...roomCall(), cookie: caregiver });
    expect(JSON.stringify(roomLog.data)).toContain('Ibu Menyusui');

    // Another family cannot log for her child; nor can she for a child who is not hers.
    expect(
      (
        await callAction(familyDayAction, {
          ...familyDay(baby.id),
          cookie: neighbourParent,
          form: { intent: 'feeding', minutes: '10' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await callAction(familyDayAction, {
          ...familyDay(neighbour.id),
          cookie: mother,
          form: { intent: 'feeding', minutes: '10' },
        })
      ).status,
    ).toBe(404);

    // She takes back her own visit, not an entry the staff logged, nor another child's entry through her child's page.
    const staffEntry = await logEntries({
      center: { id: w.center.id, timeZone: 'Asia/Jakarta' },
      actorId: w.caregiver.id,
      form: { intent: 'log', kind: 'activity', childIds: [baby.id], time: null, text: 'Bermain balok' },
    });
    const neighbourEntry = await logEntries({
      center: { id: w.center.id, timeZone: 'Asia/Jakarta' },
      actorId: motherUser.id,
      form: { intent: 'log', kind: 'activity', childIds: [neighbour.id], time: null, text: 'x' },
    });
    const remove = (entryId: string) => callAction(familyDayAction, { ...at, form: { intent: 'remove', entryId } });
    expect((await remove(staffEntry.ok ? staffEntry.ids[0] : '')).data.errors?.form).toBe('errors.day_notYours');
    expect((await remove(neighbourEntry.ok ? neighbourEntry.ids[0] : '')).data.errors?.form).toBe(
      'errors.day_notFound',
    );
    expect((await remove(entry.id)).data).toEqual({ ok: true, intent: 'remove' });
    expect(
      await db.selectFrom('day_entries').select('id').where('id', '=', entry.id).executeTakeFirst(),
    ).toBeUndefined();

    // Once her child has gone home, a visit is refused.
    await checkOut({
      centerId: w.center.id,
      childId: baby.id,
      actorId: w.caregiver.id,
      collectorKey: `guardian:${motherUser.id}`,
    });
    expect((await callLoader(familyDayLoader, at)).data.feeding).toBe(false);
    expect((await feed({ minutes: '10' })).data.errors?.childIds).toMatch(/^errors.day_notPresent/);
    await db.updateTable('centers').set({ lactation_room: 0 }).where('id', '=', w.center.id).execute();
  });
});

describe('the daily summary', () => {
  it('goes to the guardians at check-out, once, in each guardian’s language', async () => {
    const child = room[13];
    const english = await makeUser(getDb(), { email: 'dad@example.test', name: 'Dad' });
    await getDb().updateTable('users').set({ preferred_language: 'en' }).where('id', '=', english.id).execute();
    await linkGuardian(getDb(), { childId: child.id, userId: w.parent.id });
    await linkGuardian(getDb(), { childId: child.id, userId: english.id, relationship: 'ayah' });
    await log(caregiver, { kind: 'bottle', childIds: child.id, ml: '120', milk: 'formula' });
    const before = await count('outbox');
    await checkOut({
      centerId: w.center.id,
      childId: child.id,
      actorId: w.caregiver.id,
      collectorKey: `guardian:${english.id}`,
    });
    const rows = await getDb()
      .selectFrom('outbox')
      .select(['to_email', 'language', 'subject', 'body', 'dedupe_key'])
      .where('kind', '=', 'daily_summary')
      .where('dedupe_key', 'like', `daily_summary:${child.id}:%`)
      .orderBy('to_email')
      .execute();
    expect((await count('outbox')) - before).toBe(2);
    expect(rows.map((r) => [r.to_email, r.language])).toEqual([
      ['dad@example.test', 'en'],
      ['ibu@example.test', 'id'],
    ]);
    expect(rows[0].subject).toContain('Anak 13');
    expect(rows[0].body).toContain('120 ml · Formula');
    expect(rows[0].body).toMatch(/Went home: collected by Dad/);
    expect(rows[1].body).toContain('120 ml · Susu formula');
    expect(rows[1].dedupe_key).toBe(`daily_summary:${child.id}:${today}:${w.parent.id}`);

    // Asked for again (a retried job, an undone and repeated check-out): nothing more is written.
    await getDb()
      .transaction()
      .execute((trx) => queueDailySummary(trx, { centerId: w.center.id, childId: child.id, date: today }));
    expect((await count('outbox')) - before).toBe(2);
  });

  it('waits for the center’s summary time when one is set, then goes once', async () => {
    const child = room[14];
    await linkGuardian(getDb(), { childId: child.id, userId: w.parent.id });
    await getDb().updateTable('centers').set({ daily_summary_time: '17:00' }).where('id', '=', w.center.id).execute();
    try {
      await checkOut({
        centerId: w.center.id,
        childId: child.id,
        actorId: w.caregiver.id,
        collectorKey: `guardian:${w.parent.id}`,
      });
      const mine = () =>
        getDb().selectFrom('outbox').select('id').where('dedupe_key', 'like', `daily_summary:${child.id}:%`).execute();
      expect(await mine()).toHaveLength(0);
      const local = (time: string) => new Date(`${today}T${time}:00+07:00`);
      await sendDueDailySummaries(local('16:55'));
      expect(await mine()).toHaveLength(0);
      await sendDueDailySummaries(local('17:05'));
      expect(await mine()).toHaveLength(1);
      await sendDueDailySummaries(local('17:10'));
      expect(await mine()).toHaveLength(1);
    } finally {
      await getDb().updateTable('centers').set({ daily_summary_time: null }).where('id', '=', w.center.id).execute();
    }
  });
});
