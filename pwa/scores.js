// Scratch space for scoring: one number per entry, and the list of entries given one since the
// last take() or clear(). A typed array, not a Map: a short word can score thousands of entries on
// every keystroke. Scores are above zero, so zero means "not scored yet".
export class Scores {
  constructor(entries) {
    this.value = new Float64Array(entries);
    this.docs = [];
  }

  // How many entries are scored.
  get size() {
    return this.docs.length;
  }

  // Keep the better of the entry's score and this one.
  offer(doc, score) {
    if (this.value[doc] === 0) this.docs.push(doc);
    if (score > this.value[doc]) this.value[doc] = score;
  }

  // Add this score to the entry's.
  add(doc, score) {
    if (this.value[doc] === 0) this.docs.push(doc);
    this.value[doc] += score;
  }

  // The entries scored, in the order first scored, and their scores; then starts over.
  take() {
    const { docs } = this;
    const scores = docs.map((doc) => this.value[doc]);
    this.clear();
    return { docs, scores };
  }

  clear() {
    for (const doc of this.docs) this.value[doc] = 0;
    this.docs = [];
  }
}
