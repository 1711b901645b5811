import { describe, expect, it } from 'vitest';
import {
  checkStates,
  countsInRatio,
  expiryState,
  lapsedChecks,
  latestChecks,
  StaffCheckSchema,
  type CheckLike,
} from '~/modules/safeguarding/checks';
import { validateForm } from '~/modules/forms/parse.server';
import { assessmentScore, CRITERIA, type Answers } from '~/modules/safeguarding/standard';

const check = (
  kind: CheckLike['kind'],
  issued: string,
  expires: string | null,
  created = `${issued}T00:00:00.000Z`,
) => ({
  kind,
  issued_on: issued,
  expires_on: expires,
  created_at: created,
});
const TODAY = '2026-11-30';

describe('the lapsed rule', () => {
  it('is valid through its expiry date and lapsed from the day after', () => {
    expect(expiryState('2026-11-30', TODAY)).toBe('dueSoon');
    expect(expiryState('2026-11-29', TODAY)).toBe('lapsed');
    expect(expiryState('2026-12-30', TODAY)).toBe('dueSoon');
    expect(expiryState('2026-12-31', TODAY)).toBe('valid');
    expect(expiryState(null, TODAY)).toBe('valid');
  });

  it('reads the newest check of each kind: a renewed SKCK ends the lapse', () => {
    const old = check('police_clearance', '2025-05-01', '2025-11-01');
    expect(lapsedChecks([old], TODAY)).toEqual(['police_clearance']);
    const renewed = check('police_clearance', '2026-11-20', '2027-05-20');
    expect(lapsedChecks([old, renewed], TODAY)).toEqual([]);
    expect(latestChecks([renewed, old]).get('police_clearance')).toBe(renewed);
  });

  it('takes out only required checks; trainings and missing checks do not lapse anyone', () => {
    expect(lapsedChecks([check('first_aid_training', '2023-01-01', '2025-01-01')], TODAY)).toEqual([]);
    expect(lapsedChecks([], TODAY)).toEqual([]);
    const states = checkStates([check('health_certificate', '2025-01-01', '2025-12-01')], TODAY);
    expect(states.find((s) => s.kind === 'health_certificate')).toMatchObject({ required: true, state: 'lapsed' });
    expect(states.find((s) => s.kind === 'police_clearance')).toMatchObject({ required: true, state: 'missing' });
  });

  it('lets the coordinator decide either way', () => {
    expect(countsInRatio({ lapsed: ['police_clearance'], override: null })).toEqual({
      counts: false,
      reason: 'lapsed',
    });
    expect(countsInRatio({ lapsed: ['police_clearance'], override: 1 })).toEqual({ counts: true, reason: null });
    expect(countsInRatio({ lapsed: [], override: 0 })).toEqual({ counts: false, reason: 'decided' });
    expect(countsInRatio({ lapsed: [], override: null })).toEqual({ counts: true, reason: null });
  });
});

describe('the check form', () => {
  const form = (values: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries({ intent: 'check', ...values })) data.set(k, v);
    return validateForm(data, StaffCheckSchema(TODAY));
  };
  it('needs an expiry for SKCK and a health certificate, after the issue date, and no future issue date', () => {
    expect(form({ kind: 'police_clearance', issued_on: '2026-01-01' })).toMatchObject({
      ok: false,
      errors: { expires_on: 'errors.required' },
    });
    expect(form({ kind: 'police_clearance', issued_on: '2026-01-01', expires_on: '2025-01-01' })).toMatchObject({
      ok: false,
      errors: { expires_on: 'errors.expiryBeforeIssue' },
    });
    expect(form({ kind: 'ecce_training', issued_on: '2027-01-01' })).toMatchObject({
      ok: false,
      errors: { issued_on: 'errors.dateInFuture' },
    });
    expect(form({ kind: 'ecce_training', issued_on: '2026-01-01' })).toMatchObject({
      ok: true,
      data: { expires_on: null, reference: null },
    });
  });
});

describe('the self-assessment score', () => {
  const all = (met: 0 | 1 | 2): Answers =>
    Object.fromEntries(CRITERIA.map((c) => [c.key, { met, note: '', documentIds: [] }]));
  it('is 100 when all is met, 50 when all is partly met, 0 when nothing is', () => {
    expect(assessmentScore(all(2))).toBe(100);
    expect(assessmentScore(all(1))).toBe(50);
    expect(assessmentScore(all(0))).toBe(0);
  });
  it('counts a criterion not answered (or no longer listed) as not met', () => {
    const answers = all(2);
    delete answers[CRITERIA[0].key];
    answers.retired_criterion = { met: 2, note: '', documentIds: [] };
    expect(assessmentScore(answers)).toBe(Math.round((100 * (CRITERIA.length - 1)) / CRITERIA.length));
  });
});
