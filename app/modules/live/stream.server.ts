// The event stream a page opens (server-sent events): the events of the topics the server chose
// for this person, each with its id; on reconnect (Last-Event-ID) what was missed first; a
// keep-alive comment now and then; and a check of the person's access that ends the stream once
// it is gone. remix-utils' eventStream (version 7, the Remix 2 line) writes only `event:` and
// `data:` — no `id:`, no comment, no `retry:` — so this is its shape with those added.
import { LIVE_TYPES } from './topics';
import { eventsSince, LIVE_EVENT_DAYS, onBusResume, subscribe, type LiveEvent } from './bus.server';

/** A comment this often keeps proxies and the browser from taking a quiet stream for a dead one. */
export const KEEP_ALIVE_MS = 20_000;
/** How often an open stream checks the person's access again (besides at once, on an access event). */
export const RECHECK_MS = 60_000;
/** What the browser waits before reconnecting a dropped stream. */
const RETRY_MS = 2_000;
/**
 * Replay starts this much before the last id the page saw: ids are given when a transaction writes
 * its event, and a transaction that began earlier may commit later (another process, a clock a
 * little apart). The page drops ids it already has.
 */
export const REPLAY_MARGIN_MS = 5_000;
/** More missed than this, and the page refetches everything instead (a `reset`). */
export const REPLAY_LIMIT = 500;
/** Remembered per stream to leave out events sent twice (the margin, a replay after a bus gap). */
const RECENT_IDS = 200;

const ID = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)(?:~[\w-]{1,16})?$/;

/** The instant an event id (or a page's `since` cursor) was given at, or null if it is not one. */
export function instantOfId(id: string) {
  const match = ID.exec(id);
  if (!match) return null;
  const at = Date.parse(match[1]);
  return Number.isNaN(at) ? null : at;
}

/** A position in the event ids: every event published after now sorts after it. */
export const liveCursor = (now = new Date()) => now.toISOString();

const encoder = new TextEncoder();

/** Every open stream of this process, to end them when the server stops. */
const open = new Set<() => void>();

/** Ends every open stream (the server is stopping): browsers reconnect, to another process or later. */
export function closeLiveStreams() {
  for (const close of [...open]) close();
}

export type LiveStreamOptions = {
  request: Request;
  /** What this person may receive now. */
  topics: string[];
  /** What they may receive now, checked again while the stream is open; null ends it. */
  recheck: () => Promise<string[] | null>;
  keepAliveMs?: number;
  recheckMs?: number;
};

/**
 * The response of a stream route. Where to start: the Last-Event-ID header of a reconnecting
 * browser, else `?lastEventId=` (a page opening a new stream after the old one failed), else
 * `?since=` (the liveCursor of the loader the page was rendered from), else now.
 */
export function liveStream({
  request,
  topics: initialTopics,
  recheck,
  keepAliveMs = KEEP_ALIVE_MS,
  recheckMs = RECHECK_MS,
}: LiveStreamOptions): Response {
  const url = new URL(request.url);
  const from =
    request.headers.get('Last-Event-ID') || url.searchParams.get('lastEventId') || url.searchParams.get('since');
  const topics = initialTopics;
  let stop = () => {};

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let cursor = liveCursor();
      const recent = new Set<string>();
      /** Live events held back while a replay runs, so none is sent before an older one. */
      let held: LiveEvent[] | null = [];

      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const send = (event: LiveEvent) => {
        if (recent.has(event.id)) return;
        recent.add(event.id);
        if (recent.size > RECENT_IDS) recent.delete(recent.values().next().value!);
        if (event.id > cursor) cursor = event.id;
        write(
          `id: ${event.id}\ndata: ${JSON.stringify({ type: event.type, topic: event.topic, data: event.data })}\n\n`,
        );
      };
      const reset = () => {
        cursor = liveCursor();
        write(`id: ${cursor}\ndata: ${JSON.stringify({ type: LIVE_TYPES.reset })}\n\n`);
      };

      /** Sends what was published after `after` (less the margin); false if too much to replay. */
      const replay = async (after: string) => {
        const at = instantOfId(after);
        if (at === null || at < Date.now() - LIVE_EVENT_DAYS * 86_400_000 + 3_600_000) return false;
        const missed = await eventsSince({
          topics,
          afterId: new Date(at - REPLAY_MARGIN_MS).toISOString(),
          limit: REPLAY_LIMIT + 1,
        });
        if (missed.length > REPLAY_LIMIT) return false;
        for (const event of missed) send(event);
        return true;
      };
      /** Replays, holding back live events meanwhile; a failed replay tells the page to refetch. */
      const catchUp = async (after: string) => {
        held ??= [];
        try {
          if (!(await replay(after))) reset();
        } catch (error) {
          console.error('Live events could not be replayed:', error);
          reset();
        }
        const waiting = held ?? [];
        held = null;
        waiting.sort((a, b) => (a.id < b.id ? -1 : 1)).forEach(send);
      };

      const onEvent = (event: LiveEvent) => {
        if (event.type === LIVE_TYPES.access) void checkAccess();
        else if (held) held.push(event);
        else send(event);
      };
      let checking = false;
      const checkAccess = async () => {
        if (checking || closed) return;
        checking = true;
        try {
          const now = await recheck();
          // Access gone, or changed (a child or classroom more or less): end the stream. The
          // browser reconnects with Last-Event-ID and gets the topics it may have now, or an error.
          if (!now || now.length !== topics.length || now.some((t) => !topics.includes(t))) close();
        } catch (error) {
          console.error('Live stream access could not be checked:', error);
        } finally {
          checking = false;
        }
      };

      const unsubscribe = subscribe(topics, onEvent);
      // Events this process missed while its LISTEN connection was down: replay from the last sent.
      const stopResume = onBusResume(() => void catchUp(cursor));
      const keepAlive = setInterval(() => write(': keep-alive\n\n'), keepAliveMs);
      let recheckTimer: NodeJS.Timeout | undefined;
      // Spread out, so that streams opened together do not all check at the same moment.
      const firstCheck = setTimeout(
        () => {
          void checkAccess();
          recheckTimer = setInterval(() => void checkAccess(), recheckMs);
        },
        recheckMs * (0.5 + Math.random()),
      );

      function close() {
        if (closed) return;
        closed = true;
        unsubscribe();
        stopResume();
        clearInterval(keepAlive);
        clearTimeout(firstCheck);
        clearInterval(recheckTimer);
        request.signal.removeEventListener('abort', close);
        open.delete(close);
        try {
          controller.close();
        } catch {
          // Already closed by the other side.
        }
      }
      stop = close;
      request.signal.addEventListener('abort', close);
      open.add(close);
      if (request.signal.aborted) return close();

      write(`retry: ${RETRY_MS}\n: live\n\n`);
      if (from) void catchUp(from);
      else held = null;
    },
    // The reader went away (the response could not be written).
    cancel() {
      stop();
    },
  });

  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: neither compression (server.js) nor a proxy may hold events back to pack them.
      'Cache-Control': 'no-cache, no-transform',
      // nginx buffers responses unless told otherwise.
      'X-Accel-Buffering': 'no',
      // Once a stream ends its connection is closed, not kept for another request: a stopping
      // server would otherwise wait for it to time out (and EventSource reconnects anew anyway).
      Connection: 'close',
    },
  });
}
