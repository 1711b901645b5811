import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatDate, formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { centerContext } from '~/modules/centers/context.server';
import { isOverdue } from '~/modules/concerns/concerns';
import { listConcerns } from '~/modules/concerns/concerns.server';

// A coordinator sees every concern of the center; anyone else only the ones they raised.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params);
  const concerns = await listConcerns({ centerId: center.id, viewerId: viewer.user.id, roles: viewer.roles });
  return {
    manages: viewer.roles.includes('coordinator'),
    zone: center.timeZone,
    today,
    concerns,
  };
}

export default function Concerns() {
  const { manages, zone, today, concerns } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <section>
      <h1>{t('concerns.title')}</h1>
      <p className="lead">{t(manages ? 'concerns.leadCoordinator' : 'concerns.leadStaff')}</p>
      <p>
        <Link to="new" className="button-link primary">
          {t('concerns.raise')}
        </Link>
      </p>
      {concerns.length === 0 ? <p className="empty">{t('concerns.empty')}</p> : null}
      <ul className="plain concern-list">
        {concerns.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={c.id}>{c.childName}</Link>
            </h2>
            <p>
              {t(`concerns.categories.${c.category}`)} · {t(`concerns.status.${c.status}`)}
              {manages && c.risk_level ? ` · ${t(`concerns.risk.${c.risk_level}`)}` : ''}
              {manages && c.status === 'open' && !c.risk_level ? ` · ${t('concerns.notAssessed')}` : ''}
            </p>
            <p className="hint">
              {t('concerns.raisedAt', { when: formatDateTime(c.raised_at, lng, zone) })}
              {manages && c.status === 'open' && c.follow_up_on
                ? ` · ${t('concerns.followUpOn', { date: formatDate(c.follow_up_on, lng) })}`
                : ''}
            </p>
            {manages && c.status === 'open' && isOverdue(c.follow_up_on, today) ? (
              <p className="warning-text">{t('concerns.overdue')}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
