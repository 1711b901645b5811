import { DateTime } from 'luxon';
import { getDb } from '~db/client.server';
import type { CenterConfig } from '../centers/context.server';
import { localDate } from '../time/time';
import { capacityForecast } from './rules';

/** Places per classroom for the next 12 months, from the first of this month in the center's zone. */
export async function capacityByClassroom({ center }: { center: CenterConfig }) {
  const db = getDb();
  const centerId = center.id;
  const first = DateTime.fromISO(localDate(center.timeZone)).startOf('month');
  const months = Array.from({ length: 12 }, (_, i) => first.plus({ months: i }).toISODate()!);
  const [classrooms, children, incoming] = await Promise.all([
    db
      .selectFrom('classrooms')
      .select(['id', 'name', 'min_age_months', 'max_age_months', 'capacity'])
      .where('center_id', '=', centerId)
      .orderBy('min_age_months')
      .execute(),
    db
      .selectFrom('children')
      .select(['classroom_id', 'birth_date'])
      .where('center_id', '=', centerId)
      .where('status', '=', 'enrolled')
      .execute(),
    db
      .selectFrom('applications')
      .select(['classroom_id', 'child_birth_date', 'preferred_start_date'])
      .where('center_id', '=', centerId)
      .where('status', 'in', ['offered', 'accepted'])
      .execute(),
  ]);
  return {
    months,
    classrooms: classrooms.map((c) => ({
      ...c,
      forecast: capacityForecast({
        classroom: c,
        children: children.filter((k) => k.classroom_id === c.id).map((k) => ({ birthDate: k.birth_date })),
        incoming: incoming
          .filter((a) => a.classroom_id === c.id)
          .map((a) => ({ birthDate: a.child_birth_date!, startDate: a.preferred_start_date! })),
        monthStarts: months,
      }),
    })),
  };
}
