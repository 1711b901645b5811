// Live updates for open pages (a family's timeline, a staff inbox, the door). A change publishes
// an event inside its own transaction: the event row is written with it, so it exists exactly when
// the change does, and a page that reconnects replays what it missed from the last id it saw.
//
// Between processes: on PostgreSQL the transaction also sends NOTIFY, which PostgreSQL delivers
// only at commit, to every process LISTENing (this one included); each then reads the event row
// and hands it to its own subscribers. On SQLite there is one process: it tells itself, and the
// read waits for the writing transaction to end (one connection), finding the row only if it
// committed.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { databaseConfig, getDb } from '~db/client.server';
import type { DB } from '~db/schema';

export type LiveEvent = { id: string; topic: string; type: string; data: unknown; createdAt: string };

const CHANNEL = 'asuh_live';
/** How long events are kept for pages that reconnect (the job forgets older ones). */
export const LIVE_EVENT_DAYS = 2;

const local = new EventEmitter();
// Every open page subscribes once per topic; a center's door and timelines add up to thousands.
local.setMaxListeners(0);

/** Ids sort by time; the random tail keeps ids of the same millisecond apart. */
export const newEventId = (at = new Date()) => `${at.toISOString()}~${randomBytes(6).toString('base64url')}`;

/**
 * Records an event about `topic` (a child's day, a conversation, a center's inbox, …) in the
 * caller's transaction and announces it once that transaction commits.
 */
export async function publish(
  trx: Kysely<DB>,
  { topic, type, data = {} }: { topic: string; type: string; data?: unknown },
) {
  const at = new Date();
  const event = { id: newEventId(at), topic, type, data: JSON.stringify(data), created_at: at.toISOString() };
  await trx.insertInto('live_events').values(event).execute();
  if (databaseConfig().dialect === 'postgres') {
    await sql`select pg_notify(${CHANNEL}, ${event.id})`.execute(trx);
  } else {
    setImmediate(() => void deliver(event.id));
  }
  return event.id;
}

function toLiveEvent(row: { id: string; topic: string; type: string; data: string; created_at: string }): LiveEvent {
  return { id: row.id, topic: row.topic, type: row.type, data: JSON.parse(row.data), createdAt: row.created_at };
}

/** Reads a committed event and hands it to this process's subscribers of its topic. */
async function deliver(eventId: string) {
  try {
    const row = await getDb().selectFrom('live_events').selectAll().where('id', '=', eventId).executeTakeFirst();
    if (row) local.emit(row.topic, toLiveEvent(row));
  } catch (error) {
    console.error('Live event could not be delivered:', error);
  }
}

/** Calls `listener` with every event of these topics from now on; returns the unsubscribe. */
export function subscribe(topics: string[], listener: (event: LiveEvent) => void) {
  for (const topic of topics) local.on(topic, listener);
  return () => {
    for (const topic of topics) local.off(topic, listener);
  };
}

/** Events of these topics after `afterId` (a page reconnecting with Last-Event-ID), oldest first. */
export async function eventsSince({
  topics,
  afterId,
  limit = 500,
}: {
  topics: string[];
  afterId: string;
  limit?: number;
}) {
  if (topics.length === 0) return [];
  const rows = await getDb()
    .selectFrom('live_events')
    .selectAll()
    .where('topic', 'in', topics)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toLiveEvent);
}

/** Forgets events no page will ask for again; returns how many. */
export async function forgetOldLiveEvents(now = new Date()) {
  const before = new Date(now.getTime() - LIVE_EVENT_DAYS * 86_400_000).toISOString();
  const result = await getDb().deleteFrom('live_events').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * On PostgreSQL, listens for the events of every process on its own connection (started by the
 * server, reconnecting after a drop). Returns the stop. On SQLite there is nothing to listen to.
 */
export function startLiveBus(): () => Promise<void> {
  const config = databaseConfig();
  if (config.dialect !== 'postgres') return async () => {};
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client({ connectionString: config.url });
    next.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) void deliver(message.payload);
    });
    next.on('error', () => reconnect());
    try {
      await next.connect();
      await next.query(`listen ${CHANNEL}`);
      client = next;
    } catch {
      await next.end().catch(() => {});
      reconnect();
    }
  };
  const reconnect = () => {
    if (stopped || retry) return;
    client?.end().catch(() => {});
    client = null;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1000);
    retry.unref();
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
