import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import type { Role } from '~db/schema';
import { homeRoom } from '~/modules/attendance/board.server';
import { requireUser } from '~/modules/auth/require-user.server';

// Sends each person where their work is: a coordinator to the center's today, a teacher to their
// classroom, a caregiver to their room's door screen, a parent to their children's today. Someone
// with several centers (or a center and children) chooses.
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const centers = [...new Map(user.memberships.map((m) => [m.centerId, m.centerName])).entries()];
  if (centers.length === 1 && !user.isGuardian)
    throw redirect(
      await workplaceOf(
        user.id,
        centers[0][0],
        user.memberships.filter((m) => m.centerId === centers[0][0]).map((m) => m.role),
      ),
    );
  if (centers.length === 0 && user.isGuardian && !user.isRegional) throw redirect('/family');
  if (centers.length === 0 && user.isRegional && !user.isGuardian) throw redirect('/region');
  return { centers, isGuardian: user.isGuardian, isRegional: user.isRegional, name: user.name };
}

async function workplaceOf(userId: string, centerId: string, roles: Role[]) {
  if (roles.includes('coordinator')) return `/c/${centerId}`;
  const room = await homeRoom({ centerId, userId });
  if (!room) return `/c/${centerId}`;
  return roles.includes('teacher') ? `/c/${centerId}/classrooms/${room}` : `/c/${centerId}/today?room=${room}`;
}

export default function Home() {
  const { centers, isGuardian, isRegional, name } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('home.greeting', { name })}</h1>
      {centers.length === 0 && !isGuardian && !isRegional ? <p className="empty">{t('home.noAccess')}</p> : null}
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
        {isRegional ? (
          <li>
            <Link className="tile" to="/region">
              {t('nav.region')}
            </Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
