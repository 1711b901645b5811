import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ActivityForm } from '~/components/activity-form';
import { requestLanguage } from '~/i18n/language.server';
import { createActivity, milestoneChoices, profileDimensions } from '~/modules/activities/activities.server';
import { activityFailure, readActivityForm } from '~/modules/activities/activity-action.server';
import { setFlash } from '~/modules/auth/session.server';
import { centerContext } from '~/modules/centers/context.server';
import { RECORDING_ROLES } from '~/modules/users/staff';

// A new activity of the center's own.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const [dimensions, items] = await Promise.all([profileDimensions(), milestoneChoices(center.id)]);
  return { centerId: center.id, dimensions, items };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles: RECORDING_ROLES });
  const read = await readActivityForm(request);
  if (!read.ok) return read.response;
  const result = await createActivity({
    centerId: center.id,
    actorId: viewer.user.id,
    lang: await requestLanguage(request, viewer.user.language),
    input: read.input,
    photo: read.photo,
  });
  if (!result.ok) return activityFailure(read.formData, result.error);
  await setFlash(viewer.session, 'flash.saved');
  return redirect(`/c/${center.id}/activities/${result.id}`);
}

export default function NewActivity() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section>
      <p>
        <Link to={`/c/${d.centerId}/activities`}>← {t('activities.backToLibrary')}</Link>
      </p>
      <h1>{t('activities.new')}</h1>
      <ActivityForm
        defaultValues={{ grouping: 'small_group', setting: 'indoor', duration_minutes: 15 }}
        dimensions={d.dimensions}
        items={d.items}
        hasPhoto={false}
        submitLabel={t('activities.save')}
      />
    </section>
  );
}
