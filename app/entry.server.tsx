import { AsyncLocalStorage } from 'node:async_hooks';
import { PassThrough } from 'node:stream';
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { startCheckpointer } from '~db/checkpointer.server';
import { holdServerLock } from '~db/server-lock.server';
import { NonceContext } from './components/nonce';
import './i18n/catalogs.server';
import { recordFormatted } from './i18n/format';
import { startJobWorker } from './modules/jobs/jobs.server';
import { startLiveBus } from './modules/live/bus.server';
import { closeLiveStreams } from './modules/live/stream.server';
import { checkEncryptionKeys } from './modules/auth/secrets.server';
import { checkMailConfig } from './modules/notifications/mail-config.server';
import { startMailWorker } from './modules/notifications/mail-worker.server';

export const streamTimeout = 5_000;

// The dates and numbers each page's render formats, sent with the page (i18n/format.ts).
const formatted = new AsyncLocalStorage<Map<string, string>>();
recordFormatted(() => formatted.getStore());

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Nonce for this response's Content-Security-Policy (server.js). */
    cspNonce?: string;
    /** The client's address, for the sign-in throttle. */
    clientIp?: string;
  }
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? '';
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady';
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = formatted.run(
      new Map(),
      renderToPipeableStream,
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  console.error(error);
};

/**
 * Called once by server.js when the production server starts, for what lives as long as the
 * process (and only in a server, never in the CLI or the tests). Returns what to run at shutdown.
 */
export async function onServerStart(): Promise<() => Promise<void>> {
  // Refuses to start in production without ENCRYPTION_KEY, or with a malformed key.
  checkEncryptionKeys();
  // Refuses to start in production without PUBLIC_URL (links in emails), or with a malformed SMTP_URL.
  checkMailConfig();
  // Held while the server runs, so `asuh restore` refuses to replace the database under it; throws
  // (and the server does not start) while a restore is running.
  const releaseDatabaseLock = await holdServerLock();
  // SQLite's checkpoints (copying the log into the database file) on a thread of their own: see db/.
  const stopCheckpointer = await startCheckpointer();
  // Scheduled work (expired drafts and offers, old rate-limit counts): see modules/jobs.
  const stopJobs = startJobWorker();
  // The outbox: sent every few seconds, and at once after a notice is written (see modules/notifications).
  const stopMail = startMailWorker();
  // Live updates from the other server processes (PostgreSQL): see modules/live.
  const stopLiveBus = startLiveBus();
  return async () => {
    await stopLiveBus();
    await stopMail();
    await stopJobs();
    await stopCheckpointer();
    await releaseDatabaseLock();
  };
}

/**
 * Called by server.js when the server stops taking connections: ends the live event streams, which
 * would otherwise keep it waiting for ever (the browsers reconnect to another process, or later).
 */
export function onServerClosing() {
  closeLiveStreams();
}
