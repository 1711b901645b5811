// Typed view of the database for Kysely. Instants are UTC ISO strings, local dates are
// 'YYYY-MM-DD', flags are 0/1 integers and structured values are JSON text: the same
// representation on SQLite and PostgreSQL, so every query runs unchanged on both.
import type { Insertable, Selectable, Updateable } from 'kysely';

export type Role = 'coordinator' | 'teacher' | 'caregiver';
export type Language = 'id' | 'en';
export const CENTER_KINDS = ['tas', 'workplace'] as const;
export type CenterKind = (typeof CENTER_KINDS)[number];
export type Sex = 'female' | 'male';

export interface CentersTable {
  id: string;
  name: string;
  kind: CenterKind;
  address: string;
  province: string;
  city: string;
  time_zone: string;
  /** JSON: { mon: ['07:00','17:00'] | null, … } */
  opening_hours: string;
  capacity: number;
  contact_phone: string | null;
  contact_email: string | null;
  require_two_factor: number;
  /** A temperature at or above this (in tenths of °C) asks for confirmation at check-in. */
  fever_threshold_tenths: number;
  /** JSON RatioRule[]; null until the coordinator sets them (defaults apply meanwhile). */
  ratio_rules: string | null;
  ratio_confirmed_at: string | null;
  /** 'HH:MM' local: staff are not notified in between, except of urgent things. Null: no quiet hours. */
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  /** 'HH:MM' local when the day's summary goes to families; null: at check-out. */
  daily_summary_time: string | null;
  /** 1: guardians may log their own breastfeeding visits in the child's day. */
  lactation_room: number;
  created_at: string;
  updated_at: string;
}

export interface ClassroomsTable {
  id: string;
  center_id: string;
  name: string;
  min_age_months: number;
  max_age_months: number;
  capacity: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  /** Stored lower-cased, so uniqueness is case-insensitive on both databases. */
  email: string;
  name: string;
  phone: string | null;
  preferred_language: Language;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: string;
  user_id: string;
  center_id: string;
  role: Role;
  created_at: string;
  /** Set while the coordinator has suspended this person in this center; the account itself is untouched. */
  suspended_at: string | null;
  suspended_by: string | null;
  /** Null: lapsed safeguarding checks take the person out of the live ratio; 1 / 0: a coordinator's decision. */
  counts_in_ratio_override: number | null;
  ratio_decided_by: string | null;
  ratio_decided_at: string | null;
}

export interface ChildrenTable {
  id: string;
  center_id: string;
  classroom_id: string | null;
  full_name: string;
  nickname: string | null;
  birth_date: string;
  sex: Sex;
  status: 'enrolled' | 'withdrawn';
  nik: string | null;
  birth_order: number | null;
  home_languages: string | null;
  address: string | null;
  special_needs: string | null;
  support_needed: string | null;
  allergies: string | null;
  medical_conditions: string | null;
  medicines: string | null;
  immunization_status: string | null;
  consent_photos: number | null;
  /** Court orders or family arrangements the door staff must know (shown prominently). */
  custody_note: string | null;
  /** 1 when the custody note restricts who may collect: the kiosk then sends the guardian to staff. */
  custody_restricts_pickup: number;
  /** JSON array of weekdays ('mon'…'sun'). */
  schedule_days: string | null;
  schedule_start: string | null;
  schedule_end: string | null;
  start_date: string | null;
  withdrawn_on: string | null;
  withdrawn_reason: string | null;
  /** Weeks of gestation at birth, when known: under 37 the milestones use corrected age until 24 months. */
  gestation_weeks: number | null;
  created_at: string;
  updated_at: string;
}

export interface GuardiansTable {
  id: string;
  center_id: string;
  child_id: string;
  user_id: string;
  relationship: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** 0 while a second factor is still owed after the password. */
  two_factor_passed: number;
  flash: string | null;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failed_at: string;
  locked_until: string | null;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface InvitesTable {
  id: string;
  token_hash: string;
  center_id: string;
  email: string;
  name: string;
  /** A staff role in the center, or 'guardian' of child_id. */
  role: Role | 'guardian';
  invited_by: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
  created_at: string;
  /** For a guardian invitation: the child, how the guardian is related to them, and the phone the family gave. */
  child_id: string | null;
  relationship: string | null;
  phone: string | null;
}

/** A tablet paired as the center's kiosk: first a one-time pairing code, then a device token in its own cookie. */
export interface KioskDevicesTable {
  id: string;
  center_id: string;
  name: string;
  pairing_code_hash: string | null;
  pairing_expires_at: string | null;
  token_hash: string | null;
  created_by: string;
  created_at: string;
  paired_at: string | null;
  last_seen_at: string | null;
  revoked_at: string | null;
}

/** A guardian's kiosk sign-in at one center: a phone (E.164) unique among that center's guardians, and a PIN. */
export interface KioskPinsTable {
  id: string;
  center_id: string;
  user_id: string;
  phone: string;
  pin_hash: string;
  created_at: string;
  updated_at: string;
}

export interface PasswordResetsTable {
  id: string;
  token_hash: string;
  user_id: string;
  /** The center whose coordinator issued it; null when an operator did (CLI). */
  center_id: string | null;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** 'view' and 'refused' record reads of restricted records and refused attempts (no changes). */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'view', 'refused'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  center_id: string | null;
  entity: string;
  entity_id: string;
  /** The child the entry concerns (the child itself, or a record of theirs), for reading the log per child. */
  child_id: string | null;
  action: AuditAction;
  /** JSON: { field: [before, after] } */
  changes: string;
}

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'waitlisted',
  'offered',
  'accepted',
  'enrolled',
  'declined',
  'withdrawn',
  'offer_expired',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface ApplicationsTable {
  id: string;
  center_id: string;
  reference_code: string | null;
  access_token_hash: string;
  status: ApplicationStatus;
  /** JSON: everything the parent typed, kept as typed so a draft can be finished later. */
  form: string;
  child_full_name: string | null;
  child_birth_date: string | null;
  duplicate_key: string | null;
  primary_email: string | null;
  preferred_start_date: string | null;
  classroom_id: string | null;
  priority_score: number;
  priority_override: number | null;
  priority_override_reason: string | null;
  offer_expires_on: string | null;
  child_id: string | null;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationEventsTable {
  id: string;
  application_id: string;
  at: string;
  actor_id: string | null;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  note: string | null;
}

/** Every kind of stored file; an application asks for some of them (enrollment's DOCUMENT_KINDS). */
export const ALL_DOCUMENT_KINDS = [
  'birth_certificate',
  'family_card',
  'immunization_record',
  'social_assistance',
  'pickup_photo',
  'observation_photo',
  'day_photo',
  'message_attachment',
  'activity_photo',
  'staff_check_document',
  'center_document',
] as const;
export type DocumentKind = (typeof ALL_DOCUMENT_KINDS)[number];

export interface DocumentsTable {
  id: string;
  center_id: string;
  application_id: string | null;
  child_id: string | null;
  kind: DocumentKind;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  /** Name of the file under UPLOAD_DIR: random, never derived from what was uploaded. */
  storage_key: string;
  created_at: string;
}

export interface PickupPersonsTable {
  id: string;
  center_id: string;
  child_id: string;
  name: string;
  relationship: string;
  phone: string;
  id_number: string;
  photo_document_id: string | null;
  active: number;
  created_at: string;
}

export interface EmergencyContactsTable {
  id: string;
  center_id: string;
  child_id: string;
  position: number;
  name: string;
  relationship: string;
  phone: string;
}

export const ATTENDANCE_STATUSES = ['present', 'absent', 'checked_out'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export type AbsenceReason = 'sick' | 'family' | 'other' | 'unexplained';

export interface AttendanceTable {
  id: string;
  center_id: string;
  child_id: string;
  classroom_id: string | null;
  /** The child's day: a local date in the center's zone. */
  date: string;
  status: AttendanceStatus;
  check_in_at: string | null;
  check_in_by: string | null;
  brought_by: string | null;
  temperature_tenths: number | null;
  fever_confirmed: number;
  marks_note: string | null;
  mood: string | null;
  check_out_at: string | null;
  check_out_by: string | null;
  picked_up_by: string | null;
  pickup_person_id: string | null;
  absence_reason: AbsenceReason | null;
  absence_note: string | null;
  absence_reported_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PickupAttemptsTable {
  id: string;
  center_id: string;
  child_id: string;
  at: string;
  actor_id: string | null;
  person_name: string;
  outcome: 'refused' | 'allowed_once';
  reason: string | null;
}

export type DoorTapIntent = 'check-in' | 'check-out' | 'absent';
/** applied: it changed the child's day; duplicate: the day already had it (another tap said so first); refused: see error. */
export type DoorTapOutcome = 'applied' | 'duplicate' | 'refused';

export interface DoorTapsTable {
  client_id: string;
  center_id: string;
  child_id: string;
  actor_id: string;
  device: 'door' | 'kiosk';
  intent: DoorTapIntent;
  date: string;
  tapped_at: string;
  received_at: string;
  outcome: DoorTapOutcome;
  error: string | null;
  collector_name: string | null;
  absence_reason: AbsenceReason | null;
}

export interface StaffShiftsTable {
  id: string;
  center_id: string;
  classroom_id: string;
  user_id: string;
  date: string;
  clock_in_at: string;
  clock_out_at: string | null;
}

export interface FollowUpsTable {
  id: string;
  center_id: string;
  child_id: string;
  kind: 'absences';
  detail: string | null;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}

export interface MeasurementsTable {
  id: string;
  center_id: string;
  child_id: string;
  measured_on: string;
  weight_kg: number | null;
  length_cm: number | null;
  position: 'lying' | 'standing' | null;
  head_cm: number | null;
  muac_cm: number | null;
  note: string | null;
  recorded_by: string | null;
  created_at: string;
}

export type Domain = 'social_emotional' | 'language' | 'cognitive' | 'movement';
export type ObservationStatus = 'yes' | 'not_yet' | 'not_sure';

export interface MilestoneItemsTable {
  id: string;
  /** null for the shared catalog; a center's own items carry its id. */
  center_id: string | null;
  catalog_version: string | null;
  age_months: number;
  domain: Domain;
  text_id: string;
  text_en: string;
  source: string;
  created_at: string;
}

export interface MilestoneObservationsTable {
  id: string;
  center_id: string;
  child_id: string;
  item_id: string;
  status: ObservationStatus;
  observed_on: string;
  note: string | null;
  photo_document_id: string | null;
  recorded_by: string | null;
  created_at: string;
  /** 1 when the note is shared with the child's family; notes are for staff unless the teacher says so. */
  visible_to_family: number;
}

export interface KpspScreeningsTable {
  id: string;
  center_id: string;
  child_id: string;
  screened_on: string;
  age_point_months: number;
  yes_count: number;
  interpretation: 'appropriate' | 'doubtful' | 'deviation';
  follow_up_due: string | null;
  note: string | null;
  recorded_by: string | null;
  created_at: string;
}

/** Requests counted per key (e.g. 'apply:<address>') in the fixed window that started at window_start. */
export interface RateLimitsTable {
  key: string;
  window_start: string;
  hits: number;
}

/** When a scheduled job was last started by any server process (see modules/jobs). */
export interface ScheduledJobsTable {
  name: string;
  last_started_at: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** An email to send: rendered in the recipient's language when its cause happened, sent by a worker. */
export interface OutboxTable {
  id: string;
  center_id: string | null;
  /** A NOTIFICATION_KINDS value (app/modules/notifications). */
  kind: string;
  user_id: string | null;
  to_email: string;
  language: Language;
  subject: string;
  body: string;
  dedupe_key: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  email: number;
}

export interface LiveEventsTable {
  /** Sorts by time: an instant and a random tail. */
  id: string;
  topic: string;
  type: string;
  /** JSON */
  data: string;
  created_at: string;
}

export interface DayEntriesTable {
  id: string;
  center_id: string;
  child_id: string;
  /** The child's day, in the center's zone. */
  date: string;
  /** A DAY_ENTRY_KINDS value (app/modules/day). */
  kind: string;
  at: string;
  /** JSON, by kind (app/modules/day codecs). */
  data: string;
  photo_document_id: string | null;
  recorded_by: string | null;
  created_at: string;
}

export interface MedicineInstructionsTable {
  id: string;
  center_id: string;
  child_id: string;
  guardian_id: string;
  medicine: string;
  dose: string;
  instructions: string | null;
  starts_on: string;
  ends_on: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ConversationsTable {
  id: string;
  center_id: string;
  child_id: string;
  last_message_at: string | null;
  created_at: string;
}

export interface MessagesTable {
  id: string;
  center_id: string;
  conversation_id: string;
  author_id: string;
  body: string;
  attachment_document_id: string | null;
  created_at: string;
}

export interface ConversationReadsTable {
  conversation_id: string;
  user_id: string;
  last_read_at: string;
}

export interface AnnouncementsTable {
  id: string;
  center_id: string;
  /** Null: the whole center. */
  classroom_id: string | null;
  title: string;
  body: string;
  urgent: number;
  requires_ack: number;
  created_by: string;
  created_at: string;
}

export interface AnnouncementReceiptsTable {
  announcement_id: string;
  user_id: string;
  read_at: string | null;
  acknowledged_at: string | null;
  reminded_at: string | null;
}

// ————— Activity library (migration 0014) —————

export const ACTIVITY_GROUPINGS = ['individual', 'small_group', 'whole_group'] as const;
export type ActivityGrouping = (typeof ACTIVITY_GROUPINGS)[number];
export const ACTIVITY_SETTINGS = ['indoor', 'outdoor', 'both'] as const;
export type ActivitySetting = (typeof ACTIVITY_SETTINGS)[number];

/** A graduate-profile dimension (Profil Lulusan 2025): a configurable set, seeded by the migration. */
export interface ProfileDimensionsTable {
  id: string;
  framework: string;
  position: number;
  name_id: string;
  name_en: string;
  active: number;
  source: string;
  created_at: string;
}

export interface ActivitiesTable {
  id: string;
  /** null for the shared library (read-only for centers); a center's own activities carry its id. */
  center_id: string | null;
  /** The shared activity this one was copied from, to adapt it. */
  copied_from_id: string | null;
  min_age_months: number;
  max_age_months: number;
  duration_minutes: number;
  grouping: ActivityGrouping;
  setting: ActivitySetting;
  photo_document_id: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

/** An activity's words in one language ('id' or 'en'); the shared library has both. */
export interface ActivityTextsTable {
  activity_id: string;
  language: 'id' | 'en';
  title: string;
  goal: string;
  steps: string;
  materials: string;
  adaptations: string;
  safety_notes: string;
}

/** A fixed-set tag: a PAUD learning element or a Montessori area. */
export interface ActivityTagsTable {
  activity_id: string;
  kind: 'element' | 'montessori';
  code: string;
}

export interface ActivityProfileDimensionsTable {
  activity_id: string;
  dimension_id: string;
}

export interface ActivityMilestonesTable {
  activity_id: string;
  item_id: string;
}

export interface RoomTimeBlocksTable {
  id: string;
  center_id: string;
  classroom_id: string;
  name: string;
  /** The name trimmed and lower-cased: unique per room, so "Snack" and "snack " are one block. */
  name_key: string;
  position: number;
  created_at: string;
}

export interface WeeklyPlansTable {
  id: string;
  center_id: string;
  classroom_id: string;
  /** The week's Monday, a local date in the center's zone. */
  week_start: string;
  theme: string;
  published_at: string | null;
  published_by: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface WeeklyPlanCellsTable {
  plan_id: string;
  block_id: string;
  weekday: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  activity_id: string | null;
  /** Free text ('' for none): the whole cell, or a note beside the activity. */
  note: string;
  /** 1 when the children chose this activity ("dipilih anak"). */
  children_choice: number;
}

export interface PlanDeliveriesTable {
  id: string;
  center_id: string;
  plan_id: string;
  /** The plan cell delivered: its block and weekday (cells are replaced when a week is saved). */
  block_id: string;
  weekday: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  /** The activity that was in the cell when it was marked. */
  activity_id: string | null;
  status: 'done' | 'skipped';
  /** '' for none. */
  note: string;
  recorded_by: string;
  updated_at: string;
}

export const INCIDENT_KINDS = [
  'injury',
  'fall',
  'bite',
  'illness',
  'marks_at_arrival',
  'refused_pickup',
  'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export type IncidentSource = 'manual' | 'arrival_check' | 'refused_pickup';

export interface IncidentsTable {
  id: string;
  center_id: string;
  child_id: string;
  kind: IncidentKind;
  /** When it happened, and the child's day (local date in the center's zone). */
  occurred_at: string;
  date: string;
  location: string;
  description: string;
  people_present: string;
  first_aid: string;
  guardian_informed_at: string | null;
  guardian_informed_how: string | null;
  source: IncidentSource;
  /** The attendance row or pickup attempt it was started from. */
  source_id: string | null;
  recorded_by: string;
  signed_off_at: string | null;
  signed_off_by: string | null;
  guardian_comment: string | null;
  created_at: string;
  updated_at: string;
}

export const CONCERN_CATEGORIES = [
  'abuse_signs',
  'neglect_signs',
  'injury_at_arrival',
  'unexplained_absence',
  'hunger',
  'disclosure',
  'other',
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];
export const RISK_LEVELS = ['low', 'medium', 'high', 'urgent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const REFERRAL_SERVICES = [
  'dinas_sosial',
  'pksai',
  'social_worker',
  'puskesmas',
  'atensi',
  'uptd_ppa',
  'police',
  'other',
] as const;
export type ReferralService = (typeof REFERRAL_SERVICES)[number];

/** Restricted: the center's coordinators and the person who raised it, nobody else. */
export interface WelfareConcernsTable {
  id: string;
  center_id: string;
  child_id: string;
  category: ConcernCategory;
  description: string;
  /** A child's own disclosure, in the child's words. */
  child_words: string | null;
  source: 'manual' | 'arrival_check' | 'absence_follow_up' | 'incident';
  source_id: string | null;
  raised_by: string;
  raised_at: string;
  /** Null until the coordinator's first assessment. */
  risk_level: RiskLevel | null;
  status: 'open' | 'closed';
  /** Local date; overdue when before today and the concern is open. */
  follow_up_on: string | null;
  closed_at: string | null;
  closed_by: string | null;
  outcome: string | null;
  close_reason: string | null;
  updated_at: string;
}

export const CONCERN_ENTRY_KINDS = ['assessment', 'action', 'decision', 'note', 'closure', 'reopening'] as const;
export type ConcernEntryKind = (typeof CONCERN_ENTRY_KINDS)[number];

export interface ConcernEntriesTable {
  id: string;
  center_id: string;
  concern_id: string;
  kind: ConcernEntryKind;
  body: string;
  risk_level: RiskLevel | null;
  by: string;
  at: string;
}

export interface ConcernReferralsTable {
  id: string;
  center_id: string;
  concern_id: string;
  service: ReferralService;
  recipient: string;
  contact: string | null;
  shared_what: string;
  basis: string;
  shared_at: string;
  follow_up_on: string | null;
  follow_up_done_at: string | null;
  created_by: string;
  created_at: string;
}

export interface ConcernViewsTable {
  id: string;
  center_id: string;
  concern_id: string;
  user_id: string;
  at: string;
}

export const STAFF_CHECK_KINDS = [
  'police_clearance',
  'health_certificate',
  'child_protection_training',
  'first_aid_training',
  'ecce_training',
] as const;
export type StaffCheckKind = (typeof STAFF_CHECK_KINDS)[number];

export interface StaffChecksTable {
  id: string;
  center_id: string;
  user_id: string;
  kind: StaffCheckKind;
  reference: string | null;
  issued_on: string;
  /** Null for checks that do not lapse. */
  expires_on: string | null;
  document_id: string | null;
  recorded_by: string;
  created_at: string;
}

export interface CenterLicencesTable {
  id: string;
  center_id: string;
  kind: 'operating_licence' | 'accreditation';
  reference: string;
  issuer: string | null;
  grade: string | null;
  issued_on: string;
  expires_on: string | null;
  document_id: string | null;
  recorded_by: string;
  created_at: string;
}

export interface SelfAssessmentsTable {
  id: string;
  center_id: string;
  assessed_on: string;
  /** JSON: { [criterionKey]: { met: 0 | 1 | 2, note: string, documentIds: string[] } } */
  answers: string;
  /** 0–100, computed from the answers when saved. */
  score: number;
  assessed_by: string;
  created_at: string;
}

/** The children's own ideas and words about a delivered activity, as the teacher heard them. */
export interface PlanChildWordsTable {
  id: string;
  center_id: string;
  plan_id: string;
  block_id: string;
  weekday: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  text: string;
  recorded_by: string;
  created_at: string;
}

/** The children of the room an entry of words names (none: the group's). */
export interface PlanChildWordChildrenTable {
  word_id: string;
  child_id: string;
  center_id: string;
}

/** An activity of the library sent to a child's family to try at home (issue 12, suggestions). */
export interface HomeActivitiesTable {
  id: string;
  center_id: string;
  child_id: string;
  activity_id: string;
  /** The teacher's note to the family, shown as written ('' for none). */
  note: string;
  sent_by: string;
  /** The local date it was sent (one per child, activity and day). */
  sent_on: string;
  sent_at: string;
  /** When a guardian said "we tried it", and who; null until then. */
  tried_at: string | null;
  tried_by: string | null;
  /** The family's comment ('' for none). */
  tried_comment: string;
}

/** An operator's invitation to a regional role over a province or a city/regency in it (only the token's hash stored). */
export interface RegionalInvitesTable {
  id: string;
  token_hash: string;
  email: string;
  name: string;
  province: string;
  /** Null: the whole province. */
  city: string | null;
  /** Null when an operator invited (the CLI). */
  invited_by: string | null;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
  created_at: string;
}

/** A region a person oversees, read-only and de-identified; not a center membership. */
export interface RegionalRolesTable {
  id: string;
  user_id: string;
  province: string;
  city: string | null;
  invite_id: string | null;
  created_at: string;
  ended_at: string | null;
}

/** Kept by the regional-rollups job: a center's day, counted. */
export interface CenterDayFiguresTable {
  center_id: string;
  date: string;
  enrolled: number;
  expected: number;
  present: number;
  incidents: number;
  updated_at: string;
}

/** Kept by the regional-rollups job: a center's month ('YYYY-MM'), counted. */
export interface CenterMonthFiguresTable {
  center_id: string;
  month: string;
  enrolled: number;
  expected: number;
  present: number;
  incidents: number;
  measured: number;
  haz_n: number;
  stunted: number;
  whz_n: number;
  wasted: number;
  waz_n: number;
  underweight: number;
  milestone_covered: number;
  kpsp_covered: number;
  updated_at: string;
}

export interface RegionalRollupStateTable {
  name: string;
  watermark: string;
}

export interface DB {
  centers: CentersTable;
  classrooms: ClassroomsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  children: ChildrenTable;
  guardians: GuardiansTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  recovery_codes: RecoveryCodesTable;
  invites: InvitesTable;
  kiosk_devices: KioskDevicesTable;
  kiosk_pins: KioskPinsTable;
  password_resets: PasswordResetsTable;
  audit_log: AuditLogTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  documents: DocumentsTable;
  pickup_persons: PickupPersonsTable;
  emergency_contacts: EmergencyContactsTable;
  attendance: AttendanceTable;
  pickup_attempts: PickupAttemptsTable;
  door_taps: DoorTapsTable;
  staff_shifts: StaffShiftsTable;
  follow_ups: FollowUpsTable;
  measurements: MeasurementsTable;
  milestone_items: MilestoneItemsTable;
  milestone_observations: MilestoneObservationsTable;
  kpsp_screenings: KpspScreeningsTable;
  rate_limits: RateLimitsTable;
  scheduled_jobs: ScheduledJobsTable;
  outbox: OutboxTable;
  notification_preferences: NotificationPreferencesTable;
  live_events: LiveEventsTable;
  day_entries: DayEntriesTable;
  medicine_instructions: MedicineInstructionsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  conversation_reads: ConversationReadsTable;
  announcements: AnnouncementsTable;
  announcement_receipts: AnnouncementReceiptsTable;
  profile_dimensions: ProfileDimensionsTable;
  activities: ActivitiesTable;
  activity_texts: ActivityTextsTable;
  activity_tags: ActivityTagsTable;
  activity_profile_dimensions: ActivityProfileDimensionsTable;
  activity_milestones: ActivityMilestonesTable;
  room_time_blocks: RoomTimeBlocksTable;
  weekly_plans: WeeklyPlansTable;
  weekly_plan_cells: WeeklyPlanCellsTable;
  plan_deliveries: PlanDeliveriesTable;
  incidents: IncidentsTable;
  welfare_concerns: WelfareConcernsTable;
  concern_entries: ConcernEntriesTable;
  concern_referrals: ConcernReferralsTable;
  concern_views: ConcernViewsTable;
  staff_checks: StaffChecksTable;
  center_licences: CenterLicencesTable;
  self_assessments: SelfAssessmentsTable;
  plan_child_words: PlanChildWordsTable;
  plan_child_word_children: PlanChildWordChildrenTable;
  home_activities: HomeActivitiesTable;
  regional_invites: RegionalInvitesTable;
  regional_roles: RegionalRolesTable;
  center_day_figures: CenterDayFiguresTable;
  center_month_figures: CenterMonthFiguresTable;
  regional_rollup_state: RegionalRollupStateTable;
}

export type Center = Selectable<CentersTable>;
export type Classroom = Selectable<ClassroomsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
