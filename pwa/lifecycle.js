// The app's offline life: the service worker, the status line, updates that name what changed,
// the stale-content warning, keeping storage, and external links while offline.

const root = document.documentElement;
// What every page says (corner/site/assets.py page_data): the app's address, the start of the
// names it keeps on this device, its service worker's and its edition file's addresses.
const { base, storage, worker: WORKER, edition: EDITION } = root.dataset;
const CHECKED = `${storage}checked`; // when this device last confirmed it has the latest version
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

// The search worker, beside this module.
export const SEARCH_WORKER = new URL('search-worker.js', import.meta.url).pathname;

// Trusted Types: the pages' policy (corner/security.py) lets no string become a script URL but
// through this one policy, and it passes only the app's own two scripts, the service worker and
// the search worker. Browsers without Trusted Types take the strings as they are.
const APP_SCRIPTS = new Set([WORKER, SEARCH_WORKER]);
const scriptPolicy = window.trustedTypes?.createPolicy('corner', {
  createScriptURL(url) {
    if (!APP_SCRIPTS.has(url)) throw new TypeError(`Not one of the app's scripts: ${url}`);
    return url;
  },
});
export const scriptURL = (url) => (scriptPolicy ? scriptPolicy.createScriptURL(url) : url);

export function remember(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch (error) {
    // Private browsing or storage full: the app works, it just forgets.
  }
}

export function recall(key, fallback) {
  try {
    const value = JSON.parse(localStorage.getItem(key));
    return value === null ? fallback : value;
  } catch (error) {
    return fallback;
  }
}

// Two places say whether the app works offline: the footer's status (a live region, in full)
// and a short line at the top of every page, on the first screen (not live: said once is enough).
function setStatus(text, short) {
  const status = document.getElementById('offline-status');
  if (status && text) status.textContent = text;
  setIndicator(short);
}

function setIndicator(short, offline = false) {
  const indicator = document.getElementById('connection');
  if (!indicator || !short) return;
  indicator.textContent = short;
  indicator.classList.toggle('is-offline', offline);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// "2026-11-28" → "28 Nov" (with the year when it is not this year's).
export function shortDate(date) {
  const [year, month, day] = date.split('-').map(Number);
  return [day, MONTHS[month - 1], year === new Date().getFullYear() ? '' : year].filter(Boolean).join(' ');
}

// " (0.8 MB saved on this device)", or nothing where the browser does not tell: WebKitGTK has no
// navigator.storage unless a feature flag is set, and an estimate may fail.
async function savedSize() {
  if (!navigator.storage?.estimate) return '';
  try {
    const { usage } = await navigator.storage.estimate();
    return usage ? ` (${(usage / 1e6).toFixed(1)} MB saved on this device)` : '';
  } catch (error) {
    return '';
  }
}

// This page's content version ({content, date, label}), from a small file served from the same
// saved version as the page; pages do not carry it, so a change to one entry changes no other page.
let editionFile;
function edition() {
  editionFile ||= fetch(EDITION).then((response) => response.json()).catch(() => ({}));
  return editionFile;
}

async function showOfflineState(ready) {
  // A page the service worker answered is saved: its own `ready` may come a moment later.
  const saved = ready || Boolean(navigator.serviceWorker.controller);
  if (!navigator.onLine) {
    const { label, date } = await edition();
    setStatus(label ? `Offline — showing saved content from ${label}.` : 'Offline — showing saved content.');
    if (!saved) setIndicator('Offline · not saved', true);
    else setIndicator(date ? `Offline · saved ${shortDate(date)}` : 'Offline', true);
  }
  else if (ready) setStatus(`Ready to work offline${await savedSize()}.`, 'Saved for offline');
  else setIndicator(saved ? 'Saved for offline' : 'Saving for offline…');
}

// Warn when the saved content may be out of date: no confirmed check for newer content within
// the site's limit (or, before any check, content older than that).
async function showStaleness() {
  const warning = document.getElementById('stale-warning');
  const limit = Number(root.dataset.staleDays);
  if (!warning || !limit) return;
  // Confirmed current within the limit (most page views) makes the content's date moot: not read.
  const checked = recall(CHECKED, 0);
  const { date } = Date.now() - checked <= limit * DAY ? {} : await edition();
  const since = Math.max(checked, date ? Date.parse(`${date}T00:00:00Z`) : 0);
  const days = Math.floor((Date.now() - since) / DAY);
  warning.hidden = days <= limit;
  warning.textContent = warning.hidden ? ''
    : `The saved content may be out of date: it was last confirmed current ${days} days ago. Connect to the internet to check for updates.`;
}

// Ask the browser to keep the saved app when storage runs low (after install, or a first favorite).
export function keepStorage() {
  navigator.storage?.persist?.().catch(() => {});
}

// The banner is a live region that stays in the page; filling it is what gets announced. It
// never takes focus, so it cannot interrupt typing.
function showBanner(message, label, action, more) {
  const banner = document.getElementById('update-banner');
  if (!banner) return null;
  const text = document.createElement('span');
  text.textContent = message;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.addEventListener('click', () => {
    button.disabled = true;
    action();
  }, { once: true });
  banner.replaceChildren(text, ' ', button, ...(more ? [' ', more] : []));
  return text;
}

const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;

function listed(items) {
  const titles = items.map((item) => item.title);
  return titles.length > 3 ? `${titles.slice(0, 3).join(', ')} and ${titles.length - 3} more` : titles.join(', ');
}

// What a build's history entry says changed besides entries (corner/site/changes.py compare).
const OTHER_CHANGES = [
  ['other', 'Site information updated.'],
  ['finder', 'Field offices updated.'],
  ['words', 'Search words updated.'],
];

// "2 resources updated: HSI Tip Line, FOIA Library. 1 added: …" for the builds after this page's.
export function describeChanges(history, since) {
  const newer = [];
  for (const entry of history) {
    if (entry.content === since) break;
    newer.push(entry);
  }
  const seen = new Set();
  const groups = { updated: [], added: [], removed: [] };
  for (const entry of newer) {
    for (const kind of Object.keys(groups)) {
      for (const item of entry[kind] || []) {
        if (!seen.has(item.id)) groups[kind].push(item);
        seen.add(item.id);
      }
    }
  }
  const parts = Object.entries(groups).filter(([, items]) => items.length)
    .map(([kind, items]) => `${plural(items.length, 'resource')} ${kind}: ${listed(items)}.`);
  for (const [key, text] of OTHER_CHANGES) if (newer.some((entry) => entry[key])) parts.push(text);
  return parts.join(' ');
}

// The waiting version tells what it brings; a version too old to know the question never answers.
function askChanges(worker) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = async ({ data }) => {
      resolve(Array.isArray(data) ? describeChanges(data, (await edition()).content) : '');
    };
    worker.postMessage({ type: 'HISTORY' }, [channel.port2]);
  });
}

const UPDATE_READY = 'An update to this app is ready.';

function whatsNewLink() {
  const link = document.createElement('a');
  link.href = `${base}whats-new/`;
  link.textContent = "What's new";
  return link;
}

// External links need a connection: offline, say so instead of failing.
function guardExternalLinks() {
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element && event.target.closest('a[href]');
    if (!link || navigator.onLine || new URL(link.href, location.href).origin === location.origin) return;
    if (!/^https?:$/.test(new URL(link.href, location.href).protocol)) return; // tel:, mailto: work offline
    event.preventDefault();
    let note = link.parentElement.querySelector('.offline-note');
    if (!note) {
      note = document.createElement('span');
      note.className = 'offline-note';
      note.setAttribute('role', 'status');
      link.after(' ', note);
    }
    note.textContent = 'You are offline: this link needs a connection. Try again when you have signal.';
  });
}

// Resolves when the worker is activated (its clean-up of older versions done).
function activated(worker) {
  return new Promise((resolve) => {
    if (!worker || worker.state === 'activated') resolve();
    else worker.addEventListener('statechange', () => worker.state === 'activated' && resolve());
  });
}

export async function startLifecycle() {
  guardExternalLinks();
  showStaleness();
  if (!('serviceWorker' in navigator)) {
    setIndicator('Not saved for offline');
    return;
  }
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
    // Reload once the new version is activated, not as soon as it claims the page: WebKit holds
    // a navigation until activation ends, and ends activation only after the claim, so reloading
    // at once left the new version "activating" for minutes.
    if (accepted) activated(serviceWorker.controller).then(() => location.reload());
    else if (hadController) showBanner('This app was updated in another window.', 'Reload', () => location.reload());
  });
  // The prompt names what changed. A waiting worker answers within milliseconds, but one the
  // browser must wake first (WebKit on a busy device) can take seconds: after 2 s the prompt
  // comes without the changes, and names them when the answer arrives.
  const offerUpdate = async (worker) => {
    const answer = askChanges(worker);
    const changes = await Promise.race([answer, new Promise((resolve) => setTimeout(resolve, 2000, null))]);
    const text = showBanner([UPDATE_READY, changes].filter(Boolean).join(' '), 'Update now', () => {
      accepted = true;
      if (worker.state === 'activated') location.reload(); // another window already applied it
      else worker.postMessage({ type: 'SKIP_WAITING' });
    }, whatsNewLink());
    if (changes === null && text) {
      answer.then((late) => {
        if (late && text.isConnected) text.textContent = `${UPDATE_READY} ${late}`;
      });
    }
  };
  const watch = (worker) => worker.addEventListener('statechange', () => {
    // A version that replaces another, not the first one (WebKit may tell of its "installed" only
    // once it already controls the page).
    if (worker.state === 'installed' && serviceWorker.controller && registration.active !== worker) {
      offerUpdate(worker);
    }
    if (worker.state === 'redundant' && !serviceWorker.controller) {
      setStatus('Could not save the app for offline use. It will try again on your next visit.', 'Not saved for offline');
    }
  });

  // updateViaCache 'none': the browser always asks the server for sw.js, never its HTTP cache.
  // The default, 'imports', does so for sw.js too since Chrome 68, but browsers before it kept a
  // cached sw.js up to 24 hours (https://developer.chrome.com/blog/fresher-sw); the registration's
  // update via cache mode: https://w3c.github.io/ServiceWorker/#dfn-update-via-cache
  const registration = await serviceWorker.register(scriptURL(WORKER), { scope: base, updateViaCache: 'none' })
    .catch((error) => {
      setIndicator('Not saved for offline');
      throw error;
    });
  serviceWorker.ready.then(() => {
    ready = true;
    root.dataset.offlineReady = 'true';
    showOfflineState(ready);
    keepStorage();
  });
  if (registration.waiting && serviceWorker.controller) offerUpdate(registration.waiting);
  if (registration.installing) watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
  // Check for a new build at launch and whenever the app comes back to the foreground; a check
  // that reaches the server confirms the saved content is current (or starts the update).
  const check = () => registration.update().then(() => {
    remember(CHECKED, Date.now());
    showStaleness();
  }, () => {});
  // Opening a page already makes the browser check sw.js; check here too only to keep the
  // "confirmed current" date fresh, at most hourly, not on every page view.
  if (registration.active && Date.now() - recall(CHECKED, 0) > HOUR) check();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}
