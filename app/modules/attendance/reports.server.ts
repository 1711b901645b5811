import type { CenterConfig } from '../centers/context.server';
import { listClassrooms } from '../centers/centers.server';
import { localDate } from '../time/time';

/** The month (default: this month in the center's zone) and classroom a monthly report asks for; an unknown room is ignored. */
export async function monthlyParams(request: Request, center: CenterConfig) {
  const url = new URL(request.url);
  const classrooms = await listClassrooms(center.id);
  const askedMonth = url.searchParams.get('month') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(askedMonth) ? askedMonth : localDate(center.timeZone).slice(0, 7);
  const classroomId = classrooms.find((c) => c.id === url.searchParams.get('room'))?.id;
  return { month, classroomId, classrooms: classrooms.map((c) => ({ id: c.id, name: c.name })) };
}
