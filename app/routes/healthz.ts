import { sql } from 'kysely';
import { databaseConfig, getDb } from '~db/client.server';

// For load balancers and `asuh doctor`: no session needed, no data revealed.
export async function loader() {
  const dialect = databaseConfig().dialect;
  try {
    await sql`select 1`.execute(getDb());
    return Response.json({ status: 'ok', database: 'ok', dialect });
  } catch {
    return Response.json({ status: 'error', database: 'unreachable', dialect }, { status: 503 });
  }
}
