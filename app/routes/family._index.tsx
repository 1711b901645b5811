import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { formatLongDate, formatTime, formatAge } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requireUser } from '~/modules/auth/require-user.server';
import { todayRecords } from '~/modules/attendance/attendance.server';
import { listGuardianChildren } from '~/modules/children/children.server';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';
import { ageInMonths, localDate } from '~/modules/time/time';

export async function loader({ request }: LoaderFunctionArgs) {
  const since = liveCursor();
  const { user } = await requireUser(request);
  const children = await listGuardianChildren(user.id);
  const withToday = children.map((c) => ({ ...c, centerId: c.center_id, today: localDate(c.time_zone) }));
  const attendance = await todayRecords(withToday);
  return {
    children: withToday.map((c) => ({
      ...c,
      ageMonths: ageInMonths(c.birth_date, c.today),
      attendance: attendance.find((a) => a.child_id === c.id) ?? null,
    })),
    liveSince: since,
  };
}

const FAMILY_EVENTS = [LIVE_TYPES.attendance];

export default function Family() {
  const { children, liveSince } = useLoaderData<typeof loader>();
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
      <ul className="cards">
        {children.map((c) => (
          <li key={c.id} className="card">
            <h2>{c.nickname ? `${c.full_name} (${c.nickname})` : c.full_name}</h2>
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
              <p>
                <Link to={`children/${c.id}/growth`}>{t('growth.link')}</Link> ·{' '}
                <Link to={`children/${c.id}/development`}>{t('development.link')}</Link> ·{' '}
                <Link to={`children/${c.id}/absence`}>{t('family.reportAbsence')}</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
