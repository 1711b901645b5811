// Which notices a person wants by email. No row is the default: wanted. notify() reads the rows;
// the kinds that are always sent (invitations, reset links, a child's safety) have no choice.
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import type { DB } from '~db/schema';
import { recordChange } from '../audit/audit.server';
import type { NotificationKind } from './notifications';

/** Each of `kinds` with whether the person wants it by email. */
export async function mailPreferencesOf(
  { userId, kinds }: { userId: string; kinds: readonly NotificationKind[] },
  db: Kysely<DB> = getDb(),
) {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['kind', 'email'])
    .where('user_id', '=', userId)
    .where('kind', 'in', kinds)
    .execute();
  const off = new Set(rows.filter((r) => r.email === 0).map((r) => r.kind));
  return kinds.map((kind) => ({ kind, email: !off.has(kind) }));
}

/**
 * Sets the person's choice for each of `offered` (the kinds their page showed): wanted if in
 * `wanted`, else not. Kinds not offered keep their setting. Audited as a change to the account.
 */
export async function setMailPreferences({
  userId,
  offered,
  wanted,
}: {
  userId: string;
  offered: readonly NotificationKind[];
  wanted: readonly NotificationKind[];
}) {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const current = await mailPreferencesOf({ userId, kinds: offered }, trx);
      const changed = current.filter((p) => p.email !== wanted.includes(p.kind));
      if (changed.length === 0) return 0;
      for (const { kind, email } of changed) {
        await trx
          .insertInto('notification_preferences')
          .values({ user_id: userId, kind, email: email ? 0 : 1 })
          .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ email: email ? 0 : 1 }))
          .execute();
      }
      await recordChange(trx, {
        actorId: userId,
        centerId: null,
        entity: 'user',
        entityId: userId,
        before: Object.fromEntries(changed.map((p) => [`mail_${p.kind}`, p.email ? 1 : 0])),
        after: Object.fromEntries(changed.map((p) => [`mail_${p.kind}`, p.email ? 0 : 1])),
      });
      return changed.length;
    });
}
