/**
 * A set of positions 0..n-1 that answers "the first member at or after p" in a few word reads:
 * a bit per position, and a summary bit per word of them (set while the word has a member).
 *
 * Why: matching a child to one of thousands of homes asked every home in turn (cost grew with
 * the homes); with the homes that can take a child kept as members here, in the order the model
 * lists them, the first of them is found by reading the summary and one word: about 3 words at
 * 3,000 homes, 1 at 8. Adding and removing are O(1).
 */
export class PositionSet {
  private readonly words: Uint32Array;
  private readonly summary: Uint32Array;
  /** Members now. */
  size = 0;

  constructor(readonly capacity: number) {
    this.words = new Uint32Array(Math.max(1, (capacity + 31) >>> 5));
    this.summary = new Uint32Array(Math.max(1, (this.words.length + 31) >>> 5));
  }

  has(p: number): boolean {
    return (this.words[p >>> 5]! & (1 << (p & 31))) !== 0;
  }

  add(p: number): void {
    const w = p >>> 5;
    const bit = 1 << (p & 31);
    if (this.words[w]! & bit) return;
    this.words[w]! |= bit;
    this.summary[w >>> 5]! |= 1 << (w & 31);
    this.size++;
  }

  delete(p: number): void {
    const w = p >>> 5;
    const bit = 1 << (p & 31);
    if (!(this.words[w]! & bit)) return;
    this.words[w]! &= ~bit;
    if (this.words[w] === 0) this.summary[w >>> 5]! &= ~(1 << (w & 31));
    this.size--;
  }

  clear(): void {
    this.words.fill(0);
    this.summary.fill(0);
    this.size = 0;
  }

  /** The smallest member at or after p, or -1. */
  next(p: number): number {
    if (p >= this.capacity) return -1;
    let w = p >>> 5;
    // The rest of p's own word.
    const here = this.words[w]! & (~0 << (p & 31));
    if (here !== 0) return (w << 5) + lowestBit(here);
    // The next word with a member, found from the summary.
    w++;
    let s = w >>> 5;
    if (s >= this.summary.length) return -1;
    let bits = (w & 31) === 0 ? this.summary[s]! : this.summary[s]! & (~0 << (w & 31));
    while (bits === 0) {
      if (++s >= this.summary.length) return -1;
      bits = this.summary[s]!;
    }
    w = (s << 5) + lowestBit(bits);
    return (w << 5) + lowestBit(this.words[w]!);
  }
}

/** The index of the lowest set bit of a non-zero 32-bit word. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}
