// Distributions: quantiles at points with known values (closed forms, R, SciPy 1.17.1), compiled sampler
// against the reference, monotonicity in u, moments of many draws within 5 standard errors, validation.

import { describe, expect, it } from 'vitest';
import {
  compile,
  mean,
  quantile,
  quantileGrid,
  sample,
  validateDistribution,
  variance,
  type Distribution,
} from '../../src/random/distributions.ts';
import { createStream } from '../../src/random/streams.ts';
import { meanTolerance, sampleStats, varianceTolerance } from './sampleStats.ts';

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

/** One of each type, with parameters of the size a care model uses (days). */
const EXAMPLES: Record<string, Distribution> = {
  fixed: { type: 'fixed', value: 14 },
  exponential: { type: 'exponential', mean: 40 },
  uniform: { type: 'uniform', min: 10, max: 30 },
  triangular: { type: 'triangular', min: 0, mode: 1, max: 4 },
  normal: { type: 'normal', mean: 10, sd: 2 },
  truncatedNormal: { type: 'normal', mean: 10, sd: 3, min: 5, max: 12 },
  halfNormal: { type: 'normal', mean: 0, sd: 1, min: 0 },
  upperTruncated: { type: 'normal', mean: 100, sd: 20, max: 80 },
  farTailNormal: { type: 'normal', mean: 0, sd: 1, min: 5, max: 6 },
  lognormal: { type: 'lognormal', mean: 40, sd: 25 },
  gamma: { type: 'gamma', shape: 2, scale: 30 },
  gammaSkewed: { type: 'gamma', shape: 0.3, scale: 10 },
  weibull: { type: 'weibull', shape: 1.5, scale: 30 },
  empiricalDiscrete: {
    type: 'empirical',
    values: [1, 2, 5, 10],
    probabilities: [0.1, 0.4, 0.3, 0.2],
    interpolate: false,
  },
  empiricalInterpolated: {
    type: 'empirical',
    values: [0, 30, 90, 365],
    probabilities: [0, 0.5, 0.3, 0.2],
    interpolate: true,
  },
};

describe('quantile at known points', () => {
  // Each row: distribution, u, expected value, and where the value comes from.
  const cases: [Distribution, number, number, string][] = [
    [{ type: 'normal', mean: 0, sd: 1 }, 0.975, 1.959963984540054, 'R qnorm(0.975)'],
    [{ type: 'normal', mean: 0, sd: 1 }, 0.9, 1.2815515655446004, 'R qnorm(0.9)'],
    [{ type: 'normal', mean: 10, sd: 2 }, 0.3, 8.951198974583917, 'R qnorm(0.3, 10, 2)'],
    [{ type: 'exponential', mean: 40 }, 0.5, 40 * Math.LN2, 'closed form: median = mean ln 2'],
    [{ type: 'uniform', min: 10, max: 30 }, 0.25, 15, 'closed form: min + u (max - min)'],
    [{ type: 'triangular', min: 0, mode: 1, max: 4 }, 0.25, 1, 'closed form: F(mode) = 1/4'],
    [
      { type: 'triangular', min: 0, mode: 1, max: 4 },
      0.5,
      4 - Math.sqrt(6),
      'closed form: max - sqrt(0.5*4*3)',
    ],
    [{ type: 'gamma', shape: 2, scale: 1 }, 0.5, 1.6783469900166612, 'R qgamma(0.5, 2)'],
    [{ type: 'gamma', shape: 2, scale: 1 }, 0.95, 4.743864518390577, 'R qgamma(0.95, 2)'],
    [
      { type: 'gamma', shape: 0.5, scale: 2 },
      0.95,
      3.841458820694124,
      'R qchisq(0.95, 1), chi-square = gamma(df/2, 2)',
    ],
    [{ type: 'gamma', shape: 5, scale: 2 }, 0.95, 18.307038053275146, 'R qchisq(0.95, 10)'],
    [{ type: 'gamma', shape: 5, scale: 2 }, 0.05, 3.9402991361190605, 'R qchisq(0.05, 10)'],
    [
      { type: 'gamma', shape: 0.3, scale: 10 },
      0.1,
      0.003237246218234327,
      'SciPy gamma.ppf(0.1, 0.3, scale=10)',
    ],
    [{ type: 'gamma', shape: 500, scale: 1 }, 0.99, 553.4844971761087, 'SciPy gamma.ppf(0.99, 500)'],
    [
      { type: 'lognormal', mean: 40, sd: 25 },
      0.5,
      33.919932160203516,
      'closed form: median = mean / sqrt(1 + cv²)',
    ],
    [
      { type: 'lognormal', mean: 40, sd: 25 },
      0.9,
      70.80452341401923,
      'SciPy lognorm.ppf(0.9, 0.57424, scale=e^3.524)',
    ],
    [
      { type: 'weibull', shape: 1.5, scale: 30 },
      0.7,
      33.952026883390744,
      'SciPy weibull_min.ppf(0.7, 1.5, scale=30)',
    ],
    [{ type: 'normal', mean: 0, sd: 1, min: 0 }, 0.3, 0.3853204664075676, 'SciPy truncnorm.ppf(0.3, 0, inf)'],
    [{ type: 'normal', mean: 10, sd: 3, min: 5, max: 12 }, 0.9, 11.382456882349375, 'SciPy truncnorm.ppf'],
    [
      { type: 'normal', mean: 0, sd: 1, min: 5, max: 6 },
      0.3,
      5.068053642792162,
      'SciPy truncnorm.ppf(0.3, 5, 6)',
    ],
    [{ type: 'normal', mean: 100, sd: 20, max: 80 }, 0.3, 66.62764434336142, 'SciPy truncnorm.ppf'],
  ];
  for (const [d, u, expected, origin] of cases) {
    it(`${JSON.stringify(d)} at ${u} = ${expected} (${origin})`, () => {
      // @stdlib's normal quantile loses digits in the far lower tail (1e-12 relative at p = 1e-6, measured
      // against mpmath); the [5, 6] truncation works at p ~ 2e-7, so it gets 1e-10.
      const tolerance = origin.includes('(0.3, 5, 6)') ? 1e-10 : 1e-12;
      expect(relativeError(quantile(d, u), expected)).toBeLessThan(tolerance);
      // The compiled sampler gives the same value (gamma goes through a table accurate to 1e-8).
      expect(relativeError(sample(compile(d), u), expected)).toBeLessThan(
        d.type === 'gamma' ? 1e-8 : tolerance,
      );
    });
  }

  it('rejects u outside [0, 1]', () => {
    expect(() => quantile(EXAMPLES.exponential, 1.5)).toThrow(RangeError);
    expect(() => quantile(EXAMPLES.exponential, Number.NaN)).toThrow(RangeError);
  });

  it('returns the ends of the support at u = 0 and 1', () => {
    expect(quantile(EXAMPLES.exponential, 0)).toBe(0);
    expect(quantile(EXAMPLES.exponential, 1)).toBe(Infinity);
    expect(quantile(EXAMPLES.truncatedNormal, 0)).toBe(5);
    expect(quantile(EXAMPLES.truncatedNormal, 1)).toBe(12);
  });
});

describe('compiled sampler', () => {
  for (const [name, d] of Object.entries(EXAMPLES)) {
    it(`${name}: agrees with quantile() and is non-decreasing in u`, () => {
      const c = compile(d);
      const tolerance = d.type === 'gamma' ? 1e-8 : 1e-12;
      let previous = -Infinity;
      let decreases = 0;
      let worst = 0;
      for (let i = 1; i < 20_000; i++) {
        const u = i / 20_000;
        const x = sample(c, u);
        if (x < previous) decreases++;
        previous = x;
        const error = relativeError(x, quantile(d, u));
        if (error > worst) worst = error;
      }
      expect(decreases).toBe(0);
      expect(worst).toBeLessThan(tolerance);
    });
    it(`${name}: quantileGrid is sample() at the midpoints, bit for bit`, () => {
      const c = compile(d);
      for (const n of [1, 7, 1024]) {
        const grid = quantileGrid(c, n);
        const direct = Float64Array.from({ length: n }, (_, i) => sample(c, (i + 0.5) / n));
        expect(grid).toEqual(direct);
        // A second call with the same n reads the cached parameter-free part.
        expect(quantileGrid(c, n)).toEqual(direct);
      }
    });
  }
});

describe('moments', () => {
  // Expected values from closed forms or SciPy 1.17.1 (stats.<dist>.mean/var), as noted.
  const cases: [Distribution, number, number, string][] = [
    [EXAMPLES.uniform, 20, 400 / 12, 'closed form'],
    [EXAMPLES.triangular, 5 / 3, (0 + 16 + 1 - 0 - 0 - 4) / 18, 'closed form (a²+b²+c²-ab-ac-bc)/18'],
    [EXAMPLES.gamma, 60, 1800, 'closed form kθ, kθ²'],
    [EXAMPLES.weibull, 27.082358788528005, 338.12125633253874, 'SciPy weibull_min(1.5, scale=30)'],
    [EXAMPLES.halfNormal, Math.sqrt(2 / Math.PI), 1 - 2 / Math.PI, 'closed form (half-normal)'],
    [EXAMPLES.truncatedNormal, 9.056886575177785, 3.238789521047704, 'SciPy truncnorm'],
    [EXAMPLES.upperTruncated, 69.49729447678038, 79.63906622813961, 'SciPy truncnorm'],
    [EXAMPLES.farTailNormal, 5.183147090477182, 0.029452430768436844, 'SciPy truncnorm'],
    [EXAMPLES.lognormal, 40, 625, 'by definition: mean and sd of the variable'],
    [
      EXAMPLES.empiricalDiscrete,
      0.1 + 0.8 + 1.5 + 2,
      29.2 - 4.4 ** 2,
      'closed form sum p x, sum p x² - mean²',
    ],
    // Uniform pieces: 0.5 on (0, 30], 0.3 on (30, 90], 0.2 on (90, 365]; E[X²] of a piece (a²+ab+b²)/3.
    [
      EXAMPLES.empiricalInterpolated,
      0.5 * 15 + 0.3 * 60 + 0.2 * 227.5,
      0.5 * 300 + 0.3 * 3900 + 0.2 * ((90 * 90 + 90 * 365 + 365 * 365) / 3) - 71 ** 2,
      'closed form',
    ],
  ];
  for (const [d, m, v, origin] of cases) {
    it(`${JSON.stringify(d)}: mean ${m}, variance ${v} (${origin})`, () => {
      expect(relativeError(mean(d), m)).toBeLessThan(1e-12);
      expect(relativeError(variance(d), v)).toBeLessThan(1e-10);
    });
  }

  for (const [name, d] of Object.entries(EXAMPLES)) {
    it(`${name}: 200,000 draws agree with mean() and variance() within 5 standard errors`, () => {
      const c = compile(d);
      const s = createStream(99, 0, `moments/${name}`);
      const xs = new Float64Array(200_000);
      for (let i = 0; i < xs.length; i++) xs[i] = sample(c, s.next());
      const stats = sampleStats(xs);
      expect(Math.abs(stats.mean - mean(d))).toBeLessThanOrEqual(meanTolerance(variance(d), xs.length));
      expect(Math.abs(stats.variance - variance(d))).toBeLessThanOrEqual(varianceTolerance(stats));
      expect(c.mean).toBe(mean(d));
      expect(c.variance).toBe(variance(d));
    });
  }
});

describe('truncated normal', () => {
  it('never leaves [min, max], even deep in the tail', () => {
    for (const d of [EXAMPLES.truncatedNormal, EXAMPLES.farTailNormal, EXAMPLES.upperTruncated]) {
      if (d.type !== 'normal') throw new Error('unreachable');
      const c = compile(d);
      const s = createStream(5, 0, 'truncation');
      let outside = 0;
      for (let i = 0; i < 100_000; i++) {
        const x = sample(c, s.next());
        if (x < (d.min ?? -Infinity) || x > (d.max ?? Infinity)) outside++;
      }
      expect(outside).toBe(0);
      expect(sample(c, 2 ** -33)).toBeGreaterThanOrEqual(d.min ?? -Infinity);
      expect(sample(c, 1 - 2 ** -33)).toBeLessThanOrEqual(d.max ?? Infinity);
    }
  });
});

describe('empirical', () => {
  it('discrete: each value drawn with its probability (5 binomial standard errors)', () => {
    const d = EXAMPLES.empiricalDiscrete;
    if (d.type !== 'empirical') throw new Error('unreachable');
    const c = compile(d);
    const s = createStream(3, 0, 'empirical');
    const n = 200_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const x = sample(c, s.next());
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(d.values);
    d.values.forEach((v, i) => {
      const p = d.probabilities[i];
      expect(Math.abs((counts.get(v) ?? 0) / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    });
  });

  it('discrete: boundaries of the cumulative table go to the lower value (smallest x with F(x) >= u)', () => {
    const d = EXAMPLES.empiricalDiscrete;
    expect(quantile(d, 0.1)).toBe(1);
    expect(quantile(d, 0.1000001)).toBe(2);
    expect(quantile(d, 0.5)).toBe(2);
    expect(quantile(d, 0.8)).toBe(5);
    expect(sample(compile(d), 0.1)).toBe(1);
    expect(sample(compile(d), 0.5)).toBe(2);
  });

  it('discrete: zero-probability values are never drawn, even at the end', () => {
    const d: Distribution = {
      type: 'empirical',
      values: [1, 2, 3, 4],
      probabilities: [0.5, 0, 0.5, 0],
      interpolate: false,
    };
    const c = compile(d);
    for (const u of [2 ** -33, 0.5, 0.5000001, 1 - 2 ** -33, 1]) {
      expect([1, 3]).toContain(sample(c, u));
      expect([1, 3]).toContain(quantile(d, u));
    }
  });

  it('interpolated: passes through (cumulative probability, value) and is linear between', () => {
    const d = EXAMPLES.empiricalInterpolated;
    expect(quantile(d, 0.5)).toBeCloseTo(30, 12);
    expect(quantile(d, 0.8)).toBeCloseTo(90, 12);
    expect(quantile(d, 0.25)).toBeCloseTo(15, 12);
    expect(quantile(d, 0.9)).toBeCloseTo(90 + 0.5 * 275, 12);
    expect(sample(compile(d), 0.65)).toBeCloseTo(60, 12);
  });

  it('interpolated: a positive first probability is an atom at the first value', () => {
    const d: Distribution = {
      type: 'empirical',
      values: [7, 10],
      probabilities: [0.25, 0.75],
      interpolate: true,
    };
    expect(quantile(d, 0.2)).toBe(7);
    expect(sample(compile(d), 0.2)).toBe(7);
    expect(quantile(d, 0.625)).toBeCloseTo(8.5, 12);
  });
});

describe('common random numbers', () => {
  it('a child keeps its rank when a parameter changes: the same u gives a larger value for a larger mean', () => {
    const pairs: [Distribution, Distribution][] = [
      [
        { type: 'exponential', mean: 30 },
        { type: 'exponential', mean: 40 },
      ],
      [
        { type: 'gamma', shape: 2, scale: 15 },
        { type: 'gamma', shape: 2, scale: 20 },
      ],
      [
        { type: 'lognormal', mean: 30, sd: 20 },
        { type: 'lognormal', mean: 40, sd: 20 * (40 / 30) },
      ],
      [
        { type: 'weibull', shape: 1.5, scale: 30 },
        { type: 'weibull', shape: 1.5, scale: 40 },
      ],
    ];
    for (const [short, long] of pairs) {
      const a = compile(short);
      const b = compile(long);
      for (let i = 1; i < 1000; i++) {
        const u = i / 1000;
        expect(sample(b, u)).toBeGreaterThan(sample(a, u));
        // Pure scale change: every value scales by exactly 4/3.
        expect(sample(b, u) / sample(a, u)).toBeCloseTo(4 / 3, 7);
      }
    }
  });
});

describe('validateDistribution', () => {
  it('accepts every example', () => {
    for (const d of Object.values(EXAMPLES)) expect(validateDistribution(d)).toBeNull();
  });

  const bad: [Distribution, string][] = [
    [{ type: 'fixed', value: Number.NaN }, 'fixed: value must be a finite number, got NaN'],
    [{ type: 'exponential', mean: 0 }, 'exponential: mean must be > 0, got 0'],
    [{ type: 'uniform', min: 5, max: 1 }, 'uniform: min must be <= max, got min 5, max 1'],
    [
      { type: 'triangular', min: 5, mode: 2, max: 9 },
      'triangular: need min <= mode <= max, got min 5, mode 2, max 9',
    ],
    [{ type: 'triangular', min: 3, mode: 3, max: 3 }, 'triangular: min must be < max, got 3 for both'],
    [{ type: 'normal', mean: 10, sd: 0 }, 'normal: sd must be > 0, got 0'],
    [{ type: 'normal', mean: 10, sd: -1 }, 'normal: sd must be > 0, got -1'],
    [{ type: 'normal', mean: 10, sd: 1, min: 12, max: 8 }, 'normal: min must be < max, got min 12, max 8'],
    [
      { type: 'normal', mean: 0, sd: 1, min: 50, max: 60 },
      'normal: the interval [50, 60] lies so far in the tail of N(0, 1²) that its probability underflows to 0',
    ],
    [{ type: 'lognormal', mean: -1, sd: 2 }, 'lognormal: mean must be > 0, got -1'],
    [{ type: 'lognormal', mean: 40, sd: 0 }, 'lognormal: sd must be > 0, got 0'],
    [{ type: 'gamma', shape: -2, scale: 1 }, 'gamma: shape must be > 0, got -2'],
    [{ type: 'gamma', shape: 2, scale: Infinity }, 'gamma: scale must be a finite number, got Infinity'],
    [
      { type: 'gamma', shape: 1000, scale: 1 },
      'gamma: shape must be <= 500 (the quantile library is inaccurate beyond; use a normal), got 1000',
    ],
    [{ type: 'weibull', shape: 0, scale: 1 }, 'weibull: shape must be > 0, got 0'],
    [
      { type: 'empirical', values: [1, 2], probabilities: [0.5, 0.6], interpolate: false },
      'empirical: probabilities must sum to 1 (within 1e-9), got 1.1',
    ],
    [
      { type: 'empirical', values: [1, 2], probabilities: [1], interpolate: false },
      'empirical: values (2) and probabilities (1) must have the same length',
    ],
    [
      { type: 'empirical', values: [3, 2], probabilities: [0.5, 0.5], interpolate: true },
      'empirical: values must be in ascending order, but values[1] = 2 < values[0] = 3',
    ],
    [
      { type: 'empirical', values: [1, 2], probabilities: [1.5, -0.5], interpolate: false },
      'empirical: probabilities[1] must be >= 0, got -0.5',
    ],
    [
      { type: 'empirical', values: [], probabilities: [], interpolate: false },
      'empirical: values must not be empty',
    ],
    [{ type: 'banana' } as unknown as Distribution, 'unknown distribution type "banana"'],
  ];
  for (const [d, message] of bad) {
    it(`rejects ${JSON.stringify(d)}`, () => {
      expect(validateDistribution(d)).toBe(message);
      expect(() => compile(d)).toThrow(message);
      expect(() => mean(d)).toThrow(RangeError);
    });
  }

  it('accepts probabilities that sum to 1 within 1e-9', () => {
    const d: Distribution = {
      type: 'empirical',
      values: [1, 2, 3],
      probabilities: [0.1, 0.2, 0.7 + 5e-10],
      interpolate: false,
    };
    expect(validateDistribution(d)).toBeNull();
  });
});
