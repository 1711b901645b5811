import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogs, createI18n } from '~/i18n/catalogs.server';
import { type Lang } from '~/i18n/i18n';
import {
  AUDIT_CSV_HEADER,
  AUDIT_ENTITIES,
  AUDIT_FIELDS,
  auditCsvRows,
  childOfEntry,
  emptyAuditNames,
  ENTITY_FIELD_LABELS,
  fieldRule,
  formatAuditValue,
  idsToResolve,
  nullActorKind,
  parseAuditFilters,
  presentAuditEntry,
  type AuditEntry,
  type AuditNames,
  type AuditView,
} from '~/modules/audit/audit';

const JAYAPURA = 'Asia/Jayapura';

function view(lng: Lang, names: Partial<AuditNames> = {}): AuditView {
  const i18n = createI18n(lng);
  return {
    t: (key, options) => i18n.t(key, options ?? {}),
    lng,
    zone: JAYAPURA,
    centerName: 'TAS Cendrawasih',
    names: { ...emptyAuditNames(), ...names },
  };
}

const entry = (e: Partial<AuditEntry>): AuditEntry => ({
  id: 'e1',
  at: '2026-03-01T15:30:00.000Z',
  actorId: 'u-koor',
  entity: 'attendance',
  entityId: 'a1',
  childId: null,
  action: 'update',
  changes: {},
  ...e,
});

const lookup = (obj: unknown, path: string) =>
  path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

// The tables whose rows are audited, by entity: every column they have may appear in an entry.
const TABLES: Record<(typeof AUDIT_ENTITIES)[number], string> = {
  center: 'CentersTable',
  classroom: 'ClassroomsTable',
  user: 'UsersTable',
  membership: 'MembershipsTable',
  invite: 'InvitesTable',
  child: 'ChildrenTable',
  guardian: 'GuardiansTable',
  application: 'ApplicationsTable',
  document: 'DocumentsTable',
  pickup_person: 'PickupPersonsTable',
  emergency_contact: 'EmergencyContactsTable',
  attendance: 'AttendanceTable',
  pickup_attempt: 'PickupAttemptsTable',
  staff_shift: 'StaffShiftsTable',
  follow_up: 'FollowUpsTable',
  measurement: 'MeasurementsTable',
  milestone_observation: 'MilestoneObservationsTable',
  kpsp_screening: 'KpspScreeningsTable',
  milestone_item: 'MilestoneItemsTable',
  kiosk_device: 'KioskDevicesTable',
  kiosk_pin: 'KioskPinsTable',
  password_reset: 'PasswordResetsTable',
  outbox: 'OutboxTable',
  day_entry: 'DayEntriesTable',
  medicine_instruction: 'MedicineInstructionsTable',
  conversation: 'ConversationsTable',
  message: 'MessagesTable',
  announcement: 'AnnouncementsTable',
  announcement_receipt: 'AnnouncementReceiptsTable',
  activity: 'ActivitiesTable',
  weekly_plan: 'WeeklyPlansTable',
  home_activity: 'HomeActivitiesTable',
  incident: 'IncidentsTable',
  staff_check: 'StaffChecksTable',
  center_licence: 'CenterLicencesTable',
  self_assessment: 'SelfAssessmentsTable',
  welfare_concern: 'WelfareConcernsTable',
  concern_entry: 'ConcernEntriesTable',
  concern_referral: 'ConcernReferralsTable',
  regional_invite: 'RegionalInvitesTable',
  regional_role: 'RegionalRolesTable',
};

function columnsOf(table: string) {
  const schema = fs.readFileSync('db/schema.ts', 'utf8');
  const body = new RegExp(`export interface ${table} \\{([\\s\\S]*?)\\n\\}`).exec(schema)?.[1];
  if (!body) throw new Error(`no ${table} in db/schema.ts`);
  return [...body.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]);
}

describe('what the log can show', () => {
  it('has a rule for every column of every audited table, and the extras written with them', () => {
    const columns = Object.values(TABLES).flatMap(columnsOf);
    expect(columns.length).toBeGreaterThan(150);
    expect(columns.filter((c) => !(c in AUDIT_FIELDS))).toEqual([]);
    expect(AUDIT_FIELDS).toHaveProperty('correction_reason');
  });

  it('has a label in both languages for every field it shows, and every code list it translates with', () => {
    for (const [lng, catalog] of Object.entries(catalogs)) {
      const shown = Object.entries(AUDIT_FIELDS).filter(([, rule]) => rule !== 'hidden');
      expect(
        shown.filter(([field]) => typeof lookup(catalog, `audit.fields.${field}`) !== 'string'),
        lng,
      ).toEqual([]);
      for (const [entity, fields] of Object.entries(ENTITY_FIELD_LABELS)) {
        for (const field of fields)
          expect(typeof lookup(catalog, `audit.entityFields.${entity}.${field}`), `${lng} ${entity}.${field}`).toBe(
            'string',
          );
      }
      const prefixes = AUDIT_ENTITIES.flatMap((e) => Object.keys(AUDIT_FIELDS).map((f) => fieldRule(e, f))).flatMap(
        (r) => (r && typeof r === 'object' && 'enum' in r ? [r.enum] : []),
      );
      for (const prefix of new Set(prefixes)) expect(typeof lookup(catalog, prefix), `${lng} ${prefix}`).toBe('object');
      for (const entity of AUDIT_ENTITIES) expect(typeof lookup(catalog, `audit.entities.${entity}`)).toBe('string');
    }
  });
});

describe('values', () => {
  const id = view('id');
  const en = view('en');

  it('shows instants in the center’s local time and the reader’s language', () => {
    expect(formatAuditValue(AUDIT_FIELDS.check_in_at, '2026-03-01T15:30:00.000Z', id)).toBe('2 Mar 2026, 00.30');
    expect(formatAuditValue(AUDIT_FIELDS.check_in_at, '2026-03-01T15:30:00.000Z', en)).toBe('2 Mar 2026, 00:30');
    expect(formatAuditValue(AUDIT_FIELDS.birth_date, '2024-07-15', en)).toBe('15 Jul 2024');
    expect(formatAuditValue(AUDIT_FIELDS.detail, '["2026-03-02","2026-03-03"]', en)).toBe('2 Mar 2026, 3 Mar 2026');
  });

  it('shows temperatures in °C from tenths, and measurements with their units', () => {
    expect(formatAuditValue(AUDIT_FIELDS.temperature_tenths, 378, id)).toBe('37,8 °C');
    expect(formatAuditValue(AUDIT_FIELDS.temperature_tenths, 378, en)).toBe('37.8 °C');
    expect(formatAuditValue(AUDIT_FIELDS.fever_threshold_tenths, 375, en)).toBe('37.5 °C');
    expect(formatAuditValue(AUDIT_FIELDS.weight_kg, 12.35, en)).toBe('12.35 kg');
    expect(formatAuditValue(AUDIT_FIELDS.length_cm, 88.4, id)).toBe('88,4 cm');
    expect(formatAuditValue(AUDIT_FIELDS.max_age_months, 23, en)).toBe('23 months');
    expect(formatAuditValue(AUDIT_FIELDS.age_point_months, 1, en)).toBe('1 month');
    expect(formatAuditValue(AUDIT_FIELDS.size_bytes, 250_000, en)).toBe('244 KB');
    expect(formatAuditValue(AUDIT_FIELDS.size_bytes, 3_500_000, en)).toBe('3.3 MB');
  });

  it('translates statuses and other codes, by the record they belong to', () => {
    expect(formatAuditValue(fieldRule('attendance', 'status'), 'checked_out', en)).toBe('Collected');
    expect(formatAuditValue(fieldRule('attendance', 'status'), 'checked_out', id)).toBe('Sudah dijemput');
    expect(formatAuditValue(fieldRule('application', 'status'), 'offer_expired', en)).toBe('Offer expired');
    expect(formatAuditValue(fieldRule('child', 'status'), 'withdrawn', id)).toBe('Keluar');
    expect(formatAuditValue(fieldRule('milestone_observation', 'status'), 'not_yet', en)).toBe('Not yet');
    expect(formatAuditValue(fieldRule('measurement', 'position'), 'lying', en)).toBe('lying');
    expect(formatAuditValue(fieldRule('emergency_contact', 'position'), 2, en)).toBe('2');
    expect(formatAuditValue(fieldRule('document', 'kind'), 'family_card', id)).toBe('Kartu Keluarga');
    expect(formatAuditValue(fieldRule('pickup_attempt', 'outcome'), 'allowed_once', en)).toBe('Allowed once');
    expect(formatAuditValue(AUDIT_FIELDS.absence_reason, 'sick', id)).toBe('Sakit');
    expect(formatAuditValue(AUDIT_FIELDS.role, 'caregiver', en)).toBe('Caregiver');
    expect(formatAuditValue(AUDIT_FIELDS.interpretation, 'doubtful', en)).toBe('Doubtful (M)');
    expect(formatAuditValue(AUDIT_FIELDS.time_zone, 'Asia/Jayapura', en)).toBe('WIT (Asia/Jayapura)');
    expect(formatAuditValue(AUDIT_FIELDS.preferred_language, 'en', id)).toBe('English');
    expect(formatAuditValue(AUDIT_FIELDS.correction_reason, 'undo', en)).toBe('Undone within 5 minutes (mistaken tap)');
    expect(formatAuditValue(AUDIT_FIELDS.correction_reason, 'Salah jam', en)).toBe('Salah jam');
  });

  it('keeps typed text as typed, even where a catalog has codes', () => {
    expect(formatAuditValue(AUDIT_FIELDS.relationship, 'ibu', en)).toBe('Mother');
    expect(formatAuditValue(AUDIT_FIELDS.relationship, 'Tante: adik ibu', en)).toBe('Tante: adik ibu');
    expect(formatAuditValue(AUDIT_FIELDS.relationship, 'paman', en)).toBe('paman');
    expect(formatAuditValue(AUDIT_FIELDS.note, '{{name}} datang', en)).toBe('{{name}} datang');
  });

  it('shows flags as yes/no, lists of days and hours, and ratio rules', () => {
    expect(formatAuditValue(AUDIT_FIELDS.fever_confirmed, 1, en)).toBe('Yes');
    expect(formatAuditValue(AUDIT_FIELDS.consent_photos, 0, id)).toBe('Tidak');
    expect(formatAuditValue(AUDIT_FIELDS.schedule_days, '["mon","wed"]', id)).toBe('Sen, Rab');
    expect(
      formatAuditValue(
        AUDIT_FIELDS.opening_hours,
        JSON.stringify({ mon: ['07:00', '17:00'], tue: null, fri: ['07:00', '16:00'] }),
        en,
      ),
    ).toBe('Mon 07:00–17:00, Fri 07:00–16:00');
    expect(formatAuditValue(AUDIT_FIELDS.ratio_rules, '[{"maxMonths":23,"children":4}]', en)).toBe(
      'up to 23 months 1:4',
    );
  });

  it('never shows a secret, and shows nothing for nothing', () => {
    expect(formatAuditValue(AUDIT_FIELDS.password_hash, '••••', en)).toBe('••••');
    expect(formatAuditValue(AUDIT_FIELDS.pin_hash, '$argon2id$…', en)).toBe('••••');
    expect(formatAuditValue(AUDIT_FIELDS.note, null, en)).toBe('—');
    expect(formatAuditValue(AUDIT_FIELDS.note, '', en)).toBe('—');
  });

  it('names the people, children and rooms ids point to', () => {
    const named = view('en', {
      users: new Map([['u1', 'Sari']]),
      children: new Map([['c1', 'Putri']]),
      classrooms: new Map([['r1', 'Bayi']]),
      items: new Map([['i1', { id: 'Menoleh', en: 'Turns head' }]]),
    });
    expect(formatAuditValue(AUDIT_FIELDS.check_in_by, 'u1', named)).toBe('Sari');
    expect(formatAuditValue(AUDIT_FIELDS.child_id, 'c1', named)).toBe('Putri');
    expect(formatAuditValue(AUDIT_FIELDS.classroom_id, 'r1', named)).toBe('Bayi');
    expect(formatAuditValue(AUDIT_FIELDS.item_id, 'i1', named)).toBe('Turns head');
    expect(formatAuditValue(AUDIT_FIELDS.check_in_by, 'u-gone', named)).toBe('unknown');
  });
});

describe('an entry as a record', () => {
  const names = {
    users: new Map([
      ['u-koor', 'Koor'],
      ['u-ibu', 'Ibu Sari'],
      ['u-guru', 'Guru Ani'],
    ]),
    children: new Map([['c1', 'Putri Lestari']]),
    staffRoles: new Map<string, ('coordinator' | 'teacher' | 'caregiver')[]>([
      ['u-koor', ['teacher', 'coordinator']],
      ['u-guru', ['teacher']],
    ]),
    guardianOf: new Map([
      ['u-ibu', new Set(['c1'])],
      ['u-guru', new Set(['c1'])],
    ]),
    owners: new Map([['m1', 'u-guru']]),
  };

  it('says who acted, with their role here; a guardian at the kiosk is the guardian', () => {
    const v = view('en', names);
    expect(presentAuditEntry(entry({ actorId: 'u-koor' }), v).actor).toEqual({
      id: 'u-koor',
      name: 'Koor',
      role: 'Coordinator, Teacher',
    });
    expect(presentAuditEntry(entry({ actorId: 'u-ibu', childId: 'c1' }), v).actor).toEqual({
      id: 'u-ibu',
      name: 'Ibu Sari',
      role: 'Guardian',
    });
    expect(presentAuditEntry(entry({ actorId: 'u-guru', childId: 'c1' }), v).actor.role).toBe('Teacher, Guardian');
    expect(presentAuditEntry(entry({ actorId: 'u-guru', childId: null }), v).actor.role).toBe('Teacher');
    expect(presentAuditEntry(entry({ actorId: 'u-left' }), v).actor).toEqual({
      id: 'u-left',
      name: 'unknown',
      role: null,
    });
  });

  it('says who acted when no person did', () => {
    expect(nullActorKind({ entity: 'follow_up', action: 'create', changes: {} })).toBe('system');
    expect(
      nullActorKind({ entity: 'application', action: 'update', changes: { status: ['offered', 'offer_expired'] } }),
    ).toBe('system');
    expect(nullActorKind({ entity: 'application', action: 'delete', changes: { status: ['draft', null] } })).toBe(
      'system',
    );
    expect(
      nullActorKind({ entity: 'application', action: 'update', changes: { status: ['offered', 'accepted'] } }),
    ).toBe('applicant');
    expect(nullActorKind({ entity: 'document', action: 'create', changes: {} })).toBe('applicant');
    expect(nullActorKind({ entity: 'user', action: 'update', changes: { disabled_at: [null, 'x'] } })).toBe('operator');
    expect(presentAuditEntry(entry({ actorId: null, entity: 'follow_up' }), view('id', names)).actor).toEqual({
      id: null,
      name: 'Sistem',
      role: null,
    });
  });

  it('names the child (for a link) or the record, and lists the fields people can read', () => {
    const v = view('en', names);
    const checkIn = presentAuditEntry(
      entry({
        action: 'create',
        childId: 'c1',
        changes: {
          id: [null, 'a1'],
          center_id: [null, 'x'],
          child_id: [null, 'c1'],
          temperature_tenths: [null, 381],
          status: [null, 'present'],
        },
      }),
      v,
    );
    expect(checkIn).toMatchObject({
      record: 'Putri Lestari',
      child: { id: 'c1', name: 'Putri Lestari' },
      entityLabel: 'attendance',
      actionLabel: 'created',
      when: '2 Mar 2026, 00:30',
    });
    expect(checkIn.fields).toEqual([
      { field: 'temperature_tenths', label: 'Temperature', before: '—', after: '38.1 °C', summary: null },
      { field: 'status', label: 'Status', before: '—', after: 'Present', summary: null },
    ]);
    expect(presentAuditEntry(entry({ entity: 'center', entityId: 'x' }), v).record).toBe('TAS Cendrawasih');
    expect(presentAuditEntry(entry({ entity: 'membership', entityId: 'm1' }), v).record).toBe('Guru Ani');
    expect(
      presentAuditEntry(
        entry({ entity: 'membership', entityId: 'm-gone', action: 'delete', changes: { user_id: ['u-ibu', null] } }),
        v,
      ).record,
    ).toBe('Ibu Sari');
    expect(
      presentAuditEntry(
        entry({ entity: 'kiosk_device', entityId: 'k1', changes: { name: [null, 'Tablet pintu'] } }),
        v,
      ),
    ).toMatchObject({ record: 'Tablet pintu', child: null });
  });

  it('shows a changed link or code as changed, never its hash', () => {
    const renewed = presentAuditEntry(
      entry({
        entity: 'invite',
        changes: { token_hash: ['••••', '••••'], expires_at: ['2026-03-01T00:00:00.000Z', '2026-03-08T00:00:00.000Z'] },
      }),
      view('en'),
    );
    expect(renewed.fields[0]).toEqual({
      field: 'token_hash',
      label: 'Link',
      before: '',
      after: '',
      summary: 'changed',
    });
    expect(renewed.fields[1]).toMatchObject({
      label: 'Valid until',
      before: '1 Mar 2026, 09:00',
      after: '8 Mar 2026, 09:00',
    });
    const created = presentAuditEntry(
      entry({ entity: 'kiosk_device', action: 'create', changes: { pairing_code_hash: [null, '••••'] } }),
      view('id'),
    );
    expect(created.fields[0]).toMatchObject({ label: 'Kode pemasangan', summary: 'ditetapkan' });
  });

  it('collects the ids a page needs names for', () => {
    const ids = idsToResolve([
      entry({
        actorId: 'u1',
        childId: 'c1',
        changes: { check_in_by: [null, 'u2'], classroom_id: ['r1', 'r2'], pickup_person_id: [null, 'p1'] },
      }),
      entry({ actorId: null, entity: 'staff_shift', entityId: 's1', changes: { clock_out_at: [null, 'x'] } }),
    ]);
    expect([...ids.users].sort()).toEqual(['u1', 'u2']);
    expect([...ids.children]).toEqual(['c1']);
    expect([...ids.classrooms].sort()).toEqual(['r1', 'r2']);
    expect([...ids.pickupPersons]).toEqual(['p1']);
    expect([...ids.owned.staff_shift]).toEqual(['s1']);
  });

  it('finds the child an entry concerns when it is written', () => {
    expect(childOfEntry({ entity: 'child', entityId: 'c1', after: { full_name: 'x' } })).toBe('c1');
    expect(childOfEntry({ entity: 'attendance', entityId: 'a1', after: { child_id: 'c2' } })).toBe('c2');
    expect(childOfEntry({ entity: 'guardian', entityId: 'g1', before: { child_id: 'c3' }, after: null })).toBe('c3');
    expect(
      childOfEntry({
        entity: 'application',
        entityId: 'x',
        before: { status: 'accepted' },
        after: { status: 'enrolled', child_id: 'c4' },
      }),
    ).toBe('c4');
    expect(
      childOfEntry({
        entity: 'attendance',
        entityId: 'a1',
        before: { status: 'present' },
        after: { status: 'checked_out' },
      }),
    ).toBeNull();
    expect(childOfEntry({ entity: 'classroom', entityId: 'r1', after: { name: 'x' } })).toBeNull();
  });
});

describe('the CSV export', () => {
  it('has one row per entry: local and UTC time, who, what, which record, each change on its own line', () => {
    const v = view('en', {
      users: new Map([['u-koor', 'Koor']]),
      children: new Map([['c1', 'Putri']]),
      staffRoles: new Map([['u-koor', ['coordinator']]]),
    });
    const presented = presentAuditEntry(
      entry({ childId: 'c1', changes: { status: ['present', 'checked_out'], picked_up_by: [null, 'Ibu Sari'] } }),
      v,
    );
    const [header, row] = auditCsvRows([presented], JAYAPURA);
    expect(header).toEqual(AUDIT_CSV_HEADER);
    expect(row).toEqual([
      '2026-03-02 00:30:00',
      JAYAPURA,
      '2026-03-01T15:30:00.000Z',
      'Koor',
      'Coordinator',
      'changed',
      'attendance',
      'Putri',
      'Putri',
      'Status: Present → Collected\nCollected by: — → Ibu Sari',
      'e1',
      'a1',
    ]);
  });
});

describe('filters', () => {
  const choices = { zone: JAYAPURA, childIds: new Set(['c1']), personIds: new Set(['u1']) };
  const parse = (query: string) => parseAuditFilters(new URLSearchParams(query), choices);

  it('turns local days in the center’s zone into UTC instants, the last day included whole', () => {
    // Midnight in Jayapura (UTC+9) is 15:00 UTC the day before.
    expect(parse('from=2026-03-02&to=2026-03-02').filter).toEqual({
      fromAt: '2026-03-01T15:00:00.000Z',
      toAt: '2026-03-02T15:00:00.000Z',
    });
    expect(
      parseAuditFilters(new URLSearchParams('from=2026-03-02'), { ...choices, zone: 'Asia/Jakarta' }).filter,
    ).toEqual({ fromAt: '2026-03-01T17:00:00.000Z' });
  });

  it('applies the choices it knows and ignores anything else', () => {
    expect(parse('child=c1&person=u1&entity=attendance')).toEqual({
      params: { child: 'c1', person: 'u1', entity: 'attendance', from: '', to: '' },
      filter: { childId: 'c1', actorId: 'u1', entity: 'attendance' },
    });
    expect(parse('person=none').filter).toEqual({ actorId: null });
    expect(parse('child=c-other&person=u-other&entity=sessions&from=2026-02-30&to=kemarin')).toEqual({
      params: { child: '', person: '', entity: '', from: '', to: '' },
      filter: {},
    });
    expect(parse('from=2026-3-2&to=20260302').filter).toEqual({});
  });
});
