import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/require-user.server';
import { getApplicationDocument } from '~/modules/enrollment/applications.server';
import { fileResponse } from '~/modules/files/uploads.server';
import { found } from '~/modules/http.server';

// Documents are served only to the center's coordinators, never from a public URL.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { centerId: params.centerId!, roles: ['coordinator'] });
  const doc = found(await getApplicationDocument(params.centerId!, params.applicationId!, params.documentId!));
  return fileResponse(doc);
}
