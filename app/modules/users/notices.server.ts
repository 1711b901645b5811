// The links a coordinator issues, also sent by email: an invitation (staff or guardian) to the
// invited address, and a password reset link to the account's address. The coordinator still sees
// each link to pass on by hand; the email is written in the same transaction as the link.
import type { Kysely } from 'kysely';
import type { DB, Language, Role } from '~db/schema';
import { formatDateTime, formatLongDate } from '~/i18n/format';
import { createI18n } from '~/i18n/catalogs.server';
import { DEFAULT_LANGUAGE, isLang } from '~/i18n/i18n';
import { publicUrl } from '../notifications/mail-config.server';
import { notify } from '../notifications/outbox.server';
import { localDate } from '../time/time';

type Invite = {
  id: string;
  center_id: string;
  email: string;
  name: string;
  role: Role | 'guardian';
  child_id: string | null;
  relationship: string | null;
  expires_at: string;
};

/**
 * The invitation's link to the invited address. Written in the language of the account that has
 * this address, if one does (nobody learns whether it does: the inviter sees the same either way),
 * else in Bahasa Indonesia.
 */
export async function invitationNotice(
  trx: Kysely<DB>,
  { invite, token, inviterId }: { invite: Invite; token: string; inviterId: string },
) {
  const [center, inviter, child, account] = await Promise.all([
    trx
      .selectFrom('centers')
      .select(['name', 'time_zone'])
      .where('id', '=', invite.center_id)
      .executeTakeFirstOrThrow(),
    trx.selectFrom('users').select('name').where('id', '=', inviterId).executeTakeFirst(),
    invite.child_id
      ? trx
          .selectFrom('children')
          .select('full_name')
          .where('id', '=', invite.child_id)
          .where('center_id', '=', invite.center_id)
          .executeTakeFirst()
      : undefined,
    trx.selectFrom('users').select('preferred_language').where('email', '=', invite.email).executeTakeFirst(),
  ]);
  const language: Language = isLang(account?.preferred_language) ? account.preferred_language : DEFAULT_LANGUAGE;
  const expiresOn = localDate(center.time_zone, invite.expires_at);
  return notify(trx, {
    kind: 'invitation',
    centerId: invite.center_id,
    to: [{ email: invite.email, language }],
    params: (lng) => {
      const { t } = createI18n(lng);
      return {
        name: invite.name,
        inviter: inviter?.name ?? center.name,
        center: center.name,
        what:
          invite.role === 'guardian'
            ? t('mail.invitation.asGuardian', {
                relationship: t(`relationships.${invite.relationship ?? 'wali'}`),
                child: child?.full_name ?? '',
              })
            : t('mail.invitation.asStaff', { role: t(`roles.${invite.role}`).toLowerCase() }),
        link: publicUrl(`/invite/${token}`),
        expires: formatLongDate(expiresOn, lng),
      };
    },
    // A new link (sent again) is a new email; the same link is never sent twice.
    dedupeKey: `invitation:${invite.id}:${invite.expires_at}`,
    // Someone is waiting for it: not held for a center's quiet hours.
    urgent: true,
  });
}

/** A coordinator's password reset link, to the account's own address and language. */
export async function passwordResetNotice(
  trx: Kysely<DB>,
  { reset, token }: { reset: { id: string; user_id: string; center_id: string; expires_at: string }; token: string },
) {
  const [center, user] = await Promise.all([
    trx.selectFrom('centers').select(['name', 'time_zone']).where('id', '=', reset.center_id).executeTakeFirstOrThrow(),
    trx.selectFrom('users').select(['name', 'email']).where('id', '=', reset.user_id).executeTakeFirstOrThrow(),
  ]);
  return notify(trx, {
    kind: 'password_reset',
    centerId: reset.center_id,
    to: [{ userId: reset.user_id }],
    params: (lng) => ({
      name: user.name,
      email: user.email,
      center: center.name,
      link: publicUrl(`/reset/${token}`),
      expires: formatDateTime(reset.expires_at, lng, center.time_zone),
    }),
    dedupeKey: `password_reset:${reset.id}`,
    urgent: true,
  });
}
