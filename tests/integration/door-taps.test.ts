import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { linkGuardian, makeChild, makeUser } from '~db/seed/factories';
import type { InvalidTap, TapAnswer } from '~/modules/attendance/door';
import { markAbsent } from '~/modules/attendance/attendance.server';
import { tapsOfDay } from '~/modules/attendance/taps.server';
import { localDate } from '~/modules/time/time';
import { action as tapsAction } from '~/routes/c.$centerId.taps';
import { twoCenters } from '../support/fixtures';
import { callAction, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let caregiver: string;
let coordinator: string;
let secondParent: { id: string };

beforeAll(async () => {
  w = await twoCenters();
  caregiver = await sessionCookie(w.caregiver.id);
  coordinator = await sessionCookie(w.coordinator.id);
  secondParent = await makeUser(getDb(), { email: 'ayah.kedua@example.test', name: 'Ayah Kedua' });
});

type Answers = { answers: (TapAnswer | InvalidTap)[] };
const send = (taps: Record<string, string | undefined>[], cookie = caregiver, centerId = w.center.id) =>
  callAction(tapsAction, {
    path: `/c/${centerId}/taps`,
    params: { centerId },
    cookie,
    form: { taps: JSON.stringify(taps) },
  });
const answersOf = async (result: Awaited<ReturnType<typeof send>>) => {
  expect(result.status).toBe(200);
  return (result.data as Answers).answers;
};

let ids = 0;
const clientId = () => `test-tap-${Date.now()}-${++ids}`;
/**
 * Instants a few seconds apart, all earlier than now and all on the center's today (the tests may
 * run just after midnight in Jakarta).
 */
function tapTimes(count: number) {
  const now = DateTime.utc();
  const midnight = now.setZone('Asia/Jakarta').startOf('day').toUTC();
  const start = DateTime.max(now.minus({ minutes: 30 }), midnight.plus({ seconds: 1 }));
  const step = Math.max(1, Math.floor(now.diff(start, 'seconds').seconds / (count + 1)));
  return Array.from({ length: count }, (_, i) => start.plus({ seconds: step * i }).toISO()!);
}

async function freshChild(name: string) {
  const db = getDb();
  const child = await makeChild(db, { centerId: w.center.id, classroomId: w.classroom.id, fullName: name });
  await linkGuardian(db, { childId: child.id, userId: w.parent.id });
  await linkGuardian(db, { childId: child.id, userId: secondParent.id });
  return child;
}
const dayOf = (childId: string) =>
  getDb()
    .selectFrom('attendance')
    .selectAll()
    .where('child_id', '=', childId)
    .where('date', '=', localDate('Asia/Jakarta'))
    .executeTakeFirst();
const auditRows = async () =>
  Number(
    (
      await getDb()
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('taps sent from a door device', () => {
  it('lands an offline batch once: replaying it changes nothing and answers as before', async () => {
    const [a, b] = [await freshChild('Ayu Rahma'), await freshChild('Bagus Wira')];
    const [t1, t2, t3] = tapTimes(3);
    const batch = [
      { clientId: clientId(), tappedAt: t1, intent: 'check-in', childId: a.id },
      { clientId: clientId(), tappedAt: t2, intent: 'check-in', childId: b.id, temperature: '36,6' },
      { clientId: clientId(), tappedAt: t3, intent: 'check-out', childId: a.id, collector: `guardian:${w.parent.id}` },
    ];
    const first = await answersOf(await send(batch));
    expect(first.map((x) => x.outcome)).toEqual(['applied', 'applied', 'applied']);
    expect(first.every((x) => x.outcome !== 'invalid' && !x.replay)).toBe(true);
    // Recorded at the times they were tapped, not when they arrived.
    expect(await dayOf(a.id)).toMatchObject({ status: 'checked_out', check_in_at: t1, check_out_at: t3 });
    expect(await dayOf(b.id)).toMatchObject({ status: 'present', check_in_at: t2, temperature_tenths: 366 });

    const [rowsBefore, auditBefore] = [await getDb().selectFrom('attendance').selectAll().execute(), await auditRows()];
    const again = await answersOf(await send(batch));
    expect(again.map((x) => x.outcome)).toEqual(['applied', 'applied', 'applied']);
    expect(again.every((x) => x.outcome !== 'invalid' && x.replay)).toBe(true);
    expect(await getDb().selectFrom('attendance').selectAll().execute()).toEqual(rowsBefore);
    expect(await auditRows()).toBe(auditBefore);
    expect(await tapsOfDay({ centerId: w.center.id, childId: a.id, date: localDate('Asia/Jakarta') })).toHaveLength(2);
  });

  it('collected on two devices: the earlier hand-over stands whichever arrives first; both stay in history', async () => {
    for (const order of ['earlier first', 'later first'] as const) {
      const child = await freshChild(`Citra ${order}`);
      const [tin, early, late] = tapTimes(3);
      await answersOf(await send([{ clientId: clientId(), tappedAt: tin, intent: 'check-in', childId: child.id }]));
      const byMother = {
        clientId: clientId(),
        tappedAt: early,
        intent: 'check-out',
        childId: child.id,
        collector: `guardian:${w.parent.id}`,
      };
      const byFather = {
        clientId: clientId(),
        tappedAt: late,
        intent: 'check-out',
        childId: child.id,
        collector: `guardian:${secondParent.id}`,
      };
      const sent = order === 'earlier first' ? [byMother, byFather] : [byFather, byMother];
      const [one] = await answersOf(await send([sent[0]], caregiver));
      const [two] = await answersOf(await send([sent[1]], coordinator));
      expect(await dayOf(child.id)).toMatchObject({ check_out_at: early, picked_up_by: 'Ibu' });
      if (order === 'earlier first') {
        expect([one.outcome, two.outcome]).toEqual(['applied', 'duplicate']);
        // The later device is told what the server holds, to say so on its screen.
        expect((two as TapAnswer).day).toMatchObject({ status: 'checked_out', checkOutAt: early, pickedUpBy: 'Ibu' });
      } else expect([one.outcome, two.outcome]).toEqual(['applied', 'applied']);
      const history = await tapsOfDay({ centerId: w.center.id, childId: child.id, date: localDate('Asia/Jakarta') });
      expect(history.filter((h) => h.intent === 'check-out').map((h) => [h.collectorName, h.tappedAt])).toEqual([
        ['Ibu', early],
        ['Ayah Kedua', late],
      ]);
    }
  });

  it('an absence from one device and an arrival from another: the arrival stands in either order', async () => {
    const [tAbsent, tIn] = tapTimes(2);
    const first = await freshChild('Dewi Absen Dulu');
    const absent = { intent: 'absent', reason: 'unexplained', tappedAt: tAbsent };
    const arrival = { intent: 'check-in', tappedAt: tIn };
    const answers = await answersOf(
      await send([
        { ...absent, clientId: clientId(), childId: first.id },
        { ...arrival, clientId: clientId(), childId: first.id },
      ]),
    );
    expect(answers.map((x) => x.outcome)).toEqual(['applied', 'applied']);
    expect(await dayOf(first.id)).toMatchObject({ status: 'present', absence_reason: null });

    const second = await freshChild('Eka Datang Dulu');
    const [arrived, late] = await answersOf(
      await send([
        { ...arrival, clientId: clientId(), childId: second.id },
        { ...absent, clientId: clientId(), childId: second.id },
      ]),
    );
    expect(arrived.outcome).toBe('applied');
    expect(late).toMatchObject({ outcome: 'refused', error: 'alreadyArrived', day: { status: 'present' } });
    const history = await tapsOfDay({ centerId: w.center.id, childId: second.id, date: localDate('Asia/Jakarta') });
    // History in the order things were tapped: the absence (tapped first, sent last) was refused.
    expect(history.map((h) => [h.intent, h.outcome])).toEqual([
      ['absent', 'refused'],
      ['check-in', 'applied'],
    ]);
  });

  it("a third unexplained absence tapped at the door opens the child's follow-up, in the tap's transaction", async () => {
    const db = getDb();
    const child = await makeChild(db, {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Gita Tiga Hari',
      scheduleDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    });
    const today = DateTime.fromISO(localDate('Asia/Jakarta'));
    for (const daysAgo of [2, 1])
      await markAbsent({
        centerId: w.center.id,
        childId: child.id,
        actorId: w.caregiver.id,
        date: today.minus({ days: daysAgo }).toISODate()!,
        reason: 'unexplained',
        note: null,
      });
    const [t] = tapTimes(1);
    const [answer] = await answersOf(
      await send([{ clientId: clientId(), tappedAt: t, intent: 'absent', reason: 'unexplained', childId: child.id }]),
    );
    expect(answer).toMatchObject({ outcome: 'applied', followUp: true });
    const followUps = await db.selectFrom('follow_ups').select('kind').where('child_id', '=', child.id).execute();
    expect(followUps).toEqual([{ kind: 'absences' }]);
  });

  it('refuses what it cannot take, with reasons, and never a 500', async () => {
    const child = await freshChild('Fajar Tolak');
    const [t] = tapTimes(1);
    const longAgo = DateTime.utc().minus({ hours: 49 }).toISO();
    const answers = await answersOf(
      await send([
        { clientId: clientId(), tappedAt: longAgo, intent: 'check-in', childId: child.id },
        { clientId: clientId(), tappedAt: t, intent: 'check-in', childId: child.id, temperature: 'hangat' },
        { clientId: clientId(), tappedAt: t, intent: 'check-in', childId: child.id, temperature: '38,5' },
        { clientId: clientId(), tappedAt: t, intent: 'check-in', childId: w.otherChild.id },
        { clientId: 'x', tappedAt: t, intent: 'check-in', childId: child.id },
      ]),
    );
    expect(answers.map((x) => [x.outcome, 'error' in x ? x.error : x.errors])).toEqual([
      ['refused', 'tooOld'],
      ['invalid', { temperature: 'errors.temperature' }],
      ['refused', 'feverUnconfirmed'],
      ['refused', 'notFound'],
      ['invalid', { clientId: expect.any(String) }],
    ]);
    expect(await dayOf(child.id)).toBeUndefined();
    // Another center's child leaves no trace; nor does a tap for it.
    expect(await getDb().selectFrom('door_taps').where('child_id', '=', w.otherChild.id).selectAll().execute()).toEqual(
      [],
    );

    // The same id for another child is not a replay of it.
    const id = clientId();
    await answersOf(await send([{ clientId: id, tappedAt: t, intent: 'check-in', childId: child.id }]));
    const other = await freshChild('Gita Lain');
    const [reused] = await answersOf(
      await send([{ clientId: id, tappedAt: t, intent: 'check-in', childId: other.id }]),
    );
    expect(reused).toMatchObject({ outcome: 'refused', error: 'notFound' });
    expect(await dayOf(other.id)).toBeUndefined();

    for (const taps of ['not json', '[]', JSON.stringify(Array(101).fill({})), '{"a":1}', '[1]'])
      expect(
        (
          await callAction(tapsAction, {
            path: `/c/${w.center.id}/taps`,
            params: { centerId: w.center.id },
            cookie: caregiver,
            form: { taps },
          })
        ).status,
      ).toBe(400);
  });

  it('only the center’s own staff may send taps', async () => {
    const child = await freshChild('Hadi Jaga');
    const [t] = tapTimes(1);
    const tap = [{ clientId: clientId(), tappedAt: t, intent: 'check-in', childId: child.id }];
    const otherCoordinator = await sessionCookie(w.otherCoordinator.id);
    await expect(send(tap, otherCoordinator)).resolves.toMatchObject({ status: 404 });
    await expect(send(tap, await sessionCookie(w.parent.id))).resolves.toMatchObject({ status: 404 });
    await expect(send(tap, '')).resolves.toMatchObject({ status: 302 });
    expect(await dayOf(child.id)).toBeUndefined();
  });

  it('a person on staff in one center and a guardian in another taps only for the center they work in', async () => {
    const db = getDb();
    const both = await makeUser(db, {
      email: 'dua.peran@example.test',
      memberships: [{ centerId: w.other.id, role: 'caregiver' }],
    });
    const ours = await freshChild('Indah Dua Peran');
    await linkGuardian(db, { childId: ours.id, userId: both.id });
    const cookie = await sessionCookie(both.id);
    const [t] = tapTimes(1);
    // Their own child's center: a guardian has no door there.
    const tap = { tappedAt: t, intent: 'check-in', childId: ours.id };
    await expect(send([{ ...tap, clientId: clientId() }], cookie)).resolves.toMatchObject({ status: 404 });
    // The center they work in: a child of the other center is refused and leaves no trace.
    const [answer] = await answersOf(await send([{ ...tap, clientId: clientId() }], cookie, w.other.id));
    expect(answer).toMatchObject({ outcome: 'refused', error: 'notFound' });
    expect(await dayOf(ours.id)).toBeUndefined();
    expect(await db.selectFrom('door_taps').select('client_id').where('child_id', '=', ours.id).execute()).toEqual([]);
  });
});
