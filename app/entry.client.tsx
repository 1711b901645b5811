import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { CATALOG_URLS, DEFAULT_LANGUAGE, isLang, registerCatalog } from './i18n/i18n';

// The page's language is on <html lang>; only its catalog is fetched (root.tsx preloads it).
const lang = document.documentElement.lang;
const lng = isLang(lang) ? lang : DEFAULT_LANGUAGE;

void fetch(CATALOG_URLS[lng])
  .then((response) => response.json())
  .then((catalog) => {
    registerCatalog(lng, catalog);
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    });
    // The door works offline with it (public/sw.js); a development server has no built assets to keep.
    if (import.meta.env.PROD && 'serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js');
  });
