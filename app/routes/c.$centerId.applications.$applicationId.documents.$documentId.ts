import type { LoaderFunctionArgs } from '@remix-run/node';
import { centerContext } from '~/modules/centers/context.server';
import { getApplicationDocument } from '~/modules/enrollment/applications.server';
import { fileResponse } from '~/modules/files/uploads.server';
import { found } from '~/modules/http.server';

// Documents are served only to the center's coordinators, never from a public URL.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: ['coordinator'] });
  const doc = found(
    await getApplicationDocument({
      centerId: center.id,
      applicationId: params.applicationId!,
      documentId: params.documentId!,
    }),
  );
  return fileResponse(doc);
}
