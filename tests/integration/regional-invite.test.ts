// A regional overseer is invited by an operator (`asuh invite-regional`) and accepts on the same
// page as every invitation: a new account from the link, or an existing one signing in. Until then
// the invitation gives nothing. Both databases.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeCenter, makeUser } from '~db/seed/factories';
import { inviteRegional } from '~/modules/regional/invites.server';
import { loader as inviteLoader, action as inviteAction } from '~/routes/invite.$token';
import { loader as regionLoader } from '~/routes/region._index';
import { PASSWORD } from '../support/fixtures';
import { runAsuh } from '../support/cli';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

const tokenOf = (out: string) => /^\/invite\/([\w-]{20,})$/.exec(out.trim())![1];
const roles = (userId: string) =>
  getDb()
    .selectFrom('regional_roles')
    .select(['province', 'city'])
    .where('user_id', '=', userId)
    .orderBy('province')
    .execute();

beforeAll(async () => {
  await makeCenter(getDb(), { name: 'TAS Cililitan', province: 'DKI Jakarta', city: 'Jakarta Timur' });
  await makeCenter(getDb(), { name: 'TAS Cimahi', province: 'Jawa Barat', city: 'Kota Cimahi' });
});

describe('asuh invite-regional', () => {
  it('prints a one-time link; the new person sets a password there and sees the region', async () => {
    const cli = await runAsuh([
      'invite-regional',
      '--email',
      'Dinsos.Jaktim@example.test',
      '--province',
      'DKI Jakarta',
      '--city',
      'Jakarta Timur',
    ]);
    expect(cli.code).toBe(0);
    expect(cli.err).toContain('Jakarta Timur, DKI Jakarta');
    const token = tokenOf(cli.out);
    const stored = await getDb()
      .selectFrom('regional_invites')
      .select(['id', 'email', 'province', 'city', 'invited_by', 'token_hash'])
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      email: 'dinsos.jaktim@example.test',
      province: 'DKI Jakarta',
      city: 'Jakarta Timur',
      invited_by: null,
    });
    expect(stored.token_hash).not.toContain(token);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select(['actor_id', 'center_id', 'action'])
      .where('entity', '=', 'regional_invite')
      .where('entity_id', '=', stored.id)
      .execute();
    expect(audit).toEqual([{ actor_id: null, center_id: null, action: 'create' }]);

    const page = await callLoader(inviteLoader, { path: `/invite/${token}`, params: { token } });
    expect(page.data.invite).toMatchObject({
      role: 'regional',
      email: 'dinsos.jaktim@example.test',
      region: { province: 'DKI Jakarta', city: 'Jakarta Timur' },
    });

    // Bad input keeps what was typed and says why, in words.
    const short = await callAction(inviteAction, {
      path: `/invite/${token}`,
      params: { token },
      form: { intent: 'create', name: 'Bu Dinas', password: 'pendek', confirm: 'pendek' },
    });
    expect(short.status).toBe(400);
    expect(short.data).toMatchObject({
      values: { name: 'Bu Dinas' },
      errors: { password: expect.stringMatching(/^errors\./) },
    });

    const created = await callAction(inviteAction, {
      path: `/invite/${token}`,
      params: { token },
      form: { intent: 'create', name: 'Bu Dinas', password: PASSWORD, confirm: PASSWORD },
    });
    expectRedirect(created, '/region');
    const user = await getDb()
      .selectFrom('users')
      .select(['id', 'name'])
      .where('email', '=', 'dinsos.jaktim@example.test')
      .executeTakeFirstOrThrow();
    expect(user.name).toBe('Bu Dinas');
    expect(await roles(user.id)).toEqual([{ province: 'DKI Jakarta', city: 'Jakarta Timur' }]);
    const overview = await callLoader(regionLoader, { path: '/region', cookie: await sessionCookie(user.id) });
    expect(overview.data.centers.map((c) => c.name)).toEqual(['TAS Cililitan']);

    // The link works once.
    const again = await callLoader(inviteLoader, { path: `/invite/${token}`, params: { token } });
    expect(again.data.invite).toBeNull();
  }, 60_000);

  it('gives nothing while pending; an existing account signs in and accepts a second region', async () => {
    const person = await makeUser(getDb(), { email: 'pengawas@example.test', name: 'Pengawas', password: PASSWORD });
    const cookie = await sessionCookie(person.id);
    const cli = await runAsuh(['invite-regional', '--email', 'pengawas@example.test', '--province', 'Jawa Barat']);
    const token = tokenOf(cli.out);
    // Pending: no region yet, so no overview.
    expect((await callLoader(regionLoader, { path: '/region', cookie })).status).toBe(404);
    // Someone else signed in cannot take it.
    const stranger = await makeUser(getDb(), { email: 'lain@example.test', name: 'Lain' });
    const taken = await callAction(inviteAction, {
      path: `/invite/${token}`,
      params: { token },
      cookie: await sessionCookie(stranger.id),
      form: { intent: 'accept' },
    });
    expect(taken.status).toBe(400);
    expect(taken.data).toMatchObject({ errors: { form: 'errors.inviteOtherAccount' } });
    // A new account for an email that has one is refused: sign in instead.
    const exists = await callAction(inviteAction, {
      path: `/invite/${token}`,
      params: { token },
      form: { intent: 'create', name: 'X', password: PASSWORD, confirm: PASSWORD },
    });
    expect(exists.data).toMatchObject({ errors: { form: 'errors.inviteAccountExists' } });

    expectRedirect(
      await callAction(inviteAction, {
        path: `/invite/${token}`,
        params: { token },
        cookie,
        form: { intent: 'accept' },
      }),
      '/region',
    );
    const second = tokenOf(
      (await runAsuh(['invite-regional', '--email', 'pengawas@example.test', '--province', 'DKI Jakarta'])).out,
    );
    expectRedirect(
      await callAction(inviteAction, {
        path: `/invite/${second}`,
        params: { token: second },
        cookie,
        form: { intent: 'accept' },
      }),
      '/region',
    );
    expect(await roles(person.id)).toEqual([
      { province: 'DKI Jakarta', city: null },
      { province: 'Jawa Barat', city: null },
    ]);
    const overview = await callLoader(regionLoader, { path: '/region', cookie });
    expect(overview.data.centers.map((c) => c.name).sort()).toEqual(['TAS Cililitan', 'TAS Cimahi']);
  }, 60_000);

  it('refuses an expired link, and explains bad arguments', async () => {
    const token = await inviteRegional({
      email: 'lama@example.test',
      name: 'Lama',
      province: 'DKI Jakarta',
      city: null,
      now: new Date(Date.now() - 8 * 86_400_000),
    });
    expect((await callLoader(inviteLoader, { path: `/invite/${token}`, params: { token } })).data.invite).toBeNull();
    const missing = await runAsuh(['invite-regional', '--email', 'x@example.test']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('--province');
    const badEmail = await runAsuh(['invite-regional', '--email', 'bukan-email', '--province', 'DKI Jakarta']);
    expect(badEmail.code).toBe(1);
    expect(badEmail.err).toContain('--email');
    const nowhere = await runAsuh(['invite-regional', '--email', 'y@example.test', '--province', 'Jawa Tengha']);
    expect(nowhere.code).toBe(0);
    expect(nowhere.err).toContain('no center is in Jawa Tengha');
  }, 60_000);
});
