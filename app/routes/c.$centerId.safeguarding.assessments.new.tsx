import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field } from '~/components/field';
import { DocumentInput } from '~/components/safeguarding';
import { useValidatedForm } from '~/components/use-validated-form';
import type { Lang } from '~/i18n/i18n';
import { centerContext } from '~/modules/centers/context.server';
import { checkUpload, DOCUMENT_TYPES, readFormWithFiles, type CheckedUpload } from '~/modules/files/uploads.server';
import type { FieldErrors } from '~/modules/forms/fields';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { saveAssessment } from '~/modules/safeguarding/safeguarding.server';
import { AssessmentSchema, CRITERIA, MET_LEVELS, MET_NAMES, STANDARD_AREAS } from '~/modules/safeguarding/standard';

/** Evidence: one document per criterion at most, 5 MB each; the whole form at most 30 MB. */
const REQUEST_MAX_BYTES = 30 * 1024 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { today } = await centerContext(request, params, { roles: ['coordinator'] });
  return { today };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params, { roles: ['coordinator'] });
  const { formData, uploads } = await readFormWithFiles(request, { maxBytes: REQUEST_MAX_BYTES });
  const parsed = parseForm(formData, AssessmentSchema(today));
  if (!parsed.ok) return parsed.response;
  const evidence: { key: string; upload: CheckedUpload }[] = [];
  const errors: FieldErrors = {};
  for (const c of CRITERIA) {
    const upload = uploads.get(`evidence_${c.key}`);
    if (!upload) continue;
    const checked = await checkUpload(upload, DOCUMENT_TYPES);
    if ('error' in checked) errors[`evidence_${c.key}`] = checked.error;
    else evidence.push({ key: c.key, upload: checked });
  }
  if (Object.keys(errors).length) return failure(formData, errors);
  const saved = await saveAssessment({
    centerId: center.id,
    actorId: viewer.user.id,
    assessedOn: parsed.data.assessedOn,
    answers: parsed.data.answers,
    evidence,
  });
  return redirect(`/c/${center.id}/safeguarding/assessments/${saved.id}`);
}

export default function NewAssessment() {
  const { today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const form = useValidatedForm(AssessmentSchema(today), { defaultValues: { assessed_on: today } });
  const serverErrors = actionData && 'errors' in actionData ? actionData.errors : {};
  return (
    <section className="criteria">
      <h1>{t('safeguarding.newAssessment')}</h1>
      <p className="hint">{t('safeguarding.standardNote')}</p>
      <p>
        <Link to="../.." relative="path">
          {t('safeguarding.backToCenter')}
        </Link>
      </p>
      <Form method="post" encType="multipart/form-data" onSubmit={form.onSubmit} noValidate>
        <ErrorMessage message={form.formError} />
        <Field label={t('safeguarding.assessedOn')} type="date" max={today} {...form.field('assessed_on')} />
        {STANDARD_AREAS.map((area) => (
          <div key={area}>
            <h2>{t(`safeguarding.areas.${area}`)}</h2>
            {CRITERIA.filter((c) => c.area === area).map((c) => {
              const met = form.field(`met_${c.key}`);
              const note = form.field(`note_${c.key}`);
              const initial: unknown = form.formState.defaultValues?.[`met_${c.key}`];
              return (
                <fieldset key={c.key} aria-describedby={met.error ? `met-${c.key}-error` : undefined}>
                  <legend>{c.text[lng]}</legend>
                  <div className="row-actions" role="radiogroup">
                    {MET_LEVELS.map((level) => (
                      <label key={level}>
                        <input
                          type="radio"
                          value={String(level)}
                          {...met.registration}
                          defaultValue={undefined}
                          defaultChecked={initial === String(level)}
                        />{' '}
                        {t(`safeguarding.met.${MET_NAMES[level]}`)}
                      </label>
                    ))}
                  </div>
                  <ErrorMessage id={`met-${c.key}-error`} message={met.error} />
                  <div className="field">
                    <label htmlFor={`f-note_${c.key}`}>{t('safeguarding.note')}</label>
                    <textarea id={`f-note_${c.key}`} rows={2} {...note.registration} />
                    <ErrorMessage message={note.error} />
                  </div>
                  <DocumentInput
                    name={`evidence_${c.key}`}
                    label={t('safeguarding.evidence')}
                    error={serverErrors[`evidence_${c.key}`]}
                  />
                </fieldset>
              );
            })}
          </div>
        ))}
        <button type="submit" className="primary">
          {t('safeguarding.saveAssessment')}
        </button>
      </Form>
    </section>
  );
}
