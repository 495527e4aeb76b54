// Offline search over the files build.py writes: search-index.json (sorted terms, postings) and
// search-docs.json (what a result shows). lookup.js finds what each query word matches; here the
// words' entries are ranked together. app.js and search-worker.js use loadIndex and search().
import { INDEX_VERSION } from './index-format.js';
import { Lookup } from './lookup.js';
import { Scores } from './scores.js';
import { SPACE, units } from './words.js';

const ENDS_WITH_SPACE = new RegExp(`${SPACE}$`);
const COMMON = 0.1; // a word found in most entries ("ice"), beside rarer words
const PHRASE_STARTS_TITLE = 2;
const PHRASE_IN_TITLE = 1.5;
const PHRASE_IN_SUMMARY = 1.2;

// "287(g)" and "287g" read the same: each white-space token with its parts joined.
function phraseOf(text) {
  return ` ${units(text).map((parts) => parts.join('')).join(' ')}`;
}

export class SearchIndex {
  constructor(index, docs) {
    if (index.version !== INDEX_VERSION || docs.version !== INDEX_VERSION) throw new Error('search index: unknown version');
    this.docs = docs.docs;
    this.fields = docs.fields; // what each entry's values are, in order
    const at = (name) => this.fields.indexOf(name);
    this.titleAt = at('title');
    this.summaryAt = at('summary');
    this.lookup = new Lookup(index, this.docs.length);
    this.phrases = new Array(this.docs.length); // normalized title (and summary), when first needed
    this.total = new Scores(this.docs.length); // the whole query's score, per entry
    this.matched = new Scores(this.docs.length); // and how many of its words it matched
  }

  // Each entry's score over the query's words, and the entries matching most of the words that
  // must match (if at least half of them). Stop words need not match, nor words in more than
  // half of all entries ("ice" in an index of ICE resources), which also weigh little: unless
  // the query has nothing else. `perWord[i]` holds the entries word i found, and their scores.
  tally(perWord, required) {
    const rare = required.map((must, i) => must && perWord[i].docs.length * 2 <= this.docs.length);
    const someRare = rare.includes(true);
    const counted = someRare ? rare : required;
    perWord.forEach(({ docs, scores }, i) => {
      const weight = someRare && !rare[i] ? COMMON : 1;
      docs.forEach((doc, k) => {
        this.total.add(doc, scores[k] * weight);
        if (counted[i]) this.matched.add(doc, 1);
      });
    });
    const candidates = this.total.docs;
    let most = 0;
    for (const doc of candidates) most = Math.max(most, this.matched.value[doc]);
    const needed = Math.ceil(counted.filter(Boolean).length / 2);
    return most > 0 && most >= needed ? candidates.filter((doc) => this.matched.value[doc] === most) : [];
  }

  // How much more an entry is worth for holding the query's words together, as typed.
  phraseScore(doc, phrase, inSummary) {
    const texts = this.phrases[doc] || (this.phrases[doc] = [phraseOf(this.docs[doc][this.titleAt])]);
    if (texts[0].startsWith(phrase)) return PHRASE_STARTS_TITLE;
    if (texts[0].includes(phrase)) return PHRASE_IN_TITLE;
    if (!inSummary) return 1;
    if (texts.length === 1) texts.push(phraseOf(this.docs[doc][this.summaryAt]));
    return texts[1].includes(phrase) ? PHRASE_IN_SUMMARY : 1;
  }

  // Entries that match every word come first (or, failing that, most words, if at least half),
  // then by score, then by title. `words` are the index terms that matched, for highlighting;
  // `closest`, the query words no entry holds, whose closest words found the entries.
  search(query, limit = 20) {
    const queryUnits = units(query);
    const { perWord, isStop, seen, closest } = this.lookup.lookUp(queryUnits, !ENDS_WITH_SPACE.test(query));
    const onlyStops = !isStop.includes(false);
    const found = this.tally(perWord, isStop.map((stop) => onlyStops || !stop));
    // Then the words as typed, together, in the title or description: only the leaders can gain enough.
    const phrase = phraseOf(query.trim());
    const total = this.total.value;
    const leaders = topByScore(found, (doc) => total[doc], limit * 3);
    const top = topByScore(leaders.map(([, doc]) => doc), (doc) => total[doc] * this.phraseScore(doc, phrase, queryUnits.length > 1), limit);
    this.total.clear();
    this.matched.clear();
    return {
      total: found.length,
      hits: top.map(([score, doc]) => {
        const hit = {};
        this.fields.forEach((name, i) => { hit[name] = this.docs[doc][i]; });
        hit.score = score;
        return hit;
      }),
      words: seen,
      closest,
    };
  }
}

// The `limit` best docs as [score, doc], best first; equal scores in doc (title) order.
function topByScore(docs, scoreOf, limit) {
  const top = [];
  for (const doc of docs) {
    const score = scoreOf(doc);
    const after = (pair) => score > pair[0] || (score === pair[0] && doc < pair[1]);
    if (top.length === limit && !after(top[limit - 1])) continue;
    let i = top.length;
    while (i > 0 && after(top[i - 1])) i--;
    top.splice(i, 0, [score, doc]);
    if (top.length > limit) top.pop();
  }
  return top;
}

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`search index: ${url} answered ${response.status}`);
  return response.json();
}

let loading = null;

// The index for the site at base (a URL ending in /), fetched once.
export function loadIndex(base) {
  if (!loading) {
    loading = Promise.all([fetchJson(`${base}search-index.json`), fetchJson(`${base}search-docs.json`)])
      .then(([index, docs]) => new SearchIndex(index, docs))
      .catch((error) => {
        loading = null; // try again on the next keystroke
        throw error;
      });
  }
  return loading;
}
