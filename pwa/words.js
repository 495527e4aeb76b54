// How text becomes words: normalize, units and stem mirror corner/words.py exactly (tests/e2e/
// test_contracts.py runs both on the same text), so a query is read as the build read the content.

export const WORD = /[a-z0-9]+/g;
export const HAS_DIGIT = /[0-9]/;
// White space that separates query words; the same class is spelled out in corner/words.py.
export const SPACE = '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
const SPLIT = new RegExp(`${SPACE}+`);

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

// Text split at white space, each token as its letter and digit runs: "I-247A tool" → [[i, 247a], [tool]].
export function units(text) {
  return normalize(text).split(SPLIT)
    .map((token) => token.match(WORD) || [])
    .filter((parts) => parts.length > 0);
}

