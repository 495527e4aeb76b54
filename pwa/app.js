// Progressive enhancement for every page: offline life (lifecycle.js), what is kept on the
// device (personal.js), and search as you type (here).
import { excerpt, marks, wordsOf } from './highlight.js';
import { scriptURL, startLifecycle } from './lifecycle.js';
import { startPersonal } from './personal.js';
import { loadIndex } from './search.js';

const base = document.documentElement.dataset.base;
const onSearchPage = document.documentElement.dataset.page === 'search';
const RESULTS_SHOWN = 30;
const ROWS_AT_ONCE = 10; // about two phone screens
const ADDRESS_PAUSE = 500; // ms without a keystroke

const textWords = new Map(); // each shown text's words, read once: most are shown again on the next keystroke
function wordsIn(text) {
  if (!textWords.has(text)) {
    if (textWords.size > 2000) textWords.clear();
    textWords.set(text, wordsOf(text));
  }
  return textWords.get(text);
}

// Text with the words that matched the query in <mark>.
function marked(text, words) {
  return marks(text, words, wordsIn(text)).map(([piece, matched]) => {
    if (!matched) return piece;
    const mark = document.createElement('mark');
    mark.textContent = piece;
    return mark;
  });
}

function resultItem(result, words) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = `${base}resources/${encodeURIComponent(result.id)}/`;
  const title = document.createElement('span'); // one flex item, so spaces beside a <mark> stay
  title.append(...marked(result.title, words));
  link.append(title);
  const kind = document.createElement('span');
  kind.className = 'kind';
  kind.textContent = result.kind.replaceAll('-', ' ');
  const snippet = document.createElement('p');
  snippet.append(...marked(excerpt(result.summary, words, wordsIn(result.summary)), words));
  item.append(link, ' ', kind, snippet);
  return item;
}

function describe(found, query) {
  if (found.total === 0) return `No results for “${query}”. Check the spelling, try fewer words, an acronym or a form number.`;
  const count = `${found.total} ${found.total === 1 ? 'result' : 'results'} for “${query}”.`;
  const shown = found.total > found.hits.length ? `${count} Showing the best ${found.hits.length}.` : count;
  // Found through the closest words of content/synonyms.json: say so, claiming no equal.
  return found.closest.length ? `${shown} No entry uses “${found.closest.join('”, “')}”; these come closest.` : shown;
}

// searcher(query) → Promise of results; searcher(null) only loads the index. In the page when
// the build says the index is small (corner/site/assets.py page_data): a keystroke is then
// answered in its own task, so its results are in the next frame (a worker's answer to it would
// run only after that frame). In a worker otherwise, and in the page where module workers are
// not available.
function makeSearcher() {
  const direct = (query) => loadIndex(base).then((index) => (query === null ? null : index.search(query, RESULTS_SHOWN)));
  if (document.documentElement.dataset.search === 'page') return direct;
  let worker = null;
  try {
    worker = new Worker(scriptURL(`${base}assets/search-worker.js`), { type: 'module' });
  } catch (error) {
    return direct;
  }
  const waiting = new Map();
  let tickets = 0;
  let failed = false;
  worker.addEventListener('error', () => {
    failed = true;
    for (const { query, resolve, reject } of waiting.values()) direct(query).then(resolve, reject);
    waiting.clear();
  });
  worker.addEventListener('message', ({ data }) => {
    const pending = waiting.get(data.ticket);
    waiting.delete(data.ticket);
    if (!pending) return;
    if (data.error) pending.reject(new Error(data.error));
    else pending.resolve(data.found);
  });
  return (query) => {
    if (failed) return direct(query);
    return new Promise((resolve, reject) => {
      const ticket = ++tickets;
      waiting.set(ticket, { query, resolve, reject });
      worker.postMessage({ ticket, base, query, limit: RESULTS_SHOWN });
    });
  };
}

let searcher = null;
const search = (query) => (searcher || (searcher = makeSearcher()))(query);

// The query stays in the address, for back, forward, reload and sharing: written once typing
// pauses (browsers limit how often a page may rewrite it), or at once before the page is left.
function addressKeeper(input) {
  let timer = 0;
  const write = () => {
    clearTimeout(timer);
    timer = 0;
    const query = input.value.trim();
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
    if (url.href !== location.href) history.replaceState(history.state, '', url);
  };
  addEventListener('pagehide', () => timer && write());
  document.addEventListener('visibilitychange', () => timer && document.hidden && write());
  return {
    later: () => {
      clearTimeout(timer);
      timer = setTimeout(write, ADDRESS_PAUSE);
    },
    now: () => timer && write(),
  };
}

// The results list, drawn ROWS_AT_ONCE rows at a time: more as its end nears the screen, or
// as the arrow keys walk past its last row. The status always counts every result.
function resultRows(list) {
  let hits = [];
  let words = null;
  const watcher = 'IntersectionObserver' in window
    ? new IntersectionObserver((seen) => seen.some((row) => row.isIntersecting && row.target.isConnected) && more(), { rootMargin: '50% 0px' })
    : null;
  function more() {
    const drawn = list.children.length;
    watcher?.disconnect();
    list.append(...hits.slice(drawn, drawn + ROWS_AT_ONCE).map((hit) => resultItem(hit, words)));
    if (list.children.length < hits.length) {
      if (watcher) watcher.observe(list.lastElementChild);
      else more();
    }
  }
  return {
    show(found) {
      hits = found ? found.hits : [];
      words = found && found.words;
      list.replaceChildren();
      more();
    },
    more: () => list.children.length < hits.length && (more(), true),
  };
}

function setUpSearch(form) {
  const input = form.querySelector('input[type="search"]');
  const results = document.querySelector('[data-search-results]');
  const list = results.querySelector('ol');
  const status = results.querySelector('[role="status"]');
  const empty = results.querySelector('[data-search-empty]');
  const rows = resultRows(list);
  const address = addressKeeper(input);
  let latest = 0;

  function show(found, query) {
    rows.show(found);
    status.textContent = found ? describe(found, query) : '';
    empty.hidden = !found || found.total > 0;
  }

  async function run() {
    const query = input.value.trim();
    const ticket = ++latest;
    address.later();
    if (!query) {
      show(null);
      return;
    }
    try {
      const found = await search(input.value);
      if (ticket === latest) show(found, query); // else a newer keystroke answers
    } catch (error) {
      status.textContent = 'Search is not available yet. Reload the page once you are online.';
    }
  }

  // Down from the box into the results, up and down through them, Escape back to the box.
  const links = () => [...list.querySelectorAll('a')];
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && links().length) {
      event.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener('keydown', (event) => {
    let all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown' && at === all.length - 1 && rows.more()) all = links();
    const target = { ArrowDown: all[at + 1] || all[at], ArrowUp: all[at - 1] || input, Escape: input }[event.key];
    if (!target) return;
    event.preventDefault();
    target.focus();
  });
  list.addEventListener('click', address.now, true); // before the browser follows the link

  input.addEventListener('input', run);
  input.addEventListener('focus', () => search(null).catch(() => {}), { once: true });
  form.addEventListener('submit', (event) => {
    if (!onSearchPage) return; // elsewhere, go to the search page with ?q=
    event.preventDefault();
    run();
    address.now();
  });
  // A shared link (?q=), or a query the browser kept when coming back to the page.
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) input.value = initial;
  if (input.value.trim()) run();
}

// "/" anywhere (outside a text field) goes to the search box, as on many sites.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
  if (event.target instanceof Element && event.target.closest('input, textarea, select, [contenteditable]')) return;
  event.preventDefault();
  const input = document.getElementById('search-input');
  if (!input) {
    location.assign(`${base}search/`);
    return;
  }
  input.focus();
  input.select();
});

document.querySelectorAll('form[data-search]').forEach(setUpSearch);
startPersonal();
startLifecycle().catch(() => {
  document.getElementById('offline-status').textContent = 'This browser could not save the app for offline use.';
});
