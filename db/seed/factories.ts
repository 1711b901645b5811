// Builders for the rows every feature needs. The demo seed and the tests both use them, so the
// tests run on data shaped exactly like what people see in the demo.
import type { Insertable, Kysely } from 'kysely';
import { hashPassword } from '~/modules/auth/password.server';
import { storeFile } from '~/modules/files/uploads.server';
import type { OpeningHours, Weekday } from '~/modules/time/time';
import { newId, nowIso } from '../ids';
import type {
  AbsenceReason,
  AttendanceTable,
  CenterKind,
  DB,
  Language,
  MilestoneObservationsTable,
  ObservationStatus,
  Role,
  Sex,
} from '../schema';

export const WEEKDAY_HOURS: OpeningHours = {
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
    address: string;
    contactPhone: string;
    contactEmail: string | null;
    requireTwoFactor: boolean;
    lactationRoom: boolean;
  }> = {},
) {
  const now = nowIso();
  const center = {
    id: input.id ?? newId(),
    name: input.name ?? 'TAS Contoh',
    kind: input.kind ?? 'tas',
    address: input.address ?? 'Jl. Contoh No. 1',
    province: input.province ?? 'DKI Jakarta',
    city: input.city ?? 'Jakarta Timur',
    time_zone: input.timeZone ?? 'Asia/Jakarta',
    opening_hours: JSON.stringify(WEEKDAY_HOURS),
    capacity: 60,
    contact_phone: input.contactPhone ?? '+622112345678',
    contact_email: input.contactEmail ?? null,
    require_two_factor: input.requireTwoFactor ? 1 : 0,
    lactation_room: input.lactationRoom ? 1 : 0,
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
    /** What the family and the coordinator recorded about the child (profile, health, custody). */
    profile?: Partial<{
      address: string;
      homeLanguages: string;
      birthOrder: number;
      allergies: string;
      medicalConditions: string;
      medicines: string;
      specialNeeds: string;
      supportNeeded: string;
      immunizationStatus: 'complete' | 'partial' | 'none' | 'unknown';
      consentPhotos: boolean;
      custodyNote: string;
      custodyRestrictsPickup: boolean;
      gestationWeeks: number;
    }>;
    scheduleDays?: Weekday[];
    scheduleStart?: string;
    scheduleEnd?: string;
    startDate?: string | null;
  },
) {
  const p = input.profile ?? {};
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
    birth_order: p.birthOrder ?? null,
    home_languages: p.homeLanguages ?? null,
    address: p.address ?? null,
    special_needs: p.specialNeeds ?? null,
    support_needed: p.supportNeeded ?? null,
    allergies: p.allergies ?? null,
    medical_conditions: p.medicalConditions ?? null,
    medicines: p.medicines ?? null,
    immunization_status: p.immunizationStatus ?? null,
    consent_photos: p.consentPhotos === undefined ? null : p.consentPhotos ? 1 : 0,
    custody_note: p.custodyNote ?? null,
    custody_restricts_pickup: p.custodyRestrictsPickup ? 1 : 0,
    schedule_days: JSON.stringify(input.scheduleDays ?? ['mon', 'tue', 'wed', 'thu', 'fri']),
    schedule_start: input.scheduleStart ?? '07:30',
    schedule_end: input.scheduleEnd ?? '16:00',
    start_date: input.startDate ?? null,
    withdrawn_on: null,
    withdrawn_reason: null,
    gestation_weeks: p.gestationWeeks ?? null,
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

/** Inserts rows a few hundred at a time: a query has at most 32,766 parameters on SQLite, 65,535 on PostgreSQL. */
async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 200) await insert(rows.slice(i, i + 200));
}

export async function makeEmergencyContact(
  db: Kysely<DB>,
  input: { centerId: string; childId: string; position: number; name: string; relationship: string; phone: string },
) {
  const row = {
    id: newId(),
    center_id: input.centerId,
    child_id: input.childId,
    position: input.position,
    name: input.name,
    relationship: input.relationship,
    phone: input.phone,
  };
  await db.insertInto('emergency_contacts').values(row).execute();
  return row;
}

/**
 * An authorized pickup person, with a photo stored as a real pickup_photo document (the file under
 * UPLOAD_DIR, written through the uploads module). The file is written before the rows: if the
 * caller's transaction then fails, the file stays behind unreferenced.
 */
export async function makePickupPerson(
  db: Kysely<DB>,
  input: {
    centerId: string;
    childId: string;
    name?: string;
    relationship?: string;
    phone?: string;
    idNumber?: string;
    photo?: { bytes: Uint8Array; fileName: string; mimeType: 'image/png' | 'image/jpeg' } | null;
  },
) {
  const now = nowIso();
  let photoId: string | null = null;
  if (input.photo) {
    const key = await storeFile(input.photo.bytes);
    photoId = newId();
    await db
      .insertInto('documents')
      .values({
        id: photoId,
        center_id: input.centerId,
        application_id: null,
        child_id: input.childId,
        kind: 'pickup_photo',
        file_name: input.photo.fileName,
        mime_type: input.photo.mimeType,
        size_bytes: input.photo.bytes.byteLength,
        storage_key: key,
        created_at: now,
      })
      .execute();
  }
  const row = {
    id: newId(),
    center_id: input.centerId,
    child_id: input.childId,
    name: input.name ?? 'Penjemput Contoh',
    relationship: input.relationship ?? 'nenek',
    phone: input.phone ?? '+6281200000000',
    id_number: input.idNumber ?? '3175000000000000',
    photo_document_id: photoId,
    active: 1,
    created_at: now,
  };
  await db.insertInto('pickup_persons').values(row).execute();
  return row;
}

/** One child's day at the door: here (and perhaps gone home), or absent with a reason. */
export type AttendanceDay = {
  centerId: string;
  childId: string;
  classroomId: string | null;
  date: string;
} & (
  | {
      status: 'present' | 'checked_out';
      checkInAt: string;
      checkInBy: string | null;
      broughtBy?: string | null;
      temperatureTenths?: number | null;
      mood?: string | null;
      checkOutAt?: string | null;
      checkOutBy?: string | null;
      pickedUpBy?: string | null;
      pickupPersonId?: string | null;
    }
  | {
      status: 'absent';
      reason: AbsenceReason;
      note?: string | null;
      reportedBy: string | null;
      reportedAt: string;
    }
);

/** Attendance days, as the door screen and the absence form would have written them (no audit entries). */
export async function makeAttendance(db: Kysely<DB>, days: AttendanceDay[]) {
  const rows = days.map((d): Insertable<AttendanceTable> => {
    const common = {
      id: newId(),
      center_id: d.centerId,
      child_id: d.childId,
      classroom_id: d.classroomId,
      date: d.date,
    };
    if (d.status === 'absent')
      return {
        ...common,
        status: 'absent',
        check_in_at: null,
        check_in_by: null,
        brought_by: null,
        temperature_tenths: null,
        fever_confirmed: 0,
        marks_note: null,
        mood: null,
        check_out_at: null,
        check_out_by: null,
        picked_up_by: null,
        pickup_person_id: null,
        absence_reason: d.reason,
        absence_note: d.note ?? null,
        absence_reported_by: d.reportedBy,
        created_at: d.reportedAt,
        updated_at: d.reportedAt,
      };
    return {
      ...common,
      status: d.status,
      check_in_at: d.checkInAt,
      check_in_by: d.checkInBy,
      brought_by: d.broughtBy ?? null,
      temperature_tenths: d.temperatureTenths ?? null,
      fever_confirmed: 0,
      marks_note: null,
      mood: d.mood ?? null,
      check_out_at: d.checkOutAt ?? null,
      check_out_by: d.checkOutBy ?? null,
      picked_up_by: d.pickedUpBy ?? null,
      pickup_person_id: d.pickupPersonId ?? null,
      absence_reason: null,
      absence_note: null,
      absence_reported_by: null,
      created_at: d.checkInAt,
      updated_at: d.checkOutAt ?? d.checkInAt,
    };
  });
  await inChunks(rows, (chunk) => db.insertInto('attendance').values(chunk).execute());
  return rows;
}

/** Collections of children checked in earlier (makeAttendance with status 'present'), as the door would record them. */
export type CheckOut = {
  childId: string;
  date: string;
  checkOutAt: string;
  checkOutBy: string | null;
  pickedUpBy: string | null;
  pickupPersonId: string | null;
};

export async function checkOutAttendance(db: Kysely<DB>, checkOuts: CheckOut[]) {
  await db.transaction().execute(async (trx) => {
    for (const c of checkOuts)
      await trx
        .updateTable('attendance')
        .set({
          status: 'checked_out',
          check_out_at: c.checkOutAt,
          check_out_by: c.checkOutBy,
          picked_up_by: c.pickedUpBy,
          pickup_person_id: c.pickupPersonId,
          updated_at: c.checkOutAt,
        })
        .where('child_id', '=', c.childId)
        .where('date', '=', c.date)
        .where('status', '=', 'present')
        .execute();
  });
}

/** A staff member's shift in a classroom; open (on shift now) while clockOutAt is null. */
export async function makeShift(
  db: Kysely<DB>,
  input: {
    centerId: string;
    classroomId: string;
    userId: string;
    date: string;
    clockInAt: string;
    clockOutAt?: string | null;
  },
) {
  const row = {
    id: newId(),
    center_id: input.centerId,
    classroom_id: input.classroomId,
    user_id: input.userId,
    date: input.date,
    clock_in_at: input.clockInAt,
    clock_out_at: input.clockOutAt ?? null,
  };
  await db.insertInto('staff_shifts').values(row).execute();
  return row;
}

/** Milestone observations as a teacher recorded them earlier (no audit entries). */
export async function makeObservations(
  db: Kysely<DB>,
  observations: {
    centerId: string;
    childId: string;
    itemId: string;
    status: ObservationStatus;
    observedOn: string;
    recordedBy: string | null;
    note?: string | null;
  }[],
) {
  const rows = observations.map((o): Insertable<MilestoneObservationsTable> => ({
    id: newId(),
    center_id: o.centerId,
    child_id: o.childId,
    item_id: o.itemId,
    status: o.status,
    observed_on: o.observedOn,
    note: o.note ?? null,
    photo_document_id: null,
    recorded_by: o.recordedBy,
    created_at: `${o.observedOn}T06:00:00.000Z`,
    visible_to_family: 0,
  }));
  await inChunks(rows, (chunk) => db.insertInto('milestone_observations').values(chunk).execute());
  return rows;
}

/** An open follow-up of unexplained absences: `missedDays` newest first, as the door screen records them. */
export async function makeAbsenceFollowUp(
  db: Kysely<DB>,
  input: { centerId: string; childId: string; missedDays: string[]; createdAt: string },
) {
  const row = {
    id: newId(),
    center_id: input.centerId,
    child_id: input.childId,
    kind: 'absences' as const,
    detail: JSON.stringify(input.missedDays),
    created_at: input.createdAt,
    resolved_at: null,
    resolved_by: null,
    resolution: null,
  };
  await db.insertInto('follow_ups').values(row).execute();
  return row;
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
