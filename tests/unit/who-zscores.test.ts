import { describe, expect, it } from 'vitest';
import lms from '~db/reference/who-growth/lms.json';
import { MeasurementSchema } from '~/modules/growth/measurement';
import { adjustedLengthCm, classify, computeZScores, valueAtZ, zScore } from '~/modules/growth/who-standards.server';

type Row = [number, number, number];
const row = (table: keyof typeof lms, sex: 'male' | 'female', index: number) => {
  const t = (lms[table] as unknown as Record<string, { start: number; lms: Row[] }>)[sex];
  return t.lms[index - t.start];
};
const sd = ([l, m, s]: Row, k: number) => m * (1 + l * s * k) ** (1 / l);
const base = { sex: 'female' as const, birthDate: '2025-11-29', measuredOn: '2026-11-29' }; // 365 days

describe('WHO z-scores against the published tables', () => {
  it("matches WHO's chart checks: girls' weight at 12 months, boys' length at birth", () => {
    expect(computeZScores({ ...base, weightKg: 8.9 }).wfa).toBeCloseTo(0, 1);
    expect(computeZScores({ ...base, weightKg: 7.0 }).wfa).toBeCloseTo(-2, 1);
    expect(computeZScores({ ...base, weightKg: 6.3 }).wfa).toBeCloseTo(-3, 1);
    expect(
      computeZScores({
        sex: 'male',
        birthDate: '2026-01-01',
        measuredOn: '2026-01-01',
        lengthCm: 49.9,
        position: 'lying',
      }).lhfa,
    ).toBeCloseTo(0, 1);
  });

  it.each([
    ['wfa', 'male', 0],
    ['wfa', 'female', 730],
    ['lhfa', 'female', 1000],
    ['hcfa', 'male', 365],
    ['bmifa', 'female', 1826],
    ['acfa', 'male', 91],
  ] as const)('%s (%s, day %i): the median is z 0 and the +2 SD line is z 2', (table, sex, day) => {
    const params = row(table, sex, day);
    const adjust = table !== 'lhfa' && table !== 'hcfa';
    expect(zScore(params[1], params, adjust)).toBeCloseTo(0, 10);
    expect(zScore(sd(params, 2), params, adjust)).toBeCloseTo(2, 10);
    expect(zScore(sd(params, -1.5), params, adjust)).toBeCloseTo(-1.5, 10);
  });

  it('adjusts weight-based z-scores beyond ±3 SD by the distance between the 2 and 3 SD lines', () => {
    const params = row('wfa', 'female', 365);
    const below = sd(params, -3) - 0.5 * (sd(params, -2) - sd(params, -3));
    expect(zScore(below, params, true)).toBeCloseTo(-3.5, 10);
    const above = sd(params, 3) + 1.25 * (sd(params, 3) - sd(params, 2));
    expect(zScore(above, params, true)).toBeCloseTo(4.25, 10);
    // Length and head circumference keep the plain LMS value.
    const len = row('lhfa', 'female', 365);
    expect(zScore(sd(len, -4), len, false)).toBeCloseTo(-4, 10);
  });

  it('applies the 0.7 cm rule at 24 months, both ways', () => {
    expect(adjustedLengthCm(80, 'standing', 600)).toBeCloseTo(80.7);
    expect(adjustedLengthCm(80, 'lying', 600)).toBe(80);
    expect(adjustedLengthCm(90, 'lying', 731)).toBeCloseTo(89.3);
    const standing = computeZScores({
      sex: 'male',
      birthDate: '2024-01-01',
      measuredOn: '2025-08-23',
      lengthCm: 80,
      position: 'standing',
    });
    const lying = computeZScores({
      sex: 'male',
      birthDate: '2024-01-01',
      measuredOn: '2025-08-23',
      lengthCm: 80.7,
      position: 'lying',
    });
    expect(standing.lhfa).toBe(lying.lhfa);
  });

  it('uses weight-for-length under 24 months and weight-for-height after, interpolating between tenths of a centimetre', () => {
    const wfl = row('wfl', 'female', 753); // 75.3 cm
    const at753 = computeZScores({
      sex: 'female',
      birthDate: '2025-11-29',
      measuredOn: '2026-11-29',
      weightKg: wfl[1],
      lengthCm: 75.3,
      position: 'lying',
    });
    expect(at753.wflh).toBe(0);
    const mid = (row('wfl', 'female', 753)[1] + row('wfl', 'female', 754)[1]) / 2;
    expect(
      computeZScores({
        sex: 'female',
        birthDate: '2025-11-29',
        measuredOn: '2026-11-29',
        weightKg: mid,
        lengthCm: 75.35,
        position: 'lying',
      }).wflh,
    ).toBe(0);
    const wfh = row('wfh', 'male', 900);
    expect(
      computeZScores({
        sex: 'male',
        birthDate: '2023-01-01',
        measuredOn: '2025-06-01',
        weightKg: wfh[1],
        lengthCm: 90,
        position: 'standing',
      }).wflh,
    ).toBe(0);
  });

  it('answers null outside each indicator’s range', () => {
    const newborn = computeZScores({
      sex: 'male',
      birthDate: '2026-01-01',
      measuredOn: '2026-02-01',
      weightKg: 4,
      lengthCm: 44,
      position: 'lying',
      muacCm: 10,
    });
    expect(newborn.acfa).toBeNull(); // arm circumference from 3 months (91 days)
    expect(newborn.wflh).toBeNull(); // weight-for-length from 45 cm
    expect(newborn.wfa).not.toBeNull();
    const lastDay = computeZScores({ sex: 'female', birthDate: '2020-01-01', measuredOn: '2024-12-31', weightKg: 18 });
    expect(lastDay.ageDays).toBe(1826);
    expect(lastDay.wfa).not.toBeNull();
    expect(
      computeZScores({ sex: 'female', birthDate: '2020-01-01', measuredOn: '2025-01-01', weightKg: 18 }).wfa,
    ).toBeNull();
  });

  it('flags biologically implausible values with WHO’s limits', () => {
    expect(computeZScores({ ...base, weightKg: 25 }).flags).toEqual(['wfa_implausible']);
    expect(computeZScores({ ...base, lengthCm: 45, position: 'lying' }).flags).toContain('lhfa_implausible');
  });

  it('classifies stunting, wasting, underweight and overweight', () => {
    expect(classify({ lhfa: -2.5, wflh: 0, wfa: -1 })).toEqual(['stunted']);
    expect(classify({ lhfa: -3.2, wflh: -3.1, wfa: -3.5 })).toEqual([
      'severely_stunted',
      'severely_wasted',
      'severely_underweight',
    ]);
    expect(classify({ lhfa: 0, wflh: 2.5, wfa: null })).toEqual(['overweight']);
    expect(classify({ lhfa: null, wflh: 1.5, wfa: -2.1 })).toEqual(['overweight_risk', 'underweight']);
  });

  it('draws SD lines from the same tables', () => {
    expect(valueAtZ('wfa', 'female', 365, 0)).toBeCloseTo(row('wfa', 'female', 365)[1], 10);
  });
});

describe('measurement input', () => {
  const valid = { sex: 'female', birth_date: '2025-01-01', measured_on: '2026-01-01' };
  const errors = (input: Record<string, unknown>) => {
    const r = MeasurementSchema.safeParse({ ...valid, ...input });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path[0], i.message]));
  };
  it('refuses negative or absurd weights, metres for centimetres and a date before birth', () => {
    expect(errors({ weight_kg: '-3' })).toEqual({ weight_kg: 'errors.between?min=0.5&max=60' });
    expect(errors({ weight_kg: '250' })).toEqual({ weight_kg: 'errors.between?min=0.5&max=60' });
    expect(errors({ length_cm: '0,85', position: 'standing' })).toEqual({ length_cm: 'errors.lengthInMetres' });
    expect(errors({ weight_kg: '9', measured_on: '2024-12-31' })).toEqual({
      measured_on: 'errors.measuredBeforeBirth',
    });
    expect(errors({ length_cm: '85' })).toEqual({ position: 'errors.choose' });
    expect(errors({})).toEqual({ weight_kg: 'errors.measurementEmpty' });
  });
  it('accepts a decimal comma', () => {
    expect(MeasurementSchema.parse({ ...valid, weight_kg: '9,45' }).weight_kg).toBe(9.45);
  });
});
