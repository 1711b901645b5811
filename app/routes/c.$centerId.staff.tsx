import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Field } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { requireUser } from '~/modules/auth/require-user.server';
import { parseForm } from '~/modules/forms/parse.server';
import { notFound } from '~/modules/http.server';
import { inviteStaff, listOpenInvites } from '~/modules/users/invites.server';
import { InviteStaffSchema, ROLES, SetDisabledSchema } from '~/modules/users/staff';
import { listStaff, setStaffDisabled } from '~/modules/users/users.server';
import { readForm } from '~/modules/forms/read.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, { centerId: params.centerId!, roles: ['coordinator'] });
  const [staff, invites] = await Promise.all([listStaff(params.centerId!), listOpenInvites(params.centerId!)]);
  return { staff, invites, selfId: user.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request, { centerId: params.centerId!, roles: ['coordinator'] });
  const centerId = params.centerId!;
  const formData = await readForm(request);
  if (formData.get('intent') === 'invite') {
    const parsed = parseForm(formData, InviteStaffSchema);
    if (!parsed.ok) return parsed.response;
    const result = await inviteStaff({ centerId, ...parsed.data, actorId: user.id });
    const link = result.kind === 'invited' ? `${new URL(request.url).origin}/invite/${result.token}` : null;
    return data({ invited: { name: parsed.data.name, link } });
  }
  const parsed = parseForm(formData, SetDisabledSchema);
  if (!parsed.ok || parsed.data.userId === user.id) notFound();
  const ok = await setStaffDisabled({ userId: parsed.data.userId, centerId, actorId: user.id, disabled: parsed.data.intent === 'disable' });
  if (!ok) notFound();
  return data({ invited: null });
}

export default function Staff() {
  const { staff, invites, selfId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const { field, onSubmit, formError, register } = useValidatedForm(InviteStaffSchema, { intent: 'invite', defaultValues: { role: 'caregiver' } });
  const invited = actionData && 'invited' in actionData ? actionData.invited : null;
  return (
    <section>
      <h1>{t('staff.title')}</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('staff.name')}</th>
              <th>{t('staff.roles')}</th>
              <th>{t('staff.twoFactor')}</th>
              <th>{t('staff.status')}</th>
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
                <td>{s.disabled ? t('staff.disabled') : t('staff.active')}</td>
                <td>
                  {s.id === selfId ? null : (
                    <Form method="post">
                      <input type="hidden" name="userId" value={s.id} />
                      <button type="submit" name="intent" value={s.disabled ? 'enable' : 'disable'} className="secondary">
                        {s.disabled ? t('staff.enable') : t('staff.disable')}
                        <span className="visually-hidden"> {s.name}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('staff.inviteTitle')}</h2>
      {invited ? (
        <div className="notice" role="status">
          {invited.link ? (
            <>
              <p>{t('staff.inviteCreated', { name: invited.name })}</p>
              <input readOnly value={invited.link} aria-label={t('staff.inviteLink')} className="copy" />
            </>
          ) : (
            <p>{t('staff.memberAdded', { name: invited.name })}</p>
          )}
        </div>
      ) : null}
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
                {i.name} · {i.email} · {t(`roles.${i.role}`)} · {t('staff.expires', { date: formatDate(i.expires_at.slice(0, 10), i18n.language as Lang) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
