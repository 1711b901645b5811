import { describe, expect, it } from 'vitest';
import catalog from '../../db/reference/milestones/catalog.json';
import {
  dayTimes,
  longestUnexplainedRun,
  milestoneContradictions,
  minutesOf,
  planAttendance,
  planMilestones,
  seeded,
  type Delay,
} from '~db/seed/demo-days';
import type { Domain } from '~db/schema';
import { AGE_BANDS, bandFor } from '~/modules/development/rules';

const items = catalog.items.map((i) => ({ id: i.code, age_months: i.ageMonths, domain: i.domain as Domain }));
const dates = Array.from({ length: 65 }, (_, i) => `day-${String(i).padStart(2, '0')}`);

describe("the demo's days", () => {
  it('are the same for the same seed, and different for another', () => {
    const plan = (seed: number) => planAttendance({ dates, rand: seeded(seed), ageMonths: 30 });
    expect(plan(7)).toEqual(plan(7));
    expect(plan(7)).not.toEqual(plan(8));
  });

  it('never put two unexplained absences in a row, unless a streak is asked for, and then exactly at the end', () => {
    for (let seed = 0; seed < 300; seed++) {
      const plan = planAttendance({ dates, rand: seeded(seed), ageMonths: seed % 60, frailty: 1.6 });
      expect(plan.map((d) => d.date)).toEqual(dates);
      expect(longestUnexplainedRun(plan)).toBeLessThanOrEqual(1);
      const streak = planAttendance({ dates, rand: seeded(seed), ageMonths: 20, unexplainedTail: 3 });
      expect(longestUnexplainedRun(streak)).toBe(3);
      expect(longestUnexplainedRun(streak.slice(0, -3))).toBeLessThanOrEqual(1);
      expect(streak.at(-4)).not.toMatchObject({ reason: 'unexplained' });
    }
  });

  it('come to a believable attendance rate over many children', () => {
    let present = 0;
    let total = 0;
    for (let seed = 0; seed < 200; seed++) {
      const plan = planAttendance({ dates, rand: seeded(seed), ageMonths: seed % 66, frailty: 0.6 + (seed % 10) / 10 });
      present += plan.filter((d) => d.kind === 'present').length;
      total += plan.length;
    }
    expect(present / total).toBeGreaterThan(0.8);
    expect(present / total).toBeLessThan(0.93);
  });

  it('keep arrivals and departures within opening hours', () => {
    const rand = seeded(3);
    for (let i = 0; i < 500; i++) {
      const opening: [string, string] = i % 5 === 4 ? ['07:00', '16:00'] : ['07:00', '17:00'];
      const { arrive, leave } = dayTimes({ rand, schedule: ['07:30', '16:00'], opening });
      expect(arrive).toBeGreaterThan(minutesOf(opening[0]));
      expect(leave).toBeLessThanOrEqual(minutesOf(opening[1]) - 5);
      expect(leave - arrive).toBeGreaterThanOrEqual(240);
    }
  });
});

describe("the demo's milestones", () => {
  it('fit the age for every age and seed: no "not yet" below something later already seen', () => {
    for (let age = 2; age <= 71; age++)
      for (let seed = 0; seed < 20; seed++) {
        const band = bandFor(age)!;
        const planned = planMilestones({ items, ageMonths: age, band, rand: seeded(seed * 100 + age) });
        const byId = new Map(items.map((i) => [i.id, i]));
        const latest = planned.map((p) => ({ ...p, domain: byId.get(p.itemId)!.domain }));
        expect(milestoneContradictions(latest)).toEqual([]);
        // Everything below the band seen; nothing beyond the next band.
        expect(planned.filter((p) => p.ageMonths < band).every((p) => p.status === 'yes')).toBe(true);
        const next = AGE_BANDS.find((b) => b > band) ?? band;
        expect(planned.every((p) => p.ageMonths <= next)).toBe(true);
      }
  });

  it('keep a delay consistent across bands', () => {
    const delay: Delay = { domain: 'language', fullBand: 24, partial: ['cdc-30m-lc-3'], notSure: ['cdc-30m-lc-4'] };
    const planned = planMilestones({ items, ageMonths: 43, band: 36, rand: seeded(1), delay });
    const language = planned
      .filter((p) => p.itemId.includes('-lc-'))
      .map((p) => ({ ...p, domain: 'language' as Domain }));
    expect(milestoneContradictions(language)).toEqual([]);
    expect(language.filter((p) => p.status === 'not_yet').map((p) => p.ageMonths)).toEqual([
      30, 30, 36, 36, 36, 36, 36,
    ]);
    expect(language.filter((p) => p.ageMonths <= 24).every((p) => p.status === 'yes')).toBe(true);
  });

  it('find a contradiction when there is one', () => {
    expect(
      milestoneContradictions([
        { itemId: 'a', domain: 'language', ageMonths: 2, status: 'not_yet' },
        { itemId: 'b', domain: 'language', ageMonths: 36, status: 'yes' },
        { itemId: 'c', domain: 'movement', ageMonths: 48, status: 'yes' },
      ]),
    ).toEqual([['a', 'b']]);
  });
});
