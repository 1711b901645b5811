import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { FigureCell } from '~/components/regional-figures';
import { formatDate, formatMonth } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requireUser } from '~/modules/auth/require-user.server';
import { notFound } from '~/modules/http.server';
import { CONCERN_LEVELS, MONTH_FIGURES } from '~/modules/regional/figures';
import { currentMonth, monthParam, monthsTo, regionalOverviewPage } from '~/modules/regional/regional.server';
import { RegionList } from './region.months';
import { ScrollTable } from '~/components/scroll-table';

// Regional oversight: every center of the person's regions, counted and never named.
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  if (!user.isRegional) notFound();
  const month = monthParam(request);
  const page = await regionalOverviewPage({ userId: user.id, month });
  return { ...page, monthChoices: monthsTo(currentMonth(), 24).reverse() };
}

export function LicenceText({ licence }: { licence: { status: string; expiresOn: string | null } }) {
  const { t, i18n } = useTranslation();
  const date = licence.expiresOn ? formatDate(licence.expiresOn, i18n.language as Lang) : '';
  if (licence.status === 'valid')
    return <>{date ? t('region.licence.validUntil', { date }) : t('region.licence.valid')}</>;
  if (licence.status === 'expired') return <>{t('region.licence.expired', { date })}</>;
  return <>{t('region.licence.missing')}</>;
}

export default function RegionOverview() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <section>
      <h1>{t('region.title')}</h1>
      <p className="lead">{t('region.lead')}</p>
      <RegionList regions={d.regions} />
      <Form method="get" className="inline-form no-print">
        <label>
          {t('region.month')}{' '}
          <select name="month" defaultValue={d.month}>
            {d.monthChoices.map((m) => (
              <option key={m} value={m}>
                {formatMonth(m, lng)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">{t('region.show')}</button>{' '}
        <Link to={`/region/months?month=${d.month}`}>{t('region.byMonth')}</Link>{' '}
        <a href={`/region.csv?month=${d.month}`} download>
          {t('region.csv')}
        </a>
      </Form>
      <p className="hint">{t('region.asOf')}</p>
      {d.centers.length === 0 ? (
        <p className="empty">{t('region.noCenters')}</p>
      ) : (
        <>
          <h2>{formatMonth(d.month, lng)}</h2>
          <ScrollTable label={t('region.thisMonth', { month: formatMonth(d.month, lng) })}>
            <table className="regional-table">
              <thead>
                <tr>
                  <th scope="col">{t('region.center')}</th>
                  <th scope="col">{t('region.figures.capacity')}</th>
                  {MONTH_FIGURES.map((f) => (
                    <th key={f} scope="col">
                      {t(`region.figures.${f}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.centers.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/region/centers/${c.id}?month=${d.month}`}>{c.name}</Link>
                      <br />
                      <small>{t('region.cityIn', { city: c.city, province: c.province })}</small>
                    </td>
                    <td>{c.capacity}</td>
                    {MONTH_FIGURES.map((f) => (
                      <td key={f}>
                        <FigureCell figure={c.figures[f]} digits={f === 'enrolled' ? 0 : 1} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>{t('region.total')}</td>
                  <td>{d.centers.reduce((n, c) => n + c.capacity, 0)}</td>
                  {MONTH_FIGURES.map((f) => (
                    <td key={f}>
                      <FigureCell figure={d.total.figures[f]} digits={f === 'enrolled' ? 0 : 1} />
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </ScrollTable>
          <h2>{t('region.concerns.title')}</h2>
          <p className="hint">{t('region.concerns.note')}</p>
          <ScrollTable label={t('region.concerns.title')}>
            <table className="regional-table">
              <thead>
                <tr>
                  <th scope="col">{t('region.center')}</th>
                  {CONCERN_LEVELS.map((l) => (
                    <th key={l} scope="col">
                      {t(`region.concernLevels.${l}`)}
                    </th>
                  ))}
                  <th scope="col">{t('region.concerns.total')}</th>
                  <th scope="col">{t('region.concerns.oldestDays')}</th>
                  <th scope="col">{t('region.safety.licence')}</th>
                  <th scope="col">{t('region.safety.staffChecks')}</th>
                </tr>
              </thead>
              <tbody>
                {d.centers.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
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
                    <td>
                      <LicenceText licence={c.licence} />
                    </td>
                    <td>{t('region.staffLapsed', { lapsed: c.staff.lapsed, staff: c.staff.staff })}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td>{t('region.total')}</td>
                  {CONCERN_LEVELS.map((l) => (
                    <td key={l}>
                      <FigureCell figure={d.total.concerns.byLevel[l]} digits={0} />
                    </td>
                  ))}
                  <td>
                    <FigureCell figure={d.total.concerns.total} digits={0} />
                  </td>
                  <td>
                    <FigureCell figure={d.total.concerns.oldestDays} digits={0} />
                  </td>
                  <td />
                  <td>
                    {t('region.staffLapsed', {
                      lapsed: d.centers.reduce((n, c) => n + c.staff.lapsed, 0),
                      staff: d.centers.reduce((n, c) => n + c.staff.staff, 0),
                    })}
                  </td>
                </tr>
              </tfoot>
            </table>
          </ScrollTable>
        </>
      )}
    </section>
  );
}
