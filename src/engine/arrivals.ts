// Non-homogeneous Poisson arrivals with a piecewise-constant rate, by inversion of the cumulative rate
// (Çinlar 1975, as presented in Law, Simulation Modeling and Analysis, ch. 8 on arrival processes).
// With Λ(t) = ∫ λ, the next arrival after t is Λ^-1(Λ(t) + E) for E ~ Exp(1). Unlike thinning, this uses
// EXACTLY ONE uniform per arrival, and none is wasted on rejected candidates, so the k-th referral always
// consumes the k-th uniform of the referral stream: arrival times depend on that stream and the rate
// function only, never on system state, and scenarios that change capacity see identical referrals
// (common random numbers).

/**
 * Arrival-time generator for a piecewise-constant rate. Allocation-free; keeps a segment cursor so that
 * successive calls with increasing t do not search.
 * @example
 * // 0.5 referrals a day for a year, then 0.6 a day for a year
 * const referrals = new PiecewiseRateArrivals(Float64Array.of(0, 365, 730), Float64Array.of(0.5, 0.6));
 * let t = referrals.next(0, stream.next());
 * while (t < horizon) { queue.push(t, ...); t = referrals.next(t, stream.next()); }
 */
import ln from '@stdlib/math-base-special-ln';
export class PiecewiseRateArrivals {
  /** Segment boundaries in days (a private copy, length = rates.length + 1). */
  readonly breaks: Float64Array;
  /** Rate per day on each segment (a private copy). */
  readonly rates: Float64Array;
  /** Λ(breaks[i]): expected arrivals from breaks[0] to breaks[i]. */
  private readonly cumulativeAtBreak: Float64Array;
  // Segment that contained the last t; -1 before breaks[0]. Walks forward as time advances.
  private cursor = 0;

  /**
   * @param breaks n + 1 strictly ascending times in days; all finite except that the last may be Infinity.
   * @param rates n rates per day, finite and >= 0.
   * @throws {RangeError} if the lengths disagree, a break is out of order or not finite, or a rate is
   *   negative or not finite.
   */
  constructor(breaks: Float64Array, rates: Float64Array) {
    const n = rates.length;
    if (n < 1 || breaks.length !== n + 1) {
      throw new RangeError(`need n >= 1 rates and n + 1 breaks, got ${n} rates and ${breaks.length} breaks`);
    }
    for (let i = 0; i <= n; i++) {
      const finiteOrLastInfinite = Number.isFinite(breaks[i]) || (i === n && breaks[i] === Infinity);
      if (!finiteOrLastInfinite || (i > 0 && !(breaks[i] > breaks[i - 1]))) {
        throw new RangeError(
          `breaks must be finite (the last may be Infinity) and strictly ascending; break ${i} is ${breaks[i]}`,
        );
      }
    }
    for (let i = 0; i < n; i++) {
      if (!(rates[i] >= 0 && rates[i] < Infinity)) {
        throw new RangeError(`rate ${i} must be finite and >= 0, got ${rates[i]}`);
      }
    }
    this.breaks = Float64Array.from(breaks);
    this.rates = Float64Array.from(rates);
    this.cumulativeAtBreak = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      // A zero rate on an infinite last segment contributes 0, not 0 * Infinity = NaN.
      const mass = rates[i] === 0 ? 0 : rates[i] * (breaks[i + 1] - breaks[i]);
      this.cumulativeAtBreak[i + 1] = this.cumulativeAtBreak[i] + mass;
    }
  }

  /** Move the cursor to the segment containing t (-1 before the first break, n at or after the last). */
  private locate(t: number): number {
    const b = this.breaks;
    const n = this.rates.length;
    let i = this.cursor;
    if (i < 0 || t < b[i]) {
      // Time went backwards (a new replication): restart the walk.
      i = t < b[0] ? -1 : 0;
    }
    if (i < 0) {
      return -1;
    }
    while (i < n && t >= b[i + 1]) {
      i++;
    }
    this.cursor = i;
    return i;
  }

  /**
   * The next arrival after time t, given an Exp(1) draw e.
   * @param t current time in days.
   * @param e a standard exponential variate (> 0), e.g. -Math.log(u).
   * @returns arrival time in days (> t when e > 0), or Infinity if the remaining rate integral is below e.
   * @throws {RangeError} if t is NaN or e is negative or NaN.
   * @example
   * referrals.nextFromExp(0, 1); // with rate 0.5 a day: day 2
   */
  nextFromExp(t: number, e: number): number {
    if (t !== t || !(e >= 0)) {
      throw new RangeError(`need a time and an exponential draw >= 0, got time ${t}, draw ${e}`);
    }
    const b = this.breaks;
    const rates = this.rates;
    const n = rates.length;
    let i = this.locate(t);
    let from = t;
    if (i < 0) {
      i = 0;
      from = b[0];
    }
    let remaining = e;
    for (; i < n; i++) {
      const rate = rates[i];
      if (rate > 0) {
        const capacity = rate * (b[i + 1] - from);
        if (remaining < capacity) {
          return from + remaining / rate;
        }
        remaining -= capacity;
      }
      from = b[i + 1];
    }
    return Infinity;
  }

  /**
   * The next arrival after time t from one uniform u, by E = -ln(u): exactly one uniform per arrival.
   * @param t current time in days.
   * @param u a uniform strictly inside (0, 1), normally `stream.next()`.
   * @returns arrival time in days, or Infinity if no arrival remains (also for u = 0, an infinite draw).
   * @throws {RangeError} if t is NaN or u is NaN, negative or above 1.
   * @example
   * t = referrals.next(t, referralStream.next());
   */
  next(t: number, u: number): number {
    return this.nextFromExp(t, -ln(u));
  }

  /**
   * Λ(t): expected number of arrivals from breaks[0] to t.
   * @param t time in days.
   * @throws {RangeError} if t is NaN.
   * @example
   * referrals.cumulative(365); // 182.5 at 0.5 a day
   */
  cumulative(t: number): number {
    if (t !== t) {
      throw new RangeError('time must be a number, got NaN');
    }
    const b = this.breaks;
    const n = this.rates.length;
    if (t <= b[0]) {
      return 0;
    }
    if (t >= b[n]) {
      return this.cumulativeAtBreak[n];
    }
    let i = 0;
    while (t >= b[i + 1]) {
      i++;
    }
    return this.cumulativeAtBreak[i] + this.rates[i] * (t - b[i]);
  }

  /**
   * Expected number of arrivals in [t0, t1], Λ(t1) - Λ(t0).
   * @throws {RangeError} if t1 < t0 or either is NaN.
   * @example
   * referrals.expected(0, 3652.5); // 1826.25 at 0.5 a day for ten years
   */
  expected(t0: number, t1: number): number {
    if (!(t1 >= t0)) {
      throw new RangeError(`need t0 <= t1, got ${t0} and ${t1}`);
    }
    return this.cumulative(t1) - this.cumulative(t0);
  }
}
