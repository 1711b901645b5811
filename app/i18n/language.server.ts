import { createCookie } from '@remix-run/node';
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
