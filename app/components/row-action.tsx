import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';

/** A submit button acting on one row of a list; screen readers hear whom it is for ("Suspend Rina"). */
export function RowAction({
  intent,
  label,
  subject,
  className = 'link-button',
}: {
  intent: string;
  label: string;
  subject: string;
  className?: string;
}) {
  return (
    <button type="submit" name="intent" value={intent} className={className}>
      {label}
      <span className="visually-hidden"> {subject}</span>
    </button>
  );
}

/** Send a pending invitation again (a new link) or withdraw it: on the staff page and a child's record. */
export function InviteActions({ id, subject }: { id: string; subject: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="row-actions">
      <input type="hidden" name="id" value={id} />
      <RowAction intent="invite-renew" label={t('childRecord.inviteRenew')} subject={subject} />
      <RowAction
        intent="invite-revoke"
        label={t('childRecord.inviteRevoke')}
        subject={subject}
        className="link-button danger"
      />
    </Form>
  );
}

/** Takes one person off a list (pickup persons, emergency contacts); the name is read to screen readers. */
export function RemoveRow({
  intent,
  id,
  name,
  className,
}: {
  intent: string;
  id: string;
  name: string;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className={className}>
      <input type="hidden" name="id" value={id} />
      <RowAction intent={intent} label={t('childRecord.remove')} subject={name} />
    </Form>
  );
}
