// Requests counted per key (a client address, say) in fixed windows, in the database so that
// every server process shares one count. The count goes up in one conditional upsert: requests
// arriving together each get their own number back, so no more than the limit can ever pass.
import { getDb } from '~db/client.server';

export type RateLimit = { limit: number; windowSeconds: number };
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** No window is longer than this; rows older than that are forgotten (see forgetOldRateLimits). */
const LONGEST_WINDOW_MS = 24 * 3_600_000;

/** Counts one request on `key`: allowed while the window's count stays within the limit. */
export async function hitRateLimit(
  key: string,
  { limit, windowSeconds }: RateLimit,
  now = new Date(),
): Promise<RateVerdict> {
  const windowMs = windowSeconds * 1000;
  const startMs = Math.floor(now.getTime() / windowMs) * windowMs;
  const { hits } = await getDb()
    .insertInto('rate_limits')
    .values({ key, window_start: new Date(startMs).toISOString(), hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        // A row from an earlier window starts over; otherwise one more hit in the current one.
        const newWindow = eb('excluded.window_start', '>', eb.ref('rate_limits.window_start'));
        return {
          hits: eb
            .case()
            .when(newWindow)
            .then(1)
            .else(eb('rate_limits.hits', '+', 1))
            .end(),
          window_start: eb
            .case()
            .when(newWindow)
            .then(eb.ref('excluded.window_start'))
            .else(eb.ref('rate_limits.window_start'))
            .end(),
        };
      }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (Number(hits) <= limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((startMs + windowMs - now.getTime()) / 1000)) };
}

/** Deletes counts whose window ended long ago; returns how many. */
export async function forgetOldRateLimits(now = new Date()) {
  const result = await getDb()
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(now.getTime() - LONGEST_WINDOW_MS).toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
