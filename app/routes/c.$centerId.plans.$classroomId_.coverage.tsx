import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage } from '~/components/field';
import { formatDate, formatDateTime, formatMonth } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requestLanguage } from '~/i18n/language.server';
import { LEARNING_ELEMENTS } from '~/modules/activities/activities';
import { centerContext } from '~/modules/centers/context.server';
import { itemText } from '~/modules/development/development';
import { DOMAINS } from '~/modules/development/rules';
import { msg } from '~/modules/forms/fields';
import { found } from '~/modules/http.server';
import { addMonths, monthOf, monthProblem } from '~/modules/plans/coverage';
import { roomMonthCoverage } from '~/modules/plans/coverage.server';
import { RECORDING_ROLES } from '~/modules/users/staff';

// A room's month as delivered, for the Dinas Pendidikan report: the learning elements and
// development domains the done activities touched, the activities most used, the gaps, and the
// children's participation. Teachers and coordinators of the center; prints on one A4 page
// (portrait) with the center, room, month, who printed it and when.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const lang = await requestLanguage(request, viewer.user.language);
  const month = new URL(request.url).searchParams.get('month') ?? monthOf(today);
  const problem = monthProblem(month, today);
  // A month that cannot be shown still names the room (or is 404 for a room not of this center).
  const report = found(
    await roomMonthCoverage({
      center,
      classroomId: params.classroomId!,
      month: problem ? monthOf(today) : month,
      lang,
    }),
  );
  return {
    report: problem ? null : report,
    classroom: report.classroom,
    month,
    thisMonth: monthOf(today),
    monthError: problem ? msg(problem) : null,
    centerName: center.name,
    timeZone: center.timeZone,
    printedBy: viewer.user.name,
    printedAt: new Date().toISOString(),
  };
}

export default function PlanCoverage() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const r = d.report;
  const monthName = d.monthError ? d.month : formatMonth(d.month, lng);
  const monthLink = (month: string) => `?month=${month}`;
  return (
    <section className="plan-page coverage-page">
      <style>{'@media print { @page { size: A4 portrait; margin: 12mm; } }'}</style>
      <p className="eyebrow">{d.centerName}</p>
      <h1>{t('coverage.title', { room: d.classroom.name })}</h1>
      <p className="lead">{monthName}</p>
      <div className="print-only coverage-head">
        <p>
          <strong>{t('coverage.printTitle')}</strong>
        </p>
        <p>
          {d.centerName} · {d.classroom.name} · {monthName}
        </p>
      </div>
      <nav className="actions no-print" aria-label={t('coverage.months')}>
        {d.monthError ? null : (
          <Link to={monthLink(addMonths(d.month, -1))} className="secondary button-link">
            {t('coverage.previousMonth')}
          </Link>
        )}
        {d.month !== d.thisMonth ? (
          <Link to={monthLink(d.thisMonth)} className="secondary button-link">
            {t('coverage.thisMonth')}
          </Link>
        ) : null}
        {!d.monthError && d.month < d.thisMonth ? (
          <Link to={monthLink(addMonths(d.month, 1))} className="secondary button-link">
            {t('coverage.nextMonth')}
          </Link>
        ) : null}
        <Link to={`../${d.classroom.id}`} relative="path" className="secondary button-link">
          {t('coverage.backToPlans')}
        </Link>
        {r ? (
          <button type="button" className="secondary" onClick={() => window.print()}>
            {t('coverage.print')}
          </button>
        ) : null}
      </nav>
      <ErrorMessage message={d.monthError ?? undefined} />
      {r && r.done === 0 ? <p className="empty">{t('coverage.empty')}</p> : null}
      {r && r.done > 0 ? (
        <>
          <section aria-labelledby="coverage-summary">
            <h2 id="coverage-summary">{t('coverage.summary')}</h2>
            <ul className="plain coverage-figures">
              <li>{t('coverage.doneCount', { count: r.done })}</li>
              <li>{t('coverage.choiceCount', { count: r.childrenChoice })}</li>
              <li>{t('coverage.wordsCount', { count: r.words })}</li>
            </ul>
          </section>
          <div className="plan-coverage">
            <section aria-labelledby="coverage-elements">
              <h2 id="coverage-elements">{t('activities.elementsLabel')}</h2>
              <ul className="plain" aria-labelledby="coverage-elements">
                {LEARNING_ELEMENTS.map((e) => (
                  <li key={e} className={r.elements[e] ? 'covered' : 'uncovered'}>
                    {t(`activities.elements.${e}`)}: {t('coverage.timesCount', { count: r.elements[e] ?? 0 })}
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="coverage-domains">
              <h2 id="coverage-domains">{t('plans.domains')}</h2>
              <ul className="plain" aria-labelledby="coverage-domains">
                {DOMAINS.map((dm) => (
                  <li key={dm} className={r.domains[dm] ? 'covered' : 'uncovered'}>
                    {t(`domains.${dm}`)}: {t('coverage.timesCount', { count: r.domains[dm] ?? 0 })}
                  </li>
                ))}
              </ul>
            </section>
          </div>
          <section aria-labelledby="coverage-most-used">
            <h2 id="coverage-most-used">{t('coverage.mostUsed')}</h2>
            {r.mostUsed.length === 0 ? (
              <p className="empty">{t('coverage.mostUsedNone')}</p>
            ) : (
              <ol aria-labelledby="coverage-most-used">
                {r.mostUsed.map((a) => (
                  <li key={a.activityId}>
                    {a.title} — {t('coverage.timesCount', { count: a.count })}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="coverage-gaps">
            <h2 id="coverage-gaps">{t('coverage.gaps')}</h2>
            {r.gaps.elements.length === 0 && r.gaps.domains.length === 0 ? (
              <p>{t('coverage.gapsNone')}</p>
            ) : (
              <ul className="plain">
                {r.gaps.elements.map((e) => (
                  <li key={e}>{t('coverage.notTouched', { name: t(`activities.elements.${e}`) })}</li>
                ))}
                {r.gaps.domains.map((dm) => (
                  <li key={dm}>{t('coverage.notTouched', { name: t(`domains.${dm}`) })}</li>
                ))}
              </ul>
            )}
            <h3>{t('coverage.notYetTitle', { count: r.unsupported.length })}</h3>
            {r.unsupported.length === 0 ? (
              <p className="empty">{t('coverage.notYetNone')}</p>
            ) : (
              <ul className="plain not-yet-list">
                {r.unsupported.map((u) => (
                  <li key={u.child.id}>
                    <strong>{u.child.nickname ?? u.child.full_name}</strong>:{' '}
                    {u.items.map((i) => `${itemText(i, lng)} (${t(`domains.${i.domain}`)})`).join('; ')}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="coverage-words" className="child-words">
            <h2 id="coverage-words">{t('coverage.words')}</h2>
            {r.wordEntries.length === 0 ? (
              <p className="empty">{t('coverage.wordsNone')}</p>
            ) : (
              r.wordEntries.map((w) => (
                <figure key={w.id}>
                  <blockquote>{w.text}</blockquote>
                  <figcaption>
                    {[formatDate(w.date, lng), w.activity, w.children.join(', ')].filter(Boolean).join(' · ')}
                  </figcaption>
                </figure>
              ))
            )}
          </section>
        </>
      ) : null}
      <p className="print-only coverage-printed">
        {t('coverage.printedBy', { name: d.printedBy, at: formatDateTime(d.printedAt, lng, d.timeZone) })}
      </p>
    </section>
  );
}
