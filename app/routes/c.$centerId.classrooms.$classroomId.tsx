import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatLongDate, formatAge } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { centerContext } from '~/modules/centers/context.server';
import { mayRecord } from '~/modules/users/staff';
import { classroomRoster } from '~/modules/children/record.server';
import { found } from '~/modules/http.server';
import { ageInMonths } from '~/modules/time/time';
import { ScrollTable } from '~/components/scroll-table';

// The roster and contact list: printable (one table, print styles) and downloadable as CSV.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params);
  const roster = found(await classroomRoster({ centerId: center.id, classroomId: params.classroomId! }));
  return {
    ...roster,
    canRecord: mayRecord(viewer.roles),
    centerName: center.name,
    today,
    children: roster.children.map((c) => ({ ...c, ageMonths: ageInMonths(c.birth_date, today) })),
  };
}

export default function Roster() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <section>
      <p className="eyebrow">{d.centerName}</p>
      <h1>{t('roster.title', { classroom: d.classroom.name })}</h1>
      <p className="lead">
        {formatLongDate(d.today, i18n.language as Lang)} ·{' '}
        {t('roster.count', { count: d.children.length, capacity: d.classroom.capacity })}
      </p>
      <p className="actions no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('roster.print')}
        </button>
        <Link to="csv" reloadDocument className="secondary button-link">
          {t('roster.csv')}
        </Link>
        <Link to={`../../today?room=${d.classroom.id}`} relative="path" className="secondary button-link">
          {t('nav.today')}
        </Link>
        <Link to={`../../day/${d.classroom.id}`} relative="path" className="secondary button-link">
          {t('nav.day')}
        </Link>
        <Link to={`../../plans/${d.classroom.id}`} relative="path" className="secondary button-link">
          {t('plans.link')}
        </Link>
        {d.canRecord ? (
          <Link to={`../../milestones/${d.classroom.id}`} relative="path" className="primary button-link">
            {t('development.quickLink')}
          </Link>
        ) : null}
      </p>
      {d.children.length === 0 ? <p className="empty">{t('classroom.empty')}</p> : null}
      <ScrollTable label={t('roster.title', { classroom: d.classroom.name })}>
        <table>
          <thead>
            <tr>
              <th>{t('roster.child')}</th>
              <th>{t('child.age')}</th>
              <th>{t('roster.schedule')}</th>
              <th>{t('roster.health')}</th>
              <th>{t('roster.contacts')}</th>
            </tr>
          </thead>
          <tbody>
            {d.children.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`../../children/${c.id}`} relative="path">
                    {c.full_name}
                  </Link>
                  {c.nickname ? <span className="hint"> ({c.nickname})</span> : null}
                  {d.canRecord ? (
                    <>
                      <br />
                      <Link to={`../../children/${c.id}/development`} relative="path" className="hint">
                        {t('development.link')}
                      </Link>
                    </>
                  ) : null}
                </td>
                <td>{formatAge(t, c.ageMonths, 'short')}</td>
                <td>
                  {c.schedule_days.map((w) => t(`weekdaysShort.${w}`)).join(' ')}
                  <br />
                  <span className="hint">
                    {c.schedule_start}–{c.schedule_end}
                  </span>
                </td>
                <td>{[c.allergies, c.medical_conditions].filter(Boolean).join('; ') || '—'}</td>
                <td>
                  {c.contacts.map((g) => (
                    <div key={`${g.name}${g.phone}`}>
                      {g.name}
                      {g.phone ? (
                        <>
                          {' · '}
                          <a href={`tel:${g.phone}`}>{g.phone}</a>
                        </>
                      ) : null}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}
