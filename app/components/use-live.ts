// Keeps an open page up to date: opens the page's live stream (app/modules/live), refetches the
// page's data (its loaders) shortly after a relevant event, reconnects after a drop without losing
// events, and says whether the page is live (for <LiveIndicator>).
import { useActionData, useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { LIVE_TYPES } from '~/modules/live/topics';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';
export type LiveMessage = { id: string; type: string; topic: string; data: unknown };

type Options = {
  /** The event types that make the page refetch its data; every type when omitted. */
  types?: readonly string[];
  /**
   * The loader's `liveCursor()`: events published since the page's data was read are replayed,
   * so none falls between the loader and the stream. Without it the page refetches once on connecting.
   */
  since?: string;
  /** Called with each event (already filtered to `types`), for pages that use the event itself. */
  onEvent?: (message: LiveMessage) => void;
  /** Events this close together cause one refetch. */
  debounceMs?: number;
};

const SEEN_IDS = 500;
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

/** `url`: the page's stream (`/family/live`, `/c/<center>/live`); null opens none. */
export function useLive(url: string | null, { types, since, onEvent, debounceMs = 300 }: Options = {}): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const revalidator = useRevalidator();
  // A revalidation clears the page's action data: a form's errors (and the values it kept) would
  // vanish under the person correcting them. While they are shown the page waits; the person's
  // next submission refetches everything anyway.
  const actionData = useActionData<{ errors?: unknown }>();
  const showsErrors = typeof actionData === 'object' && actionData !== null && 'errors' in actionData;
  // Read by the stream's callbacks, which outlive renders; only `url` reopens the stream.
  const latest = useRef({ revalidator, types, since, onEvent, showsErrors });
  latest.current = { revalidator, types, since, onEvent, showsErrors };

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let lastId = '';
    let retryMs = FIRST_RETRY_MS;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let refetchTimer: ReturnType<typeof setTimeout> | undefined;
    let opened = false;
    const seen = new Set<string>();

    const refetch = () => {
      refetchTimer ??= setTimeout(() => {
        refetchTimer = undefined;
        if (!latest.current.showsErrors) latest.current.revalidator.revalidate();
      }, debounceMs);
    };

    const open = () => {
      const target = new URL(url, window.location.href);
      // A new EventSource does not send Last-Event-ID: the position goes in the URL instead.
      if (lastId) target.searchParams.set('lastEventId', lastId);
      else if (latest.current.since) target.searchParams.set('since', latest.current.since);
      const current = new EventSource(target);
      source = current;
      current.onopen = () => {
        // A connection the browser itself calls offline is not trusted to be live.
        if (navigator.onLine) setStatus('live');
        retryMs = FIRST_RETRY_MS;
        if (!opened && !lastId && !latest.current.since) refetch();
        opened = true;
      };
      current.onmessage = (event: MessageEvent<string>) => {
        if (event.lastEventId) lastId = event.lastEventId;
        if (event.lastEventId && seen.has(event.lastEventId)) return;
        seen.add(event.lastEventId);
        if (seen.size > SEEN_IDS) seen.delete(seen.values().next().value!);
        let message: LiveMessage;
        try {
          message = { id: event.lastEventId, ...JSON.parse(event.data) };
        } catch {
          return;
        }
        if (message.type === LIVE_TYPES.reset) return refetch();
        const wanted = latest.current.types;
        if (wanted && !wanted.includes(message.type)) return;
        latest.current.onEvent?.(message);
        refetch();
      };
      current.onerror = () => {
        setStatus('reconnecting');
        // CONNECTING: the browser retries by itself. CLOSED: it gave up (an error status, or not an
        // event stream — a proxy's error page, access gone): try again later, less and less often.
        if (current.readyState !== EventSource.CLOSED) return;
        current.close();
        retryTimer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      };
    };
    open();
    // A stream notices a dropped network only when its connection fails; the browser knows at once.
    const offline = () => setStatus('reconnecting');
    const online = () => {
      if (source?.readyState === EventSource.OPEN) setStatus('live');
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      source?.close();
      clearTimeout(retryTimer);
      clearTimeout(refetchTimer);
    };
  }, [url, debounceMs]);

  return status;
}
