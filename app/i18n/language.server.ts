import { createCookie, redirect, redirectDocument } from '@remix-run/node';
import { DEFAULT_LANGUAGE, isLang, type Lang } from './i18n';

// Before sign-in the choice lives in this cookie; after, on the user's account.
export const languageCookie = createCookie('asuh_lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function requestLanguage(request: Request, userLanguage?: string): Promise<Lang> {
  if (isLang(userLanguage)) return userLanguage;
  const fromCookie = await languageCookie.parse(request.headers.get('Cookie'));
  return isLang(fromCookie) ? fromCookie : DEFAULT_LANGUAGE;
}

/**
 * The redirect after something that may change the page's language (signing in, the account's
 * language): a new document when it does, because the browser holds only the catalog of the
 * language its page was loaded in (decision 0018).
 */
export function redirectInLanguage(url: string, { from, to }: { from: Lang; to: Lang }, init?: ResponseInit) {
  return from === to ? redirect(url, init) : redirectDocument(url, init);
}
