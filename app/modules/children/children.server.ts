import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import type { DB } from '~db/schema';

/** The children enrolled in a classroom of the center, by name; the caller selects the columns it needs. */
export const enrolledInClassroom = (
  db: Kysely<DB>,
  { centerId, classroomId }: { centerId: string; classroomId: string },
) =>
  db
    .selectFrom('children')
    .where('center_id', '=', centerId)
    .where('classroom_id', '=', classroomId)
    .where('status', '=', 'enrolled')
    .orderBy('full_name');

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
      'children.center_id',
      'centers.name as centerName',
      'centers.time_zone',
      'classrooms.name as classroomName',
      'guardians.relationship',
    ])
    .where('guardians.user_id', '=', userId)
    .orderBy('children.birth_date')
    .execute();
}
