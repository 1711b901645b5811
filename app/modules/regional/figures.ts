// What a regional person sees of a center: the rolled-up counts turned into figures, each
// suppressed when it rests on a group of 1–4 children, and complementary suppression across the
// centers of a region and their total. Pure: the pages, the CSV and the tests share it.
import type { RiskLevel } from '~db/schema';
import {
  complementarySuppression,
  countFigure,
  countsWithTotal,
  shareFigure,
  suppressGrid,
  type Figure,
  NONE,
  value,
} from './suppression';

/** A center's month as the roll-up job keeps it. */
export type MonthCounts = {
  enrolled: number;
  expected: number;
  present: number;
  incidents: number;
  measured: number;
  haz_n: number;
  stunted: number;
  whz_n: number;
  wasted: number;
  waz_n: number;
  underweight: number;
  milestone_covered: number;
  kpsp_covered: number;
};

export const EMPTY_MONTH: MonthCounts = {
  enrolled: 0,
  expected: 0,
  present: 0,
  incidents: 0,
  measured: 0,
  haz_n: 0,
  stunted: 0,
  whz_n: 0,
  wasted: 0,
  waz_n: 0,
  underweight: 0,
  milestone_covered: 0,
  kpsp_covered: 0,
};

/** Open welfare concerns of a center, counted by risk level ('unassessed' before the first assessment). */
export const CONCERN_LEVELS = ['unassessed', 'low', 'medium', 'high', 'urgent'] as const;
export type ConcernLevel = (typeof CONCERN_LEVELS)[number];
export type ConcernCounts = { byLevel: Record<ConcernLevel, number>; oldestDays: number | null };
export const EMPTY_CONCERNS: ConcernCounts = {
  byLevel: { unassessed: 0, low: 0, medium: 0, high: 0, urgent: 0 },
  oldestDays: null,
};
export const concernLevel = (risk: RiskLevel | null): ConcernLevel => risk ?? 'unassessed';

/** The figures shown per month, in the order of the table and the CSV. */
export const MONTH_FIGURES = [
  'enrolled',
  'attendanceRate',
  'measuredShare',
  'stunting',
  'wasting',
  'underweight',
  'milestoneCoverage',
  'kpspCoverage',
  'incidentsPer100',
] as const;
export type MonthFigure = (typeof MONTH_FIGURES)[number];
export type MonthFigures = Record<MonthFigure, Figure>;

/** The raw value each figure is ordered by when one more must be suppressed beside another. */
const RAW: Record<MonthFigure, (c: MonthCounts) => number> = {
  enrolled: (c) => c.enrolled,
  attendanceRate: (c) => c.present,
  measuredShare: (c) => c.measured,
  stunting: (c) => c.stunted,
  wasting: (c) => c.wasted,
  underweight: (c) => c.underweight,
  milestoneCoverage: (c) => c.milestone_covered,
  kpspCoverage: (c) => c.kpsp_covered,
  incidentsPer100: (c) => c.incidents,
};

/**
 * One center's (or a region's) month. Shares of children count both groups (those counted and those
 * they are out of); the attendance rate and incidents per 100 child-days rest on the enrolled children.
 */
export function monthFigures(c: MonthCounts): MonthFigures {
  const share = (numerator: number, denominator: number) =>
    shareFigure({ numerator, denominator, groups: [denominator, numerator] });
  return {
    enrolled: countFigure(c.enrolled),
    attendanceRate: shareFigure({ numerator: c.present, denominator: c.expected, groups: [c.enrolled] }),
    measuredShare: share(c.measured, c.enrolled),
    stunting: share(c.stunted, c.haz_n),
    wasting: share(c.wasted, c.whz_n),
    underweight: share(c.underweight, c.waz_n),
    milestoneCoverage: share(c.milestone_covered, c.enrolled),
    kpspCoverage: share(c.kpsp_covered, c.enrolled),
    incidentsPer100: shareFigure({ numerator: c.incidents, denominator: c.present, groups: [c.enrolled] }),
  };
}

export type ConcernFigures = { byLevel: Record<ConcernLevel, Figure>; total: Figure; oldestDays: Figure };

/** Open concerns by level with their total; the oldest's age only beside a total that is shown. */
export function concernFigures(c: ConcernCounts): ConcernFigures {
  const { cells, total } = countsWithTotal(c.byLevel);
  const oldestDays = c.oldestDays === null ? NONE : total.kind === 'value' ? value(c.oldestDays) : total;
  return { byLevel: cells, total, oldestDays };
}

export const sumCounts = (rows: MonthCounts[]): MonthCounts =>
  rows.reduce(
    (sum, r) =>
      Object.fromEntries(
        Object.keys(sum).map((k) => [k, sum[k as keyof MonthCounts] + r[k as keyof MonthCounts]]),
      ) as MonthCounts,
    { ...EMPTY_MONTH },
  );

const sumConcerns = (rows: ConcernCounts[]): ConcernCounts => ({
  byLevel: Object.fromEntries(CONCERN_LEVELS.map((l) => [l, rows.reduce((n, r) => n + r.byLevel[l], 0)])) as Record<
    ConcernLevel,
    number
  >,
  oldestDays: rows.reduce<number | null>(
    (max, r) => (r.oldestDays === null ? max : max === null ? r.oldestDays : Math.max(max, r.oldestDays)),
    null,
  ),
});

/**
 * A region's table: each center's figures and the region's, with complementary suppression down
 * each column, so no center's suppressed figure follows from the total and the other centers'.
 */
export function regionTable<T extends { month: MonthCounts; concerns: ConcernCounts }>(centers: T[]) {
  const totalMonth = sumCounts(centers.map((c) => c.month));
  const regionConcerns = sumConcerns(centers.map((c) => c.concerns));
  const totalFigures = monthFigures(totalMonth);
  const perCenter = centers.map((c) => monthFigures(c.month));
  for (const figure of MONTH_FIGURES) {
    const column = complementarySuppression(
      centers.map((c, i) => ({ raw: RAW[figure](c.month), figure: perCenter[i][figure] })),
      totalFigures[figure],
    );
    perCenter.forEach((f, i) => (f[figure] = column[i]));
  }
  // Concerns: centers × levels, with each center's total, the region's per level and overall.
  const grid = suppressGrid(centers.map((c) => CONCERN_LEVELS.map((l) => c.concerns.byLevel[l])));
  const oldest = (total: Figure, days: number | null): Figure =>
    days === null ? NONE : total.kind === 'value' ? value(days) : total;
  const byLevel = (cells: Figure[]) =>
    Object.fromEntries(CONCERN_LEVELS.map((l, j) => [l, cells[j]])) as Record<ConcernLevel, Figure>;
  const rows = centers.map((c, i) => ({
    ...c,
    figures: perCenter[i],
    concernFigures: {
      byLevel: byLevel(grid.cells[i]),
      total: grid.rowTotals[i],
      oldestDays: oldest(grid.rowTotals[i], c.concerns.oldestDays),
    } satisfies ConcernFigures,
  }));
  const total = {
    month: totalMonth,
    figures: totalFigures,
    concernFigures:
      centers.length > 0
        ? {
            byLevel: byLevel(grid.columnTotals),
            total: grid.total,
            oldestDays: oldest(grid.total, regionConcerns.oldestDays),
          }
        : concernFigures(regionConcerns),
  };
  return { rows, total };
}
