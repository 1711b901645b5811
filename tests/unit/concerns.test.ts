import { describe, expect, it } from 'vitest';
import { auditCsvRows, emptyAuditNames, presentAuditEntry, type AuditEntry } from '~/modules/audit/audit';
import {
  auditShape,
  canSeeConcern,
  followUpProblem,
  isOverdue,
  managesConcern,
  RaiseConcernSchema,
  ReferSchema,
} from '~/modules/concerns/concerns';
import { validateForm } from '~/modules/forms/parse.server';
import { createI18n } from '~/i18n/catalogs.server';

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

describe('who sees a welfare concern', () => {
  it('is the center’s coordinators and the person who raised it, nobody else', () => {
    expect(canSeeConcern({ roles: ['coordinator'], userId: 'k', raisedBy: 'p' })).toBe(true);
    expect(canSeeConcern({ roles: ['caregiver'], userId: 'p', raisedBy: 'p' })).toBe(true);
    expect(canSeeConcern({ roles: ['teacher'], userId: 'g', raisedBy: 'p' })).toBe(false);
    expect(canSeeConcern({ roles: ['caregiver', 'teacher'], userId: 'g', raisedBy: 'p' })).toBe(false);
    // A guardian or a regional user has no role in the center.
    expect(canSeeConcern({ roles: [], userId: 'w', raisedBy: 'p' })).toBe(false);
    expect(managesConcern(['teacher'])).toBe(false);
    expect(managesConcern(['teacher', 'coordinator'])).toBe(true);
  });
});

describe('dates', () => {
  it('refuses a follow-up before today, and a follow-up is overdue only after its day', () => {
    expect(followUpProblem('2026-12-09', '2026-12-10')).toBe('followUpInPast');
    expect(followUpProblem('2026-12-10', '2026-12-10')).toBeNull();
    expect(followUpProblem(null, '2026-12-10')).toBeNull();
    expect(isOverdue('2026-12-09', '2026-12-10')).toBe(true);
    expect(isOverdue('2026-12-10', '2026-12-10')).toBe(false);
    expect(isOverdue(null, '2026-12-10')).toBe(false);
  });
});

describe('the forms', () => {
  it('ask for the child’s own words when the child disclosed something', () => {
    const base = { child_id: 'c1', category: 'disclosure', description: 'Dia bercerita saat makan siang.' };
    const without = validateForm(form(base), RaiseConcernSchema);
    expect(without.ok).toBe(false);
    if (!without.ok) expect(without.errors.child_words).toBe('errors.concernChildWords');
    const withWords = validateForm(form({ ...base, child_words: '"Ayah marah terus."' }), RaiseConcernSchema);
    expect(withWords.ok).toBe(true);
    expect(validateForm(form({ ...base, category: 'hunger' }), RaiseConcernSchema).ok).toBe(true);
  });

  it('check a referral field by field with translated messages', () => {
    const result = validateForm(
      form({ intent: 'refer', service: 'fbi', basis: '', shared_on: '2026-13-40' }),
      ReferSchema,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.service).toBe('errors.choose');
      expect(result.errors.recipient).toBe('errors.required');
      expect(result.errors.shared_on).toBe('errors.date');
      expect(result.errors.basis).toBe('errors.choose');
    }
  });
});

describe('the change history of a concern', () => {
  it('records that content was set or changed, never its value, and never the child', () => {
    const { before, after } = auditShape(
      { risk_level: 'low', follow_up_on: null, description: 'memar di lengan' },
      { risk_level: 'high', follow_up_on: '2026-12-12', description: 'memar di lengan', child_id: 'c1' },
    );
    expect(JSON.stringify([before, after])).not.toMatch(/"low"|"high"|memar|"c1"/);
    expect(after).not.toHaveProperty('child_id');
    expect(after!.follow_up_on).toBe('2026-12-12');
    expect(after!.risk_level).not.toBe(before!.risk_level);
    expect(after!.description).toBe(before!.description);
  });

  it('shows content fields as set or changed on the page and in the CSV, even a value written in clear', () => {
    const { t } = createI18n('id');
    const entry: AuditEntry = {
      id: 'e1',
      at: '2026-12-01T02:00:00.000Z',
      actorId: null,
      entity: 'welfare_concern',
      entityId: 'w1',
      childId: null,
      action: 'create',
      changes: {
        description: [null, 'RAHASIA memar'],
        child_words: [null, 'RAHASIA kata anak'],
        category: [null, 'abuse_signs'],
        risk_level: [null, 'urgent'],
        status: [null, 'open'],
      },
    };
    const view = { t, lng: 'id' as const, zone: 'Asia/Jakarta', centerName: 'TAS', names: emptyAuditNames() };
    const presented = presentAuditEntry(entry, view);
    const text = JSON.stringify([presented, auditCsvRows([presented], 'Asia/Jakarta')]);
    expect(text).not.toMatch(/RAHASIA|abuse|urgent|Mendesak|kekerasan/i);
    expect(presented.fields.find((f) => f.field === 'status')?.after).toBe('terbuka');
  });
});
