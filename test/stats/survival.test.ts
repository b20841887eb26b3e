// Kaplan-Meier, parametric survival fits with censoring and truncation, and Poisson regression:
// each checked against a published table, a closed form, or data simulated with known parameters.
import { describe, expect, it } from 'vitest';
import { kaplanMeier, medianOf, survivalAt, type Duration } from '../../src/stats/kaplanMeier.ts';
import { fitSurvival, fitSurvivalFamilies, naturalParameters } from '../../src/stats/survivalFit.ts';
import { poissonRegression } from '../../src/stats/poissonRegression.ts';
import { hessian, nelderMead } from '../../src/stats/nelderMead.ts';
import { createStream } from '../../src/random/streams.ts';
import { quantile } from '../../src/random/quantile.ts';

describe('Kaplan-Meier', () => {
  it('gives the published estimate and Greenwood errors for the 6-MP arm of Freireich et al. (1963)', () => {
    // Klein and Moeschberger, Survival Analysis (2003), Table 4.1A: weeks in remission, + censored.
    const raw = '6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+';
    const data: Duration[] = raw.split(' ').map((s) => ({ time: parseFloat(s), event: !s.endsWith('+') }));
    const km = kaplanMeier(data);
    expect(km.map((s) => s.time)).toEqual([6, 7, 10, 13, 16, 22, 23]);
    expect(km.map((s) => +s.survival.toFixed(3))).toEqual([0.857, 0.807, 0.753, 0.69, 0.627, 0.538, 0.448]);
    expect(km.map((s) => s.atRisk)).toEqual([21, 17, 15, 12, 11, 7, 6]);
    expect(medianOf(km)).toBe(23);
    expect(survivalAt(km, 12)).toBeCloseTo(0.753, 3);
    // The interval holds the estimate and stays in [0, 1].
    for (const s of km) {
      expect(s.low).toBeLessThan(s.survival);
      expect(s.high).toBeGreaterThan(s.survival);
      expect(s.low).toBeGreaterThan(0);
      expect(s.high).toBeLessThan(1);
    }
  });

  it('without censoring is the empirical survival function, and left truncation shrinks the risk set', () => {
    const km = kaplanMeier([1, 2, 3, 4].map((t) => ({ time: t, event: true })));
    expect(km.map((s) => s.survival)).toEqual([0.75, 0.5, 0.25, 0]);
    // A duration entering at 2.5 is not at risk at 1 or 2.
    const trunc = kaplanMeier([
      ...[1, 2, 3, 4].map((t) => ({ time: t, event: true })),
      { time: 5, event: true, entry: 2.5 },
    ]);
    expect(trunc.map((s) => s.atRisk)).toEqual([4, 3, 3, 2, 1]);
  });
});

/** Durations drawn from a distribution, with staggered starts observed in a window (censored at its end, truncated at its start). */
function simulate(dist: Parameters<typeof quantile>[0], n: number, seed: number): Duration[] {
  const s = createStream(seed, 0, 'test/survival');
  const out: Duration[] = [];
  // Starts spread over ten years before the window's end (day 3652); observation from day 1826.
  for (let i = 0; i < n; i++) {
    const start = s.next() * 3652;
    const length = quantile(dist, s.next());
    const end = start + length;
    if (end < 1826) continue; // ended before observation began: never seen
    const entry = Math.max(0, 1826 - start);
    const seenTo = Math.min(end, 3652);
    out.push({ time: seenTo - start, event: end <= 3652, entry });
  }
  return out;
}

describe('parametric survival fits', () => {
  it('exponential: the estimate is time at risk over ends, with log-scale error 1/sqrt(ends)', () => {
    const data = simulate({ type: 'exponential', mean: 400 }, 3000, 1);
    const f = fitSurvival(data, 'exponential');
    const exposure = data.reduce(
      (a, d) => a + Math.max(d.time, 0.5) - (d.entry ? Math.max(d.entry, 0.5) : 0),
      0,
    );
    expect(f.mean).toBeCloseTo(exposure / f.events, 1);
    expect(Math.sqrt(f.covariance[0]![0]!)).toBeCloseTo(1 / Math.sqrt(f.events), 3);
  });

  it('recovers a Weibull and a lognormal from censored, truncated data within their intervals, and AIC picks the true family', () => {
    const cases = [
      {
        dist: { type: 'weibull', shape: 1.4, scale: 500 } as const,
        family: 'weibull' as const,
        truth: [Math.log(1.4), Math.log(500)],
      },
      {
        dist: { type: 'lognormal', mean: 540, sd: 420 } as const,
        family: 'lognormal' as const,
        truth: (() => {
          const s2 = Math.log1p((420 / 540) ** 2);
          return [Math.log(540) - s2 / 2, 0.5 * Math.log(s2)];
        })(),
      },
    ];
    for (const c of cases) {
      const data = simulate(c.dist, 4000, 7);
      // Both kinds of incomplete observation are present.
      expect(data.some((d) => !d.event)).toBe(true);
      expect(data.some((d) => (d.entry ?? 0) > 0)).toBe(true);
      const f = fitSurvival(data, c.family);
      expect(f.converged).toBe(true);
      c.truth.forEach((t, j) => {
        const se = Math.sqrt(f.covariance[j]![j]!);
        expect(Math.abs(f.theta[j]! - t), `${c.family} parameter ${j}`).toBeLessThan(3 * se);
      });
      expect(fitSurvivalFamilies(data)[0]!.family).toBe(c.family);
    }
  });

  it('gives the model file a lognormal by the mean and sd of the value itself', () => {
    const s2 = Math.log1p((420 / 540) ** 2);
    const p = naturalParameters('lognormal', [Math.log(540) - s2 / 2, 0.5 * Math.log(s2)]);
    expect(p.mean).toBeCloseTo(540, 9);
    expect(p.sd).toBeCloseTo(420, 9);
  });

  it('refuses data with no end seen', () => {
    expect(() => fitSurvival([{ time: 10, event: false }], 'weibull')).toThrow(/no ends were seen/);
  });
});

describe('Nelder-Mead and the Hessian', () => {
  it('find the minimum and curvature of a quadratic', () => {
    const f = (x: readonly number[]) => (x[0]! - 1) ** 2 + 3 * (x[1]! + 2) ** 2 + x[0]! * x[1]!;
    const m = nelderMead(f, [0, 0]);
    // Minimum where 2(x - 1) + y = 0 and 6(y + 2) + x = 0: y = 2 - 2x, so x = 24/11, y = -26/11.
    expect(m.x[0]).toBeCloseTo(24 / 11, 5);
    expect(m.x[1]).toBeCloseTo(-26 / 11, 5);
    const H = hessian(f, m.x);
    expect(H[0]![0]).toBeCloseTo(2, 4);
    expect(H[1]![1]).toBeCloseTo(6, 4);
    expect(H[0]![1]).toBeCloseTo(1, 4);
  });
});

describe('Poisson regression', () => {
  it('with an intercept alone gives the log of total count over total exposure', () => {
    const y = [3, 5, 2, 7, 4];
    const exposure = [30, 31, 28, 31, 30];
    const f = poissonRegression(
      y.map(() => [1]),
      y,
      exposure.map(Math.log),
    );
    expect(f.beta[0]).toBeCloseTo(Math.log(21 / 150), 10);
    // Var(log rate) = 1 / total count.
    expect(f.se[0]).toBeCloseTo(1 / Math.sqrt(21), 8);
  });

  it('solves its score equations and recovers a known trend within its interval', () => {
    const s = createStream(3, 0, 'test/poisson');
    const X: number[][] = [];
    const y: number[] = [];
    // 120 months, 2 a month at first, growing 8% a year.
    for (let m = 0; m < 120; m++) {
      const t = m / 12;
      const mean = 2 * Math.exp(Math.log(1.08) * t);
      // Poisson draw by inversion.
      let k = 0;
      let p = Math.exp(-mean);
      let c = p;
      const u = s.next();
      while (u > c) {
        k++;
        p *= mean / k;
        c += p;
      }
      X.push([1, t]);
      y.push(k);
    }
    const f = poissonRegression(X, y);
    const score = [0, 1].map((j) => X.reduce((a, x, i) => a + x[j]! * (y[i]! - f.fitted[i]!), 0));
    for (const v of score) expect(Math.abs(v)).toBeLessThan(1e-6);
    expect(Math.abs(f.beta[1]! - Math.log(1.08))).toBeLessThan(3 * f.se[1]!);
    expect(f.dispersion).toBeGreaterThan(0.7);
    expect(f.dispersion).toBeLessThan(1.3);
  });
});
