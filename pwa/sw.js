// Corner service worker: precache this build, serve it cache-first, keep older builds until
// this one is complete. `BUILD` is written above by the build (corner/site/service_worker.py):
// version, scope, storage (how this app's cache names begin), offlinePage, precache (every URL
// the app needs offline with the SHA-256, shortened, of the file it must be), history (what
// changed in recent builds) and entryPages (where entry pages' shell and parts are, and the
// markers the parts go in at).
const CACHE_PREFIX = BUILD.storage; // this app's caches, of every version, and no other's
const CACHE_NAME = CACHE_PREFIX + BUILD.version;

// Never a redirected response: a page is requested with redirect mode "manual", and answering it
// with a response that was redirected is a network error ("a redirected response was used for a
// request whose redirect mode is not follow"): https://fetch.spec.whatwg.org/#http-fetch (its
// service-worker steps), https://crbug.com/658249 (Chrome 59) and
// https://github.com/w3c/ServiceWorker/issues/737.
function isCacheable(response) {
  return response.ok && response.type === 'basic' && !response.redirected;
}

async function sha256(response) {
  const digest = await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function isExactly(response, hash) {
  return Boolean(response) && isCacheable(response) && (await sha256(response)).startsWith(hash);
}

// This build's file from wherever the device already holds it, checked by its hash: the saved
// copy of the previous version (an update downloads only what changed), then the browser's HTTP
// cache (on a first visit the page has just loaded the stylesheet and scripts), else the server.
// A file that is missing, redirected, or not the one this build wrote (a stale CDN copy, a
// deploy still uploading) must fail the install rather than be mixed into this version.
async function fetchExactly(url, hash) {
  const saved = await caches.match(url);
  if (await isExactly(saved, hash)) return saved;
  const held = await fetch(url, { cache: 'force-cache' }).catch(() => undefined);
  if (await isExactly(held, hash)) return held;
  // cache: 'reload' skips the HTTP cache; the hash check catches caches beyond the browser.
  const response = await fetch(url, { cache: 'reload' });
  if (!isCacheable(response)) {
    throw new Error(`precache: ${url} answered ${response.status}${response.redirected ? ' (redirected)' : ''}`);
  }
  if (!(await isExactly(response, hash))) throw new Error(`precache: ${url} is not the file of this build`);
  return response;
}

async function precache() {
  const cache = await caches.open(CACHE_NAME);
  try {
    await Promise.all(Object.entries(BUILD.precache).map(async ([url, hash]) => {
      await cache.put(url, await fetchExactly(url, hash));
    }));
  } catch (error) {
    await caches.delete(CACHE_NAME); // a half-filled cache of a broken build is no use to anyone
    throw error;
  }
}

async function deleteOlderCaches() {
  const names = await caches.keys();
  await Promise.all(names
    .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
    .map((name) => caches.delete(name)));
}

// Other spellings of a page's address: /search → /search/, /search/index.html → /search/.
function pageAddress(url) {
  const page = new URL(url);
  if (page.pathname.endsWith('/index.html')) page.pathname = page.pathname.slice(0, -'index.html'.length);
  else if (!page.pathname.endsWith('/')) page.pathname += '/';
  return page.href;
}

async function fromCache(request) {
  const cache = await caches.open(CACHE_NAME);
  if (request.mode !== 'navigate') return cache.match(request);
  // Pages are precached without their query: /search/?q=lesc is /search/.
  return (await cache.match(request, { ignoreSearch: true }))
    || cache.match(pageAddress(request.url), { ignoreSearch: true });
}

// An entry page is the shared shell with the entry's own parts put in at the markers: the same
// bytes as the server's page (corner/site/entry_pages.py fill_shell), from a few precached chunks
// instead of one precached page per entry. BUILD.entryPages says where they are and what the
// markers are: a pattern whose one group is a part's name, and the names in the order of the parts.
const PART_MARKER = new RegExp(BUILD.entryPages.marker);

function fillShell(shell, parts) {
  const { parts: names } = BUILD.entryPages;
  return shell.split(PART_MARKER).map((piece, i) => (i % 2 ? parts[names.indexOf(piece)] : piece)).join('');
}

// The id in <prefix><id>/ (or <id>, <id>/index.html); whether there is such an entry, its chunk says.
function entryId(url) {
  const { prefix } = BUILD.entryPages;
  const { pathname } = new URL(url);
  const id = pathname.startsWith(prefix) && pathname.slice(prefix.length).replace(/\/(?:index\.html)?$/, '');
  return id && !id.includes('/') ? id : null;
}

// FNV-1a, 32-bit: corner/site/entry_pages.py chunk_of picks the chunk the same way (a test compares).
function chunkOf(id, count) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % count;
}

async function entryPage(request) {
  const id = request.mode === 'navigate' && entryId(request.url);
  if (!id) return undefined;
  const cache = await caches.open(CACHE_NAME);
  const { shell, chunk, chunkCount } = BUILD.entryPages;
  const [shellResponse, chunkResponse] = await Promise.all([
    cache.match(shell), cache.match(chunk.replace('{number}', chunkOf(id, chunkCount)))]);
  if (!shellResponse || !chunkResponse) return undefined;
  const parts = await chunkResponse.json(); // {id: [title, description, main]}
  if (!Object.hasOwn(parts, id)) return undefined;
  return new Response(fillShell(await shellResponse.text(), parts[id]), {
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
}

async function respond(request) {
  const cached = (await fromCache(request)) || (await entryPage(request));
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode !== 'navigate') throw error;
    const cache = await caches.open(CACHE_NAME);
    return cache.match(BUILD.offlinePage);
  }
}

// Pages, and the files this build saved: anything else (the install icons, a file of another
// build) is left to the browser, as if there were no service worker. Answering it with fetch()
// would only add a way to fail: offline, or aborted by the page, the fetch rejects, and a
// rejected respondWith() is reported as the service worker's error.
function isOurs(request) {
  const url = new URL(request.url);
  return request.mode === 'navigate' || (!url.search && Object.hasOwn(BUILD.precache, url.pathname));
}

self.addEventListener('install', (event) => {
  // If any file fails, installation fails and the previous version keeps serving.
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(deleteOlderCaches().then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'SKIP_WAITING') self.skipWaiting();
  // A page asks a waiting version what it brings, to name it in the update prompt.
  if (type === 'HISTORY' && event.ports[0]) event.ports[0].postMessage(BUILD.history);
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin || !isOurs(request)) return;
  event.respondWith(respond(request));
});
