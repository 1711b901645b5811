import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { AnnouncementList } from '~/components/announcement-list';
import { requireUser } from '~/modules/auth/require-user.server';
import { familyAnnouncements } from '~/modules/messaging/announcements.server';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';

// Every announcement the family received: those still waiting for them first.
export async function loader({ request }: LoaderFunctionArgs) {
  const liveSince = liveCursor();
  const { user } = await requireUser(request);
  return { announcements: await familyAnnouncements({ userId: user.id }), liveSince };
}

export default function FamilyAnnouncements() {
  const { announcements, liveSince } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const live = useLive('/family/live', { since: liveSince, types: [LIVE_TYPES.announcement] });
  return (
    <section className="narrow">
      <p>
        <Link to="/family">{t('messages.backToFamily')}</Link>
      </p>
      <h1>{t('announcements.title')}</h1>
      <p className="lead">
        <LiveIndicator status={live} />
      </p>
      {announcements.length === 0 ? <p className="empty">{t('announcements.familyEmpty')}</p> : null}
      <AnnouncementList announcements={announcements} level={2} />
    </section>
  );
}
