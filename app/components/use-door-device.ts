// The door screen's and the kiosk's side of working offline (app/modules/attendance/door-device.ts):
// a device's taps that wait are sent whenever the network is back, and the door keeps the room's
// roster and its collectors' photos on the device while the day lasts.
import { useRevalidator } from '@remix-run/react';
import { useCallback, useEffect, useState } from 'react';
import {
  DOOR_CACHE,
  dropEndedDays,
  forgetTap,
  isBeingSent,
  onTapsChanged,
  saveRoster,
  sendWaitingTaps,
  tapsOnDevice,
  type QueuedTap,
  type TapQueue,
} from '~/modules/attendance/door-device';

/** While taps wait, the device tries again this often (and at once when the browser says it is online). */
const RETRY_MS = 15_000;

// Read as the page loads: the worker may take control later (it claims open pages when it starts).
const loadedThroughWorker = typeof navigator !== 'undefined' && Boolean(navigator.serviceWorker?.controller);

/** A queue's taps on this device, sent when the network is back; whether the device is online. */
export function useTapQueue(queue: TapQueue) {
  const revalidator = useRevalidator();
  const [online, setOnline] = useState(true);
  const [taps, setTaps] = useState<QueuedTap[]>([]);
  const { key, endpoint } = queue;

  const reload = useCallback(() => {
    void tapsOnDevice({ key, endpoint }).then(setTaps);
  }, [key, endpoint]);

  const send = useCallback(async () => {
    if (!navigator.onLine) return;
    const answers = await sendWaitingTaps({ key, endpoint });
    if (answers?.length) revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the revalidator changes every render
  }, [key, endpoint]);

  useEffect(() => {
    const update = () => {
      setOnline(navigator.onLine);
      void send();
    };
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    const stop = onTapsChanged(reload);
    reload();
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
      stop();
    };
  }, [reload, send]);

  const waiting = taps.filter((t) => !t.answer && !isBeingSent(t.clientId));
  useEffect(() => {
    if (waiting.length === 0) return;
    const timer = setInterval(() => void send(), RETRY_MS);
    return () => clearInterval(timer);
  }, [waiting.length, send]);

  return { online, waiting, answered: taps.filter((t) => t.answer), dismiss: forgetTap };
}

/** Keeps what pickup verification needs when the network drops: the room's roster, with photos. */
export function useKeptRoster({
  userId,
  rosterKey,
  roster,
  dayEndsAt,
  photoUrls,
}: {
  userId: string;
  rosterKey: string;
  /** The loader's data; null when it came from the device (offline), not the server. */
  roster: unknown;
  dayEndsAt: string;
  photoUrls: string[];
}) {
  useEffect(() => {
    if (!roster) return;
    void dropEndedDays();
    void saveRoster(rosterKey, userId, roster, dayEndsAt);
    if (typeof caches === 'undefined') return;
    void caches.open(DOOR_CACHE).then(async (cache) => {
      // A page loaded before the service worker controlled it was not kept by the worker: keep it now.
      if (!loadedThroughWorker) await cache.add(window.location.href).catch(() => undefined);
      for (const url of photoUrls) if (!(await cache.match(url))) await cache.add(url).catch(() => undefined);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the photos change only with the roster
  }, [roster, rosterKey, userId, dayEndsAt]);
}
