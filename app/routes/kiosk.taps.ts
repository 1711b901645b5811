import type { ActionFunctionArgs } from '@remix-run/node';
import { answerKioskTap, kioskDeviceFor } from '~/modules/attendance/kiosk.server';
import { applyTapBatch } from '~/modules/attendance/taps.server';
import { readForm } from '~/modules/forms/read.server';

// Where the kiosk tablet sends its guardians' taps: one at a time when online, the waiting ones
// together when the network returns. Each carries its tablet-made id and the guardian's ticket.
export async function action({ request }: ActionFunctionArgs) {
  const device = await kioskDeviceFor(request);
  if (!device) return new Response('Forbidden', { status: 403 });
  const formData = await readForm(request);
  const answers = await applyTapBatch(formData.get('taps'), (tap) => answerKioskTap(tap, device));
  if (!answers) return new Response('Bad Request', { status: 400 });
  return Response.json({ answers });
}
