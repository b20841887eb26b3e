// Non-homogeneous Poisson arrivals: exact inversion by hand, and Poisson counts (mean and variance) per
// segment with tolerances derived from the Poisson moments and the number of replications.

import { describe, expect, it } from 'vitest';
import { PiecewiseRateArrivals } from '../../src/engine/arrivals.ts';
import { createStream, type RandomStream } from '../../src/random/streams.ts';

/**
 * Count arrivals per segment over many replications.
 * @returns counts[rep * segments + segment]
 */
function countArrivals(
  arrivals: PiecewiseRateArrivals,
  segments: Float64Array,
  reps: number,
  stream: RandomStream,
): Float64Array {
  const n = segments.length - 1;
  const counts = new Float64Array(reps * n);
  for (let rep = 0; rep < reps; rep++) {
    let k = 0;
    for (
      let t = arrivals.next(segments[0], stream.next());
      t < segments[n];
      t = arrivals.next(t, stream.next())
    ) {
      while (t >= segments[k + 1]) k++;
      counts[rep * n + k]++;
    }
  }
  return counts;
}

function column(counts: Float64Array, n: number, k: number): { mean: number; variance: number } {
  const reps = counts.length / n;
  let sum = 0;
  for (let r = 0; r < reps; r++) sum += counts[r * n + k];
  const mean = sum / reps;
  let ss = 0;
  for (let r = 0; r < reps; r++) ss += (counts[r * n + k] - mean) ** 2;
  return { mean, variance: ss / (reps - 1) };
}

/**
 * Check counts against Poisson(mu): for R replications the sample mean has sd sqrt(mu / R), and the sample
 * variance has sd sqrt((μ4 - σ⁴) / R) with the Poisson central moments σ² = mu, μ4 = mu + 3 mu², so
 * μ4 - σ⁴ = mu + 2 mu². Allow 5 sd each.
 */
function expectPoisson(stats: { mean: number; variance: number }, mu: number, reps: number): void {
  expect(Math.abs(stats.mean - mu)).toBeLessThan(5 * Math.sqrt(mu / reps));
  expect(Math.abs(stats.variance - mu)).toBeLessThan(5 * Math.sqrt((mu + 2 * mu * mu) / reps));
}

describe('PiecewiseRateArrivals', () => {
  it('inverts the cumulative rate exactly (hand computation)', () => {
    // Rates 1 on [0, 10), 2 on [10, 20). From t = 5 with E = 7: 5 units to day 10, then 2 more at rate 2.
    const arrivals = new PiecewiseRateArrivals(Float64Array.of(0, 10, 20), Float64Array.of(1, 2));
    expect(arrivals.nextFromExp(5, 7)).toBe(11);
    expect(arrivals.nextFromExp(5, 4)).toBe(9);
    // E = 25 is the whole remaining integral (5 + 20): it would land exactly on the last break, which is
    // outside the half-open rate function, so there is no arrival.
    expect(arrivals.nextFromExp(5, 25)).toBe(Infinity);
    expect(arrivals.nextFromExp(5, 24.9)).toBeCloseTo(19.95, 12);
    expect(arrivals.next(0, Math.exp(-3))).toBeCloseTo(3, 12); // E = -ln u
  });

  it('gives exponential gaps at a constant rate: t - ln(u) / rate', () => {
    const arrivals = new PiecewiseRateArrivals(Float64Array.of(0, Infinity), Float64Array.of(0.5));
    for (const u of [0.9, 0.5, 0.1, 1e-6]) {
      expect(arrivals.next(12.5, u)).toBeCloseTo(12.5 - Math.log(u) / 0.5, 10);
    }
  });

  it('produces Poisson counts at a constant rate (mean and variance = rate x time)', () => {
    // 0.5 a day for 100 days: N ~ Poisson(50).
    const arrivals = new PiecewiseRateArrivals(Float64Array.of(0, 100), Float64Array.of(0.5));
    const reps = 20_000;
    const counts = countArrivals(arrivals, Float64Array.of(0, 100), reps, createStream(1, 0, 'poisson'));
    expectPoisson(column(counts, 1, 0), 50, reps);
  });

  it('produces the expected counts per segment, and none where the rate is zero', () => {
    // 0.5 a day on [0, 100), 0 on [100, 200), 2 a day on [200, 300): Poisson(50), 0, Poisson(200).
    const breaks = Float64Array.of(0, 100, 200, 300);
    const arrivals = new PiecewiseRateArrivals(breaks, Float64Array.of(0.5, 0, 2));
    const reps = 10_000;
    const counts = countArrivals(arrivals, breaks, reps, createStream(2, 0, 'piecewise'));
    expectPoisson(column(counts, 3, 0), 50, reps);
    expect(column(counts, 3, 1)).toEqual({ mean: 0, variance: 0 });
    expectPoisson(column(counts, 3, 2), 200, reps);
  });

  it('returns Infinity past the last break or when only zero rates remain', () => {
    const arrivals = new PiecewiseRateArrivals(Float64Array.of(0, 10, 20), Float64Array.of(1, 0));
    expect(arrivals.nextFromExp(20, 0.1)).toBe(Infinity);
    expect(arrivals.nextFromExp(100, 0.1)).toBe(Infinity);
    expect(arrivals.nextFromExp(9, 1.5)).toBe(Infinity); // 1 unit left before day 10, then rate 0
    const forever = new PiecewiseRateArrivals(Float64Array.of(0, 10, Infinity), Float64Array.of(1, 0));
    expect(forever.nextFromExp(5, 6)).toBe(Infinity);
  });

  it('starts at the first break when asked from an earlier time', () => {
    const arrivals = new PiecewiseRateArrivals(Float64Array.of(100, 200), Float64Array.of(0.5));
    expect(arrivals.nextFromExp(0, 1)).toBe(102);
  });

  it('gives the same times after time goes backwards (a new replication) as a fresh generator', () => {
    const breaks = Float64Array.of(0, 50, 100, 150);
    const rates = Float64Array.of(1, 0.2, 3);
    const used = new PiecewiseRateArrivals(breaks, rates);
    used.nextFromExp(140, 1);
    const fresh = new PiecewiseRateArrivals(breaks, rates);
    for (const [t, e] of [
      [10, 2],
      [45, 30],
      [0, 0.5],
    ]) {
      expect(used.nextFromExp(t, e)).toBe(fresh.nextFromExp(t, e));
    }
  });

  it('uses exactly one uniform per arrival (common random numbers)', () => {
    let calls = 0;
    const inner = createStream(3, 0, 'count');
    const counting: RandomStream = {
      next: () => {
        calls++;
        return inner.next();
      },
    };
    const arrivals = new PiecewiseRateArrivals(Float64Array.of(0, 30, 60), Float64Array.of(2, 0.1));
    let n = 0;
    for (let t = arrivals.next(0, counting.next()); t < Infinity; t = arrivals.next(t, counting.next())) n++;
    expect(calls).toBe(n + 1); // one per arrival, plus the draw that found no further arrival
  });

  it('reports the cumulative rate and expected counts', () => {
    const arrivals = new PiecewiseRateArrivals(Float64Array.of(0, 100, 200, 300), Float64Array.of(0.5, 0, 2));
    expect(arrivals.cumulative(-5)).toBe(0);
    expect(arrivals.cumulative(50)).toBe(25);
    expect(arrivals.cumulative(150)).toBe(50);
    expect(arrivals.cumulative(250)).toBe(150);
    expect(arrivals.cumulative(1000)).toBe(250);
    expect(arrivals.expected(50, 250)).toBe(125);
  });

  it('validates its inputs', () => {
    expect(() => new PiecewiseRateArrivals(Float64Array.of(0, 10), Float64Array.of(1, 2))).toThrow(
      /n \+ 1 breaks/,
    );
    expect(() => new PiecewiseRateArrivals(Float64Array.of(0, 10, 5), Float64Array.of(1, 2))).toThrow(
      /ascending/,
    );
    expect(() => new PiecewiseRateArrivals(Float64Array.of(0, Infinity, 5), Float64Array.of(1, 2))).toThrow(
      /finite/,
    );
    expect(() => new PiecewiseRateArrivals(Float64Array.of(0, 10), Float64Array.of(-1))).toThrow(/rate 0/);
    const arrivals = new PiecewiseRateArrivals(Float64Array.of(0, 10), Float64Array.of(1));
    expect(() => arrivals.nextFromExp(Number.NaN, 1)).toThrow(RangeError);
    expect(() => arrivals.next(0, 1.5)).toThrow(RangeError);
    expect(() => arrivals.expected(5, 4)).toThrow(RangeError);
  });
});
