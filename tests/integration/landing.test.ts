// Each role lands where its work is, and the coordinator's home shows today.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { makeChild, makeClassroom } from '~db/seed/factories';
import { checkIn, recordRefusedPickup } from '~/modules/attendance/attendance.server';
import { clockIn } from '~/modules/attendance/board.server';
import { loadCenter } from '~/modules/centers/context.server';
import { loader as homeLoader } from '~/routes/_index';
import { loader as centerHomeLoader } from '~/routes/c.$centerId._index';
import { loader as developmentEntryLoader } from '~/routes/c.$centerId.milestones._index';
import { twoCenters } from '../support/fixtures';
import { callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
beforeAll(async () => {
  w = await twoCenters();
});

const home = async (userId: string) => callLoader(homeLoader, { path: '/', cookie: await sessionCookie(userId) });

describe('where each role lands', () => {
  it('sends the caregiver to the door screen of the room they work in, the teacher to their classroom', async () => {
    const second = await makeClassroom(getDb(), { centerId: w.center.id, name: 'Kelas Kedua' });
    expectRedirect(await home(w.caregiver.id), `/c/${w.center.id}/today?room=${w.classroom.id}`);
    await clockIn({ center: (await loadCenter(w.center.id))!, classroomId: second.id, userId: w.caregiver.id });
    expectRedirect(await home(w.caregiver.id), `/c/${w.center.id}/today?room=${second.id}`);
    expectRedirect(await home(w.teacher.id), `/c/${w.center.id}/classrooms/${w.classroom.id}`);
    expectRedirect(await home(w.coordinator.id), `/c/${w.center.id}`);
    expectRedirect(await home(w.parent.id), '/family');
  });

  it('puts development one tap away for a teacher, and not for a caregiver', async () => {
    const entry = (userId: string) =>
      sessionCookie(userId).then((cookie) =>
        callLoader(developmentEntryLoader, { path: '', params: { centerId: w.center.id }, cookie }),
      );
    expectRedirect(await entry(w.teacher.id), `/c/${w.center.id}/milestones/${w.classroom.id}`);
    expect((await entry(w.caregiver.id)).status).toBe(403);
  });
});

describe("the coordinator's home", () => {
  it('shows today: rooms against who is expected, staff short, refusals and fevers, applications and follow-ups', async () => {
    const db = getDb();
    const feverish = await makeChild(db, {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Anak Demam',
    });
    await checkIn({
      centerId: w.center.id,
      childId: feverish.id,
      actorId: w.caregiver.id,
      health: {
        temperatureTenths: 386,
        marksNote: 'memar di lengan',
        mood: null,
        broughtBy: null,
        feverConfirmed: true,
      },
    });
    await checkIn({ centerId: w.center.id, childId: w.child.id, actorId: w.caregiver.id });
    await recordRefusedPickup({
      centerId: w.center.id,
      childId: w.child.id,
      actorId: w.caregiver.id,
      personName: 'Pak Asing',
    });
    const offerEnds = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const app = (status: 'submitted' | 'offered', name: string) => ({
      id: newId(),
      center_id: w.center.id,
      reference_code: `ASH-${name.slice(0, 6).toUpperCase()}`,
      access_token_hash: newId(),
      status,
      form: '{}',
      child_full_name: name,
      child_birth_date: '2024-01-01',
      duplicate_key: null,
      primary_email: null,
      preferred_start_date: offerEnds,
      classroom_id: null,
      priority_score: 0,
      priority_override: null,
      priority_override_reason: null,
      offer_expires_on: status === 'offered' ? offerEnds : null,
      child_id: null,
      submitted_at: nowIso(),
      created_at: nowIso(),
      updated_at: nowIso(),
    });
    await db
      .insertInto('applications')
      .values([app('submitted', 'Pelamar Baru'), app('offered', 'Ditawari Tempat')])
      .execute();

    const page = await callLoader(centerHomeLoader, {
      path: '',
      params: { centerId: w.center.id },
      cookie: await sessionCookie(w.coordinator.id),
    });
    const today = page.data.dashboard!;
    expect(today.rooms.find((r: { id: string }) => r.id === w.classroom.id)).toMatchObject({ present: 2, ok: false });
    expect(today.shortOfStaff.map((r: { id: string }) => r.id)).toContain(w.classroom.id);
    expect(today.refusedPickups).toEqual([expect.objectContaining({ person_name: 'Pak Asing', childId: w.child.id })]);
    expect(today.arrivals).toEqual([
      expect.objectContaining({ childId: feverish.id, fever: true, marks: 'memar di lengan' }),
    ]);
    expect(today.newApplications.map((a) => a.child_full_name)).toEqual(['Pelamar Baru']);
    expect(today.offersExpiring.map((a) => a.child_full_name)).toEqual(['Ditawari Tempat']);

    // Teachers and caregivers see the classrooms, not the coordinator's desk.
    const teacher = await callLoader(centerHomeLoader, {
      path: '',
      params: { centerId: w.center.id },
      cookie: await sessionCookie(w.teacher.id),
    });
    expect(teacher.data.dashboard).toBeNull();
  });
});
