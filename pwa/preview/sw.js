// The live preview's service worker (python build.py serve answers with it for sw.js; published
// builds never hold it). It saves nothing and answers no request, so every page and file comes
// from the preview server as it is now: a preview never shows a saved page.
// It also takes the place of a published build's worker at the same address (an earlier
// `make serve` on the same port): it deletes that build's saved copy and reloads the windows that
// copy was showing. It stays registered, so the app's own register() call on every page changes
// nothing.
const CACHE_PREFIX = `corner:${new URL(self.registration.scope).pathname}:`; // as pwa/sw.js names them

// Deletes the published build's saved copy and takes control; true if there was a copy.
async function takeOver() {
  const saved = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX));
  await Promise.all(saved.map((name) => caches.delete(name)));
  await self.clients.claim();
  return saved.length > 0;
}

async function reloadWindows() {
  const windows = await self.clients.matchAll({ type: 'window' });
  await Promise.all(windows.map((client) => client.navigate(client.url).catch(() => {})));
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  const tookOver = takeOver();
  event.waitUntil(tookOver);
  // A reload waits for this worker to be active, so it must not be part of the activation itself.
  tookOver.then((hadCopy) => hadCopy && reloadWindows());
});
self.addEventListener('message', (event) => {
  // A page of the published build asks a new version what it brings (pwa/lifecycle.js): nothing.
  if (event.data && event.data.type === 'HISTORY' && event.ports[0]) event.ports[0].postMessage([]);
});
