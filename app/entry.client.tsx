import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { DEFAULT_LANGUAGE, isLang, loadCatalog } from './i18n/i18n';

// The page's language is on <html lang>; only its catalog is fetched (root.tsx preloads it).
const lang = document.documentElement.lang;
const lng = isLang(lang) ? lang : DEFAULT_LANGUAGE;

/**
 * The page's data decoded before hydration starts. With single fetch, <RemixBrowser> decodes the
 * data the server streamed into the page in its first render, and suspends on it outside any
 * Suspense boundary. A tap or a keystroke that reaches React in that moment makes React 18 hydrate
 * at once; the shell suspends again, and React throws #345 ("Root did not complete") and never
 * hydrates the page (a sign-in typed while the page starts, a search typed at the door). Calling
 * <RemixBrowser> once outside React starts that decoding and hands us what it waits on; it throws
 * before its first hook. Anything else (a later Remix) is left to its first render, as before.
 */
async function pageDataDecoded() {
  try {
    RemixBrowser({});
  } catch (waitingOn) {
    if (waitingOn instanceof Promise) await waitingOn;
  }
}

void Promise.all([loadCatalog(lng), pageDataDecoded()]).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
  // From here a tap is React's (tests/e2e/foundation.spec.ts types at this very moment).
  performance.mark('asuh:hydrating');
  // The door works offline with it (public/sw.js); a development server has no built assets to keep.
  if (import.meta.env.PROD && 'serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js');
});
