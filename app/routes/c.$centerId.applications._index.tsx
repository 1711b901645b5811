import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { FilterSelect } from '~/components/filter-select';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import type { ApplicationStatus } from '~db/schema';
import { centerContext } from '~/modules/centers/context.server';
import { listClassrooms } from '~/modules/centers/centers.server';
import { listApplications } from '~/modules/enrollment/applications.server';
import { APPLICATION_FILTER_STATUSES, effectivePriority, shownStatus } from '~/modules/enrollment/rules';
import { ScrollTable } from '~/components/scroll-table';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center, today } = await centerContext(request, params, { roles: ['coordinator'] });
  const url = new URL(request.url);
  const statusParam = url.searchParams.get('status') ?? '';
  const status = (APPLICATION_FILTER_STATUSES as string[]).includes(statusParam)
    ? (statusParam as ApplicationStatus)
    : undefined;
  const classrooms = await listClassrooms(center.id);
  const classroomParam = url.searchParams.get('classroom') ?? '';
  const classroomId = classrooms.some((c) => c.id === classroomParam) ? classroomParam : undefined;
  const minPriority = Number(url.searchParams.get('minPriority')) || 0;
  const applications = (await listApplications({ centerId: center.id, status, classroomId, today })).filter(
    (a) => effectivePriority(a) >= minPriority,
  );
  return {
    applications: applications.map((a) => ({
      ...a,
      priority: effectivePriority(a),
      overridden: a.priority_override !== null,
    })),
    classrooms: classrooms.map((c) => ({ id: c.id, name: c.name })),
    filters: { status: status ?? '', classroom: classroomId ?? '', minPriority: minPriority || '' },
  };
}

export default function Applications() {
  const { applications, classrooms, filters } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <section>
      <h1>{t('applications.title')}</h1>
      <Form method="get" className="filters">
        <FilterSelect
          name="status"
          label={t('application.status')}
          empty={t('audit.all')}
          defaultValue={filters.status}
          options={APPLICATION_FILTER_STATUSES.map((s) => ({ value: s, label: t(`applicationStatus.${s}`) }))}
        />
        <FilterSelect
          name="classroom"
          label={t('child.classroom')}
          empty={t('audit.all')}
          defaultValue={filters.classroom}
          options={classrooms.map((c) => ({ value: c.id, label: c.name }))}
        />
        <label htmlFor="minPriority">{t('applications.minPriority')}</label>
        <input
          id="minPriority"
          name="minPriority"
          type="number"
          min={0}
          defaultValue={filters.minPriority}
          className="short"
        />
        <button type="submit" className="secondary">
          {t('audit.filter')}
        </button>
      </Form>
      {applications.length === 0 ? <p className="empty">{t('applications.empty')}</p> : null}
      <ScrollTable label={t('applications.title')}>
        <table>
          <thead>
            <tr>
              <th>{t('application.reference')}</th>
              <th>{t('apply.child')}</th>
              <th>{t('application.status')}</th>
              <th>{t('applications.priority')}</th>
              <th>{t('applications.start')}</th>
              <th>{t('applications.fits')}</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={a.id}>{a.reference_code}</Link>
                </td>
                <td>{a.child_full_name}</td>
                <td>
                  <span className={`status status-${a.status}`}>
                    {t(`applicationStatus.${shownStatus(a.status, a.declinedByFamily)}`)}
                  </span>
                  {a.classroomName ? <span className="hint"> · {a.classroomName}</span> : null}
                </td>
                <td>
                  {a.priority}
                  {a.overridden ? ` (${t('applications.overridden')})` : ''}
                </td>
                <td>
                  {a.preferred_start_date ? formatDate(a.preferred_start_date, lng) : '—'}
                  {a.ageAtStart !== null ? (
                    <span className="hint"> · {t('applications.ageMonths', { n: a.ageAtStart })}</span>
                  ) : null}
                </td>
                <td>
                  {a.fits.length ? a.fits.join(', ') : <span className="warning-text">{t('applications.noFit')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}
