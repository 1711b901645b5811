import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatLongDate, formatAge } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { listClassrooms } from '~/modules/centers/centers.server';
import { centerContext } from '~/modules/centers/context.server';
import { centerToday } from '~/modules/centers/today.server';
import { CenterToday } from '~/components/center-today';
import { UnsignedIncidents } from '~/components/unsigned-incidents';
import { unsignedIncidents } from '~/modules/incidents/incidents.server';
import { ConcernsDue } from '~/components/concerns-due';
import { concernsDue } from '~/modules/concerns/concerns.server';
import { listEnrolledChildren } from '~/modules/children/children.server';
import { ageInMonths, weekdayOf } from '~/modules/time/time';
import { listOpenInvites } from '~/modules/users/invites.server';
import { listStaff } from '~/modules/users/users.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params);
  const { roles } = viewer;
  const centerId = center.id;
  const isCoordinator = roles.includes('coordinator');
  const [classrooms, children, staff, invites, dashboard, unsigned, concerns] = await Promise.all([
    listClassrooms(centerId),
    listEnrolledChildren(centerId),
    isCoordinator ? listStaff(centerId) : Promise.resolve(null),
    isCoordinator ? listOpenInvites(centerId) : Promise.resolve(null),
    isCoordinator ? centerToday({ center }) : Promise.resolve(null),
    isCoordinator ? unsignedIncidents({ centerId }) : Promise.resolve(null),
    isCoordinator ? concernsDue({ centerId, today }) : Promise.resolve(null),
  ]);
  return {
    roles,
    dashboard,
    unsignedIncidents: unsigned,
    concerns,
    zone: center.timeZone,
    center: { name: center.name, kind: center.kind, hoursToday: center.openingHours[weekdayOf(today)] },
    today,
    classrooms: classrooms.map((room) => ({
      ...room,
      children: children
        .filter((c) => c.classroom_id === room.id)
        .map((c) => ({
          id: c.id,
          name: c.nickname ?? c.full_name,
          fullName: c.full_name,
          ageMonths: ageInMonths(c.birth_date, today),
        })),
    })),
    unplaced: children.filter((c) => !c.classroom_id).length,
    totals: {
      children: children.length,
      staff: staff?.filter((s) => !s.suspended).length ?? null,
      invites: invites?.length ?? null,
    },
  };
}

export default function CenterHome() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const hours = data.center.hoursToday;
  return (
    <section>
      <p className="eyebrow">{t(`center.kind.${data.center.kind}`)}</p>
      <h1>{data.center.name}</h1>
      <p className="lead">
        {formatLongDate(data.today, lng)} ·{' '}
        {hours ? t('center.openToday', { open: hours[0], close: hours[1] }) : t('center.closedToday')}
      </p>
      <p className="roles">{data.roles.map((r) => t(`roles.${r}`)).join(', ')}</p>

      {data.dashboard ? <CenterToday today={data.dashboard} zone={data.zone} /> : null}
      {data.unsignedIncidents?.length ? (
        <UnsignedIncidents incidents={data.unsignedIncidents} zone={data.zone} />
      ) : null}
      {data.concerns ? <ConcernsDue due={data.concerns} /> : null}

      {data.totals.staff !== null ? (
        <ul className="stats">
          <li>
            <strong>{data.totals.children}</strong> {t('center.childrenEnrolled')}
          </li>
          <li>
            <strong>{data.classrooms.length}</strong> {t('center.classrooms')}
          </li>
          <li>
            <Link to="staff">
              <strong>{data.totals.staff}</strong> {t('center.activeStaff')}
            </Link>
          </li>
          <li>
            <Link to="staff">
              <strong>{data.totals.invites}</strong> {t('center.openInvites')}
            </Link>
          </li>
        </ul>
      ) : null}

      <h2>{t('center.classrooms')}</h2>
      {data.classrooms.length === 0 ? <p className="empty">{t('center.noClassrooms')}</p> : null}
      <div className="cards">
        {data.classrooms.map((room) => (
          <article key={room.id} className="card">
            <h3>
              <Link to={`classrooms/${room.id}`}>{room.name}</Link>
            </h3>
            <p className="hint">{t('classroom.ages', { min: room.min_age_months, max: room.max_age_months })}</p>
            <p>
              <strong>
                {room.enrolled} / {room.capacity}
              </strong>{' '}
              {t('classroom.places')}
            </p>
            {room.children.length === 0 ? (
              <p className="empty">{t('classroom.empty')}</p>
            ) : (
              <details>
                <summary>{t('classroom.showChildren', { count: room.children.length })}</summary>
                <ul className="plain">
                  {room.children.map((c) => (
                    <li key={c.id}>
                      <Link to={`children/${c.id}`} title={c.fullName}>
                        {c.name}
                      </Link>{' '}
                      · {formatAge(t, c.ageMonths, 'short')}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </article>
        ))}
      </div>
      {data.unplaced > 0 ? <p className="notice">{t('center.unplaced', { count: data.unplaced })}</p> : null}
    </section>
  );
}
