export const AUDIT_ENTITIES = ['center', 'classroom', 'user', 'membership', 'invite', 'child', 'guardian', 'application', 'document', 'pickup_person', 'emergency_contact', 'attendance', 'pickup_attempt', 'staff_shift', 'follow_up', 'measurement', 'milestone_observation', 'kpsp_screening', 'milestone_item', 'kiosk_device', 'kiosk_pin', 'password_reset'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export type Changes = Record<string, [unknown, unknown]>;

// Secrets are recorded as changed, never with their values: passwords, two-step secrets, and every
// hash of a token or code (a short code's hash can be reversed by trying them all).
const REDACTED_FIELDS = new Set(['password_hash', 'totp_secret', 'token_hash', 'code_hash', 'pin_hash']);
export const isSecretField = (field: string) => REDACTED_FIELDS.has(field) || field.endsWith('_hash');
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
    changes[key] = isSecretField(key) ? [a === null ? null : REDACTED, b === null ? null : REDACTED] : [a, b];
  }
  return changes;
}

/** The child an entry concerns: the child itself, or the child its record belongs to (null for none). */
export function childOfEntry(entry: { entity: string; entityId: string; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null }): string | null {
  if (entry.entity === 'child') return entry.entityId;
  const named = entry.after?.child_id ?? entry.before?.child_id;
  return typeof named === 'string' ? named : null;
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

