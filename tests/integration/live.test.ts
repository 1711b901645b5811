// Live updates: events published in a change's transaction reach the open streams allowed to see
// them — on one process (SQLite), and between processes (PostgreSQL, LISTEN/NOTIFY) — a dropped
// stream resumes from its last id, and access decides, on the server, what each stream carries.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, databaseConfig, getDb } from '~db/client.server';
import { linkGuardian, makeChild, makeUser } from '~db/seed/factories';
import { checkIn, checkOut, correctAttendance, markAbsent, undoTap } from '~/modules/attendance/attendance.server';
import { runJob } from '~/modules/jobs/jobs.server';
import { currentTopics, familyTopics, staffTopics } from '~/modules/live/access.server';
import { eventsSince, LiveBus, publish, startLiveBus, subscribe, type LiveEvent } from '~/modules/live/bus.server';
import { liveStream } from '~/modules/live/stream.server';
import { localDate } from '~/modules/time/time';
import {
  centerTopic,
  childTopic,
  familiesRoomTopic,
  familiesTopic,
  inboxTopic,
  roomTopic,
  userTopic,
} from '~/modules/live/topics';
import { logEntries } from '~/modules/day/day.server';
import { createAnnouncement } from '~/modules/messaging/announcements.server';
import { sendMessage } from '~/modules/messaging/conversations.server';
import { removeGuardian } from '~/modules/children/record.server';
import { inviteGuardian } from '~/modules/users/invites.server';
import { changeMembership } from '~/modules/users/users.server';
import { loader as staffStream } from '~/routes/c.$centerId.live';
import { loader as familyStream } from '~/routes/family.live';
import { twoCenters } from '../support/fixtures';
import { openStream, publishNow, untilBusDelivers, type StreamMessage } from '../support/live-stream';
import { sessionCookie } from '../support/remix';

const onPostgres = databaseConfig().dialect === 'postgres';
let w: Awaited<ReturnType<typeof twoCenters>>;
let stopBus: () => Promise<void>;

beforeAll(async () => {
  w = await twoCenters();
  // What the server does at start (onServerStart): on PostgreSQL, LISTEN on its own connection.
  stopBus = startLiveBus();
  await untilBusDelivers();
});
afterAll(async () => {
  await stopBus();
});

/** Collects what a subscriber receives. */
function collect(topics: string[], on: (topics: string[], listener: (e: LiveEvent) => void) => () => void = subscribe) {
  const received: LiveEvent[] = [];
  const stop = on(topics, (e) => received.push(e));
  return { received, stop };
}
const waitFor = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const familyPath = { path: '/family/live' };
const staffPath = () => ({ path: `/c/${w.center.id}/live`, params: { centerId: w.center.id } });

describe('the bus', () => {
  it('delivers an event once its transaction commits, never one rolled back; one insert can carry several topics', async () => {
    const sub = collect(['test:a', 'test:b']);
    await expect(
      getDb()
        .transaction()
        .execute(async (trx) => {
          await publish(trx, { topic: 'test:a', type: 'rolled-back' });
          throw new Error('no');
        }),
    ).rejects.toThrow('no');
    const ids = await getDb()
      .transaction()
      .execute((trx) => publish(trx, { topics: ['test:a', 'test:b'], type: 'both', data: { n: 1 } }));
    await waitFor(() => sub.received.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    sub.stop();
    expect(sub.received.map((e) => [e.id, e.topic, e.type, e.data])).toEqual(
      [
        [ids[0], 'test:a', 'both', { n: 1 }],
        [ids[1], 'test:b', 'both', { n: 1 }],
      ].sort(),
    );
    expect(await eventsSince({ topics: ['test:a'], afterId: '2000-01-01T00:00:00.000Z' })).toMatchObject([
      { id: ids[0], type: 'both' },
    ]);
  });

  it.runIf(onPostgres)(
    'between processes: an event published by one reaches the subscribers of another, each with its own LISTEN connection',
    async () => {
      // The other process: its own pool, its own bus and LISTEN connection.
      const otherDb = createDb();
      const other = new LiveBus(() => otherDb);
      const stopOther = other.listen(process.env.DATABASE_URL!);
      try {
        await untilBusDelivers((topics, listener) => other.subscribe(topics, listener));
        const here = collect(['test:between']);
        const there = collect(['test:between'], (topics, listener) => other.subscribe(topics, listener));
        const id = await publishNow('test:between', 'hello', { from: 'this process' });
        await waitFor(() => here.received.length === 1 && there.received.length === 1);
        expect(there.received[0]).toMatchObject({ id, type: 'hello', data: { from: 'this process' } });
        // And the other way: published through the other process's pool.
        const back = await otherDb
          .transaction()
          .execute((trx) => publish(trx, { topic: 'test:between', type: 'reply' }));
        await waitFor(() => here.received.length === 2);
        expect(here.received[1]).toMatchObject({ id: back, type: 'reply' });
        here.stop();
        there.stop();
      } finally {
        await stopOther();
        await otherDb.destroy();
      }
    },
  );

  it.runIf(onPostgres)(
    'a process whose LISTEN connection dropped replays what it missed to its open streams',
    async () => {
      const child = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Gita' });
      await linkGuardian(getDb(), { childId: child.id, userId: w.parent.id });
      const stream = await openStream(familyStream, { ...familyPath, cookie: await sessionCookie(w.parent.id) });
      const listening = () =>
        sql<{ pid: number }>`select pid from pg_stat_activity
          where datname = current_database() and query = 'listen asuh_live'`.execute(getDb());
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query = 'listen asuh_live'`.execute(getDb());
      for (let i = 0; (await listening()).rows.length > 0; i++) {
        if (i > 100) throw new Error('the LISTEN connection did not end');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // Published while this process is not listening: no notification reaches it…
      const missed = await publishNow(childTopic(child.id), 'during-gap');
      // …and once it listens again, the open stream replays it.
      expect(await stream.next(10_000)).toMatchObject({ id: missed, type: 'during-gap' });
      stream.close();
      await untilBusDelivers();
    },
  );
});

describe('attendance', () => {
  it('publishes each change on the child’s topic and the room’s, in the same transaction', async () => {
    const child = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Dewi' });
    const since = new Date(Date.now() - 1000).toISOString();
    const base = { centerId: w.center.id, childId: child.id, actorId: w.caregiver.id };
    expect(await checkIn(base)).toEqual({ ok: true, already: false });
    expect(await checkIn(base)).toEqual({ ok: true, already: true }); // a double tap changes nothing, says nothing
    expect(await checkOut({ ...base, collectorKey: `guardian:nobody` })).toMatchObject({ ok: false });
    const record = await getDb()
      .selectFrom('attendance')
      .select('id')
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(await undoTap({ centerId: w.center.id, attendanceId: record.id, actorId: w.caregiver.id })).toEqual({
      ok: true,
    });
    const today = (
      await getDb().selectFrom('centers').select('time_zone').where('id', '=', w.center.id).executeTakeFirstOrThrow()
    ).time_zone;
    expect(await markAbsent({ ...base, date: localDate(today), reason: 'sick', note: null })).toMatchObject({
      ok: true,
    });
    expect(await checkIn(base)).toMatchObject({ ok: true, already: false });
    const again = await getDb()
      .selectFrom('attendance')
      .select('id')
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(
      await correctAttendance({
        centerId: w.center.id,
        attendanceId: again.id,
        actorId: w.coordinator.id,
        voidVisit: true,
        reason: 'Anak lain',
      }),
    ).toEqual({ ok: true });
    const changes = (topic: string) =>
      eventsSince({ topics: [topic], afterId: since }).then((events) =>
        events.map((e) => [e.type, (e.data as { change: string }).change]),
      );
    const expected = [
      ['attendance', 'check-in'],
      ['attendance', 'undo'],
      ['attendance', 'absence'],
      ['attendance', 'check-in'],
      ['attendance', 'correction'],
    ];
    expect(await changes(childTopic(child.id))).toEqual(expected);
    expect(await changes(roomTopic(w.classroom.id))).toEqual(
      expect.arrayContaining(expected.map((e) => expect.arrayContaining(e))),
    );
  });
});

describe('who receives what', () => {
  it('a family: their own children, their centers’ and rooms’ family news; not a child they are only invited for', async () => {
    const invited = await makeUser(getDb(), { email: 'diundang@example.test', name: 'Diundang' });
    const invite = await inviteGuardian({
      centerId: w.center.id,
      childId: w.child.id,
      email: 'diundang@example.test',
      name: 'Diundang',
      relationship: 'ayah',
      phone: null,
      actorId: w.coordinator.id,
    });
    expect(invite).not.toBeNull();
    expect(await familyTopics(invited.id)).toEqual([userTopic(invited.id)]);
    expect((await familyTopics(w.parent.id)).sort()).toEqual(
      expect.arrayContaining([
        userTopic(w.parent.id),
        childTopic(w.child.id),
        familiesTopic(w.center.id),
        familiesRoomTopic(w.classroom.id),
      ]),
    );
    expect(await familyTopics(w.parent.id)).not.toContain(childTopic(w.otherChild.id));
    expect(await staffTopics({ userId: w.teacher.id, centerId: w.center.id })).toEqual(
      expect.arrayContaining([roomTopic(w.classroom.id), `center:${w.center.id}`, `inbox:${w.center.id}`]),
    );
  });

  it('the family stream carries their child’s check-in, not another family’s; a pending invitation carries nothing', async () => {
    const stream = await openStream(familyStream, { ...familyPath, cookie: await sessionCookie(w.parent.id) });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('Cache-Control')).toContain('no-transform');
    expect(stream.headers.get('X-Accel-Buffering')).toBe('no');
    const invited = await makeUser(getDb(), { email: 'hanya.diundang@example.test', name: 'Hanya Diundang' });
    await inviteGuardian({
      centerId: w.center.id,
      childId: w.child.id,
      email: 'hanya.diundang@example.test',
      name: 'Hanya Diundang',
      relationship: 'ibu',
      phone: null,
      actorId: w.coordinator.id,
    });
    const pending = await openStream(familyStream, { ...familyPath, cookie: await sessionCookie(invited.id) });
    expect(pending.status).toBe(200);

    // Another family's child first, then this family's: the first event this family gets is theirs.
    await checkIn({ centerId: w.other.id, childId: w.otherChild.id, actorId: w.otherCoordinator.id });
    const theirs = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Lain' });
    await checkIn({ centerId: w.center.id, childId: theirs.id, actorId: w.caregiver.id });
    await checkIn({ centerId: w.center.id, childId: w.child.id, actorId: w.caregiver.id });
    expect(await stream.next()).toMatchObject({
      type: 'attendance',
      topic: childTopic(w.child.id),
      data: { childId: w.child.id, change: 'check-in' },
    });
    // The invited person gets only what is addressed to them.
    const mark = await publishNow(userTopic(invited.id), 'test');
    expect(await pending.next()).toMatchObject({ id: mark, type: 'test' });
    stream.close();
    pending.close();
  });

  it('a family’s stream carries their child’s day, messages and the center’s announcements; staff get the room’s entries and the inbox', async () => {
    const db = getDb();
    const child = await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Bima Live' });
    await linkGuardian(db, { childId: child.id, userId: w.parent.id });
    await checkIn({ centerId: w.center.id, childId: child.id, actorId: w.caregiver.id });
    // On PostgreSQL the check-in's event comes back through LISTEN: let it pass before the streams open.
    await untilBusDelivers();
    const family = await openStream(familyStream, { ...familyPath, cookie: await sessionCookie(w.parent.id) });
    const staff = await openStream(staffStream, { ...staffPath(), cookie: await sessionCookie(w.teacher.id) });
    const otherFamily = await openStream(familyStream, {
      ...familyPath,
      cookie: await sessionCookie(w.otherParent.id),
    });

    const logged = await logEntries({
      center: { id: w.center.id, timeZone: 'Asia/Jakarta' },
      actorId: w.caregiver.id,
      form: { intent: 'log', kind: 'nap', childIds: [child.id], time: null, end: null },
    });
    expect(logged.ok).toBe(true);
    expect(await family.next()).toMatchObject({ type: 'day', topic: childTopic(child.id) });
    expect(await staff.next()).toMatchObject({ type: 'day', topic: roomTopic(w.classroom.id) });

    const sent = await sendMessage({
      centerId: w.center.id,
      childId: child.id,
      authorId: w.parent.id,
      body: 'Bima tadi malam kurang tidur.',
      attachment: null,
    });
    expect(sent.ok).toBe(true);
    expect(await family.next()).toMatchObject({
      type: 'message',
      topic: childTopic(child.id),
      data: { childId: child.id },
    });
    expect(await staff.next()).toMatchObject({ type: 'message', topic: inboxTopic(w.center.id) });

    const announced = await createAnnouncement({
      centerId: w.center.id,
      actorId: w.coordinator.id,
      roles: ['coordinator'],
      input: {
        intent: 'announce',
        audience: 'center',
        title: 'Libur',
        body: 'Besok libur.',
        urgent: false,
        requires_ack: false,
      },
    });
    expect(announced.ok).toBe(true);
    expect(await family.next()).toMatchObject({ type: 'announcement', topic: familiesTopic(w.center.id) });
    expect(await staff.next()).toMatchObject({ type: 'announcement', topic: centerTopic(w.center.id) });

    // None of it reached a family of another center: the first thing they get is addressed to them.
    const mark = await publishNow(userTopic(w.otherParent.id), 'test');
    expect(await otherFamily.next()).toMatchObject({ id: mark, type: 'test' });
    for (const s of [family, staff, otherFamily]) s.close();
  });

  it('the staff stream: their own center’s rooms; another center’s staff get 404, someone signed out 401', async () => {
    const teacher = await openStream(staffStream, { ...staffPath(), cookie: await sessionCookie(w.teacher.id) });
    expect(teacher.status).toBe(200);
    const outsider = await openStream(staffStream, {
      ...staffPath(),
      cookie: await sessionCookie(w.otherCoordinator.id),
    });
    expect(outsider.status).toBe(404);
    expect((await openStream(staffStream, staffPath())).status).toBe(401);
    expect((await openStream(familyStream, familyPath)).status).toBe(401);

    await checkIn({ centerId: w.other.id, childId: w.otherChild.id, actorId: w.otherCoordinator.id });
    const child = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Rani' });
    await checkIn({ centerId: w.center.id, childId: child.id, actorId: w.caregiver.id });
    expect(await teacher.next()).toMatchObject({
      type: 'attendance',
      topic: roomTopic(w.classroom.id),
      data: { childId: child.id, change: 'check-in' },
    });
    teacher.close();
  });

  it('a suspended membership ends the open staff stream at once, and a new one is refused', async () => {
    const caregiver = await makeUser(getDb(), {
      email: 'ditangguhkan@example.test',
      name: 'Ditangguhkan',
      memberships: [{ centerId: w.center.id, role: 'caregiver' }],
    });
    const cookie = await sessionCookie(caregiver.id);
    const stream = await openStream(staffStream, { ...staffPath(), cookie });
    expect(stream.status).toBe(200);
    await changeMembership({
      userId: caregiver.id,
      centerId: w.center.id,
      actorId: w.coordinator.id,
      change: 'suspend',
    });
    expect(await stream.next()).toBe('closed');
    expect((await openStream(staffStream, { ...staffPath(), cookie })).status).toBe(404);
  });

  it('a guardian link ended closes the family stream; reconnecting, the child’s events are gone', async () => {
    const guardian = await makeUser(getDb(), { email: 'bekas.wali@example.test', name: 'Bekas Wali' });
    const child = await makeChild(getDb(), { centerId: w.center.id, classroomId: w.classroom.id, fullName: 'Sari' });
    await linkGuardian(getDb(), { childId: child.id, userId: guardian.id });
    const cookie = await sessionCookie(guardian.id);
    const stream = await openStream(familyStream, { ...familyPath, cookie });
    await removeGuardian({ centerId: w.center.id, childId: child.id, actorId: w.coordinator.id, userId: guardian.id });
    expect(await stream.next()).toBe('closed');
    const again = await openStream(familyStream, { ...familyPath, cookie });
    await checkIn({ centerId: w.center.id, childId: child.id, actorId: w.caregiver.id });
    const mark = await publishNow(userTopic(guardian.id), 'test');
    expect(await again.next()).toMatchObject({ id: mark });
    again.close();
  });

  it('a session ended (signed out elsewhere, idle) ends the stream at its next check', async () => {
    const parent = await makeUser(getDb(), { email: 'keluar@example.test', name: 'Keluar' });
    await sessionCookie(parent.id);
    const session = await getDb()
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', parent.id)
      .executeTakeFirstOrThrow();
    const response = liveStream({
      request: new Request('http://localhost:3000/family/live'),
      topics: [userTopic(parent.id)],
      recheck: () => currentTopics({ sessionId: session.id, userId: parent.id, audience: { kind: 'family' } }),
      recheckMs: 40,
    });
    await getDb().deleteFrom('sessions').where('id', '=', session.id).execute();
    const text = await new Response(response.body).text();
    expect(text).toMatch(/^retry: /);
  });
});

describe('a dropped stream resumes', () => {
  it('replays what was missed after Last-Event-ID, then goes on live', async () => {
    const cookie = await sessionCookie(w.parent.id);
    const first = await openStream(familyStream, { ...familyPath, cookie });
    const seen = await publishNow(childTopic(w.child.id), 'one');
    expect(await first.next()).toMatchObject({ id: seen, type: 'one' });
    first.close();
    // While the page is away:
    const missed = [await publishNow(childTopic(w.child.id), 'two'), await publishNow(childTopic(w.child.id), 'three')];
    await publishNow(childTopic(w.otherChild.id), 'not-theirs');
    const again = await openStream(familyStream, { ...familyPath, cookie, lastEventId: seen });
    const replayed: StreamMessage[] = [];
    // The replay starts a little before the last id (a later commit may carry an earlier id): the
    // browser leaves out, by id, what it already has.
    while (!missed.every((id) => replayed.some((m) => m.id === id))) {
      const m = await again.next();
      if (m === 'closed') throw new Error('closed');
      replayed.push(m);
    }
    expect(replayed.filter((m) => m.topic === childTopic(w.otherChild.id))).toEqual([]);
    expect(replayed.map((m) => m.id).filter((id) => missed.includes(id))).toEqual(missed);
    const live = await publishNow(childTopic(w.child.id), 'four');
    expect(await again.next()).toMatchObject({ id: live, type: 'four' });
    again.close();
  });

  it('an id too old to replay, or not an id at all, tells the page to refetch everything', async () => {
    const cookie = await sessionCookie(w.parent.id);
    for (const lastEventId of ['2020-01-01T00:00:00.000Z~abcdefgh', 'nonsense']) {
      const stream = await openStream(familyStream, { ...familyPath, cookie, lastEventId });
      const reset = await stream.next();
      expect(reset).toMatchObject({ type: 'reset' });
      expect((reset as StreamMessage).id).toMatch(/^\d{4}-\d\d-\d\dT/);
      stream.close();
    }
  });

  it('a page opened from a loader gets what was published since that loader read its data', async () => {
    const since = new Date().toISOString();
    const between = await publishNow(childTopic(w.child.id), 'between-loader-and-stream');
    const stream = await openStream(familyStream, {
      path: `/family/live?since=${encodeURIComponent(since)}`,
      cookie: await sessionCookie(w.parent.id),
    });
    let m = await stream.next();
    while (m !== 'closed' && m.id !== between) m = await stream.next();
    expect(m).toMatchObject({ id: between });
    stream.close();
  });

  it('sends a keep-alive comment while quiet', async () => {
    const request = new Request('http://localhost:3000/family/live');
    const response = liveStream({
      request,
      topics: ['test:quiet'],
      recheck: async () => ['test:quiet'],
      keepAliveMs: 30,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(': keep-alive')) text += (await reader.read()).value;
    expect(text).toMatch(/^retry: \d+\n/);
    await reader.cancel();
  });
});

describe('the forget-live-events job', () => {
  it('forgets events older than two days', async () => {
    const old = '2020-01-01T00:00:00.000Z~oldoldol';
    await getDb()
      .insertInto('live_events')
      .values({ id: old, topic: 'test:old', type: 'test', data: '{}', created_at: '2020-01-01T00:00:00.000Z' })
      .execute();
    const recent = await publishNow('test:old', 'recent');
    expect((await runJob('forget-live-events')).summary).toMatch(/^forgot [1-9]\d* old live event/);
    const left = await getDb().selectFrom('live_events').select('id').where('topic', '=', 'test:old').execute();
    expect(left.map((r) => r.id)).toEqual([recent]);
  });
});
