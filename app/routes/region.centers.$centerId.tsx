import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { FigureCell, MonthsChart } from '~/components/regional-figures';
import { formatMonth } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requireUser } from '~/modules/auth/require-user.server';
import { notFound } from '~/modules/http.server';
import { CONCERN_LEVELS } from '~/modules/regional/figures';
import { centerVisit, monthParam, recordRegionalRefusal } from '~/modules/regional/regional.server';
import { LicenceText } from './region._index';
import { MonthsTable } from './region.months';
import { ScrollTable } from '~/components/scroll-table';

// One center of the person's regions, for a visit: this month, the last 12 months, concerns
// counted, the licence and the staff checks. Printable. A center outside their regions is a 404,
// recorded as refused under that center.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  if (!user.isRegional) notFound();
  const month = monthParam(request);
  const visit = await centerVisit({ userId: user.id, centerId: params.centerId!, month });
  if (!visit) {
    await recordRegionalRefusal({
      userId: user.id,
      entity: 'center',
      entityId: params.centerId!,
      centerId: params.centerId!,
    });
    notFound();
  }
  return visit;
}

export default function CenterVisit() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const c = d.center;
  return (
    <section className="print-page">
      <p className="no-print">
        <Link to={`/region?month=${d.month}`}>{t('region.back')}</Link>{' '}
        <button type="button" onClick={() => window.print()}>
          {t('region.print')}
        </button>
      </p>
      <h1>{t('region.centerTitle', { center: c.name })}</h1>
      <p className="lead">
        {t('region.centerLead', {
          kind: t(`center.kind.${c.kind}`),
          city: c.city,
          province: c.province,
        })}
      </p>
      <dl className="facts">
        <dt>{t('region.figures.capacity')}</dt>
        <dd>{c.capacity}</dd>
        <dt>{t('region.safety.licence')}</dt>
        <dd>
          <LicenceText licence={c.licence} />
        </dd>
        <dt>{t('region.safety.staffChecks')}</dt>
        <dd>{t('region.staffLapsed', { lapsed: c.staff.lapsed, staff: c.staff.staff })}</dd>
      </dl>
      <h2>{t('region.concerns.title')}</h2>
      <p className="hint">{t('region.concerns.note')}</p>
      <ScrollTable label={t('region.concerns.title')}>
        <table className="regional-table">
          <thead>
            <tr>
              {CONCERN_LEVELS.map((l) => (
                <th key={l} scope="col">
                  {t(`region.concernLevels.${l}`)}
                </th>
              ))}
              <th scope="col">{t('region.concerns.total')}</th>
              <th scope="col">{t('region.concerns.oldestDays')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              {CONCERN_LEVELS.map((l) => (
                <td key={l}>
                  <FigureCell figure={c.concerns.byLevel[l]} digits={0} />
                </td>
              ))}
              <td>
                <FigureCell figure={c.concerns.total} digits={0} />
              </td>
              <td>
                <FigureCell figure={c.concerns.oldestDays} digits={0} />
              </td>
            </tr>
          </tbody>
        </table>
      </ScrollTable>
      <h2>{t('region.thisMonth', { month: formatMonth(d.month, lng) })}</h2>
      <MonthsChart
        months={d.months.map((m) => ({
          month: m.month,
          attendance: m.figures.attendanceRate,
          stunting: m.figures.stunting,
        }))}
      />
      <MonthsTable months={d.months} lng={lng} />
      <p className="hint">{t('region.asOf')}</p>
    </section>
  );
}
