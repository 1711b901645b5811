import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/require-user.server';
import { photoForViewer } from '~/modules/day/photos.server';
import { fileResponse } from '~/modules/files/uploads.server';
import { found } from '~/modules/http.server';

// A photo of the day: for the center's staff and the guardians of a child in it, while every child
// in it has photo consent. Anyone else, and any id that is not such a photo, gets 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  return fileResponse(found(await photoForViewer({ documentId: params.photoId!, user })));
}
