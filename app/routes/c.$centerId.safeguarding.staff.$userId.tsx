import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field } from '~/components/field';
import { CheckStatePill, DocumentInput } from '~/components/safeguarding';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDate, formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { centerContext } from '~/modules/centers/context.server';
import { checkUpload, DOCUMENT_TYPES, readFormWithFiles } from '~/modules/files/uploads.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { forbidden, found, notFound } from '~/modules/http.server';
import { RATIO_DECISIONS, RatioDecisionSchema, StaffCheckSchema } from '~/modules/safeguarding/checks';
import { decideRatio, personAccess, personRecord, recordStaffCheck } from '~/modules/safeguarding/safeguarding.server';
import { STAFF_CHECK_KINDS } from '~db/schema';
import { ScrollTable } from '~/components/scroll-table';

/** A check's document is one scan or photo: a little over the upload limit for the request. */
const REQUEST_MAX_BYTES = 6 * 1024 * 1024;

/** The coordinator, or the person (`me` is the signed-in person); anyone else is refused, audited, 404. */
async function access(request: Request, params: LoaderFunctionArgs['params']) {
  const context = await centerContext(request, params);
  const { viewer, center } = context;
  const userId = params.userId === 'me' ? viewer.user.id : params.userId!;
  const allowed = await personAccess({
    centerId: center.id,
    userId,
    viewerId: viewer.user.id,
    viewerRoles: viewer.roles,
  });
  if (!allowed.ok) notFound();
  return { ...context, userId, isCoordinator: viewer.roles.includes('coordinator') };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center, today, userId, isCoordinator } = await access(request, params);
  const record = found(await personRecord({ centerId: center.id, userId, today }));
  return { record, today, isCoordinator, zone: center.timeZone, centerId: center.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today, userId, isCoordinator } = await access(request, params);
  if (!isCoordinator) forbidden();
  const { formData, uploads } = await readFormWithFiles(request, { maxBytes: REQUEST_MAX_BYTES });
  if (formData.get('intent') === 'ratio') {
    const parsed = parseForm(formData, RatioDecisionSchema);
    if (!parsed.ok) return parsed.response;
    const result = await decideRatio({
      centerId: center.id,
      userId,
      actorId: viewer.user.id,
      decision: parsed.data.decision,
    });
    if (!result.ok) notFound();
    return data({ saved: 'ratio' as const });
  }
  const parsed = parseForm(formData, StaffCheckSchema(today));
  if (!parsed.ok) return parsed.response;
  const upload = uploads.get('document');
  const document = upload ? await checkUpload(upload, DOCUMENT_TYPES) : null;
  if (document && 'error' in document) return failure(formData, { document: document.error });
  const result = await recordStaffCheck({
    centerId: center.id,
    userId,
    actorId: viewer.user.id,
    input: parsed.data,
    document,
  });
  if (!result.ok) notFound();
  return data({ saved: 'check' as const });
}

export default function StaffRecord() {
  const { record, today, isCoordinator, zone, centerId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const { status } = record;
  const form = useValidatedForm(StaffCheckSchema(today), {
    intent: 'check',
    defaultValues: { kind: 'police_clearance' },
  });
  const saved = actionData && 'saved' in actionData ? actionData.saved : null;
  const docUrl = (id: string) => `/c/${centerId}/safeguarding/documents/${id}`;
  return (
    <section>
      <h1>{t('safeguarding.personTitle', { name: status.name })}</h1>
      {isCoordinator ? (
        <p>
          <Link to={`/c/${centerId}/safeguarding`}>{t('safeguarding.backToCenter')}</Link>
        </p>
      ) : null}
      {saved ? (
        <p className="notice" role="status">
          {t(saved === 'ratio' ? 'safeguarding.ratioSaved' : 'safeguarding.checkSaved')}
        </p>
      ) : null}

      <div className={`card ${status.counts ? '' : 'ratio-warning'}`}>
        <p>
          <strong>
            {status.counts
              ? t('safeguarding.counts')
              : status.reason === 'lapsed'
                ? t('safeguarding.notCountedLapsed', {
                    checks: status.lapsed.map((k) => t(`safeguarding.checkKinds.${k}`)).join(', '),
                  })
                : t('safeguarding.notCountedDecided')}
          </strong>
        </p>
        {status.decidedAt ? (
          <p className="hint">
            {t(status.override === 1 ? 'safeguarding.decidedCount' : 'safeguarding.decidedExclude', {
              name: record.decidedByName ?? '',
              at: formatDateTime(status.decidedAt, lng, zone),
            })}
          </p>
        ) : (
          <p className="hint">{t('safeguarding.ruleHint')}</p>
        )}
        {isCoordinator ? (
          <Form method="post" className="row-actions">
            <input type="hidden" name="intent" value="ratio" />
            {RATIO_DECISIONS.map((decision) => (
              <button key={decision} type="submit" name="decision" value={decision} className="secondary">
                {t(`safeguarding.decision.${decision}`)}
              </button>
            ))}
          </Form>
        ) : null}
      </div>

      <h2>{t('safeguarding.checksTitle')}</h2>
      <ScrollTable label={t('safeguarding.checksTitle')}>
        <table>
          <thead>
            <tr>
              <th>{t('safeguarding.check')}</th>
              <th>{t('safeguarding.state.title')}</th>
            </tr>
          </thead>
          <tbody>
            {status.states.map((s) => (
              <tr key={s.kind}>
                <td>
                  {t(`safeguarding.checkKinds.${s.kind}`)}
                  {s.required ? <span className="hint"> · {t('safeguarding.requiredForRatio')}</span> : null}
                </td>
                <td>
                  <CheckStatePill state={s.state} expiresOn={s.expiresOn} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>

      <h2>{t('safeguarding.historyTitle')}</h2>
      {record.checks.length === 0 ? <p className="empty">{t('safeguarding.noChecks')}</p> : null}
      <ul className="plain">
        {record.checks.map((c) => (
          <li key={c.id}>
            <strong>{t(`safeguarding.checkKinds.${c.kind}`)}</strong>
            {c.reference ? ` · ${c.reference}` : ''} ·{' '}
            {t('safeguarding.issued', { date: formatDate(c.issued_on, lng) })}
            {' · '}
            <CheckStatePill state={c.state} expiresOn={c.expires_on} />
            {c.document_id ? (
              <>
                {' · '}
                <a href={docUrl(c.document_id)} target="_blank" rel="noreferrer">
                  {c.file_name ?? t('safeguarding.document')}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>

      {isCoordinator ? (
        <>
          <h2>{t('safeguarding.addCheck')}</h2>
          <Form
            method="post"
            encType="multipart/form-data"
            onSubmit={form.onSubmit}
            noValidate
            className="card form-grid"
          >
            <input type="hidden" name="intent" value="check" />
            <ErrorMessage message={form.formError} />
            <div className="field">
              <label htmlFor="f-kind">{t('safeguarding.check')}</label>
              <select id="f-kind" {...form.register('kind')}>
                {STAFF_CHECK_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`safeguarding.checkKinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <Field label={t('safeguarding.reference')} autoComplete="off" {...form.field('reference')} />
            <Field label={t('safeguarding.issuedOn')} type="date" max={today} {...form.field('issued_on')} />
            <Field
              label={t('safeguarding.expiresOn')}
              type="date"
              hint={t('safeguarding.expiresHint')}
              {...form.field('expires_on')}
            />
            <DocumentInput error={actionData && 'errors' in actionData ? actionData.errors.document : undefined} />
            <button type="submit" className="primary">
              {t('safeguarding.saveCheck')}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
