import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { IncidentDetails } from '~/components/incident-details';
import { centerContext } from '~/modules/centers/context.server';
import { found } from '~/modules/http.server';
import { staffIncident } from '~/modules/incidents/incidents.server';

// One incident on one A4 page for the child's file, with lines for the signatures on paper.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  return {
    incident: found(
      await staffIncident({ centerId: center.id, incidentId: params.incidentId!, actorId: viewer.user.id }),
    ),
  };
}

export default function PrintIncident() {
  const { incident } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="incident-print">
      <style>{'@media print { @page { size: A4 portrait; margin: 15mm; } }'}</style>
      <p className="actions no-print">
        <Link to={`/c/${incident.centerId}/incidents/${incident.id}`} className="secondary button-link">
          ← {t('incidents.back')}
        </Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('incidents.print')}
        </button>
      </p>
      <p className="eyebrow">{incident.centerName}</p>
      <h1>{t('incidents.familyTitle', { child: incident.childName })}</h1>
      <IncidentDetails incident={incident} showSource />
      <div className="signature-lines">
        <div>
          <p>{t('incidents.signatureStaff')}</p>
          <p className="signature-line">{incident.recordedByName}</p>
        </div>
        <div>
          <p>{t('incidents.signatureGuardian')}</p>
          <p className="signature-line">{incident.signedOffByName ?? ''}</p>
        </div>
      </div>
    </section>
  );
}
