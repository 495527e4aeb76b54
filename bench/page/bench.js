// The browser half of bench/search.py: load each engine's index, type queries, rank test cases.
// Served from a build's bench/ folder; MiniSearch and Lunr are the globals their scripts define.
/* global MiniSearch, lunr */
import { loadIndex } from '../assets/search.js';

// Our engine, through its public API: the only lines to change when that API changes.
const ours = {
  load: (base) => loadIndex(base),
  ids: (index, query) => index.search(query, 30).hits.map((hit) => hit.id), // 30: as many as the app shows
};

// The same fields for both libraries, configured as issue 3 describes them.
const FIELDS = ['title', 'aliases', 'summary', 'body'];
const BOOST = { title: 2, aliases: 1.5 };
const MINISEARCH_OPTIONS = { fields: FIELDS, searchOptions: { prefix: true, fuzzy: 0.2, boost: BOOST } };

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response;
}

const minisearch = {
  build(documents) {
    const index = new MiniSearch(MINISEARCH_OPTIONS); // no storeFields: results carry ids only
    index.addAll(documents);
    return JSON.stringify(index);
  },
  load: async (base) => MiniSearch.loadJSON(await (await fetchOk(`${base}bench/minisearch-index.json`)).text(), MINISEARCH_OPTIONS),
  ids: (index, query) => index.search(query).map((hit) => hit.id),
};

// Each word as a prefix and within one edit: "tip lin" → "tip* tip~1 lin* lin~1".
function lunrQuery(query) {
  return query.split(/\s+/).filter(Boolean).map((word) => `${word}* ${word}~1`).join(' ');
}

const lunrEngine = {
  build(documents) {
    const index = lunr(function () {
      this.ref('id');
      for (const field of FIELDS) this.field(field, { boost: BOOST[field] || 1 });
      for (const document of documents) this.add(document);
    });
    return JSON.stringify(index);
  },
  load: async (base) => lunr.Index.load(await (await fetchOk(`${base}bench/lunr-index.json`)).json()),
  ids(index, query) {
    const words = lunrQuery(query);
    if (!words) return [];
    try {
      return index.search(words).map((hit) => hit.ref);
    } catch (error) {
      if (error instanceof lunr.QueryParseError) return []; // "a:b", "x^", "~": not a query to Lunr
      throw error;
    }
  },
};

const engines = { ours, minisearch, lunr: lunrEngine };
const loaded = {};

function indexOf(name, base) {
  loaded[name] ||= engines[name].load(base);
  return loaded[name];
}

// Run work() while a message bounces between two ports; the longest gap between bounces is the
// longest the page could not have answered a keystroke.
async function withLongestBlock(work) {
  const channel = new MessageChannel();
  let running = true;
  let last = performance.now();
  let longest = 0;
  channel.port1.onmessage = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  await work();
  running = false;
  return Math.max(longest, performance.now() - last);
}

window.bench = {
  // Index the documents with a library; the serialized index and how long indexing took.
  async build(name, base) {
    const documents = await (await fetchOk(`${base}bench/documents.json`)).json();
    const start = performance.now();
    const json = engines[name].build(documents);
    return { ms: performance.now() - start, json };
  },

  // Fetch, parse and get an engine ready to search, in a fresh page.
  async load(name, base) {
    const start = performance.now();
    const blockedMs = await withLongestBlock(() => indexOf(name, base));
    return { ms: performance.now() - start, blockedMs };
  },

  // Milliseconds for each prefix of each query, as typed one keystroke at a time. Stops after the
  // query that used up budgetMs: the queries come shuffled, so those typed are a fair sample.
  async type(name, base, queries, budgetMs) {
    const engine = engines[name];
    const index = await indexOf(name, base);
    const times = [];
    const began = performance.now();
    for (const query of queries) {
      if (performance.now() - began > budgetMs) break;
      for (let end = 1; end <= query.length; end++) {
        const prefix = query.slice(0, end);
        const start = performance.now();
        await engine.ids(index, prefix);
        times.push(performance.now() - start);
      }
    }
    return times;
  },

  // The first results' ids for each query.
  async rank(name, base, queries, depth) {
    const index = await indexOf(name, base);
    const out = [];
    for (const query of queries) out.push((await engines[name].ids(index, query)).slice(0, depth));
    return out;
  },
};
