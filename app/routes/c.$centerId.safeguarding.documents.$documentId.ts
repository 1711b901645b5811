import type { LoaderFunctionArgs } from '@remix-run/node';
import { centerContext } from '~/modules/centers/context.server';
import { fileResponse } from '~/modules/files/uploads.server';
import { found } from '~/modules/http.server';
import { safeguardingDocument } from '~/modules/safeguarding/safeguarding.server';

// A check's document for the coordinator and the person; the center's documents for the coordinator.
// Anything else is a 404, and the attempt is recorded.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  const doc = found(
    await safeguardingDocument({
      centerId: center.id,
      documentId: params.documentId!,
      viewerId: viewer.user.id,
      viewerRoles: viewer.roles,
    }),
  );
  return fileResponse(doc);
}
