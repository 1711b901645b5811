import { getDb } from '~db/client.server';

/** Enrolled children of a center with their classroom, for rosters and staff home pages. */
export async function listEnrolledChildren(centerId: string) {
  return getDb()
    .selectFrom('children')
    .select(['id', 'full_name', 'nickname', 'birth_date', 'sex', 'classroom_id'])
    .where('center_id', '=', centerId)
    .where('status', '=', 'enrolled')
    .orderBy('full_name')
    .execute();
}

/** The children a guardian is linked to — the only children a parent ever sees. */
export async function listGuardianChildren(userId: string) {
  return getDb()
    .selectFrom('guardians')
    .innerJoin('children', 'children.id', 'guardians.child_id')
    .innerJoin('centers', 'centers.id', 'children.center_id')
    .leftJoin('classrooms', 'classrooms.id', 'children.classroom_id')
    .select([
      'children.id',
      'children.full_name',
      'children.nickname',
      'children.birth_date',
      'children.status',
      'centers.name as centerName',
      'centers.time_zone',
      'classrooms.name as classroomName',
      'guardians.relationship',
    ])
    .where('guardians.user_id', '=', userId)
    .orderBy('children.birth_date')
    .execute();
}

export async function childName(childId: string) {
  const row = await getDb().selectFrom('children').select('full_name').where('id', '=', childId).executeTakeFirstOrThrow();
  return row.full_name;
}

/** Each child's attendance on their own center's today, for the family page. */
export async function todayAttendance(children: { id: string; today: string }[]) {
  if (children.length === 0) return [];
  return getDb()
    .selectFrom('attendance')
    .select(['child_id', 'date', 'status', 'check_in_at', 'check_out_at', 'picked_up_by', 'absence_reason'])
    .where('child_id', 'in', children.map((c) => c.id))
    .where('date', 'in', [...new Set(children.map((c) => c.today))])
    .execute()
    .then((rows) => rows.filter((r) => children.some((c) => c.id === r.child_id && c.today === r.date)));
}
