// Every email is written to the outbox in the transaction of the change that causes it: if the
// change is saved, the email will be sent (by the mail worker, with retries); if it is not, no
// email goes. It is rendered in the recipient's language now, from the mail.<kind> catalog keys.
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { newId } from '~db/ids';
import type { DB, Language } from '~db/schema';
import { translatorFor } from '~/i18n/catalogs.server';
import { isLang } from '~/i18n/i18n';
import { nudgeMailWorker } from './mail-worker.server';
import { ALWAYS_SENT, inQuietHours, type NotificationKind } from './notifications';

export type Recipient = { userId: string } | { email: string; language: Language };
type Params = Record<string, string | number>;

export type Notice = {
  kind: NotificationKind;
  centerId: string | null;
  to: Recipient[];
  /** Values for the catalog's {{placeholders}}; a function when they depend on the language (dates). */
  params?: Params | ((language: Language) => Params);
  /** The same notice written twice (a retried request) is sent once: a key per notice and recipient. */
  dedupeKey?: string;
  /** Staff get it even in the center's quiet hours. */
  urgent?: boolean;
  /** When the change that causes it happened (the demo seed writes past days); default now. */
  at?: Date;
};

/** Writes one outbox row per recipient who wants this kind of notice; returns how many. */
export async function notify(trx: Kysely<DB>, notice: Notice) {
  const now = notice.at ?? new Date();
  // The center's quiet hours matter only for staff (read once, when the first staff recipient comes).
  let center: Promise<QuietHours | undefined> | undefined;
  const centerOf = (centerId: string) =>
    (center ??= trx
      .selectFrom('centers')
      .select(['time_zone', 'quiet_hours_start', 'quiet_hours_end'])
      .where('id', '=', centerId)
      .executeTakeFirst());
  let written = 0;
  for (const recipient of notice.to) {
    const person =
      'userId' in recipient
        ? await recipientAccount(trx, recipient.userId, notice)
        : { ...recipient, userId: null, staff: false };
    if (!person) continue;
    const language: Language = isLang(person.language) ? person.language : 'id';
    const params = typeof notice.params === 'function' ? notice.params(language) : (notice.params ?? {});
    const t = translatorFor(language);
    const quiet = person.staff && !notice.urgent && notice.centerId ? await centerOf(notice.centerId) : undefined;
    const row = {
      id: newId(),
      center_id: notice.centerId,
      kind: notice.kind,
      user_id: person.userId,
      to_email: person.email,
      language,
      subject: t(`mail.${notice.kind}.subject`, params),
      body: t(`mail.${notice.kind}.body`, params),
      dedupe_key: notice.dedupeKey ? `${notice.dedupeKey}:${person.userId ?? person.email}` : null,
      status: 'pending' as const,
      attempts: 0,
      // A staff member's notice in the center's quiet hours waits for their end, unless urgent.
      next_attempt_at: quiet ? afterQuietHours(now, quiet) : now.toISOString(),
      locked_until: null,
      last_error: null,
      sent_at: null,
      created_at: now.toISOString(),
    };
    const inserted = await trx
      .insertInto('outbox')
      .values(row)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    written += Number(inserted.numInsertedOrUpdatedRows ?? 0);
  }
  if (written) nudgeMailWorker();
  return written;
}

/** The account's address and language, or null when it is disabled or has turned this kind off. */
async function recipientAccount(trx: Kysely<DB>, userId: string, notice: Notice) {
  const user = await trx
    .selectFrom('users')
    .leftJoin('notification_preferences as p', (join) =>
      join.onRef('p.user_id', '=', 'users.id').on('p.kind', '=', notice.kind),
    )
    .select((eb) => [
      'users.email',
      'users.preferred_language as language',
      'users.disabled_at',
      'p.email as wantsEmail',
      eb
        .exists(
          eb
            .selectFrom('memberships')
            .select('memberships.id')
            .whereRef('memberships.user_id', '=', 'users.id')
            .where('memberships.center_id', '=', notice.centerId ?? '')
            .where('memberships.suspended_at', 'is', null),
        )
        .as('staff'),
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled_at) return null;
  if (user.wantsEmail === 0 && !ALWAYS_SENT.includes(notice.kind)) return null;
  // SQLite answers exists() with 0/1, PostgreSQL with a boolean.
  return { userId, email: user.email, language: user.language, staff: Boolean(user.staff) };
}

type QuietHours = { time_zone: string; quiet_hours_start: string | null; quiet_hours_end: string | null };

function afterQuietHours(now: Date, center: QuietHours) {
  const local = DateTime.fromJSDate(now).setZone(center.time_zone);
  const quiet = { start: center.quiet_hours_start, end: center.quiet_hours_end };
  if (!inQuietHours(local.toFormat('HH:mm'), quiet)) return now.toISOString();
  const [h, m] = quiet.end!.split(':').map(Number);
  let end = local.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  if (end <= local) end = end.plus({ days: 1 });
  return end.toUTC().toISO()!;
}
