import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeChild } from '~db/seed/factories';
import { valueAtZ } from '~/modules/growth/who-standards.server';
import { localDate } from '~/modules/time/time';
import { action as growthAction, loader as growthLoader } from '~/routes/c.$centerId.children.$childId.growth';
import { loader as summaryLoader } from '~/routes/c.$centerId.growth';
import { loader as familyGrowthLoader } from '~/routes/family.children.$childId.growth';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader, expectRedirect, sessionCookie } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
let teacher: string;
let today: string;
const at = (childId: string) => ({
  path: `/c/${w.center.id}/children/${childId}/growth`,
  params: { centerId: w.center.id, childId },
});

beforeAll(async () => {
  w = await twoCenters();
  teacher = await sessionCookie(w.teacher.id);
  today = localDate('Asia/Jakarta');
});

describe('growth measurements', () => {
  it('records a measurement, computes z-scores and flags stunting; the parent sees the same chart', async () => {
    // w.child: a girl born 2024-01-15. A length on the −2.6 SD line is stunted.
    const days = Math.round((Date.parse(today) - Date.parse('2024-01-15')) / 86_400_000);
    const length = Math.round(valueAtZ('lhfa', 'female', days, -2.6)! * 10) / 10;
    const weight = Math.round(valueAtZ('wfa', 'female', days, -1)! * 10) / 10;
    const saved = await callAction(growthAction, {
      ...at(w.child.id),
      cookie: teacher,
      form: {
        measured_on: today,
        weight_kg: String(weight).replace('.', ','),
        length_cm: String(length),
        position: 'standing',
        head_cm: '47',
      },
    });
    expectRedirect(saved, at(w.child.id).path);
    const page = await callLoader(growthLoader, { ...at(w.child.id), cookie: teacher });
    const [m] = page.data.measurements;
    expect(m.z.lhfa).toBeCloseTo(-2.6, 1);
    expect(m.z.classes).toEqual(['stunted']);
    expect(page.data.chart.length.points).toHaveLength(1);

    const family = await callLoader(familyGrowthLoader, {
      path: '',
      params: { childId: w.child.id },
      cookie: await sessionCookie(w.parent.id),
    });
    expect(family.data.measurements[0].z.classes).toEqual(['stunted']);
    expect(
      (
        await callLoader(familyGrowthLoader, {
          path: '',
          params: { childId: w.otherChild.id },
          cookie: await sessionCookie(w.parent.id),
        })
      ).status,
    ).toBe(404);

    const summary = await callLoader(summaryLoader, { path: '', params: { centerId: w.center.id }, cookie: teacher });
    expect(summary.data.center).toMatchObject({
      enrolled: 1,
      measured: 1,
      measuredPct: 100,
      stunted: { n: 1, pct: 100 },
      wasted: { n: 0 },
    });
    expect(summary.data.reminders).toEqual([]);
  });

  it('asks to confirm an implausible value or a wild change from the last measurement', async () => {
    const child = await makeChild(getDb(), {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Tegar',
      birthDate: '2025-06-01',
      sex: 'male',
    });
    const post = (form: Record<string, string>) =>
      callAction(growthAction, { ...at(child.id), cookie: teacher, form: { measured_on: today, ...form } });
    expect((await post({ weight_kg: '30' })).data.errors).toEqual({ confirmed: 'errors.confirmImplausible' });
    expectRedirect(await post({ weight_kg: '9.5' }), at(child.id).path);
    expect((await post({ weight_kg: '14' })).data.errors).toEqual({ confirmed: 'errors.confirmChange' });
    expectRedirect(await post({ weight_kg: '14', confirmed: 'on' }), at(child.id).path);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('actor_id')
      .where('entity', '=', 'measurement')
      .where('changes', 'like', `%${child.id}%`)
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses bad input with clear messages', async () => {
    const post = (form: Record<string, string>) =>
      callAction(growthAction, { ...at(w.child.id), cookie: teacher, form });
    expect((await post({ measured_on: today, weight_kg: '-4' })).data.errors).toEqual({
      weight_kg: 'errors.between?min=0.5&max=60',
    });
    expect((await post({ measured_on: today, length_cm: '0.92', position: 'standing' })).data.errors).toEqual({
      length_cm: 'errors.lengthInMetres',
    });
    expect((await post({ measured_on: '2023-01-01', weight_kg: '9' })).data.errors).toEqual({
      measured_on: 'errors.measuredBeforeBirth',
    });
    expect((await post({ measured_on: today })).data.errors).toEqual({ weight_kg: 'errors.measurementEmpty' });
  });

  it('lets caregivers look but not record, and hides children of other centers', async () => {
    const caregiver = await sessionCookie(w.caregiver.id);
    expect((await callLoader(growthLoader, { ...at(w.child.id), cookie: caregiver })).data.canRecord).toBe(false);
    expect(
      (
        await callAction(growthAction, {
          ...at(w.child.id),
          cookie: caregiver,
          form: { measured_on: today, weight_kg: '10' },
        })
      ).status,
    ).toBe(403);
    expect((await callLoader(growthLoader, { ...at(w.otherChild.id), cookie: teacher })).status).toBe(404);
  });
});
