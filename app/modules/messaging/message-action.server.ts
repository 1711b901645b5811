// The one action behind a child's conversation, for staff and for the family alike (the routes
// authorize first): mark it read, or send a message with an optional attachment.
import { data, redirect } from '@remix-run/node';
import { failure, parseForm } from '../forms/parse.server';
import { readFormWithFiles } from '../files/uploads.server';
import { notFound } from '../http.server';
import { markConversationRead, prepareAttachment, sendMessage } from './conversations.server';
import { ATTACHMENT_MAX_BYTES, MarkReadSchema, MESSAGE_REQUEST_MAX_BYTES, MessageSchema } from './messaging';

export async function messageAction(
  request: Request,
  { centerId, childId, userId, back }: { centerId: string; childId: string; userId: string; back: string },
) {
  // Over the request cap the answer is 413 before anything is parsed; a file over its own limit
  // is drained and reported on the form, with what was typed kept.
  const { formData, uploads } = await readFormWithFiles(request, {
    maxBytes: MESSAGE_REQUEST_MAX_BYTES,
    maxFileBytes: ATTACHMENT_MAX_BYTES,
  });
  if (formData.get('intent') === 'read') {
    const parsed = parseForm(formData, MarkReadSchema);
    if (!parsed.ok) return parsed.response;
    await markConversationRead({ centerId, childId, userId, upTo: parsed.data.upTo });
    return data({ ok: true });
  }
  const parsed = parseForm(formData, MessageSchema);
  if (!parsed.ok) return parsed.response;
  const upload = uploads.get('attachment');
  let attachment = null;
  if (upload) {
    const prepared = await prepareAttachment(upload);
    if (!prepared.ok)
      return failure(formData, {
        attachment:
          prepared.error === 'attachmentTooLarge'
            ? `errors.attachmentTooLarge?max=${ATTACHMENT_MAX_BYTES / 1024 / 1024}`
            : `errors.${prepared.error}`,
      });
    attachment = prepared.attachment;
  }
  const sent = await sendMessage({
    centerId,
    childId,
    authorId: userId,
    body: parsed.data.body,
    attachment,
  });
  if (!sent.ok) {
    if (sent.error === 'notFound') notFound();
    return failure(formData, { form: `errors.${sent.error}` });
  }
  return redirect(back);
}
