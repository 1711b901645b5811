// What a door screen keeps on its device (IndexedDB, through idb), so the door works when the
// network drops: the taps not yet sent (each with the id it got when tapped: the server's
// idempotency key, decision 0017) and the rooms' rosters as last loaded, with their collectors.
// Rosters expire at the end of the center's day; sign-out deletes everything (clearDoorDevice).
import { deleteDB, openDB, type DBSchema } from 'idb';
import type { InvalidTap, TapAnswer } from './door';

export type QueuedTap = {
  clientId: string;
  centerId: string;
  /** Who tapped: a queue is sent with its owner's session only. */
  userId: string;
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

/** This person's taps at this center, oldest first: waiting ones and refused ones not yet read. */
export async function tapsOnDevice(centerId: string, userId: string) {
  const all = await (await open()).getAll('taps');
  return all
    .filter((t) => t.centerId === centerId && t.userId === userId)
    .sort((a, b) => a.tappedAt.localeCompare(b.tappedAt));
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
export async function sendWaitingTaps(centerId: string, userId: string) {
  const waiting = (await tapsOnDevice(centerId, userId)).filter((t) => !t.answer);
  if (waiting.length === 0) return [];
  const body = new URLSearchParams({ taps: JSON.stringify(waiting.map((t) => t.fields)) });
  let answers: (TapAnswer | InvalidTap)[];
  try {
    const response = await fetch(`/c/${centerId}/taps`, { method: 'POST', body, redirect: 'manual' });
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
export async function recordTap(centerId: string, formData: FormData) {
  if (!viewer) throw new Error('The door screen has not said who is at the door');
  const tap = { clientId: newClientId(), tappedAt: new Date().toISOString() };
  const fields: Record<string, string> = { ...tap };
  for (const [key, value] of formData) if (typeof value === 'string') fields[key] = value;
  await queueTap({ ...tap, centerId, userId: viewer, fields, answer: null });
  changed();
  const answers = navigator.onLine ? await sendWaitingTaps(centerId, viewer) : null;
  const answer = answers?.find((a) => a.clientId === tap.clientId) ?? null;
  // Answered now, it is told on the card itself; the list is for taps answered later.
  if (answer) await forgetTap(tap.clientId);
  return answer;
}

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

/** Nothing of the door stays on the device: taps, rosters, cached pages and photos. */
export async function clearDoorDevice() {
  await deleteDB(DB_NAME);
  if (typeof caches !== 'undefined') await caches.delete(DOOR_CACHE);
}
