// The results ledger of one run: many piecewise-constant LEVELS (beds occupied, children waiting, a daily cost
// rate) integrated over each reporting period, and many COUNTS (referrals, breakdowns, one-off costs) summed
// by period, all recorded against one shared clock.
//
// Why one ledger rather than an accumulator per series: a model updates two to six series at every event, all
// at the same time. With an accumulator each, every update finds its own period and integrates its own level
// up to now. Here the clock and the period cursor are moved once per event (`at`), and an update is then two
// array additions for a level and one for a count, with no per-series state besides the sums.
//
// The trick for levels is to record changes, not levels. A change of d at time t inside period k = [b_k,
// b_k+1) adds d to the level of every later moment: within period k it adds d x (b_k+1 - t) to the area, and
// it adds d to the level at the start of every later period. So the ledger keeps, per level and period, the
// sum of changes D_k and the sum of d x (b_k+1 - t), A_k; `close` then walks the periods once:
//   L_0 = changes before b_0;  area_k = L_k x (b_k+1 - b_k) + A_k;  L_k+1 = L_k + D_k
// which is the exact integral of the step function (Law, Simulation Modeling and Analysis, §1.4: time
// averages of continuous-time statistics), to floating-point rounding.
//
// Conventions (as throughout the engine): periods are half-open [b_k, b_k+1); a time exactly on a boundary
// belongs to the period that starts there; time before b_0 (a warm-up) is not integrated but its changes set
// the level at b_0; the end level of period k is the level just before b_k+1 (after every change at times
// < b_k+1), NaN if the run closed before b_k+1.

import { checkedBoundaries, findPeriod } from './periods.ts';

/**
 * Levels and counts by reporting period, sharing one clock. Allocation-free after construction.
 * @example
 * const ledger = new PeriodLedger(Float64Array.of(0, 365, 730), 1, 1, -100);
 * ledger.at(-50);
 * ledger.level(0, +10); // ten children from day -50 (a warm-up: not integrated)
 * ledger.at(500);
 * ledger.level(0, +2);
 * ledger.count(0, 1); // one referral in the second year
 * ledger.close(730);
 * ledger.area(0, 0); // 3650 child-days in year one
 * ledger.area(0, 1); // 10 x 365 + 2 x 230 = 4110
 * ledger.endLevel(0, 1); // 12
 * ledger.total(0, 1); // 1
 */
export class PeriodLedger {
  /** The n + 1 period boundaries, in days (a private copy). */
  readonly boundaries: Float64Array;
  /** Number of periods n. */
  readonly periods: number;
  readonly levelCount: number;
  readonly counterCount: number;
  // Sums are kept by SLOT: slot 0 is time before b_0, slot k + 1 is period k, slot n + 1 is time at or after
  // b_n; so the two outside slots need no test in the hot path. Series i's slots start at i x stride.
  private readonly stride: number;
  private readonly changes: Float64Array;
  private readonly areaChanges: Float64Array;
  private readonly counts: Float64Array;
  /** After `close`: ∫ level i dt within period k at [i x periods + k], in level x days. */
  readonly areas: Float64Array;
  /** After `close`: level i just before the end of period k at [i x periods + k]; NaN if not reached. */
  readonly endLevels: Float64Array;
  /** After `close`: the sum of count series i in period k at [i x periods + k]. */
  readonly totals: Float64Array;
  private now = 0;
  private slot = 0;
  /** Start of the next slot (Infinity in the last). */
  private nextBoundary = 0;
  /** b_k+1 - now inside period k; 0 outside the periods, so changes there add no area. */
  private toSlotEnd = 0;
  private closed = false;

  /**
   * @param boundaries n + 1 strictly ascending times in days (copied).
   * @param levels number of level series.
   * @param counters number of count series.
   * @param t0 start time in days (may lie before, inside or after the periods); every level starts at 0.
   * @throws {RangeError} on invalid boundaries, negative series numbers or a non-finite t0.
   */
  constructor(boundaries: Float64Array, levels: number, counters: number, t0 = boundaries[0]) {
    if (!Number.isInteger(levels) || levels < 0 || !Number.isInteger(counters) || counters < 0) {
      throw new RangeError(
        `series numbers must be non-negative integers, got ${levels} levels, ${counters} counters`,
      );
    }
    this.boundaries = checkedBoundaries(boundaries);
    this.periods = this.boundaries.length - 1;
    this.levelCount = levels;
    this.counterCount = counters;
    this.stride = this.periods + 2;
    this.changes = new Float64Array(levels * this.stride);
    this.areaChanges = new Float64Array(levels * this.stride);
    this.counts = new Float64Array(counters * this.stride);
    this.areas = new Float64Array(levels * this.periods);
    this.endLevels = new Float64Array(levels * this.periods);
    this.totals = new Float64Array(counters * this.periods);
    this.reset(t0);
  }

  /**
   * Clear every series and start again at t0 with every level 0. Allocation-free.
   * @throws {RangeError} if t0 is not finite.
   */
  reset(t0: number): void {
    if (!Number.isFinite(t0)) throw new RangeError(`reset needs a finite start time, got ${t0}`);
    this.changes.fill(0);
    this.areaChanges.fill(0);
    this.counts.fill(0);
    this.closed = false;
    this.now = t0;
    this.moveTo(t0);
  }

  /** The time of the last `at` (or of the reset). */
  get time(): number {
    return this.now;
  }

  /**
   * Move the clock to t: every `level` and `count` until the next `at` is dated t. Call once per event.
   * @throws {RangeError} if t is earlier than the clock or NaN, or the ledger is closed.
   */
  at(t: number): void {
    if (!(t >= this.now) || this.closed) {
      throw new RangeError(
        this.closed
          ? `the ledger is closed (at ${this.now})`
          : `cannot move the clock back from ${this.now} to ${t}`,
      );
    }
    this.now = t;
    if (t >= this.nextBoundary) this.moveTo(t);
    else if (this.toSlotEnd !== 0) this.toSlotEnd = this.nextBoundary - t;
  }

  private moveTo(t: number): void {
    const b = this.boundaries;
    const n = this.periods;
    const k = findPeriod(b, t); // -1 .. n
    this.slot = k + 1;
    this.nextBoundary = k < n ? b[k + 1] : Infinity;
    this.toSlotEnd = k >= 0 && k < n ? b[k + 1] - t : 0;
  }

  /** Level series i changes by `delta` now (at the clock's time). */
  level(i: number, delta: number): void {
    const j = i * this.stride + this.slot;
    this.changes[j] += delta;
    this.areaChanges[j] += delta * this.toSlotEnd;
  }

  /**
   * Level series i changes by `delta` at time t, which need not be the clock's time: a change dated in
   * advance (a cost that will stop on a known day) or in the past. Exact whatever the order of the calls,
   * since the ledger records changes, not levels. O(log n).
   * @throws {RangeError} if t or delta is NaN, or the ledger is closed.
   */
  levelAt(t: number, i: number, delta: number): void {
    if (t !== t || delta !== delta || this.closed)
      throw new RangeError(this.closed ? 'the ledger is closed' : `cannot change by ${delta} at time ${t}`);
    const b = this.boundaries;
    const k = findPeriod(b, t);
    const j = i * this.stride + k + 1;
    this.changes[j] += delta;
    if (k >= 0 && k < this.periods) this.areaChanges[j] += delta * (b[k + 1] - t);
  }

  /** Index of the period containing the clock's time: -1 before the first, the number of periods after the last. */
  get period(): number {
    return this.slot - 1;
  }

  /** Add `amount` to count series i in the period containing the clock's time. */
  count(i: number, amount: number): void {
    this.counts[i * this.stride + this.slot] += amount;
  }

  /**
   * Add `amount` to count series i in the period containing time t, which need not be the clock's time (a
   * payment dated in advance, for example). O(log n).
   * @throws {RangeError} if t or amount is NaN.
   */
  countAt(t: number, i: number, amount: number): void {
    if (t !== t || amount !== amount) throw new RangeError(`cannot add ${amount} at time ${t}`);
    this.counts[i * this.stride + findPeriod(this.boundaries, t) + 1] += amount;
  }

  /**
   * Close the books at tEnd (not before the clock): levels are integrated to tEnd, periods after tEnd get
   * no area, and end levels of periods not finished by tEnd are NaN. O((levels + counters) x periods).
   * Until the next reset only the readers may be called.
   * @throws {RangeError} if tEnd is earlier than the clock or NaN.
   */
  close(tEnd: number): void {
    if (!(tEnd >= this.now)) throw new RangeError(`cannot close at ${tEnd}: the clock is at ${this.now}`);
    const b = this.boundaries;
    const n = this.periods;
    const stride = this.stride;
    const changes = this.changes;
    const areaChanges = this.areaChanges;
    const areas = this.areas;
    const endLevels = this.endLevels;
    // Periods wholly before tEnd, then the one it cuts (if any); later ones get nothing.
    let whole = 0;
    while (whole < n && tEnd >= b[whole + 1]) whole++;
    for (let i = 0; i < this.levelCount; i++) {
      const base = i * stride + 1;
      const out = i * n;
      let level = changes[base - 1];
      for (let k = 0; k < whole; k++) {
        areas[out + k] = level * (b[k + 1] - b[k]) + areaChanges[base + k];
        level += changes[base + k];
        endLevels[out + k] = level;
      }
      for (let k = whole; k < n; k++) {
        // Changes were integrated to the period's end; take back the part after tEnd.
        const from = b[k];
        areas[out + k] =
          tEnd > from
            ? level * (tEnd - from) + areaChanges[base + k] - changes[base + k] * (b[k + 1] - tEnd)
            : 0;
        endLevels[out + k] = NaN;
      }
    }
    const counts = this.counts;
    const totals = this.totals;
    for (let i = 0; i < this.counterCount; i++) {
      const from = i * stride + 1;
      const out = i * n;
      for (let k = 0; k < n; k++) totals[out + k] = counts[from + k];
    }
    this.now = tEnd;
    this.closed = true;
  }

  /** ∫ level i dt within period k, in level x days (after `close`). */
  area(i: number, k: number): number {
    return this.areas[i * this.periods + k];
  }

  /** Time-average of level i over period k (after `close`; periods cut short by tEnd still divide by the whole period). */
  mean(i: number, k: number): number {
    return this.areas[i * this.periods + k] / (this.boundaries[k + 1] - this.boundaries[k]);
  }

  /** Level i just before the end of period k (after `close`); NaN if the run closed before then. */
  endLevel(i: number, k: number): number {
    return this.endLevels[i * this.periods + k];
  }

  /** Sum of count series i in period k. */
  total(i: number, k: number): number {
    return this.counts[i * this.stride + k + 1];
  }

  /** Level i now: the sum of all its changes so far, warm-up included. O(periods). */
  current(i: number): number {
    let x = 0;
    for (let j = i * this.stride; j < (i + 1) * this.stride; j++) x += this.changes[j];
    return x;
  }

  /** Sum of count series i over the whole run, outside the periods included. O(periods). */
  grandTotal(i: number): number {
    let x = 0;
    for (let j = i * this.stride; j < (i + 1) * this.stride; j++) x += this.counts[j];
    return x;
  }

  /** Sum of count series i dated before the first or at/after the last boundary. */
  outside(i: number): number {
    return this.counts[i * this.stride] + this.counts[i * this.stride + this.periods + 1];
  }
}
