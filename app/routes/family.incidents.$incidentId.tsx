import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { TextAreaField, ErrorMessage } from '~/components/field';
import { IncidentDetails } from '~/components/incident-details';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { useValidatedForm } from '~/components/use-validated-form';
import { requireUser } from '~/modules/auth/require-user.server';
import { setFlash } from '~/modules/auth/session.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { found, notFound } from '~/modules/http.server';
import { SignOffSchema } from '~/modules/incidents/incidents';
import { familyIncident, signOffIncident } from '~/modules/incidents/incidents.server';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';

// An incident report for a guardian of the child (an accepted link), who reads it and signs it
// off. Anyone else, or a guessed id: 404, and the attempt is recorded with the incident's center.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const since = liveCursor();
  const { user } = await requireUser(request);
  const incident = found(await familyIncident({ userId: user.id, incidentId: params.incidentId! }));
  return { incident, liveSince: since };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request);
  const formData = await readForm(request);
  const parsed = parseForm(formData, SignOffSchema);
  if (!parsed.ok) return parsed.response;
  const result = await signOffIncident({
    userId: user.id,
    incidentId: params.incidentId!,
    comment: parsed.data.comment,
  });
  if (!result.ok) {
    if (result.error === 'notFound') notFound();
    return failure(formData, { form: `errors.${result.error}` });
  }
  await setFlash(session, 'flash.incidentSigned');
  return redirect(`/family/incidents/${params.incidentId!}`);
}

const INCIDENT_EVENTS = [LIVE_TYPES.incident];

export default function FamilyIncident() {
  const { incident, liveSince } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const live = useLive('/family/live', { since: liveSince, types: INCIDENT_EVENTS });
  const form = useValidatedForm(SignOffSchema, { intent: 'sign-off' });
  return (
    <section className="narrow">
      <p>
        <Link to={`/family/children/${incident.childId}`}>← {t('incidents.backFamily')}</Link>
      </p>
      <h1>{t('incidents.familyTitle', { child: incident.childName })}</h1>
      <p className="lead">
        {incident.centerName} <LiveIndicator status={live} />
      </p>
      <article className="card">
        <IncidentDetails incident={incident} />
      </article>
      {incident.signedOffAt ? null : (
        <Form method="post" onSubmit={form.onSubmit} noValidate className="card form-grid">
          <input type="hidden" name="intent" value="sign-off" />
          <ErrorMessage message={form.formError} />
          <p className="hint">{t('incidents.signAsk')}</p>
          <TextAreaField label={t('incidents.comment')} rows={3} {...form.field('comment')} />
          <button type="submit" className="primary">
            {t('incidents.signOff')}
          </button>
        </Form>
      )}
    </section>
  );
}
