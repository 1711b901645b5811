import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { CopyLink } from '~/components/copy-link';
import { InviteActions, RowAction } from '~/components/row-action';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { issuePasswordReset } from '~/modules/auth/passwords.server';
import { requireUser } from '~/modules/auth/require-user.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { found, notFound } from '~/modules/http.server';
import { InviteActionSchema } from '~/modules/users/invites';
import { inviteStaff, listOpenInvites, renewInvite, revokeInvite } from '~/modules/users/invites.server';
import { InviteStaffSchema, ROLES, StaffActionSchema } from '~/modules/users/staff';
import { changeMembership, listStaff } from '~/modules/users/users.server';
import { RatioFlag } from '~/components/safeguarding';
import { centerFor } from '~/modules/centers/context.server';
import { staffCheckStatus } from '~/modules/safeguarding/safeguarding.server';
import { localDate } from '~/modules/time/time';
import { ScrollTable } from '~/components/scroll-table';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, { centerId: params.centerId!, roles: ['coordinator'] });
  const center = await centerFor(request, params.centerId!);
  const [staff, invites, checks] = await Promise.all([
    listStaff(params.centerId!),
    listOpenInvites(params.centerId!),
    staffCheckStatus({ centerId: center.id, today: localDate(center.timeZone) }),
  ]);
  return { staff, invites, selfId: user.id, checks };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request, { centerId: params.centerId!, roles: ['coordinator'] });
  const centerId = params.centerId!;
  const formData = await readForm(request);
  const origin = new URL(request.url).origin;
  if (formData.get('intent') === 'invite') {
    const parsed = parseForm(formData, InviteStaffSchema);
    if (!parsed.ok) return parsed.response;
    // The same answer whether or not the email has an account: the person accepts from the link.
    const token = await inviteStaff({ centerId, ...parsed.data, actorId: user.id });
    return data({ link: { kind: 'invite', name: parsed.data.name, url: `${origin}/invite/${token}` } });
  }
  if (formData.get('intent') === 'invite-renew' || formData.get('intent') === 'invite-revoke') {
    const parsed = parseForm(formData, InviteActionSchema);
    if (!parsed.ok) notFound();
    if (parsed.data.intent === 'invite-revoke') {
      if (!(await revokeInvite({ centerId, inviteId: parsed.data.id, actorId: user.id }))) notFound();
      return data({ link: null });
    }
    const token = found(await renewInvite({ centerId, inviteId: parsed.data.id, actorId: user.id }));
    return data({ link: { kind: 'invite', name: '', url: `${origin}/invite/${token}` } });
  }
  const parsed = parseForm(formData, StaffActionSchema);
  if (!parsed.ok || parsed.data.userId === user.id) notFound();
  const { intent, userId } = parsed.data;
  if (intent === 'reset-link') {
    const result = await issuePasswordReset({ centerId, userId, actorId: user.id });
    if (!result.ok && result.error === 'notFound') notFound();
    if (!result.ok) return failure(formData, { form: `errors.${result.error}` });
    const name = (await listStaff(centerId)).find((s) => s.id === userId)?.name ?? '';
    return data({ link: { kind: 'reset', name, url: `${origin}/reset/${result.token}` } });
  }
  if (!(await changeMembership({ userId, centerId, actorId: user.id, change: intent }))) notFound();
  return data({ link: null });
}

export default function Staff() {
  const { staff, invites, selfId, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const { field, onSubmit, formError, register } = useValidatedForm(InviteStaffSchema, {
    intent: 'invite',
    defaultValues: { role: 'caregiver' },
  });
  const link = actionData && 'link' in actionData ? actionData.link : null;
  const actionError =
    actionData && 'errors' in actionData && actionData.intent !== 'invite' ? actionData.errors.form : undefined;
  return (
    <section>
      <h1>{t('staff.title')}</h1>
      <p className="hint">{t('staff.membershipHint')}</p>
      <p>
        <Link to="../safeguarding" relative="path">
          {t('safeguarding.staffPageLink')}
        </Link>
      </p>
      <ErrorMessage message={actionError} />
      {link ? (
        <div className="notice" role="status">
          <p>{t(link.kind === 'invite' ? 'staff.inviteCreated' : 'staff.resetCreated', { name: link.name })}</p>
          <CopyLink url={link.url} label={t(link.kind === 'invite' ? 'staff.inviteLink' : 'staff.resetLink')} />
        </div>
      ) : null}
      <ScrollTable label={t('staff.title')}>
        <table>
          <thead>
            <tr>
              <th>{t('staff.name')}</th>
              <th>{t('staff.roles')}</th>
              <th>{t('staff.twoFactor')}</th>
              <th>{t('staff.status')}</th>
              <th>{t('safeguarding.ratioColumn')}</th>
              <th>
                <span className="visually-hidden">{t('staff.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.name}
                  <br />
                  <span className="hint">{s.email}</span>
                </td>
                <td>{s.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
                <td>{s.twoFactor ? t('staff.on') : t('staff.off')}</td>
                <td>{s.suspended ? t('staff.suspended') : t('staff.active')}</td>
                <td>
                  <StaffCheckFlag status={checks.find((c) => c.id === s.id)} />
                </td>
                <td>
                  {s.id === selfId ? null : (
                    <Form method="post" className="row-actions">
                      <input type="hidden" name="userId" value={s.id} />
                      <RowAction
                        intent={s.suspended ? 'reactivate' : 'suspend'}
                        label={t(s.suspended ? 'staff.reactivate' : 'staff.suspend')}
                        subject={s.name}
                        className="secondary"
                      />
                      <RowAction
                        intent="remove"
                        label={t('staff.remove')}
                        subject={s.name}
                        className="secondary danger"
                      />
                      <RowAction intent="reset-link" label={t('staff.resetLinkButton')} subject={s.name} />
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>

      <h2>{t('staff.inviteTitle')}</h2>
      <Form method="post" onSubmit={onSubmit} noValidate className="card form-grid">
        <input type="hidden" name="intent" value="invite" />
        <ErrorMessage message={formError} />
        <Field label={t('staff.name')} autoComplete="off" {...field('name')} />
        <Field label={t('login.email')} type="email" autoComplete="off" {...field('email')} />
        <div className="field">
          <label htmlFor="f-role">{t('staff.role')}</label>
          <select id="f-role" {...register('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t('staff.invite')}
        </button>
      </Form>

      {invites.length > 0 ? (
        <>
          <h2>{t('staff.openInvites')}</h2>
          <ul className="plain">
            {invites.map((i) => (
              <li key={i.id}>
                {i.name} · {i.email} · {t(`roles.${i.role}`)} ·{' '}
                {t('staff.expires', { date: formatDate(i.expires_at.slice(0, 10), i18n.language as Lang) })}
                <InviteActions id={i.id} subject={i.name} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The person's safeguarding flag, linking to their record: lapsed checks, or the coordinator's decision. */
function StaffCheckFlag({
  status,
}: {
  status?: { id: string; counts: boolean; reason: string | null; decidedAt: string | null; lapsed: string[] };
}) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    <Link to={`../safeguarding/staff/${status.id}`} relative="path">
      <RatioFlag counts={status.counts} reason={status.reason} decided={status.decidedAt !== null} />
      {status.lapsed.length ? (
        <span className="hint"> {status.lapsed.map((k) => t(`safeguarding.checkShort.${k}`)).join(', ')}</span>
      ) : null}
    </Link>
  );
}
