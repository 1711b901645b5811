// A family's live stream: events about their own children only (app/modules/live).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { currentTopics, familyTopics, requireStreamViewer } from '~/modules/live/access.server';
import { liveStream } from '~/modules/live/stream.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireStreamViewer(request);
  return liveStream({
    request,
    topics: await familyTopics(user.id),
    recheck: () => currentTopics({ sessionId: session.id, userId: user.id, audience: { kind: 'family' } }),
  });
}
