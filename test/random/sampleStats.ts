// Test helper: sample moments and the tolerances that go with them. Tolerances are 5 standard errors, so
// a correct sampler fails with probability about 6e-7 per check (two-sided normal tail beyond 5 sd); the
// seeds are fixed, so the tests are deterministic either way.

/** Number of standard errors allowed in moment checks. */
export const Z = 5;

export interface SampleStats {
  n: number;
  mean: number;
  /** Unbiased sample variance (n - 1 denominator). */
  variance: number;
  /** Fourth central moment (n denominator), for the standard error of the variance. */
  m4: number;
  min: number;
  max: number;
}

/** Two-pass moments (the centred second pass avoids cancellation). */
export function sampleStats(xs: Float64Array): SampleStats {
  const n = xs.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / n;
  let s2 = 0;
  let s4 = 0;
  for (const x of xs) {
    const d = (x - mean) * (x - mean);
    s2 += d;
    s4 += d * d;
  }
  return { n, mean, variance: s2 / (n - 1), m4: s4 / n, min, max };
}

/** Standard error of the sample mean given the true variance: sqrt(σ² / n). */
export function meanTolerance(trueVariance: number, n: number): number {
  return Z * Math.sqrt(trueVariance / n);
}

/**
 * Tolerance for the sample variance: Z standard errors, with Var(s²) ≈ (μ4 - σ⁴) / n (the large-sample
 * variance of the sample variance), μ4 and σ⁴ estimated from the sample.
 */
export function varianceTolerance(s: SampleStats): number {
  return Z * Math.sqrt(Math.max(0, s.m4 - s.variance * s.variance) / s.n);
}
