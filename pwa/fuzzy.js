// Typo matching: the terms of a sorted list within a few edits of a word, in one pass.
//
// The distance is Damerau–Levenshtein's optimal string alignment: letters added, left out,
// changed, or two side by side swapped ("detainr", "fugative", "exploitaiton"; see
// https://en.wikipedia.org/wiki/Damerau%E2%80%93Levenshtein_distance#Optimal_string_alignment_distance).
// As in MiniSearch's fuzzySearch.ts (after http://stevehanov.ca/blog/?id=114), the table of
// distances is kept from one term to the next, one row per letter of the term: row d holds the
// distance from the term's first d letters to each beginning of the word. Here terms are a sorted
// list rather than a tree, so a term shares its first letters with the term before it and only
// the rows after those are computed again. The word "detainr", at most one typo:
//
//               d  e  t  a  i  n  r   ← the word, column j: its first j letters
//            0  1  2  3  4  5  6  7
//   d        1  0  1  2  3  4  5  6   rows[1]
//   e        2  1  0  1  2  3  4  5   rows[2]
//   t        3  2  1  0  1  2  3  4   rows[3]   kept for every term that starts "det"
//   a        4  3  2  1  0  1  2  3
//   i        5  4  3  2  1  0  1  2
//   n        6  5  4  3  2  1  0 [1]  "detain": last column 1, one typo: a match
//   e        7  6  5  4  3  2  1  1
//   r        8  7  6  5  4  3  2 [1]  "detainer": one typo (e left out)
//   s        9  8  7  6  5  4  3 [2]  "detainers" (only this row is new): too far
//
// A later term, "deter", keeps rows 1–3 and computes two: the row for "deter" is 5 4 3 2 2 2 3 3,
// nothing in it within one edit, and no letter added can bring it back, so every term starting
// "deter" is skipped at once (a binary search past them). With `prefix` (a word still being typed),
// a row whose last column is within reach means the word begins every term under that prefix.

import { lowerBound, range } from './index-format.js';

function commonPrefixLength(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

// found(t) for each position t in the sorted terms of a term within maxEdits of word (or with
// prefix, starting within maxEdits of it). Typos rarely touch the first letter: only terms
// starting with it, or with the first two letters swapped, are compared.
export function nearTerms(terms, word, maxEdits, prefix, found) {
  const starts = word[0] === word[1] ? [word[0]] : [word[0], word[1] + word[0]];
  for (const start of starts) walk(terms, word, range(terms, start), maxEdits, prefix, found);
}

function walk(terms, word, [from, to], maxEdits, prefix, found) {
  const width = word.length + 1;
  const rows = [Int32Array.from({ length: width }, (_, j) => j)]; // rows[d]: the term's first d letters
  let ready = 0;
  let previous = '';
  for (let t = from; t < to;) {
    const term = terms[t];
    let next = t + 1;
    for (let depth = Math.min(commonPrefixLength(previous, term), ready) + 1; depth <= term.length; depth++) {
      const above = rows[depth - 1];
      const row = rows[depth] || (rows[depth] = new Int32Array(width));
      const letter = term[depth - 1];
      row[0] = depth;
      let lowest = depth;
      for (let j = 1; j < width; j++) {
        // Left out, added, changed (or the same), or swapped with the letter before.
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
        next = lowerBound(terms, `${term.slice(0, depth)}\uffff`);
        for (let u = t; allUnder && u < next; u++) found(u);
        break;
      }
      if (depth === term.length && row[width - 1] <= maxEdits) found(t);
    }
    previous = term;
    t = next;
  }
}
