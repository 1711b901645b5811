import { DateTime } from 'luxon';

// Every "day" in Asuh is a local date in the center's zone, never the server's.
export const CENTER_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type CenterTimeZone = (typeof CENTER_TIME_ZONES)[number];

/** The local date ('YYYY-MM-DD') of an instant in a center's zone. */
export function localDate(zone: string, at: Date | string = new Date()): string {
  const format = typeof at === 'string' || Number.isNaN(at.getTime()) ? undefined : dayFormat(zone);
  if (!format)
    return (typeof at === 'string' ? DateTime.fromISO(at, { zone: 'utc' }) : DateTime.fromJSDate(at))
      .setZone(zone)
      .toISODate()!;
  const parts = format.formatToParts(at as Date);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The instant (UTC ISO) a local date ends in a center's zone. */
export function dayEnd(zone: string, date: string): string {
  return DateTime.fromISO(date, { zone }).plus({ days: 1 }).toUTC().toISO()!;
}

// Every request asks for its center's today: one formatter per zone, made once (luxon makes one a call).
const dayFormats = new Map<string, Intl.DateTimeFormat | undefined>();
function dayFormat(zone: string) {
  if (!dayFormats.has(zone)) {
    let format: Intl.DateTimeFormat | undefined;
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      format = undefined; // not a zone Intl knows: luxon's answer, as before
    }
    dayFormats.set(zone, format);
  }
  return dayFormats.get(zone);
}

/** Whole months between a birth date and a local date, as a paediatrician counts them. */
export function ageInMonths(birthDate: string, onDate: string): number {
  const [y1, m1, d1] = birthDate.split('-').map(Number);
  const [y2, m2, d2] = onDate.split('-').map(Number);
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type OpeningHours = Record<Weekday, [string, string] | null>;

/** The weekday of a local date ('YYYY-MM-DD'). */
export const weekdayOf = (date: string): Weekday => WEEKDAYS[DateTime.fromISO(date).weekday - 1];

/** The UTC instant of a local date and time of day in a center's zone (a time typed for that day). */
export const localTimeToUtc = (date: string, time: string, zone: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone }).toUTC().toISO()!;
