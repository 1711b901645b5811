import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { notFound } from '~/modules/http.server';
import { devMailboxAllowed } from '~/modules/notifications/mail-config.server';
import { devMailbox } from '~/modules/notifications/mailbox.server';

// The development mailbox: in development, the tests and the demo (ASUH_DEMO=1), email is not
// sent; this page shows every message as it would have gone out. It does not exist in production.
export async function loader(_: LoaderFunctionArgs) {
  if (!devMailboxAllowed()) notFound();
  return { messages: await devMailbox() };
}

export const meta: MetaFunction = () => [{ title: 'Asuh' }, { name: 'robots', content: 'noindex' }];

export default function DevMailbox() {
  const { messages } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <section>
      <h1>{t('devMail.title')}</h1>
      <p className="lead">{t('devMail.lead')}</p>
      {messages.length === 0 ? <p className="empty">{t('devMail.empty')}</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="card dev-mail" aria-label={m.subject}>
          <h2>{m.subject}</h2>
          <dl className="facts">
            <dt>{t('devMail.to')}</dt>
            <dd>{m.to_email}</dd>
            <dt>{t('devMail.language')}</dt>
            <dd>{t(`language.${m.language}`, { defaultValue: m.language })}</dd>
            <dt>{t('devMail.status')}</dt>
            <dd>
              {t(`mailPage.status.${m.status}`)} ·{' '}
              {formatDateTime(m.sent_at ?? m.created_at, lng, m.time_zone ?? 'Asia/Jakarta')}
            </dd>
          </dl>
          <pre className="dev-mail-body">{m.body}</pre>
        </article>
      ))}
    </section>
  );
}
