// Corner service worker: precache this build, serve it cache-first, keep older builds until
// this one is complete. `BUILD` (version, scope, precache, offlinePage) is written above by build.py.
const CACHE_PREFIX = `corner:${BUILD.scope}:`;
const CACHE_NAME = CACHE_PREFIX + BUILD.version;

async function precache() {
  const cache = await caches.open(CACHE_NAME);
  try {
    // cache: 'reload' skips the HTTP cache so a version never mixes files of two builds.
    await Promise.all(BUILD.precache.map(async (url) => {
      const response = await fetch(url, { cache: 'reload' });
      if (!isCacheable(response)) {
        throw new Error(`precache: ${url} answered ${response.status}${response.redirected ? ' (redirected)' : ''}`);
      }
      await cache.put(url, response);
    }));
  } catch (error) {
    await caches.delete(CACHE_NAME); // a half-filled cache of a broken build is no use to anyone
    throw error;
  }
}

function isCacheable(response) {
  return response.ok && response.type === 'basic' && !response.redirected;
}

async function deleteOlderCaches() {
  const names = await caches.keys();
  await Promise.all(names
    .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
    .map((name) => caches.delete(name)));
}

async function fromCache(request) {
  const cache = await caches.open(CACHE_NAME);
  // Pages are precached without their query: /search/?q=lesc is /search/.
  const options = { ignoreSearch: request.mode === 'navigate' };
  const hit = await cache.match(request, options);
  if (hit || request.mode !== 'navigate') return hit;
  const url = new URL(request.url);
  if (!url.pathname.endsWith('/')) {
    url.pathname += '/';
    return cache.match(url.href, options);
  }
  return undefined;
}

async function respond(request) {
  const cached = await fromCache(request);
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode !== 'navigate') throw error;
    const cache = await caches.open(CACHE_NAME);
    return cache.match(BUILD.offlinePage);
  }
}

self.addEventListener('install', (event) => {
  // If any file fails, installation fails and the previous version keeps serving.
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(deleteOlderCaches().then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});
