// Progressive enhancement for every page: offline support, update prompt, search as you type.
import { loadIndex } from './search.js';

const base = document.documentElement.dataset.base;
const onSearchPage = document.documentElement.dataset.page === 'search';
const SEARCH_INDEX = `${base}search-index.json`;

function setStatus(text) {
  const status = document.getElementById('offline-status');
  if (status) status.textContent = text;
}

function showOfflineState(ready) {
  if (!navigator.onLine) setStatus('Offline: showing the copy saved on this device.');
  else if (ready) setStatus('Ready to work offline.');
}

// The banner is a live region that stays in the page; filling it is what gets announced.
function showBanner(message, label, action) {
  const banner = document.getElementById('update-banner');
  if (!banner) return;
  const text = document.createElement('span');
  text.textContent = message;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.addEventListener('click', () => {
    button.disabled = true;
    action();
  }, { once: true });
  banner.replaceChildren(text, ' ', button);
}

async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const { serviceWorker } = navigator;
  const hadController = Boolean(serviceWorker.controller);
  let ready = false;
  let accepted = false;
  addEventListener('online', () => showOfflineState(ready));
  addEventListener('offline', () => showOfflineState(ready));
  showOfflineState(ready);

  // Reload only after the new version has taken over, and only because someone asked:
  // this page's user, or the same user in another window of the app.
  serviceWorker.addEventListener('controllerchange', () => {
    if (accepted) location.reload();
    else if (hadController) showBanner('This app was updated in another window.', 'Reload', () => location.reload());
  });
  const offerUpdate = (worker) => showBanner('An update to this app is ready.', 'Update now', () => {
    accepted = true;
    if (worker.state === 'activated') location.reload(); // another window already applied it
    else worker.postMessage({ type: 'SKIP_WAITING' });
  });
  const watch = (worker) => worker.addEventListener('statechange', () => {
    if (worker.state === 'installed' && serviceWorker.controller) offerUpdate(worker);
    if (worker.state === 'redundant' && !serviceWorker.controller) {
      setStatus('Could not save the app for offline use. It will try again on your next visit.');
    }
  });

  const registration = await serviceWorker.register(`${base}sw.js`, { scope: base });
  serviceWorker.ready.then(() => {
    ready = true;
    document.documentElement.dataset.offlineReady = 'true';
    showOfflineState(ready);
  });
  if (registration.waiting && serviceWorker.controller) offerUpdate(registration.waiting);
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
  kind.textContent = result.kind.replaceAll('-', ' ');
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
      const index = await loadIndex(SEARCH_INDEX);
      if (ticket !== latest) return; // a newer keystroke already answered
      const found = index.search(query);
      list.replaceChildren(...found.map(resultItem));
      status.textContent = describe(found.length, query);
    } catch (error) {
      status.textContent = 'Search is not available yet. Reload the page once you are online.';
    }
  }

  input.addEventListener('input', run);
  input.addEventListener('focus', () => loadIndex(SEARCH_INDEX).catch(() => {}), { once: true });
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
