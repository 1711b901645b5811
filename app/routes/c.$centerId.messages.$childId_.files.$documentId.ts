import type { LoaderFunctionArgs } from '@remix-run/node';
import { childContext } from '~/modules/centers/context.server';
import { fileResponse } from '~/modules/files/uploads.server';
import { found } from '~/modules/http.server';
import { getMessageAttachment } from '~/modules/messaging/conversations.server';

// A file attached to a message in this child's conversation, for the center's staff.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await childContext(request, params);
  const doc = found(
    await getMessageAttachment({ centerId: center.id, childId: params.childId!, documentId: params.documentId! }),
  );
  return fileResponse(doc);
}
