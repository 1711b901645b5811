import { beforeAll, describe, expect, it } from 'vitest';
import { loadCenter } from '~/modules/centers/context.server';
import { getDb } from '~db/client.server';
import { linkGuardian, makeCenter, makeChild, makeClassroom, makeUser } from '~db/seed/factories';
import { checkIn, checkOut, correctAttendance, markAbsent } from '~/modules/attendance/attendance.server';
import { monthlyReport, todayBoard } from '~/modules/attendance/board.server';
import { localDate } from '~/modules/time/time';
import { action as todayAction, loader as todayLoader } from '~/routes/c.$centerId.today';
import { loader as monthlyCsvLoader } from '~/routes/c.$centerId.reports.monthly[.]csv';
import { loader as rollCallLoader } from '~/routes/c.$centerId.reports.roll-call';
import { action as absenceAction } from '~/routes/family.children.$childId.absence';
import { loader as followUpsLoader } from '~/routes/c.$centerId.follow-ups';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let caregiver: string;
let coordinator: string;

beforeAll(async () => {
  w = await twoCenters();
  caregiver = await sessionCookie(w.caregiver.id);
  coordinator = await sessionCookie(w.coordinator.id);
});

const door = (form: Record<string, string>, cookie = caregiver) =>
  callAction(todayAction, { path: `/c/${w.center.id}/today`, params: { centerId: w.center.id }, cookie, form });
const records = (childId: string) =>
  getDb().selectFrom('attendance').selectAll().where('child_id', '=', childId).execute();

async function freshChild(name: string) {
  const child = await makeChild(getDb(), {
    centerId: w.center.id,
    classroomId: w.classroom.id,
    fullName: name,
    birthDate: '2024-03-01',
  });
  await linkGuardian(getDb(), { childId: child.id, userId: w.parent.id });
  return child;
}

describe('checking in and out at the door', () => {
  it('checks in with a health check, refuses a stranger, hands over to a guardian; the parent sees the times', async () => {
    const child = await freshChild('Hana Pertiwi');
    const fever = await door({
      intent: 'check-in',
      childId: child.id,
      temperature: '38,2',
      mood: 'tired',
      brought_by: 'Ibu',
    });
    expect(fever.data.errors).toEqual({ fever_confirmed: 'errors.feverUnconfirmed' });
    expect(await records(child.id)).toEqual([]);
    const ok = await door({
      intent: 'check-in',
      childId: child.id,
      temperature: '38,2',
      mood: 'tired',
      brought_by: 'Ibu',
      fever_confirmed: 'on',
    });
    expect(ok.data).toMatchObject({ ok: true, already: false });
    const [rec] = await records(child.id);
    expect(rec).toMatchObject({
      status: 'present',
      temperature_tenths: 382,
      fever_confirmed: 1,
      brought_by: 'Ibu',
      check_in_by: w.caregiver.id,
      date: localDate('Asia/Jakarta'),
    });

    const stranger = await door({ intent: 'refuse-pickup', childId: child.id, person_name: 'Om Tidak Dikenal' });
    expect(stranger.data.refusedPickup).toBe('Om Tidak Dikenal');
    const attempts = await getDb().selectFrom('pickup_attempts').selectAll().where('child_id', '=', child.id).execute();
    expect(attempts).toMatchObject([{ person_name: 'Om Tidak Dikenal', outcome: 'refused', actor_id: w.caregiver.id }]);
    expect(
      (await door({ intent: 'check-out', childId: child.id, collector: `guardian:${w.otherParent.id}` })).data.errors,
    ).toEqual({ form: 'errors.notAuthorized' });
    expect((await records(child.id))[0].status).toBe('present');

    expect(
      (await door({ intent: 'check-out', childId: child.id, collector: `guardian:${w.parent.id}` })).data,
    ).toMatchObject({ ok: true });
    const [out] = await records(child.id);
    expect(out).toMatchObject({ status: 'checked_out', picked_up_by: 'Ibu' });

    const family = await callLoader((await import('~/routes/family._index')).loader, {
      path: '/family',
      cookie: await sessionCookie(w.parent.id),
    });
    const mine = family.data.children.find((c) => c.id === child.id);
    expect(mine?.attendance).toMatchObject({ status: 'checked_out', picked_up_by: 'Ibu' });
  });

  it('lets a coordinator allow a one-time pickup with a reason; a caregiver cannot', async () => {
    const child = await freshChild('Intan Sari');
    await door({ intent: 'check-in', childId: child.id });
    expect(
      (
        await door({
          intent: 'allow-once',
          childId: child.id,
          person_name: 'Tante Rina',
          reason: 'Ibu di rumah sakit, telepon 10.15',
        })
      ).status,
    ).toBe(403);
    expect(
      (await door({ intent: 'allow-once', childId: child.id, person_name: 'Tante Rina', reason: '' }, coordinator)).data
        .errors,
    ).toEqual({ reason: 'errors.required' });
    expect(
      (
        await door(
          {
            intent: 'allow-once',
            childId: child.id,
            person_name: 'Tante Rina',
            reason: 'Ibu di rumah sakit, telepon 10.15',
          },
          coordinator,
        )
      ).data.ok,
    ).toBe(true);
    const attempt = await getDb()
      .selectFrom('pickup_attempts')
      .selectAll()
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(attempt).toMatchObject({ outcome: 'allowed_once', person_name: 'Tante Rina', actor_id: w.coordinator.id });
  });

  it('gives one record for a double tap, a retry, or two caregivers at once', async () => {
    const child = await freshChild('Joko Santoso');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => checkIn({ centerId: w.center.id, childId: child.id, actorId: w.caregiver.id })),
    );
    expect(results.filter((r) => r.ok && !r.already)).toHaveLength(1);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await records(child.id)).toHaveLength(1);
    const outs = await Promise.all(
      Array.from({ length: 5 }, () =>
        checkOut({
          centerId: w.center.id,
          childId: child.id,
          actorId: w.caregiver.id,
          collectorKey: `guardian:${w.parent.id}`,
        }),
      ),
    );
    expect(outs.filter((r) => r.ok && !r.already)).toHaveLength(1);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'attendance')
      .where('changes', 'like', `%${child.id}%`)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses bad input: checking out a child never checked in, unknown children, bad temperatures', async () => {
    const child = await freshChild('Kirana Dewi');
    expect(
      (await door({ intent: 'check-out', childId: child.id, collector: `guardian:${w.parent.id}` })).data.errors,
    ).toEqual({ form: 'errors.notCheckedIn' });
    expect((await door({ intent: 'check-in', childId: 'no-such-child' })).data.errors).toEqual({
      form: 'errors.notFound',
    });
    expect((await door({ intent: 'check-in', childId: w.otherChild.id })).data.errors).toEqual({
      form: 'errors.notFound',
    });
    expect((await door({ intent: 'check-in', childId: child.id, temperature: '378' })).data.errors).toEqual({
      temperature: 'errors.temperature',
    });
    expect((await door({ intent: 'check-out', childId: child.id })).data.errors).toEqual({
      collector: 'errors.chooseCollector',
    });
    expect(await door({ intent: 'launch' })).toMatchObject({ status: 400, data: 'Bad Request' });
    expect(await records(child.id)).toEqual([]);
    expect(
      (
        await callAction(todayAction, {
          path: '',
          params: { centerId: w.center.id },
          cookie: await sessionCookie(w.parent.id),
          form: { intent: 'check-in', childId: child.id },
        })
      ).status,
    ).toBe(404);
  });

  it('corrects times with a reason, refuses future times, and never deletes', async () => {
    const child = await freshChild('Laras Ayu');
    await checkIn({ centerId: w.center.id, childId: child.id, actorId: w.caregiver.id });
    const [rec] = await records(child.id);
    const future = await correctAttendance({
      centerId: w.center.id,
      attendanceId: rec.id,
      actorId: w.caregiver.id,
      checkInAt: '2099-01-01T00:00:00.000Z',
      reason: 'salah',
    });
    expect(future).toEqual({ ok: false, error: 'future' });
    const earlier = new Date(Date.parse(rec.check_in_at!) - 3600_000).toISOString();
    expect(
      await correctAttendance({
        centerId: w.center.id,
        attendanceId: rec.id,
        actorId: w.caregiver.id,
        checkInAt: earlier,
        reason: 'Lupa dicatat saat datang',
      }),
    ).toEqual({ ok: true });
    expect(
      await correctAttendance({
        centerId: w.center.id,
        attendanceId: rec.id,
        actorId: w.caregiver.id,
        voidVisit: true,
        reason: 'Salah anak',
      }),
    ).toEqual({ ok: true });
    const [after] = await records(child.id);
    expect(after).toMatchObject({ status: 'absent', absence_note: 'Salah anak' });
    const history = await getDb()
      .selectFrom('audit_log')
      .select('changes')
      .where('entity_id', '=', rec.id)
      .orderBy('at')
      .execute();
    expect(history.map((h) => JSON.parse(h.changes).correction_reason?.[1]).filter(Boolean)).toEqual([
      'Lupa dicatat saat datang',
      'Salah anak',
    ]);
  });
});

describe('days follow the center’s zone', () => {
  it('puts the same instant on different days in Jakarta and Jayapura', async () => {
    const jayapura = await makeCenter(getDb(), { name: 'TAS Papua', timeZone: 'Asia/Jayapura' });
    const room = await makeClassroom(getDb(), { centerId: jayapura.id });
    const papuaChild = await makeChild(getDb(), { centerId: jayapura.id, classroomId: room.id });
    const staff = await makeUser(getDb(), { memberships: [{ centerId: jayapura.id, role: 'caregiver' }] });
    const javaChild = await freshChild('Mega Jawa');
    const instant = new Date('2026-11-30T16:30:00.000Z'); // 23:30 WIB, 01:30 WIT the next day
    await checkIn({ centerId: jayapura.id, childId: papuaChild.id, actorId: staff.id, now: instant });
    await checkIn({ centerId: w.center.id, childId: javaChild.id, actorId: w.caregiver.id, now: instant });
    expect((await records(papuaChild.id))[0].date).toBe('2026-12-01');
    expect((await records(javaChild.id))[0].date).toBe('2026-11-30');
  });
});

describe('absences and follow-ups', () => {
  it('lets a parent report an absence ahead, and opens a follow-up after three unexplained days in a row', async () => {
    const child = await freshChild('Nadia Putri');
    const parent = await sessionCookie(w.parent.id);
    const today = localDate('Asia/Jakarta');
    const past = await callAction(absenceAction, {
      path: '',
      params: { childId: child.id },
      cookie: parent,
      form: { date: '2020-01-01', reason: 'sick' },
    });
    expect(past.data.errors).toEqual({ date: 'errors.absenceInPast' });
    const ahead = new Date(Date.parse(today) + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await callAction(absenceAction, {
          path: '',
          params: { childId: child.id },
          cookie: parent,
          form: { date: ahead, reason: 'family', note: 'Mudik' },
        })
      ).status,
    ).toBe(302);
    expect((await records(child.id))[0]).toMatchObject({
      date: ahead,
      status: 'absent',
      absence_reason: 'family',
      absence_reported_by: w.parent.id,
    });
    expect(
      (
        await callAction(absenceAction, {
          path: '',
          params: { childId: w.otherChild.id },
          cookie: parent,
          form: { date: ahead, reason: 'sick' },
        })
      ).status,
    ).toBe(404);

    // Three scheduled weekdays in a row without explanation.
    for (const date of ['2026-11-24', '2026-11-25', '2026-11-26']) {
      await markAbsent({
        centerId: w.center.id,
        childId: child.id,
        actorId: w.caregiver.id,
        date,
        reason: 'unexplained',
        note: null,
      });
    }
    const list = await callLoader(followUpsLoader, {
      path: '',
      params: { centerId: w.center.id },
      cookie: coordinator,
    });
    expect(list.data.items.map((f) => [f.full_name, f.dates])).toEqual([
      ['Nadia Putri', ['2026-11-26', '2026-11-25', '2026-11-24']],
    ]);
  });
});

describe('reports', () => {
  it('gives monthly figures on a known month, and the same in CSV', async () => {
    const room = await makeClassroom(getDb(), { centerId: w.center.id, name: 'Laporan' });
    const child = await makeChild(getDb(), { centerId: w.center.id, classroomId: room.id, fullName: 'Oka Pratama' });
    // February 2026: 20 weekdays. Present 15, sick 2, family 1, unexplained 1, one day unrecorded.
    const weekdays = Array.from({ length: 28 }, (_, i) => `2026-02-${String(i + 1).padStart(2, '0')}`).filter(
      (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
    );
    expect(weekdays).toHaveLength(20);
    for (const [i, date] of weekdays.entries()) {
      const at = new Date(`${date}T01:00:00.000Z`);
      if (i < 15) await checkIn({ centerId: w.center.id, childId: child.id, actorId: w.caregiver.id, now: at });
      else if (i < 17)
        await markAbsent({
          centerId: w.center.id,
          childId: child.id,
          actorId: w.caregiver.id,
          date,
          reason: 'sick',
          note: null,
        });
      else if (i === 17)
        await markAbsent({
          centerId: w.center.id,
          childId: child.id,
          actorId: w.caregiver.id,
          date,
          reason: 'family',
          note: null,
        });
      else if (i === 18)
        await markAbsent({
          centerId: w.center.id,
          childId: child.id,
          actorId: w.caregiver.id,
          date,
          reason: 'unexplained',
          note: null,
        });
    }
    const report = await monthlyReport({ centerId: w.center.id, classroomId: room.id, month: '2026-02' });
    expect(report.rows).toEqual([
      {
        childId: child.id,
        name: 'Oka Pratama',
        classroomName: 'Laporan',
        expected: 20,
        present: 15,
        absent: { sick: 2, family: 1, other: 0, unexplained: 1 },
        unrecorded: 1,
        rate: 75,
      },
    ]);
    const csv = await callLoader(monthlyCsvLoader, {
      path: `/c/${w.center.id}/reports/monthly.csv?month=2026-02&room=${room.id}`,
      params: { centerId: w.center.id },
      cookie: coordinator,
    });
    expect(String(csv.data).trim().split('\r\n')).toEqual([
      'child_name,classroom,expected_days,present,absent_sick,absent_family,absent_other,absent_unexplained,unrecorded,attendance_rate_percent',
      'Oka Pratama,Laporan,20,15,2,1,0,1,1,75',
    ]);
    expect(
      (await callLoader(monthlyCsvLoader, { path: '', params: { centerId: w.center.id }, cookie: caregiver })).status,
    ).toBe(403);
  });

  it('lists who is in the building for a roll call, and the ratio warns when a room is short (a shift left open yesterday counts for neither)', async () => {
    const room = await makeClassroom(getDb(), {
      centerId: w.center.id,
      name: 'Bayi Ramai',
      minAgeMonths: 3,
      maxAgeMonths: 23,
    });
    for (let i = 0; i < 4; i++) {
      const baby = await makeChild(getDb(), {
        centerId: w.center.id,
        classroomId: room.id,
        fullName: `Bayi ${i}`,
        birthDate: new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10),
      });
      await checkIn({ centerId: w.center.id, childId: baby.id, actorId: w.caregiver.id });
    }
    const yesterday = new Date(Date.now() - 86_400_000);
    await getDb()
      .insertInto('staff_shifts')
      .values({
        id: `forgotten-${room.id}`,
        center_id: w.center.id,
        classroom_id: room.id,
        user_id: w.coordinator.id,
        date: localDate(w.center.time_zone, yesterday),
        clock_in_at: yesterday.toISOString(),
        clock_out_at: null,
      })
      .execute();
    await door({ intent: 'clock-in', classroomId: room.id });
    const board = await todayBoard({ center: (await loadCenter(w.center.id))!, classroomId: room.id });
    expect(board.ratios.find((r) => r.id === room.id)).toMatchObject({
      children: 4,
      staff: 1,
      required: 2,
      ok: false,
      short: 1,
    });
    await door({ intent: 'clock-in', classroomId: room.id }, coordinator);
    const after = await callLoader(todayLoader, {
      path: `/c/${w.center.id}/today?room=${room.id}`,
      params: { centerId: w.center.id },
      cookie: caregiver,
    });
    expect(after.data.board?.ratios.find((r) => r.id === room.id)).toMatchObject({ staff: 2, ok: true });
    const roll = await callLoader(rollCallLoader, { path: '', params: { centerId: w.center.id }, cookie: caregiver });
    expect(roll.data.rooms.find((r) => r.id === room.id)?.children).toHaveLength(4);
  });
});
