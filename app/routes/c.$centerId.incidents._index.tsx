import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { centerContext } from '~/modules/centers/context.server';
import { parseIncidentFilters } from '~/modules/incidents/incidents';
import { incidentFilterChildren, listIncidents } from '~/modules/incidents/incidents.server';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';
import { ScrollTable } from '~/components/scroll-table';

// The center's incidents, newest first, by child and month; every staff member may read them.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const since = liveCursor();
  const { center } = await centerContext(request, params);
  const children = await incidentFilterChildren(center.id);
  const filters = parseIncidentFilters(new URL(request.url).searchParams, new Set(children.map((c) => c.id)));
  const incidents = await listIncidents({
    centerId: center.id,
    childId: filters.child || undefined,
    month: filters.month || undefined,
  });
  return {
    centerId: center.id,
    zone: center.timeZone,
    children,
    filters,
    incidents: incidents.map((i) => ({
      id: i.id,
      childId: i.childId,
      childName: i.childName,
      kind: i.kind,
      occurredAt: i.occurredAt,
      signedOffAt: i.signedOffAt,
      signedOffByName: i.signedOffByName,
    })),
    liveSince: since,
  };
}

const INCIDENT_EVENTS = [LIVE_TYPES.incident];

export default function Incidents() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const live = useLive(`/c/${useParams().centerId}/live`, { since: d.liveSince, types: INCIDENT_EVENTS });
  const newLink = `/c/${d.centerId}/incidents/new${d.filters.child ? `?child=${d.filters.child}` : ''}`;
  return (
    <section>
      <h1>{t('incidents.title')}</h1>
      <p className="lead">
        <LiveIndicator status={live} />
      </p>
      <p className="actions">
        <Link to={newLink} className="primary button-link">
          {t('incidents.new')}
        </Link>
      </p>
      <Form method="get" className="filters inline-form">
        <label>
          {t('incidents.filterChild')}{' '}
          <select name="child" defaultValue={d.filters.child}>
            <option value="">{t('incidents.allChildren')}</option>
            {d.children.map((c) => (
              <option key={c.id} value={c.id}>
                {c.full_name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('incidents.filterMonth')} <input type="month" name="month" defaultValue={d.filters.month} />
        </label>
        <button type="submit" className="secondary">
          {t('incidents.filter')}
        </button>
      </Form>
      {d.incidents.length === 0 ? <p className="empty">{t('incidents.empty')}</p> : null}
      {d.incidents.length > 0 ? (
        <ScrollTable label={t('incidents.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('incidents.when')}</th>
                <th scope="col">{t('incidents.fields.child')}</th>
                <th scope="col">{t('incidents.fields.kind')}</th>
                <th scope="col">{t('incidents.status')}</th>
              </tr>
            </thead>
            <tbody>
              {d.incidents.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/c/${d.centerId}/incidents/${i.id}`}>{formatDateTime(i.occurredAt, lng, d.zone)}</Link>
                  </td>
                  <td>
                    <Link to={`/c/${d.centerId}/children/${i.childId}`}>{i.childName}</Link>
                  </td>
                  <td>{t(`incidents.kinds.${i.kind}`)}</td>
                  <td className={i.signedOffAt ? undefined : 'warning-text'}>
                    {i.signedOffAt
                      ? t('incidents.signed', {
                          name: i.signedOffByName ?? '',
                          at: formatDateTime(i.signedOffAt, lng, d.zone),
                        })
                      : t('incidents.unsigned')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : null}
    </section>
  );
}
