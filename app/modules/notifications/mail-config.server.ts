// Where mail goes and which address its links carry, read from the environment in one place.
//
// - SMTP_URL set: the worker sends through that server.
// - Unset in development, in the tests and in the demo (ASUH_DEMO=1): nothing is sent; the
//   development mailbox (/dev/mail) shows what would have been.
// - Unset anywhere else (production, or an operator's shell without NODE_ENV): mail is held in the
//   outbox, never lost and never marked sent, until SMTP_URL is set; `asuh doctor` says so.

export type MailMode =
  { kind: 'smtp'; url: string; from: string } | { kind: 'devMailbox'; from: string } | { kind: 'held' };

/** The demo runs the production build (NODE_ENV=production) and opts in to its conveniences with ASUH_DEMO=1. */
export const isDemo = () => process.env.ASUH_DEMO === '1';

/**
 * Development, the tests and the demo. NODE_ENV must say so: an unset NODE_ENV (a shell running
 * `asuh jobs` on a real server) must not send the outbox into a mailbox nobody reads.
 */
export function devMailboxAllowed() {
  return process.env.NODE_ENV === 'development' || process.env.NODE_ENV === 'test' || isDemo();
}

export function mailMode(): MailMode {
  const url = process.env.SMTP_URL?.trim();
  if (url) return { kind: 'smtp', url, from: mailFrom() };
  return devMailboxAllowed() ? { kind: 'devMailbox', from: mailFrom() } : { kind: 'held' };
}

/** The sender: MAIL_FROM, else a no-reply address at the site's host. */
export function mailFrom() {
  const configured = process.env.MAIL_FROM?.trim();
  if (configured) return configured;
  let host = 'localhost';
  try {
    host = new URL(publicBaseUrl()).hostname;
  } catch {
    /* PUBLIC_URL is checked when the server starts */
  }
  return `Asuh <no-reply@${host}>`;
}

/**
 * The address people open Asuh at, without a trailing slash: PUBLIC_URL. Required in production,
 * where links in emails must lead to the real site; in development, the tests and the demo it
 * defaults to http://localhost:<PORT>.
 */
export function publicBaseUrl(): string {
  const configured = process.env.PUBLIC_URL?.trim();
  if (configured) {
    const url = parseHttpUrl(configured);
    if (!url) throw new Error(`PUBLIC_URL must be an http or https address, such as https://asuh.example.id.`);
    return url;
  }
  if (process.env.NODE_ENV === 'production' && !isDemo()) {
    throw new Error(
      'PUBLIC_URL is not set. Set it to the address people open Asuh at (for example https://asuh.example.id) before starting Asuh in production: the links in emails use it.',
    );
  }
  return `http://localhost:${process.env.PORT ?? 3000}`;
}

function parseHttpUrl(text: string) {
  try {
    const url = new URL(text);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** An absolute link for an email: `path` starts with '/'. */
export const publicUrl = (path: string) => `${publicBaseUrl()}${path}`;

/** Throws the message to show when the mail configuration cannot work (the server refuses to start). */
export function checkMailConfig() {
  publicBaseUrl();
  const url = process.env.SMTP_URL?.trim();
  if (url && !/^smtps?:\/\/[^/]/.test(url))
    throw new Error('SMTP_URL must look like smtp://user:password@host:587 (or smtps://… for TLS from the start).');
}

/** SMTP_URL with its password hidden, for logs and `asuh doctor`. */
export const redactedSmtpUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** What `asuh doctor` prints about mail; ok is false when the configuration cannot work or mail is held. */
export function describeMailConfig(): { ok: boolean; lines: [string, string][] } {
  const lines: [string, string][] = [];
  let ok = true;
  try {
    checkMailConfig();
    lines.push(['PUBLIC_URL:', process.env.PUBLIC_URL ? publicBaseUrl() : `unset (${publicBaseUrl()} in use)`]);
  } catch (error) {
    ok = false;
    lines.push(['PUBLIC_URL:', (error as Error).message]);
  }
  const mode = mailMode();
  if (mode.kind === 'smtp') lines.push(['SMTP_URL:', `${redactedSmtpUrl(mode.url)}, from ${mode.from}`]);
  else if (mode.kind === 'devMailbox')
    lines.push(['SMTP_URL:', 'unset: mail goes to the development mailbox (/dev/mail), nothing is sent']);
  else {
    ok = false;
    lines.push(['SMTP_URL:', 'MISSING: mail is not configured; email waits in the outbox until SMTP_URL is set']);
  }
  return { ok, lines };
}
