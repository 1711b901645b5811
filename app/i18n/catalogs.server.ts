import en from './en.json';
import type { i18n } from 'i18next';
import { i18nFor, registerCatalog, type Lang } from './i18n';
import id from './id.json';

// The server has both catalogs (mail, exports and pages in each reader's language); importing this
// module is what loads them. The browser fetches only its page's catalog (entry.client.tsx).
export const catalogs = { id, en } as const;
registerCatalog('id', id);
registerCatalog('en', en);

export const createI18n = (lng: Lang) => i18nFor(lng);

const shared = new Map<Lang, i18n>();

/**
 * The translate function of one language for text made on the server outside React (emails):
 * one instance per language for the process, never switched to another language, since making
 * one (createI18n) costs more than the rest of a check-out's email.
 */
export function translatorFor(lng: Lang): i18n['t'] {
  let instance = shared.get(lng);
  if (!instance) {
    instance = createI18n(lng);
    shared.set(lng, instance);
  }
  return instance.t;
}
