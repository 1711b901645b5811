// What each database says when one of its constraints refuses a write, so a test can tell the
// constraint it means from any other failure (a typo in the query, a missing table).
import { expect } from 'vitest';
import { testDialect } from './databases';

const SQLITE_CODES = {
  unique: 'SQLITE_CONSTRAINT_UNIQUE',
  foreignKey: 'SQLITE_CONSTRAINT_FOREIGNKEY',
  check: 'SQLITE_CONSTRAINT_CHECK',
};
const PG_CODES = { unique: '23505', foreignKey: '23503', check: '23514' };

/**
 * The error of a write refused by one constraint: on PostgreSQL by its name (`users_email_key`,
 * `classrooms_center_id_fkey`, `centers_kind_check`); on SQLite by its kind and, where SQLite names
 * it (unique and check constraints, not foreign keys), by what its message names.
 */
export function refusedBy(
  kind: keyof typeof PG_CODES,
  { pgName, sqliteMessage }: { pgName: string; sqliteMessage?: string },
) {
  return testDialect === 'postgres'
    ? { code: PG_CODES[kind], constraint: pgName }
    : {
        code: SQLITE_CODES[kind],
        ...(sqliteMessage ? { message: expect.stringContaining(sqliteMessage) } : {}),
      };
}
