// In a test file: the PostgreSQL server that the global setup chose, passed through Vitest's
// provide/inject (a global setup may not import 'vitest', so this is apart from databases.ts).
import { inject } from 'vitest';
import { databaseUrl } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A role on the server that may create databases; unset on the SQLite pass. */
    pgAdminUrl: string;
  }
}

export const PG_ADMIN_URL = inject('pgAdminUrl');

export function pgUrlFor(database: string) {
  return databaseUrl(PG_ADMIN_URL, database);
}
