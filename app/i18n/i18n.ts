import enUrl from './en.json?url';
import idUrl from './id.json?url';
import { makeTranslate, type Translate } from './translate';

export type { Translate } from './translate';
export const LANGUAGES = ['id', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Lang = 'id';
export type Catalog = typeof import('./id.json');
/** Where the browser fetches each catalog (hashed, cached for good): it loads only its own language. */
export const CATALOG_URLS: Record<Lang, string> = { id: idUrl, en: enUrl };

/** One language's translate function, and which language it writes. */
export type Translator = { language: Lang; t: Translate };

// The catalogs this process has: both on the server (catalogs.server.ts), the page's own in the
// browser; and a translator for each, made once (it never changes).
const loaded: Partial<Record<Lang, Catalog>> = {};
const translators: Partial<Record<Lang, Translator>> = {};
export function registerCatalog(lng: Lang, catalog: Catalog) {
  loaded[lng] = catalog;
  delete translators[lng];
}

/** In the browser: fetches a language's catalog unless it is loaded (the page's own is, from entry.client). */
export async function loadCatalog(lng: Lang) {
  if (loaded[lng]) return;
  const response = await fetch(CATALOG_URLS[lng]);
  registerCatalog(lng, await response.json());
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The translator of one language whose catalog is loaded: synchronous, so the server and the
 * browser render the same text on the first pass. Server code calls createI18n or translatorFor
 * from catalogs.server.ts, which has both catalogs.
 */
export function translatorOf(lng: Lang): Translator {
  let translator = translators[lng];
  if (!translator) {
    const catalog = loaded[lng];
    if (!catalog) throw new Error(`The ${lng} catalog is not loaded`);
    translators[lng] = translator = { language: lng, t: makeTranslate(lng, catalog) };
  }
  return translator;
}

/**
 * Translates a message key that may carry parameters after '?', as zod schemas write them
 * (see forms/fields.ts): 'errors.tooLong?max=200'.
 */
export function translateMessage(t: (key: string, params?: Record<string, string>) => string, message: string) {
  const [key, query] = message.split('?');
  return t(key, query ? Object.fromEntries(new URLSearchParams(query)) : undefined);
}
