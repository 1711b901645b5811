import type { LoaderFunctionArgs } from '@remix-run/node';
import { childContext } from '~/modules/centers/context.server';
import { getChildDocument } from '~/modules/children/record.server';
import { fileResponse } from '~/modules/files/uploads.server';
import { found, forbidden } from '~/modules/http.server';

// Pickup and observation photos are for every staff member; the family's documents only for coordinators.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await childContext(request, params);
  const doc = found(
    await getChildDocument({ centerId: center.id, childId: params.childId!, documentId: params.documentId! }),
  );
  if (doc.kind !== 'pickup_photo' && doc.kind !== 'observation_photo' && !viewer.roles.includes('coordinator'))
    forbidden();
  return fileResponse(doc);
}
