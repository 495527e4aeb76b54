// Offline search over the files build.py writes: search-index.json (sorted terms, postings) and
// search-docs.json (what a result shows). normalize, units and stem mirror corner/search.py
// exactly (tests run both on the same text); the stop words and synonyms come in the index.

const WORD = /[a-z0-9]+/g;
const HAS_DIGIT = /[0-9]/;
// White space that separates query words; the same class is spelled out in corner/search.py.
const SPACE = '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
const SPLIT = new RegExp(`${SPACE}+`);
const CHUNK = new RegExp(`(?:(?!${SPACE}).)+`, 'gsu');
const ENDS_WITH_SPACE = new RegExp(`${SPACE}$`);
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const INDEX_VERSION = 3;

// What a kind of match is worth, times the field weight stored in the index.
const EXACT = 1;
const WORD_FORM = 0.8; // removals for removal
const JOINED = 0.85; // "tool kit" for toolkit, "tipline" for tip line
const PREFIX = 0.6; // scaled up as the typed part nears the whole word
const SYNONYM = 0.7; // removal for deport (content/synonyms.json groups)
const ONE_TYPO = 0.45;
const CLOSEST = 0.4; // detainer for warrant (content/synonyms.json closest): no equal, the nearest entries
const TWO_TYPOS = 0.3;
const COMMON = 0.1; // a word found in most entries ("ice"), beside rarer words
const PHRASE_STARTS_TITLE = 2;
const PHRASE_IN_TITLE = 1.5;
const PHRASE_IN_SUMMARY = 1.2;

export function normalize(text) {
  // Plain ASCII (most text) has no accents to strip.
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
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

// corner/search.py front_code: each line is a count of letters kept from the word before, then the rest.
function unfrontCode(text) {
  let previous = '';
  return text ? text.split('\n').map((line) => (previous = previous.slice(0, VALUE[line.charCodeAt(0)]) + line.slice(1))) : [];
}

// corner/search.py encode_postings: "<docs>,<weights>"; each doc as its distance from the one
// before; the docs that name the term (title, aliases) first, then "." and the others.
function decode(text, namingOnly) {
  const comma = text.indexOf(',');
  const dot = text.indexOf('.');
  const end = namingOnly ? Math.max(dot, 0) : comma;
  const docs = new Int32Array(text.length - comma - 1);
  let count = 0;
  let doc = -1;
  let number = 0;
  for (let i = 0; i < end; i++) {
    const value = VALUE[text.charCodeAt(i)];
    if (i === dot) {
      doc = -1;
      continue;
    }
    number = number * 32 + (value & 31);
    if (value < 32) {
      doc += number + 1;
      docs[count++] = doc;
      number = 0;
    }
  }
  const weights = new Uint8Array(count);
  for (let k = 0; k < count; k++) weights[k] = VALUE[text.charCodeAt(comma + 1 + k)];
  return { docs: docs.subarray(0, count), weights };
}

// The first position in a sorted list whose word is not below word.
function lowerBound(sorted, word) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < word) low = middle + 1; else high = middle;
  }
  return low;
}

// content/synonyms.json as the index carries it: a word's stem → [other word, quality, closest]
// for each word to look up too, and those stems sorted, for words being typed.
function alikeWords({ groups, closest }) {
  const byStem = new Map();
  const link = (word, others, quality, near) => {
    const key = stem(word);
    const more = others.filter((other) => stem(other) !== key).map((other) => [other, quality, near]);
    byStem.set(key, [...(byStem.get(key) || []), ...more]);
  };
  for (const group of groups) for (const word of group) link(word, group, SYNONYM, false);
  for (const [word, words] of closest) link(word, words, CLOSEST, true);
  return { byStem, stems: [...byStem.keys()].sort() };
}

function commonPrefixLength(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export class SearchIndex {
  constructor(index, docs) {
    if (index.version !== INDEX_VERSION || docs.version !== INDEX_VERSION) throw new Error('search index: unknown version');
    this.terms = unfrontCode(index.terms);
    this.encoded = index.postings;
    this.decoded = new Array(this.terms.length);
    this.decodedNaming = new Array(this.terms.length);
    this.docs = docs.docs;
    this.stops = new Set(index.stop_words);
    this.alike = alikeWords(index.synonyms);
    this.phrases = new Array(this.docs.length); // normalized title (and summary), when first needed
    // Scratch space, one slot per entry, cleared after use: one query word's best score
    // (`touched` lists the entries it scored), the whole query's score, and how many words matched.
    this.best = new Float64Array(this.docs.length);
    this.touched = [];
    this.total = new Float64Array(this.docs.length);
    this.matched = new Uint8Array(this.docs.length);
  }

  postings(term) {
    return this.decoded[term] || (this.decoded[term] = decode(this.encoded[term], false));
  }

  // Only the entries whose title or aliases hold the term.
  naming(term) {
    return this.decodedNaming[term] || (this.decodedNaming[term] = decode(this.encoded[term], true));
  }

  // Terms starting with word, as [first, end) positions in the sorted list.
  range(word) {
    return [lowerBound(this.terms, word), lowerBound(this.terms, `${word}\uffff`)];
  }

  offer(doc, score) {
    if (this.best[doc] === 0) this.touched.push(doc);
    if (score > this.best[doc]) this.best[doc] = score;
  }

  // Score the entries containing a term (or with `naming`, those with it in title or aliases):
  // the best match counts, or with `sum` all of them, as a word's forms are one word ("Removal"
  // in a title, "removals" in aliases).
  add(term, quality, seen, { sum = false, naming = false } = {}) {
    const { docs, weights } = naming ? this.naming(term) : this.postings(term);
    const { best } = this;
    for (let k = 0; k < docs.length; k++) {
      const doc = docs[k];
      const score = weights[k] * quality;
      if (best[doc] === 0) this.touched.push(doc);
      if (sum) best[doc] += score;
      else if (score > best[doc]) best[doc] = score;
    }
    seen.add(this.terms[term]);
  }

  // What the scratch space holds, as a Map doc → score; the scratch is cleared.
  take() {
    const hits = new Map();
    for (const doc of this.touched) {
      hits.set(doc, this.best[doc]);
      this.best[doc] = 0;
    }
    this.touched = [];
    return hits;
  }

  // Terms within maxEdits typos of word (or, with prefix, starting within maxEdits of it).
  // Typos rarely touch the first letter: only terms starting with it, or with the first two
  // letters swapped, are compared.
  fuzzy(word, maxEdits, prefix, quality, seen) {
    const starts = word[0] === word[1] ? [word[0]] : [word[0], word[1] + word[0]];
    for (const start of starts) this.walk(word, this.range(start), maxEdits, prefix, quality, seen);
  }

  // One pass over sorted terms that reuses the rows of shared prefixes and skips every term
  // under a prefix already too far off (edit distance with transpositions).
  walk(word, [from, to], maxEdits, prefix, quality, seen) {
    const width = word.length + 1;
    const rows = [Int32Array.from({ length: width }, (_, j) => j)]; // rows[d]: the term's first d letters
    let ready = 0;
    let previous = '';
    for (let t = from; t < to;) {
      const term = this.terms[t];
      let next = t + 1;
      for (let depth = Math.min(commonPrefixLength(previous, term), ready) + 1; depth <= term.length; depth++) {
        const above = rows[depth - 1];
        const row = rows[depth] || (rows[depth] = new Int32Array(width));
        const letter = term[depth - 1];
        row[0] = depth;
        let lowest = depth;
        for (let j = 1; j < width; j++) {
          let value = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (word[j - 1] === letter ? 0 : 1));
          if (depth > 1 && j > 1 && word[j - 1] === term[depth - 2] && word[j - 2] === letter) {
            value = Math.min(value, rows[depth - 2][j - 2] + 1);
          }
          row[j] = value;
          if (value < lowest) lowest = value;
        }
        ready = depth;
        const tooFar = lowest > maxEdits;
        const allUnder = !tooFar && prefix && row[width - 1] <= maxEdits; // every term under this prefix
        if (tooFar || allUnder) {
          next = lowerBound(this.terms, `${term.slice(0, depth)}\uffff`);
          for (let u = t; allUnder && u < next; u++) if (!HAS_DIGIT.test(this.terms[u])) this.add(u, quality, seen);
          break;
        }
        if (depth === term.length && row[width - 1] <= maxEdits && !HAS_DIGIT.test(term)) this.add(t, quality, seen);
      }
      previous = term;
      t = next;
    }
  }

  // Score one query word into the scratch space: its word forms, words it begins (while
  // typing), its synonyms, an unknown word split in two ("taskforce"), then the closest words
  // for a word with no equal, and only if all that finds nothing, near spellings. Returns
  // whether the word found entries of its own (not only through its closest words).
  matchWord(word, { prefix, split = true, typos = true, alike = true }, seen) {
    const before = this.touched.length;
    const known = this.matchForms(word, 1, seen, true);
    if (prefix) {
      // One or two letters begin too many words: look for them in titles and aliases only.
      const naming = word.length <= 2;
      const [from, to] = this.range(word);
      for (let t = from; t < to; t++) {
        if (!seen.has(this.terms[t])) this.add(t, PREFIX * (0.5 + 0.5 * word.length / this.terms[t].length), seen, { naming });
      }
    }
    const others = alike ? this.alikeOf(word, prefix) : [];
    for (const [other, quality, near] of others) if (!near) this.matchForms(other, quality, seen, false);
    if (split && !known && word.length >= 6 && !HAS_DIGIT.test(word)) this.matchHalves(word, prefix, seen);
    const own = this.touched.length;
    // The closest words' entries are not marked as matches: they do not hold the word.
    for (const [other, quality, near] of others) if (near) this.matchForms(other, quality, new Set(), false);
    const led = own === before && this.touched.length > before;
    if (this.touched.length === before && typos && word.length >= 4 && !HAS_DIGIT.test(word)) {
      const maxEdits = word.length >= 8 ? 2 : 1;
      this.fuzzy(word, maxEdits, prefix, maxEdits === 1 ? ONE_TYPO : TWO_TYPOS, seen);
    }
    return led;
  }

  // Score the terms that are word or a form of it (removals for removal), times quality; with
  // sum, an entry's forms add up, as a word's forms are one word ("Removal", "removals").
  matchForms(word, quality, seen, sum) {
    const root = stem(word);
    let known = false;
    const [first, end] = this.range(root.endsWith('y') ? root.slice(0, -1) : root);
    for (let t = first; t < end; t++) {
      const term = this.terms[t];
      // A stem drops at most five letters ("meetings" → "meet"): skip longer words unstemmed.
      if (term.length - root.length <= 5 && stem(term) === root) {
        this.add(t, (term === word ? EXACT : WORD_FORM) * quality, seen, { sum });
        known = true;
      }
    }
    return known;
  }

  // [word, quality, closest] for the synonyms and closest words of a query word; while it is
  // being typed, also for the words of content/synonyms.json that it begins ("depo": deport).
  alikeOf(word, prefix) {
    const { byStem, stems } = this.alike;
    const root = stem(word);
    const found = new Map();
    const offer = (key, scale) => {
      for (const [other, quality, near] of byStem.get(key) || []) {
        if (!(found.get(other)?.[1] >= quality * scale)) found.set(other, [other, quality * scale, near]);
      }
    };
    offer(root, 1);
    for (let i = lowerBound(stems, word); prefix && word.length >= 3 && stems[i]?.startsWith(word); i++) {
      if (stems[i] !== root) offer(stems[i], PREFIX * (0.5 + 0.5 * word.length / stems[i].length));
    }
    return [...found.values()];
  }

  // "tipline" for "tip line": two whole terms (the second may be half-typed) in one entry.
  matchHalves(word, prefix, seen) {
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
          this.offer(doc, Math.min(leftWeights.get(doc), right.weights[k]) * JOINED);
          seen.add(this.terms[left]).add(this.terms[t]);
        });
      }
    }
  }

  // Score a query word into the scratch space; "287(g)" matches as "287g" or as both "287" and "g".
  // A stop word matches nothing unless the query holds nothing else: typing "form" passes through
  // "for", which then finds it, but "phone number for" finds no forms. Returns whether the word
  // found entries only through its closest words.
  matchUnit(all, typing, seen, stopWordsMatch) {
    const prefixOk = (word) => typing || word.length >= 3;
    const joined = all.join('');
    const parts = all.length > 1 && all.some((part) => !this.stops.has(part)) ? all.filter((part) => !this.stops.has(part)) : all;
    // "A-number" is not "number": a word with a stop word in it is looked up joined, where the index holds it so.
    const [first, end] = this.range(joined);
    if (parts.length < all.length && first < end && (typing || this.terms[first] === joined)) return this.matchWord(joined, { prefix: typing }, seen);
    if (parts.length === 1) {
      const stop = this.stops.has(parts[0]);
      return (stopWordsMatch || !stop) && this.matchWord(parts[0], { prefix: stop ? typing : prefixOk(parts[0]) }, seen);
    }
    const each = parts.map((part, i) => {
      this.matchWord(part, { prefix: typing && i === parts.length - 1, typos: false }, seen);
      return this.take();
    });
    this.matchWord(joined, { prefix: typing }, seen);
    for (const [doc] of each[0]) {
      if (each.every((scores) => scores.has(doc))) {
        this.offer(doc, each.reduce((total, scores) => total + scores.get(doc), 0) / parts.length);
      }
    }
    return false;
  }

  // "tool kit" also finds toolkit: two words (not stop words) looked up as one, credited to both.
  joins(queryUnits, typing, isStop, seen) {
    const last = queryUnits.length - 1;
    return queryUnits.map((parts, i) => {
      if (i === last || isStop[i] || isStop[i + 1] || parts.length > 1 || queryUnits[i + 1].length > 1 || queryUnits[i + 1][0].length < 2) return null;
      this.matchWord(parts[0] + queryUnits[i + 1][0], { prefix: typing && i + 1 === last, split: false, typos: false, alike: false }, seen);
      return this.take();
    });
  }

  // Each entry's score over the query's words, and the entries matching most of the words that
  // must match (if at least half of them). Stop words need not match, nor words in more than
  // half of all entries ("ice" in an index of ICE resources), which also weigh little: unless
  // the query has nothing else. `perWord[i]` holds the entries word i found, and their scores.
  tally(perWord, required) {
    const rare = required.map((must, i) => must && perWord[i].docs.length * 2 <= this.docs.length);
    const someRare = rare.includes(true);
    const counted = someRare ? rare : required;
    const candidates = [];
    perWord.forEach(({ docs, scores }, i) => {
      const weight = someRare && !rare[i] ? COMMON : 1;
      docs.forEach((doc, k) => {
        if (this.total[doc] === 0) candidates.push(doc);
        this.total[doc] += scores[k] * weight;
        if (counted[i]) this.matched[doc]++;
      });
    });
    let most = 0;
    for (const doc of candidates) most = Math.max(most, this.matched[doc]);
    const needed = Math.ceil(counted.filter(Boolean).length / 2);
    return [candidates, most > 0 && most >= needed ? candidates.filter((doc) => this.matched[doc] === most) : []];
  }

  // How much more an entry is worth for holding the query's words together, as typed.
  phraseScore(doc, phrase, inSummary) {
    const texts = this.phrases[doc] || (this.phrases[doc] = [phraseOf(this.docs[doc][1])]);
    if (texts[0].startsWith(phrase)) return PHRASE_STARTS_TITLE;
    if (texts[0].includes(phrase)) return PHRASE_IN_TITLE;
    if (!inSummary) return 1;
    if (texts.length === 1) texts.push(phraseOf(this.docs[doc][3]));
    return texts[1].includes(phrase) ? PHRASE_IN_SUMMARY : 1;
  }

  // Entries that match every word come first (or, failing that, most words, if at least half),
  // then by score, then by title. `words` are the index terms that matched, for highlighting;
  // `closest`, the query words no entry holds, whose closest words found the entries.
  search(query, limit = 20) {
    const seen = new Set();
    const queryUnits = units(query);
    const typing = !ENDS_WITH_SPACE.test(query);
    const last = queryUnits.length - 1;
    const isStop = queryUnits.map((parts) => parts.length === 1 && this.stops.has(parts[0]));
    const onlyStops = !isStop.includes(false);
    const joins = this.joins(queryUnits, typing, isStop, seen);
    const perWord = [];
    const closest = [];
    queryUnits.forEach((parts, i) => {
      if (this.matchUnit(parts, typing && i === last, seen, onlyStops)) closest.push(parts.join(''));
      for (const join of [joins[i - 1], joins[i]]) {
        if (join) for (const [doc, score] of join) this.offer(doc, score * JOINED);
      }
      const docs = this.touched;
      perWord.push({ docs, scores: docs.map((doc) => this.best[doc]) });
      for (const doc of docs) this.best[doc] = 0;
      this.touched = [];
    });
    const [candidates, found] = this.tally(perWord, isStop.map((stop) => onlyStops || !stop));
    // Then the words as typed, together, in the title or description: only the leaders can gain enough.
    const phrase = phraseOf(query.trim());
    const leaders = topByScore(found, (doc) => this.total[doc], limit * 3);
    const top = topByScore(leaders.map(([, doc]) => doc), (doc) => this.total[doc] * this.phraseScore(doc, phrase, last > 0), limit);
    for (const doc of candidates) {
      this.total[doc] = 0;
      this.matched[doc] = 0;
    }
    return {
      total: found.length,
      hits: top.map(([score, doc]) => {
        const [id, title, kind, summary] = this.docs[doc];
        return { id, title, kind, summary, score };
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
