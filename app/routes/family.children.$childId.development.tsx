import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { DomainProgress } from '~/components/domain-progress';
import { FamilyHomeActivities } from '~/components/home-activities';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { requestLanguage } from '~/i18n/language.server';
import { itemText } from '~/modules/development/development';
import { childContext } from '~/modules/centers/context.server';
import { setFlash } from '~/modules/auth/session.server';
import { developmentRecord } from '~/modules/development/development.server';
import { readForm } from '~/modules/forms/read.server';
import { parseForm } from '~/modules/forms/parse.server';
import { TriedSchema } from '~/modules/home-activities/home-activities';
import { homeActivitiesForFamily, markTried } from '~/modules/home-activities/home-activities.server';
import { found, notFound } from '~/modules/http.server';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';
import { localDate } from '~/modules/time/time';

// Parents see their child's milestones in plain words: what the child does, what to practise together,
// and the activities the teachers sent home to try.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const since = liveCursor();
  const { viewer, center } = await childContext(request, params, { roles: [], guardians: true });
  const record = found(await developmentRecord({ center, childId: params.childId! }));
  const lang = await requestLanguage(request, viewer.user.language);
  const home = await homeActivitiesForFamily({ childId: record.child.id, userId: viewer.user.id, lang });
  return {
    name: record.child.name,
    band: record.band,
    progress: record.progress,
    achieved: forFamily(record.checklist.filter((i) => i.latest?.status === 'yes')),
    practise: forFamily(record.checklist.filter((i) => i.latest?.status === 'not_yet')),
    talk: record.flags.length > 0,
    homeActivities: home.map(({ tried_at, sent_at: _, activity_id: __, ...h }) => ({
      ...h,
      tried_on: tried_at ? localDate(center.timeZone, tried_at) : null,
    })),
    liveSince: since,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await childContext(request, params, { roles: [], guardians: true });
  const formData = await readForm(request);
  const parsed = parseForm(formData, TriedSchema);
  if (!parsed.ok) return parsed.response;
  const tried = await markTried({
    childId: params.childId!,
    homeActivityId: parsed.data.home_activity_id,
    userId: viewer.user.id,
    comment: parsed.data.comment,
  });
  if (!tried.ok) notFound();
  await setFlash(viewer.session, 'flash.tried');
  return redirect(`/family/children/${params.childId}/development#home`);
}

type Item = NonNullable<Awaited<ReturnType<typeof developmentRecord>>>['checklist'][number];

/** Only what the family may read: the item, and the teacher's note when the teacher shared it. */
const forFamily = (items: Item[]) =>
  items.map((i) => ({
    id: i.id,
    text_id: i.text_id,
    text_en: i.text_en,
    note: i.latest?.visible_to_family ? i.latest.note : null,
  }));

/** Refetch when an activity is sent home or tried (on another guardian's phone). */
const EVENTS = [LIVE_TYPES.homeActivity];

export default function FamilyDevelopment() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const live = useLive('/family/live', { since: d.liveSince, types: EVENTS });
  const text = (i: { text_id: string; text_en: string }) => itemText(i, i18n.language);
  return (
    <section>
      <h1>{t('development.familyTitle', { name: d.name })}</h1>
      <p className="lead">
        {t('development.familyLead')} <LiveIndicator status={live} />
      </p>
      <DomainProgress progress={d.progress} className="progress card" />
      <FamilyHomeActivities activities={d.homeActivities} />
      <h2>{t('development.achieved')}</h2>
      {d.achieved.length === 0 ? <p className="empty">{t('development.nothingYet')}</p> : null}
      <ul>
        {d.achieved.map((i) => (
          <li key={i.id}>
            {text(i)}
            {i.note ? <span className="hint"> · {t('development.teacherNote', { note: i.note })}</span> : null}
          </li>
        ))}
      </ul>
      {d.practise.length > 0 ? (
        <>
          <h2>{t('development.practise')}</h2>
          <ul>
            {d.practise.map((i) => (
              <li key={i.id}>
                {text(i)}
                {i.note ? <span className="hint"> · {t('development.teacherNote', { note: i.note })}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.talk ? <p className="notice">{t('development.familyTalk')}</p> : null}
    </section>
  );
}
