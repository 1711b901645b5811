import { CONCERN_ERRORS, CONCERN_OUTCOMES, REFERRAL_BASES } from '~/modules/concerns/concerns';
import { CONCERN_CATEGORIES, CONCERN_ENTRY_KINDS, REFERRAL_SERVICES, RISK_LEVELS } from '~db/schema';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, createI18n } from '~/i18n/catalogs.server';
import { LANGUAGES, translateMessage } from '~/i18n/i18n';
import {
  DOOR_GROUPS,
  DOOR_STATUSES,
  MOODS,
  ABSENCE_REASONS,
  TAP_INTENTS,
  type DoorStatus,
} from '~/modules/attendance/door';
import {
  ABSENCE_ERRORS,
  CHECK_IN_ERRORS,
  CHECK_OUT_ERRORS,
  CORRECTION_ERRORS,
  UNDO_ERRORS,
} from '~/modules/attendance/attendance.server';
import type { todayBoard } from '~/modules/attendance/board.server';
import { SET_PIN_ERRORS } from '~/modules/attendance/kiosk.server';
import { RATIO_BANDS } from '~/modules/attendance/rules';
import { AUDIT_FIELDS, ENTITY_FIELD_LABELS } from '~/modules/audit/audit';
import { AUDIT_ENTITIES } from '~/modules/audit/audit';
import { DEFAULT_BLOCKS } from '~/modules/plans/plans';
import { LOGIN_ERRORS } from '~/modules/auth/login.server';
import { ISSUE_RESET_ERRORS } from '~/modules/auth/passwords.server';
import { OUTBOX_STATUSES } from '~/modules/notifications/mail';
import { NOTIFICATION_KINDS } from '~/modules/notifications/notifications';
import { STATUSES as OBSERVATION_STATUSES } from '~/modules/development/development.server';
import { DOMAINS, interpretKpsp } from '~/modules/development/rules';
import { applicationSchema, IMMUNIZATION_STATUSES, RELATIONSHIPS, SEXES } from '~/modules/enrollment/application';
import { capacityForecast, FIT_AGE_PROBLEMS, PRIORITY_POINTS, SHOWN_STATUSES } from '~/modules/enrollment/rules';
import { RECORD_MEASUREMENT_ERRORS } from '~/modules/growth/growth.server';
import { CLASSIFICATIONS, INDICATORS, POSITIONS } from '~/modules/growth/who-standards.server';
import { CENTER_TIME_ZONES, WEEKDAYS } from '~/modules/time/time';
import { ACCEPT_INVITE_ERRORS } from '~/modules/users/invites.server';
import { ROLES } from '~/modules/users/staff';
import { REMIND_ERRORS } from '~/modules/messaging/announcements.server';
import { ATTACHMENT_ERRORS, SEND_MESSAGE_ERRORS } from '~/modules/messaging/conversations.server';
import {
  ACTIVITY_GROUPINGS,
  ACTIVITY_SETTINGS,
  ALL_DOCUMENT_KINDS,
  AUDIT_ACTIONS,
  CENTER_KINDS,
  STAFF_CHECK_KINDS,
} from '~db/schema';
import { CHECK_STATES, LICENCE_KINDS, RATIO_DECISIONS } from '~/modules/safeguarding/checks';
import { MET_NAMES, STANDARD_AREAS } from '~/modules/safeguarding/standard';
import { ACTIVITY_SCOPES, LEARNING_ELEMENTS, MONTESSORI_AREAS } from '~/modules/activities/activities';
import { AMOUNTS, DAY_ENTRY_KINDS, DIAPERS, MILKS } from '~/modules/day/day';
import { DAY_ERRORS } from '~/modules/day/day.server';
import { INCIDENT_KINDS, INCIDENT_SOURCES, INFORMED_HOW } from '~/modules/incidents/incidents';
import { RECORD_INCIDENT_ERRORS, SIGN_OFF_ERRORS } from '~/modules/incidents/incidents.server';
import { CONCERN_LEVELS, MONTH_FIGURES } from '~/modules/regional/figures';

function keys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

// A key with plural forms ('_one', '_other') is used by its base name.
const known = new Set(keys(catalogs.id).map((k) => k.replace(/_(one|other)$/, '')));
const namespaces = new Set(Object.keys(catalogs.id));
/** Subtrees named in code as the prefix of an enum's labels (the audit log's { enum: 'center.kind' }). */
const subtrees = new Set(
  keys(catalogs.id).flatMap((k) =>
    k
      .split('.')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  ),
);

/**
 * The keys the code writes out, and the keys it builds: a template literal such as
 * `audit.entities.${e}` becomes the pattern 'audit.entities.*'. Server modules hand the page only
 * error and flash keys, and write emails from mail keys; their other dotted strings are
 * table.column names for Kysely.
 */
function keysInCode() {
  const literal = new Map<string, string>();
  const patterns = new Map<string, string>();
  for (const file of sourceFiles('app')) {
    const source = fs.readFileSync(file, 'utf8');
    const isKey = (key: string) =>
      namespaces.has(key.split('.')[0]) && (!file.endsWith('.server.ts') || /^(errors|flash|mail)\./.test(key));
    for (const m of source.matchAll(/(['"])([a-zA-Z]+\.[a-zA-Z0-9_.]*[a-zA-Z0-9_])(\?[^'"\n]*)?\1/g))
      if (isKey(m[2])) literal.set(m[2], file);
    for (const m of source.matchAll(/\bmsg\('([a-zA-Z]+)'/g)) literal.set(`errors.${m[1]}`, file);
    for (const m of source.matchAll(/`([a-zA-Z]+\.(?:[^`$\\]|\$\{[^}]*\})*)`/g)) {
      // Parameters after '?' are not part of the key: 'errors.fitFull?day=${…}'.
      const pattern = m[1].replace(/\$\{[^}]*\}/g, '*').split('?')[0];
      if (!isKey(pattern)) continue;
      (pattern.includes('*') ? patterns : literal).set(pattern, file);
    }
  }
  return { literal, patterns };
}

/** An exported list of codes, each an i18n key once the route puts its prefix before it. */
const errorCodes = (...lists: (readonly string[])[]) => [...new Set(lists.flat())];

// The values each built key takes, from the code's own lists. The routes that build them:
// errors.${code} in login, today, kiosk, staff, child record, absence, invite, account and growth;
// errors.correction_${code} in the attendance correction; errors.fit_${reason} in the application.
const today = '2026-11-30';
const kpsp = Array.from({ length: 11 }, (_, yes) => interpretKpsp(yes, today));
const applicationFields = CENTER_KINDS.flatMap((kind) =>
  Object.keys(applicationSchema({ kind, today }).innerType().shape),
)
  .filter((k) => !k.startsWith('priority_'))
  .map((k) => k.replace(/^g[12]_/, 'guardian_'));
const capacityRows = Object.keys(
  capacityForecast({
    classroom: { min_age_months: 0, max_age_months: 12, capacity: 1 },
    children: [],
    incoming: [],
    monthStarts: ['2026-12-01'],
  })[0],
).filter((k) => k !== 'month');

const BUILT: Record<string, readonly string[]> = {
  'door.intents.*': TAP_INTENTS,
  'door.duplicate.*': TAP_INTENTS,
  'door.history.by.*': ['door', 'kiosk'],
  'door.history.outcomes.*': ['applied', 'duplicate'],
  'absence.*': ABSENCE_REASONS,
  'activities.elements.*': LEARNING_ELEMENTS,
  'activities.grouping.*': ACTIVITY_GROUPINGS,
  'activities.montessori.*': MONTESSORI_AREAS,
  'activities.scopes.*': ACTIVITY_SCOPES,
  'activities.setting.*': ACTIVITY_SETTINGS,
  'applicationFields.*': applicationFields,
  'applicationStatus.*': SHOWN_STATUSES,
  'apply.ageRange.*': CENTER_KINDS,
  'apply.priorityHint.*': CENTER_KINDS,
  'audit.actions.*': AUDIT_ACTIONS,
  'audit.entities.*': AUDIT_ENTITIES,
  'capacity.*': capacityRows,
  'center.kind.*': CENTER_KINDS,
  'concerns.basis.*.about': REFERRAL_BASES,
  'concerns.basis.*.letter': REFERRAL_BASES,
  'concerns.basis.*.name': REFERRAL_BASES,
  'concerns.categories.*': CONCERN_CATEGORIES,
  'concerns.entryKinds.*': CONCERN_ENTRY_KINDS,
  'concerns.outcomes.*': CONCERN_OUTCOMES,
  'concerns.risk.*': RISK_LEVELS,
  'concerns.services.*.about': REFERRAL_SERVICES,
  'concerns.services.*.name': REFERRAL_SERVICES,
  'concerns.sources.*': ['arrival_check', 'absence_follow_up', 'incident'],
  'concerns.status.*': ['open', 'closed'],
  'day.amounts.*': AMOUNTS,
  'day.diapers.*': DIAPERS,
  'day.kinds.*': DAY_ENTRY_KINDS,
  'day.milks.*': MILKS,
  'documents.*': ALL_DOCUMENT_KINDS,
  'domains.*': DOMAINS,
  'doorStatus.*': DOOR_STATUSES,
  // The kinds the one error boundary in root.tsx tells apart.
  'errorPage.*.body': ['notFound', 'forbidden', 'tooLarge', 'badRequest', 'server'],
  'errorPage.*.title': ['notFound', 'forbidden', 'tooLarge', 'badRequest', 'server'],
  'errors.*': errorCodes(
    LOGIN_ERRORS,
    CHECK_IN_ERRORS,
    CHECK_OUT_ERRORS,
    ABSENCE_ERRORS,
    UNDO_ERRORS,
    ISSUE_RESET_ERRORS,
    ACCEPT_INVITE_ERRORS,
    SET_PIN_ERRORS,
    // A measurement dated before birth is shown on its date field as errors.measuredBeforeBirth; a second one on
    // the same day asks on its replace field (errors.sameDayMeasurement); a wild change names the measure
    // (errors.confirmChangeWeight / errors.confirmChangeLength, listed below).
    RECORD_MEASUREMENT_ERRORS.filter((code) => code !== 'beforeBirth' && code !== 'sameDay'),
    ['sameDayMeasurement', 'confirmChangeWeight', 'confirmChangeLength'],
    // A message's attachment and its conversation; a reminder (remindedRecently is shown with its time).
    ATTACHMENT_ERRORS,
    SEND_MESSAGE_ERRORS,
    REMIND_ERRORS,
    RECORD_INCIDENT_ERRORS,
    SIGN_OFF_ERRORS,
  ),
  'errors.correction_*': CORRECTION_ERRORS,
  'errors.concern_*': CONCERN_ERRORS,
  'errors.day_*': DAY_ERRORS,
  'errors.fit_*': FIT_AGE_PROBLEMS,
  'growth.class.*': CLASSIFICATIONS,
  'growth.indicator.*': INDICATORS,
  'growth.position.*': POSITIONS,
  'growth.short.*': CLASSIFICATIONS,
  'immunization.*': IMMUNIZATION_STATUSES,
  'incidents.kinds.*': INCIDENT_KINDS,
  'incidents.sources.*': INCIDENT_SOURCES,
  'incidents.informedHow.*': INFORMED_HOW,
  'kpsp.*': kpsp.map((r) => r.interpretation),
  'kpsp.followUp_*': kpsp.filter((r) => r.followUpDue).map((r) => r.interpretation),
  'language.*': LANGUAGES,
  // notify() writes each email from mail.<kind>.subject and .body, in the recipient's language.
  'mail.*.subject': NOTIFICATION_KINDS,
  'mail.*.body': NOTIFICATION_KINDS,
  'mailPage.status.*': OUTBOX_STATUSES,
  'mood.*': MOODS,
  'notificationKinds.*': NOTIFICATION_KINDS,
  'observation.*': OBSERVATION_STATUSES,
  'settings.*': RATIO_BANDS.map((b) => b.key),
  // Safe staff and the center's record (docs/decisions/0015-safe-staff.md).
  'safeguarding.checkKinds.*': STAFF_CHECK_KINDS,
  'safeguarding.checkShort.*': STAFF_CHECK_KINDS,
  'safeguarding.licenceKinds.*': LICENCE_KINDS,
  'safeguarding.state.*': CHECK_STATES,
  'safeguarding.decision.*': RATIO_DECISIONS,
  'safeguarding.areas.*': STANDARD_AREAS,
  'safeguarding.met.*': Object.values(MET_NAMES),
  'audit.fields.*': Object.entries(AUDIT_FIELDS)
    .filter(([, rule]) => rule !== 'hidden')
    .map(([field]) => field),
  'audit.entityFields.*.*': Object.entries(ENTITY_FIELD_LABELS).flatMap(([entity, fields]) =>
    fields!.map((f) => `${entity}.${f}`),
  ),
  'audit.*': ['system', 'operator', 'applicant'],
  'plans.blocks.*': [...new Set([...DEFAULT_BLOCKS.young, ...DEFAULT_BLOCKS.older])],
  'priority.*': CENTER_KINDS.flatMap((kind) => Object.keys(PRIORITY_POINTS[kind])),
  'region.chart.*': ['attendance', 'stunting'],
  'region.concernLevels.*': CONCERN_LEVELS,
  'region.figures.*': MONTH_FIGURES,
  'relationships.*': RELATIONSHIPS,
  'roles.*': ROLES,
  'sex.*': SEXES,
  'today.groups.*': DOOR_GROUPS.map((g) => g.key),
  'timeZones.*': CENTER_TIME_ZONES.map((zone) => zone.replace('/', '_')),
  'weekdays.*': WEEKDAYS,
  'weekdaysShort.*': WEEKDAYS,
};

// The door and the kiosk show the board's statuses: each must be one of DOOR_STATUSES (checked by tsc).
const _boardStatus: DoorStatus = null as unknown as Awaited<ReturnType<typeof todayBoard>>['board'][number]['status'];

describe('translation catalogs', () => {
  it('have exactly the same keys in Bahasa Indonesia and English', () => {
    expect(keys(catalogs.en).sort()).toEqual(keys(catalogs.id).sort());
  });

  it('have no empty messages', () => {
    for (const [lng, catalog] of Object.entries(catalogs)) {
      const i18n = createI18n(lng as 'id' | 'en');
      for (const key of keys(catalog)) expect(i18n.t(key), `${lng}:${key}`).not.toBe('');
    }
  });

  it('contain every literal key the code uses', () => {
    const { literal } = keysInCode();
    const missing = [...literal]
      .filter(([key]) => !known.has(key) && !subtrees.has(key))
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
    expect(literal.size).toBeGreaterThan(300);
  });

  it('contain every key the code builds from its enums and codes', () => {
    const missing = Object.entries(BUILT).flatMap(([pattern, values]) =>
      values.map((v) => pattern.replace(/\*(?:\.\*)*/, v)).filter((key) => !known.has(key)),
    );
    expect(missing).toEqual([]);
  });

  it('know the values of every key the code builds', () => {
    const { patterns } = keysInCode();
    const unknown = [...patterns]
      .filter(([pattern]) => !(pattern in BUILT))
      .map(([pattern, file]) => `${pattern} (${file})`);
    expect(unknown, 'add each new pattern to BUILT with the list of its values').toEqual([]);
    // And no stale entries: each pattern in BUILT is still built somewhere.
    expect(Object.keys(BUILT).filter((pattern) => !patterns.has(pattern))).toEqual([]);
  });

  it('resolve every nested $t(…) reference', () => {
    for (const [lng, catalog] of Object.entries(catalogs)) {
      for (const key of keys(catalog)) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalog) as string;
        for (const m of value.matchAll(/\$t\(([^),]+)/g)) {
          const ref = m[1].replace(/\{\{day\}\}/, 'mon');
          expect(known.has(ref), `${lng}:${key} refers to ${m[1]}`).toBe(true);
        }
      }
    }
  });

  it('name the weekday in the classroom-fit error in the reader’s language', () => {
    for (const lng of LANGUAGES) {
      const { t } = createI18n(lng);
      for (const day of WEEKDAYS) {
        const message = translateMessage(t, `errors.fitFull?day=${day}&capacity=12`);
        expect(message).toContain(t(`weekdays.${day}`));
        expect(message).not.toMatch(/weekdays|\bmon\b|\$t/);
      }
    }
    expect(translateMessage(createI18n('id').t, 'errors.fitFull?day=mon&capacity=12')).toBe(
      'Kelas penuh pada hari Senin (kapasitas 12).',
    );
  });
});
