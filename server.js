// The production server: Remix behind Express, with the security headers, the CSRF origin check
// and static assets. `npm start` runs it; `npm run demo` and the benchmark start it in-process.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Refuses cross-site form posts: SameSite=Lax cookies already stop most, this stops the rest. */
export function sameOriginOnly(req, res, next) {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
  const origin = req.get('origin');
  const site = req.get('sec-fetch-site');
  const host = req.get('host');
  const originHost = origin && origin !== 'null' ? hostOf(origin) : null;
  // An Origin that is not a URL comes from no browser: refused, not a 500 from new URL().
  if (origin && origin !== 'null' && originHost === null)
    return res.status(400).type('text/plain').send('Malformed Origin header');
  const crossOrigin = origin ? originHost !== host : site === 'cross-site' || site === 'same-site';
  if (crossOrigin) return res.status(403).type('text/plain').send('Cross-site request refused');
  next();
}

function hostOf(origin) {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

// A tablet paired as a kiosk holds this cookie (app/modules/attendance/kiosk.server.ts). It may open
// the kiosk page, change its language, send its taps and load assets; every other page sends it back
// to the kiosk.
const KIOSK_COOKIE = /(?:^|;\s*)asuh_kiosk=/;
const KIOSK_PATHS = /^\/(?:(?:kiosk|language)(?:\.data)?|kiosk\/taps|healthz)$/;

export function kioskOnly(req, res, next) {
  if (!KIOSK_COOKIE.test(req.get('cookie') ?? '') || KIOSK_PATHS.test(req.path)) return next();
  if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, '/kiosk');
  return res.status(403).type('text/plain').send('This device is a kiosk');
}

/** A path that is not valid percent-encoding is a bad request, answered here rather than logged as an error. */
export function decodablePath(req, res, next) {
  try {
    decodeURIComponent(req.path);
  } catch {
    return res.status(400).type('text/plain').send('Bad Request');
  }
  next();
}

export async function createApp() {
  if (process.env.NODE_ENV === 'production' && !process.env.SESSION_SECRET) {
    throw new Error('SESSION_SECRET is not set. Set it to a long random string before starting Asuh in production.');
  }
  const build = await import(path.join(root, 'build/server/index.js'));
  const stop = await build.entry.module.onServerStart();
  const app = express();
  app.locals.stop = stop;
  app.locals.closing = build.entry.module.onServerClosing;
  app.disable('x-powered-by');
  if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY);
  // Action answers are a few bytes and latency-bound: only GET responses are compressed, and only
  // GET requests pass through the middleware (it wraps every response it sees). Never an event
  // stream: gzip would hold each event back until a buffer fills, and cost ~250 KB a stream.
  const compress = compression({
    filter: (req, res) =>
      !/^text\/event-stream/i.test(String(res.getHeader('Content-Type') ?? '')) && compression.filter(req, res),
  });
  app.use((req, res, next) => (req.method === 'GET' ? compress(req, res, next) : next()));
  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'script-src': ["'self'", (req, res) => `'nonce-${res.locals.cspNonce}'`],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          'upgrade-insecure-requests': null,
        },
      },
      frameguard: { action: 'deny' },
      strictTransportSecurity: process.env.NODE_ENV === 'production' && process.env.COOKIE_SECURE !== 'false',
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }));
  app.use(decodablePath);
  app.use(kioskOnly);
  app.use(sameOriginOnly);
  app.all(
    '*',
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? 'unknown' }),
    }),
  );
  return app;
}

export async function startServer({ port = Number(process.env.PORT ?? 3000), host = process.env.HOST } = {}) {
  const app = await createApp();
  return new Promise((resolve) => {
    const server = host ? app.listen(port, host, () => resolve(server)) : app.listen(port, () => resolve(server));
    /** Ends the process-long work started with the server (see onServerStart). */
    server.stopWork = app.locals.stop;
    /** Ends the responses that would keep server.close() waiting for ever (see onServerClosing). */
    server.closing = app.locals.closing;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  startServer()
    .then((server) => {
      console.log(`Asuh is listening on http://localhost:${server.address().port}`);
      // Finish in-flight requests on Ctrl-C or a service manager's stop, then exit cleanly.
      for (const signal of ['SIGINT', 'SIGTERM']) {
        process.once(signal, () => {
          server.close(() => server.stopWork().finally(() => process.exit(0)));
          server.closing();
        });
      }
    })
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}
