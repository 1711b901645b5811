import { randomBytes } from 'node:crypto';

/** A random, URL-safe id: unguessable, so an id seen in one family's URL says nothing about another's. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

export function nowIso(): string {
  return new Date().toISOString();
}
