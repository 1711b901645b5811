import type { ShouldRevalidateFunction } from '@remix-run/react';

/**
 * For the routes of a page that works offline (the root, the door, the kiosk): after a tap kept on
 * the device, or while the browser knows it is offline, a page keeps the data it has instead of
 * refetching it, which would fail and replace the page with an error.
 */
export const keepWhenOffline: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult?.queued || (typeof navigator !== 'undefined' && !navigator.onLine) ? false : defaultShouldRevalidate;

/**
 * The door: the same, but another room (another URL) loads even offline — its clientLoader reads
 * that room's roster from the device, or the page says it needs the network. Kept, the data of the
 * room left behind would show under the new room's tab.
 */
export const keepDoorWhenOffline: ShouldRevalidateFunction = (args) =>
  args.currentUrl.href !== args.nextUrl.href ? args.defaultShouldRevalidate : keepWhenOffline(args);
