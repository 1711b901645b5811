import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

// Trust is given per center, not per account (issue 9):
// - a membership can be suspended in one center without touching the person's account;
// - a guardian link exists only once its owner accepted an invitation bound to the child;
// - a kiosk is a paired device, and a guardian's kiosk phone + PIN is one row per center;
// - coordinators issue one-time password reset links;
// - custody notes can restrict collection, observation notes say whether the family sees them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('memberships').addColumn('suspended_at', 'text').execute();
  await db.schema
    .alterTable('memberships')
    .addColumn('suspended_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .alterTable('invites')
    .addColumn('child_id', 'text', (c) => c.references('children.id'))
    .execute();
  await db.schema.alterTable('invites').addColumn('relationship', 'text').execute();
  await db.schema.alterTable('invites').addColumn('phone', 'text').execute();
  await db.schema.alterTable('invites').addColumn('revoked_at', 'text').execute();
  await db.schema
    .alterTable('invites')
    .addColumn('accepted_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('invites_child').on('invites').column('child_id').execute();

  await db.schema
    .createTable('kiosk_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('pairing_code_hash', 'text', (c) => c.unique())
    .addColumn('pairing_expires_at', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('paired_at', 'text')
    .addColumn('last_seen_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('kiosk_devices_center').on('kiosk_devices').column('center_id').execute();

  await db.schema
    .createTable('kiosk_pins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('kiosk_pins_phone', ['center_id', 'phone'])
    .addUniqueConstraint('kiosk_pins_user', ['center_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('center_id', 'text', (c) => c.references('centers.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_resets_user').on('password_resets').column('user_id').execute();

  await db.schema
    .alterTable('children')
    .addColumn('custody_restricts_pickup', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('milestone_observations')
    .addColumn('visible_to_family', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await moveKioskPins(db);
  await db.schema.alterTable('guardians').dropColumn('pin_hash').execute();
  await turnAssumedLinksIntoInvitations(db);
}

/** PINs were kept per guardian link, found by the account's phone: one row per center now, where the phone is unambiguous. */
async function moveKioskPins(db: Kysely<any>) {
  const rows: { center_id: string; user_id: string; phone: string | null; pin_hash: string }[] = await db
    .selectFrom('guardians')
    .innerJoin('children', 'children.id', 'guardians.child_id')
    .innerJoin('users', 'users.id', 'guardians.user_id')
    .select(['children.center_id', 'guardians.user_id', 'users.phone', 'guardians.pin_hash'])
    .where('guardians.pin_hash', 'is not', null)
    .where('users.phone', 'is not', null)
    .execute();
  const byCenterPhone = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.center_id} ${row.phone}`;
    const list = byCenterPhone.get(key) ?? [];
    if (!list.some((r) => r.user_id === row.user_id)) list.push(row);
    byCenterPhone.set(key, list);
  }
  const now = new Date().toISOString();
  for (const [, list] of byCenterPhone) {
    // Two guardians behind one phone in one center is exactly the hole being closed: neither keeps a PIN.
    if (list.length !== 1) continue;
    const [row] = list;
    await db
      .insertInto('kiosk_pins')
      .values({
        id: randomBytes(12).toString('base64url'),
        center_id: row.center_id,
        user_id: row.user_id,
        phone: row.phone,
        pin_hash: row.pin_hash,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc: any) => oc.doNothing())
      .execute();
  }
}

/**
 * Enrollment used to link any account whose email was typed, and to make a password-less account
 * for a new one. Two kinds of link were never accepted by anyone: those of accounts that never set
 * a password, and those made for an account that already existed before the link (an email typed
 * on an application). They become pending invitations (the coordinator sends them again to get a
 * new link), and the old guardian invites, which carried no child, are revoked. A link made
 * together with its account, whose owner then set a password from the invite, stays.
 */
async function turnAssumedLinksIntoInvitations(db: Kysely<any>) {
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 7 * 86_400_000).toISOString();
  await db
    .updateTable('invites')
    .set({ revoked_at: now })
    .where('role', '=', 'guardian')
    .where('child_id', 'is', null)
    .where('accepted_at', 'is', null)
    .execute();
  const links: {
    id: string;
    child_id: string;
    user_id: string;
    relationship: string;
    created_at: string;
    email: string;
    name: string;
    password_hash: string | null;
    user_created_at: string;
    center_id: string;
  }[] = await db
    .selectFrom('guardians')
    .innerJoin('users', 'users.id', 'guardians.user_id')
    .innerJoin('children', 'children.id', 'guardians.child_id')
    .select([
      'guardians.id',
      'guardians.child_id',
      'guardians.user_id',
      'guardians.relationship',
      'guardians.created_at',
      'users.email',
      'users.name',
      'users.password_hash',
      'users.created_at as user_created_at',
      'children.center_id',
    ])
    .execute();
  const MADE_TOGETHER_MS = 60_000;
  for (const link of links) {
    const accountCameFirst = Date.parse(link.created_at) - Date.parse(link.user_created_at) > MADE_TOGETHER_MS;
    if (link.password_hash !== null && !accountCameFirst) continue;
    const inviter = await db
      .selectFrom('memberships')
      .select('user_id')
      .where('center_id', '=', link.center_id)
      .where('role', '=', 'coordinator')
      .orderBy('created_at')
      .executeTakeFirst();
    if (inviter) {
      await db
        .insertInto('invites')
        .values({
          id: randomBytes(12).toString('base64url'),
          // Nobody holds this token: the coordinator's "resend" makes the link to pass on.
          token_hash: createHash('sha256').update(randomBytes(24)).digest('base64url'),
          center_id: link.center_id,
          email: link.email,
          name: link.name,
          role: 'guardian',
          invited_by: inviter.user_id,
          expires_at: expires,
          accepted_at: null,
          created_at: now,
          child_id: link.child_id,
          relationship: link.relationship,
        })
        .execute();
    }
    await db.deleteFrom('guardians').where('id', '=', link.id).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
