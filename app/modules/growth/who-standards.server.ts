// WHO Child Growth Standards z-scores by the LMS method (WHO 2006; the same rules as WHO's
// anthro software). Pure computation; server-only because the tables are half a megabyte.
import lms from '~db/reference/who-growth/lms.json';
import type { Sex } from '~db/schema';

type Table = { index: string; male: { start: number; lms: number[][] }; female: { start: number; lms: number[][] } };
const TABLES = lms as unknown as Record<'wfa' | 'lhfa' | 'wfl' | 'wfh' | 'hcfa' | 'bmifa' | 'acfa', Table>;

export const INDICATORS = ['wfa', 'lhfa', 'wflh', 'bmifa', 'hcfa', 'acfa'] as const;
export type Indicator = (typeof INDICATORS)[number];
export const POSITIONS = ['lying', 'standing'] as const;
export type Position = (typeof POSITIONS)[number];

/** Under 731 days (24 months) children are measured lying (length), from then standing (height). */
export const HEIGHT_FROM_DAYS = 731;

function lmsAt(table: Table, sex: Sex, index: number): [number, number, number] | null {
  const t = table[sex];
  const i = index - t.start;
  if (i < 0 || i > t.lms.length - 1) return null;
  const lo = Math.floor(i);
  if (lo === i) return t.lms[i] as [number, number, number];
  // Between two tabulated lengths (tenths of a cm): interpolate L, M and S linearly.
  const hi = t.lms[lo + 1];
  const f = i - lo;
  return t.lms[lo].map((v, k) => v + (hi[k] - v) * f) as [number, number, number];
}

const zOf = (x: number, [l, m, s]: [number, number, number]) =>
  l === 0 ? Math.log(x / m) / s : ((x / m) ** l - 1) / (l * s);
const sdAt = (k: number, [l, m, s]: [number, number, number]) => m * (1 + l * s * k) ** (1 / l);

/**
 * The z-score of a measurement. Weight-based indicators (skewed distributions) are adjusted
 * beyond ±3 SD, using the distance between the 2 and 3 SD lines, as WHO prescribes.
 */
export function zScore(x: number, params: [number, number, number], adjustBeyond3: boolean) {
  const z = zOf(x, params);
  if (!adjustBeyond3 || Math.abs(z) <= 3) return z;
  if (z > 3) {
    const sd3 = sdAt(3, params);
    return 3 + (x - sd3) / (sd3 - sdAt(2, params));
  }
  const sdm3 = sdAt(-3, params);
  return -3 + (x - sdm3) / (sdAt(-2, params) - sdm3);
}

/** The measurement's value on an SD line (for drawing the WHO curves). */
export function valueAtZ(table: keyof typeof TABLES, sex: Sex, index: number, z: number) {
  const p = lmsAt(TABLES[table], sex, index);
  return p ? sdAt(z, p) : null;
}

export function ageInDays(birthDate: string, measuredOn: string) {
  return Math.round((Date.parse(`${measuredOn}T00:00:00Z`) - Date.parse(`${birthDate}T00:00:00Z`)) / 86_400_000);
}

/** Length as WHO's tables expect it: +0.7 cm for a standing measurement under 24 months, −0.7 for lying from 24 months. */
export function adjustedLengthCm(lengthCm: number, position: Position, ageDays: number) {
  if (ageDays < HEIGHT_FROM_DAYS && position === 'standing') return lengthCm + 0.7;
  if (ageDays >= HEIGHT_FROM_DAYS && position === 'lying') return lengthCm - 0.7;
  return lengthCm;
}

export type Measurement = {
  sex: Sex;
  birthDate: string;
  measuredOn: string;
  weightKg?: number | null;
  lengthCm?: number | null;
  position?: Position | null;
  headCm?: number | null;
  muacCm?: number | null;
};
export type ZScores = Record<Indicator, number | null> & { ageDays: number; flags: string[] };

/** WHO's limits for biologically implausible values. */
const IMPLAUSIBLE: Record<Indicator, [number, number]> = {
  wfa: [-6, 5],
  lhfa: [-6, 6],
  wflh: [-5, 5],
  bmifa: [-5, 5],
  hcfa: [-5, 5],
  acfa: [-5, 5],
};

// Rounded to 2 decimals as WHO reports them (and never -0).
const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100 + 0);

export function computeZScores(m: Measurement): ZScores {
  const ageDays = ageInDays(m.birthDate, m.measuredOn);
  // The tables themselves bound each indicator (0–1826 days; arm circumference from 91).
  const inAgeRange = ageDays >= 0;
  const at = (table: keyof typeof TABLES, index: number) => (inAgeRange ? lmsAt(TABLES[table], m.sex, index) : null);
  const length = m.lengthCm && m.position ? adjustedLengthCm(m.lengthCm, m.position, ageDays) : null;
  const z = (x: number | null | undefined, params: [number, number, number] | null, adjust: boolean) =>
    x && params ? zScore(x, params, adjust) : null;

  const scores: Record<Indicator, number | null> = {
    wfa: z(m.weightKg, at('wfa', ageDays), true),
    lhfa: z(length, at('lhfa', ageDays), false),
    // Weight-for-length under 24 months, weight-for-height from then, on the adjusted length.
    wflh:
      length && m.weightKg && inAgeRange
        ? z(
            m.weightKg,
            lmsAt(TABLES[ageDays < HEIGHT_FROM_DAYS ? 'wfl' : 'wfh'], m.sex, Math.round(length * 10 * 1e6) / 1e6),
            true,
          )
        : null,
    bmifa: length && m.weightKg ? z(m.weightKg / (length / 100) ** 2, at('bmifa', ageDays), true) : null,
    hcfa: z(m.headCm, at('hcfa', ageDays), false),
    acfa: z(m.muacCm, at('acfa', ageDays), true),
  };
  const flags = (Object.keys(scores) as Indicator[])
    .filter((k) => scores[k] !== null && (scores[k]! < IMPLAUSIBLE[k][0] || scores[k]! > IMPLAUSIBLE[k][1]))
    .map((k) => `${k}_implausible`);
  return {
    ageDays,
    ...(Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, round2(v)])) as Record<Indicator, number | null>),
    flags,
  };
}

export const CLASSIFICATIONS = [
  'severely_stunted',
  'stunted',
  'severely_wasted',
  'wasted',
  'severely_underweight',
  'underweight',
  'overweight_risk',
  'overweight',
  'obese',
] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** WHO / Kemenkes cut-offs on the z-scores. */
export function classify(z: Pick<ZScores, 'lhfa' | 'wflh' | 'wfa'>): Classification[] {
  const out: Classification[] = [];
  if (z.lhfa !== null) {
    if (z.lhfa < -3) out.push('severely_stunted');
    else if (z.lhfa < -2) out.push('stunted');
  }
  if (z.wflh !== null) {
    if (z.wflh < -3) out.push('severely_wasted');
    else if (z.wflh < -2) out.push('wasted');
    else if (z.wflh > 3) out.push('obese');
    else if (z.wflh > 2) out.push('overweight');
    else if (z.wflh > 1) out.push('overweight_risk');
  }
  if (z.wfa !== null) {
    if (z.wfa < -3) out.push('severely_underweight');
    else if (z.wfa < -2) out.push('underweight');
  }
  return out;
}
