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

/** Only same-site relative paths, so a redirectTo parameter can never send a user elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  return to;
}
