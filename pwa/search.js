// Offline search over the files build.py writes: search-index.json (sorted terms, postings) and
// search-docs.json (what a result shows). normalize, units, stem and STOP_WORDS mirror
// corner/search.py exactly; tests run both on the same text.

const WORD = /[a-z0-9]+/g;
const HAS_DIGIT = /[0-9]/;
// White space that separates query words; the same class is spelled out in corner/search.py.
const SPACE = '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
const SPLIT = new RegExp(`${SPACE}+`);
const CHUNK = new RegExp(`(?:(?!${SPACE}).)+`, 'gsu');
const ENDS_WITH_SPACE = new RegExp(`${SPACE}$`);
export const STOP_WORDS = new Set('a an and are as at be by for from in is it its of on or the to was were with'.split(' '));
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const INDEX_VERSION = 2;

// What a kind of match is worth, times the field weight stored in the index.
const EXACT = 1;
const WORD_FORM = 0.9; // removals for removal
const JOINED = 0.85; // "tool kit" for toolkit, "tipline" for tip line
const PREFIX = 0.6; // scaled up as the typed part nears the whole word
const ONE_TYPO = 0.45;
const TWO_TYPOS = 0.3;
const PHRASE_STARTS_TITLE = 2;
const PHRASE_IN_TITLE = 1.5;
const PHRASE_IN_SUMMARY = 1.2;

export function normalize(text) {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

// The word itself or a prefix of it, except -ies → -y.
export function stem(word) {
  if (word.length <= 3 || HAS_DIGIT.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) word = word.slice(0, -3) + 'y';
  else if (['sses', 'xes', 'ches', 'shes', 'zes'].some((end) => word.endsWith(end))) word = word.slice(0, -2);
  else if (word.endsWith('s') && !['ss', 'us', 'is'].some((end) => word.endsWith(end))) word = word.slice(0, -1);
  for (const [ending, shortest] of [['ing', 4], ['ed', 4], ['er', 5]]) {
    if (word.endsWith(ending) && word.length - ending.length >= shortest) return word.slice(0, -ending.length);
  }
  return word;
}

export function units(text) {
  return normalize(text).split(SPLIT)
    .map((chunk) => chunk.match(WORD) || [])
    .filter((parts) => parts.length > 0);
}

// "287(g)" and "287g" read the same: each white-space chunk with its parts joined.
function phraseOf(text) {
  return ` ${units(text).map((parts) => parts.join('')).join(' ')}`;
}

const VALUE = new Int8Array(128);
[...ALPHABET].forEach((char, value) => { VALUE[char.charCodeAt(0)] = value; });

// corner/search.py encode_postings: per entry, distance from the previous one, then weight.
function decode(text) {
  const docs = [];
  const weights = [];
  let doc = -1;
  let number = 0;
  for (let i = 0; i < text.length; i++) {
    const value = VALUE[text.charCodeAt(i)];
    number = number * 32 + (value & 31);
    if (value < 32) {
      doc += number + 1;
      docs.push(doc);
      weights.push(VALUE[text.charCodeAt(++i)]);
      number = 0;
    }
  }
  return { docs, weights };
}

function commonPrefixLength(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export class SearchIndex {
  constructor(index, docs) {
    if (index.version !== INDEX_VERSION || docs.version !== INDEX_VERSION) throw new Error('search index: unknown version');
    this.terms = index.terms ? index.terms.split('\n') : [];
    this.encoded = index.postings;
    this.decoded = new Array(this.terms.length);
    this.docs = docs.docs;
    this.phrases = new Array(this.docs.length); // normalized title and summary, when first needed
    this.best = new Float64Array(this.docs.length); // scratch: one query word's score per entry
    this.touched = [];
  }

  postings(term) {
    return this.decoded[term] || (this.decoded[term] = decode(this.encoded[term]));
  }

  lowerBound(word) {
    let low = 0;
    let high = this.terms.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.terms[middle] < word) low = middle + 1; else high = middle;
    }
    return low;
  }

  // Terms starting with word, as [first, end) positions in the sorted list.
  range(word) {
    return [this.lowerBound(word), this.lowerBound(`${word}\uffff`)];
  }

  // Score the entries containing a term: the best match counts, or with `sum` all of them, as
  // a word's forms are one word ("Removal" in a title, "removals" in aliases).
  add(term, quality, seen, sum = false) {
    const { docs, weights } = this.postings(term);
    for (let k = 0; k < docs.length; k++) {
      const doc = docs[k];
      const score = weights[k] * quality;
      if (this.best[doc] === 0) this.touched.push(doc);
      if (sum) this.best[doc] += score;
      else if (score > this.best[doc]) this.best[doc] = score;
    }
    seen.add(this.terms[term]);
  }

  // Collect what add() gathered as a Map doc → score, and clear the scratch space.
  take() {
    const hits = new Map();
    for (const doc of this.touched) {
      hits.set(doc, this.best[doc]);
      this.best[doc] = 0;
    }
    this.touched = [];
    return hits;
  }

  // Terms within maxEdits typos of word (or, with prefix, starting within maxEdits of it):
  // one walk of the sorted list that reuses the rows of shared prefixes and skips every
  // term under a prefix that is already too far off.
  fuzzy(word, maxEdits, prefix, quality, seen) {
    const rows = [Array.from({ length: word.length + 1 }, (_, j) => j)];
    let previous = '';
    for (let t = 0; t < this.terms.length;) {
      const term = this.terms[t];
      rows.length = Math.min(commonPrefixLength(previous, term), rows.length - 1) + 1;
      previous = term;
      let next = t + 1;
      for (let depth = rows.length; depth <= term.length; depth++) {
        const above = rows[depth - 1];
        const row = [depth];
        let lowest = depth;
        for (let j = 1; j <= word.length; j++) {
          let value = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (word[j - 1] === term[depth - 1] ? 0 : 1));
          if (depth > 1 && j > 1 && word[j - 1] === term[depth - 2] && word[j - 2] === term[depth - 1]) {
            value = Math.min(value, rows[depth - 2][j - 2] + 1);
          }
          row.push(value);
          lowest = Math.min(lowest, value);
        }
        rows.push(row);
        const end = lowest > maxEdits || (prefix && row[word.length] <= maxEdits) ? this.range(term.slice(0, depth))[1] : 0;
        if (end && lowest <= maxEdits) {
          for (let u = t; u < end; u++) if (!HAS_DIGIT.test(this.terms[u])) this.add(u, quality, seen);
        } else if (!end && depth === term.length && row[word.length] <= maxEdits && !HAS_DIGIT.test(term)) {
          this.add(t, quality, seen);
        }
        if (end) {
          next = end;
          break;
        }
      }
      t = next;
    }
  }

  // doc → score for one query word: its word forms, words it begins (while typing), the word
  // split in two ("taskforce"), and only if all that finds nothing, near spellings.
  matchWord(word, { prefix, split = true, typos = true }, seen) {
    const root = stem(word);
    const [first, end] = this.range(root.endsWith('y') ? root.slice(0, -1) : root);
    for (let t = first; t < end; t++) {
      if (stem(this.terms[t]) === root) this.add(t, this.terms[t] === word ? EXACT : WORD_FORM, seen, true);
    }
    if (prefix) {
      const [from, to] = this.range(word);
      for (let t = from; t < to; t++) {
        if (!seen.has(this.terms[t])) this.add(t, PREFIX * (0.5 + 0.5 * word.length / this.terms[t].length), seen);
      }
    }
    const hits = this.take();
    if (split && word.length >= 6 && !HAS_DIGIT.test(word)) this.matchHalves(word, prefix, hits, seen);
    if (hits.size === 0 && typos && word.length >= 4 && !HAS_DIGIT.test(word)) {
      const maxEdits = word.length >= 8 ? 2 : 1;
      this.fuzzy(word, maxEdits, prefix, maxEdits === 1 ? ONE_TYPO : TWO_TYPOS, seen);
      return this.take();
    }
    return hits;
  }

  // "tipline" for "tip line": two whole terms (the second may be half-typed) in one entry.
  matchHalves(word, prefix, hits, seen) {
    for (let i = 3; i <= word.length - 3; i++) {
      const [left, leftEnd] = this.range(word.slice(0, i));
      if (left === leftEnd || this.terms[left] !== word.slice(0, i)) continue;
      const leftWeights = new Map();
      const { docs, weights } = this.postings(left);
      docs.forEach((doc, k) => leftWeights.set(doc, weights[k]));
      const [from, to] = this.range(word.slice(i));
      for (let t = from; t < to && (prefix || t === from); t++) {
        if (!prefix && this.terms[t] !== word.slice(i)) break;
        const right = this.postings(t);
        right.docs.forEach((doc, k) => {
          if (!leftWeights.has(doc)) return;
          const score = Math.min(leftWeights.get(doc), right.weights[k]) * JOINED;
          if (score > (hits.get(doc) || 0)) hits.set(doc, score);
          seen.add(this.terms[left]).add(this.terms[t]);
        });
      }
    }
  }

  // A query word like "287(g)" matches as "287g" or as both "287" and "g".
  matchUnit(all, typing, seen) {
    const prefixOk = (word) => typing || word.length >= 3;
    const parts = all.length > 1 && all.some((part) => !STOP_WORDS.has(part)) ? all.filter((part) => !STOP_WORDS.has(part)) : all;
    if (parts.length === 1) return this.matchWord(parts[0], { prefix: prefixOk(parts[0]) }, seen);
    const hits = this.matchWord(all.join(''), { prefix: typing }, seen);
    const each = parts.map((part, i) => this.matchWord(part, { prefix: typing && i === parts.length - 1, typos: false }, seen));
    for (const [doc] of each[0]) {
      if (each.every((scores) => scores.has(doc))) {
        const mean = each.reduce((total, scores) => total + scores.get(doc), 0) / parts.length;
        if (mean > (hits.get(doc) || 0)) hits.set(doc, mean);
      }
    }
    return hits;
  }

  phraseScore(doc, phrase) {
    if (!this.phrases[doc]) this.phrases[doc] = [phraseOf(this.docs[doc][1]), phraseOf(this.docs[doc][3])];
    const [title, summary] = this.phrases[doc];
    if (title.startsWith(phrase)) return PHRASE_STARTS_TITLE;
    if (title.includes(phrase)) return PHRASE_IN_TITLE;
    return summary.includes(phrase) ? PHRASE_IN_SUMMARY : 1;
  }

  // Entries that match every word come first (or, failing that, most words, if at least half),
  // then by score, then by title. `words` are the index terms that matched, for highlighting.
  search(query, limit = 20) {
    const seen = new Set();
    const queryUnits = units(query);
    const typing = !ENDS_WITH_SPACE.test(query);
    const last = queryUnits.length - 1;
    const hits = queryUnits.map((parts, i) => this.matchUnit(parts, typing && i === last, seen));
    // "tool kit" also finds toolkit; credit both words.
    for (let i = 0; i < last; i++) {
      if (queryUnits[i].length > 1 || queryUnits[i + 1].length > 1) continue;
      const joined = this.matchWord(queryUnits[i][0] + queryUnits[i + 1][0],
        { prefix: typing && i + 1 === last, split: false, typos: false }, seen);
      for (const [doc, score] of joined) {
        for (const unit of [hits[i], hits[i + 1]]) {
          if (score * JOINED > (unit.get(doc) || 0)) unit.set(doc, score * JOINED);
        }
      }
    }
    // Stop words add to the score but need not match, unless the query has nothing else ("for").
    let required = queryUnits.map((parts) => parts.length > 1 || !STOP_WORDS.has(parts[0]));
    if (!required.includes(true)) required = required.map(() => true);
    const matched = new Map();
    const scores = new Map();
    hits.forEach((unit, i) => {
      for (const [doc, score] of unit) {
        if (required[i]) matched.set(doc, (matched.get(doc) || 0) + 1);
        scores.set(doc, (scores.get(doc) || 0) + score);
      }
    });
    let most = 0;
    for (const count of matched.values()) most = Math.max(most, count);
    const needed = required.filter(Boolean).length;
    if (most === 0 || most < Math.ceil(needed / 2)) return { total: 0, hits: [], words: seen };

    const ranked = [];
    for (const [doc, count] of matched) if (count === most) ranked.push([scores.get(doc), doc]);
    // Then the words as typed, together, in the title or description: only the leaders can gain enough.
    const phrase = phraseOf(query.trim());
    const top = topByScore(topByScore(ranked, limit * 3).map(([score, doc]) => [score * this.phraseScore(doc, phrase), doc]), limit);
    return {
      total: ranked.length,
      hits: top.map(([score, doc]) => {
        const [id, title, kind, summary] = this.docs[doc];
        return { id, title, kind, summary, score };
      }),
      words: seen,
    };
  }
}

// The best `limit` of [score, doc] pairs, best first; equal scores in doc (title) order.
function topByScore(pairs, limit) {
  const better = (a, b) => a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
  const top = [];
  for (const pair of pairs) {
    if (top.length === limit && !better(pair, top[limit - 1])) continue;
    let i = top.length;
    while (i > 0 && better(pair, top[i - 1])) i--;
    top.splice(i, 0, pair);
    if (top.length > limit) top.pop();
  }
  return top;
}

// Text as [piece, matched] pairs: whole words whose index terms are in `words` are marked.
export function marks(text, words) {
  const out = [];
  let done = 0;
  for (const chunk of text.matchAll(CHUNK)) {
    const parts = normalize(chunk[0]).match(WORD) || [];
    if (!parts.some((part) => words.has(part)) && !words.has(parts.join(''))) continue;
    const core = /[\p{L}\p{N}](?:.*[\p{L}\p{N}])?/su.exec(chunk[0]);
    if (!core) continue;
    const start = chunk.index + core.index;
    out.push([text.slice(done, start), false], [core[0], true]);
    done = start + core[0].length;
  }
  out.push([text.slice(done), false]);
  return out.filter(([piece]) => piece);
}

// About `size` characters of text around its first matched word, cut at word boundaries.
export function excerpt(text, words, size = 160) {
  if (text.length <= size) return text;
  let at = 0;
  for (const [piece, matched] of marks(text, words)) {
    if (matched) break;
    at += piece.length;
  }
  if (at >= text.length) at = 0;
  const start = at + 40 > size ? text.lastIndexOf(' ', at - 40) + 1 : 0;
  let end = text.length;
  if (start + size < text.length) {
    const space = text.lastIndexOf(' ', start + size);
    end = space > at ? space : start + size;
  }
  const shown = text.slice(start, end).replace(/[\s,;:.]+$/u, '');
  return `${start > 0 ? '…' : ''}${shown}${end < text.length ? '…' : ''}`;
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
