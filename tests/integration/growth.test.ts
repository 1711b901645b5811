import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeChild, makeClassroom } from '~db/seed/factories';
import { formatDate } from '~/i18n/format';
import { valueAtZ } from '~/modules/growth/who-standards.server';
import { localDate } from '~/modules/time/time';
import { action as growthAction, loader as growthLoader } from '~/routes/c.$centerId.children.$childId.growth';
import { loader as summaryLoader } from '~/routes/c.$centerId.growth';
import { loader as familyGrowthLoader } from '~/routes/family.children.$childId.growth';
import { action as weighingAction, loader as weighingLoader } from '~/routes/c.$centerId.weighing.$classroomId';
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
    const weekAgo = new Date(Date.parse(today) - 7 * 86_400_000).toISOString().slice(0, 10);
    expectRedirect(await post({ weight_kg: '9.5', measured_on: weekAgo }), at(child.id).path);
    // The question names the new value and the previous one with its date.
    expect((await post({ weight_kg: '14' })).data.errors).toEqual({
      confirmed: `errors.confirmChangeWeight?${new URLSearchParams({
        value: '14',
        previous: '9,5',
        date: formatDate(weekAgo, 'id'),
      })}`,
    });
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

describe('weighing day', () => {
  it('asks whether a second measurement on the same day replaces the first, and then replaces it', async () => {
    const child = await makeChild(getDb(), {
      centerId: w.center.id,
      classroomId: w.classroom.id,
      fullName: 'Dua Kali',
      birthDate: '2025-03-01',
      sex: 'female',
    });
    const post = (form: Record<string, string>) =>
      callAction(growthAction, { ...at(child.id), cookie: teacher, form: { measured_on: today, ...form } });
    expectRedirect(await post({ weight_kg: '9,4' }), at(child.id).path);
    expect((await post({ weight_kg: '9,6' })).data.errors).toEqual({ replace: 'errors.sameDayMeasurement' });
    expectRedirect(await post({ weight_kg: '9,6', replace: 'on' }), at(child.id).path);
    const rows = await getDb()
      .selectFrom('measurements')
      .select(['id', 'weight_kg'])
      .where('child_id', '=', child.id)
      .execute();
    expect(rows).toEqual([{ id: expect.any(String), weight_kg: 9.6 }]);
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('changes')
      .where('entity', '=', 'measurement')
      .where('entity_id', '=', rows[0].id)
      .orderBy('at')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[1].changes).toContain('9.4');
  });

  it('saves the good rows of a room table, returns clear per-row errors with what was typed for the others', async () => {
    const db = getDb();
    const room = await makeClassroom(db, { centerId: w.center.id, name: 'Timbang' });
    const make = (fullName: string, sex: 'female' | 'male') =>
      makeChild(db, { centerId: w.center.id, classroomId: room.id, fullName, birthDate: '2024-02-10', sex });
    const ayu = await make('Ayu', 'female');
    const bima = await make('Bima', 'male');
    const candra = await make('Candra', 'male');
    const dewi = await make('Dewi', 'female');
    const page = { path: '', params: { centerId: w.center.id, classroomId: room.id } };
    const loaded = await callLoader(weighingLoader, { ...page, cookie: teacher });
    expect(loaded.data.children.map((c) => c.full_name)).toEqual(['Ayu', 'Bima', 'Candra', 'Dewi']);
    const posted = await callAction(weighingAction, {
      ...page,
      cookie: teacher,
      form: {
        measured_on: today,
        [`weight_kg:${ayu.id}`]: '11,8',
        [`length_cm:${ayu.id}`]: '86',
        [`position:${ayu.id}`]: 'standing',
        [`head_cm:${ayu.id}`]: '47',
        // Metres where centimetres were asked, and a weight far out of range.
        [`weight_kg:${bima.id}`]: '12,1',
        [`length_cm:${bima.id}`]: '0,87',
        [`position:${bima.id}`]: 'standing',
        [`weight_kg:${candra.id}`]: '120',
        [`position:${candra.id}`]: 'standing',
        // Dewi is absent: her empty row is skipped.
        [`position:${dewi.id}`]: 'standing',
      },
    });
    expect(posted.status).toBe(400);
    expect(posted.data.errors).toEqual({
      [`length_cm:${bima.id}`]: 'errors.lengthInMetres',
      [`weight_kg:${candra.id}`]: 'errors.between?min=0.5&max=60',
    });
    expect(posted.data.saved).toEqual([ayu.id]);
    // What was typed comes back for the refused rows only; the saved row shows as measured.
    expect(posted.data.values).toMatchObject({
      [`weight_kg:${bima.id}`]: '12,1',
      [`length_cm:${bima.id}`]: '0,87',
      [`weight_kg:${candra.id}`]: '120',
    });
    expect(posted.data.values[`weight_kg:${ayu.id}`]).toBeUndefined();
    const measured = await db
      .selectFrom('measurements')
      .select(['child_id', 'weight_kg', 'length_cm', 'head_cm', 'recorded_by'])
      .where('child_id', 'in', [ayu.id, bima.id, candra.id, dewi.id])
      .execute();
    expect(measured).toEqual([
      { child_id: ayu.id, weight_kg: 11.8, length_cm: 86, head_cm: 47, recorded_by: w.teacher.id },
    ]);
    expect(
      await db
        .selectFrom('audit_log')
        .select('id')
        .where('entity', '=', 'measurement')
        .where('child_id', '=', ayu.id)
        .execute(),
    ).toHaveLength(1);
    const reloaded = await callLoader(weighingLoader, { ...page, cookie: teacher });
    expect(reloaded.data.children.find((c) => c.id === ayu.id)?.latest).toMatchObject({
      measured_on: today,
      weight_kg: 11.8,
    });

    // Corrected and sent again, with Ayu's row typed once more: she is asked whether it replaces the first.
    const again = await callAction(weighingAction, {
      ...page,
      cookie: teacher,
      form: {
        measured_on: today,
        [`weight_kg:${ayu.id}`]: '11,9',
        [`position:${ayu.id}`]: 'standing',
        [`weight_kg:${bima.id}`]: '12,1',
        [`length_cm:${bima.id}`]: '87',
        [`position:${bima.id}`]: 'standing',
        [`weight_kg:${candra.id}`]: '12',
        [`position:${candra.id}`]: 'standing',
      },
    });
    expect(again.data.errors).toEqual({ [`replace:${ayu.id}`]: 'errors.sameDayMeasurement' });
    expect(again.data.saved).toEqual([bima.id, candra.id]);
    expectRedirect(
      await callAction(weighingAction, {
        ...page,
        cookie: teacher,
        form: {
          measured_on: today,
          [`weight_kg:${ayu.id}`]: '11,9',
          [`position:${ayu.id}`]: 'standing',
          [`replace:${ayu.id}`]: 'on',
        },
      }),
      `/c/${w.center.id}/weighing/${room.id}`,
    );
    expect(await db.selectFrom('measurements').select('weight_kg').where('child_id', '=', ayu.id).execute()).toEqual([
      { weight_kg: 11.9 },
    ]);
    // Nothing typed at all, or a date in the future: a clear error, nothing written.
    expect(
      (await callAction(weighingAction, { ...page, cookie: teacher, form: { measured_on: today } })).data.errors,
    ).toEqual({
      form: 'errors.measurementEmpty',
    });
    expect(
      (
        await callAction(weighingAction, {
          ...page,
          cookie: teacher,
          form: { measured_on: '2099-01-01', [`weight_kg:${dewi.id}`]: '11' },
        })
      ).data.errors,
    ).toEqual({ measured_on: 'errors.dateInFuture' });
  });

  it('refuses a row for a child of another room or center, and the room to other centers and caregivers', async () => {
    const db = getDb();
    const room = await makeClassroom(db, { centerId: w.center.id, name: 'Timbang Dua' });
    const mine = await makeChild(db, {
      centerId: w.center.id,
      classroomId: room.id,
      fullName: 'Eka',
      birthDate: '2024-05-01',
    });
    const page = { path: '', params: { centerId: w.center.id, classroomId: room.id } };
    for (const stranger of [w.child.id, w.otherChild.id]) {
      const refused = await callAction(weighingAction, {
        ...page,
        cookie: teacher,
        form: { measured_on: today, [`weight_kg:${mine.id}`]: '11', [`weight_kg:${stranger}`]: '11' },
      });
      expect(refused.status).toBe(404);
    }
    expect(await db.selectFrom('measurements').select('id').where('child_id', '=', mine.id).execute()).toEqual([]);
    expect(
      (await callLoader(weighingLoader, { ...page, cookie: await sessionCookie(w.otherCoordinator.id) })).status,
    ).toBe(404);
    expect((await callLoader(weighingLoader, { ...page, cookie: await sessionCookie(w.caregiver.id) })).status).toBe(
      403,
    );
    expect(
      (
        await callAction(weighingAction, {
          ...page,
          cookie: await sessionCookie(w.caregiver.id),
          form: { measured_on: today, [`weight_kg:${mine.id}`]: '11' },
        })
      ).status,
    ).toBe(403);
  });
});
