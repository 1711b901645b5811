import { describe, expect, it } from 'vitest';
import {
  ACTIVITIES,
  menuFor,
  photoScene,
  planRoomDay,
  servedTo,
  type LogChild,
  type PlannedLog,
  type RoomBand,
} from '~db/seed/demo-day-log';
import { AMOUNTS, BOTTLE_MAX_ML, DayEntrySchema } from '~/modules/day/day';

const menu = menuFor('tas', 'wed')!;
const child = (id: string, over: Partial<LogChild> = {}): LogChild => ({
  id,
  ageMonths: 30,
  arrive: 7 * 60 + 40,
  leave: 15 * 60 + 30,
  avoid: [],
  milk: 'formula',
  nursing: false,
  ...over,
});
const plan = (band: RoomBand, children: LogChild[], until?: number, date = '2026-11-25') =>
  planRoomDay({ roomKey: `room-${band}`, band, date, children, menu, until });
const of = (logs: PlannedLog[], id: string) => logs.filter((l) => l.childIds.includes(id));
/** The minutes a child sleeps in a plan (ended naps). */
const asleep = (logs: PlannedLog[], id: string) =>
  of(logs, id).flatMap((l) => (l.entry.kind === 'nap' && l.entry.end !== null ? [[l.at, l.entry.end] as const] : []));

describe("the demo's day log", () => {
  const toddlers = Array.from({ length: 8 }, (_, k) =>
    child(`t${k}`, { arrive: 7 * 60 + 35 + k * 7, leave: 14 * 60 + 50 + k * 12 }),
  );
  const babies = [
    child('b1', { ageMonths: 4 }),
    child('b2', { ageMonths: 9, milk: 'breast_milk' }),
    child('b3', { ageMonths: 16, nursing: true, milk: 'breast_milk' }),
  ];

  it('is the same for the same day, and another on another day', () => {
    expect(plan('toddler', toddlers)).toEqual(plan('toddler', toddlers));
    expect(plan('toddler', toddlers)).not.toEqual(plan('toddler', toddlers, undefined, '2026-11-26'));
  });

  it('writes each entry while its children are here and awake (but for the nap itself), once its time has come', () => {
    for (const [band, children] of [
      ['toddler', toddlers],
      ['infant', babies],
      ['preschool', toddlers.map((c) => ({ ...c, ageMonths: 55 }))],
    ] as const) {
      const logs = plan(band, [...children]);
      expect(logs.length).toBeGreaterThan(10);
      for (const log of logs) {
        expect(log.loggedAt).toBeGreaterThanOrEqual(log.at);
        for (const id of log.childIds) {
          const c = children.find((x) => x.id === id)!;
          expect(log.at).toBeGreaterThanOrEqual(c.arrive + 5);
          expect(log.at).toBeLessThanOrEqual(c.leave - 10);
          if (log.entry.kind === 'nap') {
            expect(log.entry.end).toBeGreaterThan(log.at);
            expect(log.entry.end).toBeLessThanOrEqual(c.leave - 10);
          } else
            for (const [start, end] of asleep(logs, id))
              expect(log.at < start || log.at >= end, `${band} ${log.entry.kind} of ${id} while asleep`).toBe(true);
        }
        // What the room's form would accept.
        const { kind, ...fields } = log.entry;
        const form = {
          intent: 'log',
          kind,
          childIds: log.childIds,
          time: `${String(Math.floor(log.at / 60)).padStart(2, '0')}:${String(log.at % 60).padStart(2, '0')}`,
          ...fields,
          ...(log.entry.kind === 'nap' ? { end: '' } : {}),
        };
        expect(DayEntrySchema.safeParse(form).success, JSON.stringify(form)).toBe(true);
      }
    }
  });

  it('gives every child here meals, a mood and the activity; babies under six months milk only', () => {
    const logs = plan('toddler', toddlers);
    for (const c of toddlers) {
      const kinds = of(logs, c.id).map((l) => l.entry.kind);
      for (const kind of ['meal', 'snack', 'mood', 'activity', 'nap', 'diaper']) expect(kinds, c.id).toContain(kind);
    }
    const infants = plan('infant', babies);
    expect(of(infants, 'b1').some((l) => l.entry.kind === 'meal' || l.entry.kind === 'snack')).toBe(false);
    expect(of(infants, 'b1').filter((l) => l.entry.kind === 'bottle').length).toBeGreaterThanOrEqual(2);
    for (const l of infants)
      if (l.entry.kind === 'bottle') {
        expect(l.entry.ml).toBeLessThanOrEqual(BOTTLE_MAX_ML);
        expect(l.entry.milk).toBe(babies.find((b) => b.id === l.childIds[0])!.milk);
      }
    const amounts = new Set(
      logs.flatMap((l) => (l.entry.kind === 'meal' || l.entry.kind === 'snack' ? [l.entry.amount] : [])),
    );
    expect([...amounts].every((a) => (AMOUNTS as readonly string[]).includes(a))).toBe(true);
  });

  it('brings a working mother to the lactation room on most days', () => {
    const visits = Array.from({ length: 20 }, (_, k) => `2026-10-${String(k + 1).padStart(2, '0')}`).filter((date) =>
      of(plan('infant', babies, undefined, date), 'b3').some((l) => l.entry.kind === 'breastfeeding'),
    );
    expect(visits.length).toBeGreaterThan(12);
    expect(plan('infant', babies).some((l) => l.entry.kind === 'breastfeeding' && !l.childIds.includes('b3'))).toBe(
      false,
    );
  });

  it('gives a child who must avoid an ingredient what they eat instead', () => {
    const logs = plan('toddler', [child('milk', { avoid: ['cowMilk'] }), child('any')]);
    const snack = (id: string) => of(logs, id).find((l) => l.entry.kind === 'snack' && l.at < 10 * 60)!.entry;
    expect(snack('any')).toMatchObject({ what: 'Puding susu cokelat' });
    expect(snack('milk')).toMatchObject({ what: 'Agar-agar buah tanpa susu' });
    // Every dish with an ingredient someone avoids says what they get instead.
    for (const kind of ['tas', 'workplace'] as const)
      for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const)
        for (const dish of Object.values(menuFor(kind, day)!)) if (dish.contains) expect(dish.instead).toBeTruthy();
    expect(servedTo({ what: 'Nasi, telur dadar', contains: ['egg'], instead: 'Nasi, tahu' }, ['egg'])).toBe(
      'Nasi, tahu',
    );
    expect(menuFor('tas', 'sat')).toBeNull();
  });

  it('writes only what was written by the hour of seeding; a nap not yet over is still open', () => {
    const until = 13 * 60;
    const logs = plan('toddler', toddlers, until);
    expect(logs.every((l) => l.loggedAt <= until)).toBe(true);
    const naps = logs.filter((l) => l.entry.kind === 'nap');
    expect(naps.length).toBeGreaterThan(0);
    expect(naps.every((l) => l.entry.kind === 'nap' && l.entry.end === null)).toBe(true);
    expect(logs.some((l) => l.entry.kind === 'snack' && l.at >= 15 * 60)).toBe(false);
    expect(plan('toddler', toddlers, 6 * 60)).toEqual([]);
  });

  it('has a drawn scene for most activities a teacher would photograph', () => {
    for (const band of ['infant', 'toddler', 'preschool'] as const)
      expect(ACTIVITIES[band].filter((a) => photoScene(a)).length).toBeGreaterThanOrEqual(3);
  });
});
