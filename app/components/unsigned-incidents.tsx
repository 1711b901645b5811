import { Link } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';

/** On the coordinator's home: incidents no guardian has signed off 24 hours after they were recorded. */
export function UnsignedIncidents({
  incidents,
  zone,
}: {
  incidents: { id: string; kind: string; createdAt: string; childId: string; childName: string }[];
  zone: string;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <article className="card unsigned-incidents" aria-labelledby="unsigned-incidents">
      <h3 id="unsigned-incidents">{t('incidents.overdueTitle')}</h3>
      <ul className="plain">
        {incidents.map((i) => (
          <li key={i.id}>
            <Link to={`incidents/${i.id}`}>{i.childName}</Link> ·{' '}
            {t('incidents.overdueItem', {
              kind: t(`incidents.kinds.${i.kind}`),
              at: formatDateTime(i.createdAt, lng, zone),
            })}
          </li>
        ))}
      </ul>
    </article>
  );
}
