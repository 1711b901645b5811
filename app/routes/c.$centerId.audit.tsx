import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FilterSelect } from '~/components/filter-select';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { AUDIT_ENTITIES, parseAuditCursor } from '~/modules/audit/audit';
import { listAuditEntries } from '~/modules/audit/audit.server';
import { centerContext } from '~/modules/centers/context.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: ['coordinator'] });
  const url = new URL(request.url);
  const entityParam = url.searchParams.get('entity') ?? '';
  const entity = (AUDIT_ENTITIES as readonly string[]).includes(entityParam) ? entityParam : undefined;
  const page = await listAuditEntries({ centerId: center.id, entity, after: parseAuditCursor(url.searchParams.get('cursor')) });
  return { ...page, entity: entity ?? '', timeZone: center.timeZone };
}

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

export default function Audit() {
  const { entries, nextCursor, entity, timeZone } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const [searchParams] = useSearchParams();
  const lng = i18n.language as Lang;
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <Form method="get" className="filters">
        <FilterSelect name="entity" label={t('audit.entity')} empty={t('audit.all')} defaultValue={entity} options={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))} />
        <button type="submit" className="secondary">
          {t('audit.filter')}
        </button>
      </Form>
      {entries.length === 0 ? <p className="empty">{t('audit.empty')}</p> : null}
      <ol className="audit">
        {entries.map((e) => (
          <li key={e.id} className="card">
            <p>
              <strong>{formatDateTime(e.at, lng, timeZone)}</strong> · {e.actorName ?? t('audit.system')} · {t(`audit.actions.${e.action}`)}{' '}
              {t(`audit.entities.${e.entity}`)} <code>{e.entityId}</code>
            </p>
            <table className="changes">
              <tbody>
                {Object.entries(e.changes).map(([field, [before, after]]) => (
                  <tr key={field}>
                    <th scope="row">{field}</th>
                    <td>{show(before)}</td>
                    <td aria-hidden="true">→</td>
                    <td>{show(after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ol>
      {nextCursor ? (
        <Link to={`?${new URLSearchParams({ ...Object.fromEntries(searchParams), cursor: nextCursor })}`}>{t('audit.older')}</Link>
      ) : null}
    </section>
  );
}
