// Reading the session, its user and their memberships runs on every request: one query, whatever
// the user is (staff of two centers, a guardian, both, nobody's). Counted at the database driver, so
// a second query added anywhere on that path fails here.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb, observeQueries } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { linkGuardian, makeUser } from '~db/seed/factories';
import { getOptionalUser, requireUser } from '~/modules/auth/require-user.server';
import { hashToken } from '~/modules/auth/tokens.server';
import { action as todayAction, loader as todayLoader } from '~/routes/c.$centerId.today';
import { loader as familyLoader } from '~/routes/family._index';
import { loader as childLoader } from '~/routes/family.children.$childId._index';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
/** Coordinator of the first center, teacher of the second, suspended in a third, guardian of a child. */
let dual: Awaited<ReturnType<typeof makeUser>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  w = await twoCenters();
  const db = getDb();
  const { makeCenter } = await import('~db/seed/factories');
  const third = await makeCenter(db, { name: 'AAA Ditangguhkan' });
  dual = await makeUser(db, {
    email: 'dua.pusat@example.test',
    name: 'Dua Pusat',
    memberships: [
      { centerId: w.other.id, role: 'teacher' },
      { centerId: w.center.id, role: 'coordinator' },
      { centerId: third.id, role: 'coordinator' },
    ],
  });
  await db
    .updateTable('memberships')
    .set({ suspended_at: nowIso(), suspended_by: w.coordinator.id })
    .where('user_id', '=', dual.id)
    .where('center_id', '=', third.id)
    .execute();
  await linkGuardian(db, { childId: w.child.id, userId: dual.id });
  for (const who of ['caregiver', 'parent', 'otherParent'] as const) cookies[who] = await sessionCookie(w[who].id);
  cookies.dual = await sessionCookie(dual.id);
});

let stop: (() => void) | undefined;
afterEach(() => stop?.());

/** The statements `run` sends to the database. */
async function statementsOf(run: () => Promise<unknown>) {
  const seen: string[] = [];
  stop = observeQueries((sql) => seen.push(sql));
  try {
    await run();
  } finally {
    stop();
  }
  return seen;
}

const readsSession = (sql: string) => /"sessions"/.test(sql);
const readsMemberships = (sql: string) => /"memberships"/.test(sql);

const ORIGIN = 'http://localhost:3000';
const requestWith = (cookie?: string) => new Request(`${ORIGIN}/`, { headers: cookie ? { Cookie: cookie } : {} });

describe('the session, the user and their memberships are one query', () => {
  it('requireUser reads all of it at once and callers see the same user as before', async () => {
    let viewer: Awaited<ReturnType<typeof requireUser>> | undefined;
    const sqls = await statementsOf(async () => {
      viewer = await requireUser(requestWith(cookies.dual), { centerId: w.other.id });
    });
    expect(sqls).toHaveLength(1);
    expect(readsSession(sqls[0]) && readsMemberships(sqls[0])).toBe(true);
    expect(viewer!.user).toEqual({
      id: dual.id,
      name: 'Dua Pusat',
      email: 'dua.pusat@example.test',
      language: 'id',
      twoFactorEnabled: false,
      // Ordered by center name; the suspended membership is not there.
      memberships: [
        { centerId: w.other.id, centerName: 'TARA Lain', role: 'teacher', requireTwoFactor: false },
        { centerId: w.center.id, centerName: 'TAS Mawar', role: 'coordinator', requireTwoFactor: false },
      ],
      isGuardian: true,
      isRegional: false,
    });
    expect(viewer!.roles).toEqual(['teacher']);
    expect(viewer!.session).toMatchObject({ userId: dual.id, twoFactorPassed: true, flash: null });
  });

  it('a parent without memberships and a staff member who is no guardian: one query each', async () => {
    let parent: Awaited<ReturnType<typeof getOptionalUser>> = null;
    expect(
      await statementsOf(async () => {
        parent = await getOptionalUser(requestWith(cookies.parent));
      }),
    ).toHaveLength(1);
    expect(parent!.user).toMatchObject({ id: w.parent.id, memberships: [], isGuardian: true });
    let caregiver: Awaited<ReturnType<typeof getOptionalUser>> = null;
    expect(
      await statementsOf(async () => {
        caregiver = await getOptionalUser(requestWith(cookies.caregiver));
      }),
    ).toHaveLength(1);
    expect(caregiver!.user).toMatchObject({
      id: w.caregiver.id,
      isGuardian: false,
      memberships: [{ centerId: w.center.id, role: 'caregiver' }],
    });
  });

  it.each([
    [
      'the door screen',
      () =>
        callLoader(todayLoader, {
          path: `/c/${w.center.id}/today`,
          cookie: cookies.caregiver,
          params: { centerId: w.center.id },
        }),
    ],
    [
      'a check-in',
      () =>
        callAction(todayAction, {
          path: `/c/${w.center.id}/today`,
          cookie: cookies.caregiver,
          params: { centerId: w.center.id },
          form: { intent: 'check-in', childId: w.child.id },
        }),
    ],
    ['the family home', () => callLoader(familyLoader, { path: '/family', cookie: cookies.parent })],
    [
      "a guardian's child page",
      () =>
        callLoader(childLoader, {
          path: `/family/children/${w.child.id}`,
          cookie: cookies.parent,
          params: { childId: w.child.id },
        }),
    ],
  ] as const)('%s reads the session and memberships in one statement', async (_name, run) => {
    let status = 0;
    const sqls = await statementsOf(async () => {
      status = (await run()).status;
    });
    expect(status).toBe(200);
    expect(sqls.filter(readsSession)).toHaveLength(1);
    expect(sqls.filter(readsMemberships)).toHaveLength(1);
    expect(sqls.find(readsSession)).toBe(sqls.find(readsMemberships));
  });
});

describe('what the one query must still refuse', () => {
  it('no cookie, an unknown token: sign-in, after one query at most', async () => {
    expect(await statementsOf(() => getOptionalUser(requestWith()))).toHaveLength(0);
    const path = `/c/${w.center.id}/today`;
    const result = await callLoader(todayLoader, {
      path,
      cookie: `${cookies.caregiver.slice(0, -4)}AAAA`,
      params: { centerId: w.center.id },
    });
    expectRedirect(result, `/login?redirectTo=${encodeURIComponent(path)}`);
  });

  it("a suspended membership's center, another center's ids, another family's child: 404", async () => {
    const suspended = await getDb()
      .selectFrom('memberships')
      .select('center_id')
      .where('user_id', '=', dual.id)
      .where('suspended_at', 'is not', null)
      .executeTakeFirstOrThrow();
    for (const [cookie, centerId] of [
      [cookies.dual, suspended.center_id],
      [cookies.caregiver, w.other.id],
      [cookies.parent, w.center.id],
    ])
      expect(
        (await callLoader(todayLoader, { path: `/c/${centerId}/today`, cookie, params: { centerId } })).status,
      ).toBe(404);
    expect(
      (
        await callLoader(childLoader, {
          path: `/family/children/${w.child.id}`,
          cookie: cookies.otherParent,
          params: { childId: w.child.id },
        })
      ).status,
    ).toBe(404);
  });

  it('a pending guardian invitation gives no access to the child', async () => {
    const invited = await makeUser(getDb(), { email: 'diundang@example.test' });
    await getDb()
      .insertInto('invites')
      .values({
        id: newId(),
        token_hash: hashToken('pending-invitation'),
        center_id: w.center.id,
        email: invited.email,
        name: invited.name,
        role: 'guardian',
        invited_by: w.coordinator.id,
        expires_at: new Date(Date.now() + 86_400_000).toISOString(),
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
        created_at: nowIso(),
        child_id: w.child.id,
        relationship: 'ibu',
        phone: null,
      })
      .execute();
    const cookie = await sessionCookie(invited.id);
    const viewer = await getOptionalUser(requestWith(cookie));
    expect(viewer!.user).toMatchObject({ memberships: [], isGuardian: false });
    const result = await callLoader(childLoader, {
      path: `/family/children/${w.child.id}`,
      cookie,
      params: { childId: w.child.id },
    });
    expect(result.status).toBe(404);
  });

  it('a disabled account is signed out; a session still owing its second factor goes to the code page', async () => {
    const gone = await makeUser(getDb(), {
      email: 'nonaktif@example.test',
      memberships: [{ centerId: w.center.id, role: 'caregiver' }],
    });
    const cookie = await sessionCookie(gone.id);
    await getDb().updateTable('users').set({ disabled_at: nowIso() }).where('id', '=', gone.id).execute();
    const path = `/c/${w.center.id}/today`;
    expectRedirect(
      await callLoader(todayLoader, { path, cookie, params: { centerId: w.center.id } }),
      `/login?redirectTo=${encodeURIComponent(path)}`,
    );
    const halfway = await sessionCookie(w.caregiver.id, { twoFactorPassed: false });
    expectRedirect(
      await callLoader(todayLoader, { path, cookie: halfway, params: { centerId: w.center.id } }),
      '/login/two-factor',
    );
    expect(await getOptionalUser(requestWith(halfway))).toBeNull();
  });

  it('an idle session ends (and is deleted); a session seen over a minute ago is marked seen', async () => {
    const user = await makeUser(getDb(), { email: 'sesi.lama@example.test' });
    const cookie = await sessionCookie(user.id);
    const sessionRow = () =>
      getDb().selectFrom('sessions').select('last_seen_at').where('user_id', '=', user.id).executeTakeFirst();
    const setSeen = (at: string) =>
      getDb().updateTable('sessions').set({ last_seen_at: at }).where('user_id', '=', user.id).execute();
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000).toISOString();
    await setSeen(fiveMinutesAgo);
    const sqls = await statementsOf(() => getOptionalUser(requestWith(cookie)));
    expect(sqls).toHaveLength(2); // the read, then the once-a-minute touch
    expect((await sessionRow())!.last_seen_at > fiveMinutesAgo).toBe(true);
    await setSeen(new Date(Date.now() - 13 * 3_600_000).toISOString());
    expect(await getOptionalUser(requestWith(cookie))).toBeNull();
    expect(await sessionRow()).toBeUndefined();
  });
});
