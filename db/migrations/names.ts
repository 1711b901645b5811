// The migrations' names in order, without their code: what the server reads to tell whether the
// database is up to date (the server bundle carries no migrations). Append each new migration's
// name here as well as to index.ts; a unit test checks that the two lists agree.
export const MIGRATION_NAMES: readonly string[] = [
  '0001-foundation',
  '0002-enrollment',
  '0003-attendance',
  '0004-growth',
  '0005-development',
  '0006-observation-photos',
  '0007-totp-last-step',
  '0008-trust',
  '0009-public-form-limits',
  '0010-center-filter',
  '0011-audit-child',
  '0012-parents-day',
  '0013-lactation-room',
  '0014-activities',
  '0015-weekly-plans',
  '0016-plan-delivery',
  '0017-plan-participation',
  '0018-home-activities',
  '0019-incidents',
  '0020-welfare-concerns',
  '0021-safe-staff',
  '0022-regional',
  '0023-door-taps',
];
