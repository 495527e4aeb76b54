// Reading search-index.json as corner/site/search.py writes it: sorted terms front-coded, and each
// term's postings as text, numbers in base 32 over the alphabet the index names (one character per
// 5 bits, most significant first; the last character of a number from the first half of it).

export const INDEX_VERSION = 3;

// Each character's number in the index's alphabet, by character code.
export function alphabetValues(alphabet) {
  const values = new Int8Array(128);
  [...alphabet].forEach((char, value) => { values[char.charCodeAt(0)] = value; });
  return values;
}

// corner/site/search.py front_code: each line is a count of letters kept from the word before, then the rest.
export function unfrontCode(text, VALUE) {
  let previous = '';
  return text ? text.split('\n').map((line) => (previous = previous.slice(0, VALUE[line.charCodeAt(0)]) + line.slice(1))) : [];
}

// corner/site/search.py encode_postings: "<docs>,<weights>"; each doc as its distance from the one
// before; the docs that name the term (title, aliases) first, then "." and the others.
// With namingOnly, only the first: {docs, weights} as typed arrays, in the same order. VALUE is
// alphabetValues of the index's alphabet.
export function decode(text, namingOnly, VALUE) {
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
export function lowerBound(sorted, word) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < word) low = middle + 1; else high = middle;
  }
  return low;
}

// The words of a sorted list that start with prefix, as [first, end) positions.
export function range(sorted, prefix) {
  return [lowerBound(sorted, prefix), lowerBound(sorted, `${prefix}\uffff`)];
}
