import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';
import tsconfigPaths from 'vite-tsconfig-paths';
import remixConfig from './remix.config.js';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

// What every page runs (React, Remix, the translator, formatting) and the few components most pages
// share, in one file: a cheap phone spends main-thread time on each file a page loads, even from
// its cache (docs/decisions/0018-a-light-door.md). Other shared code stays in Rollup's own chunks.
const CORE = [
  /\/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|turbo-stream|@remix-run\/react|@remix-run\/router)\//,
  /\/app\/i18n\//,
  /\/app\/components\/(field|language-switch|live-indicator|use-live|keep-when-offline|scroll-table)\.tsx?$/,
];

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [remix(remixConfig), tsconfigPaths()],
  server: { port: 3000 },
  build: isSsrBuild
    ? {}
    : {
        rollupOptions: {
          output: { manualChunks: (id: string) => (CORE.some((core) => core.test(id)) ? 'core' : undefined) },
        },
      },
}));
