import { describe, expect, it } from 'vitest';
import {
  AHEAD_WEEKS,
  coverage,
  defaultBlocksFor,
  parseBlocks,
  PAST_WEEKS,
  planDays,
  weekProblem,
  weekStartOf,
} from '~/modules/plans/plans';
import { addWeeks } from '~/modules/plans/plans';

describe('weeks', () => {
  it('starts a week on its Monday, whatever the day', () => {
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30'); // a Monday
    expect(weekStartOf('2026-12-06')).toBe('2026-11-30'); // the Sunday after
    expect(weekStartOf('2027-01-01')).toBe('2026-12-28'); // across the year
  });

  it('allows 8 weeks back and 12 ahead, and refuses further or a day that is not a Monday', () => {
    const today = '2026-12-02'; // a Wednesday: its week starts 2026-11-30
    expect(weekProblem('2026-11-30', today)).toBeNull();
    expect(weekProblem(addWeeks('2026-11-30', -PAST_WEEKS), today)).toBeNull();
    expect(weekProblem(addWeeks('2026-11-30', -PAST_WEEKS - 1), today)).toBe('weekTooFarPast');
    expect(weekProblem(addWeeks('2026-11-30', AHEAD_WEEKS), today)).toBeNull();
    expect(weekProblem(addWeeks('2026-11-30', AHEAD_WEEKS + 1), today)).toBe('weekTooFarAhead');
    expect(weekProblem('2026-12-01', today)).toBe('invalidWeek');
    expect(weekProblem('2026-02-30', today)).toBe('invalidWeek');
    expect(weekProblem('kemarin', today)).toBe('invalidWeek');
  });

  it('plans the center’s open days, Monday to Friday when none are set', () => {
    const closed = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null };
    expect(planDays({ ...closed, mon: ['07:00', '17:00'], sat: ['08:00', '12:00'] })).toEqual(['mon', 'sat']);
    expect(planDays(closed)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
  });
});

describe('time blocks', () => {
  it('has defaults by age: a room for under-twos starts with free play, an older one with circle time', () => {
    expect(defaultBlocksFor({ max_age_months: 24 })).toContain('freePlay');
    expect(defaultBlocksFor({ max_age_months: 24 })).not.toContain('circleTime');
    expect(defaultBlocksFor({ max_age_months: 48 })).toContain('circleTime');
    for (const max of [12, 60]) expect(defaultBlocksFor({ max_age_months: max })).toContain('nap');
  });

  const row = (name: string, position = '', blockId = '') => ({ name, position, blockId });

  it('orders by the numbers (ties keep the rows’ order), drops emptied rows, tidies spaces', () => {
    const parsed = parseBlocks([
      row('Kedatangan', '2', 'a'),
      row('  Main   pasir ', '1'),
      row('', '3', 'b'),
      row('Tidur', '2'),
    ]);
    expect(parsed).toEqual({
      ok: true,
      blocks: [
        { id: null, name: 'Main pasir' },
        { id: 'a', name: 'Kedatangan' },
        { id: null, name: 'Tidur' },
      ],
    });
  });

  it('refuses a name twice (whatever its case and spaces) on the second row, and an empty day', () => {
    expect(parseBlocks([row('Camilan'), row('Tidur'), row(' camilan ')])).toEqual({
      ok: false,
      errors: { 'name.2': 'errors.duplicateBlock?name=camilan' },
    });
    expect(parseBlocks([row(''), row(' ')])).toEqual({ ok: false, errors: { form: 'errors.noBlocks' } });
    expect(parseBlocks([row('x'.repeat(41))])).toMatchObject({
      ok: false,
      errors: { 'name.0': 'errors.tooLong?max=40' },
    });
  });
});

describe('coverage', () => {
  it('counts activities per element and domain, and lists "not yet" items no activity supports', () => {
    const result = coverage({
      activities: [
        { elements: ['jati_diri'], items: [{ id: 'a', domain: 'movement' }] },
        { elements: ['jati_diri', 'literasi_steam'], items: [{ id: 'b', domain: 'language' }] },
      ],
      elements: ['agama_budi_pekerti', 'jati_diri', 'literasi_steam'],
      domains: ['language', 'movement', 'cognitive'],
      notYet: new Map([
        ['c1', ['a', 'z']],
        ['c2', ['b']],
      ]),
      children: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }],
    });
    expect(result.elements).toEqual({ agama_budi_pekerti: 0, jati_diri: 2, literasi_steam: 1 });
    expect(result.domains).toEqual({ language: 1, movement: 1, cognitive: 0 });
    expect(result.unsupported).toEqual([{ child: { id: 'c1' }, itemIds: ['z'] }]);
  });
});
