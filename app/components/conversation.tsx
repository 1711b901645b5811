import { Form, useActionData, useFetcher, useNavigation } from '@remix-run/react';
import { useEffect, useRef, type FormEvent } from 'react';
import { useTranslation } from '~/i18n/translation';
import { formatDateTime, formatNumber } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { LIVE_TYPES } from '~/modules/live/topics';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  isImage,
  MessageSchema,
  type Side,
} from '~/modules/messaging/messaging';
import { ErrorMessage, TextAreaField } from './field';
import { LiveIndicator } from './live-indicator';
import { useLive } from './use-live';
import { useValidatedForm } from './use-validated-form';

export type ThreadMessageView = {
  id: string;
  authorName: string;
  side: Side;
  body: string;
  createdAt: string;
  attachment: { id: string; fileName: string; mimeType: string; sizeBytes: number } | null;
  mine: boolean;
  read: boolean;
};

/** What makes an open conversation refetch: a new message, the other side reading. */
const THREAD_EVENTS = [LIVE_TYPES.message, LIVE_TYPES.read];

/**
 * A child's conversation: the messages, oldest first, with "read" under the viewer's side's own
 * messages once the other side has opened the conversation; and the reply form. Opening the page
 * marks it read with a POST (never in the loader), up to the newest message shown. A new message or
 * the other side's reading shows without a reload (`live`: the page's stream and its loader's cursor).
 */
export function Conversation({
  messages,
  viewerSide,
  zone,
  unread,
  newestAt,
  fileUrl,
  canWrite,
  live,
}: {
  messages: ThreadMessageView[];
  viewerSide: Side;
  zone: string;
  unread: number;
  newestAt: string | null;
  fileUrl: (documentId: string) => string;
  canWrite: boolean;
  live: { url: string; since: string };
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const liveStatus = useLive(live.url, { since: live.since, types: THREAD_EVENTS });
  const reader = useFetcher();
  const submit = reader.submit;
  // Revalidation after this post brings unread to 0, so it is sent once per new message.
  useEffect(() => {
    if (unread > 0 && newestAt) submit({ intent: 'read', upTo: newestAt }, { method: 'post' });
  }, [unread, newestAt, submit]);

  return (
    <>
      <p>
        <LiveIndicator status={liveStatus} />
      </p>
      {messages.length === 0 ? <p className="empty">{t('messages.emptyThread')}</p> : null}
      <ol className="thread" aria-label={t('messages.thread')}>
        {messages.map((m) => (
          <li key={m.id} className="message" data-side={m.side} data-mine={m.mine ? '' : undefined}>
            <p className="message-meta">
              <strong>{m.authorName}</strong>
              {m.side === 'staff' ? ` · ${t('messages.staff')}` : null} ·{' '}
              <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, lng, zone)}</time>
            </p>
            <p className="message-body">{m.body}</p>
            {m.attachment ? (
              isImage(m.attachment.mimeType) ? (
                <a href={fileUrl(m.attachment.id)} target="_blank" rel="noreferrer" className="message-attachment">
                  <img src={fileUrl(m.attachment.id)} alt={m.attachment.fileName} loading="lazy" />
                </a>
              ) : (
                <a href={fileUrl(m.attachment.id)} target="_blank" rel="noreferrer" className="message-attachment">
                  {t('messages.attachmentLink', {
                    name: m.attachment.fileName,
                    size: formatNumber(Math.max(0.1, m.attachment.sizeBytes / 1024 / 1024), lng, 1),
                  })}
                </a>
              )
            ) : null}
            {m.side === viewerSide ? (
              <p className="message-state">{m.read ? t('messages.read') : t('messages.sent')}</p>
            ) : null}
          </li>
        ))}
      </ol>
      {canWrite ? <ReplyForm /> : <p className="hint">{t('messages.closed')}</p>}
    </>
  );
}

function ReplyForm() {
  const { t } = useTranslation();
  const form = useValidatedForm(MessageSchema);
  const { reset } = form;
  const failed = useActionData() !== undefined;
  const navigation = useNavigation();
  const file = useRef<HTMLInputElement>(null);
  const sent = useRef(false);
  const busy = navigation.state === 'submitting' && navigation.formEncType === 'multipart/form-data';
  // A message that went through redirects back here: the form starts empty again. One that failed
  // comes back with its errors and keeps what was typed.
  useEffect(() => {
    if (busy) sent.current = true;
    else if (navigation.state === 'idle' && sent.current) {
      sent.current = false;
      if (!failed) {
        reset({ body: '' });
        if (file.current) file.current.value = '';
      }
    }
  }, [busy, navigation.state, failed, reset]);
  const attachmentError = form.formState.errors.attachment?.message as string | undefined;
  // A file over the limit is refused here, before a long upload ends in the server's refusal.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const chosen = file.current?.files?.[0];
    if (chosen && chosen.size > ATTACHMENT_MAX_BYTES) {
      event.preventDefault();
      form.setError('attachment', { message: `errors.attachmentTooLarge?max=${ATTACHMENT_MAX_BYTES / 1024 / 1024}` });
      return;
    }
    form.clearErrors('attachment');
    form.onSubmit(event);
  };
  return (
    <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate className="card reply">
      <ErrorMessage message={form.formError} />
      <TextAreaField label={t('messages.write')} rows={3} {...form.field('body')} />
      <div className="field">
        <label htmlFor="f-attachment">{t('messages.attachment')}</label>
        <input
          ref={file}
          id="f-attachment"
          name="attachment"
          type="file"
          accept={ATTACHMENT_TYPES.join(',')}
          aria-describedby="f-attachment-hint"
          aria-invalid={attachmentError ? true : undefined}
        />
        <p className="hint" id="f-attachment-hint">
          {t('messages.attachmentHint', { max: ATTACHMENT_MAX_BYTES / 1024 / 1024 })}
        </p>
        <ErrorMessage id="f-attachment-error" message={attachmentError} />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {t('messages.send')}
      </button>
    </Form>
  );
}
