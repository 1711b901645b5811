import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { RowAction } from '~/components/row-action';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { setFlash } from '~/modules/auth/session.server';
import { centerContext } from '~/modules/centers/context.server';
import { validateForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { notFound } from '~/modules/http.server';
import { MAX_ATTEMPTS, ResendSchema } from '~/modules/notifications/mail';
import { mailMode } from '~/modules/notifications/mail-config.server';
import { listFailedMail, mailSummary, resendFailedMail } from '~/modules/notifications/mailbox.server';
import { ScrollTable } from '~/components/scroll-table';

// The coordinator's view of the center's email: what waits, and what could not be delivered after
// every attempt (with the server's answer), to send again once the address or the server is fixed.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: ['coordinator'] });
  const [summary, failed] = await Promise.all([
    mailSummary({ centerId: center.id }),
    listFailedMail({ centerId: center.id }),
  ]);
  return { summary, failed, mode: mailMode().kind, timeZone: center.timeZone };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles: ['coordinator'] });
  const formData = await readForm(request);
  const parsed = validateForm(formData, ResendSchema);
  if (!parsed.ok) throw new Response('Bad Request', { status: 400 });
  const resent = await resendFailedMail({
    centerId: center.id,
    actorId: viewer.user.id,
    id: parsed.data.intent === 'resend' ? parsed.data.id : undefined,
  });
  // Another center's message, one already sent again, or an id that is no message: nothing here.
  if (parsed.data.intent === 'resend' && resent === 0) notFound();
  await setFlash(viewer.session, resent ? 'flash.mailResent' : 'flash.mailNothingToResend');
  return redirect(`/c/${center.id}/mail`);
}

export default function Mail() {
  const { summary, failed, mode, timeZone } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <section>
      <h1>{t('mailPage.title')}</h1>
      <p className="lead">{t('mailPage.lead', { attempts: MAX_ATTEMPTS })}</p>
      {mode === 'held' ? (
        <p className="notice" role="status">
          {t('mailPage.notConfigured')}
        </p>
      ) : null}
      {mode === 'devMailbox' ? (
        <p className="notice" role="status">
          {t('mailPage.devMailbox')} <Link to="/dev/mail">{t('devMail.title')}</Link>
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('mailPage.pending')}</dt>
        <dd>
          {summary.pending}
          {summary.retrying ? ` (${t('mailPage.retrying', { count: summary.retrying })})` : null}
        </dd>
        <dt>{t('mailPage.failed')}</dt>
        <dd>{summary.failed}</dd>
        <dt>{t('mailPage.sentThisWeek')}</dt>
        <dd>{summary.sentThisWeek}</dd>
      </dl>

      <h2>{t('mailPage.failedTitle')}</h2>
      {failed.length === 0 ? (
        <p className="empty">{t('mailPage.noneFailed')}</p>
      ) : (
        <>
          <p className="hint">{t('mailPage.failedHint')}</p>
          <ScrollTable label={t('mailPage.failedTitle')}>
            <table>
              <thead>
                <tr>
                  <th>{t('mailPage.to')}</th>
                  <th>{t('mailPage.what')}</th>
                  <th>{t('mailPage.written')}</th>
                  <th>{t('mailPage.error')}</th>
                  <th>
                    <span className="visually-hidden">{t('staff.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {failed.map((m) => (
                  <tr key={m.id}>
                    <td>{m.to_email}</td>
                    <td>
                      {t(`notificationKinds.${m.kind}`, { defaultValue: m.kind })}
                      <br />
                      <span className="hint">{m.subject}</span>
                    </td>
                    <td>{formatDateTime(m.created_at, lng, timeZone)}</td>
                    <td>
                      {m.last_error}
                      <br />
                      <span className="hint">{t('mailPage.attempts', { count: m.attempts })}</span>
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="id" value={m.id} />
                        <RowAction intent="resend" label={t('mailPage.resend')} subject={m.to_email} />
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          {failed.length > 1 ? (
            <Form method="post">
              <button type="submit" name="intent" value="resend-all" className="secondary">
                {t('mailPage.resendAll', { count: failed.length })}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}
