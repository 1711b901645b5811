import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { DateTime } from 'luxon';
import { useTranslation } from '~/i18n/translation';
import type { Lang } from '~/i18n/i18n';
import { locale } from '~/i18n/format';
import { centerContext } from '~/modules/centers/context.server';
import { capacityByClassroom } from '~/modules/enrollment/capacity.server';
import { ScrollTable } from '~/components/scroll-table';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: ['coordinator'] });
  return capacityByClassroom({ center });
}

export default function Capacity() {
  const { months, classrooms } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const monthLabel = (m: string) =>
    DateTime.fromISO(m)
      .setLocale(locale(i18n.language as Lang))
      .toFormat('LLL yy');
  return (
    <section>
      <h1>{t('capacity.title')}</h1>
      <p className="lead">{t('capacity.lead')}</p>
      {classrooms.map((c) => (
        <div key={c.id} className="card">
          <h2>
            {c.name} <span className="hint">· {t('capacity.places', { capacity: c.capacity })}</span>
          </h2>
          <ScrollTable label={c.name}>
            <table className="capacity">
              <thead>
                <tr>
                  <th scope="col">{t('capacity.month')}</th>
                  {months.map((m) => (
                    <th key={m} scope="col">
                      {monthLabel(m)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(['staying', 'arriving', 'agedOut', 'free'] as const).map((row) => (
                  <tr key={row}>
                    <th scope="row">{t(`capacity.${row}`)}</th>
                    {c.forecast.map((f) => (
                      <td key={f.month} className={row === 'free' && f.free <= 0 ? 'warning-text' : undefined}>
                        {f[row]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </div>
      ))}
    </section>
  );
}
