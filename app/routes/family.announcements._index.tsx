import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AnnouncementList } from '~/components/announcement-list';
import { requireUser } from '~/modules/auth/require-user.server';
import { familyAnnouncements } from '~/modules/messaging/announcements.server';

// Every announcement the family received: those still waiting for them first.
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return { announcements: await familyAnnouncements({ userId: user.id }) };
}

export default function FamilyAnnouncements() {
  const { announcements } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="narrow">
      <p>
        <Link to="/family">{t('messages.backToFamily')}</Link>
      </p>
      <h1>{t('announcements.title')}</h1>
      {announcements.length === 0 ? <p className="empty">{t('announcements.familyEmpty')}</p> : null}
      <AnnouncementList announcements={announcements} />
    </section>
  );
}
