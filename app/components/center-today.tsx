import { Link } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatDate, formatNumber, formatTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import type { centerToday } from '~/modules/centers/today.server';
import { ScrollTable } from './scroll-table';

type Today = Awaited<ReturnType<typeof centerToday>>;

/** The coordinator's morning at a glance: rooms, what needs them, and the work waiting. */
export function CenterToday({ today, zone }: { today: Today; zone: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const attention = today.refusedPickups.length + today.arrivals.length + today.shortOfStaff.length;
  return (
    <div className="center-today">
      <h2>{t('centerToday.title')}</h2>
      <ScrollTable label={t('centerToday.rooms')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('centerToday.room')}</th>
              <th scope="col">{t('centerToday.presentOfExpected')}</th>
              <th scope="col">{t('centerToday.staff')}</th>
            </tr>
          </thead>
          <tbody>
            {today.rooms.map((room) => (
              <tr key={room.id}>
                <th scope="row">
                  <Link to={`today?room=${room.id}`}>{room.name}</Link>
                </th>
                <td>{t('centerToday.presentValue', { present: room.present, expected: room.expected })}</td>
                <td className={room.ok ? undefined : 'warning-text'}>
                  {room.ok
                    ? t('centerToday.staffOk', { staff: room.staff })
                    : t('centerToday.staffShort', { staff: room.staff, required: room.required })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>

      <div className="cards">
        <article className="card">
          <h3>{t('centerToday.attention')}</h3>
          {attention === 0 ? <p className="empty">{t('centerToday.nothingNeedsYou')}</p> : null}
          <ul className="plain">
            {today.shortOfStaff.map((room) => (
              <li key={room.id} className="warning-text">
                {t('today.needHelpRoom', { room: room.name, count: room.short })}
              </li>
            ))}
            {today.refusedPickups.map((p) => (
              <li key={p.id}>
                {t('centerToday.refused', { name: p.person_name, time: formatTime(p.at, lng, zone) })} ·{' '}
                <Link to={`children/${p.childId}`}>{p.full_name}</Link> ·{' '}
                <Link to={`incidents/new?source=refused_pickup&sourceId=${p.id}`}>{t('incidents.record')}</Link>
              </li>
            ))}
            {today.arrivals.map((a) => (
              <li key={a.attendanceId}>
                <Link to={`children/${a.childId}`}>{a.name}</Link> ·{' '}
                {[
                  a.fever && a.temperatureTenths !== null
                    ? t('centerToday.fever', { temperature: formatNumber(a.temperatureTenths / 10, lng) })
                    : null,
                  a.marks ? t('centerToday.marks', { marks: a.marks }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
                {a.marks ? (
                  <>
                    {' · '}
                    <Link to={`incidents/new?source=arrival_check&sourceId=${a.attendanceId}`}>
                      {t('incidents.record')}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </article>

        <article className="card">
          <h3>{t('centerToday.waiting')}</h3>
          <ul className="plain">
            <li>
              <Link to="applications?status=submitted">
                {t('centerToday.newApplications', { count: today.newApplications.length })}
              </Link>
            </li>
            {today.offersExpiring.map((o) => (
              <li key={o.id}>
                <Link to={`applications/${o.id}`}>{o.child_full_name}</Link> ·{' '}
                {t('centerToday.offerExpires', { date: formatDate(o.offer_expires_on!, lng) })}
              </li>
            ))}
            <li>
              <Link to="follow-ups">{t('centerToday.followUps', { count: today.followUps.length })}</Link>
            </li>
          </ul>
        </article>
      </div>
    </div>
  );
}
