// Thrown responses render in the shared error boundary, in the user's language.
export function notFound(): never {
  throw new Response('Not Found', { status: 404 });
}

export function forbidden(): never {
  throw new Response('Forbidden', { status: 403 });
}

/** One line for "a missing or foreign record is a 404". */
export function found<T>(row: T | undefined | null): T {
  if (row === undefined || row === null) notFound();
  return row;
}

/**
 * A same-origin path: one '/', then printable ASCII other than a backslash. Browsers drop tabs and
 * newlines inside a URL and read '\' as '/', so "/<tab>/evil.example" or "/\evil.example" would
 * lead off-site; and a newline or a non-ASCII letter cannot go in a Location header at all.
 */
const SAME_ORIGIN_PATH = /^\/(?!\/)[\x21-\x5b\x5d-\x7e]*$/;

/** Only same-site relative paths, so a redirectTo parameter can never send a user elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  return typeof to === 'string' && SAME_ORIGIN_PATH.test(to) ? to : fallback;
}
