import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatMonth, formatNumber } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { centerContext } from '~/modules/centers/context.server';
import { growthSummary } from '~/modules/growth/growth.server';
import { ScrollTable } from '~/components/scroll-table';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: ['coordinator', 'teacher'] });
  return growthSummary({ center });
}

export default function GrowthSummary() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v, lng)}%`);
  const rows = [{ id: 'all', name: t('growth.wholeCenter'), ...d.center }, ...d.classrooms];
  return (
    <section>
      <h1>{t('growth.summaryTitle', { month: formatMonth(d.month, lng) })}</h1>
      <p className="lead">{t('growth.summaryLead')}</p>
      <ScrollTable label={t('growth.summaryTitle', { month: formatMonth(d.month, lng) })}>
        <table>
          <thead>
            <tr>
              <th>{t('child.classroom')}</th>
              <th>{t('growth.measured')}</th>
              <th>{t('growth.short.stunted')}</th>
              <th>{t('growth.short.wasted')}</th>
              <th>{t('growth.short.underweight')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.name}
                  {r.id !== 'all' ? (
                    <>
                      {' '}
                      <Link to={`../weighing/${r.id}`} relative="path" className="hint">
                        {t('growth.weighingLink')}
                      </Link>
                    </>
                  ) : null}
                </th>
                <td>
                  {r.measured}/{r.enrolled} ({pct(r.measuredPct)})
                </td>
                <td>
                  {r.stunted.n} ({pct(r.stunted.pct)})
                </td>
                <td>
                  {r.wasted.n} ({pct(r.wasted.pct)})
                </td>
                <td>
                  {r.underweight.n} ({pct(r.underweight.pct)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <h2>{t('growth.reminders', { count: d.reminders.length })}</h2>
      {d.reminders.length === 0 ? <p className="empty">{t('growth.noReminders')}</p> : null}
      <ul className="plain columns-list">
        {d.reminders.map((c) => (
          <li key={c.id}>
            <Link to={`../children/${c.id}/growth`} relative="path">
              {c.name}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
