import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { listCenters } from '~/modules/centers/centers.server';

// Public: anyone may apply, no account needed.
export async function loader() {
  return { centers: await listCenters() };
}

export default function ApplyIndex() {
  const { centers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('apply.chooseCenter')}</h1>
      <p className="lead">{t('apply.chooseCenterLead')}</p>
      <ul className="tiles">
        {centers.map((c) => (
          <li key={c.id}>
            <Link className="tile" to={`/apply/${c.id}`}>
              {c.name}
              <span className="hint">
                {' '}
                · {t(`center.kind.${c.kind}`)} · {c.city}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
