import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/require-user.server';
import { getChildDocument } from '~/modules/children/record.server';
import { fileResponse } from '~/modules/files/uploads.server';
import { found, forbidden } from '~/modules/http.server';

// Pickup and observation photos are for every staff member; the family's documents only for coordinators.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { roles } = await requireUser(request, { childId: params.childId!, inCenter: params.centerId!, guardians: false });
  const doc = found(await getChildDocument(params.centerId!, params.childId!, params.documentId!));
  if (doc.kind !== 'pickup_photo' && doc.kind !== 'observation_photo' && !roles.includes('coordinator')) forbidden();
  return fileResponse(doc);
}
