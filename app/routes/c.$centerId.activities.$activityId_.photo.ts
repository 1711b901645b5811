import type { LoaderFunctionArgs } from '@remix-run/node';
import { activityPhoto } from '~/modules/activities/activities.server';
import { centerContext } from '~/modules/centers/context.server';
import { fileResponse } from '~/modules/files/uploads.server';
import { found } from '~/modules/http.server';

// An activity's photo: only for signed-in staff of the center whose activity it is (never a
// public URL); anyone else, and any activity without a photo, gets 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params);
  return fileResponse(found(await activityPhoto({ centerId: center.id, activityId: params.activityId! })));
}
