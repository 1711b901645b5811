import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { DateTime } from 'luxon';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field, SelectField, TextAreaField } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDate, formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { setFlash } from '~/modules/auth/session.server';
import {
  AssessSchema,
  CloseSchema,
  CONCERN_FORMS,
  CONCERN_OUTCOMES,
  EntrySchema,
  ENTRY_KINDS,
  FollowUpSchema,
  isOverdue,
  managesConcern,
  REFERRAL_BASES,
  REFERRAL_SERVICES,
  ReferSchema,
  ReopenSchema,
  RISK_LEVELS,
  type ConcernError,
  type ConcernIntent,
} from '~/modules/concerns/concerns';
import {
  addConcernEntry,
  assessConcern,
  checkConcernAccess,
  closeConcern,
  concernContext,
  markReferralFollowedUp,
  openConcern,
  referConcern,
  reopenConcern,
  setConcernFollowUp,
} from '~/modules/concerns/concerns.server';
import type { FieldErrors } from '~/modules/forms/fields';
import { failure, validateForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { forbidden, notFound } from '~/modules/http.server';

// A welfare concern: only the center's coordinators and the person who raised it. Every read is
// recorded and listed on the page; anyone else gets a 404 and a 'refused' entry (0014).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await concernContext(request, params);
  const opened = await openConcern({
    centerId: center.id,
    concernId: params.concernId!,
    userId: viewer.user.id,
    roles: viewer.roles,
  });
  if (!opened) notFound();
  // The referral form starts at this moment, in the center's time.
  const now = DateTime.now().setZone(center.timeZone).toFormat('HH:mm');
  return { ...opened, zone: center.timeZone, today, now };
}

/** Where a module error shows: on its field, or above the form. */
const ERROR_FIELD: Partial<Record<ConcernError, string>> = {
  followUpInPast: 'follow_up_on',
  sharedInFuture: 'shared_on',
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await concernContext(request, params);
  const concern = await checkConcernAccess({
    centerId: center.id,
    concernId: params.concernId!,
    userId: viewer.user.id,
    roles: viewer.roles,
  });
  if (!concern) notFound();
  const formData = await readForm(request);
  const intent = String(formData.get('intent') ?? '');
  if (!Object.hasOwn(CONCERN_FORMS, intent)) return failure(formData, { form: 'errors.invalid' });
  // The person who raised it (not a coordinator) may add a note; the rest is the coordinator's.
  if (!managesConcern(viewer.roles) && !(intent === 'entry' && formData.get('kind') === 'note')) forbidden();
  const parsed = validateForm(formData, CONCERN_FORMS[intent as ConcernIntent]);
  if (!parsed.ok) return failure(formData, parsed.errors);
  const base = { centerId: center.id, concernId: concern.id, actorId: viewer.user.id };
  const d = parsed.data;
  let result;
  switch (d.intent) {
    case 'assess':
      result = await assessConcern({
        ...base,
        today,
        riskLevel: d.risk_level,
        body: d.body,
        followUpOn: d.follow_up_on,
      });
      break;
    case 'entry':
      result = await addConcernEntry({ ...base, kind: d.kind, body: d.body });
      break;
    case 'followUp':
      result = await setConcernFollowUp({ ...base, today, followUpOn: d.follow_up_on });
      break;
    case 'refer':
      result = await referConcern({
        ...base,
        today,
        zone: center.timeZone,
        referral: {
          service: d.service,
          recipient: d.recipient,
          contact: d.contact,
          sharedWhat: d.shared_what,
          basis: d.basis,
          sharedOn: d.shared_on,
          sharedTime: d.shared_time,
          followUpOn: d.follow_up_on,
        },
      });
      break;
    case 'referralDone':
      result = await markReferralFollowedUp({ ...base, referralId: d.referral_id });
      break;
    case 'close':
      result = await closeConcern({ ...base, outcome: d.outcome, reason: d.close_reason });
      break;
    case 'reopen':
      result = await reopenConcern({ ...base, reason: d.reason });
      break;
  }
  if (!result) notFound();
  if (!result.ok) {
    const errors: FieldErrors = { [ERROR_FIELD[result.error] ?? 'form']: `errors.concern_${result.error}` };
    return failure(formData, errors);
  }
  await setFlash(viewer.session, 'flash.saved');
  return redirect(`/c/${center.id}/concerns/${concern.id}`);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ConcernPage() {
  const data = useLoaderData<typeof loader>();
  const { concern, manages, entries, views, zone, today, now } = data;
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const when = (iso: string) => formatDateTime(iso, lng, zone);
  const open = concern.status === 'open';
  return (
    <section className="narrow-wide concern">
      <p className="eyebrow">{t('concerns.restricted')}</p>
      <h1>{t('concerns.concernAbout', { name: concern.childName })}</h1>
      <p className="lead">
        {t(`concerns.categories.${concern.category}`)} · {t(`concerns.status.${concern.status}`)}
        {manages
          ? ` · ${concern.risk_level ? t(`concerns.risk.${concern.risk_level}`) : t('concerns.notAssessed')}`
          : ''}
      </p>
      <p className="hint">
        {t('concerns.raisedBy', { name: concern.raisedByName, when: when(concern.raised_at) })}
        {concern.source !== 'manual' ? ` · ${t(`concerns.sources.${concern.source}`)}` : ''}
      </p>

      <div className="card">
        <h2>{t('concerns.fields.description')}</h2>
        <p className="prewrap">{concern.description}</p>
        {concern.child_words ? (
          <>
            <h3>{t('concerns.fields.childWords')}</h3>
            <blockquote className="prewrap">{concern.child_words}</blockquote>
          </>
        ) : null}
      </div>

      {manages && open && concern.follow_up_on ? (
        <p className={isOverdue(concern.follow_up_on, today) ? 'warning-text' : 'hint'}>
          {t('concerns.followUpOn', { date: formatDate(concern.follow_up_on, lng) })}
          {isOverdue(concern.follow_up_on, today) ? ` · ${t('concerns.overdue')}` : ''}
        </p>
      ) : null}

      {!open && manages ? (
        <div className="card">
          <h2>{t('concerns.closedTitle')}</h2>
          <p>
            {concern.outcome ? t(`concerns.outcomes.${concern.outcome}`, { defaultValue: concern.outcome }) : ''}
            {concern.closed_at
              ? ` · ${t('concerns.closedBy', { name: concern.closedByName ?? '', when: when(concern.closed_at) })}`
              : ''}
          </p>
          <p className="prewrap">{concern.close_reason}</p>
        </div>
      ) : null}

      <h2>{t('concerns.timeline')}</h2>
      {entries.length === 0 ? <p className="empty">{t('concerns.noEntries')}</p> : null}
      <ol className="plain concern-timeline">
        {entries.map((e) => (
          <li key={e.id} className="card">
            <p className="hint">
              <strong>{t(`concerns.entryKinds.${e.kind}`)}</strong> · {e.byName} · {when(e.at)}
              {e.risk_level ? ` · ${t(`concerns.risk.${e.risk_level}`)}` : ''}
            </p>
            <p className="prewrap">{e.body}</p>
          </li>
        ))}
      </ol>

      {manages ? <Referrals data={data} /> : null}

      {manages && open ? (
        <>
          <AssessForm />
          <EntryForm manages />
          <FollowUpForm current={concern.follow_up_on} />
          <ReferForm today={today} now={now} />
          <CloseForm />
        </>
      ) : null}
      {!manages && open ? <EntryForm manages={false} /> : null}
      {manages && !open ? <ReopenForm /> : null}

      <h2>{t('concerns.seenBy')}</h2>
      <ul className="plain concern-views">
        {views.map((v) => (
          <li key={v.userId}>
            {t('concerns.seenLine', { name: v.name, first: when(v.first), last: when(v.last), count: v.count })}
          </li>
        ))}
      </ul>
      <p>
        <Link to=".." relative="path">
          {t('concerns.back')}
        </Link>
      </p>
    </section>
  );
}

function Referrals({ data }: { data: Data }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const open = data.concern.status === 'open';
  if (data.referrals.length === 0) return null;
  return (
    <>
      <h2>{t('concerns.referrals')}</h2>
      <ul className="plain">
        {data.referrals.map((r) => (
          <li key={r.id} className="card">
            <h3>
              {t(`concerns.services.${r.service}.name`)} · {r.recipient}
            </h3>
            {r.contact ? <p>{r.contact}</p> : null}
            <p className="hint">
              {t('concerns.referral.sharedOn', { when: formatDateTime(r.shared_at, lng, data.zone), name: r.byName })} ·{' '}
              {t(`concerns.basis.${r.basis}.name`, { defaultValue: r.basis })}
            </p>
            <p className="prewrap">{r.shared_what}</p>
            {r.follow_up_on ? (
              <p className={!r.follow_up_done_at && isOverdue(r.follow_up_on, data.today) ? 'warning-text' : 'hint'}>
                {t('concerns.followUpOn', { date: formatDate(r.follow_up_on, lng) })}
                {r.follow_up_done_at
                  ? ` · ${t('concerns.referral.done', { when: formatDateTime(r.follow_up_done_at, lng, data.zone) })}`
                  : isOverdue(r.follow_up_on, data.today)
                    ? ` · ${t('concerns.overdue')}`
                    : ''}
              </p>
            ) : null}
            <div className="actions">
              <Link to={`referrals/${r.id}`} className="button-link secondary">
                {t('concerns.referral.letter')}
              </Link>
              {open && r.follow_up_on && !r.follow_up_done_at ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="referralDone" />
                  <input type="hidden" name="referral_id" value={r.id} />
                  <button type="submit" className="secondary">
                    {t('concerns.referral.markDone')}
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

function AssessForm() {
  const { t } = useTranslation();
  const form = useValidatedForm(AssessSchema, { intent: 'assess' });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card" aria-labelledby="assess-title">
      <h2 id="assess-title">{t('concerns.assess.title')}</h2>
      <p className="hint">{t('concerns.assess.lead')}</p>
      <ErrorMessage message={form.formError} />
      <input type="hidden" name="intent" value="assess" />
      <SelectField
        label={t('concerns.fields.risk')}
        placeholder={t('concerns.assess.chooseRisk')}
        options={RISK_LEVELS.map((r) => ({ value: r, label: t(`concerns.risk.${r}`) }))}
        {...form.field('risk_level')}
      />
      <TextAreaField id="assess-body" label={t('concerns.fields.assessment')} rows={4} {...form.field('body')} />
      <Field
        id="assess-follow-up"
        label={t('concerns.fields.followUpOn')}
        type="date"
        {...form.field('follow_up_on')}
      />
      <button type="submit" className="primary">
        {t('concerns.assess.submit')}
      </button>
    </Form>
  );
}

function EntryForm({ manages }: { manages: boolean }) {
  const { t } = useTranslation();
  const form = useValidatedForm(EntrySchema, { intent: 'entry', defaultValues: { kind: manages ? '' : 'note' } });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card" aria-labelledby="entry-title">
      <h2 id="entry-title">{t(manages ? 'concerns.entry.title' : 'concerns.entry.titleRaiser')}</h2>
      <ErrorMessage message={form.formError} />
      <input type="hidden" name="intent" value="entry" />
      {manages ? (
        <SelectField
          label={t('concerns.fields.entryKind')}
          placeholder={t('concerns.entry.chooseKind')}
          options={ENTRY_KINDS.map((k) => ({ value: k, label: t(`concerns.entryKinds.${k}`) }))}
          {...form.field('kind')}
        />
      ) : (
        <input type="hidden" {...form.register('kind')} />
      )}
      <TextAreaField id="entry-body" label={t('concerns.fields.entryBody')} rows={3} {...form.field('body')} />
      <button type="submit" className="secondary">
        {t('concerns.entry.submit')}
      </button>
    </Form>
  );
}

function FollowUpForm({ current }: { current: string | null }) {
  const { t } = useTranslation();
  const form = useValidatedForm(FollowUpSchema, { intent: 'followUp', defaultValues: { follow_up_on: current ?? '' } });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">{t('concerns.followUp.title')}</h2>
      <ErrorMessage message={form.formError} />
      <input type="hidden" name="intent" value="followUp" />
      <Field
        id="next-follow-up"
        label={t('concerns.fields.followUpOn')}
        type="date"
        hint={t('concerns.followUp.hint')}
        {...form.field('follow_up_on')}
      />
      <button type="submit" className="secondary">
        {t('concerns.followUp.submit')}
      </button>
    </Form>
  );
}

function ReferForm({ today, now }: { today: string; now: string }) {
  const { t } = useTranslation();
  const form = useValidatedForm(ReferSchema, {
    intent: 'refer',
    defaultValues: { shared_on: today, shared_time: now },
  });
  const service = form.watch('service') as string | undefined;
  const basis = form.watch('basis') as string | undefined;
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card" aria-labelledby="refer-title">
      <h2 id="refer-title">{t('concerns.refer.title')}</h2>
      <p className="hint">{t('concerns.refer.lead')}</p>
      <ErrorMessage message={form.formError} />
      <input type="hidden" name="intent" value="refer" />
      <SelectField
        label={t('concerns.fields.service')}
        placeholder={t('concerns.refer.chooseService')}
        options={REFERRAL_SERVICES.map((s) => ({ value: s, label: t(`concerns.services.${s}.name`) }))}
        hint={service ? t(`concerns.services.${service}.about`, { defaultValue: '' }) : undefined}
        {...form.field('service')}
      />
      <Field
        label={t('concerns.fields.recipient')}
        hint={t('concerns.refer.recipientHint')}
        {...form.field('recipient')}
      />
      <Field label={t('concerns.fields.contact')} {...form.field('contact')} />
      <TextAreaField
        label={t('concerns.fields.sharedWhat')}
        hint={t('concerns.refer.sharedWhatHint')}
        rows={4}
        {...form.field('shared_what')}
      />
      <SelectField
        label={t('concerns.fields.basis')}
        placeholder={t('concerns.refer.chooseBasis')}
        options={REFERRAL_BASES.map((b) => ({ value: b, label: t(`concerns.basis.${b}.name`) }))}
        hint={basis ? t(`concerns.basis.${basis}.about`, { defaultValue: '' }) : undefined}
        {...form.field('basis')}
      />
      <Field label={t('concerns.fields.sharedOn')} type="date" {...form.field('shared_on')} />
      <Field label={t('concerns.fields.sharedTime')} type="time" {...form.field('shared_time')} />
      <Field id="refer-follow-up" label={t('concerns.fields.followUpOn')} type="date" {...form.field('follow_up_on')} />
      <button type="submit" className="primary">
        {t('concerns.refer.submit')}
      </button>
    </Form>
  );
}

function CloseForm() {
  const { t } = useTranslation();
  const form = useValidatedForm(CloseSchema, { intent: 'close' });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card" aria-labelledby="close-title">
      <h2 id="close-title">{t('concerns.close.title')}</h2>
      <p className="hint">{t('concerns.close.lead')}</p>
      <ErrorMessage message={form.formError} />
      <input type="hidden" name="intent" value="close" />
      <SelectField
        label={t('concerns.fields.outcome')}
        placeholder={t('concerns.close.chooseOutcome')}
        options={CONCERN_OUTCOMES.map((o) => ({ value: o, label: t(`concerns.outcomes.${o}`) }))}
        {...form.field('outcome')}
      />
      <TextAreaField label={t('concerns.fields.closeReason')} rows={3} {...form.field('close_reason')} />
      <button type="submit" className="secondary">
        {t('concerns.close.submit')}
      </button>
    </Form>
  );
}

function ReopenForm() {
  const { t } = useTranslation();
  const form = useValidatedForm(ReopenSchema, { intent: 'reopen' });
  return (
    <Form method="post" onSubmit={form.onSubmit} noValidate className="card" aria-labelledby="reopen-title">
      <h2 id="reopen-title">{t('concerns.reopen.title')}</h2>
      <ErrorMessage message={form.formError} />
      <input type="hidden" name="intent" value="reopen" />
      <TextAreaField label={t('concerns.fields.reopenReason')} rows={3} {...form.field('reason')} />
      <button type="submit" className="secondary">
        {t('concerns.reopen.submit')}
      </button>
    </Form>
  );
}
