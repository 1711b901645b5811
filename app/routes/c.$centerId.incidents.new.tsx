import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { IncidentForm } from '~/components/incident-form';
import { setFlash } from '~/modules/auth/session.server';
import { centerContext } from '~/modules/centers/context.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { found } from '~/modules/http.server';
import { incidentSchema, localNow, utcToLocalInput } from '~/modules/incidents/incidents';
import { incidentChildren, incidentPrefill, recordIncident } from '~/modules/incidents/incidents.server';

// Any staff member records an incident. From the door (`?source=arrival_check|refused_pickup&sourceId=…`)
// the form starts filled in with what the door recorded; `?child=…` chooses the child.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params);
  const url = new URL(request.url);
  const source = url.searchParams.get('source');
  const sourceId = url.searchParams.get('sourceId') ?? '';
  const prefill =
    source === 'arrival_check' || source === 'refused_pickup'
      ? found(await incidentPrefill({ centerId: center.id, source, sourceId }))
      : null;
  const children = await incidentChildren(center.id);
  const asked = url.searchParams.get('child');
  return {
    centerId: center.id,
    zone: center.timeZone,
    now: localNow(center.timeZone),
    children: children.map((c) => ({ id: c.id, name: c.nickname ? `${c.full_name} (${c.nickname})` : c.full_name })),
    childId: prefill?.childId ?? (children.some((c) => c.id === asked) ? asked! : ''),
    prefill: prefill && { ...prefill, atLocal: utcToLocalInput(prefill.at, center.timeZone) },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  const formData = await readForm(request);
  const parsed = parseForm(
    formData,
    incidentSchema(() => localNow(center.timeZone)),
  );
  if (!parsed.ok) return parsed.response;
  const result = await recordIncident({ center, actorId: viewer.user.id, input: parsed.data });
  if (!result.ok)
    return failure(
      formData,
      result.error === 'childNotFound' ? { child_id: `errors.${result.error}` } : { form: `errors.${result.error}` },
    );
  await setFlash(viewer.session, 'flash.incidentRecorded');
  return redirect(`/c/${center.id}/incidents/${result.id}`);
}

export default function NewIncident() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const p = d.prefill;
  const defaults: Record<string, string> = {
    child_id: d.childId,
    kind: p?.kind ?? '',
    occurred_at: p?.atLocal ?? d.now,
    location: p ? t('incidents.atTheDoor') : '',
    description: p
      ? p.kind === 'marks_at_arrival'
        ? t('incidents.prefillMarks', { marks: p.marks })
        : t('incidents.prefillPickup', { person: p.person })
      : '',
    people_present: p
      ? [
          p.person
            ? t(p.kind === 'marks_at_arrival' ? 'incidents.broughtBy' : 'incidents.cameToCollect', { name: p.person })
            : null,
          p.staffName,
        ]
          .filter(Boolean)
          .join(', ')
      : '',
    first_aid: '',
    guardian_informed_how: '',
    guardian_informed_at: '',
    source: p?.source ?? 'manual',
    source_id: p?.sourceId ?? '',
  };
  return (
    <section className="narrow">
      <p>
        <Link to={`/c/${d.centerId}/incidents`}>← {t('incidents.back')}</Link>
      </p>
      <h1>{t('incidents.new')}</h1>
      {p ? (
        <p className="notice" role="status">
          {t('incidents.prefilled')}
        </p>
      ) : null}
      <IncidentForm children={d.children} zone={d.zone} defaultValues={defaults} />
    </section>
  );
}
