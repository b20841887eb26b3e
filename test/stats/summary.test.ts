import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { summarise, summariseRatio, tCritical95 } from '../../src/stats/summary.ts';

describe('summarise', () => {
  it('uses the sample standard deviation and a t interval', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7 (population variance would be 4).
    const s = summarise([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    // t(0.975, 7) = 2.364624 (R: qt(0.975, 7)).
    expect(s.halfWidth!).toBeCloseTo((2.364624 * Math.sqrt(32 / 7)) / Math.sqrt(8), 5);
    expect(s.ciLow! + s.halfWidth!).toBeCloseTo(5, 12);
  });

  it('gives a zero-width interval when every replication agrees', () => {
    const s = summarise([3, 3, 3, 3]);
    expect([s.sd, s.halfWidth, s.ciLow, s.ciHigh]).toEqual([0, 0, 3, 3]);
  });

  it('gives no interval for a single replication', () => {
    const s = summarise([7]);
    expect([s.mean, s.sd, s.halfWidth, s.ciLow, s.p50]).toEqual([7, 0, null, null, 7]);
  });

  it('gives the percentiles of the sorted values, bit for bit, without sorting them', () => {
    // Selection must give what quantileSorted of a full sort gives (results are byte-identical
    // to those before it), for odd and even counts, ties, and values with NaN among them.
    let seed = 1;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    // Every count up to 1,200 (sequential stopping makes counts such as 30, 45 and 68), a few larger.
    const counts = [...Array.from({ length: 1200 }, (_, i) => i + 1), 2047, 4096, 10_001];
    for (const n of counts)
      for (const spread of n <= 200 || n % 97 === 0 || n > 1200 ? [3, 1e6] : [1e6]) {
        const values = Array.from({ length: n }, () => Math.round(next() * spread) / 7);
        if (spread === 3 && n > 3) values[1] = NaN;
        const sorted = Float64Array.from(values).sort() as unknown as number[];
        const s = summarise(values);
        const expected = [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => quantileSorted(sorted, p));
        expect([s.p5, s.p25, s.p50, s.p75, s.p95], `${n} values, spread ${spread}`).toEqual(expected);
      }
  });

  it('orders percentiles', () => {
    const s = summarise(Array.from({ length: 101 }, (_, i) => 100 - i));
    expect(s.p5).toBeLessThanOrEqual(s.p25);
    expect(s.p25).toBeLessThanOrEqual(s.p50);
    expect(s.p50).toBe(50);
    expect(s.p95).toBeLessThanOrEqual(100);
  });

  it('refuses an empty list', () => {
    expect(() => summarise([])).toThrow(RangeError);
  });
});

describe('tCritical95', () => {
  it('matches tables (R: qt(0.975, df))', () => {
    expect(tCritical95(2)).toBeCloseTo(12.7062, 3);
    expect(tCritical95(10)).toBeCloseTo(2.262157, 5);
    expect(tCritical95(1001)).toBeCloseTo(1.962339, 5);
  });
});

describe('summariseRatio', () => {
  it('estimates a ratio by the ratio of totals, not the mean of the ratios', () => {
    // One short replication (1 of 1) and one long (3 of 30): 4 of 31 in all, not (1 + 0.1) / 2.
    const s = summariseRatio([1, 3], [1, 30]);
    expect(s.mean).toBeCloseTo(4 / 31, 12);
    expect(s.estimator).toBe('ratioOfTotals');
    // Spread of outcomes: the replications' own ratios.
    expect([s.p5, s.p95].map((x) => Math.round(x * 100) / 100)).toEqual([0.15, 0.96]);
  });

  it('gives the linearisation interval of a ratio estimator', () => {
    const num = [2, 5, 3, 6];
    const den = [10, 20, 10, 30];
    const r = 16 / 70;
    const resid = num.map((a, i) => a - r * den[i]!);
    const se = Math.sqrt(resid.reduce((x, e) => x + e * e, 0) / (4 * 3)) / (70 / 4);
    const s = summariseRatio(num, den);
    expect(s.halfWidth!).toBeCloseTo(tCritical95(4) * se, 12);
    expect(s.ciLow!).toBeCloseTo(r - tCritical95(4) * se, 12);
  });

  it('is 0, with no width, when nothing is in any denominator', () => {
    const s = summariseRatio([0, 0, 0], [0, 0, 0]);
    expect([s.mean, s.halfWidth]).toEqual([0, 0]);
  });
});
