// Search off the page's main thread: loading and searching a large index never freezes typing.
// app.js posts {ticket, base, query, limit}; the answer is {ticket, found} or {ticket, error}.
import { loadIndex } from './search.js';

self.addEventListener('message', async ({ data }) => {
  try {
    const index = await loadIndex(data.base);
    const found = data.query === null ? null : index.search(data.query, data.limit);
    self.postMessage({ ticket: data.ticket, found }); // found.words, a Set, is cloned as one
  } catch (error) {
    self.postMessage({ ticket: data.ticket, error: String(error) });
  }
});
