// The door screen's side of working offline (app/modules/attendance/door-device.ts): keeps the
// room's roster and its collectors' photos on the device while the day lasts, sends the taps
// that wait whenever the network is back, and says whether the device is online.
import { useRevalidator } from '@remix-run/react';
import { useCallback, useEffect, useState } from 'react';
import {
  DOOR_CACHE,
  dropEndedDays,
  forgetTap,
  onTapsChanged,
  rememberViewer,
  saveRoster,
  sendWaitingTaps,
  tapsOnDevice,
  type QueuedTap,
} from '~/modules/attendance/door-device';

// Read as the page loads: the worker may take control later (it claims open pages when it starts).
const loadedThroughWorker = typeof navigator !== 'undefined' && Boolean(navigator.serviceWorker?.controller);

/** While taps wait, the device tries again this often (and at once when the browser says it is online). */
const RETRY_MS = 15_000;

export function useDoorDevice({
  centerId,
  userId,
  rosterKey,
  roster,
  dayEndsAt,
  photoUrls,
}: {
  centerId: string;
  userId: string;
  rosterKey: string;
  /** The loader's data; null when it came from the device (offline), not the server. */
  roster: unknown;
  dayEndsAt: string;
  photoUrls: string[];
}) {
  rememberViewer(userId);
  const revalidator = useRevalidator();
  const [online, setOnline] = useState(true);
  const [taps, setTaps] = useState<QueuedTap[]>([]);

  const reload = useCallback(() => {
    void tapsOnDevice(centerId, userId).then(setTaps);
  }, [centerId, userId]);

  const send = useCallback(async () => {
    if (!navigator.onLine) return;
    const answers = await sendWaitingTaps(centerId, userId);
    if (answers?.length) revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the revalidator changes every render
  }, [centerId, userId]);

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

  const waiting = taps.filter((t) => !t.answer);
  useEffect(() => {
    if (waiting.length === 0) return;
    const timer = setInterval(() => void send(), RETRY_MS);
    return () => clearInterval(timer);
  }, [waiting.length, send]);

  // Keep what pickup verification needs for when the network drops: the roster, with photos.
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

  return { online, waiting, answered: taps.filter((t) => t.answer), dismiss: forgetTap };
}
