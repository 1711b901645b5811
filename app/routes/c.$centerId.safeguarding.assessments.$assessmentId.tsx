import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { centerContext } from '~/modules/centers/context.server';
import { found } from '~/modules/http.server';
import { getAssessment } from '~/modules/safeguarding/safeguarding.server';
import { CRITERIA, MET_NAMES, STANDARD_AREAS } from '~/modules/safeguarding/standard';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: ['coordinator'] });
  const assessment = found(await getAssessment({ centerId: center.id, assessmentId: params.assessmentId! }));
  return { assessment, centerId: center.id, centerName: center.name };
}

/** One assessment, printable on A4: each criterion with its answer, note and evidence. */
export default function Assessment() {
  const { assessment, centerId, centerName } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <section>
      <h1>
        {t('safeguarding.assessmentTitle', { center: centerName, date: formatDate(assessment.assessed_on, lng) })}
      </h1>
      <p className="lead">
        <strong>{t('safeguarding.scoreIs', { score: assessment.score })}</strong>
        {assessment.assessed_by_name ? ` · ${t('safeguarding.assessedBy', { name: assessment.assessed_by_name })}` : ''}
      </p>
      <p className="hint">{t('safeguarding.standardNote')}</p>
      <p className="no-print">
        <Link to={`/c/${centerId}/safeguarding`}>{t('safeguarding.backToCenter')}</Link>{' '}
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('safeguarding.print')}
        </button>
      </p>
      {STANDARD_AREAS.map((area) => (
        <div key={area}>
          <h2>{t(`safeguarding.areas.${area}`)}</h2>
          <ul className="plain">
            {CRITERIA.filter((c) => c.area === area).map((c) => {
              const answer = assessment.answers[c.key];
              return (
                <li key={c.key}>
                  {c.text[lng]} —{' '}
                  <strong>
                    {answer ? t(`safeguarding.met.${MET_NAMES[answer.met]}`) : t('safeguarding.notAnswered')}
                  </strong>
                  {answer?.note ? <p className="hint">{answer.note}</p> : null}
                  {answer?.documentIds.map((id) => (
                    <p key={id} className="hint">
                      {t('safeguarding.evidence')}:{' '}
                      <a href={`/c/${centerId}/safeguarding/documents/${id}`} target="_blank" rel="noreferrer">
                        {assessment.documents[id] ?? t('safeguarding.document')}
                      </a>
                    </p>
                  ))}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
