import type { ShouldRevalidateFunction } from '@remix-run/react';

/**
 * For the routes of a page that works offline (the root, the door, the kiosk): after a tap kept on
 * the device, or while the browser knows it is offline, a page keeps the data it has instead of
 * refetching it, which would fail and replace the page with an error.
 */
export const keepWhenOffline: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult?.queued || (typeof navigator !== 'undefined' && !navigator.onLine) ? false : defaultShouldRevalidate;
