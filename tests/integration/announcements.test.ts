import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { linkGuardian, makeChild, makeClassroom, makeUser } from '~db/seed/factories';
import { inviteGuardian } from '~/modules/users/invites.server';
import { remindPending } from '~/modules/messaging/announcements.server';
import { action as listAction, loader as listLoader } from '~/routes/c.$centerId.announcements._index';
import { action as detailAction, loader as detailLoader } from '~/routes/c.$centerId.announcements.$announcementId';
import { loader as familyListLoader } from '~/routes/family.announcements._index';
import { action as familyAction, loader as familyLoader } from '~/routes/family.announcements.$announcementId';
import { loader as familyHomeLoader } from '~/routes/family._index';
import { action as settingsAction, loader as settingsLoader } from '~/routes/c.$centerId.settings';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
const cookies: Record<string, string> = {};
let room2: { id: string };
let roomFamily: { id: string; name: string };
let twoChildren: { id: string };
let withdrawnFamily: { id: string };
let invited: { id: string };

const list = (centerId = w.center.id) => ({ path: `/c/${centerId}/announcements`, params: { centerId } });
const detail = (announcementId: string, centerId = w.center.id) => ({
  path: `/c/${centerId}/announcements/${announcementId}`,
  params: { centerId, announcementId },
});
const family = (announcementId: string) => ({
  path: `/family/announcements/${announcementId}`,
  params: { announcementId },
});
const announce = (form: Record<string, string>) => ({
  intent: 'announce',
  audience: 'center',
  title: 'Libur Hari Guru',
  body: 'Tempat penitipan tutup pada 25 November.',
  ...form,
});
const receiptsOf = async (announcementId: string) =>
  (
    await getDb()
      .selectFrom('announcement_receipts')
      .select('user_id')
      .where('announcement_id', '=', announcementId)
      .execute()
  )
    .map((r) => r.user_id)
    .sort();
const idFrom = (location: string | null) => location!.split('/').at(-1)!;

beforeAll(async () => {
  w = await twoCenters();
  const db = getDb();
  room2 = await makeClassroom(db, { centerId: w.center.id, name: 'Kelas Capung' });
  const roomChild = await makeChild(db, { centerId: w.center.id, classroomId: room2.id, fullName: 'Bayu' });
  roomFamily = await makeUser(db, { name: 'Ibu Bayu' });
  await linkGuardian(db, { childId: roomChild.id, userId: roomFamily.id });
  // A mother of two children in the center gets one receipt.
  twoChildren = await makeUser(db, { name: 'Ibu Kembar' });
  for (const name of ['Kembar Satu', 'Kembar Dua']) {
    const c = await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: name });
    await linkGuardian(db, { childId: c.id, userId: twoChildren.id });
  }
  // A family whose child has left, and a guardian still invited only: neither receives anything.
  const gone = await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Sudah Pergi' });
  withdrawnFamily = await makeUser(db, { name: 'Ayah Pergi' });
  await linkGuardian(db, { childId: gone.id, userId: withdrawnFamily.id });
  await db.updateTable('children').set({ status: 'withdrawn' }).where('id', '=', gone.id).execute();
  invited = await makeUser(db, { email: 'diundang@example.test', name: 'Diundang' });
  await inviteGuardian({
    centerId: w.center.id,
    childId: w.child.id,
    email: 'diundang@example.test',
    name: 'Diundang',
    relationship: 'ayah',
    phone: null,
    actorId: w.coordinator.id,
  });
  for (const who of ['coordinator', 'teacher', 'caregiver', 'parent', 'otherParent', 'otherCoordinator'] as const)
    cookies[who] = await sessionCookie(w[who].id);
  cookies.roomFamily = await sessionCookie(roomFamily.id);
  cookies.twoChildren = await sessionCookie(twoChildren.id);
  cookies.invited = await sessionCookie(invited.id);
});

describe('announcements', () => {
  let centerWide: string;

  it('goes to the guardians of the children enrolled at the time, once each, with an email and a live event', async () => {
    const sent = await callAction(listAction, {
      ...list(),
      cookie: cookies.coordinator,
      form: announce({ requires_ack: 'on' }),
    });
    expect(sent.status).toBe(302);
    centerWide = idFrom(sent.headers.get('Location'));
    expect(await receiptsOf(centerWide)).toEqual([w.parent.id, roomFamily.id, twoChildren.id].sort());
    const mail = await getDb()
      .selectFrom('outbox')
      .select(['user_id', 'subject', 'body'])
      .where('kind', '=', 'announcement')
      .execute();
    expect(mail).toHaveLength(3);
    expect(mail[0].subject).toBe('Libur Hari Guru (TAS Mawar)');
    expect(mail[0].body).toContain('Mohon konfirmasi');
    expect(mail[0].body).toContain(`/family/announcements/${centerWide}`);
    const events = await getDb().selectFrom('live_events').select(['topic', 'type']).execute();
    expect(events).toContainEqual({ topic: `center:${w.center.id}`, type: 'announcement' });
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['actor_id', 'changes'])
      .where('entity', '=', 'announcement')
      .where('entity_id', '=', centerWide)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(w.coordinator.id);
    expect(JSON.parse(audit.changes).recipients).toEqual([null, 3]);
  });

  it('lets a teacher announce to a classroom but not to the whole center; caregivers not at all', async () => {
    const center = await callAction(listAction, { ...list(), cookie: cookies.teacher, form: announce({}) });
    expect(center.status).toBe(400);
    expect(center.data.errors.audience).toBe('errors.announceCenterCoordinators');
    expect(center.data.values.title).toBe('Libur Hari Guru');

    const room = await callAction(listAction, {
      ...list(),
      cookie: cookies.teacher,
      form: announce({ audience: room2.id, title: 'Bawa baju ganti', body: 'Besok main air.' }),
    });
    expect(room.status).toBe(302);
    const roomId = idFrom(room.headers.get('Location'));
    expect(await receiptsOf(roomId)).toEqual([roomFamily.id]);
    const events = await getDb().selectFrom('live_events').select(['topic']).execute();
    expect(events).toContainEqual({ topic: `room:${room2.id}` });

    expect((await callLoader(listLoader, { ...list(), cookie: cookies.caregiver })).status).toBe(403);
    expect(
      (await callAction(listAction, { ...list(), cookie: cookies.caregiver, form: announce({ audience: room2.id }) }))
        .status,
    ).toBe(403);
  });

  it('refuses bad input with clear errors and keeps it', async () => {
    const empty = await callAction(listAction, {
      ...list(),
      cookie: cookies.coordinator,
      form: announce({ title: '   ', body: 'Isi tetap ada' }),
    });
    expect(empty.status).toBe(400);
    expect(empty.data.errors.title).toBe('errors.required');
    expect(empty.data.values.body).toBe('Isi tetap ada');
    // Another center's classroom is not a choice here.
    const foreignRoom = await getDb()
      .selectFrom('classrooms')
      .select('id')
      .where('center_id', '=', w.other.id)
      .executeTakeFirstOrThrow();
    const foreign = await callAction(listAction, {
      ...list(),
      cookie: cookies.coordinator,
      form: announce({ audience: foreignRoom.id }),
    });
    expect(foreign.status).toBe(400);
    expect(foreign.data.errors.audience).toBe('errors.choose');
    // A classroom with no families yet.
    const emptyRoom = await makeClassroom(getDb(), { centerId: w.center.id, name: 'Kelas Kosong' });
    const nobody = await callAction(listAction, {
      ...list(),
      cookie: cookies.coordinator,
      form: announce({ audience: emptyRoom.id }),
    });
    expect(nobody.status).toBe(400);
    expect(nobody.data.errors.form).toBe('errors.noRecipients');
  });

  it('shows families only what they received; opening marks read, one tap acknowledges', async () => {
    // Recipients see it, urgent and pending first; nobody else can open it, by any id.
    const home = await callLoader(familyHomeLoader, { path: '/family', cookie: cookies.parent });
    expect(home.data.announcements.map((a: { id: string }) => a.id)).toEqual([centerWide]);
    for (const who of ['otherParent', 'invited', 'otherCoordinator', 'teacher'])
      expect((await callLoader(familyLoader, { ...family(centerWide), cookie: cookies[who] })).status, who).toBe(404);
    expect(
      (await callAction(familyAction, { ...family(centerWide), cookie: cookies.otherParent, form: { intent: 'read' } }))
        .status,
    ).toBe(404);
    expect(
      (
        await callAction(familyAction, {
          ...family(centerWide),
          cookie: cookies.otherParent,
          form: { intent: 'acknowledge' },
        })
      ).status,
    ).toBe(404);
    expect((await callLoader(familyListLoader, { path: '', cookie: cookies.otherParent })).data.announcements).toEqual(
      [],
    );

    // The page loads without writing anything; its POST marks it read.
    const page = await callLoader(familyLoader, { ...family(centerWide), cookie: cookies.parent });
    expect(page.data.announcement).toMatchObject({ readAt: null, requiresAck: true, pending: true });
    await callAction(familyAction, { ...family(centerWide), cookie: cookies.parent, form: { intent: 'read' } });
    let staff = await callLoader(detailLoader, { ...detail(centerWide), cookie: cookies.coordinator });
    expect(staff.data.announcement).toMatchObject({ recipients: 3, read: 1, acknowledged: 0 });
    expect(staff.data.pending).toBe(3);

    // One tap: acknowledged (twice is still once).
    for (let i = 0; i < 2; i++)
      expectRedirect(
        await callAction(familyAction, {
          ...family(centerWide),
          cookie: cookies.parent,
          form: { intent: 'acknowledge' },
        }),
        `/family/announcements/${centerWide}`,
      );
    staff = await callLoader(detailLoader, { ...detail(centerWide), cookie: cookies.coordinator });
    expect(staff.data.announcement).toMatchObject({ read: 1, acknowledged: 1 });
    expect(staff.data.pending).toBe(2);
    const pendingNames = staff.data.families
      .filter((f: { pending: boolean }) => f.pending)
      .map((f: { name: string; children: string[] }) => [f.name, f.children]);
    expect(pendingNames).toEqual([
      ['Ibu Bayu', ['Bayu']],
      ['Ibu Kembar', ['Kembar Dua', 'Kembar Satu']],
    ]);
    const audits = await getDb()
      .selectFrom('audit_log')
      .select(['actor_id'])
      .where('entity', '=', 'announcement_receipt')
      .execute();
    expect(audits).toEqual([{ actor_id: w.parent.id }]);
    const after = await callLoader(familyHomeLoader, { path: '/family', cookie: cookies.parent });
    expect(after.data.announcements).toEqual([]);
    expect(after.data.anyAnnouncements).toBe(true);

    // Another center's staff cannot see the list of families.
    expect((await callLoader(detailLoader, { ...detail(centerWide), cookie: cookies.otherCoordinator })).status).toBe(
      404,
    );
    expect(
      (await callLoader(detailLoader, { ...detail(centerWide, w.other.id), cookie: cookies.otherCoordinator })).status,
    ).toBe(404);
  });

  it('reminds the families still pending, at most once an hour', async () => {
    const outboxFor = async () =>
      (
        await getDb()
          .selectFrom('outbox')
          .select('user_id')
          .where('dedupe_key', 'like', `announcement:${centerWide}:reminder:%`)
          .execute()
      )
        .map((r) => r.user_id)
        .sort();
    // A teacher who did not write it may not; another center's coordinator gets a 404.
    const teacher = await callAction(detailAction, {
      ...detail(centerWide),
      cookie: cookies.teacher,
      form: { intent: 'remind' },
    });
    expect(teacher.status).toBe(400);
    expect(teacher.data.errors.form).toBe('errors.notAllowed');
    expect(
      (
        await callAction(detailAction, {
          ...detail(centerWide, w.other.id),
          cookie: cookies.otherCoordinator,
          form: { intent: 'remind' },
        })
      ).status,
    ).toBe(404);

    const first = await callAction(detailAction, {
      ...detail(centerWide),
      cookie: cookies.coordinator,
      form: { intent: 'remind' },
    });
    expectRedirect(first, `/c/${w.center.id}/announcements/${centerWide}`);
    expect(await outboxFor()).toEqual([roomFamily.id, twoChildren.id].sort());
    const reminderMail = await getDb()
      .selectFrom('outbox')
      .select('subject')
      .where('dedupe_key', 'like', `announcement:${centerWide}:reminder:%`)
      .executeTakeFirstOrThrow();
    expect(reminderMail.subject).toBe('Pengingat: Libur Hari Guru (TAS Mawar)');

    const again = await callAction(detailAction, {
      ...detail(centerWide),
      cookie: cookies.coordinator,
      form: { intent: 'remind' },
    });
    expect(again.status).toBe(400);
    expect(again.data.errors.form).toMatch(/^errors\.remindedRecently\?at=/);
    const page = await callLoader(detailLoader, { ...detail(centerWide), cookie: cookies.coordinator });
    expect(page.data.nextReminderAt).not.toBeNull();
    expect(await outboxFor()).toHaveLength(2);

    // Two taps at once an hour later: one reminder.
    const later = new Date(Date.now() + 61 * 60_000);
    const both = await Promise.all(
      [0, 1].map(() =>
        remindPending({
          centerId: w.center.id,
          announcementId: centerWide,
          actorId: w.coordinator.id,
          roles: ['coordinator'],
          now: later,
        }),
      ),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(await outboxFor()).toHaveLength(4);
  });

  it('holds a staff member’s notice in quiet hours unless urgent', async () => {
    // The teacher's own child attends the center: as a parent she receives announcements.
    const own = await makeChild(getDb(), { centerId: w.center.id, classroomId: room2.id, fullName: 'Anak Guru' });
    await linkGuardian(getDb(), { childId: own.id, userId: w.teacher.id });
    const local = DateTime.now().setZone('Asia/Jakarta');
    const quiet = {
      quiet_hours_start: local.minus({ hours: 1 }).toFormat('HH:mm'),
      quiet_hours_end: local.plus({ hours: 1 }).toFormat('HH:mm'),
    };
    // Set through the settings page, as the coordinator would.
    expectRedirect(
      await callAction(settingsAction, {
        path: `/c/${w.center.id}/settings`,
        params: { centerId: w.center.id },
        cookie: cookies.coordinator,
        form: { intent: 'quietHours', ...quiet },
      }),
      `/c/${w.center.id}/settings`,
    );
    const quietEnd = local.plus({ hours: 1 }).set({ second: 0, millisecond: 0 }).toUTC().toISO();
    const sendTo = async (urgent: boolean) => {
      const sent = await callAction(listAction, {
        ...list(),
        cookie: cookies.coordinator,
        form: announce({
          audience: room2.id,
          title: urgent ? 'Kasus flu singapura' : 'Foto kelas',
          ...(urgent ? { urgent: 'on' } : {}),
        }),
      });
      const id = idFrom(sent.headers.get('Location'));
      return getDb()
        .selectFrom('outbox')
        .select(['user_id', 'next_attempt_at', 'subject'])
        .where('dedupe_key', 'like', `announcement:${id}:%`)
        .execute();
    };
    const normal = await sendTo(false);
    expect(normal.find((r) => r.user_id === w.teacher.id)!.next_attempt_at).toBe(quietEnd);
    // Families are not held back.
    expect(Date.parse(normal.find((r) => r.user_id === roomFamily.id)!.next_attempt_at)).toBeLessThanOrEqual(
      Date.now(),
    );
    const urgent = await sendTo(true);
    const toTeacher = urgent.find((r) => r.user_id === w.teacher.id)!;
    expect(Date.parse(toTeacher.next_attempt_at)).toBeLessThanOrEqual(Date.now());
    expect(toTeacher.subject).toBe('[MENDESAK] Kasus flu singapura (TAS Mawar)');
  });
});

describe('quiet hours in the center settings', () => {
  const at = () => ({ path: `/c/${w.center.id}/settings`, params: { centerId: w.center.id } });
  it('take both times or neither, as HH:MM, and not the same', async () => {
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ quiet_hours_start: '21:00', quiet_hours_end: '' }, { quiet_hours_end: 'errors.quietHoursBoth' }],
      [{ quiet_hours_start: '', quiet_hours_end: '06:00' }, { quiet_hours_start: 'errors.quietHoursBoth' }],
      [{ quiet_hours_start: '25:00', quiet_hours_end: '06:00' }, { quiet_hours_start: 'errors.time' }],
      [{ quiet_hours_start: '21:00', quiet_hours_end: '21:00' }, { quiet_hours_end: 'errors.quietHoursSame' }],
    ];
    for (const [form, errors] of cases) {
      const result = await callAction(settingsAction, {
        ...at(),
        cookie: cookies.coordinator,
        form: { intent: 'quietHours', ...form },
      });
      expect(result.status).toBe(400);
      expect(result.data.errors).toEqual(errors);
      expect(result.data.values.quiet_hours_start).toBe(form.quiet_hours_start);
    }
    expectRedirect(
      await callAction(settingsAction, {
        ...at(),
        cookie: cookies.coordinator,
        form: { intent: 'quietHours', quiet_hours_start: '21:00', quiet_hours_end: '06:00' },
      }),
      at().path,
    );
    const page = await callLoader(settingsLoader, { ...at(), cookie: cookies.coordinator });
    expect(page.data.quietHours).toEqual({ quiet_hours_start: '21:00', quiet_hours_end: '06:00' });
    expectRedirect(
      await callAction(settingsAction, {
        ...at(),
        cookie: cookies.coordinator,
        form: { intent: 'quietHours', quiet_hours_start: '', quiet_hours_end: '' },
      }),
      at().path,
    );
    const center = await getDb()
      .selectFrom('centers')
      .select(['quiet_hours_start', 'quiet_hours_end'])
      .where('id', '=', w.center.id)
      .executeTakeFirstOrThrow();
    expect(center).toEqual({ quiet_hours_start: null, quiet_hours_end: null });
    // Teachers cannot change them.
    expect(
      (
        await callAction(settingsAction, {
          ...at(),
          cookie: cookies.teacher,
          form: { intent: 'quietHours', quiet_hours_start: '21:00', quiet_hours_end: '06:00' },
        })
      ).status,
    ).toBe(403);
  });
});
