import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { Conversation } from '~/components/conversation';
import { childContext } from '~/modules/centers/context.server';
import { found } from '~/modules/http.server';
import { liveCursor } from '~/modules/live/stream.server';
import { loadThread } from '~/modules/messaging/conversations.server';
import { messageAction } from '~/modules/messaging/message-action.server';

// A child's conversation with the family, for the center's staff.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const liveSince = liveCursor();
  const { viewer, center } = await childContext(request, params);
  const thread = found(await loadThread({ centerId: center.id, childId: params.childId!, viewerId: viewer.user.id }));
  return { ...thread, centerId: center.id, zone: center.timeZone, liveSince };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await childContext(request, params);
  return messageAction(request, {
    centerId: center.id,
    childId: params.childId!,
    userId: viewer.user.id,
    back: `/c/${center.id}/messages/${params.childId!}`,
  });
}

export default function StaffThread() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="narrow">
      <p>
        <Link to={`/c/${d.centerId}/messages`}>{t('messages.backToInbox')}</Link>
      </p>
      <h1>{t('messages.threadTitle', { name: d.child.name })}</h1>
      <p className="hint">
        {d.child.classroomName ?? t('child.noClassroom')} ·{' '}
        <Link to={`/c/${d.centerId}/children/${d.child.id}`}>{t('messages.childRecord')}</Link>
      </p>
      <Conversation
        messages={d.messages}
        viewerSide={d.viewerSide}
        zone={d.zone}
        unread={d.unread}
        newestAt={d.newestAt}
        fileUrl={(id) => `/c/${d.centerId}/messages/${d.child.id}/files/${id}`}
        canWrite={d.child.enrolled}
        live={{ url: `/c/${d.centerId}/live`, since: d.liveSince }}
      />
    </section>
  );
}
