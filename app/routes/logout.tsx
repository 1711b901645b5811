import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { destroySession, readSession } from '~/modules/auth/session.server';

export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await destroySession(await readSession(request));
  // Nothing of the door stays on a shared device: its rosters, photos, kept pages and worker.
  return redirect('/login', { headers: { 'Set-Cookie': cookie, 'Clear-Site-Data': '"storage"' } });
}
