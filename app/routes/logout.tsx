import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { destroySession, readSession } from '~/modules/auth/session.server';

export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await destroySession(await readSession(request));
  return redirect('/login', { headers: { 'Set-Cookie': cookie } });
}
