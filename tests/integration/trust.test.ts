// Issue 9's findings, replayed against two centers with their own coordinators and a person who
// is staff in one and a guardian in the other. Each test failed on the code before the fix.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { applicationForm, linkGuardian, makeChild, makeUser } from '~db/seed/factories';
import { applicationSchema } from '~/modules/enrollment/application';
import { changeStatus, parentDecision, submitApplication } from '~/modules/enrollment/applications.server';
import {
  startPairing,
  pairDevice,
  kioskDeviceFor,
  verifyGuardianPin,
  setKioskPin,
} from '~/modules/attendance/kiosk.server';
import { checkIn } from '~/modules/attendance/attendance.server';
import { THROTTLE } from '~/modules/auth/throttle';
import { action as loginAction } from '~/routes/login._index';
import { action as accountAction } from '~/routes/account';
import { action as applicationAction } from '~/routes/c.$centerId.applications.$applicationId';
import { action as correctionAction } from '~/routes/c.$centerId.attendance.$attendanceId';
import { loader as childLoader, action as childAction } from '~/routes/c.$centerId.children.$childId._index';
import { loader as familyDevelopmentLoader } from '~/routes/family.children.$childId.development';
import { loader as familyGrowthLoader } from '~/routes/family.children.$childId.growth';
import { loader as familyLoader } from '~/routes/family._index';
import { action as inviteAction } from '~/routes/invite.$token';
import { action as resetAction, loader as resetLoader } from '~/routes/reset.$token';
import { action as staffAction } from '~/routes/c.$centerId.staff';
import { action as todayAction, loader as todayLoader } from '~/routes/c.$centerId.today';
import { loader as homeLoader } from '~/routes/_index';
import { developmentRecord, recordObservations } from '~/modules/development/development.server';
import { loadCenter } from '~/modules/centers/context.server';
import { kioskCookie } from '~/modules/attendance/kiosk.server';
import { localDate } from '~/modules/time/time';
import { PASSWORD, twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, linkOf, sessionCookie, succeeded } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
/** Teacher at the other center (TARA Lain), guardian of a child at the first (TAS Mawar). */
let dual: Awaited<ReturnType<typeof makeUser>>;
let dualChild: Awaited<ReturnType<typeof makeChild>>;

beforeAll(async () => {
  w = await twoCenters();
  dual = await makeUser(getDb(), {
    email: 'dua.peran@example.test',
    name: 'Dua Peran',
    password: PASSWORD,
    memberships: [{ centerId: w.other.id, role: 'teacher' }],
  });
  dualChild = await makeChild(getDb(), {
    centerId: w.center.id,
    classroomId: w.classroom.id,
    fullName: 'Anak Dua Peran',
  });
  await linkGuardian(getDb(), { childId: dualChild.id, userId: dual.id });
});

const at = (centerId: string, path: string, cookie: string) => ({
  path: `/c/${centerId}${path}`,
  params: { centerId },
  cookie,
});

async function pairedDevice(centerId: string, actorId: string) {
  const { code } = await startPairing({ centerId, name: 'Tablet', actorId });
  const paired = await pairDevice({ code, ip: `10.9.${Math.floor(Math.random() * 250)}.1` });
  if (!paired.ok) throw new Error('pairing failed');
  const cookie = (await kioskCookie().serialize(paired.token)).split(';')[0];
  return (await kioskDeviceFor(new Request('http://localhost/kiosk', { headers: { Cookie: cookie } })))!;
}

describe('1. a parent cannot collect another family’s child at the kiosk', () => {
  it('refuses a phone another guardian of the center uses, and acts as the person whose PIN it is', async () => {
    const victim = await makeUser(getDb(), { email: 'korban@example.test', name: 'Korban' });
    const victimChild = await makeChild(getDb(), {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Anak Korban',
    });
    await linkGuardian(getDb(), { childId: victimChild.id, userId: victim.id });
    expect(
      await setKioskPin({ userId: victim.id, centerId: w.center.id, phone: '+6281299990000', pin: '111111' }),
    ).toEqual({ ok: true });
    // The attacker, a guardian of the same center, tries to take the same number with their own PIN.
    expect(
      await setKioskPin({ userId: w.parent.id, centerId: w.center.id, phone: '+6281299990000', pin: '222222' }),
    ).toEqual({ ok: false, error: 'kioskPhoneTaken' });
    // Their own number works, and shows only their own child.
    expect(
      await setKioskPin({ userId: w.parent.id, centerId: w.center.id, phone: '+6281288880000', pin: '222222' }),
    ).toEqual({ ok: true });
    const device = await pairedDevice(w.center.id, w.coordinator.id);
    const mine = await verifyGuardianPin({ device, phone: '+6281288880000', pin: '222222' });
    expect(mine.ok && mine.children.map((c) => c.id)).toEqual([w.child.id]);
    expect((await verifyGuardianPin({ device, phone: '+6281299990000', pin: '222222' })).ok).toBe(false);
  });
});

describe('2. a family cannot be taken over across centers', () => {
  it('enrolling with a stranger’s email neither links nor opens their account; the link holder gets nothing', async () => {
    // The center's own day: after 16:00 UTC it is already tomorrow in Makassar.
    const { time_zone } = await getDb()
      .selectFrom('centers')
      .select('time_zone')
      .where('id', '=', w.other.id)
      .executeTakeFirstOrThrow();
    const today = localDate(time_zone);
    const form = applicationForm(
      { child_full_name: 'Anak Palsu', g1_email: w.parent.email, g1_name: 'Ibu Palsu', g1_phone: '081233334444' },
      { today },
    );
    const input = applicationSchema({ kind: 'workplace', today }).parse(form);
    const submitted = await submitApplication({
      centerId: w.other.id,
      kind: 'workplace',
      token: null,
      form,
      input,
      documents: {},
    });
    if (!submitted.ok) throw new Error('not submitted');
    const app = await getDb()
      .selectFrom('applications')
      .select('id')
      .where('reference_code', '=', submitted.reference)
      .executeTakeFirstOrThrow();
    const base = { centerId: w.other.id, applicationId: app.id, actorId: w.otherCoordinator.id, note: null, today };
    await changeStatus({ ...base, to: 'in_review' });
    expect(
      await changeStatus({
        ...base,
        to: 'offered',
        classroomId: (
          await getDb()
            .selectFrom('classrooms')
            .select('id')
            .where('center_id', '=', w.other.id)
            .executeTakeFirstOrThrow()
        ).id,
        offerExpiresOn: today,
      }),
    ).toEqual({ ok: true });
    expect(await parentDecision(submitted.token, 'accept')).toBe('ok');
    const otherCoordinator = await sessionCookie(w.otherCoordinator.id);
    const { enrolled } = succeeded(
      await callAction(applicationAction, {
        path: '',
        params: { centerId: w.other.id, applicationId: app.id },
        cookie: otherCoordinator,
        form: { intent: 'enroll' },
      }),
    );
    const [invite] = enrolled!.invites;
    const childId = enrolled!.childId;

    // No link until the owner accepts: the door does not offer them as a collector, the family page does not show the child.
    expect(await getDb().selectFrom('guardians').select('id').where('child_id', '=', childId).execute()).toEqual([]);
    const parentCookie = await sessionCookie(w.parent.id);
    expect(
      (await callLoader(familyLoader, { path: '/family', cookie: parentCookie })).data.children.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([w.child.id]);

    // The coordinator holding the link cannot set a password on the existing account.
    const token = invite.link.split('/invite/')[1];
    const takeover = await callAction(inviteAction, {
      path: '',
      params: { token },
      form: { name: 'Penyusup', password: 'kata sandi penyusup', confirm: 'kata sandi penyusup' },
    });
    expect(takeover.data.errors).toEqual({ form: 'errors.inviteAccountExists' });
    const login = await callAction(loginAction, {
      path: '/login',
      form: { email: w.parent.email, password: 'kata sandi penyusup' },
    });
    expect(login.data.errors).toEqual({ form: 'errors.invalidCredentials' });
    // Nor sign in as someone else and accept it.
    expect(
      (
        await callAction(inviteAction, {
          path: '',
          params: { token },
          cookie: otherCoordinator,
          form: { intent: 'accept' },
        })
      ).data.errors,
    ).toEqual({ form: 'errors.inviteOtherAccount' });
    // The family page lists no applications by email any more.
    expect((await callLoader(familyLoader, { path: '/family', cookie: parentCookie })).data).not.toHaveProperty(
      'applications',
    );
  });
});

describe('3. one center’s coordinator cannot lock out another center’s people', () => {
  it('suspends only within their center, and cannot add, suspend or reactivate someone of another center', async () => {
    const other = await sessionCookie(w.otherCoordinator.id);
    // Inviting the first center's coordinator gives no membership (they would have to accept).
    await callAction(staffAction, {
      ...at(w.other.id, '/staff', other),
      form: { intent: 'invite', name: 'Koor', email: w.coordinator.email, role: 'caregiver' },
    });
    for (const intent of ['suspend', 'reactivate', 'remove']) {
      expect(
        (
          await callAction(staffAction, {
            ...at(w.other.id, '/staff', other),
            form: { intent, userId: w.coordinator.id },
          })
        ).status,
      ).toBe(404);
    }
    // The dual person is teacher at the other center: suspended there, they still reach their child here.
    const dualCookie = await sessionCookie(dual.id);
    expect(
      (
        await callAction(staffAction, {
          ...at(w.other.id, '/staff', other),
          form: { intent: 'suspend', userId: dual.id },
        })
      ).status,
    ).toBe(200);
    expectRedirect(await callLoader(homeLoader, { path: '/', cookie: dualCookie }), '/family');
    expect(
      (await callLoader(familyLoader, { path: '/family', cookie: dualCookie })).data.children.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([dualChild.id]);
    expect(
      (await getDb().selectFrom('users').select('disabled_at').where('id', '=', dual.id).executeTakeFirstOrThrow())
        .disabled_at,
    ).toBeNull();
    // The first center's coordinator cannot undo it either: not their center.
    const coordinator = await sessionCookie(w.coordinator.id);
    expect(
      (
        await callAction(staffAction, {
          ...at(w.center.id, '/staff', coordinator),
          form: { intent: 'reactivate', userId: dual.id },
        })
      ).status,
    ).toBe(404);
    await callAction(staffAction, {
      ...at(w.other.id, '/staff', other),
      form: { intent: 'reactivate', userId: dual.id },
    });
  });
});

describe('5. throttles hold when attempts arrive together', () => {
  it('checks at most the free attempts of 60 wrong passwords sent at once', async () => {
    const email = 'serbu@example.test';
    await makeUser(getDb(), { email, password: PASSWORD });
    const results = await Promise.all(
      Array.from({ length: 60 }, () =>
        callAction(loginAction, { path: '/login', form: { email, password: 'salah sekali' }, ip: '10.5.5.5' }),
      ),
    );
    const checked = results.filter((r) => r.data.errors?.form === 'errors.invalidCredentials').length;
    expect(checked).toBeLessThanOrEqual(THROTTLE.account.free);
    expect(results.every((r) => r.status === 400)).toBe(true);
  });

  it('checks at most the free attempts of 100 PINs sent at once', async () => {
    const device = await pairedDevice(w.center.id, w.coordinator.id);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        verifyGuardianPin({ device, phone: '+6281288880000', pin: String(500000 + i) }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.error === 'pinWrong').length).toBeLessThanOrEqual(THROTTLE.account.free);
  });

  it('never locks every account behind one address: the address only waits', async () => {
    const ip = '10.6.6.6';
    for (let i = 0; i < 50; i++)
      await callAction(loginAction, {
        path: '/login',
        form: { email: `tamu${i}@example.test`, password: 'salah' },
        ip,
      });
    const row = await getDb()
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', '=', `address:${ip}`)
      .executeTakeFirstOrThrow();
    expect(row.locked_until).toBeNull();
    const waiting = await callAction(loginAction, {
      path: '/login',
      form: { email: w.coordinator.email, password: PASSWORD },
      ip,
    });
    expect(waiting.data.errors.form).toMatch(/^errors\.loginThrottled\?seconds=([1-9]|[1-5]\d|60)$/);
    // After the wait (at most a minute), a colleague on the same Wi-Fi signs in.
    await getDb()
      .updateTable('login_throttle')
      .set({ last_failed_at: new Date(Date.now() - 61_000).toISOString() })
      .where('key', '=', `address:${ip}`)
      .execute();
    expectRedirect(
      await callAction(loginAction, { path: '/login', form: { email: w.coordinator.email, password: PASSWORD }, ip }),
      '/',
    );
  });
});

describe('10. only the coordinator removes a child from the roll call', () => {
  it('refuses a caregiver’s void; a caregiver takes back only their own tap, within minutes', async () => {
    const caregiver = await sessionCookie(w.caregiver.id);
    const coordinator = await sessionCookie(w.coordinator.id);
    const child = await makeChild(getDb(), {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Anak Koreksi',
    });
    const today = at(w.center.id, '/today', caregiver);
    await callAction(todayAction, { ...today, form: { intent: 'check-in', childId: child.id } });
    const record = await getDb()
      .selectFrom('attendance')
      .selectAll()
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow();
    const correction = { path: '', params: { centerId: w.center.id, attendanceId: record.id } };
    expect(
      (
        await callAction(correctionAction, {
          ...correction,
          cookie: caregiver,
          form: { intent: 'void', reason: 'salah anak' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await getDb().selectFrom('attendance').select('status').where('id', '=', record.id).executeTakeFirstOrThrow())
        .status,
    ).toBe('present');

    // Someone else's tap is not theirs to undo; their own is, and the child is expected again.
    expect(
      (
        await callAction(todayAction, {
          ...at(w.center.id, '/today', coordinator),
          form: { intent: 'undo', attendanceId: record.id },
        })
      ).data.errors,
    ).toEqual({ form: 'errors.undoTooLate' });
    expect(
      (await callAction(todayAction, { ...today, form: { intent: 'undo', attendanceId: record.id } })).data.ok,
    ).toBe(true);
    expect(await getDb().selectFrom('attendance').select('id').where('child_id', '=', child.id).execute()).toEqual([]);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', record.id)
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { action: 'create', actor_id: w.caregiver.id },
      { action: 'delete', actor_id: w.caregiver.id },
    ]);

    // Older than the window: refused, the coordinator corrects it.
    await checkIn({
      centerId: w.center.id,
      childId: child.id,
      actorId: w.caregiver.id,
      now: new Date(Date.now() - 10 * 60_000),
    });
    const late = await getDb()
      .selectFrom('attendance')
      .select('id')
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(
      (await callAction(todayAction, { ...today, form: { intent: 'undo', attendanceId: late.id } })).data.errors,
    ).toEqual({ form: 'errors.undoTooLate' });
    expectRedirect(
      await callAction(correctionAction, {
        path: '',
        params: { centerId: w.center.id, attendanceId: late.id },
        cookie: coordinator,
        form: { intent: 'void', reason: 'salah anak' },
      }),
      /\/today/,
    );
    const board = await callLoader(todayLoader, today);
    expect(board.data.board?.board.find((c) => c.id === child.id)?.status).toBe('absent');
  });
});

describe('12. smaller things', () => {
  it('shows a teacher’s note to the family only when the teacher shares it, and never sends staff notes to their browser', async () => {
    const record = await developmentRecord({ center: (await loadCenter(w.center.id))!, childId: w.child.id });
    const item = record!.checklist.find((i) => i.age_months === record!.band)!;
    await recordObservations({
      centerId: w.center.id,
      actorId: w.teacher.id,
      observedOn: new Date().toISOString().slice(0, 10),
      entries: [{ childId: w.child.id, itemId: item.id, status: 'yes', note: 'Catatan internal: perlu dipantau' }],
    });
    const parent = await sessionCookie(w.parent.id);
    const page = await callLoader(familyDevelopmentLoader, {
      path: '',
      params: { childId: w.child.id },
      cookie: parent,
    });
    expect(JSON.stringify(page.data)).not.toContain('Catatan internal');
    await recordObservations({
      centerId: w.center.id,
      actorId: w.teacher.id,
      observedOn: new Date().toISOString().slice(0, 10),
      entries: [
        { childId: w.child.id, itemId: item.id, status: 'yes', note: 'Pintar menyusun balok', noteForFamily: true },
      ],
    });
    const shared = await callLoader(familyDevelopmentLoader, {
      path: '',
      params: { childId: w.child.id },
      cookie: parent,
    });
    expect(shared.data.achieved.find((i) => i.id === item.id)?.note).toBe('Pintar menyusun balok');
    await getDb()
      .insertInto('measurements')
      .values({
        id: 'm-note',
        center_id: w.center.id,
        child_id: w.child.id,
        measured_on: '2026-01-10',
        weight_kg: 11,
        length_cm: 85,
        position: 'standing',
        head_cm: null,
        muac_cm: null,
        note: 'Catatan staf: timbangan rusak',
        recorded_by: w.teacher.id,
        created_at: new Date().toISOString(),
      })
      .execute();
    const growth = await callLoader(familyGrowthLoader, { path: '', params: { childId: w.child.id }, cookie: parent });
    expect(growth.data.measurements).toHaveLength(1);
    expect(JSON.stringify(growth.data)).not.toContain('timbangan rusak');
  });

  it('changes a password with the current one and ends the other sessions', async () => {
    const person = await makeUser(getDb(), {
      email: 'ganti@example.test',
      password: PASSWORD,
      memberships: [{ centerId: w.center.id, role: 'caregiver' }],
    });
    const here = await sessionCookie(person.id);
    const elsewhere = await sessionCookie(person.id);
    const wrong = await callAction(accountAction, {
      path: '/account',
      cookie: here,
      form: {
        intent: 'change-password',
        current_password: 'bukan ini',
        password: 'kata sandi baru sekali',
        confirm: 'kata sandi baru sekali',
      },
    });
    expect(wrong.data.errors).toEqual({ current_password: 'errors.wrongPassword' });
    expect(wrong.data.values).not.toHaveProperty('confirm');
    expectRedirect(
      await callAction(accountAction, {
        path: '/account',
        cookie: here,
        form: {
          intent: 'change-password',
          current_password: PASSWORD,
          password: 'kata sandi baru sekali',
          confirm: 'kata sandi baru sekali',
        },
      }),
      '/account',
    );
    expectRedirect(await callLoader(homeLoader, { path: '/', cookie: elsewhere }), /^\/login/);
    expectRedirect(
      await callLoader(homeLoader, { path: '/', cookie: here }),
      `/c/${w.center.id}/today?room=${w.classroom.id}`,
    );
  });

  it('lets a coordinator issue a reset link to their own people only, once, without skipping two-step sign-in', async () => {
    const coordinator = await sessionCookie(w.coordinator.id);
    // The dual person also has a role at the other center: this coordinator cannot reset them.
    const dualReset = await callAction(childAction, {
      path: '',
      params: { centerId: w.center.id, childId: dualChild.id },
      cookie: coordinator,
      form: { intent: 'guardian-reset', userId: dual.id },
    });
    expect(dualReset.data.errors).toEqual({ form: 'errors.resetOtherCenters' });
    // Someone of another center only: not found.
    expect(
      (
        await callAction(staffAction, {
          ...at(w.center.id, '/staff', coordinator),
          form: { intent: 'reset-link', userId: w.otherCoordinator.id },
        })
      ).status,
    ).toBe(404);

    const caregiverSession = await sessionCookie(w.caregiver.id);
    const issued = await callAction(staffAction, {
      ...at(w.center.id, '/staff', coordinator),
      form: { intent: 'reset-link', userId: w.caregiver.id },
    });
    const token = linkOf(issued).split('/reset/')[1];
    expect((await callLoader(resetLoader, { path: '', params: { token } })).data.email).toBe(w.caregiver.email);
    expectRedirect(
      await callAction(resetAction, {
        path: '',
        params: { token },
        form: { password: 'pengasuh baru sekali', confirm: 'pengasuh baru sekali' },
      }),
      /^\/login\?reset=1/,
    );
    expect(
      (
        await callAction(resetAction, {
          path: '',
          params: { token },
          form: { password: 'lagi lagi lagi', confirm: 'lagi lagi lagi' },
        })
      ).data.errors,
    ).toEqual({ form: 'errors.resetInvalid' });
    expectRedirect(await callLoader(homeLoader, { path: '/', cookie: caregiverSession }), /^\/login/);
    expectRedirect(
      await callAction(loginAction, {
        path: '/login',
        form: { email: w.caregiver.email, password: 'pengasuh baru sekali' },
      }),
      '/',
    );

    await getDb()
      .updateTable('users')
      .set({ totp_enabled_at: new Date().toISOString(), totp_secret: 'JBSWY3DPEHPK3PXP' })
      .where('id', '=', w.caregiver.id)
      .execute();
    const again = await callAction(staffAction, {
      ...at(w.center.id, '/staff', coordinator),
      form: { intent: 'reset-link', userId: w.caregiver.id },
    });
    const second = linkOf(again).split('/reset/')[1];
    await callAction(resetAction, {
      path: '',
      params: { token: second },
      form: { password: 'pengasuh ketiga kali', confirm: 'pengasuh ketiga kali' },
    });
    expectRedirect(
      await callAction(loginAction, {
        path: '/login',
        form: { email: w.caregiver.email, password: 'pengasuh ketiga kali' },
      }),
      /^\/login\/two-factor/,
    );
  });

  it('closes an account only for the person, with their password', async () => {
    const person = await makeUser(getDb(), {
      email: 'tutup@example.test',
      password: PASSWORD,
      memberships: [{ centerId: w.center.id, role: 'teacher' }],
    });
    const cookie = await sessionCookie(person.id);
    expect(
      (
        await callAction(accountAction, {
          path: '/account',
          cookie,
          form: { intent: 'close-account', current_password: 'salah' },
        })
      ).data.errors,
    ).toEqual({ current_password: 'errors.wrongPassword' });
    expectRedirect(
      await callAction(accountAction, {
        path: '/account',
        cookie,
        form: { intent: 'close-account', current_password: PASSWORD },
      }),
      '/login',
    );
    expect(
      (await callAction(loginAction, { path: '/login', form: { email: person.email, password: PASSWORD } })).data
        .errors,
    ).toEqual({ form: 'errors.accountDisabled' });
  });

  it('shows only this center’s pending guardian invitations, to the coordinator', async () => {
    const caregiver = await sessionCookie(w.caregiver.id);
    const page = await callLoader(childLoader, {
      path: '',
      params: { centerId: w.center.id, childId: w.child.id },
      cookie: caregiver,
    });
    expect(page.data.pendingGuardians).toEqual([]);
  });
});

describe('found by trying the rebuilt model as an attacker', () => {
  it('re-checks a reset link when it is used: not once its person joined a center the issuer does not coordinate', async () => {
    const person = await makeUser(getDb(), {
      email: 'pindah@example.test',
      password: PASSWORD,
      memberships: [{ centerId: w.center.id, role: 'caregiver' }],
    });
    const coordinator = await sessionCookie(w.coordinator.id);
    const issued = await callAction(staffAction, {
      ...at(w.center.id, '/staff', coordinator),
      form: { intent: 'reset-link', userId: person.id },
    });
    const token = linkOf(issued).split('/reset/')[1];
    // Meanwhile the person becomes staff of the other center too.
    await getDb()
      .insertInto('memberships')
      .values({
        id: 'm-pindah',
        user_id: person.id,
        center_id: w.other.id,
        role: 'teacher',
        created_at: new Date().toISOString(),
        suspended_at: null,
        suspended_by: null,
      })
      .execute();
    expect(
      (
        await callAction(resetAction, {
          path: '',
          params: { token },
          form: { password: 'diambil alih sekali', confirm: 'diambil alih sekali' },
        })
      ).data.errors,
    ).toEqual({ form: 'errors.resetInvalid' });
    expectRedirect(
      await callAction(loginAction, { path: '/login', form: { email: person.email, password: PASSWORD } }),
      '/',
    );
  });

  it('voids open reset links when the person changes their password', async () => {
    const person = await makeUser(getDb(), {
      email: 'ganti.lagi@example.test',
      password: PASSWORD,
      memberships: [{ centerId: w.center.id, role: 'caregiver' }],
    });
    const issued = await callAction(staffAction, {
      ...at(w.center.id, '/staff', await sessionCookie(w.coordinator.id)),
      form: { intent: 'reset-link', userId: person.id },
    });
    const token = linkOf(issued).split('/reset/')[1];
    await callAction(accountAction, {
      path: '/account',
      cookie: await sessionCookie(person.id),
      form: {
        intent: 'change-password',
        current_password: PASSWORD,
        password: 'pilihan saya sendiri',
        confirm: 'pilihan saya sendiri',
      },
    });
    expect((await callLoader(resetLoader, { path: '', params: { token } })).data.email).toBeNull();
  });

  it('ends an invitation when its inviter is no longer a coordinator there', async () => {
    const inviter = await makeUser(getDb(), {
      email: 'koor.sementara@example.test',
      memberships: [{ centerId: w.center.id, role: 'coordinator' }],
    });
    const link = await callAction(staffAction, {
      ...at(w.center.id, '/staff', await sessionCookie(inviter.id)),
      form: { intent: 'invite', name: 'Kawan', email: 'kawan@example.test', role: 'coordinator' },
    });
    const token = linkOf(link).split('/invite/')[1];
    await callAction(staffAction, {
      ...at(w.center.id, '/staff', await sessionCookie(w.coordinator.id)),
      form: { intent: 'remove', userId: inviter.id },
    });
    expect(
      (
        await callAction(inviteAction, {
          path: '',
          params: { token },
          form: { name: 'Kawan', password: 'sepuluh karakter', confirm: 'sepuluh karakter' },
        })
      ).data.errors,
    ).toEqual({ form: 'errors.inviteInvalid' });
  });

  it('throttles the password check of closing an account', async () => {
    const person = await makeUser(getDb(), { email: 'tebak@example.test', password: PASSWORD });
    const cookie = await sessionCookie(person.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        callAction(accountAction, {
          path: '/account',
          cookie,
          ip: '10.7.7.7',
          form: { intent: 'close-account', current_password: `tebakan ${i}` },
        }),
      ),
    );
    expect(
      results.filter((r) => r.data.errors?.current_password === 'errors.wrongPassword').length,
    ).toBeLessThanOrEqual(THROTTLE.account.free);
  });

  it('limits how often a guardian may try kiosk phones (a refused one tells that someone uses it)', async () => {
    const results = [];
    for (let i = 0; i < 11; i++)
      results.push(
        await setKioskPin({
          userId: dual.id,
          centerId: w.center.id,
          phone: `+62812777700${String(i).padStart(2, '0')}`,
          pin: '135790',
        }),
      );
    expect(results.at(-1)).toEqual({ ok: false, error: 'tooManyPinChanges' });
  });

  it('never shows a hash in the audit log, the pairing code’s included', async () => {
    await pairedDevice(w.center.id, w.coordinator.id);
    const rows = await getDb().selectFrom('audit_log').select('changes').where('entity', '=', 'kiosk_device').execute();
    expect(rows.length).toBeGreaterThan(0);
    const hashes = rows.flatMap((r) =>
      Object.entries(JSON.parse(r.changes) as Record<string, unknown[]>)
        .filter(([field]) => field.endsWith('_hash'))
        .flatMap(([, values]) => values),
    );
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes.every((v) => v === null || v === '••••')).toBe(true);
  });

  it('keeps attendance consistent: no times on an absence, no typed departure for a child still here, no withdrawal before the start', async () => {
    const caregiver = await sessionCookie(w.caregiver.id);
    const child = await makeChild(getDb(), {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Anak Konsisten',
    });
    await checkIn({ centerId: w.center.id, childId: child.id, actorId: w.caregiver.id });
    const present = await getDb()
      .selectFrom('attendance')
      .select('id')
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow();
    const correction = { path: '', params: { centerId: w.center.id, attendanceId: present.id }, cookie: caregiver };
    expect(
      (
        await callAction(correctionAction, {
          ...correction,
          form: { intent: 'times', check_out_time: '15:00', reason: 'lupa' },
        })
      ).data.errors,
    ).toEqual({ form: 'errors.correction_notCheckedOut' });
    const coordinator = await sessionCookie(w.coordinator.id);
    const withdrawn = await callAction(childAction, {
      path: '',
      params: { centerId: w.center.id, childId: child.id },
      cookie: coordinator,
      form: { intent: 'withdraw', withdrawn_on: '1900-01-01', withdrawn_reason: 'pindah' },
    });
    expect(withdrawn.data.errors).toEqual({ withdrawn_on: `errors.dateTooEarly?date=${child.birth_date}` });
  });
});
