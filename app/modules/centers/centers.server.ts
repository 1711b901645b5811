import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import type { DB } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import type { RatioRule } from '../attendance/rules';
import { openingHoursColumn, ratioRulesColumn } from '../json-columns';
import type { CenterSettings } from './centers';

export async function listCenters() {
  return getDb().selectFrom('centers').select(['id', 'name', 'kind', 'city']).orderBy('name').execute();
}

/** Is this classroom one of the center's? The guard inside a write's transaction. */
export async function classroomOfCenter(
  db: Kysely<DB>,
  { centerId, classroomId }: { centerId: string; classroomId: string },
) {
  return (
    (await db
      .selectFrom('classrooms')
      .select('id')
      .where('id', '=', classroomId)
      .where('center_id', '=', centerId)
      .executeTakeFirst()) !== undefined
  );
}

export async function listClassrooms(centerId: string) {
  const db = getDb();
  const rows = await db
    .selectFrom('classrooms')
    .leftJoin('children', (join) =>
      join.onRef('children.classroom_id', '=', 'classrooms.id').on('children.status', '=', 'enrolled'),
    )
    .select((eb) => [
      'classrooms.id',
      'classrooms.name',
      'classrooms.min_age_months',
      'classrooms.max_age_months',
      'classrooms.capacity',
      eb.fn.count<string | number>('children.id').as('enrolled'),
    ])
    .where('classrooms.center_id', '=', centerId)
    .groupBy([
      'classrooms.id',
      'classrooms.name',
      'classrooms.min_age_months',
      'classrooms.max_age_months',
      'classrooms.capacity',
    ])
    .orderBy('classrooms.min_age_months')
    .execute();
  return rows.map((r) => ({ ...r, enrolled: Number(r.enrolled) }));
}

export async function updateCenterSettings({
  centerId,
  actorId,
  settings,
}: {
  centerId: string;
  actorId: string;
  settings: CenterSettings;
}) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('centers')
        .select([
          'name',
          'address',
          'province',
          'city',
          'time_zone',
          'opening_hours',
          'capacity',
          'contact_phone',
          'contact_email',
          'require_two_factor',
          'lactation_room',
        ])
        .where('id', '=', centerId)
        .executeTakeFirstOrThrow();
      const after = {
        name: settings.name,
        address: settings.address,
        province: settings.province,
        city: settings.city,
        time_zone: settings.time_zone,
        opening_hours: openingHoursColumn.stringify(settings.opening_hours),
        capacity: settings.capacity,
        contact_phone: settings.contact_phone,
        contact_email: settings.contact_email,
        require_two_factor: settings.require_two_factor ? 1 : 0,
        lactation_room: settings.lactation_room ? 1 : 0,
      };
      await trx
        .updateTable('centers')
        .set({ ...after, updated_at: nowIso() })
        .where('id', '=', centerId)
        .execute();
      await recordChange(trx, { actorId, centerId, entity: 'center', entityId: centerId, before, after });
    });
}

export async function saveClassroom({
  centerId,
  actorId,
  classroom,
}: {
  centerId: string;
  actorId: string;
  classroom: { classroomId?: string; name: string; min_age_months: number; max_age_months: number; capacity: number };
}) {
  const { classroomId, ...fields } = classroom;
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const now = nowIso();
      if (!classroomId) {
        const row = { id: newId(), center_id: centerId, ...fields, created_at: now, updated_at: now };
        await trx.insertInto('classrooms').values(row).execute();
        await recordChange(trx, { actorId, centerId, entity: 'classroom', entityId: row.id, after: row });
        return true;
      }
      const before = await trx
        .selectFrom('classrooms')
        .select(['name', 'min_age_months', 'max_age_months', 'capacity'])
        .where('id', '=', classroomId)
        .where('center_id', '=', centerId)
        .executeTakeFirst();
      if (!before) return false;
      await trx
        .updateTable('classrooms')
        .set({ ...fields, updated_at: now })
        .where('id', '=', classroomId)
        .execute();
      await recordChange(trx, { actorId, centerId, entity: 'classroom', entityId: classroomId, before, after: fields });
      return true;
    });
}

export async function confirmRatioRules({
  centerId,
  actorId,
  rules,
}: {
  centerId: string;
  actorId: string;
  rules: RatioRule[];
}) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('centers')
        .select(['ratio_rules', 'ratio_confirmed_at'])
        .where('id', '=', centerId)
        .executeTakeFirstOrThrow();
      const after = { ratio_rules: ratioRulesColumn.stringify(rules), ratio_confirmed_at: nowIso() };
      await trx.updateTable('centers').set(after).where('id', '=', centerId).execute();
      await recordChange(trx, { actorId, centerId, entity: 'center', entityId: centerId, before, after });
    });
}

/** Sets (or clears) the center's quiet hours for staff notices. */
export async function setQuietHours({
  centerId,
  actorId,
  quietHours,
}: {
  centerId: string;
  actorId: string;
  quietHours: { start: string | null; end: string | null };
}) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('centers')
        .select(['quiet_hours_start', 'quiet_hours_end'])
        .where('id', '=', centerId)
        .executeTakeFirstOrThrow();
      const after = { quiet_hours_start: quietHours.start, quiet_hours_end: quietHours.end };
      await trx
        .updateTable('centers')
        .set({ ...after, updated_at: nowIso() })
        .where('id', '=', centerId)
        .execute();
      await recordChange(trx, { actorId, centerId, entity: 'center', entityId: centerId, before, after });
    });
}
