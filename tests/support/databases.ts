// Where the integration tests' databases live. TEST_DATABASE=postgres runs the same tests on
// PostgreSQL (TEST_POSTGRES_URL points at a server where the role may create databases).
import path from 'node:path';

export const testDialect = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
export const TMP_DIR = path.resolve('tests/.tmp');
export const SQLITE_TEMPLATE = path.join(TMP_DIR, 'template.sqlite');
export const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://asuh:asuh@127.0.0.1:5432/postgres';
export const PG_TEMPLATE = 'asuh_test_template';

export function pgUrlFor(database: string) {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
