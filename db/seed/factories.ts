// Builders for the rows every feature needs. The demo seed and the tests both use them, so the
// tests run on data shaped exactly like what people see in the demo.
import type { Kysely } from 'kysely';
import { hashPassword } from '~/modules/auth/password.server';
import type { OpeningHours } from '~/modules/time/time';
import { newId, nowIso } from '../ids';
import type { CenterKind, DB, Language, Role, Sex } from '../schema';

const WEEKDAY_HOURS: OpeningHours = {
  mon: ['07:00', '17:00'],
  tue: ['07:00', '17:00'],
  wed: ['07:00', '17:00'],
  thu: ['07:00', '17:00'],
  fri: ['07:00', '16:00'],
  sat: null,
  sun: null,
};

export async function makeCenter(
  db: Kysely<DB>,
  input: Partial<{
    id: string;
    name: string;
    kind: CenterKind;
    timeZone: string;
    city: string;
    province: string;
    requireTwoFactor: boolean;
  }> = {},
) {
  const now = nowIso();
  const center = {
    id: input.id ?? newId(),
    name: input.name ?? 'TAS Contoh',
    kind: input.kind ?? 'tas',
    address: 'Jl. Contoh No. 1',
    province: input.province ?? 'DKI Jakarta',
    city: input.city ?? 'Jakarta Timur',
    time_zone: input.timeZone ?? 'Asia/Jakarta',
    opening_hours: JSON.stringify(WEEKDAY_HOURS),
    capacity: 60,
    contact_phone: '+622112345678',
    contact_email: null,
    require_two_factor: input.requireTwoFactor ? 1 : 0,
    fever_threshold_tenths: 375,
    ratio_rules: null,
    ratio_confirmed_at: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('centers').values(center).execute();
  return center;
}

export async function makeClassroom(
  db: Kysely<DB>,
  input: {
    centerId: string;
    id?: string;
    name?: string;
    minAgeMonths?: number;
    maxAgeMonths?: number;
    capacity?: number;
  },
) {
  const now = nowIso();
  const classroom = {
    id: input.id ?? newId(),
    center_id: input.centerId,
    name: input.name ?? 'Kelas Balita',
    min_age_months: input.minAgeMonths ?? 24,
    max_age_months: input.maxAgeMonths ?? 48,
    capacity: input.capacity ?? 16,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('classrooms').values(classroom).execute();
  return classroom;
}

export async function makeUser(
  db: Kysely<DB>,
  input: Partial<{
    id: string;
    email: string;
    name: string;
    password: string;
    passwordHash: string;
    language: Language;
    phone: string | null;
  }> & {
    memberships?: { centerId: string; role: Role }[];
  } = {},
) {
  const now = nowIso();
  const id = input.id ?? newId();
  const user = {
    id,
    email: (input.email ?? `user-${id}@example.test`).toLowerCase(),
    name: input.name ?? 'Pengguna Contoh',
    phone: input.phone ?? null,
    preferred_language: input.language ?? 'id',
    password_hash: input.passwordHash ?? (input.password ? await hashPassword(input.password) : null),
    totp_secret: null,
    totp_enabled_at: null,
    disabled_at: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('users').values(user).execute();
  for (const m of input.memberships ?? []) {
    await db
      .insertInto('memberships')
      .values({
        id: newId(),
        user_id: id,
        center_id: m.centerId,
        role: m.role,
        created_at: now,
        suspended_at: null,
        suspended_by: null,
      })
      .execute();
  }
  return user;
}

export async function makeChild(
  db: Kysely<DB>,
  input: {
    centerId: string;
    classroomId?: string | null;
    id?: string;
    fullName?: string;
    nickname?: string | null;
    birthDate?: string;
    sex?: Sex;
  },
) {
  const now = nowIso();
  const child = {
    id: input.id ?? newId(),
    center_id: input.centerId,
    classroom_id: input.classroomId ?? null,
    full_name: input.fullName ?? 'Anak Contoh',
    nickname: input.nickname ?? null,
    birth_date: input.birthDate ?? '2024-01-15',
    sex: input.sex ?? 'female',
    status: 'enrolled' as const,
    nik: null,
    birth_order: null,
    home_languages: null,
    address: null,
    special_needs: null,
    support_needed: null,
    allergies: null,
    medical_conditions: null,
    medicines: null,
    immunization_status: null,
    consent_photos: null,
    custody_note: null,
    custody_restricts_pickup: 0,
    schedule_days: JSON.stringify(['mon', 'tue', 'wed', 'thu', 'fri']),
    schedule_start: '07:30',
    schedule_end: '16:00',
    start_date: null,
    withdrawn_on: null,
    withdrawn_reason: null,
    gestation_weeks: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('children').values(child).execute();
  return child;
}

/** An accepted guardian link (what an invitation becomes once its owner accepts it). */
export async function linkGuardian(db: Kysely<DB>, input: { childId: string; userId: string; relationship?: string }) {
  const child = await db
    .selectFrom('children')
    .select('center_id')
    .where('id', '=', input.childId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('guardians')
    .values({
      id: newId(),
      center_id: child.center_id,
      child_id: input.childId,
      user_id: input.userId,
      relationship: input.relationship ?? 'ibu',
      created_at: nowIso(),
    })
    .execute();
}

/** A complete application form as a parent would post it (field names as in the form). */
export function applicationForm(
  overrides: Record<string, string | string[]> = {},
  { today = new Date().toISOString().slice(0, 10) } = {},
) {
  const start = new Date(Date.parse(today) + 14 * 86_400_000).toISOString().slice(0, 10);
  const birth = new Date(Date.parse(today) - 30 * 30.4375 * 86_400_000).toISOString().slice(0, 10);
  return {
    child_full_name: 'Alya Putri Maharani',
    child_nickname: 'Alya',
    child_birth_date: birth,
    child_sex: 'female',
    child_nik: '',
    birth_order: '1',
    home_languages: 'Indonesia, Jawa',
    g1_name: 'Sri Maharani',
    g1_relationship: 'ibu',
    g1_phone: '0812-3456-7001',
    g1_email: 'sri.maharani@example.test',
    g1_occupation: 'Pedagang',
    g1_employer: 'Pemerintah Kota',
    g1_employee_number: '1987-001',
    address: 'Jl. Melati No. 7, Jakarta Timur',
    preferred_start_date: start,
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    hours_start: '07:30',
    hours_end: '16:00',
    immunization_status: 'complete',
    consent_data: 'on',
    consent_photos: 'on',
    consent_emergency: 'on',
    ...overrides,
  } as Record<string, string | string[]>;
}
