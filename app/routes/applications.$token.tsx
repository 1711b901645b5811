import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ApplicationForm } from '~/components/application-form';
import { ApplicationTimeline } from '~/components/application-timeline';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { ParentDecisionSchema } from '~/modules/enrollment/application';
import { applicationForParent, parentDecision } from '~/modules/enrollment/applications.server';
import {
  applicationFormContext,
  applicationRequestBytes,
  applyFromForm,
  postsFlooding,
} from '~/modules/enrollment/apply.server';
import { requestLanguage } from '~/i18n/language.server';
import { readFormWithFiles } from '~/modules/files/uploads.server';
import { applicationLimits } from '~/modules/enrollment/limits.server';
import { nextStatuses, shownStatus } from '~/modules/enrollment/rules';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { found, notFound } from '~/modules/http.server';
import { readForm } from '~/modules/forms/read.server';

// The family's private link: whoever holds it may finish the draft, follow the application and
// answer an offer. It shows nothing beyond this one application.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const application = await applicationForParent(params.token!);
  if (!application) notFound();
  const { app, form, center, events, documents, classroomName, position } = application;
  const draft = app.status === 'draft' ? await applicationFormContext(center.id) : null;
  return {
    status: app.status,
    reference: app.reference_code,
    childName: app.child_full_name,
    center: { name: center.name, kind: center.kind },
    draft: draft && {
      today: draft.today,
      values: form,
      uploadedKinds: documents.map((d) => d.kind),
      keptDays: applicationLimits().draftRetentionDays,
    },
    events,
    documents,
    classroomName,
    position,
    offerExpiresOn: app.offer_expires_on,
    choices: nextStatuses(app.status, 'parent'),
    timeZone: center.time_zone,
    privateLink: `${new URL(request.url).origin}/applications/${params.token}`,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const application = await applicationForParent(params.token!);
  if (!application) notFound();
  const clientIp = context.clientIp ?? 'unknown';
  if (application.app.status === 'draft') {
    const minutes = await postsFlooding(clientIp);
    if (minutes) throw new Response('Too Many Requests', { status: 429 });
    const { formData, uploads } = await readFormWithFiles(request, { maxBytes: applicationRequestBytes() });
    const outcome = await applyFromForm({
      context: found(await applicationFormContext(application.center.id)),
      token: params.token!,
      formData,
      uploads,
      clientIp,
      language: await requestLanguage(request),
    });
    if (outcome.ok) return redirect(outcome.redirectTo);
    if ('notFound' in outcome) notFound();
    return failure(formData, outcome.errors, outcome.status);
  }
  const parsed = parseForm(await readForm(request), ParentDecisionSchema);
  if (!parsed.ok) return parsed.response;
  const result = await parentDecision(params.token!, parsed.data.intent);
  if (result === 'notFound') notFound();
  return redirect(`/applications/${params.token}${result === 'ok' ? '' : '?notAllowed=1'}`);
}

export default function ApplicationStatus() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const [searchParams] = useSearchParams();
  const lng = i18n.language as Lang;
  if (d.draft) {
    return (
      <section className="form-page">
        <h1>{t('apply.title', { center: d.center.name })}</h1>
        {searchParams.get('saved') ? (
          <div className="notice" role="status">
            <p>{t('apply.savedDraft', { days: d.draft.keptDays })}</p>
            <input readOnly className="copy" aria-label={t('apply.privateLink')} value={d.privateLink} />
          </div>
        ) : null}
        <ApplicationForm
          center={d.center}
          today={d.draft.today}
          defaultValues={d.draft.values}
          uploadedKinds={d.draft.uploadedKinds}
        />
      </section>
    );
  }
  return (
    <section className="narrow-wide">
      <p className="eyebrow">{d.center.name}</p>
      <h1>{t('application.title', { name: d.childName })}</h1>
      <dl className="facts card">
        <dt>{t('application.reference')}</dt>
        <dd>
          <strong className="reference">{d.reference}</strong>
        </dd>
        <dt>{t('application.status')}</dt>
        <dd>
          <span className={`status status-${d.status}`}>
            {t(
              `applicationStatus.${shownStatus(
                d.status,
                d.events.some((e) => e.declinedByFamily),
              )}`,
            )}
          </span>
        </dd>
        {d.classroomName ? (
          <>
            <dt>{t('child.classroom')}</dt>
            <dd>{d.classroomName}</dd>
          </>
        ) : null}
        {d.position ? (
          <>
            <dt>{t('application.position')}</dt>
            <dd>{t('application.positionValue', { position: d.position })}</dd>
          </>
        ) : null}
        {d.status === 'offered' && d.offerExpiresOn ? (
          <>
            <dt>{t('application.offerExpires')}</dt>
            <dd>{formatDate(d.offerExpiresOn, lng)}</dd>
          </>
        ) : null}
      </dl>
      <p className="hint">{t('application.keepLink')}</p>
      {searchParams.get('notAllowed') ? (
        <p className="notice" role="alert">
          {t('application.notAllowed')}
        </p>
      ) : null}
      {d.choices.length > 0 ? (
        <Form method="post" className="actions">
          {d.choices.includes('accepted') ? (
            <button type="submit" name="intent" value="accept" className="primary">
              {t('application.accept')}
            </button>
          ) : null}
          {d.choices.includes('declined') ? (
            <button type="submit" name="intent" value="decline" className="secondary">
              {t('application.decline')}
            </button>
          ) : null}
          {d.choices.includes('withdrawn') ? (
            <button type="submit" name="intent" value="withdraw" className="link-button">
              {t('application.withdraw')}
            </button>
          ) : null}
        </Form>
      ) : null}
      <h2>{t('application.history')}</h2>
      <ApplicationTimeline events={d.events} timeZone={d.timeZone} />
      <h2>{t('apply.documents')}</h2>
      {d.documents.length === 0 ? <p className="empty">{t('application.noDocuments')}</p> : null}
      <ul className="plain">
        {d.documents.map((doc) => (
          <li key={doc.kind}>
            {t(`documents.${doc.kind}`)} · {doc.file_name}
          </li>
        ))}
      </ul>
    </section>
  );
}
