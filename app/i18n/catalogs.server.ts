import en from './en.json';
import { registerCatalog, translatorOf, type Lang, type Translate, type Translator } from './i18n';
import id from './id.json';

// The server has both catalogs (mail, exports and pages in each reader's language); importing this
// module is what loads them. The browser fetches only its page's catalog (entry.client.tsx).
export const catalogs = { id, en } as const;
registerCatalog('id', id);
registerCatalog('en', en);

/** The translator of one language ({ language, t }): made once per process, shared by every request. */
export const createI18n = (lng: Lang): Translator => translatorOf(lng);

/** The translate function of one language, for text made on the server outside React (emails, exports). */
export const translatorFor = (lng: Lang): Translate => translatorOf(lng).t;
