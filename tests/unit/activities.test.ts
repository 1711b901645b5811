import { describe, expect, it } from 'vitest';
import library from '~db/reference/activities/library.json';
import profile from '~db/reference/curriculum/profil-lulusan.json';
import catalog from '~db/reference/milestones/catalog.json';
import { ACTIVITY_GROUPINGS, ACTIVITY_SETTINGS } from '~db/schema';
import {
  ACTIVITY_MAX_AGE_MONTHS,
  ActivitySchema,
  LEARNING_ELEMENTS,
  milestoneFits,
  MONTESSORI_AREAS,
  parseActivityFilters,
  parseTag,
  rangesOverlap,
  textFor,
} from '~/modules/activities/activities';

const TEXTS = ['title', 'goal', 'steps', 'materials', 'adaptations', 'safety'] as const;
const items = new Map(catalog.items.map((i) => [i.code, i]));

describe('the shared library as seeded', () => {
  it('has at least 40 activities with unique codes', () => {
    expect(library.activities.length).toBeGreaterThanOrEqual(40);
    const codes = library.activities.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^lib-[a-z0-9-]+$/);
  });

  it('has every text in both languages, and the two are not the same words', () => {
    for (const a of library.activities) {
      for (const field of TEXTS) {
        expect(a.id[field].trim(), `${a.code} id.${field}`).not.toBe('');
        expect(a.en[field].trim(), `${a.code} en.${field}`).not.toBe('');
      }
      expect(a.id.steps, a.code).not.toBe(a.en.steps);
      // Steps are numbered lines, the same number in both languages.
      expect(a.id.steps.split('\n').length, a.code).toBe(a.en.steps.split('\n').length);
    }
  });

  it('has possible ages, durations, groupings and places', () => {
    for (const a of library.activities) {
      expect(a.minAgeMonths, a.code).toBeGreaterThanOrEqual(0);
      expect(a.maxAgeMonths, a.code).toBeLessThanOrEqual(ACTIVITY_MAX_AGE_MONTHS);
      expect(a.minAgeMonths, a.code).toBeLessThanOrEqual(a.maxAgeMonths);
      expect(a.durationMinutes, a.code).toBeGreaterThan(0);
      expect(a.durationMinutes, a.code).toBeLessThanOrEqual(240);
      expect(ACTIVITY_GROUPINGS as readonly string[]).toContain(a.grouping);
      expect(ACTIVITY_SETTINGS as readonly string[]).toContain(a.setting);
    }
  });

  it('uses only valid tags, and every activity has a learning element', () => {
    const dimensions = new Set(profile.dimensions.map((d) => d.code));
    for (const a of library.activities) {
      expect(a.elements.length, a.code).toBeGreaterThan(0);
      for (const e of a.elements) expect(LEARNING_ELEMENTS as readonly string[], a.code).toContain(e);
      for (const m of a.montessori) expect(MONTESSORI_AREAS as readonly string[], a.code).toContain(m);
      for (const p of a.profile) expect(dimensions.has(p), `${a.code} ${p}`).toBe(true);
    }
  });

  it('ties every activity to catalog milestone items that fit its ages', () => {
    for (const a of library.activities) {
      expect(a.milestones.length, a.code).toBeGreaterThanOrEqual(2);
      expect(new Set(a.milestones).size, a.code).toBe(a.milestones.length);
      for (const code of a.milestones) {
        const item = items.get(code);
        expect(item, `${a.code}: ${code} is not in the catalog`).toBeDefined();
        expect(
          milestoneFits(item!.ageMonths, { min: a.minAgeMonths, max: a.maxAgeMonths }),
          `${a.code} (${a.minAgeMonths}–${a.maxAgeMonths} months): ${code} is for ${item!.ageMonths} months`,
        ).toBe(true);
      }
    }
  });

  it('covers every age band of the catalog, every element and every Montessori area', () => {
    for (const age of [2, 6, 12, 18, 24, 36, 48, 60])
      expect(
        library.activities.some((a) => a.minAgeMonths <= age && a.maxAgeMonths >= age),
        `${age} months`,
      ).toBe(true);
    for (const e of LEARNING_ELEMENTS)
      expect(
        library.activities.some((a) => a.elements.includes(e)),
        e,
      ).toBe(true);
    for (const m of MONTESSORI_AREAS)
      expect(
        library.activities.some((a) => a.montessori.includes(m)),
        m,
      ).toBe(true);
  });

  it('seeds the eight Profil Lulusan dimensions, in both languages', () => {
    expect(profile.dimensions.map((d) => d.code)).toEqual([
      'keimanan',
      'kewargaan',
      'penalaran_kritis',
      'kreativitas',
      'kolaborasi',
      'kemandirian',
      'kesehatan',
      'komunikasi',
    ]);
    for (const d of profile.dimensions) expect(d.id && d.en).toBeTruthy();
  });
});

describe('the activity form', () => {
  const valid = {
    title: 'Menuang air',
    goal: 'Tangan yang mantap.',
    steps: '1. Tuang.',
    materials: 'Teko',
    duration_minutes: '15',
    min_age_months: '24',
    max_age_months: '48',
    grouping: 'individual',
    setting: 'both',
    elements: 'jati_diri',
    milestones: ['cdc-30m-mp-1', 'cdc-30m-mp-1'],
  };

  it('accepts a valid activity: one checked box or several, numbers as typed, optional texts empty', () => {
    const parsed = ActivitySchema.parse(valid);
    expect(parsed).toMatchObject({
      duration_minutes: 15,
      min_age_months: 24,
      elements: ['jati_diri'],
      montessori: [],
      milestones: ['cdc-30m-mp-1'],
      adaptations: '',
      safety_notes: '',
      remove_photo: false,
    });
    // react-hook-form posts an unticked group as false.
    expect(ActivitySchema.parse({ ...valid, montessori: false }).montessori).toEqual([]);
  });

  it('puts an impossible age range on the oldest age, with its own message', () => {
    const result = ActivitySchema.safeParse({ ...valid, min_age_months: '36', max_age_months: '12' });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([
      expect.objectContaining({ path: ['max_age_months'], message: 'errors.activityAgeRange' }),
    ]);
    expect(ActivitySchema.safeParse({ ...valid, min_age_months: '12', max_age_months: '12' }).success).toBe(true);
  });

  it('refuses ages beyond six years, negative or fractional ages, and tags outside the sets', () => {
    const issue = (over: Record<string, unknown>) => ActivitySchema.safeParse({ ...valid, ...over }).error?.issues[0];
    expect(issue({ max_age_months: '73' })).toMatchObject({ message: 'errors.between?min=0&max=72' });
    expect(issue({ min_age_months: '-1' })).toMatchObject({ message: 'errors.between?min=0&max=72' });
    expect(issue({ min_age_months: '2.5' })).toMatchObject({ message: 'errors.wholeNumber' });
    expect(issue({ elements: ['jati_diri', 'astrologi'] })).toMatchObject({
      path: ['elements'],
      message: 'errors.choose',
    });
    expect(issue({ milestones: ["x'; drop table"] })).toMatchObject({ path: ['milestones'] });
    expect(issue({ grouping: 'crowd' })).toMatchObject({ path: ['grouping'] });
  });
});

describe('rules and filters', () => {
  it('a milestone fits an activity in its range or up to six months outside it', () => {
    expect(milestoneFits(24, { min: 18, max: 30 })).toBe(true);
    expect(milestoneFits(36, { min: 18, max: 30 })).toBe(true);
    expect(milestoneFits(12, { min: 18, max: 30 })).toBe(true);
    expect(milestoneFits(48, { min: 18, max: 30 })).toBe(false);
    expect(milestoneFits(4, { min: 36, max: 60 })).toBe(false);
  });

  it('ranges overlap when they share a month', () => {
    expect(rangesOverlap({ min: 3, max: 12 }, { min: 12, max: 24 })).toBe(true);
    expect(rangesOverlap({ min: 3, max: 11 }, { min: 12, max: 24 })).toBe(false);
  });

  it('reads tags and filters from a URL, dropping what it cannot read', () => {
    expect(parseTag('element:jati_diri')).toEqual({ kind: 'element', code: 'jati_diri' });
    expect(parseTag('montessori:culture')).toEqual({ kind: 'montessori', code: 'culture' });
    expect(parseTag('profile:kemandirian')).toEqual({ kind: 'profile', code: 'kemandirian' });
    expect(parseTag('element:nope')).toBeNull();
    expect(parseTag('profile:Drop Table')).toBeNull();
    expect(parseTag('a:b:c')).toBeNull();
    expect(
      parseActivityFilters(new URLSearchParams('q=  air &age=30&domain=movement&milestone=cdc-24m-mp-1&scope=own')),
    ).toEqual({
      q: 'air',
      age: 30,
      room: null,
      tag: null,
      domain: 'movement',
      milestone: 'cdc-24m-mp-1',
      scope: 'own',
    });
    expect(parseActivityFilters(new URLSearchParams('age=99&domain=magic&scope=x&room=%27'))).toMatchObject({
      age: null,
      domain: null,
      scope: 'all',
      room: null,
    });
  });

  it('shows the reader’s language when the activity has it, else the one it has', () => {
    const both = [
      { language: 'id', title: 'Engklek' },
      { language: 'en', title: 'Hopscotch' },
    ];
    expect(textFor(both, 'en')?.title).toBe('Hopscotch');
    expect(textFor([both[0]], 'en')?.title).toBe('Engklek');
  });
});
