import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field } from '~/components/field';
import { CheckStatePill, DocumentInput, RatioFlag, ScoreChart } from '~/components/safeguarding';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { centerContext } from '~/modules/centers/context.server';
import { checkUpload, DOCUMENT_TYPES, readFormWithFiles } from '~/modules/files/uploads.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { LICENCE_KINDS, LicenceSchema, REQUIRED_FOR_RATIO } from '~/modules/safeguarding/checks';
import {
  listAssessments,
  listLicences,
  recordLicence,
  staffCheckStatus,
} from '~/modules/safeguarding/safeguarding.server';
import { ScrollTable } from '~/components/scroll-table';

const REQUEST_MAX_BYTES = 6 * 1024 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center, today } = await centerContext(request, params, { roles: ['coordinator'] });
  const [staff, licences, assessments] = await Promise.all([
    staffCheckStatus({ centerId: center.id, today }),
    listLicences({ centerId: center.id, today }),
    listAssessments({ centerId: center.id }),
  ]);
  return { staff, licences, assessments, today, centerId: center.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params, { roles: ['coordinator'] });
  const { formData, uploads } = await readFormWithFiles(request, { maxBytes: REQUEST_MAX_BYTES });
  const parsed = parseForm(formData, LicenceSchema(today));
  if (!parsed.ok) return parsed.response;
  const upload = uploads.get('document');
  const document = upload ? await checkUpload(upload, DOCUMENT_TYPES) : null;
  if (document && 'error' in document) return failure(formData, { document: document.error });
  await recordLicence({ centerId: center.id, actorId: viewer.user.id, input: parsed.data, document });
  return data({ saved: true });
}

export default function Safeguarding() {
  const { staff, licences, assessments, today, centerId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const form = useValidatedForm(LicenceSchema(today), {
    intent: 'licence',
    defaultValues: { kind: 'operating_licence' },
  });
  const kind = form.watch('kind') as string | undefined;
  const docUrl = (id: string) => `/c/${centerId}/safeguarding/documents/${id}`;
  const current = licences.filter((l) => l.current);
  return (
    <section>
      <h1>{t('safeguarding.title')}</h1>
      <p className="hint">{t('safeguarding.intro')}</p>

      <h2>{t('safeguarding.staffTitle')}</h2>
      <ScrollTable label={t('safeguarding.staffTitle')}>
        <table>
          <thead>
            <tr>
              <th>{t('staff.name')}</th>
              {REQUIRED_FOR_RATIO.map((k) => (
                <th key={k}>{t(`safeguarding.checkShort.${k}`)}</th>
              ))}
              <th>{t('safeguarding.trainings')}</th>
              <th>{t('safeguarding.ratioColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`staff/${s.id}`}>{s.name}</Link>
                  <br />
                  <span className="hint">{s.roles.map((r) => t(`roles.${r}`)).join(', ')}</span>
                </td>
                {REQUIRED_FOR_RATIO.map((k) => {
                  const state = s.states.find((x) => x.kind === k)!;
                  return (
                    <td key={k}>
                      <CheckStatePill state={state.state} expiresOn={state.expiresOn} />
                    </td>
                  );
                })}
                <td>
                  {s.trainingsDue.length === 0
                    ? t('safeguarding.trainingsOk')
                    : t('safeguarding.trainingsDue', {
                        list: s.trainingsDue.map((k) => t(`safeguarding.checkShort.${k}`)).join(', '),
                      })}
                </td>
                <td>
                  <RatioFlag counts={s.counts} reason={s.reason} decided={s.decidedAt !== null} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>

      <h2>{t('safeguarding.licencesTitle')}</h2>
      {current.length === 0 ? <p className="empty">{t('safeguarding.noLicences')}</p> : null}
      <ul className="plain">
        {licences.map((l) => (
          <li key={l.id} className={l.current ? undefined : 'hint'}>
            <strong>{t(`safeguarding.licenceKinds.${l.kind}`)}</strong> · {l.reference}
            {l.issuer ? ` · ${l.issuer}` : ''}
            {l.grade ? ` · ${t('safeguarding.gradeIs', { grade: l.grade })}` : ''} ·{' '}
            {t('safeguarding.issued', { date: formatDate(l.issued_on, lng) })} ·{' '}
            {l.current ? <CheckStatePill state={l.state} expiresOn={l.expires_on} /> : t('safeguarding.replaced')}
            {l.document_id ? (
              <>
                {' · '}
                <a href={docUrl(l.document_id)} target="_blank" rel="noreferrer">
                  {l.file_name ?? t('safeguarding.document')}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {actionData && 'saved' in actionData ? (
        <p className="notice" role="status">
          {t('safeguarding.licenceSaved')}
        </p>
      ) : null}
      <details className="card" open={actionData !== undefined && 'errors' in actionData}>
        <summary>{t('safeguarding.addLicence')}</summary>
        <Form method="post" encType="multipart/form-data" onSubmit={form.onSubmit} noValidate className="form-grid">
          <input type="hidden" name="intent" value="licence" />
          <ErrorMessage message={form.formError} />
          <div className="field">
            <label htmlFor="f-licence-kind">{t('safeguarding.licenceKind')}</label>
            <select id="f-licence-kind" {...form.register('kind')}>
              {LICENCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`safeguarding.licenceKinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <Field label={t('safeguarding.licenceNumber')} autoComplete="off" {...form.field('reference')} />
          <Field label={t('safeguarding.issuer')} autoComplete="off" {...form.field('issuer')} />
          {kind === 'accreditation' ? (
            <Field label={t('safeguarding.grade')} autoComplete="off" {...form.field('grade')} />
          ) : null}
          <Field label={t('safeguarding.issuedOn')} type="date" max={today} {...form.field('issued_on')} />
          <Field label={t('safeguarding.expiresOn')} type="date" {...form.field('expires_on')} />
          <DocumentInput error={actionData && 'errors' in actionData ? actionData.errors.document : undefined} />
          <button type="submit" className="primary">
            {t('safeguarding.saveLicence')}
          </button>
        </Form>
      </details>

      <h2>{t('safeguarding.assessmentsTitle')}</h2>
      <p className="hint">{t('safeguarding.standardNote')}</p>
      <ScoreChart points={assessments.map((a) => ({ date: a.assessed_on, score: a.score }))} />
      {assessments.length === 0 ? <p className="empty">{t('safeguarding.noAssessments')}</p> : null}
      <ul className="plain">
        {[...assessments].reverse().map((a) => (
          <li key={a.id}>
            <Link to={`assessments/${a.id}`}>
              {formatDate(a.assessed_on, lng)} · {t('safeguarding.scoreIs', { score: a.score })}
            </Link>
            {a.assessed_by_name ? <span className="hint"> · {a.assessed_by_name}</span> : null}
          </li>
        ))}
      </ul>
      <p>
        <Link to="assessments/new" className="button-link primary">
          {t('safeguarding.newAssessment')}
        </Link>
      </p>
    </section>
  );
}
