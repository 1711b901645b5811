import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { FilterSelect } from '~/components/filter-select';
import { formatNumber } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/language.server';
import {
  AUDIT_CSV_MAX,
  AUDIT_ENTITIES,
  NO_PERSON,
  parseAuditCursor,
  type PresentedAuditEntry,
} from '~/modules/audit/audit';
import { listAuditEntries, presentAuditEntries, readAuditFilters } from '~/modules/audit/audit.server';
import { centerContext } from '~/modules/centers/context.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles: ['coordinator'] });
  const url = new URL(request.url);
  const {
    params: filters,
    filter,
    choices,
  } = await readAuditFilters({ centerId: center.id, zone: center.timeZone, searchParams: url.searchParams });
  const page = await listAuditEntries({
    centerId: center.id,
    filter,
    after: parseAuditCursor(url.searchParams.get('cursor')),
  });
  const entries = await presentAuditEntries({
    center,
    lng: await requestLanguage(request, viewer.user.language),
    entries: page.entries,
  });
  return { centerId: center.id, timeZone: center.timeZone, entries, nextCursor: page.nextCursor, filters, choices };
}

function Changes({ entry }: { entry: PresentedAuditEntry }) {
  const { t } = useTranslation();
  if (entry.fields.length === 0) return null;
  return (
    <table className="changes">
      <tbody>
        {entry.fields.map((f) => (
          <tr key={f.field}>
            <th scope="row">{f.label}</th>
            {f.summary !== null ? (
              <td colSpan={3}>{f.summary}</td>
            ) : entry.action === 'update' ? (
              <>
                <td>{f.before}</td>
                <td>
                  <span aria-hidden="true">→</span>
                  <span className="visually-hidden">{t('audit.becomes')}</span>
                </td>
                <td>{f.after}</td>
              </>
            ) : (
              <td colSpan={3}>{entry.action === 'create' ? f.after : f.before}</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Audit() {
  const { centerId, timeZone, entries, nextCursor, filters, choices } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <p className="lead">
        {t('audit.lead', { zone: t(`timeZones.${timeZone.replace('/', '_')}`, { defaultValue: timeZone }) })}
      </p>
      <Form method="get" className="filters" key={query.toString()}>
        <FilterSelect
          name="child"
          label={t('audit.child')}
          empty={t('audit.all')}
          defaultValue={filters.child}
          options={choices.children.map((c) => ({ value: c.id, label: c.name }))}
        />
        <FilterSelect
          name="person"
          label={t('audit.person')}
          empty={t('audit.all')}
          defaultValue={filters.person}
          options={[
            ...choices.people.map((p) => ({ value: p.id, label: p.name })),
            { value: NO_PERSON, label: t('audit.noPerson') },
          ]}
        />
        <FilterSelect
          name="entity"
          label={t('audit.entity')}
          empty={t('audit.all')}
          defaultValue={filters.entity}
          options={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
        />
        <label htmlFor="from">{t('audit.from')}</label>
        <input id="from" name="from" type="date" defaultValue={filters.from} />
        <label htmlFor="to">{t('audit.to')}</label>
        <input id="to" name="to" type="date" defaultValue={filters.to} />
        <button type="submit" className="secondary">
          {t('audit.filter')}
        </button>
        <Link
          to={`/c/${centerId}/audit.csv${query.size ? `?${query}` : ''}`}
          reloadDocument
          className="secondary button-link"
        >
          {t('audit.csv')}
        </Link>
      </Form>
      <p className="hint">{t('audit.csvCap', { max: formatNumber(AUDIT_CSV_MAX, i18n.language as Lang) })}</p>
      {entries.length === 0 ? <p className="empty">{t('audit.empty')}</p> : null}
      <ol className="audit">
        {entries.map((e) => (
          <li key={e.id} className="card">
            <p>
              <strong>
                <time dateTime={e.at}>{e.when}</time>
              </strong>{' '}
              · {e.actor.name}
              {e.actor.role ? ` (${e.actor.role})` : ''}
            </p>
            <p>
              {e.actionLabel} {e.entityLabel}
              {e.child ? (
                <>
                  : <Link to={`/c/${centerId}/children/${e.child.id}`}>{e.child.name}</Link>
                </>
              ) : e.record ? (
                `: ${e.record}`
              ) : null}
            </p>
            <Changes entry={e} />
          </li>
        ))}
      </ol>
      {nextCursor ? (
        <Link to={`?${new URLSearchParams([...query, ['cursor', nextCursor]])}`}>{t('audit.older')}</Link>
      ) : null}
    </section>
  );
}
