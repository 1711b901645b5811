import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { RELATIONSHIPS } from '~/modules/enrollment/application';
import { GuardianInviteSchema } from '~/modules/children/child';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { CopyLink } from './copy-link';
import { InviteActions, RowAction } from './row-action';
import { ErrorMessage, Field, SelectField } from './field';
import { useValidatedForm } from './use-validated-form';

type Guardian = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  relationship: string;
  kioskPhone: string | null;
};
type Pending = { id: string; name: string; email: string; relationship: string | null; expires_at: string };
type LinkAnswer = { link: { kind: 'invite' | 'reset'; name: string; url: string } };

/**
 * A child's guardians: the accepted links (who may see the child and collect them at the door) and,
 * for the coordinator, the invitations not yet accepted, which can be sent again or withdrawn.
 */
export function GuardiansCard({
  guardians,
  pending,
  canEdit,
}: {
  guardians: Guardian[];
  pending: Pending[];
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const actionData = useActionData<LinkAnswer | { errors: Record<string, string>; intent?: string }>();
  const invite = useValidatedForm(GuardianInviteSchema, {
    intent: 'guardian-invite',
    defaultValues: { relationship: 'ibu' },
  });
  const link = actionData && 'link' in actionData ? actionData.link : null;
  const relationship = (r: string | null) => (r ? t(`relationships.${r}`, { defaultValue: r }) : '');
  const guardianError =
    actionData && 'errors' in actionData && actionData.intent === 'guardian-reset' ? actionData.errors.form : undefined;
  return (
    <div className="card">
      <h2>{t('childRecord.guardians')}</h2>
      {link ? (
        <div className="notice" role="status">
          <p>{t(link.kind === 'invite' ? 'childRecord.inviteLinkMade' : 'staff.resetCreated', { name: link.name })}</p>
          <CopyLink url={link.url} label={t(link.kind === 'invite' ? 'staff.inviteLink' : 'staff.resetLink')} />
        </div>
      ) : null}
      <ErrorMessage message={guardianError} />
      {guardians.length === 0 ? <p className="empty">{t('childRecord.noGuardians')}</p> : null}
      <ul className="plain">
        {guardians.map((g) => (
          <li key={g.id}>
            <strong>{g.name}</strong> · {relationship(g.relationship)} · {g.phone ?? '—'} · {g.email}
            <br />
            <span className="hint">
              {g.kioskPhone ? t('childRecord.kioskPinSet', { phone: g.kioskPhone }) : t('childRecord.kioskPinNone')}
            </span>
            {canEdit ? (
              <Form method="post" className="row-actions">
                <input type="hidden" name="userId" value={g.id} />
                <RowAction intent="guardian-reset" label={t('staff.resetLinkButton')} subject={g.name} />
                {g.kioskPhone ? (
                  <RowAction intent="kiosk-pin-clear" label={t('childRecord.kioskPinClear')} subject={g.name} />
                ) : null}
                <RowAction
                  intent="guardian-remove"
                  label={t('childRecord.guardianRemove')}
                  subject={g.name}
                  className="link-button danger"
                />
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {pending.length > 0 ? (
        <>
          <h3>{t('childRecord.pendingGuardians')}</h3>
          <p className="hint">{t('childRecord.pendingHint')}</p>
          <ul className="plain">
            {pending.map((p) => (
              <li key={p.id}>
                {p.name} · {relationship(p.relationship)} · {p.email} ·{' '}
                <span className="hint">
                  {Date.parse(p.expires_at) < Date.now()
                    ? t('childRecord.inviteExpired')
                    : t('staff.expires', { date: formatDate(p.expires_at.slice(0, 10), i18n.language as Lang) })}
                </span>
                <InviteActions id={p.id} subject={p.name} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canEdit ? (
        <Form method="post" onSubmit={invite.onSubmit} noValidate>
          <h3>{t('childRecord.inviteGuardian')}</h3>
          <input type="hidden" name="intent" value="guardian-invite" />
          <ErrorMessage message={invite.formError} />
          <Field label={t('apply.guardianName')} id="f-guardian-name" {...invite.field('name')} />
          <Field label={t('login.email')} type="email" id="f-guardian-email" {...invite.field('email')} />
          <Field label={t('apply.phone')} type="tel" id="f-guardian-phone" {...invite.field('phone')} />
          <SelectField
            label={t('apply.relationship')}
            id="f-guardian-relationship"
            options={RELATIONSHIPS.map((r) => ({ value: r, label: relationship(r) }))}
            {...invite.field('relationship')}
          />
          <button type="submit" className="secondary">
            {t('childRecord.inviteGuardianSubmit')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
