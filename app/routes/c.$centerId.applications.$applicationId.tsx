import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from '~/i18n/translation';
import { CopyLink } from '~/components/copy-link';
import { ApplicationTimeline } from '~/components/application-timeline';
import { ErrorMessage, Field, SelectField } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { centerContext } from '~/modules/centers/context.server';
import {
  acceptedForFamilySchema,
  ApplicationNoteSchema,
  PriorityOverrideSchema,
  priorityFlagsOf,
  StatusChangeSchema,
} from '~/modules/enrollment/application';
import { createI18n } from '~/i18n/catalogs.server';
import { requestLanguage } from '~/i18n/language.server';
import {
  acceptForFamily,
  addApplicationNote,
  changeStatus,
  classroomsWithFit,
  getApplication,
  overridePriority,
  renewFamilyLink,
} from '~/modules/enrollment/applications.server';
import { enrollApplication } from '~/modules/enrollment/enroll.server';
import { effectivePriority, nextStatuses, priorityFor, shownStatus, type FitProblem } from '~/modules/enrollment/rules';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { found, notFound } from '~/modules/http.server';
import { readForm } from '~/modules/forms/read.server';

const fitMessage = (p: FitProblem) =>
  p.reason === 'full'
    ? `errors.fitFull?day=${p.day}&capacity=${p.capacity}`
    : `errors.fit_${p.reason}?age=${p.ageMonths}&min=${p.min}&max=${p.max}`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center, today } = await centerContext(request, params, { roles: ['coordinator'] });
  const { app, form, events, documents, position } = found(
    await getApplication({ centerId: center.id, applicationId: params.applicationId!, today }),
  );
  const fits = await classroomsWithFit({ centerId: center.id, app });
  return {
    app: {
      id: app.id,
      reference: app.reference_code,
      status: app.status,
      childName: app.child_full_name,
      classroomId: app.classroom_id,
      offerExpiresOn: app.offer_expires_on,
      childId: app.child_id,
      priorityScore: app.priority_score,
      priorityOverride: app.priority_override,
      priorityOverrideReason: app.priority_override_reason,
      priority: effectivePriority(app),
    },
    form,
    reasons: priorityFor(center.kind, priorityFlagsOf(form)).reasons,
    events,
    documents,
    position,
    fits: fits.map((f) => ({
      id: f.id,
      name: f.name,
      problem: f.problem,
      message: f.problem ? fitMessage(f.problem) : null,
    })),
    choices: nextStatuses(app.status, 'staff').filter((s) => s !== 'enrolled'),
    canEnroll: app.status === 'accepted',
    centerKind: center.kind,
    timeZone: center.timeZone,
    today,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await centerContext(request, params, { roles: ['coordinator'] });
  const { user } = viewer;
  const centerId = center.id;
  const applicationId = params.applicationId!;
  const formData = await readForm(request);
  const intent = formData.get('intent');
  if (intent === 'priority') {
    const parsed = parseForm(formData, PriorityOverrideSchema);
    if (!parsed.ok) return parsed.response;
    const saved = await overridePriority({
      centerId,
      applicationId,
      actorId: user.id,
      value: parsed.data.priority_override,
      reason: parsed.data.priority_override_reason,
    });
    if (!saved) notFound();
    return redirect(`/c/${centerId}/applications/${applicationId}`);
  }
  if (intent === 'note') {
    const parsed = parseForm(formData, ApplicationNoteSchema);
    if (!parsed.ok) return parsed.response;
    if (!(await addApplicationNote({ centerId, applicationId, actorId: user.id, note: parsed.data.note }))) notFound();
    return redirect(`/c/${centerId}/applications/${applicationId}`);
  }
  if (intent === 'accept-for-family') {
    const parsed = parseForm(formData, acceptedForFamilySchema(today));
    if (!parsed.ok) return parsed.response;
    // The history says who said yes and when, in the coordinator's words.
    const { t } = createI18n(await requestLanguage(request, user.language));
    const note = t('applicationDetail.acceptedForFamilyNote', {
      who: parsed.data.accepted_by,
      date: parsed.data.accepted_on,
    });
    const result = await acceptForFamily({ centerId, applicationId, actorId: user.id, note, today });
    if (result === 'notFound') notFound();
    if (result === 'notAllowed') return failure(formData, { form: 'errors.transitionNotAllowed' });
    return redirect(`/c/${centerId}/applications/${applicationId}`);
  }
  if (intent === 'family-link') {
    const token = found(await renewFamilyLink({ centerId, applicationId, actorId: user.id }));
    return data({ familyLink: `${new URL(request.url).origin}/applications/${token}` });
  }
  if (intent === 'enroll') {
    const result = found(await enrollApplication({ centerId, applicationId, actorId: user.id }));
    const origin = new URL(request.url).origin;
    return data({
      enrolled: {
        childId: result.childId,
        invites: result.invites.map((i) => ({ name: i.name, email: i.email, link: `${origin}/invite/${i.token}` })),
      },
    });
  }
  const parsed = parseForm(formData, StatusChangeSchema);
  if (!parsed.ok) return parsed.response;
  const result = await changeStatus({
    centerId,
    applicationId,
    actorId: user.id,
    to: parsed.data.to,
    note: parsed.data.note,
    classroomId: parsed.data.classroom_id || null,
    offerExpiresOn: parsed.data.offer_expires_on || null,
    today,
  });
  if (!result.ok) {
    const errors: Record<string, string> =
      result.error === 'fit'
        ? { classroom_id: fitMessage(result.problem) }
        : result.error === 'classroomRequired'
          ? { classroom_id: 'errors.classroomRequired' }
          : result.error === 'expiryRequired'
            ? { offer_expires_on: 'errors.expiryRequired' }
            : { form: 'errors.transitionNotAllowed' };
    return failure(formData, errors);
  }
  return redirect(`/c/${centerId}/applications/${applicationId}`);
}

const FORM_SECTIONS: [string, string[]][] = [
  [
    'apply.child',
    [
      'child_full_name',
      'child_nickname',
      'child_birth_date',
      'child_sex',
      'child_nik',
      'birth_order',
      'home_languages',
    ],
  ],
  [
    'apply.guardian1',
    ['g1_name', 'g1_relationship', 'g1_phone', 'g1_email', 'g1_occupation', 'g1_employer', 'g1_employee_number'],
  ],
  [
    'apply.guardian2',
    ['g2_name', 'g2_relationship', 'g2_phone', 'g2_email', 'g2_occupation', 'g2_employer', 'g2_employee_number'],
  ],
  ['apply.care', ['address', 'preferred_start_date', 'days', 'hours_start', 'hours_end']],
  [
    'apply.health',
    ['special_needs', 'support_needed', 'allergies', 'medical_conditions', 'medicines', 'immunization_status'],
  ],
  ['apply.consents', ['consent_data', 'consent_photos', 'consent_emergency']],
];

export default function ApplicationDetail() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const priorityForm = useValidatedForm(PriorityOverrideSchema, {
    intent: 'priority',
    defaultValues: {
      priority_override: d.app.priorityOverride ?? '',
      priority_override_reason: d.app.priorityOverrideReason ?? '',
    },
  });
  const enrolled = actionData && 'enrolled' in actionData ? actionData.enrolled : null;
  const show = (key: string) => {
    const v = d.form[key];
    if (v === undefined || v === '') return null;
    if (key === 'days') return (Array.isArray(v) ? v : [v]).map((day) => t(`weekdays.${day}`)).join(', ');
    if (key.startsWith('consent_')) return t('applicationDetail.yes');
    if (key.endsWith('_relationship')) return t(`relationships.${v}`);
    if (key === 'child_sex') return t(`sex.${v}`);
    if (key.endsWith('_date') && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, lng);
    if (key === 'immunization_status') return t(`immunization.${v}`);
    return Array.isArray(v) ? v.join(', ') : v;
  };
  return (
    <section>
      <p className="eyebrow">
        <Link to="..">{t('applications.title')}</Link>
      </p>
      <h1>
        {d.app.childName} <span className="reference">{d.app.reference}</span>
      </h1>
      <p>
        <span className={`status status-${d.app.status}`}>
          {t(
            `applicationStatus.${shownStatus(
              d.app.status,
              d.events.some((e) => e.declinedByFamily),
            )}`,
          )}
        </span>
        {d.position ? ` · ${t('application.positionValue', { position: d.position })}` : ''}
        {d.app.status === 'offered' && d.app.offerExpiresOn
          ? ` · ${t('application.offerExpires')} ${formatDate(d.app.offerExpiresOn, lng)}`
          : ''}
      </p>

      {enrolled ? (
        <div className="notice" role="status">
          <p>{t('applicationDetail.enrolled')}</p>
          {enrolled.invites.map((i) => (
            <div key={i.email}>
              <p>{t('applicationDetail.guardianInvite', { name: i.name, email: i.email })}</p>
              <CopyLink url={i.link} label={t('applicationDetail.inviteFor', { name: i.name })} />
            </div>
          ))}
          <Link to={`../../children/${enrolled.childId}`} relative="path">
            {t('applicationDetail.openChild')}
          </Link>
        </div>
      ) : d.app.childId ? (
        <p>
          <Link to={`../../children/${d.app.childId}`} relative="path">
            {t('applicationDetail.openChild')}
          </Link>
        </p>
      ) : null}

      <div className="columns">
        <div>
          {d.choices.length > 0 ? (
            <StatusForm
              key={d.app.status}
              choices={d.choices}
              fits={d.fits}
              classroomId={d.app.classroomId}
              today={d.today}
            />
          ) : null}
          {d.app.status === 'offered' ? <AcceptedForFamilyForm today={d.today} /> : null}
          <NoteForm key={`note-${d.events.length}`} />
          <FamilyLinkCard link={actionData && 'familyLink' in actionData ? actionData.familyLink : null} />
          {d.canEnroll ? (
            <Form method="post" className="card">
              <h2>{t('applicationDetail.enrollTitle')}</h2>
              <p className="hint">{t('applicationDetail.enrollHint')}</p>
              <button type="submit" name="intent" value="enroll" className="primary">
                {t('applicationDetail.enroll')}
              </button>
            </Form>
          ) : null}

          <div className="card">
            <h2>{t('applicationDetail.fit')}</h2>
            <ul className="plain">
              {d.fits.map((f) => (
                <li key={f.id}>
                  <strong>{f.name}</strong>:{' '}
                  {f.message ? <ErrorMessage message={f.message} /> : t('applicationDetail.fits')}
                </li>
              ))}
            </ul>
          </div>

          <Form method="post" onSubmit={priorityForm.onSubmit} noValidate className="card">
            <h2>{t('applications.priority')}</h2>
            <p>
              {t('applicationDetail.computed', { score: d.app.priorityScore })}
              {d.reasons.length ? `: ${d.reasons.map((r) => t(`priority.${r}`)).join('; ')}` : ''}
            </p>
            <input type="hidden" name="intent" value="priority" />
            <Field
              label={t('applicationDetail.override')}
              type="number"
              min={0}
              {...priorityForm.field('priority_override')}
              hint={t('applicationDetail.overrideHint')}
            />
            <Field label={t('applicationDetail.overrideReason')} {...priorityForm.field('priority_override_reason')} />
            <button type="submit" className="secondary">
              {t('applicationDetail.save')}
            </button>
          </Form>
        </div>
        <div>
          {FORM_SECTIONS.filter(([, keys]) => keys.some((k) => show(k) !== null)).map(([title, keys]) => (
            <div className="card" key={title}>
              <h2>{t(title)}</h2>
              <dl className="facts">
                {keys
                  .filter((k) => show(k) !== null)
                  .map((k) => (
                    <div key={k} className="fact">
                      <dt>{t(`applicationFields.${k.replace(/^g[12]_/, 'guardian_')}`)}</dt>
                      <dd>{show(k)}</dd>
                    </div>
                  ))}
              </dl>
            </div>
          ))}
          <div className="card">
            <h2>{t('apply.documents')}</h2>
            {d.documents.length === 0 ? <p className="empty">{t('application.noDocuments')}</p> : null}
            <ul className="plain">
              {d.documents.map((doc) => (
                <li key={doc.id}>
                  <Link to={`documents/${doc.id}`} reloadDocument target="_blank">
                    {t(`documents.${doc.kind}`)}
                  </Link>{' '}
                  <span className="hint">
                    {doc.file_name} · {Math.ceil(doc.size_bytes / 1024)} KB
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <div className="card">
            <h2>{t('application.history')}</h2>
            <ApplicationTimeline events={d.events} timeZone={d.timeZone} />
          </div>
        </div>
      </div>
    </section>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

/**
 * The next step for the application. Nothing is chosen until the coordinator chooses (a save
 * must never decline a family by default), and the form starts afresh after each change.
 */
function StatusForm({
  choices,
  fits,
  classroomId,
  today,
}: {
  choices: Loaded['choices'];
  fits: Loaded['fits'];
  classroomId: string | null;
  today: string;
}) {
  const { t } = useTranslation();
  const form = useValidatedForm(StatusChangeSchema, {
    intent: 'status',
    defaultValues: { to: '', classroom_id: classroomId ?? '' },
  });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card">
      <h2>{t('applicationDetail.changeStatus')}</h2>
      <input type="hidden" name="intent" value="status" />
      <ErrorMessage message={form.formError} />
      <SelectField
        label={t('applicationDetail.newStatus')}
        placeholder={t('apply.choose')}
        options={choices.map((s) => ({ value: s, label: t(`applicationStatus.${s}`) }))}
        {...form.field('to')}
      />
      <SelectField
        label={t('child.classroom')}
        placeholder={t('apply.choose')}
        options={fits.map((f) => ({
          value: f.id,
          label: f.problem ? `${f.name} — ${t('applicationDetail.noFitShort')}` : f.name,
        }))}
        {...form.field('classroom_id')}
        hint={t('applicationDetail.classroomHint')}
      />
      <Field
        label={t('applicationDetail.offerExpires')}
        type="date"
        min={today}
        {...form.field('offer_expires_on')}
        hint={t('applicationDetail.offerExpiresHint')}
      />
      <Field label={t('applicationDetail.note')} {...form.field('note')} />
      <button type="submit" className="primary">
        {t('applicationDetail.save')}
      </button>
    </Form>
  );
}

/** The family said yes by phone or in person: the coordinator records it for them. */
function AcceptedForFamilyForm({ today }: { today: string }) {
  const { t } = useTranslation();
  const form = useValidatedForm(
    useMemo(() => acceptedForFamilySchema(today), [today]),
    { intent: 'accept-for-family', defaultValues: { accepted_on: today } },
  );
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card">
      <h2>{t('applicationDetail.acceptedForFamily')}</h2>
      <p className="hint">{t('applicationDetail.acceptedForFamilyHint')}</p>
      <input type="hidden" name="intent" value="accept-for-family" />
      <ErrorMessage message={form.formError} />
      <Field label={t('applicationDetail.acceptedBy')} {...form.field('accepted_by')} />
      <Field label={t('applicationDetail.acceptedOn')} type="date" max={today} {...form.field('accepted_on')} />
      <button type="submit" className="secondary">
        {t('applicationDetail.recordAcceptance')}
      </button>
    </Form>
  );
}

/** A note in the history without changing the status. */
function NoteForm() {
  const { t } = useTranslation();
  const form = useValidatedForm(ApplicationNoteSchema, { intent: 'note' });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card">
      <h2>{t('applicationDetail.addNote')}</h2>
      <input type="hidden" name="intent" value="note" />
      <Field label={t('applicationDetail.note')} id="f-history-note" {...form.field('note')} />
      <button type="submit" className="secondary">
        {t('applicationDetail.saveNote')}
      </button>
    </Form>
  );
}

/** The family's private link is stored only as a hash: a new one can be made and passed on again. */
function FamilyLinkCard({ link }: { link: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{t('applicationDetail.familyLink')}</h2>
      {link ? (
        <CopyLink url={link} label={t('applicationDetail.familyLink')} />
      ) : (
        <Form method="post">
          <p className="hint">{t('applicationDetail.familyLinkHint')}</p>
          <button type="submit" name="intent" value="family-link" className="secondary">
            {t('applicationDetail.newFamilyLink')}
          </button>
        </Form>
      )}
    </div>
  );
}
