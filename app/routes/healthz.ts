import { databaseConfig, getDb } from '~db/client.server';
import { checkHealth } from '~/modules/health/health.server';

// For load balancers and monitoring, with the same check as `asuh doctor`: 200 when the database
// answers, is fully migrated and takes writes; otherwise 503 with the reason. No session needed,
// and no data revealed beyond the reason.
export async function loader() {
  const dialect = databaseConfig().dialect;
  const health = await checkHealth(getDb);
  return health.status === 'ok'
    ? Response.json({ status: 'ok', database: 'ok', dialect })
    : Response.json({ status: 'error', reason: health.reason, dialect }, { status: 503 });
}
