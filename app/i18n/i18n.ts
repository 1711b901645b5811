import i18next, { type i18n } from 'i18next';
import en from './en.json';
import id from './id.json';

export const LANGUAGES = ['id', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Lang = 'id';
export const catalogs = { id, en } as const;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * A ready i18next instance for one language. Both catalogs are small and bundled, so creating
 * one is synchronous: the server and the browser render the same text on the first pass.
 */
export function createI18n(lng: Lang): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { id: { translation: id }, en: { translation: en } },
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
