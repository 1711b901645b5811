import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/require-user.server';
import { getChildDocument } from '~/modules/children/record.server';
import { fileResponse } from '~/modules/files/uploads.server';
import { found, forbidden } from '~/modules/http.server';

// Pickup photos are for every staff member at the door; the family's documents only for coordinators.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { roles } = await requireUser(request, { childId: params.childId!, inCenter: params.centerId!, guardians: false });
  const doc = found(await getChildDocument(params.centerId!, params.childId!, params.documentId!));
  if (doc.kind !== 'pickup_photo' && !roles.includes('coordinator')) forbidden();
  return fileResponse(doc);
}
