import { describe, expect, it } from 'vitest';
import { createI18n } from '~/i18n/catalogs.server';
import {
  DailySummaryTimeSchema,
  dayDataColumn,
  DayEntrySchema,
  instructionCovers,
  medicineInstructionSchema,
  newestFirst,
  pageDay,
  type TimelineItem,
} from '~/modules/day/day';
import { describeItem, formatDuration, summaryText } from '~/modules/day/describe';

const parse = (form: Record<string, unknown>) => DayEntrySchema.safeParse({ intent: 'log', childIds: ['c1'], ...form });
const errorsOf = (form: Record<string, unknown>) => {
  const result = parse(form);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('the day log form', () => {
  it('takes one child, several, or none ticked (refused with its own message)', () => {
    expect(parse({ kind: 'mood', mood: 'happy', childIds: 'c1' }).data?.childIds).toEqual(['c1']);
    expect(parse({ kind: 'mood', mood: 'happy', childIds: ['c1', 'c2'] }).data?.childIds).toEqual(['c1', 'c2']);
    expect(errorsOf({ kind: 'mood', mood: 'happy', childIds: false })).toEqual({
      childIds: 'errors.chooseChildren',
    });
    expect(errorsOf({ kind: 'mood', mood: 'happy', childIds: undefined })).toEqual({
      childIds: 'errors.chooseChildren',
    });
  });

  it('accepts a plausible bottle and refuses 0 or 5,000 ml with the range', () => {
    expect(parse({ kind: 'bottle', ml: '150', milk: 'breast_milk' }).data).toMatchObject({ ml: 150 });
    expect(parse({ kind: 'bottle', ml: '500', milk: 'formula' }).success).toBe(true);
    expect(errorsOf({ kind: 'bottle', ml: '5000', milk: 'formula' })).toEqual({ ml: 'errors.mlRange?max=500' });
    expect(errorsOf({ kind: 'bottle', ml: '0', milk: 'formula' })).toEqual({ ml: 'errors.mlRange?max=500' });
    expect(errorsOf({ kind: 'bottle', ml: 'banyak', milk: 'formula' })).toEqual({ ml: 'errors.number' });
    expect(errorsOf({ kind: 'bottle', ml: '120', milk: 'cow' })).toEqual({ milk: 'errors.choose' });
  });

  it('keeps a breastfeeding visit within two hours', () => {
    expect(parse({ kind: 'breastfeeding', minutes: '20' }).success).toBe(true);
    expect(errorsOf({ kind: 'breastfeeding', minutes: '600' })).toEqual({ minutes: 'errors.minutesRange?max=120' });
  });

  it('lets a nap start now and end later, and refuses an end before the start', () => {
    expect(parse({ kind: 'nap', time: '', end: '' }).data).toMatchObject({ time: null, end: null });
    expect(parse({ kind: 'nap', time: '12:30', end: '14:05' }).success).toBe(true);
    expect(errorsOf({ kind: 'nap', time: '13:00', end: '12:30' })).toEqual({ end: 'errors.napEndBeforeStart' });
    expect(errorsOf({ kind: 'nap', time: '13:00', end: '13:00' })).toEqual({ end: 'errors.napEndBeforeStart' });
    expect(errorsOf({ kind: 'nap', time: '25:00' })).toEqual({ time: 'errors.time' });
  });

  it('asks for what was eaten and how much, and for a medicine given to one child against an instruction', () => {
    expect(errorsOf({ kind: 'meal', what: ' ', amount: 'all' })).toEqual({ what: 'errors.required' });
    expect(errorsOf({ kind: 'snack', what: 'Pisang', amount: 'lots' })).toEqual({ amount: 'errors.choose' });
    expect(errorsOf({ kind: 'medicine', instructionId: '', dose: '1 tablet', given_by: 'Bu Ani' })).toEqual({
      instructionId: 'errors.chooseInstruction',
    });
    expect(
      errorsOf({ kind: 'medicine', childIds: ['a', 'b'], instructionId: 'i1', dose: '1 tablet', given_by: 'Bu Ani' }),
    ).toEqual({ childIds: 'errors.medicineOneChild' });
    expect(errorsOf({ kind: 'dance' })).toEqual({ kind: 'errors.choose' });
  });
});

describe('medicine instructions', () => {
  const schema = medicineInstructionSchema('2026-12-01');
  const base = { intent: 'instruction', medicine: 'Parasetamol', dose: '2,5 ml' };

  it('run from today or later, end on or after they start, for at most a month', () => {
    expect(schema.safeParse({ ...base, starts_on: '2026-12-01', ends_on: '2026-12-03' }).success).toBe(true);
    const issues = (v: object) => schema.safeParse({ ...base, ...v }).error?.issues.map((i) => i.message);
    expect(issues({ starts_on: '2026-11-30', ends_on: '2026-12-01' })).toEqual(['errors.startInPast']);
    expect(issues({ starts_on: '2026-12-03', ends_on: '2026-12-02' })).toEqual(['errors.endBeforeStart']);
    expect(issues({ starts_on: '2026-12-01', ends_on: '2027-01-01' })).toEqual(['errors.instructionTooLong?max=31']);
  });

  it('cover a day between their dates unless revoked', () => {
    const i = { starts_on: '2026-12-01', ends_on: '2026-12-03', revoked_at: null };
    expect(['2026-11-30', '2026-12-01', '2026-12-03', '2026-12-04'].map((d) => instructionCovers(i, d))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(instructionCovers({ ...i, revoked_at: '2026-12-02T01:00:00Z' }, '2026-12-02')).toBe(false);
  });
});

describe('day_entries.data', () => {
  it('round-trips each kind through its schema and refuses data that does not fit the kind', () => {
    const value = { kind: 'bottle' as const, data: { ml: 120, milk: 'formula' as const } };
    expect(dayDataColumn.parse('bottle', dayDataColumn.stringify(value))).toEqual(value);
    expect(() => dayDataColumn.parse('bottle', '{"ml":"lots"}')).toThrow();
    expect(() => dayDataColumn.parse('party', '{}')).toThrow();
  });
});

describe('days', () => {
  it('stay between the child’s first day and today', () => {
    const bounds = { today: '2026-12-10', firstDay: '2026-12-01' };
    expect(pageDay(null, bounds)).toEqual({ date: '2026-12-10', previous: '2026-12-09', next: null });
    expect(pageDay('2026-12-05', bounds)).toEqual({ date: '2026-12-05', previous: '2026-12-04', next: '2026-12-06' });
    expect(pageDay('2026-12-01', bounds)).toEqual({ date: '2026-12-01', previous: null, next: '2026-12-02' });
    expect(pageDay('2027-01-01', bounds).date).toBe('2026-12-10');
    expect(pageDay('2026-11-01', bounds).date).toBe('2026-12-01');
    expect(pageDay('2026-13-45', bounds).date).toBe('2026-12-10');
    // A child enrolled today with a start date ahead: today, and nowhere to go.
    expect(pageDay(null, { today: '2026-12-10', firstDay: '2026-12-15' })).toEqual({
      date: '2026-12-10',
      previous: null,
      next: null,
    });
  });

  it('takes a summary time or nothing', () => {
    expect(DailySummaryTimeSchema.parse({ intent: 'daily-summary', daily_summary_time: '' })).toMatchObject({
      daily_summary_time: null,
    });
    expect(DailySummaryTimeSchema.safeParse({ intent: 'daily-summary', daily_summary_time: '5 sore' }).success).toBe(
      false,
    );
  });
});

describe('the timeline in words', () => {
  const zone = 'Asia/Jakarta';
  const items: TimelineItem[] = newestFirst([
    {
      type: 'arrival',
      at: '2026-12-01T00:05:00.000Z',
      temperatureTenths: 386,
      fever: true,
      mood: 'tired',
      marks: 'memar di lutut',
      broughtBy: 'Ayah',
    },
    {
      type: 'entry',
      id: 'e1',
      at: '2026-12-01T05:30:00.000Z',
      recordedBy: null,
      recordedByName: 'Bu Ani',
      photoId: null,
      kind: 'nap',
      data: { end: '2026-12-01T06:50:00.000Z' },
    },
    {
      type: 'entry',
      id: 'e2',
      at: '2026-12-01T04:45:00.000Z',
      recordedBy: null,
      recordedByName: 'Bu Ani',
      photoId: null,
      kind: 'meal',
      data: { what: 'Nasi tim ayam', amount: 'most' },
    },
    { type: 'refusedPickup', id: 'p1', at: '2026-12-01T08:00:00.000Z', personName: 'Pak Budi' },
    { type: 'departure', at: '2026-12-01T09:10:00.000Z', pickedUpBy: 'Ibu Siti' },
  ]);

  it('puts the newest first, the arrival last', () => {
    expect(items.map((i) => i.type)).toEqual(['departure', 'refusedPickup', 'entry', 'entry', 'arrival']);
  });

  it('reads naturally in both languages', () => {
    const id = createI18n('id').t;
    const en = createI18n('en').t;
    expect(describeItem(items[4], id, 'id', zone)).toEqual({
      title: 'Datang',
      detail: 'suhu 38,6 °C (di atas batas demam) · Lelah · diantar Ayah · tanda terlihat: memar di lutut',
    });
    expect(describeItem(items[2], en, 'en', zone)).toEqual({ title: 'Nap', detail: '12:30–13:50 (1 h 20 min)' });
    expect(describeItem(items[1], id, 'id', zone).detail).toContain('Pak Budi');
    expect(formatDuration(en, 60)).toBe('1 hour');
    expect(formatDuration(id, 45)).toBe('45 menit');
    expect(summaryText(items, id, 'id', zone).split('\n')).toEqual([
      '- 07.05 Datang: suhu 38,6 °C (di atas batas demam) · Lelah · diantar Ayah · tanda terlihat: memar di lutut',
      '- 11.45 Makan: Nasi tim ayam · Sebagian besar',
      '- 12.30 Tidur: 12.30–13.50 (1 jam 20 menit)',
      '- 15.00 Penjemputan ditolak: Pak Budi datang menjemput tetapi tidak ada di daftar penjemput, jadi ditolak. Anak tetap di tempat penitipan.',
      '- 16.10 Pulang: dijemput Ibu Siti',
    ]);
    expect(summaryText([], en, 'en', zone)).toBe('Nothing logged for this day yet.');
  });
});
