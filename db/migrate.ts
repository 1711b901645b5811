import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations/index';
import type { DB } from './schema';

// Kept apart from the client so the server bundle (which never migrates) carries no migrations.
export async function migrateToLatest(db: Kysely<DB>) {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return results ?? [];
}
