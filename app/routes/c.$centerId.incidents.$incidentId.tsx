import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData, useParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { IncidentDetails } from '~/components/incident-details';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { centerContext } from '~/modules/centers/context.server';
import { found } from '~/modules/http.server';
import { staffIncident } from '~/modules/incidents/incidents.server';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';

// One incident for the center's staff, with the guardian's sign-off as it comes in. Anyone else,
// or an id that is not this center's: 404, and the attempt is recorded.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const since = liveCursor();
  const { viewer, center } = await centerContext(request, params);
  const incident = found(
    await staffIncident({ centerId: center.id, incidentId: params.incidentId!, actorId: viewer.user.id }),
  );
  return { incident, liveSince: since };
}

const INCIDENT_EVENTS = [LIVE_TYPES.incident];

export default function StaffIncident() {
  const { incident, liveSince } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const live = useLive(`/c/${useParams().centerId}/live`, { since: liveSince, types: INCIDENT_EVENTS });
  return (
    <section className="narrow">
      <p>
        <Link to={`/c/${incident.centerId}/incidents`}>← {t('incidents.back')}</Link>
      </p>
      <h1>{t('incidents.familyTitle', { child: incident.childName })}</h1>
      <p className="lead">
        <LiveIndicator status={live} />
      </p>
      <article className="card">
        <IncidentDetails incident={incident} showSource />
      </article>
      <p className="actions">
        <Link to="print" className="secondary button-link">
          {t('incidents.printView')}
        </Link>
        <Link to={`/c/${incident.centerId}/children/${incident.childId}`} className="secondary button-link">
          {incident.childName}
        </Link>
      </p>
    </section>
  );
}
