import { listClassrooms } from '../centers/centers.server';
import { localDate } from '../time/time';
import { centerSettings } from './board.server';

/** The month (default: this month in the center's zone) and classroom a monthly report asks for. */
export async function monthlyParams(request: Request, centerId: string) {
  const url = new URL(request.url);
  const [classrooms, settings] = await Promise.all([listClassrooms(centerId), centerSettings(centerId)]);
  const askedMonth = url.searchParams.get('month') ?? '';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(askedMonth) ? askedMonth : localDate(settings.zone).slice(0, 7);
  const classroomId = classrooms.find((c) => c.id === url.searchParams.get('room'))?.id;
  return { month, classroomId, classrooms: classrooms.map((c) => ({ id: c.id, name: c.name })) };
}
