// What the door screen needs in the browser: its statuses, groups and lists, and reading a typed
// temperature. No zod here: the door's bundle stays small (the forms' schemas are in attendance.ts).
import { ATTENDANCE_STATUSES, type DoorTapOutcome } from '~db/schema';
import type { FieldErrors } from '../forms/fields';

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
  /** Kept on the device: it is sent when the network returns. */
  queued?: boolean;
};

/** A temperature as people type it ('37,8' or '37.8') in tenths of a degree; NaN when not a body temperature. */
export function temperatureTenths(typed: string): number {
  const n = Number(typed.trim().replace(',', '.'));
  return Number.isFinite(n) && n >= 34 && n <= 43 ? Math.round(n * 10) : NaN;
}

/** What the server holds for a child's day after a tap: what the device shows from then on. */
export type DayNow = {
  status: string;
  checkInAt: string | null;
  checkOutAt: string | null;
  pickedUpBy: string | null;
  absenceReason: string | null;
};

/** The server's answer to one tap (app/modules/attendance/taps.server.ts). */
export type TapAnswer = {
  clientId: string;
  childId: string;
  outcome: DoorTapOutcome;
  /** Why it was refused: an error code of the attendance module, or tooOld. */
  error: string | null;
  /** The tap was known already: nothing changed this time. */
  replay: boolean;
  /** A third unexplained absence opened a follow-up. */
  followUp: boolean;
  day: DayNow | null;
};
/** A tap whose fields the server could not accept (as a form's errors). */
export type InvalidTap = { clientId: string | null; childId: string | null; outcome: 'invalid'; errors: FieldErrors };

/** The door's taps that wait on the device when offline, and what each makes of the child's day. */
export const TAP_INTENTS = ['check-in', 'check-out', 'absent'] as const;
const STATUS_AFTER: Record<string, DoorStatus> = {
  'check-in': 'present',
  'check-out': 'checked_out',
  absent: 'absent',
};

/**
 * The board as this device knows it: the server's statuses, then its taps still waiting to be sent
 * (oldest first). A child a waiting tap changed carries `waiting` with the time it was tapped.
 */
export function withWaitingTaps<C extends { id: string; status: DoorStatus }>(
  children: C[],
  taps: { fields: Record<string, string>; tappedAt: string }[],
): (C & { waiting: { at: string } | null })[] {
  return children.map((child) => {
    let status = child.status;
    let at: string | null = null;
    for (const tap of taps) {
      const after = STATUS_AFTER[tap.fields.intent];
      if (tap.fields.childId !== child.id || !after) continue;
      status = after;
      at = tap.tappedAt;
    }
    return { ...child, status, waiting: at ? { at } : null };
  });
}
