import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { FilterSelect } from '~/components/filter-select';
import { formatLongDate, formatNumber, formatTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { dailySheet } from '~/modules/attendance/board.server';
import { centerContext } from '~/modules/centers/context.server';
import { listClassrooms } from '~/modules/centers/centers.server';
import { found } from '~/modules/http.server';
import { ScrollTable } from '~/components/scroll-table';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center, today } = await centerContext(request, params);
  const url = new URL(request.url);
  const classrooms = await listClassrooms(center.id);
  const room = classrooms.find((c) => c.id === url.searchParams.get('room')) ?? classrooms[0];
  const askedDate = url.searchParams.get('date') ?? '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(askedDate) && !Number.isNaN(Date.parse(askedDate)) ? askedDate : today;
  const sheet = found(room ? await dailySheet({ center, classroomId: room.id, date }) : null);
  return { ...sheet, classrooms: classrooms.map((c) => ({ id: c.id, name: c.name })) };
}

export default function SignInSheet() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const time = (iso: string | null) => (iso ? formatTime(iso, lng, d.zone) : '—');
  return (
    <section>
      <h1>{t('reports.signInSheetTitle', { room: d.classroom.name })}</h1>
      <p className="lead">{formatLongDate(d.date, lng)}</p>
      <Form method="get" className="filters no-print">
        <FilterSelect
          name="room"
          label={t('child.classroom')}
          defaultValue={d.classroom.id}
          options={d.classrooms.map((c) => ({ value: c.id, label: c.name }))}
        />
        <label htmlFor="date">{t('reports.date')}</label>
        <input id="date" name="date" type="date" defaultValue={d.date} />
        <button type="submit" className="secondary">
          {t('audit.filter')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('roster.print')}
        </button>
      </Form>
      <ScrollTable label={t('reports.signInSheetTitle', { room: d.classroom.name })}>
        <table>
          <thead>
            <tr>
              <th>{t('roster.child')}</th>
              <th>{t('reports.arrived')}</th>
              <th>{t('today.broughtBy')}</th>
              <th>{t('today.temperature')}</th>
              <th>{t('reports.left')}</th>
              <th>{t('reports.collectedBy')}</th>
              <th>{t('reports.signature')}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.childId}>
                <td>{r.name}</td>
                <td>{r.status === 'absent' ? t(`absence.${r.absenceReason ?? 'unexplained'}`) : time(r.checkInAt)}</td>
                <td>{r.broughtBy ?? ''}</td>
                <td>{r.temperatureTenths ? `${formatNumber(r.temperatureTenths / 10, lng)} °C` : ''}</td>
                <td>
                  {time(r.checkOutAt)}
                  {r.late ? <span className="warning-text"> {t('reports.late')}</span> : null}
                </td>
                <td>{r.pickedUpBy ?? ''}</td>
                <td className="signature" />
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}
