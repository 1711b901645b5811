// The benchmark's framework floor: the smallest Remix app that does the door's work — one route
// whose action reads a cookie session and does the baseline's write — served by Express through
// @remix-run/express like the real server. Its cost beside the bare baseline is Remix's own cost
// per request: no app on this stack can be cheaper.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createCookieSessionStorage } from '@remix-run/node';
import { createRequestHandler } from '@remix-run/express';
import { attendanceWrites } from './bench-baseline-server.js';

export const floorSessions = createCookieSessionStorage({
  cookie: { name: 'floor', secrets: ['bench-only-secret'], httpOnly: true, sameSite: 'lax' },
});

/** What `remix vite:build` emits for an app of a root route and one route with an action. */
function serverBuild(action) {
  const route = (id, parentId, routePath, module) => ({ id, parentId, path: routePath, module });
  const asset = (id, parentId, routePath, hasAction) => ({
    id,
    parentId,
    path: routePath,
    module: `/${id}.js`,
    hasAction,
    hasLoader: false,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
  });
  return {
    mode: 'production',
    entry: { module: { default: () => new Response('Not a page', { status: 404 }) } },
    routes: {
      root: route('root', undefined, '', { default: () => null }),
      door: route('door', 'root', 'door', { action, default: () => null }),
    },
    assets: {
      version: '1',
      url: '/manifest.js',
      entry: { module: '/entry.js', imports: [] },
      routes: { root: asset('root', undefined, '', false), door: asset('door', 'root', 'door', true) },
    },
    publicPath: '/',
    assetsBuildDirectory: 'build/client',
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_lazyRouteDiscovery: true,
      v3_singleFetch: true,
    },
    isSpaMode: false,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const write = attendanceWrites(process.env.DATABASE_URL);
  const build = serverBuild(async ({ request }) => {
    const session = await floorSessions.getSession(request.headers.get('Cookie'));
    if (!session.get('userId')) return new Response('Unauthorized', { status: 401 });
    write(await request.formData());
    return { ok: true };
  });
  const app = express();
  app.all('*', createRequestHandler({ build, mode: 'production' }));
  app.listen(Number(process.env.PORT), '127.0.0.1');
}
