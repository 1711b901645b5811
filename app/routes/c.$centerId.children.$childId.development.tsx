import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { DevelopmentSummary, ProgressOverTime } from '~/components/development-progress';
import { KpspCard } from '~/components/kpsp-card';
import { MilestoneChecklist } from '~/components/milestone-checklist';
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
import { readFormWithFiles } from '~/modules/files/uploads.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { found, notFound } from '~/modules/http.server';
import { HomeActivitiesCard } from '~/components/home-activities';
import { requestLanguage } from '~/i18n/language.server';
import { SendHomeSchema } from '~/modules/home-activities/home-activities';
import { homeActivitiesForStaff, sendHome, suggestionsFor } from '~/modules/home-activities/home-activities.server';
import { localDate } from '~/modules/time/time';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await childContext(request, params);
  const record = found(await developmentRecord({ center, childId: params.childId! }));
  const lang = await requestLanguage(request, viewer.user.language);
  const [suggestions, sent] = await Promise.all([
    suggestionsFor({ centerId: center.id, childId: record.child.id, today: record.today, lang }),
    homeActivitiesForStaff({ centerId: center.id, childId: record.child.id, lang }),
  ]);
  return {
    ...record,
    canRecord: mayRecord(viewer.roles),
    centerId: center.id,
    suggestions: suggestions ?? [],
    sentHome: sent.map((h) => ({ ...h, tried_on: h.tried_at ? localDate(center.timeZone, h.tried_at) : null })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await childContext(request, params, { roles: RECORDING_ROLES });
  const { user, session } = viewer;
  const record = found(await developmentRecord({ center, childId: params.childId! }));
  // The checklist form is multipart (each item may carry a photo); the KPSP form is not.
  const { formData, uploads } = await readFormWithFiles(request);
  if (formData.get('intent') === 'send-home') {
    const parsed = parseForm(formData, SendHomeSchema);
    if (!parsed.ok) return parsed.response;
    const sent = await sendHome({
      centerId: center.id,
      childId: record.child.id,
      activityId: parsed.data.activity_id,
      note: parsed.data.note,
      actorId: user.id,
      today: record.today,
    });
    if (!sent.ok && sent.error === 'notFound') notFound();
    if (!sent.ok) return failure(formData, { activity_id: 'errors.homeActivityUnknown' });
    await setFlash(session, 'flash.sentHome');
    return redirect(`/c/${center.id}/children/${record.child.id}/development`);
  }
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
  // One item's answer, saved as it is tapped (a fetcher per item): no redirect, the page stays put.
  const answer = formData.get('intent') === 'answer';
  if (answer && checklist.entries.length !== 1) return failure(formData, { form: 'errors.nothingChosen' });
  if (
    (await recordObservations({
      centerId: center.id,
      actorId: user.id,
      observedOn: observedOn.data,
      entries: checklist.entries,
    })) === null
  )
    notFound();
  if (answer) {
    const [entry] = checklist.entries;
    return { saved: { itemId: entry.itemId, status: entry.status, observedOn: observedOn.data } };
  }
  await setFlash(session, 'flash.saved');
  return redirect(`/c/${center.id}/children/${record.child.id}/development`);
}

export default function Development() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
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
      <DevelopmentSummary flags={d.flags} progress={d.progress} />
      <ProgressOverTime byBand={d.byBand} />
      <MilestoneChecklist checklist={d.checklist} canRecord={d.canRecord} today={d.today} />
      <HomeActivitiesCard
        centerId={d.centerId}
        childName={d.child.name}
        suggestions={d.suggestions}
        sent={d.sentHome}
        canSend={d.canRecord}
      />
      <KpspCard screenings={d.screenings} canRecord={d.canRecord} today={d.today} kpspDue={d.kpspDue} />
    </section>
  );
}
