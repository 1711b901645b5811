import en from './en.json';
import { i18nFor, registerCatalog, type Lang } from './i18n';
import id from './id.json';

// The server has both catalogs (mail, exports and pages in each reader's language); importing this
// module is what loads them. The browser fetches only its page's catalog (entry.client.tsx).
export const catalogs = { id, en } as const;
registerCatalog('id', id);
registerCatalog('en', en);

export const createI18n = (lng: Lang) => i18nFor(lng);
