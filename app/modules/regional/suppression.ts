// Small-group suppression for the regional figures (issue 13): regional and national views count,
// they never name. A figure computed from a group of 1–4 children is not shown ("<5"), nor one
// that could be worked out from suppressed cells by subtraction from a total shown beside them.
// Pure functions, so the pages, the CSV and the tests say exactly the same.

/** The smallest group of children a figure may be computed from. */
export const MIN_GROUP = 5;

/** A figure as shown: a value, suppressed ("<5"), or none (nothing to compute it from). */
export type Figure = { kind: 'value'; value: number } | { kind: 'suppressed' } | { kind: 'none' };

export const value = (v: number): Figure => ({ kind: 'value', value: v });
export const SUPPRESSED: Figure = { kind: 'suppressed' };
export const NONE: Figure = { kind: 'none' };

/** A group of 1–4 children is small; an empty group identifies nobody. */
export const isSmallGroup = (n: number) => n > 0 && n < MIN_GROUP;

/** A count of children: shown when 0 or at least 5. */
export function countFigure(n: number): Figure {
  return isSmallGroup(n) ? SUPPRESSED : value(n);
}

/**
 * A share in percent (one decimal) of `numerator` over `denominator`, computed from `groups`: the
 * sizes of the groups of children it rests on (those it is out of, and, when the numerator counts
 * children, those counted). Suppressed when any group has 1–4 children; none when the denominator is 0.
 */
export function shareFigure({
  numerator,
  denominator,
  groups,
  per = 100,
}: {
  numerator: number;
  denominator: number;
  groups: number[];
  per?: number;
}): Figure {
  if (denominator <= 0) return NONE;
  if (groups.some(isSmallGroup)) return SUPPRESSED;
  return value(Math.round((numerator / denominator) * per * 10) / 10);
}

/**
 * Complementary suppression over cells that add up to a total shown beside them (e.g. open concerns
 * by risk level and their total, or each center's count and the region's). When exactly one cell is
 * suppressed, it equals the total minus the others: the next-smallest shown cell (by its raw value,
 * ties to the earlier cell) is suppressed too. When the total itself is suppressed nothing can be
 * subtracted from it. Returns new figures, in the same order.
 */
export function complementarySuppression(cells: { raw: number; figure: Figure }[], total: Figure): Figure[] {
  const out = cells.map((c) => c.figure);
  if (total.kind !== 'value') return out;
  const suppressed = out.filter((f) => f.kind === 'suppressed').length;
  if (suppressed !== 1) return out;
  let pick = -1;
  for (let i = 0; i < cells.length; i++) {
    if (out[i].kind !== 'value') continue;
    if (pick === -1 || cells[i].raw < cells[pick].raw) pick = i;
  }
  if (pick !== -1) out[pick] = SUPPRESSED;
  return out;
}

/** Counts of children by category with their total, each suppressed, and complementary suppression applied. */
export function countsWithTotal<K extends string>(
  counts: Record<K, number>,
): { cells: Record<K, Figure>; total: Figure } {
  const keys = Object.keys(counts) as K[];
  const totalRaw = keys.reduce((sum, k) => sum + counts[k], 0);
  const total = countFigure(totalRaw);
  const figures = complementarySuppression(
    keys.map((k) => ({ raw: counts[k], figure: countFigure(counts[k]) })),
    total,
  );
  return { cells: Object.fromEntries(keys.map((k, i) => [k, figures[i]])) as Record<K, Figure>, total };
}

/** How a figure reads in a table or the CSV: the number, "<5", or "–". */
export function figureText(f: Figure, format: (v: number) => string = String, suppressed = '<5'): string {
  if (f.kind === 'value') return format(f.value);
  return f.kind === 'suppressed' ? suppressed : '–';
}

/**
 * Counts in a table with row totals, column totals and a grand total (e.g. open concerns of each
 * center by risk level, with each center's total, the region's per level and the region's total).
 * Every cell and total is suppressed when small, then complementary suppression is applied along
 * every row and column (totals included) until nothing changes, so no suppressed cell follows by
 * subtraction along any line.
 */
export function suppressGrid(raw: number[][]): {
  cells: Figure[][];
  rowTotals: Figure[];
  columnTotals: Figure[];
  total: Figure;
} {
  const columns = raw[0]?.length ?? 0;
  const rowRaw = raw.map((r) => r.reduce((a, b) => a + b, 0));
  const columnRaw = Array.from({ length: columns }, (_, j) => raw.reduce((a, r) => a + r[j], 0));
  const totalRaw = rowRaw.reduce((a, b) => a + b, 0);
  const cells = raw.map((r) => r.map(countFigure));
  const rowTotals = rowRaw.map(countFigure);
  const columnTotals = columnRaw.map(countFigure);
  const total = countFigure(totalRaw);
  const line = (items: { raw: number; get: () => Figure; set: (f: Figure) => void }[], lineTotal: Figure) => {
    const before = items.map((i) => i.get());
    const after = complementarySuppression(
      items.map((i, k) => ({ raw: i.raw, figure: before[k] })),
      lineTotal,
    );
    let changed = false;
    after.forEach((f, k) => {
      if (f.kind !== before[k].kind) {
        items[k].set(f);
        changed = true;
      }
    });
    return changed;
  };
  for (let pass = 0; pass < 100; pass++) {
    let changed = false;
    raw.forEach((r, i) => {
      const items = r.map((v, j) => ({ raw: v, get: () => cells[i][j], set: (f: Figure) => (cells[i][j] = f) }));
      if (line(items, rowTotals[i])) changed = true;
    });
    for (let j = 0; j < columns; j++) {
      const items = raw.map((r, i) => ({ raw: r[j], get: () => cells[i][j], set: (f: Figure) => (cells[i][j] = f) }));
      if (line(items, columnTotals[j])) changed = true;
    }
    const rowItems = rowRaw.map((v, i) => ({
      raw: v,
      get: () => rowTotals[i],
      set: (f: Figure) => (rowTotals[i] = f),
    }));
    if (line(rowItems, total)) changed = true;
    const colItems = columnRaw.map((v, j) => ({
      raw: v,
      get: () => columnTotals[j],
      set: (f: Figure) => (columnTotals[j] = f),
    }));
    if (line(colItems, total)) changed = true;
    if (!changed) break;
  }
  return { cells, rowTotals, columnTotals, total };
}
