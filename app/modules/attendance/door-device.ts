// What a door screen or a kiosk keeps on its device (IndexedDB, through idb), so the door works
// when the network drops: the taps not yet sent (each with the id it got when tapped: the server's
// idempotency key, decision 0017) and the door's rosters as last loaded, with their collectors.
// Rosters expire at the end of the center's day; sign-out deletes everything (Clear-Site-Data).
import { openDB, type DBSchema } from 'idb';
import type { InvalidTap, TapAnswer } from './door';

/** Where a device's taps wait and where they are sent: a staff member's door, or the kiosk tablet. */
export type TapQueue = { key: string; endpoint: string };
/** A staff member's taps are sent with their own session only. */
export const doorQueue = (centerId: string, userId: string): TapQueue => ({
  key: `door:${centerId}:${userId}`,
  endpoint: `/c/${centerId}/taps`,
});
export const KIOSK_QUEUE: TapQueue = { key: 'kiosk', endpoint: '/kiosk/taps' };

export type QueuedTap = {
  clientId: string;
  queue: string;
  tappedAt: string;
  /** The form's fields, as it would have sent them (intent, childId, clientId, tappedAt, …). */
  fields: Record<string, string>;
  /**
   * Null while waiting. The server's answer when it was not simply applied (refused, or another
   * device had said so first): kept on the screen until someone has read it.
   */
  answer: TapAnswer | InvalidTap | null;
};

type Roster = { key: string; userId: string; expiresAt: string; data: unknown };

interface DoorDb extends DBSchema {
  taps: { key: string; value: QueuedTap };
  rosters: { key: string; value: Roster };
}

const DB_NAME = 'asuh-door';
/** The service worker's cache of door pages and collectors' photos (public/sw.js). */
export const DOOR_CACHE = 'asuh-door';

const open = () =>
  openDB<DoorDb>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('taps', { keyPath: 'clientId' });
      db.createObjectStore('rosters', { keyPath: 'key' });
    },
  });

/** 128 random bits, URL-safe: crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export async function queueTap(tap: QueuedTap) {
  await (await open()).put('taps', tap);
}

/** A queue's taps, oldest first: waiting ones and answered ones not yet read. */
export async function tapsOnDevice(queue: TapQueue) {
  const all = await (await open()).getAll('taps');
  return all.filter((t) => t.queue === queue.key).sort((a, b) => a.tappedAt.localeCompare(b.tappedAt));
}

/** How many records wait on this device to be sent, whoever tapped them. */
export async function waitingTapCount() {
  return (await (await open()).getAll('taps')).filter((t) => !t.answer).length;
}

export async function forgetTap(clientId: string) {
  await (await open()).delete('taps', clientId);
  changed();
}

/**
 * Sends this person's waiting taps, oldest first, in one batch. The answered ones leave the
 * queue; refused ones stay, marked, for the screen to explain. Null when the network failed or
 * the session is gone (the taps wait for the next try).
 */
export async function sendWaitingTaps(queue: TapQueue) {
  const waiting = (await tapsOnDevice(queue)).filter((t) => !t.answer);
  if (waiting.length === 0) return [];
  const body = new URLSearchParams({ taps: JSON.stringify(waiting.map((t) => t.fields)) });
  let answers: (TapAnswer | InvalidTap)[];
  try {
    const response = await fetch(queue.endpoint, { method: 'POST', body, redirect: 'manual' });
    if (!response.ok) return null;
    answers = ((await response.json()) as { answers: (TapAnswer | InvalidTap)[] }).answers;
  } catch {
    return null;
  }
  const db = await open();
  for (const answer of answers) {
    const tap = waiting.find((t) => t.clientId === answer.clientId);
    if (!tap) continue;
    if (answer.outcome === 'applied') await db.delete('taps', tap.clientId);
    else await db.put('taps', { ...tap, answer });
  }
  changed();
  return answers;
}

/** Tells the door screen that the device's taps changed (queued, sent, read). */
const CHANGED = 'asuh:door-taps';
const changed = () => window.dispatchEvent(new Event(CHANGED));
export function onTapsChanged(listener: () => void) {
  window.addEventListener(CHANGED, listener);
  return () => window.removeEventListener(CHANGED, listener);
}

// Who is at the door: the screen says so when it renders, before any tap (a route's clientAction
// cannot read its loader's data). A queue is sent with its owner's session only.
let viewer: string | null = null;
export function rememberViewer(userId: string) {
  viewer = userId;
}
export const viewerOnDevice = () => viewer;

/**
 * A tap at the door: kept on the device first (so nothing is lost if the page dies), then sent
 * with any that wait. The server's answer to it, or null when it waits on the device.
 */
export async function recordTap(queue: TapQueue, formData: FormData) {
  const tap = { clientId: newClientId(), tappedAt: new Date().toISOString() };
  const fields: Record<string, string> = { ...tap };
  for (const [key, value] of formData) if (typeof value === 'string') fields[key] = value;
  await queueTap({ ...tap, queue: queue.key, fields, answer: null });
  sending.add(tap.clientId);
  let answer: TapAnswer | InvalidTap | null = null;
  try {
    const answers = navigator.onLine ? await sendWaitingTaps(queue) : null;
    answer = answers?.find((a) => a.clientId === tap.clientId) ?? null;
    // Answered now, it is told on the card itself; the list is for taps answered later.
    if (answer) await forgetTap(tap.clientId);
  } finally {
    sending.delete(tap.clientId);
    changed();
  }
  return answer;
}

// The taps being sent the moment they were made: the card shows its form busy meanwhile, and only
// a tap the network did not take shows as waiting (no flicker between the two).
const sending = new Set<string>();
export const isBeingSent = (clientId: string) => sending.has(clientId);

/** A room's roster as last loaded, kept until the center's day ends. */
export async function saveRoster(key: string, userId: string, data: unknown, expiresAt: string) {
  await (await open()).put('rosters', { key, userId, data, expiresAt });
}

export async function readRoster(key: string, userId: string, now = new Date()) {
  const db = await open();
  const roster = await db.get('rosters', key);
  if (!roster || roster.userId !== userId) return null;
  if (roster.expiresAt <= now.toISOString()) {
    await db.delete('rosters', key);
    return null;
  }
  return roster.data;
}

/** Deletes every roster whose day has ended (the door calls it when it opens). */
export async function dropEndedDays(now = new Date()) {
  const db = await open();
  for (const roster of await db.getAll('rosters'))
    if (roster.expiresAt <= now.toISOString()) await db.delete('rosters', roster.key);
}
