import { randomFillSync } from 'node:crypto';

// A request makes several ids (the row, its audit entry…): one call into the CSPRNG for each costs
// more than the id, so they are cut from a pool of random bytes, each byte used once.
const pool = Buffer.alloc(4092);
let used = pool.length;

/** A random, URL-safe id: unguessable, so an id seen in one family's URL says nothing about another's. */
export function newId(): string {
  if (used + 12 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 12;
  return pool.toString('base64url', used - 12, used);
}

export function nowIso(): string {
  return new Date().toISOString();
}
