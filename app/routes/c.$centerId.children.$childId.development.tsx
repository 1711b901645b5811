import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DomainProgress } from '~/components/domain-progress';
import { ErrorMessage, Field, SelectField } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { childContext } from '~/modules/centers/context.server';
import { mayRecord, RECORDING_ROLES } from '~/modules/users/staff';
import { setFlash } from '~/modules/auth/session.server';
import { kpspSchema, observedOnSchema } from '~/modules/development/development';
import {
  checklistEntries,
  developmentRecord,
  recordKpsp,
  recordObservations,
} from '~/modules/development/development.server';
import { DOMAINS, KPSP_AGES } from '~/modules/development/rules';
import { readFormWithFiles } from '~/modules/files/uploads.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { found, notFound } from '~/modules/http.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await childContext(request, params);
  const record = found(await developmentRecord({ center, childId: params.childId! }));
  return { ...record, canRecord: mayRecord(viewer.roles) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await childContext(request, params, { roles: RECORDING_ROLES });
  const { user, session } = viewer;
  const record = found(await developmentRecord({ center, childId: params.childId! }));
  // The checklist form is multipart (each item may carry a photo); the KPSP form is not.
  const { formData, uploads } = await readFormWithFiles(request);
  if (formData.get('intent') === 'kpsp') {
    const parsed = parseForm(formData, kpspSchema(record.today));
    if (!parsed.ok) return parsed.response;
    found(
      await recordKpsp({
        centerId: center.id,
        childId: record.child.id,
        actorId: user.id,
        screenedOn: parsed.data.screened_on,
        agePointMonths: parsed.data.age_point_months,
        yesCount: parsed.data.yes_count,
        note: parsed.data.note,
      }),
    );
    await setFlash(session, 'flash.saved');
    return redirect(`/c/${center.id}/children/${record.child.id}/development`);
  }
  const observedOn = observedOnSchema(record.today).safeParse(formData.get('observed_on'));
  if (!observedOn.success) return failure(formData, { observed_on: observedOn.error.issues[0].message });
  const checklist = await checklistEntries({ childId: record.child.id, formData, uploads });
  if ('error' in checklist) return failure(formData, { form: checklist.error });
  if (checklist.entries.length === 0) return failure(formData, { form: 'errors.nothingChosen' });
  if (
    (await recordObservations({
      centerId: center.id,
      actorId: user.id,
      observedOn: observedOn.data,
      entries: checklist.entries,
    })) === null
  )
    notFound();
  await setFlash(session, 'flash.saved');
  return redirect(`/c/${center.id}/children/${record.child.id}/development`);
}

export default function Development() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const text = (i: { text_id: string; text_en: string }) => (lng === 'en' ? i.text_en : i.text_id);
  const kpsp = useValidatedForm(
    useMemo(() => kpspSchema(d.today), [d.today]),
    { intent: 'kpsp', defaultValues: { screened_on: d.today, age_point_months: String(d.kpspDue ?? '') } },
  );
  const observeErrors = actionData && 'errors' in actionData && actionData.intent !== 'kpsp' ? actionData.errors : {};
  return (
    <section className="development">
      <p className="eyebrow">
        <Link to=".." relative="path">
          {d.child.fullName}
        </Link>
      </p>
      <h1>{t('development.title', { name: d.child.name })}</h1>
      <p className="lead">
        {t('development.age', { count: d.age.months })}
        {d.age.corrected ? ` (${t('development.corrected')})` : ''} ·{' '}
        {d.band ? t('development.band', { band: d.band }) : t('development.tooYoung')}{' '}
        <button type="button" className="secondary no-print" onClick={() => window.print()}>
          {t('roster.print')}
        </button>
      </p>

      <div className={`card ${d.flags.length ? 'attention' : ''}`}>
        <h2>{t('development.summary')}</h2>
        {d.flags.length === 0 ? (
          <p>{t('development.noFlags')}</p>
        ) : (
          <>
            <p>{t('development.flagsIntro', { count: d.flags.length })}</p>
            <ul>
              {d.flags.map((f) => (
                <li key={f.id}>
                  {text(f)}{' '}
                  <span className="hint">
                    ({t(`domains.${f.domain}`)}, {t('development.bandShort', { band: f.age_months })})
                  </span>
                </li>
              ))}
            </ul>
            <p className="hint">{t('development.neverDiagnosis')}</p>
          </>
        )}
        <DomainProgress progress={d.progress} />
      </div>

      {d.byBand.length > 0 ? (
        <div className="card">
          <h2>{t('development.overTime')}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('development.ageBand')}</th>
                  {DOMAINS.map((dm) => (
                    <th key={dm}>{t(`domains.${dm}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.byBand.map((b) => (
                  <tr key={b.band}>
                    <th scope="row">{t('development.bandShort', { band: b.band })}</th>
                    {b.domains.map((x) => (
                      <td key={x.domain}>
                        {x.total ? t('development.progressValue', { yes: x.yes, total: x.total }) : '—'}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}

      {d.checklist.length > 0 ? (
        <Form method="post" encType="multipart/form-data" className="card checklist">
          <h2>{t('development.checklist')}</h2>
          <ErrorMessage message={observeErrors.form} />
          {d.canRecord ? (
            <div className="field no-print">
              <label htmlFor="observed_on">{t('development.observedOn')}</label>
              <input id="observed_on" name="observed_on" type="date" max={d.today} defaultValue={d.today} />
              <ErrorMessage message={observeErrors.observed_on} />
            </div>
          ) : null}
          {DOMAINS.map((domain) => {
            const items = d.checklist.filter((i) => i.domain === domain);
            if (items.length === 0) return null;
            return (
              <fieldset key={domain}>
                <legend>{t(`domains.${domain}`)}</legend>
                {items.map((item) => (
                  <div key={item.id} className={`milestone ${item.flagged ? 'flagged' : ''}`}>
                    <p>
                      {text(item)} <span className="hint">{t('development.bandShort', { band: item.age_months })}</span>
                      {item.latest ? (
                        <span className={`status status-${item.latest.status}`}>
                          {t(`observation.${item.latest.status}`)} · {formatDate(item.latest.observed_on, lng)}
                        </span>
                      ) : null}
                      {item.latest?.note ? (
                        <span className="hint">
                          {' '}
                          · {item.latest.note} (
                          {t(item.latest.visible_to_family ? 'development.noteShared' : 'development.noteStaffOnly')})
                        </span>
                      ) : null}
                      {item.latest?.photo_document_id ? (
                        <a
                          href={`documents/${item.latest.photo_document_id}`}
                          target="_blank"
                          rel="noreferrer"
                          className="hint"
                        >
                          {' '}
                          · {t('development.photo')}
                        </a>
                      ) : null}
                    </p>
                    {d.canRecord ? (
                      <div className="choice no-print" role="radiogroup" aria-label={text(item)}>
                        {(['yes', 'not_yet', 'not_sure'] as const).map((s) => (
                          <label key={s}>
                            <input type="radio" name={`status:${item.id}`} value={s} /> {t(`observation.${s}`)}
                          </label>
                        ))}
                        <input
                          name={`note:${item.id}`}
                          placeholder={t('development.note')}
                          aria-label={`${t('development.note')}: ${text(item)}`}
                        />
                        <label>
                          <input type="checkbox" name={`share:${item.id}`} /> {t('development.shareNote')}
                        </label>
                        <input
                          type="file"
                          name={`photo:${item.id}`}
                          accept="image/jpeg,image/png"
                          capture="environment"
                          aria-label={`${t('development.photo')}: ${text(item)}`}
                        />
                      </div>
                    ) : null}
                  </div>
                ))}
              </fieldset>
            );
          })}
          {d.canRecord ? (
            <button type="submit" name="intent" value="observe" className="primary no-print">
              {t('development.saveObservations')}
            </button>
          ) : null}
          <p className="hint">{t('development.source')}</p>
        </Form>
      ) : null}

      <div className="card">
        <h2>{t('development.kpsp')}</h2>
        <p className="hint">{t('development.kpspIntro')}</p>
        {d.screenings.length === 0 ? <p className="empty">{t('development.noKpsp')}</p> : null}
        <ul className="plain">
          {d.screenings.map((s) => (
            <li key={s.id}>
              {formatDate(s.screened_on, lng)} · {t('development.kpspForm', { months: s.age_point_months })} ·{' '}
              {t('development.yesCount', { count: s.yes_count })} · <strong>{t(`kpsp.${s.interpretation}`)}</strong>
              {s.follow_up_due
                ? ` · ${t(`kpsp.followUp_${s.interpretation}`, { date: formatDate(s.follow_up_due, lng) })}`
                : ''}
            </li>
          ))}
        </ul>
        {d.canRecord ? (
          <Form method="post" onSubmit={kpsp.onSubmit} noValidate className="form-grid no-print">
            <input type="hidden" name="intent" value="kpsp" />
            <Field label={t('development.screenedOn')} type="date" max={d.today} {...kpsp.field('screened_on')} />
            <SelectField
              label={t('development.kpspAge')}
              options={KPSP_AGES.map((a) => ({ value: String(a), label: t('development.kpspForm', { months: a }) }))}
              {...kpsp.field('age_point_months')}
            />
            <Field
              label={t('development.yesAnswers')}
              type="number"
              min={0}
              max={10}
              inputMode="numeric"
              {...kpsp.field('yes_count')}
            />
            <Field label={t('development.note')} {...kpsp.field('note')} />
            <button type="submit" className="secondary">
              {t('development.saveKpsp')}
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
