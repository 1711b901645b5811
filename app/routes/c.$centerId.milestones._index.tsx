import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { homeRoom } from '~/modules/attendance/board.server';
import { centerContext } from '~/modules/centers/context.server';
import { notFound } from '~/modules/http.server';
import { RECORDING_ROLES } from '~/modules/users/staff';

// The development entry of the menu: the classroom quick entry for the teacher's own room.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const room = await homeRoom({ centerId: center.id, userId: viewer.user.id });
  if (!room) notFound();
  throw redirect(`/c/${center.id}/milestones/${room}`);
}
