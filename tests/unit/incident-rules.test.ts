import { describe, expect, it } from 'vitest';
import {
  incidentSchema,
  localInputToUtc,
  localNow,
  parseIncidentFilters,
  signOffOverdue,
  utcToLocalInput,
} from '~/modules/incidents/incidents';

const NOW = '2026-11-30T10:00';
const schema = incidentSchema(() => NOW);
const form = (over: Record<string, string> = {}) => ({
  child_id: 'c1',
  kind: 'fall',
  occurred_at: '2026-11-30T09:15',
  location: 'Halaman',
  description: 'Jatuh dari ayunan',
  people_present: 'Bu Sari',
  first_aid: 'Kompres dingin',
  ...over,
});
const errorsOf = (input: Record<string, string>) => {
  const result = schema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('the incident form', () => {
  it('accepts a record made now, with the door’s source or none', () => {
    const ok = schema.parse(form());
    expect(ok).toMatchObject({
      source: 'manual',
      source_id: null,
      guardian_informed_how: null,
      guardian_informed_at: null,
    });
    expect(schema.parse(form({ source: 'arrival_check', source_id: 'a1' })).source).toBe('arrival_check');
    expect(schema.parse(form({ occurred_at: NOW })).occurred_at).toBe(NOW);
  });

  it('refuses a time in the future, older than 31 days, or that is no date', () => {
    expect(errorsOf(form({ occurred_at: '2026-11-30T10:01' }))).toEqual({ occurred_at: 'errors.incidentInFuture' });
    expect(errorsOf(form({ occurred_at: '2026-10-30T09:59' }))).toEqual({
      occurred_at: 'errors.incidentTooOld?days=31',
    });
    expect(errorsOf(form({ occurred_at: '2026-10-30T10:00' }))).toEqual({});
    expect(errorsOf(form({ occurred_at: '2026-02-30T10:00' }))).toEqual({ occurred_at: 'errors.dateTime' });
    expect(errorsOf(form({ occurred_at: '30/11/2026 09:00' }))).toEqual({ occurred_at: 'errors.dateTime' });
    expect(errorsOf(form({ occurred_at: '' }))).toEqual({ occurred_at: 'errors.required' });
  });

  it('asks for the time and the way the guardian was told together, after the incident and not later than now', () => {
    expect(errorsOf(form({ guardian_informed_how: 'phone' }))).toEqual({ guardian_informed_at: 'errors.required' });
    expect(errorsOf(form({ guardian_informed_at: '2026-11-30T09:30' }))).toEqual({
      guardian_informed_how: 'errors.informedHowRequired',
    });
    expect(errorsOf(form({ guardian_informed_how: 'phone', guardian_informed_at: '2026-11-30T09:00' }))).toEqual({
      guardian_informed_at: 'errors.informedBeforeIncident',
    });
    expect(errorsOf(form({ guardian_informed_how: 'phone', guardian_informed_at: '2026-11-30T11:00' }))).toEqual({
      guardian_informed_at: 'errors.incidentInFuture',
    });
    expect(errorsOf(form({ guardian_informed_how: 'in_person', guardian_informed_at: '2026-11-30T09:15' }))).toEqual(
      {},
    );
  });

  it('needs what, where, who and first aid, and a started-from record for a door source', () => {
    expect(errorsOf(form({ description: ' ', location: '', people_present: '', first_aid: '' }))).toEqual({
      description: 'errors.required',
      location: 'errors.required',
      people_present: 'errors.required',
      first_aid: 'errors.required',
    });
    expect(errorsOf(form({ kind: 'scratch' }))).toEqual({ kind: 'errors.choose' });
    expect(errorsOf(form({ child_id: '' }))).toEqual({ child_id: 'errors.chooseChild' });
    expect(errorsOf(form({ source: 'refused_pickup' }))).toEqual({ source: 'errors.invalid' });
  });
});

describe('incident times and rules', () => {
  it('reads a local time in the center’s zone and writes it back', () => {
    expect(localInputToUtc('2026-11-30T09:15', 'Asia/Jakarta')).toBe('2026-11-30T02:15:00.000Z');
    expect(localInputToUtc('2026-11-30T09:15', 'Asia/Jayapura')).toBe('2026-11-30T00:15:00.000Z');
    expect(localInputToUtc('2026-02-30T09:15', 'Asia/Jakarta')).toBeNull();
    expect(localInputToUtc('2026-11-30 09:15', 'Asia/Jakarta')).toBeNull();
    expect(utcToLocalInput('2026-11-30T17:30:00.000Z', 'Asia/Makassar')).toBe('2026-12-01T01:30');
    expect(localNow('Asia/Jakarta', new Date('2026-11-30T23:59:00Z'))).toBe('2026-12-01T06:59');
  });

  it('is overdue for sign-off 24 hours after it was recorded, until a guardian signs', () => {
    const created_at = '2026-11-29T03:00:00.000Z';
    expect(signOffOverdue({ signed_off_at: null, created_at }, new Date('2026-11-30T02:59:59Z'))).toBe(false);
    expect(signOffOverdue({ signed_off_at: null, created_at }, new Date('2026-11-30T03:00:00Z'))).toBe(true);
    expect(
      signOffOverdue({ signed_off_at: '2026-11-29T05:00:00.000Z', created_at }, new Date('2026-12-05T00:00:00Z')),
    ).toBe(false);
  });

  it('filters the list only by a real month and a child of the center', () => {
    const ids = new Set(['c1']);
    expect(parseIncidentFilters(new URLSearchParams('child=c1&month=2026-11'), ids)).toEqual({
      child: 'c1',
      month: '2026-11',
    });
    expect(parseIncidentFilters(new URLSearchParams('child=c9&month=2026-13'), ids)).toEqual({ child: '', month: '' });
  });
});
