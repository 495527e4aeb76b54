// What a result shows of the query: its matched words marked, and the part of a long description
// around the first of them.
import { normalize, SPACE, WORD } from './words.js';

const TOKEN = new RegExp(`(?:(?!${SPACE}).)+`, 'gsu');

// Text as [piece, matched] pairs: whole words whose index terms are in `words` are marked.
export function marks(text, words) {
  const out = [];
  let done = 0;
  for (const token of text.matchAll(TOKEN)) {
    const parts = normalize(token[0]).match(WORD) || [];
    if (!parts.some((part) => words.has(part)) && !words.has(parts.join(''))) continue;
    const core = /[\p{L}\p{N}](?:.*[\p{L}\p{N}])?/su.exec(token[0]);
    if (!core) continue;
    const start = token.index + core.index;
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
