/**
 * Ids kept sorted by an order the owner gives (`before`), for a search that wants the first id in
 * that order passing some test: walk from the front and stop at the first that passes. Adding and
 * removing find the place by binary search and move the ids after it (a memory move: fine for the
 * hundreds of ids of a cohort's children out of county or waiting).
 *
 * The order must be total and must not change while an id is in the list: removal finds an id by
 * the order, not by searching.
 */
export class SortedIds {
  private ids = new Int32Array(64);
  /** Ids in the list. */
  size = 0;

  /** @param before whether id a comes before id b. */
  constructor(private readonly before: (a: number, b: number) => boolean) {}

  clear(): void {
    this.size = 0;
  }

  /** The id at place k (0: first in the order). */
  at(k: number): number {
    return this.ids[k]!;
  }

  /** The first place whose id `id` comes before (where it is, if in the list). */
  private placeOf(id: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(this.ids[mid]!, id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(id: number): void {
    if (this.size === this.ids.length) {
      const bigger = new Int32Array(this.ids.length * 2);
      bigger.set(this.ids);
      this.ids = bigger;
    }
    const ids = this.ids;
    const n = this.size;
    // Most ids come last (children out of county, longest away first, are added as they leave):
    // no search then, since every id in the list comes before this one if the last does.
    const k = n === 0 || this.before(ids[n - 1]!, id) ? n : this.placeOf(id);
    // A loop, not copyWithin: the moves are short, and a builtin's call costs more than they do.
    for (let j = n; j > k; j--) ids[j] = ids[j - 1]!;
    ids[k] = id;
    this.size = n + 1;
  }

  /** @throws Error if id is not where its order puts it (not in the list, or its order changed) */
  delete(id: number): void {
    const ids = this.ids;
    const n = this.size - 1;
    const k = this.placeOf(id);
    if (ids[k] !== id || k > n) throw new Error(`id ${id} is not where its order puts it`);
    for (let j = k; j < n; j++) ids[j] = ids[j + 1]!;
    this.size = n;
  }
}
