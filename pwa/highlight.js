// What a result shows of the query: its matched words marked, and the part of a long description
// around the first of them.
import { normalize, SPACE, WORD } from './words.js';

const TOKEN = new RegExp(`(?:(?!${SPACE}).)+`, 'gsu');
const CORE = /[\p{L}\p{N}](?:.*[\p{L}\p{N}])?/su;
// [start, end, index terms] of each white-space token of text with a letter or digit, from the
// first to the last of them ("(I-247A)," → "I-247A"); its terms are its parts, and them joined.
// app.js reads each text once: most results are shown again on the next keystroke.
export function wordsOf(text) {
  return [...text.matchAll(TOKEN)].flatMap((token) => {
    const core = CORE.exec(token[0]);
    const parts = normalize(token[0]).match(WORD) || [];
    const start = token.index + core?.index;
    return core ? [[start, start + core[0].length, [...parts, parts.join('')]]] : [];
  });
}

const marked = (terms, words) => terms.some((term) => words.has(term));

// Text as [piece, matched] pairs: whole words whose index terms are in `words` are marked.
export function marks(text, words, read = wordsOf(text)) {
  const out = [];
  let done = 0;
  for (const [start, end, terms] of read) {
    if (!marked(terms, words)) continue;
    out.push([text.slice(done, start), false], [text.slice(start, end), true]);
    done = end;
  }
  out.push([text.slice(done), false]);
  return out.filter(([piece]) => piece);
}

// About `size` characters of text around its first matched word, cut at word boundaries.
export function excerpt(text, words, read = wordsOf(text), size = 160) {
  if (text.length <= size) return text;
  const at = read.find(([, , terms]) => marked(terms, words))?.[0] || 0;
  const start = at + 40 > size ? text.lastIndexOf(' ', at - 40) + 1 : 0;
  let end = text.length;
  if (start + size < text.length) {
    const space = text.lastIndexOf(' ', start + size);
    end = space > at ? space : start + size;
  }
  const shown = text.slice(start, end).replace(/[\s,;:.]+$/u, '');
  return `${start > 0 ? '…' : ''}${shown}${end < text.length ? '…' : ''}`;
}
