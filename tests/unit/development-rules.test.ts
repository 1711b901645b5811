import { describe, expect, it } from 'vitest';
import catalog from '~db/reference/milestones/catalog.json';
import {
  AGE_BANDS,
  bandFor,
  DOMAINS,
  interpretKpsp,
  isFlagged,
  kpspAgePoint,
  milestoneAgeMonths,
} from '~/modules/development/rules';

describe('the milestone catalog', () => {
  it('covers every age band in all four domains, bilingual, with a source for each item', () => {
    for (const band of AGE_BANDS)
      for (const domain of DOMAINS)
        expect(
          catalog.items.some((i) => i.ageMonths === band && i.domain === domain),
          `${band} ${domain}`,
        ).toBe(true);
    for (const item of catalog.items) {
      expect(item.id.trim()).not.toBe('');
      expect(item.en.trim()).not.toBe('');
      expect(item.id).not.toBe(item.en);
      expect(item.source).toMatch(/CDC/);
    }
    expect(new Set(catalog.items.map((i) => i.code)).size).toBe(catalog.items.length);
  });
});

describe('age for milestones', () => {
  it('corrects for prematurity until 24 months', () => {
    // Born at 32 weeks: 8 weeks early.
    expect(milestoneAgeMonths('2026-01-01', '2026-07-01', 32)).toEqual({ months: 4, corrected: true });
    expect(milestoneAgeMonths('2026-01-01', '2026-07-01', 39)).toEqual({ months: 6, corrected: false });
    expect(milestoneAgeMonths('2023-01-01', '2025-12-01', 30)).toEqual({ months: 35, corrected: false });
  });
  it('picks the latest band reached', () => {
    expect(bandFor(1)).toBeNull();
    expect(bandFor(10)).toBe(9);
    expect(bandFor(24)).toBe(24);
    expect(bandFor(70)).toBe(60);
  });
  it('flags an item still "not yet" at or after its band only', () => {
    expect(isFlagged({ age_months: 12 }, 'not_yet', 12)).toBe(true);
    expect(isFlagged({ age_months: 12 }, 'not_yet', 11)).toBe(false);
    expect(isFlagged({ age_months: 12 }, 'not_sure', 14)).toBe(false);
    expect(isFlagged({ age_months: 12 }, 'yes', 14)).toBe(false);
  });
});

describe('KPSP', () => {
  it('interprets the number of yes answers as KPSP does', () => {
    expect(interpretKpsp(10, '2026-11-30')).toEqual({ interpretation: 'appropriate', followUpDue: null });
    expect(interpretKpsp(9, '2026-11-30').interpretation).toBe('appropriate');
    expect(interpretKpsp(8, '2026-11-30')).toEqual({ interpretation: 'doubtful', followUpDue: '2026-12-14' });
    expect(interpretKpsp(7, '2026-11-30').interpretation).toBe('doubtful');
    expect(interpretKpsp(6, '2026-11-30')).toEqual({ interpretation: 'deviation', followUpDue: '2026-11-30' });
  });
  it('rounds more than 16 days up and uses the nearest younger screening age', () => {
    expect(kpspAgePoint('2026-01-01', '2026-04-16')).toBe(3); // 3 months 15 days
    expect(kpspAgePoint('2026-01-01', '2026-08-18')).toBe(6); // 7 months 17 days → 8 → form 6
    expect(kpspAgePoint('2024-01-01', '2026-03-01')).toBe(24); // 26 months → 24
    expect(kpspAgePoint('2026-01-01', '2026-02-01')).toBeNull();
  });
});
