// Looking the words of a query up in the index: which entries each word finds, and how well.
// search.js then ranks what they found together.
import { nearTerms } from './fuzzy.js';
import { alphabetValues, decode, lowerBound, range, unfrontCode } from './index-format.js';
import { Scores } from './scores.js';
import { HAS_DIGIT, stem } from './words.js';

// What a kind of match is worth, times the field weight stored in the index.
const EXACT = 1;
const WORD_FORM = 0.8; // removals for removal
const JOINED = 0.85; // "tool kit" for toolkit, "tipline" for tip line
const PREFIX = 0.6; // scaled up as the typed part nears the whole word
const SYNONYM = 0.7; // removal for deport (content/synonyms.json groups)
const ONE_TYPO = 0.45;
const CLOSEST = 0.4; // detainer for warrant (content/synonyms.json closest): no equal, the nearest entries
const TWO_TYPOS = 0.3;

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

export class Lookup {
  constructor(index, count) {
    this.values = alphabetValues(index.alphabet);
    this.terms = unfrontCode(index.terms, this.values);
    this.encoded = index.postings;
    this.decoded = new Array(this.terms.length);
    this.decodedNaming = new Array(this.terms.length);
    this.stops = new Set(index.stop_words);
    this.alike = alikeWords(index.synonyms);
    this.best = new Scores(count); // the best score of the word being looked up, per entry
  }

  // The entries holding a term (with `naming`, only those whose title or aliases hold it), decoded once.
  postings(term, naming = false) {
    const decoded = naming ? this.decodedNaming : this.decoded;
    return decoded[term] || (decoded[term] = decode(this.encoded[term], naming, this.values));
  }

  // Score the entries containing a term (or with `naming`, those with it in title or aliases):
  // the best match counts, or with `sum` all of them, as a word's forms are one word ("Removal"
  // in a title, "removals" in aliases).
  add(term, quality, seen, { sum = false, naming = false } = {}) {
    const { docs, weights } = this.postings(term, naming);
    for (let k = 0; k < docs.length; k++) {
      if (sum) this.best.add(docs[k], weights[k] * quality);
      else this.best.offer(docs[k], weights[k] * quality);
    }
    seen.add(this.terms[term]);
  }

  // What each word of the query finds: `perWord[i]`, the entries word i found and their scores
  // ({docs, scores}); `isStop[i]`, whether it is a stop word; `seen`, the index terms that matched (for
  // highlighting); `closest`, the words no entry holds, whose closest words found the entries.
  // `typing`: the query ends in a word still being typed (no space after it).
  lookUp(queryUnits, typing) {
    const seen = new Set();
    const last = queryUnits.length - 1;
    const isStop = queryUnits.map((parts) => parts.length === 1 && this.stops.has(parts[0]));
    const onlyStops = !isStop.includes(false);
    const joins = this.joins(queryUnits, typing, isStop, seen);
    const closest = [];
    const perWord = queryUnits.map((parts, i) => {
      if (this.matchUnit(parts, typing && i === last, seen, onlyStops)) closest.push(parts.join(''));
      for (const join of [joins[i - 1], joins[i]]) {
        if (join) join.docs.forEach((doc, k) => this.best.offer(doc, join.scores[k] * JOINED));
      }
      return this.best.take();
    });
    return { perWord, isStop, seen, closest };
  }

  // "tool kit" also finds toolkit: two words (not stop words) looked up as one, credited to both.
  joins(queryUnits, typing, isStop, seen) {
    const last = queryUnits.length - 1;
    return queryUnits.map((parts, i) => {
      if (i === last || isStop[i] || isStop[i + 1] || parts.length > 1 || queryUnits[i + 1].length > 1 || queryUnits[i + 1][0].length < 2) return null;
      this.matchWord(parts[0] + queryUnits[i + 1][0], { prefix: typing && i + 1 === last, split: false, typos: false, alike: false }, seen);
      return this.best.take();
    });
  }

  // Score a query word into `best`; "287(g)" matches as "287g" or as both "287" and "g".
  // A stop word matches nothing unless the query holds nothing else: typing "form" passes through
  // "for", which then finds it, but "phone number for" finds no forms. Returns whether the word
  // found entries only through its closest words.
  matchUnit(all, typing, seen, stopWordsMatch) {
    const prefixOk = (word) => typing || word.length >= 3;
    const joined = all.join('');
    const parts = all.length > 1 && all.some((part) => !this.stops.has(part)) ? all.filter((part) => !this.stops.has(part)) : all;
    // "A-number" is not "number": a word with a stop word in it is looked up joined, where the index holds it so.
    const [first, end] = range(this.terms, joined);
    if (parts.length < all.length && first < end && (typing || this.terms[first] === joined)) return this.matchWord(joined, { prefix: typing }, seen);
    if (parts.length === 1) {
      const stop = this.stops.has(parts[0]);
      return (stopWordsMatch || !stop) && this.matchWord(parts[0], { prefix: stop ? typing : prefixOk(parts[0]) }, seen);
    }
    const each = parts.map((part, i) => {
      this.matchWord(part, { prefix: typing && i === parts.length - 1, typos: false }, seen);
      const { docs, scores } = this.best.take();
      return new Map(docs.map((doc, k) => [doc, scores[k]]));
    });
    this.matchWord(joined, { prefix: typing }, seen);
    for (const [doc] of each[0]) {
      if (each.every((scores) => scores.has(doc))) {
        this.best.offer(doc, each.reduce((total, scores) => total + scores.get(doc), 0) / parts.length);
      }
    }
    return false;
  }

  // Score one query word into `best`: its word forms, words it begins (while typing), its
  // synonyms, an unknown word split in two ("taskforce"), then the closest words for a word with
  // no equal, and only if all that finds nothing, near spellings. Returns whether the word found
  // entries only through its closest words.
  matchWord(word, { prefix, split = true, typos = true, alike = true }, seen) {
    const before = this.best.size;
    const known = this.matchForms(word, 1, seen, true);
    if (prefix) {
      // One or two letters begin too many words: look for them in titles and aliases only.
      const naming = word.length <= 2;
      const [from, to] = range(this.terms, word);
      for (let t = from; t < to; t++) {
        if (!seen.has(this.terms[t])) this.add(t, PREFIX * (0.5 + 0.5 * word.length / this.terms[t].length), seen, { naming });
      }
    }
    const others = alike ? this.alikeOf(word, prefix) : [];
    for (const [other, quality, near] of others) if (!near) this.matchForms(other, quality, seen, false);
    if (split && !known && word.length >= 6 && !HAS_DIGIT.test(word)) this.matchHalves(word, prefix, seen);
    const own = this.best.size;
    // The closest words' entries are not marked as matches: they do not hold the word.
    for (const [other, quality, near] of others) if (near) this.matchForms(other, quality, new Set(), false);
    const led = own === before && this.best.size > before;
    if (this.best.size === before && typos && word.length >= 4 && !HAS_DIGIT.test(word)) {
      const maxEdits = word.length >= 8 ? 2 : 1;
      const quality = maxEdits === 1 ? ONE_TYPO : TWO_TYPOS;
      // Never a word with digits: a typo'd "287g" must not find "247a".
      nearTerms(this.terms, word, maxEdits, prefix, (t) => HAS_DIGIT.test(this.terms[t]) || this.add(t, quality, seen));
    }
    return led;
  }

  // Score the terms that are word or a form of it (removals for removal), times quality; with
  // sum, an entry's forms add up, as a word's forms are one word ("Removal", "removals").
  matchForms(word, quality, seen, sum) {
    const root = stem(word);
    let known = false;
    const [first, end] = range(this.terms, root.endsWith('y') ? root.slice(0, -1) : root);
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
      const [left, leftEnd] = range(this.terms, word.slice(0, i));
      if (left === leftEnd || this.terms[left] !== word.slice(0, i)) continue;
      const leftWeights = new Map();
      const { docs, weights } = this.postings(left);
      docs.forEach((doc, k) => leftWeights.set(doc, weights[k]));
      const [from, to] = range(this.terms, word.slice(i));
      for (let t = from; t < to && (prefix || t === from); t++) {
        if (!prefix && this.terms[t] !== word.slice(i)) break;
        const right = this.postings(t);
        right.docs.forEach((doc, k) => {
          if (!leftWeights.has(doc)) return;
          this.best.offer(doc, Math.min(leftWeights.get(doc), right.weights[k]) * JOINED);
          seen.add(this.terms[left]).add(this.terms[t]);
        });
      }
    }
  }
}
