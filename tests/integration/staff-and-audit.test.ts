import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { loader as auditLoader } from '~/routes/c.$centerId.audit';
import { action as settingsAction } from '~/routes/c.$centerId.settings';
import { action as staffAction, loader as staffLoader } from '~/routes/c.$centerId.staff';
import { action as acceptAction, loader as inviteLoader } from '~/routes/invite.$token';
import { loader as homeLoader } from '~/routes/_index';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, linkOf, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let coordinator: string;

beforeAll(async () => {
  w = await twoCenters();
  coordinator = await sessionCookie(w.coordinator.id);
});

const staffPath = () => ({ path: `/c/${w.center.id}/staff`, params: { centerId: w.center.id }, cookie: coordinator });
const invite = (form: Record<string, string>) =>
  callAction(staffAction, { ...staffPath(), form: { intent: 'invite', ...form } });
const tokenOf = (link: string) => link.split('/invite/')[1];

describe('inviting staff', () => {
  it('creates a one-time link; the invitee sets a password and lands in the center', async () => {
    const result = await invite({ name: 'Rina Guru', email: 'Rina@Example.test', role: 'teacher' });
    expect(linkOf(result)).toMatch(/^http:\/\/localhost:3000\/invite\/[\w-]{20,}$/);
    const token = tokenOf(linkOf(result));
    const page = await callLoader(inviteLoader, { path: `/invite/${token}`, params: { token } });
    expect(page.data.invite).toMatchObject({ email: 'rina@example.test', role: 'teacher', centerName: 'TAS Mawar' });

    const short = await callAction(acceptAction, {
      path: `/invite/${token}`,
      params: { token },
      form: { name: 'Rina', password: 'short', confirm: 'short' },
    });
    expect(short.data).toMatchObject({
      errors: { password: 'errors.passwordTooShort?min=10' },
      values: { name: 'Rina' },
    });

    const accepted = await callAction(acceptAction, {
      path: `/invite/${token}`,
      params: { token },
      form: { name: 'Rina', password: 'sepuluh karakter', confirm: 'sepuluh karakter' },
    });
    expectRedirect(accepted, `/c/${w.center.id}`);
    const cookie = accepted.headers.get('Set-Cookie')!.split(';')[0];
    expectRedirect(
      await callLoader(homeLoader, { path: '/', cookie }),
      `/c/${w.center.id}/classrooms/${w.classroom.id}`,
    );

    const again = await callAction(acceptAction, {
      path: `/invite/${token}`,
      params: { token },
      form: { name: 'Rina', password: 'sepuluh karakter', confirm: 'sepuluh karakter' },
    });
    expect(again.data.errors).toEqual({ form: 'errors.inviteInvalid' });
  });

  it('refuses expired and unknown links', async () => {
    const result = await invite({ name: 'Lama', email: 'lama@example.test', role: 'caregiver' });
    const token = tokenOf(linkOf(result));
    await getDb()
      .updateTable('invites')
      .set({ expires_at: '2026-01-01T00:00:00.000Z' })
      .where('email', '=', 'lama@example.test')
      .execute();
    expect((await callLoader(inviteLoader, { path: `/invite/${token}`, params: { token } })).data.invite).toBeNull();
    expect(
      (await callLoader(inviteLoader, { path: '/invite/nope', params: { token: 'nope' } })).data.invite,
    ).toBeNull();
  });

  it('answers the same for an email that has an account, and gives no role until its owner accepts', async () => {
    const fresh = await invite({ name: 'Baru', email: 'baru@example.test', role: 'teacher' });
    const existing = await invite({ name: 'Guru', email: w.otherCoordinator.email, role: 'teacher' });
    expect(Object.keys(existing.data)).toEqual(Object.keys(fresh.data));
    expect(linkOf(existing)).toMatch(/\/invite\//);
    const staff = await callLoader(staffLoader, staffPath());
    expect(staff.data.staff.find((s) => s.email === w.otherCoordinator.email)).toBeUndefined();

    // The link alone cannot take over the account: creating it is refused, signing in is needed.
    const token = tokenOf(linkOf(existing));
    const takeover = await callAction(acceptAction, {
      path: `/invite/${token}`,
      params: { token },
      form: { name: 'Penyusup', password: 'sepuluh karakter', confirm: 'sepuluh karakter' },
    });
    expect(takeover.data.errors).toEqual({ form: 'errors.inviteAccountExists' });
    const someoneElse = await callAction(acceptAction, {
      path: `/invite/${token}`,
      params: { token },
      cookie: await sessionCookie(w.teacher.id),
      form: { intent: 'accept' },
    });
    expect(someoneElse.data.errors).toEqual({ form: 'errors.inviteOtherAccount' });

    const owner = await sessionCookie(w.otherCoordinator.id);
    const page = await callLoader(inviteLoader, { path: `/invite/${token}`, params: { token }, cookie: owner });
    expect(page.data.viewer).toEqual({ email: w.otherCoordinator.email, matches: true });
    expectRedirect(
      await callAction(acceptAction, {
        path: `/invite/${token}`,
        params: { token },
        cookie: owner,
        form: { intent: 'accept' },
      }),
      `/c/${w.center.id}`,
    );
    const after = await callLoader(staffLoader, staffPath());
    expect(after.data.staff.find((s) => s.email === w.otherCoordinator.email)?.roles).toEqual(['teacher']);
  });

  it('sends an invitation again with a new link (the old one stops working), or withdraws it', async () => {
    const first = tokenOf(linkOf(await invite({ name: 'Ulang', email: 'ulang@example.test', role: 'caregiver' })));
    const id = (
      await getDb()
        .selectFrom('invites')
        .select('id')
        .where('email', '=', 'ulang@example.test')
        .executeTakeFirstOrThrow()
    ).id;
    const renewed = await callAction(staffAction, { ...staffPath(), form: { intent: 'invite-renew', id } });
    const second = tokenOf(linkOf(renewed));
    expect((await callLoader(inviteLoader, { path: '', params: { token: first } })).data.invite).toBeNull();
    expect((await callLoader(inviteLoader, { path: '', params: { token: second } })).data.invite).toMatchObject({
      email: 'ulang@example.test',
    });
    await callAction(staffAction, { ...staffPath(), form: { intent: 'invite-revoke', id } });
    expect((await callLoader(inviteLoader, { path: '', params: { token: second } })).data.invite).toBeNull();
    const foreign = await callAction(staffAction, {
      path: `/c/${w.other.id}/staff`,
      params: { centerId: w.other.id },
      cookie: await sessionCookie(w.otherCoordinator.id),
      form: { intent: 'invite-renew', id },
    });
    expect(foreign.status).toBe(404);
  });

  it('re-renders bad input with messages and what was typed', async () => {
    const result = await invite({ name: '', email: 'bukan-email', role: 'kepala' });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      intent: 'invite',
      errors: { name: 'errors.required', email: 'errors.email', role: 'errors.choose' },
      values: { email: 'bukan-email', role: 'kepala' },
    });
    expect((await invite({ name: 'x'.repeat(121), email: 'a@b.id', role: 'teacher' })).data.errors).toEqual({
      name: 'errors.tooLong?max=120',
    });
  });
});

describe('suspending and removing staff', () => {
  it('ends the role in this center at once and leaves the account and other centers alone', async () => {
    const teacherCookie = await sessionCookie(w.teacher.id);
    expect(
      (await callAction(staffAction, { ...staffPath(), form: { intent: 'suspend', userId: w.teacher.id } })).status,
    ).toBe(200);
    // The session lives on, without the center: the home page no longer offers it.
    const home = await callLoader(homeLoader, { path: '/', cookie: teacherCookie });
    expect(home.data.centers).toEqual([]);
    expect(
      (await getDb().selectFrom('users').select('disabled_at').where('id', '=', w.teacher.id).executeTakeFirstOrThrow())
        .disabled_at,
    ).toBeNull();
    expect((await callLoader(staffLoader, staffPath())).data.staff.find((s) => s.id === w.teacher.id)?.suspended).toBe(
      true,
    );

    expect(
      (await callAction(staffAction, { ...staffPath(), form: { intent: 'reactivate', userId: w.teacher.id } })).status,
    ).toBe(200);
    expectRedirect(
      await callLoader(homeLoader, { path: '/', cookie: teacherCookie }),
      `/c/${w.center.id}/classrooms/${w.classroom.id}`,
    );

    const foreign = await callAction(staffAction, {
      ...staffPath(),
      form: { intent: 'suspend', userId: w.otherParent.id },
    });
    expect(foreign.status).toBe(404);
    const self = await callAction(staffAction, {
      ...staffPath(),
      form: { intent: 'remove', userId: w.coordinator.id },
    });
    expect(self.status).toBe(404);
  });
});

describe('the audit log', () => {
  it('records who changed which fields, and coordinators can filter it by kind of record', async () => {
    const form = {
      name: 'TAS Mawar Baru',
      address: 'Jl. Mawar 2',
      province: 'DKI Jakarta',
      city: 'Jakarta Timur',
      time_zone: 'Asia/Jakarta',
      capacity: '45',
      contact_phone: '0812-1111-2222',
      contact_email: '',
      open_mon: '07:00',
      close_mon: '17:00',
      lactation_room: 'on',
    };
    expectRedirect(
      await callAction(settingsAction, {
        path: `/c/${w.center.id}/settings`,
        params: { centerId: w.center.id },
        cookie: coordinator,
        form,
      }),
      `/c/${w.center.id}/settings`,
    );
    const log = await callLoader(auditLoader, {
      path: `/c/${w.center.id}/audit?entity=center`,
      params: { centerId: w.center.id },
      cookie: coordinator,
    });
    const [entry] = log.data.entries;
    expect(entry).toMatchObject({
      entity: 'center',
      action: 'update',
      actor: { name: 'Koor', role: 'Koordinator' },
      entityId: w.center.id,
      record: 'TAS Mawar Baru',
    });
    const field = (name: string) => entry.fields.find((f) => f.field === name);
    expect(field('name')).toMatchObject({ label: 'Nama', before: 'TAS Mawar', after: 'TAS Mawar Baru' });
    expect(field('capacity')).toMatchObject({ label: 'Kapasitas', before: '60', after: '45' });
    expect(field('contact_phone')).toMatchObject({ before: '+622112345678', after: '+6281211112222' });
    expect(field('lactation_room')).toMatchObject({ before: 'Tidak', after: 'Ya' });
    expect(log.data.entries.every((e) => e.entity === 'center')).toBe(true);

    const all = await callLoader(auditLoader, {
      path: `/c/${w.center.id}/audit`,
      params: { centerId: w.center.id },
      cookie: coordinator,
    });
    expect(new Set(all.data.entries.map((e) => e.entity))).toEqual(new Set(['center', 'invite', 'user', 'membership']));
    expect(JSON.stringify(all.data.entries)).not.toMatch(/argon2/);
  });

  it('keeps a bad settings form with its errors and changes nothing', async () => {
    const result = await callAction(settingsAction, {
      path: `/c/${w.center.id}/settings`,
      params: { centerId: w.center.id },
      cookie: coordinator,
      form: {
        name: '',
        address: 'x',
        province: 'x',
        city: 'x',
        time_zone: 'Asia/Jakarta',
        capacity: '-3',
        contact_phone: 'telepon',
        open_mon: '17:00',
        close_mon: '07:00',
      },
    });
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({
      name: 'errors.required',
      capacity: 'errors.min?min=1',
      contact_phone: 'errors.phone',
    });
    expect(result.data.values.contact_phone).toBe('telepon');
  });
});

describe('classrooms and ratios', () => {
  const settings = () => ({
    path: `/c/${w.center.id}/settings`,
    params: { centerId: w.center.id },
    cookie: coordinator,
  });
  it('adds and edits classrooms (audited) and confirms the ratio rules', async () => {
    const bad = await callAction(settingsAction, {
      ...settings(),
      form: { intent: 'classroom', name: 'Bayi', min_age_months: '12', max_age_months: '6', capacity: '0' },
    });
    expect(bad.data.errors).toMatchObject({ capacity: 'errors.min?min=1', max_age_months: 'errors.maxAboveMin' });
    expectRedirect(
      await callAction(settingsAction, {
        ...settings(),
        form: { intent: 'classroom', name: 'Bayi Baru', min_age_months: '3', max_age_months: '23', capacity: '6' },
      }),
      `/c/${w.center.id}/settings`,
    );
    const room = await getDb()
      .selectFrom('classrooms')
      .select('id')
      .where('name', '=', 'Bayi Baru')
      .executeTakeFirstOrThrow();
    expectRedirect(
      await callAction(settingsAction, {
        ...settings(),
        form: {
          intent: 'classroom',
          classroomId: room.id,
          name: 'Bayi Melati',
          min_age_months: '3',
          max_age_months: '23',
          capacity: '8',
        },
      }),
      `/c/${w.center.id}/settings`,
    );
    const otherRoom = await getDb()
      .selectFrom('classrooms')
      .select('id')
      .where('center_id', '=', w.other.id)
      .executeTakeFirstOrThrow();
    expect(
      (
        await callAction(settingsAction, {
          ...settings(),
          form: {
            intent: 'classroom',
            classroomId: otherRoom.id,
            name: 'Diambil',
            min_age_months: '3',
            max_age_months: '23',
            capacity: '8',
          },
        })
      ).status,
    ).toBe(404);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('changes')
      .where('entity', '=', 'classroom')
      .where('entity_id', '=', room.id)
      .orderBy('at')
      .execute();
    expect(JSON.parse(audit[1].changes)).toEqual({ name: ['Bayi Baru', 'Bayi Melati'], capacity: [6, 8] });

    expectRedirect(
      await callAction(settingsAction, {
        ...settings(),
        form: { intent: 'ratios', under2: '4', from2to4: '8', from4to6: '12' },
      }),
      `/c/${w.center.id}/settings`,
    );
    const center = await getDb()
      .selectFrom('centers')
      .select(['ratio_rules', 'ratio_confirmed_at'])
      .where('id', '=', w.center.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(center.ratio_rules!)).toEqual([
      { maxMonths: 23, children: 4 },
      { maxMonths: 47, children: 8 },
      { maxMonths: 83, children: 12 },
    ]);
    expect(center.ratio_confirmed_at).not.toBeNull();
  });
});
