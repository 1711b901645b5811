// Migrations are listed here rather than read from the folder, so the CLI, the tests and a
// bundled server all see the same ordered set. Append-only: never edit a released one.
// Add each new name to names.ts too (what the server checks against; a unit test compares them).
import type { Migration } from 'kysely';
import * as foundation from './0001-foundation';
import * as enrollment from './0002-enrollment';
import * as attendance from './0003-attendance';
import * as growth from './0004-growth';
import * as development from './0005-development';
import * as observationPhotos from './0006-observation-photos';
import * as totpLastStep from './0007-totp-last-step';
import * as trust from './0008-trust';
import * as publicFormLimits from './0009-public-form-limits';
import * as centerFilter from './0010-center-filter';
import * as auditChild from './0011-audit-child';
import * as parentsDay from './0012-parents-day';
import * as lactationRoom from './0013-lactation-room';
import * as activities from './0014-activities';
import * as weeklyPlans from './0015-weekly-plans';
import * as planDelivery from './0016-plan-delivery';
import * as planParticipation from './0017-plan-participation';
import * as homeActivities from './0018-home-activities';
import * as incidents from './0019-incidents';
import * as welfareConcerns from './0020-welfare-concerns';
import * as safeStaff from './0021-safe-staff';
import * as regional from './0022-regional';
import * as doorTaps from './0023-door-taps';

export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-enrollment': enrollment,
  '0003-attendance': attendance,
  '0004-growth': growth,
  '0005-development': development,
  '0006-observation-photos': observationPhotos,
  '0007-totp-last-step': totpLastStep,
  '0008-trust': trust,
  '0009-public-form-limits': publicFormLimits,
  '0010-center-filter': centerFilter,
  '0011-audit-child': auditChild,
  '0012-parents-day': parentsDay,
  '0013-lactation-room': lactationRoom,
  '0014-activities': activities,
  '0015-weekly-plans': weeklyPlans,
  '0016-plan-delivery': planDelivery,
  '0017-plan-participation': planParticipation,
  '0018-home-activities': homeActivities,
  '0019-incidents': incidents,
  '0020-welfare-concerns': welfareConcerns,
  '0021-safe-staff': safeStaff,
  '0022-regional': regional,
  '0023-door-taps': doorTaps,
};
