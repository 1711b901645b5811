// A door tap with the id its device gave it when it was tapped: the idempotency key from the phone
// to the database. The door screen and the kiosk send every check-in, check-out and absence this
// way, at once when online and later from the device's queue when not (decision 0017). A tap seen
// before is answered from door_taps and changes nothing; a new one is applied at the time it was
// tapped, and kept whatever its outcome, so a tap that lost to another device's stays in history.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import type { AbsenceReason, DB, DoorTapOutcome, DoorTapsTable } from '~db/schema';
import { validateForm } from '../forms/parse.server';
import type { FieldErrors } from '../forms/fields';
import { localDate } from '../time/time';
import { DoorTapSchema } from './attendance';
import type { DayNow, InvalidTap, TapAnswer } from './door';
import { checkIn, checkOut, markAbsent, type HealthCheck } from './attendance.server';

/** Queued taps older than this are refused (tooOld): a device offline for two days sends nothing stale. */
export const TAP_MAX_AGE_HOURS = 48;

export type TapAction =
  | { intent: 'check-in'; health?: HealthCheck }
  | { intent: 'check-out'; collectorKey: string }
  | { intent: 'absent'; reason: AbsenceReason; note: string | null };

export type Tap = TapAction & {
  clientId: string;
  /** The device's clock when tapped; null for now. Never later than now. */
  tappedAt: string | null;
  device: DoorTapsTable['device'];
  centerId: string;
  childId: string;
  actorId: string;
};

/** The instant a tap is recorded at: the device's clock, not later than now; null when too old to apply. */
export function tapInstant(tappedAt: string | null, now: Date): Date | null {
  const at = tappedAt ? new Date(tappedAt) : now;
  if (Number.isNaN(at.getTime())) return null;
  if (at > now) return now;
  return now.getTime() - at.getTime() > TAP_MAX_AGE_HOURS * 3_600_000 ? null : at;
}

async function dayNow(db: Kysely<DB>, childId: string, date: string): Promise<DayNow | null> {
  const row = await db
    .selectFrom('attendance')
    .select(['status', 'check_in_at', 'check_out_at', 'picked_up_by', 'absence_reason'])
    .where('child_id', '=', childId)
    .where('date', '=', date)
    .executeTakeFirst();
  return row
    ? {
        status: row.status,
        checkInAt: row.check_in_at,
        checkOutAt: row.check_out_at,
        pickedUpBy: row.picked_up_by,
        absenceReason: row.absence_reason,
      }
    : null;
}

/** Who a check-out tap named, for the history ('guardian:<id>' or 'pickup:<id>' as the door lists them). */
async function collectorName(db: Kysely<DB>, childId: string, key: string) {
  const [kind, id] = key.split(':');
  if (!id) return null;
  const row =
    kind === 'guardian'
      ? await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst()
      : await db
          .selectFrom('pickup_persons')
          .select('name')
          .where('id', '=', id)
          .where('child_id', '=', childId)
          .executeTakeFirst();
  return row?.name ?? null;
}

export async function applyTap(tap: Tap, now = new Date()): Promise<TapAnswer> {
  const db = getDb();
  // The center's zone and the tap, if this id was seen before: one statement on every tap.
  const { time_zone, ...known } = await db
    .selectFrom('centers')
    .leftJoin('door_taps', (join) => join.on('door_taps.client_id', '=', tap.clientId))
    .select([
      'centers.time_zone',
      'door_taps.center_id',
      'door_taps.child_id',
      'door_taps.date',
      'door_taps.outcome',
      'door_taps.error',
    ])
    .where('centers.id', '=', tap.centerId)
    .executeTakeFirstOrThrow();
  // What the server holds for the day is for the device to explain a tap that did not simply count.
  const answer = async (fields: Omit<TapAnswer, 'clientId' | 'childId' | 'day'>, date: string) => ({
    clientId: tap.clientId,
    childId: tap.childId,
    ...fields,
    day: fields.outcome === 'applied' ? null : await dayNow(db, tap.childId, date),
  });
  if (known.outcome && known.date) {
    // An id is the device's own: the same id for another child or center is not a replay of it.
    if (known.center_id !== tap.centerId || known.child_id !== tap.childId)
      return refusedTap(tap.clientId, tap.childId, 'notFound');
    return answer({ outcome: known.outcome, error: known.error, replay: true, followUp: false }, known.date);
  }

  const at = tapInstant(tap.tappedAt, now);
  const date = localDate(time_zone, at ?? now);
  // The change and the tap's row are kept together: the id is seen exactly when the change is.
  const kept = await db.transaction().execute(async (trx) => {
    const base = { centerId: tap.centerId, childId: tap.childId, actorId: tap.actorId, db: trx };
    let result:
      { ok: true; already?: boolean; followUp?: boolean; collectorName?: string } | { ok: false; error: string };
    if (!at) result = { ok: false, error: 'tooOld' };
    else if (tap.intent === 'check-in') result = await checkIn({ ...base, health: tap.health, now: at });
    else if (tap.intent === 'check-out') result = await checkOut({ ...base, collectorKey: tap.collectorKey, now: at });
    else result = await markAbsent({ ...base, date, reason: tap.reason, note: tap.note, now: at });

    const outcome: DoorTapOutcome = !result.ok ? 'refused' : result.already ? 'duplicate' : 'applied';
    const error = result.ok ? null : result.error;
    // A child not of this center (a guessed or stale id) has no history to keep the tap in.
    if (error === 'notFound') return null;
    await trx
      .insertInto('door_taps')
      .values({
        client_id: tap.clientId,
        center_id: tap.centerId,
        child_id: tap.childId,
        actor_id: tap.actorId,
        device: tap.device,
        intent: tap.intent,
        date,
        tapped_at: (at ?? now).toISOString(),
        received_at: now.toISOString(),
        outcome,
        error,
        collector_name:
          tap.intent !== 'check-out'
            ? null
            : result.ok
              ? (result.collectorName ?? null)
              : await collectorName(trx, tap.childId, tap.collectorKey),
        absence_reason: tap.intent === 'absent' ? tap.reason : null,
      })
      // The same id sent twice at once: the first one's row stands (its change is keyed by the day).
      .onConflict((oc) => oc.column('client_id').doNothing())
      .execute();
    return { outcome, error, followUp: result.ok && Boolean(result.followUp) };
  });
  if (!kept) return refusedTap(tap.clientId, tap.childId, 'notFound');
  return answer({ ...kept, replay: false }, date);
}

type Who = Pick<Tap, 'centerId' | 'actorId' | 'device'>;

/** A check-in, check-out or absence as its form sent it (checked by DoorTapSchema), as a tap. */
export function tapOf(d: ReturnType<typeof DoorTapSchema.parse>, who: Who): Tap {
  const tap = { ...who, clientId: d.clientId ?? newId(), tappedAt: d.tappedAt ?? null, childId: d.childId };
  if (d.intent === 'check-in')
    return {
      ...tap,
      intent: d.intent,
      health: {
        temperatureTenths: d.temperature,
        marksNote: d.marks_note,
        mood: d.mood,
        broughtBy: d.brought_by,
        feverConfirmed: d.fever_confirmed,
      },
    };
  if (d.intent === 'check-out') return { ...tap, intent: d.intent, collectorKey: d.collector };
  return { ...tap, intent: d.intent, reason: d.reason, note: d.note };
}

/** The most taps one batch from a device's queue may carry (a morning's worth for a room). */
export const MAX_TAPS_PER_BATCH = 100;

/**
 * A batch of taps from a device's queue (JSON: an array of the fields each form would have sent),
 * each answered by `answer` in the order sent. Null when the batch itself is malformed.
 */
export async function applyTapBatch(
  json: unknown,
  answer: (fields: FormData) => Promise<TapAnswer | InvalidTap>,
): Promise<(TapAnswer | InvalidTap)[] | null> {
  let taps: unknown;
  try {
    taps = typeof json === 'string' ? JSON.parse(json) : null;
  } catch {
    return null;
  }
  if (!Array.isArray(taps) || taps.length === 0 || taps.length > MAX_TAPS_PER_BATCH) return null;
  if (!taps.every((fields) => typeof fields === 'object' && fields !== null)) return null;
  const answers: (TapAnswer | InvalidTap)[] = [];
  for (const fields of taps as object[]) {
    const formData = new FormData();
    for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') formData.set(key, value);
    answers.push(await answer(formData));
  }
  return answers;
}

/** A tap whose fields do not pass its schema, answered with the form's errors. */
export function invalidTap(formData: FormData, errors: FieldErrors): InvalidTap {
  const id = (key: string) => {
    const v = formData.get(key);
    return typeof v === 'string' ? v : null;
  };
  return { clientId: id('clientId'), childId: id('childId'), outcome: 'invalid', errors };
}

/** A staff member's door tap (check-in, check-out, absence) as its form sent it. */
export async function answerDoorTap(formData: FormData, who: Pick<Tap, 'centerId' | 'actorId'>) {
  const parsed = validateForm(formData, DoorTapSchema);
  return parsed.ok ? applyTap(tapOf(parsed.data, { ...who, device: 'door' })) : invalidTap(formData, parsed.errors);
}

/** A tap refused before it reached a child's day (kept nowhere: there is no day it belongs to). */
export const refusedTap = (clientId: string, childId: string, error: string): TapAnswer => ({
  clientId,
  childId,
  outcome: 'refused',
  error,
  replay: false,
  followUp: false,
  day: null,
});

/** The door's taps for a child's day, oldest first: the history a correction page shows. */
export async function tapsOfDay({ centerId, childId, date }: { centerId: string; childId: string; date: string }) {
  return getDb()
    .selectFrom('door_taps')
    .innerJoin('users', 'users.id', 'door_taps.actor_id')
    .select([
      'door_taps.client_id as clientId',
      'door_taps.intent',
      'door_taps.device',
      'door_taps.tapped_at as tappedAt',
      'door_taps.received_at as receivedAt',
      'door_taps.outcome',
      'door_taps.error',
      'door_taps.collector_name as collectorName',
      'door_taps.absence_reason as absenceReason',
      'users.name as actorName',
    ])
    .where('door_taps.center_id', '=', centerId)
    .where('door_taps.child_id', '=', childId)
    .where('door_taps.date', '=', date)
    .orderBy('door_taps.tapped_at')
    .execute();
}
