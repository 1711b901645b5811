export const AUDIT_ENTITIES = ['center', 'classroom', 'user', 'membership', 'invite', 'child', 'guardian', 'application', 'document', 'pickup_person', 'emergency_contact', 'attendance', 'pickup_attempt', 'staff_shift', 'follow_up', 'measurement', 'milestone_observation', 'kpsp_screening', 'milestone_item'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export type Changes = Record<string, [unknown, unknown]>;

// Secrets are recorded as changed, never with their values.
const REDACTED_FIELDS = new Set(['password_hash', 'totp_secret', 'token_hash', 'code_hash', 'pin_hash']);
const IGNORED_FIELDS = new Set(['updated_at', 'created_at']);
const REDACTED = '••••';

/** Field-by-field difference between two versions of a row (either may be absent). */
export function diffRecords(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (IGNORED_FIELDS.has(key)) continue;
    const a = before?.[key] ?? null;
    const b = after?.[key] ?? null;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    changes[key] = REDACTED_FIELDS.has(key) ? [a === null ? null : REDACTED, b === null ? null : REDACTED] : [a, b];
  }
  return changes;
}
