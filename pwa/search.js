// Offline search over the index that build.py writes (search-index.json).
// normalize/stem/units mirror corner/search.py exactly (tests check both on the same text);
// matchUnit finds codes joined or split, as corner/search.py's terms() indexed them.

const WORD = /[a-z0-9]+/g;
const HAS_DIGIT = /[0-9]/;
// White space that separates query words; the same class is spelled out in corner/search.py.
const SPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/;

// How much a kind of match is worth, times the field weight stored in the index.
const EXACT = 1;
const PREFIX = 0.6;
const ONE_TYPO = 0.5;
const TWO_TYPOS = 0.3;

export function normalize(text) {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function stem(word) {
  if (word.length <= 3 || HAS_DIGIT.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (['sses', 'xes', 'ches', 'shes', 'zes'].some((end) => word.endsWith(end))) return word.slice(0, -2);
  if (word.endsWith('s') && !['ss', 'us', 'is'].some((end) => word.endsWith(end))) return word.slice(0, -1);
  return word;
}

export function units(text) {
  return normalize(text).split(SPACE)
    .map((chunk) => chunk.match(WORD) || [])
    .filter((parts) => parts.length > 0);
}

// Edit distance with transpositions, giving up once it exceeds max.
function withinEdits(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return false;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return false;
    before = previous;
    previous = current;
  }
  return previous[b.length] <= max;
}

export class SearchIndex {
  constructor(data) {
    this.docs = data.docs;
    this.normalizedTitles = data.docs.map((doc) => normalize(doc.title));
    this.postings = data.terms;
    this.sortedTerms = Object.keys(data.terms).sort();
  }

  // doc number → best score of any term matching this query word.
  matchWord(raw, allowPrefix) {
    const scores = new Map();
    const add = (term, quality) => {
      const posting = this.postings[term];
      for (let k = 0; k < posting.length; k += 2) {
        const score = posting[k + 1] * quality;
        if (score > (scores.get(posting[k]) || 0)) scores.set(posting[k], score);
      }
    };
    const exact = stem(raw);
    if (this.postings[exact]) add(exact, EXACT);
    if (allowPrefix) {
      for (let i = this.lowerBound(raw); i < this.sortedTerms.length && this.sortedTerms[i].startsWith(raw); i++) {
        const term = this.sortedTerms[i];
        if (term !== exact) add(term, PREFIX * (0.5 + 0.5 * raw.length / term.length));
      }
    }
    // Never fuzzy-match codes: "287g" must not find "247a" (minisearch#299).
    if (raw.length >= 5 && !HAS_DIGIT.test(raw)) {
      const maxEdits = raw.length >= 9 ? 2 : 1;
      for (const term of this.sortedTerms) {
        if (term !== exact && !HAS_DIGIT.test(term) && withinEdits(exact, term, maxEdits)) {
          add(term, maxEdits === 1 ? ONE_TYPO : TWO_TYPOS);
        }
      }
    }
    return scores;
  }

  lowerBound(word) {
    let low = 0;
    let high = this.sortedTerms.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.sortedTerms[middle] < word) low = middle + 1; else high = middle;
    }
    return low;
  }

  // A query word like "287(g)" matches as "287g" or as both "287" and "g".
  matchUnit(parts, isLast) {
    const prefixOk = (word) => isLast || word.length >= 3;
    if (parts.length === 1) return this.matchWord(parts[0], prefixOk(parts[0]));
    const joined = this.matchWord(parts.join(''), isLast);
    const each = parts.map((part, i) => this.matchWord(part, isLast && i === parts.length - 1));
    for (const [doc] of each[0]) {
      if (each.every((scores) => scores.has(doc))) {
        const sum = each.reduce((total, scores) => total + scores.get(doc), 0) / parts.length;
        if (sum > (joined.get(doc) || 0)) joined.set(doc, sum);
      }
    }
    return joined;
  }

  // Best first: entries matching more of the query words, then by score.
  search(query, limit = 50) {
    const queryUnits = units(query);
    if (queryUnits.length === 0) return [];
    const totals = new Map();
    queryUnits.forEach((parts, i) => {
      for (const [doc, score] of this.matchUnit(parts, i === queryUnits.length - 1)) {
        const total = totals.get(doc) || { matched: 0, score: 0 };
        total.matched += 1;
        total.score += score;
        totals.set(doc, total);
      }
    });
    const best = Math.max(0, ...[...totals.values()].map((total) => total.matched));
    if (best < Math.ceil(queryUnits.length / 2)) return [];
    const phrase = normalize(query).trim();
    return [...totals.entries()]
      .filter(([, total]) => total.matched === best)
      .map(([doc, total]) => ({
        ...this.docs[doc],
        score: total.score * (this.normalizedTitles[doc].includes(phrase) ? 1.5 : 1),
      }))
      .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title))
      .slice(0, limit);
  }
}

let loading = null;

export function loadIndex(url) {
  if (!loading) {
    loading = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`search index: ${response.status}`);
        return response.json();
      })
      .then((data) => new SearchIndex(data))
      .catch((error) => {
        loading = null; // try again on the next keystroke
        throw error;
      });
  }
  return loading;
}
