import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { homeRoom } from '~/modules/attendance/board.server';
import { centerContext } from '~/modules/centers/context.server';
import { notFound } from '~/modules/http.server';

// The day log opens on the room the staff member works in.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  const room = await homeRoom({ centerId: center.id, userId: viewer.user.id });
  if (!room) notFound();
  return redirect(`/c/${center.id}/day/${room}`);
}
