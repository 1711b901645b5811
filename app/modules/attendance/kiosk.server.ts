// Kiosk mode: a tablet at the door that a coordinator paired with the center. The device holds
// its own token (in its own cookie) and can open the kiosk screen and nothing else. A guardian
// types the phone number and PIN they set for this center; one row holds both, so the PIN that
// is checked and the person who acts are always the same. Then a short-lived ticket, bound to the
// person, the center and this device, lets them check their own children in or out.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createCookie } from '@remix-run/node';
import { getDb } from '~db/client.server';
import { newId, nowIso } from '~db/ids';
import { recordChange } from '../audit/audit.server';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password.server';
import { sessionSecret } from '../auth/session.server';
import { accountKey, addressKey, reserveAttempt, succeeded, throttled, type Throttled } from '../auth/throttle.server';
import { hashToken, newToken } from '../auth/tokens.server';
import { validateForm } from '../forms/parse.server';
import { hitRateLimit } from '../limits/rate-limit.server';
import { KioskActSchema } from './attendance';
import { applyTap, invalidTap, refusedTap, tapInstant } from './taps.server';

const TICKET_SECONDS = 120;
const PAIRING_MINUTES = 15;
const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
// Writing last_seen_at on every request would turn every read into a write; once a minute is enough.
const TOUCH_AFTER_MS = 60_000;

let cookie: ReturnType<typeof createCookie> | undefined;
/** The paired device's token. server.js keeps any browser holding this cookie on /kiosk. */
export function kioskCookie() {
  cookie ??= createCookie('asuh_kiosk', {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production' && process.env.COOKIE_SECURE !== 'false',
    path: '/',
    secrets: [sessionSecret()],
    maxAge: 60 * 60 * 24 * 400,
  });
  return cookie;
}

const normalizeCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** A coordinator starts pairing a tablet: a named device and a one-time code to type on it (valid 15 minutes). */
export async function startPairing({
  centerId,
  name,
  actorId,
  now = new Date(),
}: {
  centerId: string;
  name: string;
  actorId: string;
  now?: Date;
}) {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const code = [...bytes].map((b) => PAIRING_ALPHABET[b % PAIRING_ALPHABET.length]).join('');
  const device = {
    id: newId(),
    center_id: centerId,
    name,
    pairing_code_hash: hashToken(code),
    pairing_expires_at: new Date(now.getTime() + PAIRING_MINUTES * 60_000).toISOString(),
    token_hash: null,
    created_by: actorId,
    created_at: now.toISOString(),
    paired_at: null,
    last_seen_at: null,
    revoked_at: null,
  };
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('kiosk_devices').values(device).execute();
      await recordChange(trx, { actorId, centerId, entity: 'kiosk_device', entityId: device.id, after: device });
    });
  return { deviceId: device.id, code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: device.pairing_expires_at };
}

export type PairResult = { ok: true; token: string } | { ok: false; error: 'pairingInvalid' } | Throttled;

/** The tablet types the code: it becomes the center's kiosk and receives its device token (once). */
export async function pairDevice({
  code,
  ip,
  now = new Date(),
}: {
  code: string;
  ip: string;
  now?: Date;
}): Promise<PairResult> {
  const keys = [addressKey(`kiosk-pairing:${ip}`)];
  const verdict = await reserveAttempt(keys, now);
  if (!verdict.allowed) return throttled(verdict);
  const token = newToken(32);
  const paired = await getDb()
    .transaction()
    .execute(async (trx) => {
      const device = await trx
        .selectFrom('kiosk_devices')
        .select(['id', 'center_id', 'created_by'])
        .where('pairing_code_hash', '=', hashToken(normalizeCode(code)))
        .where('pairing_expires_at', '>', now.toISOString())
        .where('token_hash', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!device) return false;
      const after = {
        token_hash: hashToken(token),
        pairing_code_hash: null,
        pairing_expires_at: null,
        paired_at: now.toISOString(),
      };
      const claimed = await trx
        .updateTable('kiosk_devices')
        .set(after)
        .where('id', '=', device.id)
        .where('token_hash', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      await recordChange(trx, {
        actorId: device.created_by,
        centerId: device.center_id,
        entity: 'kiosk_device',
        entityId: device.id,
        before: { paired_at: null },
        after: { paired_at: after.paired_at },
      });
      return true;
    });
  if (!paired) return { ok: false, error: 'pairingInvalid' };
  await succeeded(keys);
  return { ok: true, token };
}

/** The paired, unrevoked device behind a kiosk cookie, or null. */
export async function kioskDeviceFor(request: Request, now = new Date()) {
  const token = await kioskCookie().parse(request.headers.get('Cookie'));
  if (typeof token !== 'string') return null;
  const db = getDb();
  const device = await db
    .selectFrom('kiosk_devices')
    .innerJoin('centers', 'centers.id', 'kiosk_devices.center_id')
    .select([
      'kiosk_devices.id',
      'kiosk_devices.center_id as centerId',
      'kiosk_devices.name',
      'kiosk_devices.last_seen_at',
      'centers.name as centerName',
      'centers.time_zone as timeZone',
    ])
    .where('kiosk_devices.token_hash', '=', hashToken(token))
    .where('kiosk_devices.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!device) return null;
  if (!device.last_seen_at || now.getTime() - Date.parse(device.last_seen_at) > TOUCH_AFTER_MS) {
    await db
      .updateTable('kiosk_devices')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', device.id)
      .execute();
  }
  return device;
}

export type KioskDevice = NonNullable<Awaited<ReturnType<typeof kioskDeviceFor>>>;

export async function listKioskDevices(centerId: string) {
  return getDb()
    .selectFrom('kiosk_devices')
    .select(['id', 'name', 'paired_at', 'pairing_expires_at', 'last_seen_at', 'created_at'])
    .where('center_id', '=', centerId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/** The device stops being a kiosk at once (its next request shows the pairing screen). */
export async function revokeKioskDevice({
  centerId,
  deviceId,
  actorId,
}: {
  centerId: string;
  deviceId: string;
  actorId: string;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const at = nowIso();
      const result = await trx
        .updateTable('kiosk_devices')
        .set({ revoked_at: at })
        .where('id', '=', deviceId)
        .where('center_id', '=', centerId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'kiosk_device',
        entityId: deviceId,
        before: { revoked_at: null },
        after: { revoked_at: at },
      });
      return true;
    });
}

/** The centers where a guardian has enrolled children, with the kiosk phone they set there (if any). */
export async function kioskPinsOf(userId: string) {
  const db = getDb();
  const [centers, pins] = await Promise.all([
    db
      .selectFrom('guardians')
      .innerJoin('children', 'children.id', 'guardians.child_id')
      .innerJoin('centers', 'centers.id', 'children.center_id')
      .select(['centers.id', 'centers.name'])
      .distinct()
      .where('guardians.user_id', '=', userId)
      .where('children.status', '=', 'enrolled')
      .orderBy('centers.name')
      .execute(),
    db.selectFrom('kiosk_pins').select(['center_id', 'phone']).where('user_id', '=', userId).execute(),
  ]);
  return centers.map((c) => ({
    centerId: c.id,
    centerName: c.name,
    phone: pins.find((p) => p.center_id === c.id)?.phone ?? null,
  }));
}

export const SET_PIN_ERRORS = ['notFound', 'kioskPhoneTaken', 'tooManyPinChanges'] as const;
export type SetPinResult = { ok: true } | { ok: false; error: (typeof SET_PIN_ERRORS)[number] };

/** A refused phone tells that another guardian uses it: a guardian may try only a few an hour. */
const PIN_CHANGES = { limit: 10, windowSeconds: 3600 };

/**
 * A guardian sets the phone (E.164) and PIN they will type at this center's kiosk. The phone is
 * unique among the center's guardians (a unique index makes two people racing for it land once).
 */
export async function setKioskPin({
  userId,
  centerId,
  phone,
  pin,
}: {
  userId: string;
  centerId: string;
  phone: string;
  pin: string;
}): Promise<SetPinResult> {
  if (!(await hitRateLimit(`kiosk-pin-change:${userId}`, PIN_CHANGES)).allowed)
    return { ok: false, error: 'tooManyPinChanges' };
  const pinHash = await hashPassword(pin);
  return getDb()
    .transaction()
    .execute(async (trx): Promise<SetPinResult> => {
      const linked = await trx
        .selectFrom('guardians')
        .innerJoin('children', 'children.id', 'guardians.child_id')
        .select('guardians.id')
        .where('guardians.user_id', '=', userId)
        .where('children.center_id', '=', centerId)
        .executeTakeFirst();
      if (!linked) return { ok: false, error: 'notFound' };
      const taken = await trx
        .selectFrom('kiosk_pins')
        .select('user_id')
        .where('center_id', '=', centerId)
        .where('phone', '=', phone)
        .where('user_id', '!=', userId)
        .executeTakeFirst();
      if (taken) return { ok: false, error: 'kioskPhoneTaken' };
      const now = nowIso();
      const before = await trx
        .selectFrom('kiosk_pins')
        .select(['id', 'phone', 'pin_hash'])
        .where('center_id', '=', centerId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const row = {
        id: before?.id ?? newId(),
        center_id: centerId,
        user_id: userId,
        phone,
        pin_hash: pinHash,
        created_at: now,
        updated_at: now,
      };
      await trx
        .insertInto('kiosk_pins')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['center_id', 'user_id']).doUpdateSet({ phone, pin_hash: pinHash, updated_at: now }),
        )
        .execute();
      await recordChange(trx, {
        actorId: userId,
        centerId,
        entity: 'kiosk_pin',
        entityId: row.id,
        before: before ?? null,
        after: { phone, pin_hash: pinHash },
      });
      return { ok: true };
    })
    .catch((error: unknown) => {
      // Another guardian took the same phone in the same moment: the unique index refused this one.
      if (/unique|duplicate/i.test(String((error as Error).message)))
        return { ok: false, error: 'kioskPhoneTaken' } as const;
      throw error;
    });
}

/** A coordinator removes a guardian's kiosk phone and PIN at their center (the guardian can set new ones). */
export async function clearKioskPin({
  centerId,
  userId,
  actorId,
}: {
  centerId: string;
  userId: string;
  actorId: string;
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom('kiosk_pins')
        .select(['id', 'user_id', 'phone'])
        .where('center_id', '=', centerId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!row) return false;
      await trx.deleteFrom('kiosk_pins').where('id', '=', row.id).execute();
      await recordChange(trx, { actorId, centerId, entity: 'kiosk_pin', entityId: row.id, before: row, after: null });
      return true;
    });
}

export type PinResult =
  | { ok: true; ticket: string; guardianName: string; children: { id: string; name: string; restricted: boolean }[] }
  | { ok: false; error: 'pinWrong' }
  | Throttled;

/**
 * Checks a phone and PIN at a paired kiosk. The attempt is reserved on the phone's throttle (which
 * locks) and the device's (which only waits) before the PIN is checked, and an unknown phone costs
 * the same argon2 work as a known one, so timing does not tell which phones have a PIN.
 */
export async function verifyGuardianPin({
  device,
  phone,
  pin,
}: {
  device: KioskDevice;
  phone: string;
  pin: string;
}): Promise<PinResult> {
  const keys = [accountKey(`kiosk:${device.centerId}:${phone}`), addressKey(`kiosk-device:${device.id}`)];
  const verdict = await reserveAttempt(keys);
  if (!verdict.allowed) return throttled(verdict);
  const db = getDb();
  const credential = await db
    .selectFrom('kiosk_pins')
    .innerJoin('users', 'users.id', 'kiosk_pins.user_id')
    .select(['users.id as userId', 'users.name', 'users.disabled_at', 'kiosk_pins.pin_hash'])
    .where('kiosk_pins.center_id', '=', device.centerId)
    .where('kiosk_pins.phone', '=', phone)
    .executeTakeFirst();
  const valid = await verifyPassword(credential?.pin_hash ?? (await dummyPasswordHash()), pin);
  if (!credential || !valid || credential.disabled_at) return { ok: false, error: 'pinWrong' };
  await succeeded(keys);
  const children = await kioskChildren({ centerId: device.centerId, userId: credential.userId });
  return {
    ok: true,
    ticket: issueTicket({ userId: credential.userId, centerId: device.centerId, deviceId: device.id }),
    guardianName: credential.name,
    children,
  };
}

/** A guardian's own enrolled children at this center, with whether custody restricts collecting them here. */
export async function kioskChildren({
  centerId,
  userId,
  childId,
}: {
  centerId: string;
  userId: string;
  childId?: string;
}) {
  let query = getDb()
    .selectFrom('guardians')
    .innerJoin('children', 'children.id', 'guardians.child_id')
    .select(['children.id', 'children.full_name', 'children.nickname', 'children.custody_restricts_pickup'])
    .where('guardians.user_id', '=', userId)
    .where('children.center_id', '=', centerId)
    .where('children.status', '=', 'enrolled')
    .orderBy('children.birth_date');
  if (childId) query = query.where('children.id', '=', childId);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, name: r.nickname ?? r.full_name, restricted: r.custody_restricts_pickup === 1 }));
}

const sign = (payload: string) => createHmac('sha256', sessionSecret()).update(payload).digest('base64url');

/** A short-lived proof that this guardian just entered their PIN at this center's paired device. */
export function issueTicket({
  userId,
  centerId,
  deviceId,
  now = Date.now(),
}: {
  userId: string;
  centerId: string;
  deviceId: string;
  now?: number;
}) {
  const payload = `${userId}.${centerId}.${deviceId}.${Math.floor(now / 1000) + TICKET_SECONDS}`;
  return `${payload}.${sign(payload)}`;
}

/** The guardian a ticket names, if it is genuine, unexpired and was issued on this device. */
export function readTicket(ticket: string, device: { id: string; centerId: string }, now = Date.now()): string | null {
  const parts = ticket.split('.');
  if (parts.length !== 5) return null;
  const [userId, centerId, deviceId, expires, signature] = parts;
  const expected = Buffer.from(sign(`${userId}.${centerId}.${deviceId}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (centerId !== device.centerId || deviceId !== device.id || Number(expires) * 1000 < now) return null;
  return userId;
}

/**
 * A guardian's tap at the kiosk (check their own child in or out), sent at once or later from the
 * tablet's queue. The ticket must have been valid when the tap was made, for a child of theirs;
 * a restricted pickup is for the staff at the door.
 */
export async function answerKioskTap(formData: FormData, device: { id: string; centerId: string }, now = new Date()) {
  const parsed = validateForm(formData, KioskActSchema);
  if (!parsed.ok) return invalidTap(formData, parsed.errors);
  const d = parsed.data;
  const clientId = d.clientId ?? newId();
  const at = tapInstant(d.tappedAt ?? null, now);
  const userId = at ? readTicket(d.ticket, device, at.getTime()) : null;
  const [child] = userId ? await kioskChildren({ centerId: device.centerId, userId, childId: d.childId }) : [];
  if (!userId || !child) return refusedTap(clientId, d.childId, 'kioskExpired');
  if (d.intent === 'kiosk-out' && child.restricted) return refusedTap(clientId, d.childId, 'kioskSeeStaff');
  const tap = { clientId, tappedAt: d.tappedAt ?? null, device: 'kiosk' as const, centerId: device.centerId };
  return applyTap(
    d.intent === 'kiosk-in'
      ? { ...tap, childId: child.id, actorId: userId, intent: 'check-in' }
      : { ...tap, childId: child.id, actorId: userId, intent: 'check-out', collectorKey: `guardian:${userId}` },
    now,
  );
}
