import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { formatLongDate, formatTime, formatAge } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requireUser } from '~/modules/auth/require-user.server';
import { todayRecords } from '~/modules/attendance/attendance.server';
import { DayTimeline } from '~/components/day-timeline';
import { guardianTimelines } from '~/modules/day/day.server';
import { listGuardianChildren } from '~/modules/children/children.server';
import { AnnouncementList } from '~/components/announcement-list';
import { familyAnnouncements } from '~/modules/messaging/announcements.server';
import { unreadByChild } from '~/modules/messaging/conversations.server';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';
import { ageInMonths, localDate } from '~/modules/time/time';
import { requestLanguage } from '~/i18n/language.server';
import { familyPlans } from '~/modules/plans/plans.server';
import { FamilyPlanTable } from '~/components/family-plan';
import { homeActivitiesToTry } from '~/modules/home-activities/home-activities.server';
import { unsignedForFamily } from '~/modules/incidents/incidents.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const since = liveCursor();
  const { user } = await requireUser(request);
  const children = await listGuardianChildren(user.id);
  const withToday = children.map((c) => ({ ...c, centerId: c.center_id, today: localDate(c.time_zone) }));
  const lang = await requestLanguage(request, user.language);
  const [attendance, timelines, unread, announcements, plans, toTry, incidents] = await Promise.all([
    todayRecords(withToday),
    guardianTimelines({ userId: user.id }),
    unreadByChild({ userId: user.id }),
    familyAnnouncements({ userId: user.id, limit: 20 }),
    familyPlans({ userId: user.id, lang }),
    homeActivitiesToTry({ userId: user.id, lang }),
    unsignedForFamily({ userId: user.id }),
  ]);
  return {
    children: withToday.map((c) => ({
      ...c,
      ageMonths: ageInMonths(c.birth_date, c.today),
      attendance: attendance.find((a) => a.child_id === c.id) ?? null,
      timeline: timelines[c.id] ?? [],
      unreadMessages: unread[c.id] ?? 0,
      toTry: toTry[c.id] ?? [],
      // Incident reports the family has not signed off yet.
      incidentsToSign: incidents.filter((i) => i.childId === c.id).map((i) => i.id),
    })),
    // Announcements still waiting for the family (urgent first); the rest are one link away.
    announcements: announcements.filter((a) => a.pending).slice(0, 5),
    anyAnnouncements: announcements.length > 0,
    // This week's published plan of each room the family's children are in.
    plans,
    liveSince: since,
  };
}

/** The newest entries of each child's day on the home page; the day page has them all. */
const FAMILY_TIMELINE_ITEMS = 6;

/** What this page shows: arrivals and departures, the day's entries, unread messages, announcements, the week's plan. */
const FAMILY_EVENTS = [
  LIVE_TYPES.attendance,
  LIVE_TYPES.day,
  LIVE_TYPES.message,
  LIVE_TYPES.announcement,
  LIVE_TYPES.plan,
  LIVE_TYPES.homeActivity,
  LIVE_TYPES.incident,
];

export default function Family() {
  const { children, announcements, anyAnnouncements, plans, liveSince } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const live = useLive('/family/live', { since: liveSince, types: FAMILY_EVENTS });
  return (
    <section>
      <h1>{t('family.title')}</h1>
      <p className="lead">
        <LiveIndicator status={live} />
      </p>
      {children.length === 0 ? <p className="empty">{t('family.empty')}</p> : null}
      {anyAnnouncements ? (
        <section aria-labelledby="family-announcements">
          <h2 id="family-announcements">{t('announcements.title')}</h2>
          <AnnouncementList announcements={announcements} />
          <p>
            <Link to="/family/announcements">{t('announcements.all')}</Link>
          </p>
        </section>
      ) : null}
      <ul className="cards">
        {children.map((c) => (
          <li key={c.id} className="card">
            <h2>{c.nickname ? `${c.full_name} (${c.nickname})` : c.full_name}</h2>
            {c.incidentsToSign.map((id) => (
              <p key={id} className="notice" role="status">
                {t('incidents.toSign')} · <Link to={`/family/incidents/${id}`}>{t('incidents.readAndSign')}</Link>
              </p>
            ))}
            <dl className="facts">
              <dt>{t('child.age')}</dt>
              <dd>{formatAge(t, c.ageMonths)}</dd>
              <dt>{t('child.center')}</dt>
              <dd>{c.centerName}</dd>
              <dt>{t('child.classroom')}</dt>
              <dd>{c.classroomName ?? t('child.noClassroom')}</dd>
              <dt>{t('child.today')}</dt>
              <dd>
                {formatLongDate(c.today, lng)}
                <br />
                {c.attendance?.check_in_at
                  ? t('today.in', { time: formatTime(c.attendance.check_in_at, lng, c.time_zone) })
                  : null}
                {c.attendance?.check_out_at
                  ? ` · ${t('today.out', { time: formatTime(c.attendance.check_out_at, lng, c.time_zone), name: c.attendance.picked_up_by })}`
                  : null}
                {c.attendance?.status === 'absent'
                  ? t(`absence.${c.attendance.absence_reason ?? 'unexplained'}`)
                  : null}
                {!c.attendance ? t('family.notYet') : null}
              </dd>
            </dl>
            {c.status === 'enrolled' ? (
              <>
                <h3>{t('day.todayHeading')}</h3>
                <DayTimeline items={c.timeline} zone={c.time_zone} limit={FAMILY_TIMELINE_ITEMS} />
                <p>
                  <Link to={`children/${c.id}/day`}>{t('day.seeWholeDay')}</Link>
                </p>
              </>
            ) : null}
            {c.toTry.length > 0 ? (
              <p className="notice">
                {t('homeActivities.toTry', { count: c.toTry.length })}{' '}
                <Link to={`children/${c.id}/development#home`}>{c.toTry.map((a) => a.title).join(', ')}</Link>
              </p>
            ) : null}
            {c.status === 'enrolled' ? (
              <p>
                <Link to={`children/${c.id}`}>{t('day.aboutChild', { name: c.nickname ?? c.full_name })}</Link> ·{' '}
                <Link to={`children/${c.id}/growth`}>{t('growth.link')}</Link> ·{' '}
                <Link to={`children/${c.id}/development`}>{t('development.link')}</Link> ·{' '}
                <Link to={`children/${c.id}/absence`}>{t('family.reportAbsence')}</Link> ·{' '}
                <Link to={`children/${c.id}/messages`}>
                  {t('messages.familyLink')}
                  {c.unreadMessages > 0 ? (
                    <>
                      {' '}
                      <span className="badge">{t('messages.unreadCount', { count: c.unreadMessages })}</span>
                    </>
                  ) : null}
                </Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {plans.map((plan) => (
        <FamilyPlanTable key={plan.classroomId} plan={plan} />
      ))}
    </section>
  );
}
