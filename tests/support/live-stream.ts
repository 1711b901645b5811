// Opens a live stream route the way a browser's EventSource does, and reads its events one by one.
import type { LoaderFunctionArgs } from '@remix-run/node';
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import type { DB } from '~db/schema';
import { publish, subscribe } from '~/modules/live/bus.server';

const ORIGIN = 'http://localhost:3000';

export type StreamMessage = { id: string; type: string; topic: string; data: Record<string, unknown> };

export type OpenStream = {
  status: number;
  headers: Headers;
  /** The next event with data (comments and `retry:` skipped), or 'closed' when the stream ended. */
  next: (timeoutMs?: number) => Promise<StreamMessage | 'closed'>;
  /** Comments received so far (`: keep-alive`). */
  comments: string[];
  /** The browser goes away. */
  close: () => void;
};

export async function openStream(
  loader: (args: LoaderFunctionArgs) => unknown,
  {
    path,
    cookie,
    params = {},
    lastEventId,
  }: { path: string; cookie?: string; params?: Record<string, string>; lastEventId?: string },
): Promise<OpenStream> {
  const abort = new AbortController();
  const headers = new Headers({ Accept: 'text/event-stream' });
  if (cookie) headers.set('Cookie', cookie);
  if (lastEventId) headers.set('Last-Event-ID', lastEventId);
  let response: Response;
  try {
    response = (await loader({
      request: new Request(`${ORIGIN}${path}`, { headers, signal: abort.signal }),
      params,
      context: {},
    })) as Response;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  const comments: string[] = [];
  if (!response.headers.get('Content-Type')?.startsWith('text/event-stream')) {
    return {
      status: response.status,
      headers: response.headers,
      comments,
      next: async () => 'closed',
      close: () => abort.abort(),
    };
  }
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let pending: Promise<ReadableStreamReadResult<string>> | null = null;
  const next = async (timeoutMs = 5000): Promise<StreamMessage | 'closed'> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = block.split('\n');
        comments.push(...fields.filter((f) => f.startsWith(':')).map((f) => f.slice(1).trim()));
        const id = fields.find((f) => f.startsWith('id: '))?.slice(4) ?? '';
        const data = fields.find((f) => f.startsWith('data: '))?.slice(6);
        if (data !== undefined) return { id, ...JSON.parse(data) };
        continue;
      }
      pending ??= reader.read();
      const left = deadline - Date.now();
      const result = await Promise.race([
        pending,
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, left))),
      ]);
      if (result === 'timeout') throw new Error(`no event within ${timeoutMs} ms`);
      pending = null;
      if (result.done) return 'closed';
      buffer += result.value;
    }
  };
  return { status: response.status, headers: response.headers, next, comments, close: () => abort.abort() };
}

/** Publishes on its own, as a change would (one transaction). */
export async function publishNow(topic: string, type = 'test', data: Record<string, unknown> = {}) {
  return getDb()
    .transaction()
    .execute((trx: Kysely<DB>) => publish(trx, { topic, type, data }));
}

/**
 * Waits until this process's bus hands out events (on PostgreSQL its LISTEN connection is made in
 * the background): publishes a probe until it comes back.
 */
export async function untilBusDelivers(
  subscribeTo: (topics: string[], listener: () => void) => () => void = subscribe,
  timeoutMs = 10_000,
) {
  const topic = `probe:${Math.random()}`;
  let arrived = false;
  const unsubscribe = subscribeTo([topic], () => (arrived = true));
  const deadline = Date.now() + timeoutMs;
  try {
    while (!arrived) {
      if (Date.now() > deadline) throw new Error('the live bus delivers nothing');
      await publishNow(topic);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    unsubscribe();
  }
}
