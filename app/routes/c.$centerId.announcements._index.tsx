import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { CheckboxField, ErrorMessage, Field, SelectField, TextAreaField } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { setFlash } from '~/modules/auth/session.server';
import { centerContext } from '~/modules/centers/context.server';
import { listClassrooms } from '~/modules/centers/centers.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { createAnnouncement, listAnnouncements } from '~/modules/messaging/announcements.server';
import { ANNOUNCING_ROLES, AnnouncementSchema, mayAnnounceTo, WHOLE_CENTER } from '~/modules/messaging/messaging';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';

const roles = [...ANNOUNCING_ROLES];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const liveSince = liveCursor();
  const { viewer, center } = await centerContext(request, params, { roles });
  const [announcements, classrooms] = await Promise.all([
    listAnnouncements({ centerId: center.id }),
    listClassrooms(center.id),
  ]);
  return {
    centerId: center.id,
    zone: center.timeZone,
    announcements,
    classrooms: classrooms.map((c) => ({ id: c.id, name: c.name })),
    wholeCenter: mayAnnounceTo(viewer.roles, 'center'),
    liveSince,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles });
  const formData = await readForm(request);
  const parsed = parseForm(formData, AnnouncementSchema);
  if (!parsed.ok) return parsed.response;
  const result = await createAnnouncement({
    centerId: center.id,
    actorId: viewer.user.id,
    roles: viewer.roles,
    input: parsed.data,
  });
  if (!result.ok) {
    if (result.error === 'noRecipients') return failure(formData, { form: 'errors.noRecipients' });
    return failure(formData, {
      audience: result.error === 'notAllowed' ? 'errors.announceCenterCoordinators' : 'errors.choose',
    });
  }
  await setFlash(viewer.session, 'flash.announcementSent');
  return redirect(`/c/${center.id}/announcements/${result.id}`);
}

/** A colleague's announcement, a family reading or acknowledging one: the counts change. */
const ANNOUNCEMENT_EVENTS = [LIVE_TYPES.announcement, LIVE_TYPES.announcementReceipt];

export default function Announcements() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const live = useLive(`/c/${d.centerId}/live`, { since: d.liveSince, types: ANNOUNCEMENT_EVENTS });
  const form = useValidatedForm(AnnouncementSchema, {
    intent: 'announce',
    defaultValues: { audience: d.wholeCenter ? WHOLE_CENTER : '' },
  });
  return (
    <section>
      <h1>{t('announcements.title')}</h1>
      <p className="lead">
        <LiveIndicator status={live} />
      </p>
      <h2>{t('announcements.new')}</h2>
      <Form method="post" onSubmit={form.onSubmit} noValidate className="card form-grid">
        <input type="hidden" name="intent" value="announce" />
        <ErrorMessage message={form.formError} />
        <SelectField
          label={t('announcements.audience')}
          placeholder={d.wholeCenter ? undefined : t('announcements.chooseRoom')}
          options={[
            ...(d.wholeCenter ? [{ value: WHOLE_CENTER, label: t('announcements.wholeCenter') }] : []),
            ...d.classrooms.map((c) => ({ value: c.id, label: c.name })),
          ]}
          hint={d.wholeCenter ? undefined : t('announcements.teacherHint')}
          {...form.field('audience')}
        />
        <Field label={t('announcements.titleField')} {...form.field('title')} />
        <TextAreaField label={t('announcements.body')} rows={5} {...form.field('body')} />
        <CheckboxField
          label={t('announcements.urgent')}
          hint={t('announcements.urgentHint')}
          {...form.field('urgent')}
        />
        <CheckboxField
          label={t('announcements.requiresAck')}
          hint={t('announcements.requiresAckHint')}
          {...form.field('requires_ack')}
        />
        <button type="submit" className="primary">
          {t('announcements.send')}
        </button>
      </Form>
      <h2>{t('announcements.sent')}</h2>
      {d.announcements.length === 0 ? <p className="empty">{t('announcements.empty')}</p> : null}
      <ul className="cards announcements">
        {d.announcements.map((a) => (
          <li key={a.id} className="card">
            <h2>
              <Link to={`/c/${d.centerId}/announcements/${a.id}`}>{a.title}</Link>
              {a.urgent ? <span className="badge urgent">{t('announcements.urgentBadge')}</span> : null}
            </h2>
            <p className="hint">
              {a.classroomName ?? t('announcements.wholeCenter')} · {formatDateTime(a.createdAt, lng, d.zone)} ·{' '}
              {a.authorName}
            </p>
            <p>
              {t('announcements.readCount', { count: a.read, total: a.recipients })}
              {a.requiresAck
                ? ` · ${t('announcements.ackCount', { count: a.acknowledged, total: a.recipients })}`
                : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
