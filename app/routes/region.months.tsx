import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { FigureCell, MonthsChart } from '~/components/regional-figures';
import { formatMonth } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requireUser } from '~/modules/auth/require-user.server';
import { notFound } from '~/modules/http.server';
import { MONTH_FIGURES } from '~/modules/regional/figures';
import { monthParam, regionalMonths, regionsOf, type Region } from '~/modules/regional/regional.server';
import { ScrollTable } from '~/components/scroll-table';

// The region by month: the last 12 months' figures for all the person's centers together, as a
// chart and a table (each center's by month is in the CSV and on its visit page).
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  if (!user.isRegional) notFound();
  const month = monthParam(request);
  const [regions, history] = await Promise.all([regionsOf(user.id), regionalMonths({ userId: user.id, month })]);
  return { regions, month, months: history.months.map((m) => ({ month: m.month, figures: m.total })) };
}

export function RegionList({ regions }: { regions: Region[] }) {
  const { t } = useTranslation();
  const list = regions
    .map((r) =>
      r.city === null
        ? t('region.wholeProvince', { province: r.province })
        : t('region.cityIn', { city: r.city, province: r.province }),
    )
    .join('; ');
  return <p>{t('region.yourRegions', { list })}</p>;
}

export default function RegionMonths() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <section>
      <p className="no-print">
        <Link to={`/region?month=${d.month}`}>{t('region.back')}</Link>
      </p>
      <h1>{t('region.monthsTitle')}</h1>
      <RegionList regions={d.regions} />
      <p className="no-print">
        <a href={`/region.csv?month=${d.month}`} download>
          {t('region.csv')}
        </a>
      </p>
      <MonthsChart
        months={d.months.map((m) => ({
          month: m.month,
          attendance: m.figures.attendanceRate,
          stunting: m.figures.stunting,
        }))}
      />
      <MonthsTable months={d.months} lng={lng} />
    </section>
  );
}

export function MonthsTable({
  months,
  lng,
}: {
  months: {
    month: string;
    figures: Record<(typeof MONTH_FIGURES)[number], import('~/modules/regional/suppression').Figure>;
  }[];
  lng: Lang;
}) {
  const { t } = useTranslation();
  return (
    <ScrollTable label={t('region.byMonth')}>
      <table className="regional-table">
        <thead>
          <tr>
            <th scope="col">{t('region.month')}</th>
            {MONTH_FIGURES.map((f) => (
              <th key={f} scope="col">
                {t(`region.figures.${f}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <td>{formatMonth(m.month, lng)}</td>
              {MONTH_FIGURES.map((f) => (
                <td key={f}>
                  <FigureCell figure={m.figures[f]} digits={f === 'enrolled' ? 0 : 1} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
