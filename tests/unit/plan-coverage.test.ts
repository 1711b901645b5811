import { describe, expect, it } from 'vitest';
import {
  addMonths,
  monthCoverage,
  monthDates,
  monthOf,
  monthProblem,
  MONTHS_BACK,
  MOST_USED,
  type DoneActivity,
} from '~/modules/plans/coverage';

describe('months of the coverage report', () => {
  it('goes back 24 months and up to this month, and refuses what cannot be read', () => {
    const today = '2026-11-30';
    expect(monthProblem('2026-11', today)).toBeNull();
    expect(monthProblem(addMonths('2026-11', -MONTHS_BACK), today)).toBeNull();
    expect(addMonths('2026-11', -MONTHS_BACK)).toBe('2024-11');
    expect(monthProblem('2024-10', today)).toBe('monthTooFarPast');
    expect(monthProblem('2026-12', today)).toBe('monthInFuture');
    expect(monthProblem('2026-13', today)).toBe('invalidMonth');
    expect(monthProblem('2026-1', today)).toBe('invalidMonth');
    expect(monthProblem('2026-11-01', today)).toBe('invalidMonth');
    expect(monthProblem('', today)).toBe('invalidMonth');
    expect(monthOf(today)).toBe('2026-11');
  });

  it('knows a month’s first and last days and the Monday of the week of its first day', () => {
    expect(monthDates('2026-11')).toEqual({ first: '2026-11-01', last: '2026-11-30', firstWeek: '2026-10-26' });
    expect(monthDates('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29', firstWeek: '2028-01-31' });
    expect(monthDates('2026-06').firstWeek).toBe('2026-06-01'); // a Monday
    expect(addMonths('2026-12', 1)).toBe('2027-01');
  });
});

describe('a month’s coverage', () => {
  const kitchen: DoneActivity = {
    activityId: 'kitchen',
    title: 'Main masak-masakan',
    childrenChoice: false,
    elements: ['jati_diri', 'literasi_steam'],
    items: [
      { id: 'cg-1', domain: 'cognitive' },
      { id: 'se-1', domain: 'social_emotional' },
    ],
  };
  const ball: DoneActivity = {
    activityId: 'ball',
    title: 'Bola',
    childrenChoice: true,
    elements: ['jati_diri'],
    items: [{ id: 'mp-1', domain: 'movement' }],
  };
  const walk: DoneActivity = { activityId: null, title: 'Jalan', childrenChoice: true, elements: [], items: [] };
  const elements = ['agama_budi_pekerti', 'jati_diri', 'literasi_steam'];
  const domains = ['social_emotional', 'language', 'cognitive', 'movement'];

  it('counts each time an activity was done, names the gaps and the children’s participation', () => {
    const result = monthCoverage({
      done: [kitchen, ball, { ...kitchen, childrenChoice: true }, walk],
      elements,
      domains,
      notYet: new Map([
        ['putri', ['cg-1', 'lc-9']],
        ['citra', ['mp-1']],
      ]),
      children: [{ id: 'putri' }, { id: 'citra' }],
      words: 5,
    });
    expect(result.done).toBe(4);
    expect(result.elements).toEqual({ agama_budi_pekerti: 0, jati_diri: 3, literasi_steam: 2 });
    expect(result.domains).toEqual({ social_emotional: 2, language: 0, cognitive: 2, movement: 1 });
    expect(result.mostUsed).toEqual([
      { activityId: 'kitchen', title: 'Main masak-masakan', count: 2 },
      { activityId: 'ball', title: 'Bola', count: 1 },
    ]);
    expect(result.gaps).toEqual({ elements: ['agama_budi_pekerti'], domains: ['language'] });
    expect(result.unsupported).toEqual([{ child: { id: 'putri' }, itemIds: ['lc-9'] }]);
    expect(result.childrenChoice).toBe(3);
    expect(result.words).toBe(5);
  });

  it('lists at most five activities, the most used first and ties by title', () => {
    const done = ['E', 'D', 'C', 'B', 'A', 'F'].map((t) => ({ ...ball, activityId: t, title: t }));
    const result = monthCoverage({
      done: [...done, done[5]],
      elements,
      domains,
      notYet: new Map(),
      children: [],
      words: 0,
    });
    expect(result.mostUsed.map((m) => m.title)).toEqual(['F', 'A', 'B', 'C', 'D']);
    expect(result.mostUsed).toHaveLength(MOST_USED);
  });

  it('an empty month touches nothing and leaves every element and domain a gap', () => {
    const result = monthCoverage({ done: [], elements, domains, notYet: new Map(), children: [], words: 0 });
    expect(result).toMatchObject({ done: 0, mostUsed: [], childrenChoice: 0, words: 0 });
    expect(result.gaps).toEqual({ elements, domains });
  });
});
