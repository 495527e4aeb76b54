// Progressive enhancement for every page: offline support, update prompt, search as you type.
import { loadIndex } from './search.js';

const base = document.documentElement.dataset.base;
const onSearchPage = location.pathname === `${base}search/`;

function setStatus(text) {
  const status = document.getElementById('offline-status');
  if (status) status.textContent = text;
}

function showOfflineState(ready) {
  if (!navigator.onLine) setStatus('Offline: showing the copy saved on this device.');
  else if (ready) setStatus('Ready to work offline.');
}

function offerUpdate(worker) {
  const banner = document.getElementById('update-banner');
  const button = document.getElementById('update-button');
  if (!banner || !button) return;
  banner.hidden = false;
  button.addEventListener('click', () => {
    button.disabled = true;
    // Reload only after the new version has taken over, and only because the user asked.
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    worker.postMessage({ type: 'SKIP_WAITING' });
  }, { once: true });
}

async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  let ready = false;
  addEventListener('online', () => showOfflineState(ready));
  addEventListener('offline', () => showOfflineState(ready));
  showOfflineState(ready);
  const registration = await navigator.serviceWorker.register(`${base}sw.js`, { scope: base });
  navigator.serviceWorker.ready.then(() => {
    ready = true;
    document.documentElement.dataset.offlineReady = 'true';
    showOfflineState(ready);
  });
  const watch = (worker) => worker.addEventListener('statechange', () => {
    if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker);
  });
  if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
  if (registration.installing) watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
  // Check for a new build whenever the app comes back to the foreground.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') registration.update().catch(() => {});
  });
}

function resultItem(result) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = `${base}resources/${encodeURIComponent(result.id)}/`;
  link.textContent = result.title;
  const kind = document.createElement('span');
  kind.className = 'kind';
  kind.textContent = result.kind.replace('-', ' ');
  const snippet = document.createElement('p');
  snippet.textContent = result.snippet;
  item.append(link, ' ', kind, snippet);
  return item;
}

function describe(count, query) {
  if (count === 0) return `No results for “${query}”. Check the spelling, try an acronym, or browse the sections from the home page.`;
  return `${count} ${count === 1 ? 'result' : 'results'} for “${query}”.`;
}

function setUpSearch(form) {
  const input = form.querySelector('input[type="search"]');
  const results = document.querySelector('[data-search-results]');
  const list = results.querySelector('ol');
  const status = results.querySelector('[role="status"]');
  let latest = 0;

  async function run() {
    const query = input.value.trim();
    const ticket = ++latest;
    if (onSearchPage) {
      const url = new URL(location.href);
      if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
      history.replaceState(null, '', url);
    }
    if (!query) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    try {
      const index = await loadIndex(`${base}search-index.json`);
      if (ticket !== latest) return; // a newer keystroke already answered
      const found = index.search(query);
      list.replaceChildren(...found.map(resultItem));
      status.textContent = describe(found.length, query);
    } catch (error) {
      status.textContent = 'Search is not available yet. Reload the page once you are online.';
    }
  }

  input.addEventListener('input', run);
  input.addEventListener('focus', () => loadIndex(`${base}search-index.json`).catch(() => {}), { once: true });
  form.addEventListener('submit', (event) => {
    if (!onSearchPage) return; // elsewhere, go to the search page with ?q=
    event.preventDefault();
    run();
  });
  const initial = new URLSearchParams(location.search).get('q');
  if (onSearchPage && initial) {
    input.value = initial;
    run();
  }
}

document.querySelectorAll('form[data-search]').forEach(setUpSearch);
registerServiceWorker().catch(() => setStatus('This browser could not save the app for offline use.'));
