import { describe, expect, it } from 'vitest';
import { applicationForm } from '~db/seed/factories';
import { applicationSchema } from '~/modules/enrollment/application';
import {
  canTransition,
  capacityForecast,
  classroomFit,
  compareWaitlist,
  declinedByFamily,
  duplicateKey,
  priorityFor,
  shownStatus,
} from '~/modules/enrollment/rules';
import { toCsv } from '~/modules/files/csv';

describe('status flow', () => {
  it('lets staff and family make only their own moves', () => {
    expect(canTransition('submitted', 'in_review', 'staff')).toBe(true);
    expect(canTransition('offered', 'accepted', 'staff')).toBe(false);
    expect(canTransition('offered', 'accepted', 'parent')).toBe(true);
    expect(canTransition('enrolled', 'offered', 'staff')).toBe(false);
    expect(canTransition('declined', 'in_review', 'staff')).toBe(false);
    expect(canTransition('waitlisted', 'accepted', 'parent')).toBe(false);
  });
  it('shows a decline as the family’s only when no staff member made it', () => {
    expect(declinedByFamily({ to_status: 'declined', actor_id: null })).toBe(true);
    expect(declinedByFamily({ to_status: 'declined', actor_id: 'coordinator' })).toBe(false);
    expect(declinedByFamily({ to_status: 'offer_expired', actor_id: null })).toBe(false);
    expect(shownStatus('declined', true)).toBe('declined_by_family');
    expect(shownStatus('declined', false)).toBe('declined');
    expect(shownStatus('withdrawn', true)).toBe('withdrawn');
  });
});

describe('priority', () => {
  it('favours vulnerable families at a TAS and the host institution at a workplace daycare', () => {
    expect(priorityFor('tas', { dtks: true, single_parent: true })).toEqual({
      score: 6,
      reasons: ['dtks', 'single_parent'],
    });
    expect(priorityFor('tas', { host_employee: true }).score).toBe(0);
    expect(priorityFor('workplace', { host_employee: true, sibling_enrolled: true }).score).toBe(15);
  });
  it('orders by effective priority, then by submission time', () => {
    const a = { priority_score: 5, priority_override: null, submitted_at: '2026-01-02' };
    const b = { priority_score: 5, priority_override: null, submitted_at: '2026-01-01' };
    const c = { priority_score: 1, priority_override: 9, submitted_at: '2026-01-03' };
    expect([a, b, c].sort(compareWaitlist)).toEqual([c, b, a]);
  });
});

describe('classroom fit', () => {
  const classroom = { min_age_months: 24, max_age_months: 47, capacity: 2 };
  it('checks the age on the start date, at both edges', () => {
    const fit = (birthDate: string) =>
      classroomFit({ birthDate, startDate: '2026-12-01', days: ['mon'], classroom, takenByDay: {} });
    expect(fit('2024-12-01')).toBeNull(); // exactly 24 months
    expect(fit('2024-12-02')).toMatchObject({ reason: 'tooYoung', ageMonths: 23 });
    expect(fit('2022-12-02')).toBeNull(); // 47 months
    expect(fit('2022-12-01')).toMatchObject({ reason: 'tooOld', ageMonths: 48 });
  });
  it('needs a place on every requested day', () => {
    const base = { birthDate: '2024-01-01', startDate: '2026-12-01', classroom };
    expect(classroomFit({ ...base, days: ['mon', 'sat'], takenByDay: { mon: 1, sat: 5 } })).toEqual({
      reason: 'full',
      day: 'sat',
      capacity: 2,
    });
    expect(classroomFit({ ...base, days: ['mon'], takenByDay: { mon: 1, sat: 5 } })).toBeNull();
  });
});

describe('capacity forecast', () => {
  it('counts children leaving as they pass the upper age and children arriving from their start', () => {
    const forecast = capacityForecast({
      classroom: { min_age_months: 24, max_age_months: 47, capacity: 3 },
      children: [{ birthDate: '2022-11-15' }, { birthDate: '2024-06-01' }],
      incoming: [{ birthDate: '2024-09-01', startDate: '2027-01-01' }],
      monthStarts: ['2026-12-01', '2027-01-01'],
    });
    expect(forecast).toEqual([
      { month: '2026-12-01', staying: 1, arriving: 0, agedOut: 1, free: 2 },
      { month: '2027-01-01', staying: 1, arriving: 1, agedOut: 1, free: 1 },
    ]);
  });
});

describe('duplicate key', () => {
  it('ignores case, spacing and punctuation in the name', () => {
    expect(duplicateKey('  Dimas  SAPUTRA ', '2024-01-01', '+62812')).toBe(
      duplicateKey('dimas saputra', '2024-01-01', '+62812'),
    );
    expect(duplicateKey('Dimas Saputra', '2024-01-02', '+62812')).not.toBe(
      duplicateKey('Dimas Saputra', '2024-01-01', '+62812'),
    );
  });
});

describe('application schema', () => {
  it('requires the employer and employee number at a workplace daycare only', () => {
    const form = applicationForm({ g1_employer: '', g1_employee_number: '' }, { today: '2026-11-29' });
    expect(applicationSchema({ kind: 'tas', today: '2026-11-29' }).safeParse(form).success).toBe(true);
    const result = applicationSchema({ kind: 'workplace', today: '2026-11-29' }).safeParse(form);
    expect(result.success ? [] : result.error.issues.map((i) => i.path[0]).sort()).toEqual([
      'g1_employee_number',
      'g1_employer',
    ]);
  });
  it('accepts checkboxes as the browser posts them and as react-hook-form holds them', () => {
    const schema = applicationSchema({ kind: 'tas', today: '2026-11-29' });
    const form = applicationForm({}, { today: '2026-11-29' });
    expect(
      (
        schema.parse({ ...form, consent_data: true, consent_emergency: true, priority_dtks: true }) as Record<
          string,
          unknown
        >
      ).priority_dtks,
    ).toBe(true);
    expect(schema.safeParse({ ...form, consent_emergency: false }).success).toBe(false);
  });
});

describe('CSV', () => {
  it('starts with a BOM, quotes what needs quoting and defuses formulas', () => {
    expect(toCsv([['+6281234567890', '+cmd|x', '-1']])).toBe("\uFEFF+6281234567890,'+cmd|x,-1\r\n");
    expect(toCsv([['a', 'b,c', 'say "hi"', '=SUM(A1)', null]])).toBe('\uFEFFa,"b,c","say ""hi""",\'=SUM(A1),\r\n');
  });
});
