// Regional oversight, access: the regional person reads their regions' figures and nothing else.
// A child, a center page or a center outside their regions answers 404 and is recorded as refused
// under the record's own center. Both databases.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { makeCenter, makeChild, makeUser } from '~db/seed/factories';
import { rollUpRegionalFigures } from '~/modules/regional/rollups.server';
import { loader as centerHome } from '~/routes/c.$centerId._index';
import { loader as childRecord } from '~/routes/c.$centerId.children.$childId._index';
import { loader as settingsLoader } from '~/routes/c.$centerId.settings';
import { loader as familyChild } from '~/routes/family.children.$childId._index';
import { loader as home } from '~/routes/_index';
import { loader as regionLoader } from '~/routes/region._index';
import { loader as monthsLoader } from '~/routes/region.months';
import { loader as csvLoader } from '~/routes/region[.]csv';
import { loader as visitLoader } from '~/routes/region.centers.$centerId';
import { twoCenters } from '../support/fixtures';
import { callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let bandung: { id: string };
let regional: { id: string };
let regionalCookie: string;

async function grantRegion(userId: string, province: string, city: string | null) {
  await getDb()
    .insertInto('regional_roles')
    .values({ id: newId(), user_id: userId, province, city, invite_id: null, created_at: nowIso(), ended_at: null })
    .execute();
}

const refusals = () =>
  getDb()
    .selectFrom('audit_log')
    .select(['center_id', 'entity', 'entity_id', 'child_id', 'action'])
    .where('actor_id', '=', regional.id)
    .where('action', '=', 'refused')
    .execute();

beforeAll(async () => {
  w = await twoCenters();
  // Both fixture centers are in Jakarta Timur, DKI Jakarta. Bandung is elsewhere.
  bandung = await makeCenter(getDb(), { name: 'TAS Bandung', province: 'Jawa Barat', city: 'Kota Bandung' });
  const melati = await makeCenter(getDb(), { name: 'TAS Melati', province: 'DKI Jakarta', city: 'Jakarta Utara' });
  for (let i = 0; i < 6; i++) await makeChild(getDb(), { centerId: w.center.id, fullName: `Anak Mawar ${i}` });
  for (let i = 0; i < 6; i++) await makeChild(getDb(), { centerId: melati.id, fullName: `Anak Melati ${i}` });
  regional = await makeUser(getDb(), { email: 'dinsos.dki@example.test', name: 'Dinsos DKI' });
  await grantRegion(regional.id, 'DKI Jakarta', null);
  regionalCookie = await sessionCookie(regional.id);
  // Enrolled since January: the roll-ups count to yesterday.
  await getDb().updateTable('children').set({ start_date: '2026-01-05' }).execute();
  await rollUpRegionalFigures();
});

describe('the regional overview', () => {
  it("lists every center of the person's regions with their counts, and never a child's name", async () => {
    const result = await callLoader(regionLoader, { path: '/region', cookie: regionalCookie });
    expect(result.status).toBe(200);
    const names = result.data.centers.map((c) => c.name);
    expect(names.sort()).toEqual(['TARA Lain', 'TAS Mawar', 'TAS Melati']);
    const mawar = result.data.centers.find((c) => c.name === 'TAS Mawar')!;
    expect(mawar.figures.enrolled).toEqual({ kind: 'value', value: 7 });
    // TARA Lain has one child: hidden, and TAS Melati (6, the next smallest) beside it, or it would
    // follow from the total.
    const figureOf = (name: string) => result.data.centers.find((c) => c.name === name)!.figures.enrolled;
    expect(figureOf('TARA Lain')).toEqual({ kind: 'suppressed' });
    expect(figureOf('TAS Melati')).toEqual({ kind: 'suppressed' });
    expect(result.data.total.figures.enrolled).toEqual({ kind: 'value', value: 14 });
    const json = JSON.stringify(result.data);
    for (const name of ['Putri Lestari', 'Bima Saputra', 'Anak Mawar', 'Koor', 'Guru'])
      expect(json).not.toContain(name);
    // No raw counts travel with the figures.
    expect(json).not.toContain('"expected"');
  });

  it('sends a regional person home to the overview', async () => {
    expectRedirect(await callLoader(home, { path: '/', cookie: regionalCookie }), '/region');
  });

  it('has the region by month and as CSV, with the same suppression', async () => {
    const months = await callLoader(monthsLoader, { path: '/region/months', cookie: regionalCookie });
    expect(months.status).toBe(200);
    expect(months.data.months).toHaveLength(12);
    const csv = await callLoader(csvLoader, { path: '/region.csv', cookie: regionalCookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const text = String(csv.data);
    expect(text).toContain('TARA Lain');
    expect(text).toContain('<5');
    expect(text).not.toContain('Putri');
  });

  it('opens a visit page for a center in the region, and refuses one outside it (404, recorded)', async () => {
    const visit = await callLoader(visitLoader, {
      path: `/region/centers/${w.center.id}`,
      params: { centerId: w.center.id },
      cookie: regionalCookie,
    });
    expect(visit.status).toBe(200);
    expect(visit.data.months).toHaveLength(12);
    expect(JSON.stringify(visit.data)).not.toContain('Anak Mawar');
    const outside = await callLoader(visitLoader, {
      path: `/region/centers/${bandung.id}`,
      params: { centerId: bandung.id },
      cookie: regionalCookie,
    });
    expect(outside.status).toBe(404);
    expect(await refusals()).toContainEqual({
      center_id: bandung.id,
      entity: 'center',
      entity_id: bandung.id,
      child_id: null,
      action: 'refused',
    });
  });

  it('is not found for anyone without a regional role', async () => {
    for (const user of [w.coordinator, w.parent]) {
      const cookie = await sessionCookie(user.id);
      expect((await callLoader(regionLoader, { path: '/region', cookie })).status).toBe(404);
      expect((await callLoader(csvLoader, { path: '/region.csv', cookie })).status).toBe(404);
    }
  });
});

describe('what a regional person may not open', () => {
  it("refuses a center's own pages: 404, recorded under that center", async () => {
    const result = await callLoader(centerHome, {
      path: `/c/${w.center.id}`,
      params: { centerId: w.center.id },
      cookie: regionalCookie,
    });
    expect(result.status).toBe(404);
    expect(await refusals()).toContainEqual({
      center_id: w.center.id,
      entity: 'center',
      entity_id: w.center.id,
      child_id: null,
      action: 'refused',
    });
  });

  it("refuses a child's record, by the staff and the family routes: 404, recorded with the child", async () => {
    const staffRoute = await callLoader(childRecord, {
      path: `/c/${w.center.id}/children/${w.child.id}`,
      params: { centerId: w.center.id, childId: w.child.id },
      cookie: regionalCookie,
    });
    expect(staffRoute.status).toBe(404);
    const familyRoute = await callLoader(familyChild, {
      path: `/family/children/${w.otherChild.id}`,
      params: { childId: w.otherChild.id },
      cookie: regionalCookie,
    });
    expect(familyRoute.status).toBe(404);
    const rows = await refusals();
    expect(rows).toContainEqual({
      center_id: w.center.id,
      entity: 'child',
      entity_id: w.child.id,
      child_id: w.child.id,
      action: 'refused',
    });
    expect(rows).toContainEqual({
      center_id: w.other.id,
      entity: 'child',
      entity_id: w.otherChild.id,
      child_id: w.otherChild.id,
      action: 'refused',
    });
  });

  it('records a guessed id with no center, and answers the same 404', async () => {
    const result = await callLoader(childRecord, {
      path: `/c/${w.center.id}/children/no-such-child`,
      params: { centerId: w.center.id, childId: 'no-such-child' },
      cookie: regionalCookie,
    });
    expect(result.status).toBe(404);
    expect(await refusals()).toContainEqual({
      center_id: null,
      entity: 'child',
      entity_id: 'no-such-child',
      child_id: null,
      action: 'refused',
    });
  });

  it('records nothing for staff refused elsewhere (only regional people)', async () => {
    const before = await getDb().selectFrom('audit_log').select('id').where('action', '=', 'refused').execute();
    const cookie = await sessionCookie(w.otherCoordinator.id);
    const result = await callLoader(centerHome, {
      path: `/c/${w.center.id}`,
      params: { centerId: w.center.id },
      cookie,
    });
    expect(result.status).toBe(404);
    const after = await getDb().selectFrom('audit_log').select('id').where('action', '=', 'refused').execute();
    expect(after.length).toBe(before.length);
  });
});

describe("the coordinator's settings", () => {
  it("list who in the region can see the center's figures", async () => {
    const cookie = await sessionCookie(w.coordinator.id);
    const result = await callLoader(settingsLoader, {
      path: `/c/${w.center.id}/settings`,
      params: { centerId: w.center.id },
      cookie,
    });
    expect(result.status).toBe(200);
    expect(result.data.regionalViewers).toEqual([
      expect.objectContaining({
        name: 'Dinsos DKI',
        email: 'dinsos.dki@example.test',
        province: 'DKI Jakarta',
        city: null,
      }),
    ]);
    // A city-level overseer of another city does not see this center.
    const other = await makeUser(getDb(), { email: 'dinsos.jaksel@example.test', name: 'Dinsos Jaksel' });
    await grantRegion(other.id, 'DKI Jakarta', 'Jakarta Selatan');
    const again = await callLoader(settingsLoader, {
      path: `/c/${w.center.id}/settings`,
      params: { centerId: w.center.id },
      cookie,
    });
    expect(again.data.regionalViewers.map((v) => v.name)).toEqual(['Dinsos DKI']);
  });
});
