// Regional roll-ups on a known fixture: exact figures, small-group suppression (also by subtraction),
// and the job incremental and idempotent. Both databases.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import { makeAttendance, makeCenter, makeChild, makeObservations, makeUser } from '~db/seed/factories';
import { valueAtZ } from '~/modules/growth/who-standards.server';
import { regionTable } from '~/modules/regional/figures';
import { regionalOverview } from '~/modules/regional/regional.server';
import { rollUpRegionalFigures } from '~/modules/regional/rollups.server';
import { SUPPRESSED, value } from '~/modules/regional/suppression';

// The job runs "on" 2 February 2026 (Jakarta): January is complete, yesterday is Sunday 1 February.
const NOW = new Date('2026-02-02T03:00:00.000Z');
const JANUARY_WEEKDAYS = [5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30].map(
  (d) => `2026-01-${String(d).padStart(2, '0')}`,
);
const BIRTH = '2024-01-15';
const MEASURED_ON = '2026-01-20';

let a: { id: string };
let b: { id: string };
let c: { id: string };
let regional: { id: string };
let staff: { id: string };
let firstChildOfA: string;

async function children(centerId: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      (await makeChild(getDb(), { centerId, fullName: `Anak ${i}`, birthDate: BIRTH, startDate: '2026-01-05' })).id,
    );
  return ids;
}

beforeAll(async () => {
  const db = getDb();
  a = await makeCenter(db, { name: 'TAS Semarang A', province: 'Jawa Tengah', city: 'Kota Semarang' });
  b = await makeCenter(db, { name: 'TAS Solo B', province: 'Jawa Tengah', city: 'Kota Surakarta' });
  c = await makeCenter(db, { name: 'TAS Semarang C', province: 'Jawa Tengah', city: 'Kota Semarang' });
  staff = await makeUser(db, {
    email: 'koor.a@example.test',
    name: 'Koor A',
    memberships: [{ centerId: a.id, role: 'coordinator' }],
  });
  // Koor A's police clearance expired last year (the safeguarding rule: lapsed); the health certificate was never recorded.
  await db
    .insertInto('staff_checks')
    .values({
      id: newId(),
      center_id: a.id,
      user_id: staff.id,
      kind: 'police_clearance',
      reference: null,
      issued_on: '2024-01-10',
      expires_on: '2025-01-10',
      document_id: null,
      recorded_by: staff.id,
      created_at: '2024-01-10T02:00:00.000Z',
    })
    .execute();
  regional = await makeUser(db, { email: 'dinsos.jateng@example.test', name: 'Dinsos Jateng' });
  await db
    .insertInto('regional_roles')
    .values({
      id: newId(),
      user_id: regional.id,
      province: 'Jawa Tengah',
      city: null,
      invite_id: null,
      created_at: NOW.toISOString(),
      ended_at: null,
    })
    .execute();

  // A: 10 children, each present on 18 of January's 20 weekdays (two absences each): 180 of 200.
  const kidsA = await children(a.id, 10);
  firstChildOfA = kidsA[0];
  await makeAttendance(
    db,
    kidsA.flatMap((childId, k) =>
      JANUARY_WEEKDAYS.map((date, i) =>
        i === k % 20 || i === (k + 7) % 20
          ? {
              centerId: a.id,
              childId,
              classroomId: null,
              date,
              status: 'absent' as const,
              reason: 'sick' as const,
              reportedBy: null,
              reportedAt: `${date}T00:00:00.000Z`,
            }
          : {
              centerId: a.id,
              childId,
              classroomId: null,
              date,
              status: 'checked_out' as const,
              checkInAt: `${date}T00:30:00.000Z`,
              checkInBy: null,
              checkOutAt: `${date}T09:00:00.000Z`,
            },
      ),
    ),
  );
  // Measured on 20 January: five on the −2.5 SD lines of length and weight for age, five on the median.
  const days = Math.round((Date.parse(MEASURED_ON) - Date.parse(BIRTH)) / 86_400_000);
  await db
    .insertInto('measurements')
    .values(
      kidsA.map((childId, k) => {
        const z = k < 5 ? -2.5 : 0;
        return {
          id: newId(),
          center_id: a.id,
          child_id: childId,
          measured_on: MEASURED_ON,
          weight_kg: Math.round(valueAtZ('wfa', 'female', days, z)! * 100) / 100,
          length_cm: Math.round(valueAtZ('lhfa', 'female', days, z)! * 10) / 10,
          position: 'standing' as const,
          head_cm: null,
          muac_cm: null,
          note: null,
          recorded_by: null,
          created_at: `${MEASURED_ON}T03:00:00.000Z`,
        };
      }),
    )
    .execute();
  const item = await db
    .selectFrom('milestone_items')
    .select('id')
    .where('center_id', 'is', null)
    .executeTakeFirstOrThrow();
  await makeObservations(
    db,
    kidsA.slice(0, 7).map((childId) => ({
      centerId: a.id,
      childId,
      itemId: item.id,
      status: 'yes' as const,
      observedOn: '2026-01-14',
      recordedBy: null,
    })),
  );
  await db
    .insertInto('kpsp_screenings')
    .values(
      kidsA.slice(0, 3).map((childId) => ({
        id: newId(),
        center_id: a.id,
        child_id: childId,
        screened_on: '2026-01-15',
        age_point_months: 24,
        yes_count: 9,
        interpretation: 'appropriate' as const,
        follow_up_due: null,
        note: null,
        recorded_by: null,
        created_at: '2026-01-15T03:00:00.000Z',
      })),
    )
    .execute();
  for (const date of ['2026-01-08', '2026-01-21']) await insertIncident(a.id, kidsA[1], date);
  // Open concerns at A: 5 low, 2 high; one closed (not counted).
  const concern = (risk: 'low' | 'high', status: 'open' | 'closed', raisedAt: string) => ({
    id: newId(),
    center_id: a.id,
    child_id: kidsA[2],
    category: 'neglect_signs' as const,
    description: 'Isi yang tidak boleh terlihat di wilayah',
    child_words: null,
    source: 'manual' as const,
    source_id: null,
    raised_by: staff.id,
    raised_at: raisedAt,
    risk_level: risk,
    status,
    follow_up_on: null,
    closed_at: null,
    closed_by: null,
    outcome: null,
    close_reason: null,
    updated_at: raisedAt,
  });
  await db
    .insertInto('welfare_concerns')
    .values([
      ...Array.from({ length: 5 }, () => concern('low', 'open', '2026-01-20T03:00:00.000Z')),
      concern('high', 'open', '2026-01-02T03:00:00.000Z'),
      concern('high', 'open', '2026-01-25T03:00:00.000Z'),
      concern('high', 'closed', '2025-12-01T03:00:00.000Z'),
    ])
    .execute();

  // B: 3 children; C: 8 children, no attendance recorded.
  await children(b.id, 3);
  await children(c.id, 8);
  // As if the records had been made before the job's first run.
  await db.updateTable('children').set({ updated_at: '2026-01-05T00:00:00.000Z' }).execute();
});

async function insertIncident(centerId: string, childId: string, date: string, recordedAt?: string) {
  const at = `${date}T04:00:00.000Z`;
  await getDb()
    .insertInto('incidents')
    .values({
      id: newId(),
      center_id: centerId,
      child_id: childId,
      kind: 'fall',
      occurred_at: at,
      date,
      location: 'Halaman',
      description: 'Jatuh',
      people_present: 'Guru',
      first_aid: 'Kompres',
      guardian_informed_at: null,
      guardian_informed_how: null,
      source: 'manual',
      source_id: null,
      recorded_by: staff.id,
      signed_off_at: null,
      signed_off_by: null,
      guardian_comment: null,
      created_at: recordedAt ?? at,
      updated_at: recordedAt ?? at,
    })
    .execute();
}

const monthRow = (centerId: string, month = '2026-01') =>
  getDb()
    .selectFrom('center_month_figures')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('month', '=', month)
    .executeTakeFirst();

describe('the regional-rollups job', () => {
  it('computes the whole history on its first run: exact counts for a known month', async () => {
    const result = await rollUpRegionalFigures({ now: NOW });
    expect(result.full).toBe(true);
    expect(await monthRow(a.id)).toMatchObject({
      enrolled: 10,
      expected: 200,
      present: 180,
      incidents: 2,
      measured: 10,
      haz_n: 10,
      stunted: 5,
      waz_n: 10,
      underweight: 5,
      milestone_covered: 7,
      kpsp_covered: 3,
    });
    expect(await monthRow(c.id)).toMatchObject({ enrolled: 8, expected: 160, present: 0, measured: 0 });
    const day = await getDb()
      .selectFrom('center_day_figures')
      .selectAll()
      .where('center_id', '=', a.id)
      .where('date', '=', '2026-01-08')
      .executeTakeFirstOrThrow();
    expect(day).toMatchObject({ enrolled: 10, expected: 10, present: 9, incidents: 1 });
    // Yesterday (a Sunday) is rolled up; today is not.
    const days = await getDb()
      .selectFrom('center_day_figures')
      .select((eb) => eb.fn.max('date').as('last'))
      .where('center_id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(days.last).toBe('2026-02-01');
  });

  it('shows the region figures with small groups suppressed, also where a total would give them away', async () => {
    const overview = await regionalOverview({ userId: regional.id, month: '2026-01', now: NOW });
    expect(overview.centers.map((x) => x.name)).toEqual(['TAS Semarang A', 'TAS Semarang C', 'TAS Solo B']);
    const { rows, total } = regionTable(overview.centers);
    const [rowA, rowC, rowB] = rows;
    expect(rowA.figures).toEqual({
      enrolled: value(10),
      attendanceRate: value(90),
      measuredShare: value(100),
      stunting: value(50),
      wasting: rowA.figures.wasting,
      underweight: value(50),
      milestoneCoverage: value(70),
      kpspCoverage: SUPPRESSED,
      incidentsPer100: value(1.1),
    });
    // B has 3 children: everything suppressed; C (8) is suppressed beside it, or B = 21 − 10 − C.
    expect(total.figures.enrolled).toEqual(value(21));
    expect(rowB.figures.enrolled).toEqual(SUPPRESSED);
    expect(rowC.figures.enrolled).toEqual(SUPPRESSED);
    expect(rowB.figures.attendanceRate).toEqual(SUPPRESSED);
    expect(rowC.figures.attendanceRate).toEqual(SUPPRESSED);
    // Concerns at A: 2 high is suppressed, and with it the next-smallest level; the total shows, and the oldest's age.
    expect(rowA.concernFigures.total).toEqual(value(7));
    expect(rowA.concernFigures.byLevel.high).toEqual(SUPPRESSED);
    expect(rowA.concernFigures.byLevel.low).toEqual(value(5));
    expect(Object.values(rowA.concernFigures.byLevel).filter((f) => f.kind === 'suppressed')).toHaveLength(2);
    expect(rowA.concernFigures.oldestDays).toEqual(value(31));
    expect(rowA.staff).toEqual({ staff: 1, lapsed: 1 });
    expect(rowA.licence).toEqual({ status: 'missing', expiresOn: null });
    // Nothing in what the page gets carries a child's name or a concern's words.
    const json = JSON.stringify(overview);
    expect(json).not.toContain('Anak ');
    expect(json).not.toContain('tidak boleh terlihat');
  });

  it('is idempotent: a second run with nothing changed recomputes only yesterday and changes no figure', async () => {
    const before = await getDb()
      .selectFrom('center_month_figures')
      .select(['center_id', 'month', 'present', 'stunted'])
      .orderBy('center_id')
      .orderBy('month')
      .execute();
    const again = await rollUpRegionalFigures({ now: NOW });
    expect(again).toEqual({ days: 1, months: 1, full: false });
    const after = await getDb()
      .selectFrom('center_month_figures')
      .select(['center_id', 'month', 'present', 'stunted'])
      .orderBy('center_id')
      .orderBy('month')
      .execute();
    expect(after).toEqual(before);
  });

  it('is incremental: an old day corrected since the last run is recomputed, with its month', async () => {
    // A correction: one absence on 12 January becomes a presence (stamped now, after the watermark).
    const row = await getDb()
      .selectFrom('attendance')
      .select('id')
      .where('child_id', '=', firstChildOfA)
      .where('status', '=', 'absent')
      .orderBy('date')
      .executeTakeFirstOrThrow();
    await getDb()
      .updateTable('attendance')
      .set({ status: 'checked_out', absence_reason: null, updated_at: new Date().toISOString() })
      .where('id', '=', row.id)
      .execute();
    await insertIncident(a.id, firstChildOfA, '2026-01-30', new Date().toISOString());
    const result = await rollUpRegionalFigures({ now: NOW });
    expect(result.full).toBe(false);
    expect(result.days).toBe(3);
    expect(await monthRow(a.id)).toMatchObject({ present: 181, incidents: 3 });
    // The same as computing everything again.
    const incremental = await getDb()
      .selectFrom('center_day_figures')
      .selectAll()
      .orderBy('center_id')
      .orderBy('date')
      .execute();
    await rollUpRegionalFigures({ now: NOW, full: true });
    const full = await getDb()
      .selectFrom('center_day_figures')
      .selectAll()
      .orderBy('center_id')
      .orderBy('date')
      .execute();
    const strip = (rows: typeof full) => rows.map(({ updated_at: _, ...r }) => r);
    expect(strip(incremental)).toEqual(strip(full));
  });
});
