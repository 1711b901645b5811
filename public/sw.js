// Asuh's service worker: the door keeps working when the network drops (docs/decisions/0017).
// - Built assets (hashed, never change) come from a cache first: the app starts without a network.
// - The door screen and the kiosk are fetched from the network and kept for when it fails, until
//   the center's day ends (the page says when: X-Asuh-Keep-Until). Nothing else is kept.
// - Images (the collectors' photos the door page put in the door cache) fall back to that cache.
// Signing out clears all of it (Clear-Site-Data on /logout); the page's records wait in IndexedDB.
const DOOR_CACHE = 'asuh-door';
const ASSET_CACHE = 'asuh-assets';
const ASSETS_KEPT = 120;
const DOOR_PAGE = /^\/(?:c\/[^/]+\/today|kiosk)$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/')) event.respondWith(assetFirstFromCache(request));
  else if (request.mode === 'navigate' && DOOR_PAGE.test(url.pathname)) event.respondWith(doorPage(event));
  // Other pages straight from the network (the navigation preload started it while this worker woke).
  else if (request.mode === 'navigate') event.respondWith(fromNetwork(event));
  else if (request.destination === 'image') event.respondWith(orFromDoorCache(request, fetch(request)));
});

async function assetFirstFromCache(request) {
  const cache = await caches.open(ASSET_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    // Each release adds its hashed files: keep the newest ones only.
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - ASSETS_KEPT))) await cache.delete(old);
  }
  return response;
}

async function fromNetwork(event) {
  return (await event.preloadResponse) ?? fetch(event.request);
}

async function doorPage(event) {
  const network = (async () => {
    const response = await fromNetwork(event);
    // Kept while the page is already on its way to the screen.
    if (response.ok && !response.redirected && response.headers.has('X-Asuh-Keep-Until')) {
      const copy = response.clone();
      event.waitUntil(caches.open(DOOR_CACHE).then((cache) => cache.put(event.request, copy)));
    }
    return response;
  })();
  return orFromDoorCache(event.request, network);
}

/** The network's answer; when the network fails, what the door kept, if its day has not ended. */
async function orFromDoorCache(request, network) {
  try {
    return await network;
  } catch (error) {
    const cache = await caches.open(DOOR_CACHE);
    const kept = await cache.match(request);
    const keepUntil = kept?.headers.get('X-Asuh-Keep-Until');
    if (kept && (!keepUntil || Date.parse(keepUntil) > Date.now())) return kept;
    if (kept) await cache.delete(request);
    throw error;
  }
}
