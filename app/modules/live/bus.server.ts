// Live updates for open pages (a family's timeline, a staff inbox, the door). A change publishes
// an event inside its own transaction: the event row is written with it, so it exists exactly when
// the change does, and a page that reconnects replays what it missed from the last id it saw.
//
// Between processes: on PostgreSQL the transaction also sends NOTIFY, which PostgreSQL delivers
// only at commit, to every process LISTENing (this one included); each then reads the event rows
// and hands them to its own subscribers. On SQLite there is one process: it tells itself, and the
// read waits for the writing transaction to end (one connection), finding the rows only if it
// committed.
//
// Topic names: ./topics.ts. The streams pages open: ./stream.server.ts.
import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { databaseConfig, getDb } from '~db/client.server';
import { newId } from '~db/ids';
import type { DB } from '~db/schema';

export type LiveEvent = { id: string; topic: string; type: string; data: unknown; createdAt: string };

const CHANNEL = 'asuh_live';
/** How long events are kept for pages that reconnect (the job forgets older ones). */
export const LIVE_EVENT_DAYS = 2;
/** Emitted on a bus after its LISTEN connection came back: events of the gap were not delivered. */
const RESUMED = Symbol('resumed');

let lastMs = 0;
let sameMs = 0;
/**
 * Ids sort by time. The tail keeps ids of the same millisecond apart: a count, so that this
 * process's ids sort in the order it gave them, then random, for other processes' ids.
 */
export function newEventId(at = new Date()) {
  sameMs = at.getTime() === lastMs ? sameMs + 1 : 0;
  lastMs = at.getTime();
  return `${at.toISOString()}~${sameMs.toString(36).padStart(3, '0')}${newId().slice(0, 7)}`;
}

type Publication = { type: string; data?: unknown };

/**
 * Records an event about `topic` (a child's day, a conversation, a center's inbox, …) — or one
 * event on each of `topics`, in one insert — in the caller's transaction, and announces it once
 * that transaction commits. Returns the event id(s).
 */
export async function publish(trx: Kysely<DB>, event: Publication & { topic: string }): Promise<string>;
export async function publish(trx: Kysely<DB>, event: Publication & { topics: readonly string[] }): Promise<string[]>;
export async function publish(
  trx: Kysely<DB>,
  { type, data = {}, ...to }: Publication & ({ topic: string } | { topics: readonly string[] }),
): Promise<string | string[]> {
  const topics = 'topic' in to ? [to.topic] : to.topics;
  if (topics.length === 0) return [];
  const at = new Date();
  const json = JSON.stringify(data);
  const rows = topics.map((topic) => ({ id: newEventId(at), topic, type, data: json, created_at: at.toISOString() }));
  const ids = rows.map((r) => r.id);
  await trx.insertInto('live_events').values(rows).execute();
  if (databaseConfig().dialect === 'postgres') {
    // One notification for the lot (a payload may hold ~8,000 bytes: some 200 ids).
    await sql`select pg_notify(${CHANNEL}, ${ids.join(',')})`.execute(trx);
  } else if (processBus.hasSubscribers(topics)) {
    // Not read back when no page here listens (nor in a command-line process, which has none).
    setImmediate(() => void processBus.deliver(ids));
  }
  return 'topic' in to ? ids[0] : ids;
}

function toLiveEvent(row: { id: string; topic: string; type: string; data: string; created_at: string }): LiveEvent {
  return { id: row.id, topic: row.topic, type: row.type, data: JSON.parse(row.data), createdAt: row.created_at };
}

/**
 * One process's subscribers and, on PostgreSQL, its LISTEN connection. The server has one (the
 * functions below); the tests make a second to stand for another process.
 */
export class LiveBus {
  private readonly local = new EventEmitter();

  constructor(private readonly db: () => Kysely<DB> = getDb) {
    // Every open page subscribes once per topic; a center's door and timelines add up to thousands.
    this.local.setMaxListeners(0);
  }

  /** Reads committed events and hands them to this bus's subscribers of their topics. */
  async deliver(eventIds: string[]) {
    try {
      const rows = await this.db()
        .selectFrom('live_events')
        .selectAll()
        .where('id', 'in', eventIds)
        .orderBy('id')
        .execute();
      for (const row of rows) this.local.emit(row.topic, toLiveEvent(row));
    } catch (error) {
      console.error('Live event could not be delivered:', error);
    }
  }

  hasSubscribers(topics: readonly string[]) {
    return topics.some((topic) => this.local.listenerCount(topic) > 0);
  }

  /** Calls `listener` with every event of these topics from now on; returns the unsubscribe. */
  subscribe(topics: readonly string[], listener: (event: LiveEvent) => void) {
    for (const topic of topics) this.local.on(topic, listener);
    return () => {
      for (const topic of topics) this.local.off(topic, listener);
    };
  }

  /**
   * Calls `listener` when this bus listens again after its connection dropped: events published
   * meanwhile were not delivered here, and a subscriber replays them (eventsSince). Returns the
   * unsubscribe.
   */
  onResume(listener: () => void) {
    this.local.on(RESUMED, listener);
    return () => void this.local.off(RESUMED, listener);
  }

  /**
   * On PostgreSQL, listens for the events of every process on its own connection, reconnecting
   * after a drop. Returns the stop.
   */
  listen(url: string, { retryMs = 1000 } = {}): () => Promise<void> {
    let client: pg.Client | null = null;
    let stopped = false;
    let connectedOnce = false;
    let retry: NodeJS.Timeout | undefined;
    const delivering = new Set<Promise<void>>();
    const connect = async () => {
      const next = new pg.Client({ connectionString: url, keepAlive: true });
      next.on('notification', (message) => {
        if (stopped || message.channel !== CHANNEL || !message.payload) return;
        const delivery = this.deliver(message.payload.split(','));
        delivering.add(delivery);
        void delivery.finally(() => delivering.delete(delivery));
      });
      next.on('error', () => reconnect(next));
      next.on('end', () => reconnect(next));
      try {
        await next.connect();
        await next.query(`listen ${CHANNEL}`);
        if (stopped) return void (await next.end().catch(() => {}));
        client = next;
        if (connectedOnce) this.local.emit(RESUMED);
        connectedOnce = true;
      } catch {
        reconnect(next);
      }
    };
    const reconnect = (from: pg.Client) => {
      if (stopped || retry || (client !== null && client !== from)) return;
      from.end().catch(() => {});
      client = null;
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, retryMs);
      retry.unref();
    };
    void connect();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
      await Promise.all(delivering);
    };
  }
}

/** This process's bus. */
const processBus = new LiveBus();

/** Calls `listener` with every event of these topics from now on; returns the unsubscribe. */
export function subscribe(topics: readonly string[], listener: (event: LiveEvent) => void) {
  return processBus.subscribe(topics, listener);
}

/** See LiveBus.onResume. */
export function onBusResume(listener: () => void) {
  return processBus.onResume(listener);
}

/** Events of these topics after `afterId` (a page reconnecting with Last-Event-ID), oldest first. */
export async function eventsSince({
  topics,
  afterId,
  limit = 500,
}: {
  topics: readonly string[];
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
  // Ids begin with their instant: the primary key finds the old ones without reading the table.
  const result = await getDb().deleteFrom('live_events').where('id', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * On PostgreSQL, listens for the events of every process (started by the server). Returns the
 * stop. On SQLite there is nothing to listen to.
 */
export function startLiveBus(): () => Promise<void> {
  const config = databaseConfig();
  if (config.dialect !== 'postgres') return async () => {};
  return processBus.listen(config.url);
}
