import { describe, expect, it } from 'vitest';
import {
  EMPTY_CONCERNS,
  EMPTY_MONTH,
  concernFigures,
  monthFigures,
  regionTable,
  type MonthCounts,
} from '~/modules/regional/figures';
import {
  complementarySuppression,
  countFigure,
  countsWithTotal,
  figureText,
  MIN_GROUP,
  NONE,
  shareFigure,
  suppressGrid,
  SUPPRESSED,
  value,
  type Figure,
} from '~/modules/regional/suppression';

const shown = (f: Figure) => f.kind === 'value';

describe('a count of children', () => {
  it('is shown at 0 and from 5, suppressed at 1 to 4', () => {
    for (let n = 0; n <= 20; n++)
      expect(countFigure(n), String(n)).toEqual(n === 0 || n >= MIN_GROUP ? value(n) : SUPPRESSED);
  });
});

describe('a share', () => {
  it('is suppressed whenever any group it rests on has 1 to 4 children, and none without a denominator', () => {
    for (let den = 0; den <= 12; den++)
      for (let num = 0; num <= den; num++) {
        const f = shareFigure({ numerator: num, denominator: den, groups: [den, num] });
        if (den === 0) expect(f).toEqual(NONE);
        else if (den < 5 || (num > 0 && num < 5)) expect(f, `${num}/${den}`).toEqual(SUPPRESSED);
        else expect(f).toEqual(value(Math.round((num / den) * 1000) / 10));
      }
  });

  it('rounds to one decimal and scales per 100 child-days', () => {
    expect(shareFigure({ numerator: 2, denominator: 3, groups: [9] })).toEqual(value(66.7));
    expect(shareFigure({ numerator: 3, denominator: 400, groups: [20] })).toEqual(value(0.8));
    expect(shareFigure({ numerator: 3, denominator: 400, groups: [4] })).toEqual(SUPPRESSED);
  });
});

describe('complementary suppression', () => {
  it('suppresses the next-smallest cell when exactly one is suppressed beside a total that is shown', () => {
    const cells = [7, 3, 12, 6].map((raw) => ({ raw, figure: countFigure(raw) }));
    expect(complementarySuppression(cells, countFigure(28))).toEqual([value(7), SUPPRESSED, value(12), SUPPRESSED]);
  });

  it('picks a zero cell when it is the smallest, and the earlier of equal cells', () => {
    const cells = [0, 2, 9, 9].map((raw) => ({ raw, figure: countFigure(raw) }));
    expect(complementarySuppression(cells, countFigure(20))).toEqual([SUPPRESSED, SUPPRESSED, value(9), value(9)]);
    const tie = [8, 1, 8].map((raw) => ({ raw, figure: countFigure(raw) }));
    expect(complementarySuppression(tie, countFigure(17))).toEqual([SUPPRESSED, SUPPRESSED, value(8)]);
  });

  it('changes nothing when no cell, or two already, are suppressed, or the total is not shown', () => {
    const none = [5, 6].map((raw) => ({ raw, figure: countFigure(raw) }));
    expect(complementarySuppression(none, countFigure(11))).toEqual([value(5), value(6)]);
    const two = [1, 2, 9].map((raw) => ({ raw, figure: countFigure(raw) }));
    expect(complementarySuppression(two, countFigure(12))).toEqual([SUPPRESSED, SUPPRESSED, value(9)]);
    const small = [0, 3].map((raw) => ({ raw, figure: countFigure(raw) }));
    expect(complementarySuppression(small, countFigure(3))).toEqual([value(0), SUPPRESSED]);
  });

  it('never leaves a single suppressed cell beside a shown total (every list of 0–7 in four cells)', () => {
    for (let code = 0; code < 8 ** 4; code++) {
      const raw = [0, 1, 2, 3].map((i) => Math.floor(code / 8 ** i) % 8);
      const { cells, total } = countsWithTotal({ a: raw[0], b: raw[1], c: raw[2], d: raw[3] });
      const figures = Object.values(cells);
      const hidden = figures.filter((f) => !shown(f)).length;
      if (shown(total)) expect(hidden === 0 || hidden >= 2, raw.join(',')).toBe(true);
      figures.forEach((f, i) => {
        if (raw[i] > 0 && raw[i] < 5) expect(f).toEqual(SUPPRESSED);
        if (shown(f)) expect(f).toEqual(value(raw[i]));
      });
      // Shown cells and a shown total never pin down a suppressed cell: what is hidden sums to
      // the total minus the shown cells over at least two cells.
      if (shown(total) && hidden >= 2) {
        const shownSum = figures.reduce((n, f) => n + (f.kind === 'value' ? f.value : 0), 0);
        expect(total.kind === 'value' && total.value - shownSum).toBe(
          raw.reduce((n, v, i) => n + (shown(figures[i]) ? 0 : v), 0),
        );
      }
    }
  });
});

describe('a grid with row, column and grand totals', () => {
  const singleHiddenLine = (cells: Figure[], lineTotal: Figure) =>
    shown(lineTotal) && cells.filter((f) => !shown(f)).length === 1;

  it('leaves no line with exactly one suppressed cell beside its shown total (every 2×3 grid of 0, 2, 6)', () => {
    const values = [0, 2, 6];
    for (let code = 0; code < 3 ** 6; code++) {
      const flat = [0, 1, 2, 3, 4, 5].map((i) => values[Math.floor(code / 3 ** i) % 3]);
      const raw = [flat.slice(0, 3), flat.slice(3)];
      const g = suppressGrid(raw);
      const label = JSON.stringify(raw);
      g.cells.forEach((row, i) => expect(singleHiddenLine(row, g.rowTotals[i]), label).toBe(false));
      for (let j = 0; j < 3; j++)
        expect(singleHiddenLine([g.cells[0][j], g.cells[1][j]], g.columnTotals[j]), label).toBe(false);
      expect(singleHiddenLine(g.rowTotals, g.total), label).toBe(false);
      expect(singleHiddenLine(g.columnTotals, g.total), label).toBe(false);
      raw.forEach((row, i) => row.forEach((v, j) => v === 2 && expect(g.cells[i][j]).toEqual(SUPPRESSED)));
    }
  });

  it('has nothing for no rows', () => {
    expect(suppressGrid([])).toEqual({ cells: [], rowTotals: [], columnTotals: [], total: value(0) });
  });
});

const month = (c: Partial<MonthCounts>): MonthCounts => ({ ...EMPTY_MONTH, ...c });

describe("a center's month", () => {
  it('computes each figure from the counts', () => {
    const f = monthFigures(
      month({
        enrolled: 20,
        expected: 400,
        present: 352,
        incidents: 3,
        measured: 18,
        haz_n: 18,
        stunted: 6,
        whz_n: 18,
        wasted: 0,
        waz_n: 18,
        underweight: 2,
        milestone_covered: 15,
        kpsp_covered: 10,
      }),
    );
    expect(f).toEqual({
      enrolled: value(20),
      attendanceRate: value(88),
      measuredShare: value(90),
      stunting: value(33.3),
      wasting: value(0),
      underweight: SUPPRESSED,
      milestoneCoverage: value(75),
      kpspCoverage: value(50),
      incidentsPer100: value(0.9),
    });
  });

  it('suppresses everything resting on fewer than 5 enrolled children', () => {
    const f = monthFigures(
      month({ enrolled: 4, expected: 80, present: 70, measured: 4, haz_n: 4, whz_n: 4, waz_n: 4 }),
    );
    expect(Object.values(f).every((x) => x.kind === 'suppressed')).toBe(true);
  });

  it('shows no figure where there is nothing to count', () => {
    expect(monthFigures(EMPTY_MONTH)).toMatchObject({ enrolled: value(0), attendanceRate: NONE, stunting: NONE });
  });
});

describe('open concerns', () => {
  it('counts by level with the total, and the oldest only beside a total that is shown', () => {
    const c = concernFigures({ byLevel: { unassessed: 0, low: 5, medium: 2, high: 6, urgent: 0 }, oldestDays: 40 });
    expect(c.byLevel).toEqual({
      unassessed: SUPPRESSED,
      low: value(5),
      medium: SUPPRESSED,
      high: value(6),
      urgent: value(0),
    });
    expect(c.total).toEqual(value(13));
    expect(c.oldestDays).toEqual(value(40));
    const few = concernFigures({ byLevel: { ...EMPTY_CONCERNS.byLevel, high: 2 }, oldestDays: 12 });
    expect(few).toMatchObject({ total: SUPPRESSED, oldestDays: SUPPRESSED });
    expect(concernFigures(EMPTY_CONCERNS)).toMatchObject({ total: value(0), oldestDays: NONE });
  });
});

describe('a region', () => {
  it('suppresses a second center beside one that is small, so neither follows from the total', () => {
    const { rows, total } = regionTable([
      { id: 'a', month: month({ enrolled: 3, expected: 60, present: 50 }), concerns: EMPTY_CONCERNS },
      { id: 'b', month: month({ enrolled: 12, expected: 240, present: 200 }), concerns: EMPTY_CONCERNS },
      { id: 'c', month: month({ enrolled: 30, expected: 600, present: 560 }), concerns: EMPTY_CONCERNS },
    ]);
    expect(total.figures.enrolled).toEqual(value(45));
    expect(rows.map((r) => r.figures.enrolled)).toEqual([SUPPRESSED, SUPPRESSED, value(30)]);
    expect(rows.map((r) => r.figures.attendanceRate)).toEqual([SUPPRESSED, SUPPRESSED, value(93.3)]);
  });

  it("protects a center's concern counts along its row and down each level", () => {
    const concerns = (low: number, high: number) => ({
      byLevel: { unassessed: 0, low, medium: 0, high, urgent: 0 },
      oldestDays: 30,
    });
    const { rows, total } = regionTable([
      { id: 'a', month: EMPTY_MONTH, concerns: concerns(6, 2) },
      { id: 'b', month: EMPTY_MONTH, concerns: concerns(7, 8) },
    ]);
    expect(rows[0].concernFigures.byLevel.high).toEqual(SUPPRESSED);
    expect(total.concernFigures.byLevel.high).toEqual(value(10));
    expect(rows[1].concernFigures.byLevel.high).toEqual(SUPPRESSED);
    for (const r of rows) {
      const cells = Object.values(r.concernFigures.byLevel);
      if (shown(r.concernFigures.total)) expect(cells.filter((f) => !shown(f)).length).not.toBe(1);
    }
  });

  it('reads as text: a number, "<5" or a dash', () => {
    expect([value(12.5), SUPPRESSED, NONE].map((f) => figureText(f))).toEqual(['12.5', '<5', '–']);
  });
});
