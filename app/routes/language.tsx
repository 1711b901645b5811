import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { isLang } from '~/i18n/i18n';
import { languageCookie } from '~/i18n/language.server';
import { getOptionalUser } from '~/modules/auth/require-user.server';
import { safeRedirect } from '~/modules/http.server';
import { updateUser } from '~/modules/users/users.server';
import { readForm } from '~/modules/forms/read.server';

export async function loader() {
  return redirect('/');
}

// Open to everyone: before sign-in the choice goes in a cookie, after it also on the account.
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const lang = formData.get('lang');
  const back = safeRedirect(formData.get('redirectTo'));
  if (!isLang(lang)) return redirect(back);
  const signedIn = await getOptionalUser(request);
  if (signedIn && signedIn.user.language !== lang) {
    await updateUser({ userId: signedIn.user.id, actorId: signedIn.user.id, changes: { preferred_language: lang } });
  }
  return redirect(back, { headers: { 'Set-Cookie': await languageCookie.serialize(lang) } });
}
