import { DateTime } from 'luxon';
import { formatDate, formatDateTime, formatNumber, formatTimestamp } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import type { AuditAction, Role } from '~db/schema';
import { CONCERN_CONTENT_FIELDS } from '../concerns/concerns';
import { CHOOSABLE_KINDS } from '../notifications/mail';
import { WEEKDAYS } from '../time/time';

export const AUDIT_ENTITIES = [
  'center',
  'classroom',
  'user',
  'membership',
  'invite',
  'child',
  'guardian',
  'application',
  'document',
  'pickup_person',
  'emergency_contact',
  'attendance',
  'pickup_attempt',
  'staff_shift',
  'follow_up',
  'measurement',
  'milestone_observation',
  'kpsp_screening',
  'milestone_item',
  'kiosk_device',
  'kiosk_pin',
  'password_reset',
  'outbox',
  'day_entry',
  'medicine_instruction',
  'conversation',
  'message',
  'announcement',
  'announcement_receipt',
  'activity',
  'weekly_plan',
  'home_activity',
  'incident',
  'staff_check',
  'center_licence',
  'self_assessment',
  'welfare_concern',
  'concern_entry',
  'concern_referral',
  'regional_invite',
  'regional_role',
] as const;
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

/** The row's values of the fields a change sets: the `before` of an update's audit entry. */
export function fieldsBefore<Row extends object>(row: Row, changes: Partial<Row>): Partial<Row> {
  return Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof Row]])) as Partial<Row>;
}

/** The child an entry concerns: the child itself, or the child its record belongs to (null for none). */
export function childOfEntry(entry: {
  entity: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}): string | null {
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

// ————— Reading the log —————
// Entries are shown as a record a coordinator or an inspector can read: who (name and role here),
// what (the kind of record, each field by its label, values in the center's time and the
// reader's language), which child or record, and when. The rules are pure, so the page and the
// CSV export say exactly the same.

/** How many entries one CSV export holds at most (the newest that match the filters). */
export const AUDIT_CSV_MAX = 10_000;

export type Translate = (key: string, options?: Record<string, unknown>) => string;

type RefKind = 'users' | 'children' | 'classrooms' | 'pickupPersons' | 'items' | 'applications';

/**
 * How a field's value is shown. `hidden`: not shown (the record's own id, its center). `secret`:
 * '••••' (never a value). `opaque`: an id or hash that means nothing to people, shown as set /
 * changed / removed. `enum`: a code translated under the catalog prefix (shown as typed when the
 * catalog has no such code). `ref`: an id shown as the name it points to.
 */
export type FieldRule =
  | 'hidden'
  | 'secret'
  | 'opaque'
  | 'text'
  | 'number'
  | 'flag'
  | 'instant'
  | 'date'
  | 'dates'
  | 'months'
  | 'temperature'
  | 'kg'
  | 'cm'
  | 'bytes'
  | 'weekdays'
  | 'openingHours'
  | 'ratioRules'
  | 'timeZone'
  | 'correction'
  | { enum: string }
  | { ref: RefKind };

const users = { ref: 'users' } as const;

/** Every field that audit entries carry, across the app: each audited table's columns and the few extras written with them. */
// prettier-ignore
export const AUDIT_FIELDS: Record<string, FieldRule> = {
  id: 'hidden', center_id: 'hidden', created_at: 'hidden', updated_at: 'hidden',
  // centers and classrooms
  name: 'text', kind: 'text', address: 'text', province: 'text', city: 'text', time_zone: 'timeZone', opening_hours: 'openingHours',
  capacity: 'number', contact_phone: 'text', contact_email: 'text', require_two_factor: 'flag', fever_threshold_tenths: 'temperature', quiet_hours_start: 'text', quiet_hours_end: 'text', daily_summary_time: 'text', lactation_room: 'flag',
  ratio_rules: 'ratioRules', ratio_confirmed_at: 'instant', min_age_months: 'months', max_age_months: 'months',
  // accounts, roles, invitations, kiosks, password resets
  email: 'text', phone: 'text', preferred_language: { enum: 'language' }, password_hash: 'secret', totp_secret: 'secret',
  totp_enabled_at: 'instant', totp_last_step: 'opaque', disabled_at: 'instant', user_id: users, role: { enum: 'roles' },
  suspended_at: 'instant', suspended_by: users, token_hash: 'opaque', invited_by: users, expires_at: 'instant', accepted_at: 'instant',
  counts_in_ratio_override: 'flag', ratio_decided_by: users, ratio_decided_at: 'instant',
  accepted_by: users, revoked_at: 'instant', relationship: { enum: 'relationships' }, pairing_code_hash: 'opaque',
  pairing_expires_at: 'instant', created_by: users, paired_at: 'instant', last_seen_at: 'instant', pin_hash: 'secret', used_at: 'instant',
  // children
  child_id: { ref: 'children' }, classroom_id: { ref: 'classrooms' }, full_name: 'text', nickname: 'text', birth_date: 'date',
  sex: { enum: 'sex' }, status: 'text', nik: 'text', birth_order: 'number', home_languages: 'text', special_needs: 'text',
  support_needed: 'text', allergies: 'text', medical_conditions: 'text', medicines: 'text', immunization_status: { enum: 'immunization' },
  consent_photos: 'flag', custody_note: 'text', custody_restricts_pickup: 'flag', schedule_days: 'weekdays', schedule_start: 'text',
  schedule_end: 'text', start_date: 'date', withdrawn_on: 'date', withdrawn_reason: 'text', gestation_weeks: 'number',
  // applications and documents
  reference_code: 'text', access_token_hash: 'opaque', form: 'opaque', child_full_name: 'text', child_birth_date: 'date',
  duplicate_key: 'opaque', primary_email: 'text', preferred_start_date: 'date', priority_score: 'number', priority_override: 'number',
  priority_override_reason: 'text', offer_expires_on: 'date', submitted_at: 'instant', note: 'text', application_id: { ref: 'applications' },
  file_name: 'text', mime_type: 'text', size_bytes: 'bytes', storage_key: 'opaque',
  // pickup persons and emergency contacts
  id_number: 'text', photo_document_id: 'opaque', active: 'flag', position: 'number',
  // attendance, pickups, shifts, follow-ups
  date: 'date', check_in_at: 'instant', check_in_by: users, brought_by: 'text', temperature_tenths: 'temperature', fever_confirmed: 'flag',
  marks_note: 'text', mood: { enum: 'mood' }, check_out_at: 'instant', check_out_by: users, picked_up_by: 'text',
  pickup_person_id: { ref: 'pickupPersons' }, absence_reason: { enum: 'absence' }, absence_note: 'text', absence_reported_by: users,
  correction_reason: 'correction', at: 'instant', actor_id: users, person_name: 'text', outcome: { enum: 'audit.values.outcome' },
  reason: 'text', clock_in_at: 'instant', clock_out_at: 'instant', detail: 'dates', resolved_at: 'instant', resolved_by: users,
  resolution: 'text',
  // growth and development
  measured_on: 'date', weight_kg: 'kg', length_cm: 'cm', head_cm: 'cm', muac_cm: 'cm', recorded_by: users, catalog_version: 'text',
  age_months: 'months', domain: { enum: 'domains' }, text_id: 'text', text_en: 'text', source: { enum: 'audit.values.source' },
  item_id: { ref: 'items' }, observed_on: 'date', visible_to_family: 'flag', screened_on: 'date', age_point_months: 'months',
  yes_count: 'number', interpretation: { enum: 'kpsp' }, follow_up_due: 'date',
  // email (the outbox; a coordinator sends a failed message again) and the notices an account wants by email
  to_email: 'text', language: { enum: 'language' }, subject: 'text', dedupe_key: 'opaque', attempts: 'number',
  next_attempt_at: 'instant', locked_until: 'instant', last_error: 'text', sent_at: 'instant',
  ...Object.fromEntries(CHOOSABLE_KINDS.map((kind) => [`mail_${kind}`, 'flag' as const])),
  // the day log and medicine instructions
  data: 'text', guardian_id: users, medicine: 'text', dose: 'text', instructions: 'text', starts_on: 'date', ends_on: 'date',
  // conversations and announcements (recipients and reminded: how many families, written with them)
  conversation_id: 'opaque', author_id: users, body: 'text', attachment_document_id: 'opaque', last_message_at: 'instant',
  title: 'text', urgent: 'flag', requires_ack: 'flag', recipients: 'number', announcement_id: 'opaque', read_at: 'instant',
  acknowledged_at: 'instant', reminded_at: 'instant', reminded: 'number',
  // the activity library (its words are written with the row: title above, the rest here; tags as one line of codes)
  copied_from_id: 'opaque', duration_minutes: 'number', grouping: { enum: 'activities.grouping' }, setting: { enum: 'activities.setting' },
  updated_by: users, goal: 'text', steps: 'text', materials: 'text', adaptations: 'text', safety_notes: 'text', tags: 'text',
  milestone_items: 'text',
  // weekly plans (their cells as lines of text, written with the row) and a room's time blocks (as one line)
  week_start: 'date', theme: 'text', published_at: 'instant', published_by: users, cells: 'text', time_blocks: 'text',
  // activities sent home to a family (the activity's title is written with the row)
  activity_id: 'opaque', sent_by: users, sent_on: 'date', tried_at: 'instant', tried_by: users, tried_comment: 'text',
  // incidents (kind and source have the incident's own labels, below)
  occurred_at: 'instant', location: 'text', description: 'text', people_present: 'text', first_aid: 'text', guardian_informed_at: 'instant', guardian_informed_how: { enum: 'incidents.informedHow' }, source_id: 'opaque', signed_off_at: 'instant', signed_off_by: users, guardian_comment: 'text',
  // safe staff and the center's record (a self-assessment's answers as one line, written with the row)
  reference: 'text', issued_on: 'date', expires_on: 'date', document_id: 'opaque', issuer: 'text', grade: 'text',
  assessed_on: 'date', answers: 'text', score: 'number', assessed_by: users,
  // welfare concerns, their entries and referrals: content is never shown (CONCERN_ENTITY_FIELDS below)
  category: 'opaque', child_words: 'opaque', raised_by: users, raised_at: 'instant',
  risk_level: 'opaque', follow_up_on: 'date', closed_at: 'instant', closed_by: users, close_reason: 'opaque', concern_id: 'opaque',
  by: users, service: 'opaque', recipient: 'opaque', contact: 'opaque', shared_what: 'opaque', basis: 'opaque', shared_at: 'instant',
  follow_up_done_at: 'instant',
  // regional oversight: an operator's invitation and the region it gives
  invite_id: 'opaque', ended_at: 'instant',
};

/**
 * A welfare concern is restricted (docs/decisions/0014): its log entries say who did what and when,
 * and that a field was set or changed, never what it says. The module writes these values redacted
 * (concerns.ts auditShape); these rules keep the page and the CSV from showing any that were not.
 */
const CONCERN_CONTENT: Record<string, FieldRule> = Object.fromEntries(
  [...CONCERN_CONTENT_FIELDS, 'child_id'].map((field) => [field, 'opaque' as const]),
);

/** Where one field name means different things in different records. */
const ENTITY_FIELDS: Partial<Record<AuditEntity, Record<string, FieldRule>>> = {
  center: { kind: { enum: 'center.kind' } },
  child: { status: { enum: 'audit.values.childStatus' } },
  application: { status: { enum: 'applicationStatus' } },
  attendance: { status: { enum: 'doorStatus' } },
  milestone_observation: { status: { enum: 'observation' } },
  document: { kind: { enum: 'documents' } },
  follow_up: { kind: { enum: 'audit.values.followUpKind' } },
  measurement: { position: { enum: 'growth.position' } },
  outbox: { status: { enum: 'mailPage.status' }, body: 'opaque' },
  day_entry: { kind: { enum: 'day.kinds' } },
  incident: { kind: { enum: 'incidents.kinds' }, source: { enum: 'incidents.sources' } },
  staff_check: { kind: { enum: 'safeguarding.checkKinds' } },
  center_licence: { kind: { enum: 'safeguarding.licenceKinds' } },
  welfare_concern: { ...CONCERN_CONTENT, status: { enum: 'concerns.status' } },
  concern_entry: CONCERN_CONTENT,
  concern_referral: CONCERN_CONTENT,
};

/** Fields whose label depends on the record (audit.entityFields.<entity>.<field>). */
export const ENTITY_FIELD_LABELS: Partial<Record<AuditEntity, string[]>> = {
  measurement: ['position'],
  emergency_contact: ['position'],
};

export const fieldRule = (entity: string, field: string): FieldRule | undefined =>
  ENTITY_FIELDS[entity as AuditEntity]?.[field] ?? AUDIT_FIELDS[field];

/** The names an entry's ids point to, loaded for a page of entries at once (see audit.server.ts). */
export type AuditNames = {
  users: Map<string, string>;
  children: Map<string, string>;
  classrooms: Map<string, string>;
  pickupPersons: Map<string, string>;
  items: Map<string, { id: string; en: string }>;
  applications: Map<string, string>;
  invites: Map<string, string>;
  kioskDevices: Map<string, string>;
  /** The person a membership, staff shift, password reset or kiosk PIN belongs to. */
  owners: Map<string, string>;
  /** Each actor's staff roles in this center (suspended ones too: they acted in that role). */
  staffRoles: Map<string, Role[]>;
  /** The children of this center each actor is a guardian of. */
  guardianOf: Map<string, Set<string>>;
};

export const emptyAuditNames = (): AuditNames => ({
  users: new Map(),
  children: new Map(),
  classrooms: new Map(),
  pickupPersons: new Map(),
  items: new Map(),
  applications: new Map(),
  invites: new Map(),
  kioskDevices: new Map(),
  owners: new Map(),
  staffRoles: new Map(),
  guardianOf: new Map(),
});

export type AuditEntry = {
  id: string;
  at: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  childId: string | null;
  action: AuditAction;
  changes: Changes;
};

/** Entities whose own id names a person: the person is found through their row. */
export const OWNED_ENTITIES = ['membership', 'staff_shift', 'password_reset', 'kiosk_pin'] as const;
export type OwnedEntity = (typeof OWNED_ENTITIES)[number];
const isOwned = (entity: string): entity is OwnedEntity => (OWNED_ENTITIES as readonly string[]).includes(entity);

/** Every id a page of entries needs a name for, by where it is looked up. */
export function idsToResolve(entries: AuditEntry[]) {
  const ids = {
    users: new Set<string>(),
    children: new Set<string>(),
    classrooms: new Set<string>(),
    pickupPersons: new Set<string>(),
    items: new Set<string>(),
    applications: new Set<string>(),
    invites: new Set<string>(),
    kioskDevices: new Set<string>(),
    owned: Object.fromEntries(OWNED_ENTITIES.map((e) => [e, new Set<string>()])) as Record<OwnedEntity, Set<string>>,
    actors: new Set<string>(),
  };
  for (const e of entries) {
    if (e.actorId) ids.actors.add(e.actorId);
    if (e.childId) ids.children.add(e.childId);
    if (e.entity === 'user') ids.users.add(e.entityId);
    if (e.entity === 'classroom') ids.classrooms.add(e.entityId);
    if (e.entity === 'application') ids.applications.add(e.entityId);
    if (e.entity === 'invite') ids.invites.add(e.entityId);
    if (e.entity === 'kiosk_device') ids.kioskDevices.add(e.entityId);
    if (e.entity === 'milestone_item') ids.items.add(e.entityId);
    if (isOwned(e.entity)) ids.owned[e.entity].add(e.entityId);
    for (const [field, pair] of Object.entries(e.changes)) {
      const rule = fieldRule(e.entity, field);
      if (!rule || typeof rule !== 'object' || !('ref' in rule)) continue;
      for (const value of pair) if (typeof value === 'string' && value) ids[rule.ref].add(value);
    }
  }
  for (const actor of ids.actors) ids.users.add(actor);
  return ids;
}

export type PresentedField = {
  field: string;
  label: string;
  before: string;
  after: string;
  /** Set instead of before/after for values that mean nothing to people: "set", "changed" or "removed". */
  summary: string | null;
};

export type PresentedAuditEntry = {
  id: string;
  at: string;
  /** The instant in the center's zone, in the reader's language. */
  when: string;
  action: AuditEntry['action'];
  actionLabel: string;
  entity: string;
  entityLabel: string;
  entityId: string;
  actor: { id: string | null; name: string; role: string | null };
  /** The child or record the entry concerns, by name; null when it has none. */
  record: string | null;
  /** The child the entry concerns, for a link to their page. */
  child: { id: string; name: string } | null;
  fields: PresentedField[];
};

export type AuditView = { t: Translate; lng: Lang; zone: string; centerName: string; names: AuditNames };

const EMPTY = '—';
const ENUM_CODE = /^[a-z][a-z0-9_]*$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ROLE_ORDER: Role[] = ['coordinator', 'teacher', 'caregiver'];

/** Who acted when no person did: the scheduled jobs, an operator at the command line, or a family through the public form or their private link. */
export function nullActorKind(
  entry: Pick<AuditEntry, 'entity' | 'action' | 'changes'>,
): 'system' | 'operator' | 'applicant' {
  if (entry.entity === 'application' || entry.entity === 'document') {
    // Drafts expire and offers lapse on their own; everything else there is the family's doing.
    if (entry.action === 'delete' || entry.changes.status?.[1] === 'offer_expired') return 'system';
    return 'applicant';
  }
  if (entry.entity === 'user' || entry.entity === 'password_reset' || entry.entity === 'membership') return 'operator';
  return 'system';
}

const parsed = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

function plain(value: unknown, view: AuditView): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, view.lng, 2);
  if (typeof value === 'boolean') return view.t(value ? 'audit.yes' : 'audit.no');
  return JSON.stringify(value);
}

/** One value of a field as a person reads it. */
export function formatAuditValue(rule: FieldRule | undefined, value: unknown, view: AuditView): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const { t, lng, names } = view;
  if (rule === undefined || rule === 'text' || rule === 'hidden' || rule === 'opaque') return plain(value, view);
  if (rule === 'secret') return '••••';
  if (typeof rule === 'object') {
    if ('ref' in rule) {
      if (typeof value !== 'string') return plain(value, view);
      if (rule.ref === 'items') {
        const item = names.items.get(value);
        return item ? item[lng] : t('audit.unknown');
      }
      return names[rule.ref].get(value) ?? t('audit.unknown');
    }
    return typeof value === 'string' && ENUM_CODE.test(value)
      ? t(`${rule.enum}.${value}`, { defaultValue: value })
      : plain(value, view);
  }
  const number = typeof value === 'number' ? value : null;
  switch (rule) {
    case 'number':
      return plain(value, view);
    case 'flag':
      return value === 1 || value === true
        ? t('audit.yes')
        : value === 0 || value === false
          ? t('audit.no')
          : plain(value, view);
    case 'instant':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? formatDateTime(value, lng, view.zone)
        : plain(value, view);
    case 'date':
      return typeof value === 'string' && LOCAL_DATE.test(value) ? formatDate(value, lng) : plain(value, view);
    case 'dates': {
      const dates = parsed(value);
      return Array.isArray(dates) ? dates.map((d) => formatAuditValue('date', d, view)).join(', ') : plain(value, view);
    }
    case 'months':
      return number === null ? plain(value, view) : t('child.ageMonths', { count: number });
    case 'temperature':
      return number === null ? plain(value, view) : `${formatNumber(number / 10, lng, 1)} °C`;
    case 'kg':
      return number === null ? plain(value, view) : `${formatNumber(number, lng, 2)} kg`;
    case 'cm':
      return number === null ? plain(value, view) : `${formatNumber(number, lng, 1)} cm`;
    case 'bytes':
      if (number === null) return plain(value, view);
      return number < 1024 * 1024
        ? `${formatNumber(Math.max(1, Math.round(number / 1024)), lng, 0)} KB`
        : `${formatNumber(number / (1024 * 1024), lng, 1)} MB`;
    case 'weekdays': {
      const days = parsed(value);
      if (!Array.isArray(days)) return plain(value, view);
      return days.length
        ? days
            .map((d) =>
              typeof d === 'string' && ENUM_CODE.test(d)
                ? t(`weekdaysShort.${d}`, { defaultValue: d })
                : plain(d, view),
            )
            .join(', ')
        : EMPTY;
    }
    case 'openingHours': {
      const hours = parsed(value) as Record<string, unknown> | null;
      if (!hours || typeof hours !== 'object') return plain(value, view);
      const open = WEEKDAYS.flatMap((d) => {
        const h = hours[d];
        return Array.isArray(h) && h.length === 2 ? [`${t(`weekdaysShort.${d}`)} ${String(h[0])}–${String(h[1])}`] : [];
      });
      return open.length ? open.join(', ') : EMPTY;
    }
    case 'ratioRules': {
      const rules = parsed(value);
      if (!Array.isArray(rules)) return plain(value, view);
      return rules
        .map((r: { maxMonths?: unknown; children?: unknown }) =>
          t('audit.values.ratio', { months: r?.maxMonths, children: r?.children }),
        )
        .join('; ');
    }
    case 'timeZone':
      return typeof value === 'string' && /^[A-Za-z]+\/[A-Za-z_]+$/.test(value)
        ? t(`timeZones.${value.replace('/', '_')}`, { defaultValue: value })
        : plain(value, view);
    case 'correction':
      return value === 'undo' ? t('audit.values.undo') : plain(value, view);
  }
}

export function fieldLabel(entity: string, field: string, t: Translate) {
  const generic = t(`audit.fields.${field}`, { defaultValue: field.replace(/_/g, ' ') });
  return ENTITY_FIELD_LABELS[entity as AuditEntity]?.includes(field)
    ? t(`audit.entityFields.${entity}.${field}`, { defaultValue: generic })
    : generic;
}

function presentField(
  entry: AuditEntry,
  field: string,
  [before, after]: [unknown, unknown],
  view: AuditView,
): PresentedField {
  const rule = fieldRule(entry.entity, field);
  const label = fieldLabel(entry.entity, field, view.t);
  if (rule === 'opaque') {
    const summary =
      before === null ? 'audit.opaque.set' : after === null ? 'audit.opaque.removed' : 'audit.opaque.changed';
    return { field, label, before: '', after: '', summary: view.t(summary) };
  }
  return {
    field,
    label,
    before: formatAuditValue(rule, before, view),
    after: formatAuditValue(rule, after, view),
    summary: null,
  };
}

/** The name and role (in this center) of whoever made the change. */
export function actorOf(entry: AuditEntry, view: AuditView): PresentedAuditEntry['actor'] {
  const { t, names } = view;
  if (!entry.actorId) return { id: null, name: t(`audit.${nullActorKind(entry)}`), role: null };
  const roles = [...new Set(names.staffRoles.get(entry.actorId) ?? [])].sort(
    (a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b),
  );
  const labels = roles.map((r) => t(`roles.${r}`));
  const guardianOf = names.guardianOf.get(entry.actorId);
  // A guardian at the kiosk checks their own child in: for that child they act as the guardian.
  if ((entry.childId && guardianOf?.has(entry.childId)) || (labels.length === 0 && guardianOf?.size))
    labels.push(t('roles.guardian'));
  return {
    id: entry.actorId,
    name: names.users.get(entry.actorId) ?? t('audit.unknown'),
    role: labels.length ? labels.join(', ') : null,
  };
}

/** The child or record an entry concerns, by name where it is known. */
export function recordOf(
  entry: AuditEntry,
  view: AuditView,
): { record: string | null; child: PresentedAuditEntry['child'] } {
  const { names } = view;
  if (entry.childId) {
    const name = names.children.get(entry.childId);
    return name
      ? { record: name, child: { id: entry.childId, name } }
      : { record: view.t('audit.unknown'), child: null };
  }
  const named = (...fields: string[]) => {
    for (const f of fields) {
      const [before, after] = entry.changes[f] ?? [];
      const value = after ?? before;
      if (typeof value === 'string' && value) return value;
    }
    return null;
  };
  const person = (userId: string | null | undefined) => (userId ? (names.users.get(userId) ?? null) : null);
  const id = entry.entityId;
  let record: string | null;
  switch (entry.entity) {
    case 'center':
      record = view.centerName;
      break;
    case 'classroom':
      record = names.classrooms.get(id) ?? named('name');
      break;
    case 'user':
      record = person(id) ?? named('name');
      break;
    case 'invite':
      record = names.invites.get(id) ?? named('name', 'email');
      break;
    case 'application':
      record = names.applications.get(id) ?? named('child_full_name', 'reference_code');
      break;
    case 'kiosk_device':
      record = names.kioskDevices.get(id) ?? named('name');
      break;
    case 'milestone_item':
      record = names.items.get(id)?.[view.lng] ?? named(view.lng === 'en' ? 'text_en' : 'text_id');
      break;
    case 'document':
      record = named('file_name');
      break;
    default:
      record = isOwned(entry.entity)
        ? person(names.owners.get(id) ?? named('user_id'))
        : named('name', 'full_name', 'person_name', 'title');
  }
  return { record, child: null };
}

export function presentAuditEntry(entry: AuditEntry, view: AuditView): PresentedAuditEntry {
  const { t } = view;
  const fields = Object.entries(entry.changes)
    .filter(([field, [before, after]]) => {
      if (fieldRule(entry.entity, field) === 'hidden') return false;
      // The child an entry concerns is already named as its record.
      return !(field === 'child_id' && entry.action !== 'update' && (after ?? before) === entry.childId);
    })
    .map(([field, pair]) => presentField(entry, field, pair, view));
  return {
    id: entry.id,
    at: entry.at,
    when: formatDateTime(entry.at, view.lng, view.zone),
    action: entry.action,
    actionLabel: t(`audit.actions.${entry.action}`),
    entity: entry.entity,
    entityLabel: t(`audit.entities.${entry.entity}`, { defaultValue: entry.entity }),
    entityId: entry.entityId,
    actor: actorOf(entry, view),
    ...recordOf(entry, view),
    fields,
  };
}

/** A field as one line of text: 'Temperature: — → 37.8 °C'; a creation shows what was set, a deletion what was there. */
export function fieldLine(action: AuditEntry['action'], f: PresentedField) {
  if (f.summary) return `${f.label}: ${f.summary}`;
  if (action === 'create') return `${f.label}: ${f.after}`;
  if (action === 'delete') return `${f.label}: ${f.before}`;
  return `${f.label}: ${f.before} → ${f.after}`;
}

export const AUDIT_CSV_HEADER = [
  'local_time',
  'time_zone',
  'utc_time',
  'person',
  'role',
  'action',
  'kind',
  'record',
  'child',
  'changes',
  'entry_id',
  'record_id',
];

/** The CSV export's rows (header first): one row per entry, its changes one per line in the cell. */
export function auditCsvRows(entries: PresentedAuditEntry[], zone: string): string[][] {
  return [
    AUDIT_CSV_HEADER,
    ...entries.map((e) => [
      formatTimestamp(e.at, zone),
      zone,
      e.at,
      e.actor.name,
      e.actor.role ?? '',
      e.actionLabel,
      e.entityLabel,
      e.record ?? '',
      e.child?.name ?? '',
      e.fields.map((f) => fieldLine(e.action, f)).join('\n'),
      e.id,
      e.entityId,
    ]),
  ];
}

// ————— Filters —————

/** The filters as they stand in the URL (and in the form): '' for none. */
export type AuditFilterParams = { child: string; person: string; entity: string; from: string; to: string };

/** The filters as the query applies them; `person: null` means entries no person made. */
export type AuditFilter = {
  childId?: string;
  actorId?: string | null;
  entity?: string;
  fromAt?: string;
  toAt?: string;
};

/** The person filter's value for entries made by no person (the system, an operator, an applying family). */
export const NO_PERSON = 'none';

/**
 * The first instant of a local date in a zone (or of the day `plusDays` after it), as a UTC
 * instant written like the log's; null for anything that is not a real date.
 */
export function localDayStart(date: string, zone: string, plusDays = 0): string | null {
  if (!LOCAL_DATE.test(date)) return null;
  const start = DateTime.fromISO(date, { zone });
  return start.isValid ? start.plus({ days: plusDays }).toUTC().toISO() : null;
}

/**
 * Reads the filters from a URL. A value that is not one of the choices (a child or person of
 * another center, a kind that does not exist, a date that is not one) is ignored, never an error.
 * Dates are local days in the center's zone; `to` includes its whole day.
 */
export function parseAuditFilters(
  params: URLSearchParams,
  { zone, childIds, personIds }: { zone: string; childIds: ReadonlySet<string>; personIds: ReadonlySet<string> },
): { params: AuditFilterParams; filter: AuditFilter } {
  const get = (name: string) => (params.get(name) ?? '').trim();
  const child = childIds.has(get('child')) ? get('child') : '';
  const person = get('person') === NO_PERSON || personIds.has(get('person')) ? get('person') : '';
  const entity = (AUDIT_ENTITIES as readonly string[]).includes(get('entity')) ? get('entity') : '';
  const fromAt = localDayStart(get('from'), zone);
  const toAt = localDayStart(get('to'), zone, 1);
  return {
    params: { child, person, entity, from: fromAt ? get('from') : '', to: toAt ? get('to') : '' },
    filter: {
      ...(child ? { childId: child } : {}),
      ...(person ? { actorId: person === NO_PERSON ? null : person } : {}),
      ...(entity ? { entity } : {}),
      ...(fromAt ? { fromAt } : {}),
      ...(toAt ? { toAt } : {}),
    },
  };
}
