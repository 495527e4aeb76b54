// What the shipped search answers, query by query, to prove a change to pwa/search*.js changes
// none of it: result ids, exact scores, matched words, closest words, and the title and snippet
// marks and excerpts the page shows (as app.js draws them).
//
//   node bench/search_snapshot.mjs dist > before.json         (a build's snapshot)
//   node bench/search_snapshot.mjs dist before.json           (compare; exit 1 on any difference)
//
// The queries: tests/data/relevance.json, then a few hundred made from the build's own entries
// (words, every prefix of some as typed, typos, joined and split words, codes, stop words, white
// space), the same for the same build. Runs the built (minified) modules under assets/, in Node.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [build, snapshot] = process.argv.slice(2);
if (!build) {
  console.error('usage: node bench/search_snapshot.mjs BUILD_DIR [SNAPSHOT.json]');
  process.exit(2);
}
const LIMITS = [10, 30];
const RELEVANCE = new URL('../tests/data/relevance.json', import.meta.url);

// Node reads .js files as CommonJS unless a package.json says otherwise: copy the modules beside one.
async function importSearch(assets) {
  const folder = mkdtempSync(join(tmpdir(), 'search-snapshot-'));
  try {
    for (const name of readdirSync(assets)) if (name.endsWith('.js')) copyFileSync(join(assets, name), join(folder, name));
    writeFileSync(join(folder, 'package.json'), '{"type": "module"}');
    const search = await import(pathToFileURL(join(folder, 'search.js')));
    // highlight.js after the split; search.js before it.
    const highlight = readdirSync(folder).includes('highlight.js') ? await import(pathToFileURL(join(folder, 'highlight.js'))) : search;
    return { ...search, marks: highlight.marks, excerpt: highlight.excerpt };
  } finally {
    rmSync(folder, { recursive: true });
  }
}

// A small seeded generator (mulberry32), so the same build gives the same queries.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function typo(word, rand) {
  const at = Math.floor(rand() * word.length);
  const letter = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)];
  switch (Math.floor(rand() * 4)) {
    case 0: return word.slice(0, at) + word.slice(at + 1); // a letter left out
    case 1: return word.slice(0, at) + letter + word.slice(at); // one too many
    case 2: return word.slice(0, at) + letter + word.slice(at + 1); // one wrong
    default: return at + 1 < word.length ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word + letter;
  }
}

const FIXED = [
  '', ' ', '   ', '\t', 'a', 'i', 'the', 'for', 'the ', 'of the', 'who to call', 'phone number for', 'form', 'fo', 'f',
  '287(g)', '287 (g)', '287g', '287', 'g', 'I-247A', 'i 247a', 'I-247', '247', '24/7', '24 7', '24/7/365', '1-866-DHS-2-ICE',
  '866-347-2423', 'A-number', 'a number', 'anumber', 'tool kit', 'toolkit', 'tool ki', 'tip line', 'tipline', 'tiplin',
  'taskforce', 'task force', 'helpdesk', 'help desk', 'Détainer', 'DETAINER ', 'détainee', 'ﬁle', 'e-mail', 'x²',
  'kit for prosecutors', 'removal removals removing', 'agencies', 'agency', 'zzzz', 'qwertyuiop', 'xx yy zz',
  '  spaced   out  ', 'nbsp\u00a0space', 'a\u3000b', 'ice', 'ice ', 'ICE ACCESS', 'law enforcement', 'law enforcement ',
];

function queriesFor(docs, seed) {
  const rand = random(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const words = (text) => text.split(/\s+/).filter(Boolean);
  const titles = docs.map((doc) => doc[1]);
  const summaryWords = docs.flatMap((doc) => words(doc[3]));
  const out = [...FIXED];
  for (let i = 0; i < 60; i++) out.push(pick(titles));
  for (let i = 0; i < 60; i++) out.push(pick(summaryWords), `${pick(summaryWords)} `);
  for (let i = 0; i < 40; i++) out.push(`${pick(summaryWords)} ${pick(summaryWords)}`);
  for (let i = 0; i < 60; i++) {
    const word = pick(summaryWords).replace(/[^\p{L}\p{N}]/gu, '');
    if (word.length >= 4) out.push(typo(word, rand), typo(typo(word, rand), rand));
  }
  for (let i = 0; i < 12; i++) {
    const title = pick(titles);
    for (let end = 1; end <= title.length; end++) out.push(title.slice(0, end)); // as typed
  }
  for (let i = 0; i < 20; i++) {
    const [first, second] = [pick(summaryWords), pick(summaryWords)].map((w) => w.toLowerCase().replace(/[^a-z0-9]/g, ''));
    out.push(first + second, `${first}${second.slice(0, 2)}`);
  }
  return out;
}

function answer(search, index, query, limit) {
  const found = index.search(query, limit);
  return {
    query,
    limit,
    total: found.total,
    words: [...found.words],
    closest: found.closest,
    hits: found.hits.map((hit) => {
      const snippet = search.excerpt(hit.summary, found.words);
      return {
        id: hit.id,
        score: hit.score,
        title: search.marks(hit.title, found.words),
        excerpt: snippet,
        snippet: search.marks(snippet, found.words),
      };
    }),
  };
}

const search = await importSearch(join(build, 'assets'));
const read = (name) => JSON.parse(readFileSync(join(build, name), 'utf-8'));
const indexData = read('search-index.json');
const docsData = read('search-docs.json');
const index = new search.SearchIndex(indexData, docsData);
const relevance = JSON.parse(readFileSync(RELEVANCE, 'utf-8')).map((item) => item.query);
const queries = [...relevance, ...queriesFor(docsData.docs, 14)];
const answers = queries.flatMap((query) => LIMITS.map((limit) => answer(search, index, query, limit)));

if (!snapshot) {
  process.stdout.write(`${JSON.stringify(answers, null, 1)}\n`);
  console.error(`${queries.length} queries, ${answers.length} answers`);
} else {
  const before = JSON.parse(readFileSync(snapshot, 'utf-8'));
  const differ = answers.filter((now, i) => JSON.stringify(now) !== JSON.stringify(before[i]));
  const sameQueries = before.length === answers.length && before.every((was, i) => was.query === answers[i].query);
  for (const now of differ.slice(0, 5)) console.error('differs:', JSON.stringify(now.query), now.limit);
  console.error(`${queries.length} queries, ${answers.length} answers: ${sameQueries && !differ.length ? 'all the same' : `${differ.length} differ`}`);
  process.exit(sameQueries && !differ.length ? 0 : 1);
}
