// What an officer keeps on this device only (no server, no tracking): favorites, recently
// viewed, the theme. Also the install button and copy buttons for phone numbers.
import { keepStorage, recall, remember } from './lifecycle.js';

const root = document.documentElement;
const { base } = root.dataset;
const key = (name) => root.dataset.storage + name; // as corner/site/assets.py page_data says
const FAVORITES = key('favorites');
const RECENT = key('recent');
const THEME = key('theme');
const RECENT_KEPT = 10;

// One polite live region for short confirmations ("Copied").
function announce(text) {
  let region = document.getElementById('announcer');
  if (!region) {
    region = document.createElement('p');
    region.id = 'announcer';
    region.className = 'visually-hidden';
    region.setAttribute('role', 'status');
    document.body.append(region);
  }
  region.textContent = text;
}

function thisResource() {
  const article = document.querySelector('[data-resource-id]');
  return article && { id: article.dataset.resourceId, title: article.querySelector('h1').textContent.trim() };
}

// Saved or not, the page shows it: "★ Saved" beside a button that then reads Remove. The label
// says what a tap does, so the button is not a toggle (no aria-pressed), and a second tap never
// removes the entry without saying so.
function setUpFavorite(resource) {
  const button = document.querySelector('[data-favorite]');
  const note = document.querySelector('[data-saved-note]');
  if (!button || !note) return;
  const label = button.querySelector('[data-favorite-label]');
  const isSaved = () => recall(FAVORITES, []).some((item) => item.id === resource.id);
  const show = () => {
    const saved = isSaved();
    note.hidden = !saved;
    button.classList.toggle('is-saved', saved);
    label.textContent = saved ? 'Remove' : 'Save to My list';
    if (saved) button.setAttribute('aria-label', 'Remove from My list');
    else button.removeAttribute('aria-label');
  };
  show();
  button.hidden = false;
  button.addEventListener('click', () => {
    const favorites = recall(FAVORITES, []).filter((item) => item.id !== resource.id);
    const saving = !isSaved();
    remember(FAVORITES, saving ? [resource, ...favorites] : favorites);
    show();
    announce(saving ? `${resource.title} saved to My list.` : `${resource.title} removed from My list.`);
    if (saving) keepStorage();
  });
}

function listItem(item, removable, redraw) {
  const li = document.createElement('li');
  const link = document.createElement('a');
  link.href = `${base}resources/${encodeURIComponent(item.id)}/`;
  link.textContent = item.title;
  li.append(link);
  if (removable) {
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'secondary';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove ${item.title} from My list`);
    remove.addEventListener('click', () => {
      remember(FAVORITES, recall(FAVORITES, []).filter((other) => other.id !== item.id));
      announce(`${item.title} removed from My list.`);
      redraw();
      document.getElementById('favorites-heading').focus();
    });
    li.append(' ', remove);
  }
  return li;
}

function showMyList() {
  const favorites = document.getElementById('favorites');
  const recent = document.getElementById('recent');
  if (!favorites || !recent) return;
  const draw = () => {
    for (const [list, items, removable] of [[favorites, recall(FAVORITES, []), true], [recent, recall(RECENT, []), false]]) {
      list.replaceChildren(...items.map((item) => listItem(item, removable, draw)));
      list.hidden = items.length === 0;
      document.getElementById(`${list.id}-empty`).hidden = items.length > 0;
    }
    document.getElementById('clear-recent').hidden = recall(RECENT, []).length === 0;
  };
  document.getElementById('clear-recent').addEventListener('click', () => {
    remember(RECENT, []);
    announce('Recently viewed cleared.');
    draw();
  });
  draw();
}

function setUpThemeToggle() {
  const button = document.getElementById('theme-toggle');
  if (!button) return;
  const system = matchMedia('(prefers-color-scheme: dark)');
  const isDark = () => (root.dataset.theme || (system.matches ? 'dark' : 'light')) === 'dark';
  const show = () => button.setAttribute('aria-pressed', String(isDark()));
  button.hidden = false;
  show();
  button.addEventListener('click', () => {
    root.dataset.theme = isDark() ? 'light' : 'dark';
    remember(THEME, root.dataset.theme);
    show();
  });
  system.addEventListener('change', show);
}

// Chrome and Android offer an install prompt the page can trigger; iOS Safari has none, so say how.
function setUpInstall() {
  const box = document.getElementById('install');
  if (!box || matchMedia('(display-mode: standalone)').matches || navigator.standalone) return;
  const button = document.getElementById('install-button');
  addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    box.hidden = false;
    button.hidden = false;
    button.onclick = () => {
      button.hidden = true;
      event.prompt();
    };
  });
  addEventListener('appinstalled', () => {
    box.hidden = true;
    keepStorage();
  });
  const ios = /iPhone|iPad|iPod/.test(navigator.userAgent) || (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1);
  if (ios) {
    box.hidden = false;
    document.getElementById('install-ios').hidden = false;
  }
}

// "Copied" appears beside the button for a few seconds, and is announced. It floats (to the right
// where the row has room, else just above), so nothing on the page moves under the officer's finger.
const COPIED_SHOWN_MS = 4000;

function roomRightOf(button) {
  const right = button.getBoundingClientRect().right;
  const row = button.parentElement.parentElement.getBoundingClientRect();
  const next = button.parentElement.nextElementSibling?.getBoundingClientRect();
  const end = next && next.top < button.getBoundingClientRect().bottom && next.left > right ? next.left : row.right;
  return end - right;
}

function showCopied(button, text) {
  const group = button.parentElement;
  let note = group.querySelector('.copied');
  if (!note) {
    note = document.createElement('span');
    note.setAttribute('aria-hidden', 'true'); // the announcement says it once
    group.append(note);
  }
  note.textContent = text;
  note.className = 'copied';
  note.classList.add(roomRightOf(button) >= note.offsetWidth + 8 ? 'beside' : 'above');
  clearTimeout(Number(note.dataset.timer));
  note.dataset.timer = String(setTimeout(() => note.remove(), COPIED_SHOWN_MS));
}

// The Copy buttons come with the page (templates/partials/copy.html), shown only where
// navigator.clipboard is (pwa/theme.js).
function setUpCopyButtons() {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll('button.copy[data-copy]')) {
    const number = button.dataset.copy;
    button.addEventListener('click', () => navigator.clipboard.writeText(number).then(() => {
      showCopied(button, 'Copied');
      announce(`Copied ${number}.`);
    }, () => {
      showCopied(button, 'Could not copy');
      announce('Could not copy: select the number instead.');
    }));
  }
}

export function startPersonal() {
  const resource = thisResource();
  if (resource) {
    remember(RECENT, [resource, ...recall(RECENT, []).filter((item) => item.id !== resource.id)].slice(0, RECENT_KEPT));
    setUpFavorite(resource);
  }
  showMyList();
  setUpThemeToggle();
  setUpInstall();
  setUpCopyButtons();
  for (const button of document.querySelectorAll('[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => print());
  }
}
