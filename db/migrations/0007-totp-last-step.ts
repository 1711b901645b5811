import type { Kysely } from 'kysely';

// The 30-second step of the last authenticator code accepted: a code is good once, not for its
// whole window (RFC 6238 §5.2).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.');
}
