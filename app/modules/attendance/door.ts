// What the door screen needs in the browser: its statuses, groups and lists, and reading a typed
// temperature. No zod here: the door's bundle stays small (the forms' schemas are in attendance.ts).
import { ATTENDANCE_STATUSES } from '~db/schema';

export const MOODS = ['happy', 'calm', 'tired', 'sad', 'unwell'] as const;
export const ABSENCE_REASONS = ['sick', 'family', 'other', 'unexplained'] as const;
export const PARENT_ABSENCE_REASONS = ['sick', 'family', 'other'] as const;
/** What the door shows for a child today: the day's attendance status, or expected / not scheduled without one. */
export const DOOR_STATUSES = [...ATTENDANCE_STATUSES, 'expected', 'unscheduled'] as const;
export type DoorStatus = (typeof DOOR_STATUSES)[number];

/**
 * The door's order: who is still expected (the next taps), who is here, then the rest folded away
 * with their counts (collected, absent, not scheduled today) — a child may still come on any day.
 */
export const DOOR_GROUPS = [
  { key: 'waiting', statuses: ['expected'], folded: false },
  { key: 'here', statuses: ['present'], folded: false },
  { key: 'gone', statuses: ['checked_out'], folded: true },
  { key: 'absent', statuses: ['absent'], folded: true },
  { key: 'unscheduled', statuses: ['unscheduled'], folded: true },
] as const;

/** The door's answer to a tap that landed: which child, and what the card should say about it. */
export type DoorDone = {
  ok: true;
  childId: string | null;
  /** The tap had already landed (a double tap or a retry). */
  already?: boolean;
  refusedPickup?: string;
  /** The refused attempt just recorded (an incident can start from it). */
  refusedPickupId?: string;
  followUp?: boolean;
};

/** A temperature as people type it ('37,8' or '37.8') in tenths of a degree; NaN when not a body temperature. */
export function temperatureTenths(typed: string): number {
  const n = Number(typed.trim().replace(',', '.'));
  return Number.isFinite(n) && n >= 34 && n <= 43 ? Math.round(n * 10) : NaN;
}
