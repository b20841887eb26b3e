// Time-weighted accumulators for piecewise-constant levels (beds occupied, children waiting, daily cost
// rate). The time average of a continuous-time statistic Q(t) over [t0, T] is (1 / (T - t0)) ∫ Q(t) dt
// (Law, Simulation Modeling and Analysis, ch. 1: the time-average number in queue). Because Q only changes
// at events, the integral is a sum of level x duration, updated when the level changes: nothing is logged
// per event, and the cost is O(1) per change.

import { checkedBoundaries, findPeriod } from './periods.ts';

/**
 * The integral, mean and maximum of a piecewise-constant level over time.
 * @example
 * const occupied = new TimeWeightedLevel(0, 0);
 * occupied.add(2, +1); // a child admitted on day 2
 * occupied.add(5, -1); // discharged on day 5
 * occupied.area(10); // 3 bed-days
 * occupied.mean(10); // 0.3 beds
 */
export class TimeWeightedLevel {
  private startTime = 0;
  private lastTime = 0;
  private current = 0;
  private accumulated = 0;
  private peak = 0;

  /**
   * @param t0 start time in days.
   * @param level level in force from t0.
   * @throws {RangeError} as {@link TimeWeightedLevel.reset}.
   */
  constructor(t0 = 0, level = 0) {
    this.reset(t0, level);
  }

  /**
   * Start again at time t0 with the given level (for the next replication, or after a warm-up period).
   * @throws {RangeError} if t0 is not finite or level is NaN.
   * @example
   * occupied.reset(365, occupied.level); // discard a one-year warm-up, keep the current level
   */
  reset(t0: number, level: number): void {
    if (!Number.isFinite(t0) || Number.isNaN(level)) {
      throw new RangeError(`reset needs a finite time and a level, got time ${t0}, level ${level}`);
    }
    this.startTime = t0;
    this.lastTime = t0;
    this.current = level;
    this.accumulated = 0;
    this.peak = level;
  }

  /**
   * The level becomes `level` at time t. O(1).
   * @param t time in days, not earlier than the previous update.
   * @throws {RangeError} if t is earlier than the last update or NaN, or level is NaN.
   * @example
   * waiting.set(queue.time, waitingCount);
   */
  set(t: number, level: number): void {
    if (!(t >= this.lastTime) || level !== level) {
      throw new RangeError(`cannot set level ${level} at time ${t}: last update was at ${this.lastTime}`);
    }
    this.accumulated += this.current * (t - this.lastTime);
    this.lastTime = t;
    this.current = level;
    if (level > this.peak) {
      this.peak = level;
    }
  }

  /**
   * The level changes by `delta` at time t. O(1).
   * @throws {RangeError} as {@link TimeWeightedLevel.set}.
   * @example
   * occupied.add(queue.time, -1); // a discharge
   */
  add(t: number, delta: number): void {
    this.set(t, this.current + delta);
  }

  /** The level now in force. */
  get level(): number {
    return this.current;
  }

  /** The largest level seen since the last reset (including the starting level). */
  get max(): number {
    return this.peak;
  }

  /**
   * ∫ level dt from the start to tEnd, in level x days (for example bed-days), assuming the current level
   * holds until tEnd.
   * @throws {RangeError} if tEnd is earlier than the last update or NaN.
   * @example
   * occupied.area(3652.5); // bed-days over ten years
   */
  area(tEnd: number): number {
    if (!(tEnd >= this.lastTime)) {
      throw new RangeError(`cannot measure up to ${tEnd}: last update was at ${this.lastTime}`);
    }
    return this.accumulated + this.current * (tEnd - this.lastTime);
  }

  /**
   * Time-average level over [start, tEnd]. At tEnd equal to the start time the average is undefined and the
   * current level (its limit) is returned.
   * @throws {RangeError} as {@link TimeWeightedLevel.area}.
   * @example
   * occupied.mean(3652.5) / 23; // mean occupancy rate of a 23-bed home
   */
  mean(tEnd: number): number {
    const span = tEnd - this.startTime;
    const area = this.area(tEnd);
    return span > 0 ? area / span : this.current;
  }
}

/**
 * A piecewise-constant level integrated separately over each reporting period, plus the level at each
 * period's end (for "children in care at each year end").
 *
 * Convention: periods are half-open [b[k], b[k+1]). `endLevels[k]` is the level just BEFORE b[k+1], i.e.
 * after every change at times < b[k+1]; a change exactly at b[k+1] belongs to the next period. Time before
 * b[0] or after b[n] is not accumulated. `endLevels[k]` is NaN until the run has passed b[k+1] (a period
 * whose end was never reached has no end level). Call {@link PeriodLevel.advance} with the run's end time
 * before reading the arrays.
 * @example
 * const years = new PeriodLevel(Float64Array.of(0, 365, 730), 0, 10);
 * years.set(500, 12);
 * years.advance(730);
 * years.areas; // [3650, 1350 + 2760] = [3650, 4110] child-days
 * years.endLevels; // [10, 12]
 */
export class PeriodLevel {
  /** The n + 1 period boundaries, in days (a private copy). */
  readonly boundaries: Float64Array;
  /** ∫ level dt within each period, in level x days. */
  readonly areas: Float64Array;
  /** The level in force at the end of each period (see the class comment); NaN if not reached. */
  readonly endLevels: Float64Array;
  // `cursor` is the period containing lastTime: -1 before the first boundary, n after the last. Events come
  // in time order, so the cursor only walks forward and finding the period is O(1), not a search.
  private cursor = -1;
  private lastTime = 0;
  private current = 0;

  /**
   * @param boundaries n + 1 strictly ascending times in days (copied).
   * @param t0 start time in days (may lie before, inside or after the periods).
   * @param level level in force from t0.
   * @throws {RangeError} on invalid boundaries, a non-finite t0 or a NaN level.
   */
  constructor(boundaries: Float64Array, t0 = boundaries[0], level = 0) {
    this.boundaries = checkedBoundaries(boundaries);
    const n = this.boundaries.length - 1;
    this.areas = new Float64Array(n);
    this.endLevels = new Float64Array(n);
    this.reset(t0, level);
  }

  /** Number of periods. */
  get periods(): number {
    return this.areas.length;
  }

  /** The level now in force. */
  get level(): number {
    return this.current;
  }

  /**
   * Clear all periods and start again at t0 with the given level. Allocation-free.
   * @throws {RangeError} if t0 is not finite or level is NaN.
   * @example
   * years.reset(0, initialCensus);
   */
  reset(t0: number, level: number): void {
    if (!Number.isFinite(t0) || Number.isNaN(level)) {
      throw new RangeError(`reset needs a finite time and a level, got time ${t0}, level ${level}`);
    }
    this.areas.fill(0);
    this.endLevels.fill(NaN);
    this.lastTime = t0;
    this.current = level;
    this.cursor = findPeriod(this.boundaries, t0);
  }

  /**
   * Accumulate the current level up to time t without changing it (call with the end time before reading
   * the results). Crossing k boundaries costs O(k).
   * @throws {RangeError} if t is earlier than the last update or NaN.
   * @example
   * years.advance(horizon);
   */
  advance(t: number): void {
    if (!(t >= this.lastTime)) {
      throw new RangeError(`cannot advance to ${t}: last update was at ${this.lastTime}`);
    }
    const b = this.boundaries;
    const n = b.length - 1;
    const level = this.current;
    let k = this.cursor;
    let from = this.lastTime;
    if (k < 0) {
      if (t < b[0]) {
        this.lastTime = t;
        return;
      }
      from = b[0];
      k = 0;
    }
    // Close every period whose end lies at or before t.
    while (k < n && t >= b[k + 1]) {
      this.areas[k] += level * (b[k + 1] - from);
      this.endLevels[k] = level;
      from = b[k + 1];
      k++;
    }
    if (k < n) {
      this.areas[k] += level * (t - from);
    }
    this.cursor = k;
    this.lastTime = t;
  }

  /**
   * The level becomes `level` at time t.
   * @throws {RangeError} if t is earlier than the last update or NaN, or level is NaN.
   * @example
   * placed.set(queue.time, placedCount);
   */
  set(t: number, level: number): void {
    if (level !== level) {
      throw new RangeError(`level must be a number, got ${level}`);
    }
    this.advance(t);
    this.current = level;
  }

  /**
   * The level changes by `delta` at time t.
   * @throws {RangeError} as {@link PeriodLevel.set}.
   * @example
   * placed.add(queue.time, +1);
   */
  add(t: number, delta: number): void {
    this.set(t, this.current + delta);
  }

  /**
   * Time-average level over period k (area / period length), meaningful once the period has been passed.
   * @throws {RangeError} if k is not a period index.
   * @example
   * years.mean(0); // average children in care during the first year
   */
  mean(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k >= this.areas.length) {
      throw new RangeError(`period index must be an integer in [0, ${this.areas.length}), got ${k}`);
    }
    return this.areas[k] / (this.boundaries[k + 1] - this.boundaries[k]);
  }
}
