import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { Conversation } from '~/components/conversation';
import { childContext } from '~/modules/centers/context.server';
import { found } from '~/modules/http.server';
import { liveCursor } from '~/modules/live/stream.server';
import { loadThread } from '~/modules/messaging/conversations.server';
import { messageAction } from '~/modules/messaging/message-action.server';

// The family's conversation with the center about one child (guardians only).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const liveSince = liveCursor();
  const { viewer, center } = await childContext(request, params, { roles: [], guardians: true });
  const thread = found(await loadThread({ centerId: center.id, childId: params.childId!, viewerId: viewer.user.id }));
  return { ...thread, centerName: center.name, zone: center.timeZone, liveSince };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await childContext(request, params, { roles: [], guardians: true });
  return messageAction(request, {
    centerId: center.id,
    childId: params.childId!,
    userId: viewer.user.id,
    back: `/family/children/${params.childId!}/messages`,
  });
}

export default function FamilyThread() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="narrow">
      <p>
        <Link to="/family">{t('messages.backToFamily')}</Link>
      </p>
      <h1>{t('messages.familyTitle', { name: d.child.nickname ?? d.child.name })}</h1>
      <p className="hint">{t('messages.familyHint', { center: d.centerName })}</p>
      <Conversation
        messages={d.messages}
        viewerSide={d.viewerSide}
        zone={d.zone}
        unread={d.unread}
        newestAt={d.newestAt}
        fileUrl={(id) => `/family/children/${d.child.id}/messages/files/${id}`}
        canWrite={d.child.enrolled}
        live={{ url: '/family/live', since: d.liveSince }}
      />
    </section>
  );
}
