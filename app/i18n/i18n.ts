import i18next, { type i18n } from 'i18next';
import enUrl from './en.json?url';
import idUrl from './id.json?url';

export const LANGUAGES = ['id', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Lang = 'id';
export type Catalog = typeof import('./id.json');
/** Where the browser fetches each catalog (hashed, cached for good): it loads only its own language. */
export const CATALOG_URLS: Record<Lang, string> = { id: idUrl, en: enUrl };

// The catalogs this process has: both on the server (catalogs.server.ts), the page's own in the browser.
const loaded: Partial<Record<Lang, Catalog>> = {};
export function registerCatalog(lng: Lang, catalog: Catalog) {
  loaded[lng] = catalog;
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * A ready i18next instance for one language whose catalog is loaded: synchronous, so the server
 * and the browser render the same text on the first pass. Server code calls createI18n from
 * catalogs.server.ts, which has both catalogs.
 */
export function i18nFor(lng: Lang): i18n {
  const catalog = loaded[lng];
  if (!catalog) throw new Error(`The ${lng} catalog is not loaded`);
  const instance = i18next.createInstance();
  void instance.init({
    resources: { [lng]: { translation: catalog } },
    lng,
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/**
 * Translates a message key that may carry parameters after '?', as zod schemas write them
 * (see forms/fields.ts): 'errors.tooLong?max=200'.
 */
export function translateMessage(t: (key: string, params?: Record<string, string>) => string, message: string) {
  const [key, query] = message.split('?');
  return t(key, query ? Object.fromEntries(new URLSearchParams(query)) : undefined);
}
