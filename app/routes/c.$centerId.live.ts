// A staff member's live stream for their center: its rooms, the center and its inbox (app/modules/live).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { currentTopics, requireStreamViewer, staffTopics } from '~/modules/live/access.server';
import { liveStream } from '~/modules/live/stream.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, session, centerId } = await requireStreamViewer(request, { centerId: params.centerId! });
  const audience = { kind: 'staff', centerId: centerId! } as const;
  return liveStream({
    request,
    topics: await staffTopics({ userId: user.id, centerId: centerId! }),
    recheck: () => currentTopics({ sessionId: session.id, userId: user.id, audience }),
  });
}
