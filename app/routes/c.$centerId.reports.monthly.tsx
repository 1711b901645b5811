import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { FilterSelect } from '~/components/filter-select';
import { formatNumber } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { monthlyReport } from '~/modules/attendance/board.server';
import { monthlyParams } from '~/modules/attendance/reports.server';
import { centerContext } from '~/modules/centers/context.server';
import { ScrollTable } from '~/components/scroll-table';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: ['coordinator', 'teacher'] });
  const { month, classroomId, classrooms } = await monthlyParams(request, center);
  return {
    ...(await monthlyReport({ centerId: center.id, classroomId, month })),
    classroomId: classroomId ?? '',
    classrooms,
  };
}

export default function Monthly() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v, lng)}%`);
  return (
    <section>
      <h1>{t('reports.monthlyTitle')}</h1>
      <Form method="get" className="filters no-print">
        <label htmlFor="month">{t('reports.month')}</label>
        <input id="month" name="month" type="month" defaultValue={d.month} />
        <FilterSelect
          name="room"
          label={t('child.classroom')}
          empty={t('audit.all')}
          defaultValue={d.classroomId}
          options={d.classrooms.map((c) => ({ value: c.id, label: c.name }))}
        />
        <button type="submit" className="secondary">
          {t('audit.filter')}
        </button>
        <Link
          to={`../monthly.csv?month=${d.month}&room=${d.classroomId}`}
          relative="path"
          reloadDocument
          className="secondary button-link"
        >
          {t('roster.csv')}
        </Link>
      </Form>
      <p className="lead">{t('reports.overallRate', { rate: pct(d.rate) })}</p>
      {d.rows.length === 0 ? <p className="empty">{t('reports.noData')}</p> : null}
      <ScrollTable label={t('reports.monthlyTitle')}>
        <table>
          <thead>
            <tr>
              <th>{t('roster.child')}</th>
              <th>{t('child.classroom')}</th>
              <th>{t('reports.expectedDays')}</th>
              <th>{t('reports.present')}</th>
              <th>{t('absence.sick')}</th>
              <th>{t('absence.family')}</th>
              <th>{t('absence.other')}</th>
              <th>{t('absence.unexplained')}</th>
              <th>{t('reports.unrecorded')}</th>
              <th>{t('reports.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.childId}>
                <td>{r.name}</td>
                <td>{r.classroomName}</td>
                <td>{r.expected}</td>
                <td>{r.present}</td>
                <td>{r.absent.sick}</td>
                <td>{r.absent.family}</td>
                <td>{r.absent.other}</td>
                <td>{r.absent.unexplained}</td>
                <td>{r.unrecorded}</td>
                <td>{pct(r.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}
