// Period-binned totals of instantaneous amounts: referrals per month, placements per year, one-off costs.
// (A cost that accrues per day is a level: use PeriodLevel, whose areas are then costs.) Amounts dated
// outside the periods are kept in `outside` rather than silently lost.

import { checkedBoundaries, findPeriod } from './periods.ts';

/**
 * Sums of amounts by the period in which they are dated.
 * @example
 * const referrals = new PeriodCounter(Float64Array.of(0, 31, 59, 90));
 * referrals.add(30.9, 1); // January
 * referrals.add(31, 1); // February (a boundary belongs to the period it starts)
 * referrals.totals; // [1, 1, 0]
 */
export class PeriodCounter {
  /** The n + 1 period boundaries, in days (a private copy). */
  readonly boundaries: Float64Array;
  /** Sum of the amounts dated in each period. */
  readonly totals: Float64Array;
  private outsideTotal = 0;
  // Period of the last amount. Amounts usually come in time order, so checking this period and the next one
  // answers almost every call in O(1); anything else falls back to a binary search.
  private cursor = 0;

  /**
   * @param boundaries n + 1 strictly ascending times in days (copied).
   * @throws {RangeError} on invalid boundaries.
   */
  constructor(boundaries: Float64Array) {
    this.boundaries = checkedBoundaries(boundaries);
    this.totals = new Float64Array(this.boundaries.length - 1);
  }

  /** Sum of the amounts dated before the first or at/after the last boundary. */
  get outside(): number {
    return this.outsideTotal;
  }

  /**
   * Add `amount` to the period containing time t. Allocation-free; times may come in any order.
   * @param t time in days.
   * @param amount a count or a cost (may be negative, e.g. a refund).
   * @throws {RangeError} if t or amount is NaN.
   * @example
   * placements.add(queue.time, 1);
   */
  add(t: number, amount: number): void {
    if (t !== t || amount !== amount) {
      throw new RangeError(`cannot add ${amount} at time ${t}`);
    }
    const b = this.boundaries;
    const n = this.totals.length;
    let k = this.cursor;
    if (!(t >= b[k] && t < b[k + 1])) {
      k = k + 1 < n && t >= b[k + 1] && t < b[k + 2] ? k + 1 : findPeriod(b, t);
      if (k < 0 || k >= n) {
        this.outsideTotal += amount;
        return;
      }
      this.cursor = k;
    }
    this.totals[k] += amount;
  }

  /**
   * Zero every total for the next replication. Allocation-free.
   * @example
   * referrals.reset();
   */
  reset(): void {
    this.totals.fill(0);
    this.outsideTotal = 0;
    this.cursor = 0;
  }
}
