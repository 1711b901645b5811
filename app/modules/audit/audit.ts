export const AUDIT_ENTITIES = ['center', 'classroom', 'user', 'membership', 'invite', 'child', 'guardian', 'application', 'document', 'pickup_person', 'emergency_contact', 'attendance', 'pickup_attempt', 'staff_shift', 'follow_up', 'measurement', 'milestone_observation', 'kpsp_screening', 'milestone_item', 'kiosk_device', 'kiosk_pin', 'password_reset'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export type Changes = Record<string, [unknown, unknown]>;

// Secrets are recorded as changed, never with their values: any hash (a hash of a short code can be
// reversed) and the two-step secret.
const isSecret = (field: string) => field.endsWith('_hash') || field === 'totp_secret';
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
    changes[key] = isSecret(key) ? [a === null ? null : REDACTED, b === null ? null : REDACTED] : [a, b];
  }
  return changes;
}

/**
 * Where the next page of the log starts: the last entry shown, by (at, id). Entries written in one
 * transaction share a timestamp, so paging by time alone would skip or repeat them.
 */
export type AuditCursor = { at: string; id: string };

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([\w-]{1,64})$/;

export const auditCursorParam = (cursor: AuditCursor) => `${cursor.at}_${cursor.id}`;

/** The cursor from a URL; null (the first page) for anything that is not one. */
export function parseAuditCursor(param: string | null | undefined): AuditCursor | null {
  const match = CURSOR.exec(param ?? '');
  return match && !Number.isNaN(Date.parse(match[1])) ? { at: match[1], id: match[2] } : null;
}
