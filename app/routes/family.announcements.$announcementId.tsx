import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useFetcher, useLoaderData } from '@remix-run/react';
import { useEffect } from 'react';
import { useTranslation } from '~/i18n/translation';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requireUser } from '~/modules/auth/require-user.server';
import { readForm } from '~/modules/forms/read.server';
import { found, notFound } from '~/modules/http.server';
import {
  acknowledgeAnnouncement,
  familyAnnouncement,
  markAnnouncementRead,
} from '~/modules/messaging/announcements.server';

// One announcement, for a family who received it (anyone else: 404). Opening it marks it read
// with a POST from the page; acknowledging is one tap.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return { announcement: found(await familyAnnouncement({ userId: user.id, announcementId: params.announcementId! })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const formData = await readForm(request);
  const announcementId = params.announcementId!;
  if (formData.get('intent') === 'read') {
    if (!(await markAnnouncementRead({ userId: user.id, announcementId }))) notFound();
    return data({ ok: true });
  }
  if (formData.get('intent') === 'acknowledge') {
    // No flash: the page itself then says when the family acknowledged it (and a flash could be
    // taken by the revalidation of the read mark posted a moment before).
    const result = await acknowledgeAnnouncement({ userId: user.id, announcementId });
    if (!result.ok && result.error === 'notFound') notFound();
    return redirect(`/family/announcements/${announcementId}`);
  }
  return data({ ok: false }, { status: 400 });
}

export default function FamilyAnnouncement() {
  const { announcement: a } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const reader = useFetcher();
  const submit = reader.submit;
  const unread = a.readAt === null;
  useEffect(() => {
    if (unread) submit({ intent: 'read' }, { method: 'post' });
  }, [unread, submit]);
  return (
    <section className="narrow">
      <p>
        <Link to="/family/announcements">{t('announcements.backFamily')}</Link>
      </p>
      <article className="card announcement" data-urgent={a.urgent ? '' : undefined}>
        <h1>
          {a.title}
          {a.urgent ? <span className="badge urgent">{t('announcements.urgentBadge')}</span> : null}
        </h1>
        <p className="hint">
          {a.classroomName ? `${a.centerName} · ${a.classroomName}` : a.centerName} ·{' '}
          {formatDateTime(a.createdAt, lng, a.timeZone)}
        </p>
        <p className="announcement-body">{a.body}</p>
        {a.requiresAck ? (
          a.acknowledgedAt ? (
            <p className="status">
              {t('announcements.acknowledgedAt', { at: formatDateTime(a.acknowledgedAt, lng, a.timeZone) })}
            </p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="acknowledge" />
              <p className="hint">{t('announcements.ackAsk')}</p>
              <button type="submit" className="primary">
                {t('announcements.acknowledge')}
              </button>
            </Form>
          )
        ) : null}
      </article>
    </section>
  );
}
