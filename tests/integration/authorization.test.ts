import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { requireUser } from '~/modules/auth/require-user.server';
import { loader as auditLoader } from '~/routes/c.$centerId.audit';
import { loader as centerHomeLoader } from '~/routes/c.$centerId._index';
import { loader as settingsLoader, action as settingsAction } from '~/routes/c.$centerId.settings';
import { loader as staffLoader, action as staffAction } from '~/routes/c.$centerId.staff';
import { loader as familyLoader } from '~/routes/family._index';
import { loader as homeLoader } from '~/routes/_index';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  w = await twoCenters();
  for (const who of ['coordinator', 'teacher', 'caregiver', 'otherCoordinator', 'parent', 'otherParent'] as const)
    cookies[who] = await sessionCookie(w[who].id);
});

describe('every staff page checks center and role on the server', () => {
  const pages = [
    ['center home', centerHomeLoader, ''],
    ['staff', staffLoader, '/staff'],
    ['settings', settingsLoader, '/settings'],
    ['audit', auditLoader, '/audit'],
  ] as const;

  it.each(pages)('%s: signed-out visitors are sent to sign-in', async (_name, loader, suffix) => {
    const path = `/c/${w.center.id}${suffix}`;
    expectRedirect(
      await callLoader(loader, { path, params: { centerId: w.center.id } }),
      `/login?redirectTo=${encodeURIComponent(path)}`,
    );
  });

  it.each(pages)('%s: a parent gets 404, not the page', async (_name, loader, suffix) => {
    const result = await callLoader(loader, {
      path: `/c/${w.center.id}${suffix}`,
      cookie: cookies.parent,
      params: { centerId: w.center.id },
    });
    expect(result.status).toBe(404);
  });

  it.each(pages)("%s: another center's coordinator gets 404", async (_name, loader, suffix) => {
    const result = await callLoader(loader, {
      path: `/c/${w.center.id}${suffix}`,
      cookie: cookies.otherCoordinator,
      params: { centerId: w.center.id },
    });
    expect(result.status).toBe(404);
  });

  it.each(pages)('%s: an unknown center id is a 404', async (_name, loader, suffix) => {
    const result = await callLoader(loader, {
      path: `/c/nope${suffix}`,
      cookie: cookies.coordinator,
      params: { centerId: 'nope' },
    });
    expect(result.status).toBe(404);
  });

  it.each(pages.slice(1))('%s: teachers and caregivers get 403', async (_name, loader, suffix) => {
    for (const who of ['teacher', 'caregiver']) {
      const result = await callLoader(loader, {
        path: `/c/${w.center.id}${suffix}`,
        cookie: cookies[who],
        params: { centerId: w.center.id },
      });
      expect(result.status).toBe(403);
    }
  });

  it('actions are guarded too: a teacher cannot invite or change settings', async () => {
    const params = { centerId: w.center.id };
    const invite = await callAction(staffAction, {
      path: `/c/${w.center.id}/staff`,
      cookie: cookies.teacher,
      params,
      form: { intent: 'invite', name: 'X', email: 'x@example.test', role: 'coordinator' },
    });
    expect(invite.status).toBe(403);
    const settings = await callAction(settingsAction, {
      path: `/c/${w.center.id}/settings`,
      cookie: cookies.otherCoordinator,
      params,
      form: { name: 'Taken over' },
    });
    expect(settings.status).toBe(404);
    const center = await getDb()
      .selectFrom('centers')
      .select('name')
      .where('id', '=', w.center.id)
      .executeTakeFirstOrThrow();
    expect(center.name).toBe('TAS Mawar');
  });

  it('staff see their own center', async () => {
    const result = await callLoader(centerHomeLoader, {
      path: `/c/${w.center.id}`,
      cookie: cookies.caregiver,
      params: { centerId: w.center.id },
    });
    expect(result.status).toBe(200);
    expect(result.data.classrooms[0].children.map((c) => c.fullName)).toEqual(['Putri Lestari']);
    expect(result.data.totals.staff).toBeNull(); // staff counts are for coordinators
  });
});

describe('parents see only their own children', () => {
  it('lists only linked children', async () => {
    const result = await callLoader(familyLoader, { path: '/family', cookie: cookies.parent });
    expect(result.data.children.map((c) => c.full_name)).toEqual(['Putri Lestari']);
  });

  it('grants a child to its guardian and its center staff, and hides it from everyone else', async () => {
    const ask = (who: string) =>
      requireUser(new Request('http://x/', { headers: { Cookie: cookies[who] } }), { childId: w.child.id });
    await expect(ask('parent')).resolves.toMatchObject({ centerId: w.center.id, roles: [] });
    await expect(ask('teacher')).resolves.toMatchObject({ roles: ['teacher'] });
    for (const who of ['otherParent', 'otherCoordinator']) {
      await expect(ask(who)).rejects.toSatisfy((r: unknown) => r instanceof Response && r.status === 404);
    }
    const unknown = requireUser(new Request('http://x/', { headers: { Cookie: cookies.parent } }), {
      childId: 'no-such-child',
    });
    await expect(unknown).rejects.toSatisfy((r: unknown) => r instanceof Response && r.status === 404);
  });

  it('sends a parent with no staff role straight to the family page', async () => {
    expectRedirect(await callLoader(homeLoader, { path: '/', cookie: cookies.parent }), '/family');
  });
});

describe('a center that requires two-step sign-in', () => {
  it('sends its staff to set it up before anything else', async () => {
    await getDb().updateTable('centers').set({ require_two_factor: 1 }).where('id', '=', w.other.id).execute();
    const result = await callLoader(centerHomeLoader, {
      path: `/c/${w.other.id}`,
      cookie: cookies.otherCoordinator,
      params: { centerId: w.other.id },
    });
    expectRedirect(result, '/account?enrol=required');
  });
});
