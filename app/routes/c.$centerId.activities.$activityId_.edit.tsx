import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ActivityForm } from '~/components/activity-form';
import { requestLanguage } from '~/i18n/language.server';
import {
  activityForCenter,
  formValuesOf,
  milestoneChoices,
  profileDimensions,
  updateActivity,
} from '~/modules/activities/activities.server';
import { activityFailure, readActivityForm } from '~/modules/activities/activity-action.server';
import { setFlash } from '~/modules/auth/session.server';
import { centerContext } from '~/modules/centers/context.server';
import { forbidden, found } from '~/modules/http.server';
import { RECORDING_ROLES } from '~/modules/users/staff';

// Editing an activity of the center's own. A shared one is read-only (403: copy it first);
// another center's is 404, and so is posting to its id.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const activity = found(await activityForCenter({ centerId: center.id, activityId: params.activityId! }));
  if (!activity.own) forbidden();
  const lng = await requestLanguage(request, viewer.user.language);
  const [dimensions, items] = await Promise.all([profileDimensions(), milestoneChoices(center.id)]);
  return {
    centerId: center.id,
    activityId: activity.id,
    values: formValuesOf(activity, lng),
    hasPhoto: activity.hasPhoto,
    otherLanguages: activity.texts.filter((x) => x.language !== lng).map((x) => x.language),
    dimensions,
    items,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles: RECORDING_ROLES });
  // Another center's id is 404 and a shared one 403 before the form is read (updateActivity checks again).
  const activity = found(await activityForCenter({ centerId: center.id, activityId: params.activityId! }));
  if (!activity.own) forbidden();
  const read = await readActivityForm(request);
  if (!read.ok) return read.response;
  const result = await updateActivity({
    centerId: center.id,
    activityId: params.activityId!,
    actorId: viewer.user.id,
    lang: await requestLanguage(request, viewer.user.language),
    input: read.input,
    photo: read.photo,
  });
  if (!result.ok) return activityFailure(read.formData, result.error);
  await setFlash(viewer.session, 'flash.saved');
  return redirect(`/c/${center.id}/activities/${params.activityId}`);
}

export default function EditActivity() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section>
      <p>
        <Link to={`/c/${d.centerId}/activities/${d.activityId}`}>← {t('activities.backToActivity')}</Link>
      </p>
      <h1>{t('activities.editTitle')}</h1>
      {d.otherLanguages.length ? (
        <p className="hint">{t('activities.otherLanguageKept', { language: t(`language.${d.otherLanguages[0]}`) })}</p>
      ) : null}
      <ActivityForm
        defaultValues={d.values}
        dimensions={d.dimensions}
        items={d.items}
        hasPhoto={d.hasPhoto}
        submitLabel={t('activities.save')}
      />
    </section>
  );
}
