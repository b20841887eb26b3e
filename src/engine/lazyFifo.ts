/**
 * A first-in-first-out list of integer ids with lazy deletion: the queue of a resource (SimPy's
 * `Resource.queue`, simmer's queue) when entries leave it from anywhere, not only from the head.
 *
 * Why lazy: an entity leaves a waiting list for many reasons (placed elsewhere, lapsed, left care),
 * and finding and removing its entry each time costs a search. Instead an entry stays where it is
 * and is skipped when it surfaces. An entry is LIVE while the entity's state is the one it waits in
 * and the entity's tag is the one recorded when it was pushed. The tag guards against ids that are
 * reused: an entry left behind by an entity whose id was given to a later entity is never taken for
 * that later one (give each entity a serial number and pass it as the tag).
 *
 * Liveness is read from two parallel arrays the caller owns (`state[id]`, `tagOf[id]`), passed at
 * each call because the caller's arrays may be reallocated as they grow. No callback is called and
 * nothing is allocated per operation, so the methods stay small enough for V8 to inline; the
 * arrays double when full, after dropping the dead entries before the head.
 *
 * @example
 * const fifo = new LazyFifo();
 * const state = Uint8Array.of(1, 1, 1); // 1: waiting
 * const serial = Int32Array.of(10, 11, 12);
 * fifo.push(0, 10);
 * fifo.push(1, 11);
 * state[0] = 0; // entity 0 stopped waiting: its entry is now dead
 * fifo.takeLive(state, 1, serial); // 1
 * fifo.takeLive(state, 1, serial); // -1: empty
 */
export class LazyFifo {
  private ids: Int32Array;
  private tags: Int32Array;
  /** Position of the first entry not yet skipped or taken. */
  private first = 0;
  /** Position after the last entry. */
  private last = 0;

  /** @param capacity initial room, in entries (grows by doubling). */
  constructor(capacity = 64) {
    this.ids = new Int32Array(Math.max(1, capacity));
    this.tags = new Int32Array(Math.max(1, capacity));
  }

  /** Forget every entry, keeping the memory. */
  clear(): void {
    this.first = 0;
    this.last = 0;
  }

  /**
   * Position of the first entry (live or not). Entries are at head ... end - 1, oldest first;
   * positions hold until the next push (which may move the entries to make room).
   */
  get head(): number {
    return this.first;
  }

  /** Position after the last entry. */
  get end(): number {
    return this.last;
  }

  /** The id of the entry at position i (head <= i < end). */
  idAt(i: number): number {
    return this.ids[i]!;
  }

  /** Append id, tagged (its serial number, say) so that a later reuse of the id is told apart. */
  push(id: number, tag: number): void {
    if (this.last === this.ids.length) this.makeRoom();
    this.ids[this.last] = id;
    this.tags[this.last++] = tag;
  }

  /** Whether the entry at position i is live: its id is still in state `live` and still carries its tag. */
  isLive(i: number, state: ArrayLike<number>, live: number, tagOf: ArrayLike<number>): boolean {
    const id = this.ids[i]!;
    return state[id] === live && tagOf[id] === this.tags[i];
  }

  /** Skip the dead entries at the head, so that the head is live or the list is empty. */
  dropDeadHead(state: ArrayLike<number>, live: number, tagOf: ArrayLike<number>): void {
    let i = this.first;
    while (i < this.last && !this.isLive(i, state, live, tagOf)) i++;
    this.first = i;
  }

  /** Remove and return the oldest live id, or -1 when none is live (dead entries on the way are dropped). */
  takeLive(state: ArrayLike<number>, live: number, tagOf: ArrayLike<number>): number {
    this.dropDeadHead(state, live, tagOf);
    return this.first < this.last ? this.ids[this.first++]! : -1;
  }

  /** Full: move the entries to the front if that frees enough room, else double the arrays. */
  private makeRoom(): void {
    const n = this.last - this.first;
    if (n > this.ids.length >> 1) {
      const ids = new Int32Array(this.ids.length * 2);
      const tags = new Int32Array(this.ids.length * 2);
      ids.set(this.ids.subarray(this.first, this.last));
      tags.set(this.tags.subarray(this.first, this.last));
      this.ids = ids;
      this.tags = tags;
    } else {
      this.ids.copyWithin(0, this.first, this.last);
      this.tags.copyWithin(0, this.first, this.last);
    }
    this.first = 0;
    this.last = n;
  }
}
