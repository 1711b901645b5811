import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/modules/auth/require-user.server';

// Sends each person to their own home: a center's page for staff, the family page for parents.
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const centers = [...new Map(user.memberships.map((m) => [m.centerId, m.centerName])).entries()];
  if (centers.length === 1 && !user.isGuardian) throw redirect(`/c/${centers[0][0]}`);
  if (centers.length === 0 && user.isGuardian) throw redirect('/family');
  return { centers, isGuardian: user.isGuardian, name: user.name };
}

export default function Home() {
  const { centers, isGuardian, name } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('home.greeting', { name })}</h1>
      {centers.length === 0 && !isGuardian ? <p className="empty">{t('home.noAccess')}</p> : null}
      <ul className="tiles">
        {centers.map(([id, centerName]) => (
          <li key={id}>
            <Link className="tile" to={`/c/${id}`}>
              {centerName}
            </Link>
          </li>
        ))}
        {isGuardian ? (
          <li>
            <Link className="tile" to="/family">
              {t('nav.family')}
            </Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
