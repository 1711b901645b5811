import type { ActionFunctionArgs } from '@remix-run/node';
import { answerDoorTap, applyTapBatch } from '~/modules/attendance/taps.server';
import { centerContext } from '~/modules/centers/context.server';
import { readForm } from '~/modules/forms/read.server';

// Where a door screen sends its taps (check-in, check-out, absence): one at a time when online, the
// waiting ones together when the network returns. Each carries its device-made id, so a batch sent
// twice lands once (app/modules/attendance/taps.server.ts).
export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  const formData = await readForm(request);
  const who = { centerId: center.id, actorId: viewer.user.id };
  const answers = await applyTapBatch(formData.get('taps'), (tap) => answerDoorTap(tap, who));
  if (!answers) return new Response('Bad Request', { status: 400 });
  return Response.json({ answers });
}
