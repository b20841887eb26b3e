// The regression behind the probabilistic sensitivity analysis, checked where the answers are
// known in closed form: a variance share of a linear effect in noise, and the EVPPI of a
// parameter whose incremental net benefit is the parameter itself plus noise.
import { describe, expect, it } from 'vitest';
import { quantile } from '../../src/random/quantile.ts';
import { createStream } from '../../src/random/streams.ts';
import { logisticRegression } from '../../src/stats/logisticRegression.ts';
import { smoothRegression } from '../../src/stats/smoothRegression.ts';
import { evppiFromFitted } from '../../src/stats/valueOfInformation.ts';
import { crossing } from '../../src/experiment/psa.ts';

const normals = (n: number, name: string) => {
  const s = createStream(11, 0, name);
  return Float64Array.from({ length: n }, () => quantile({ type: 'normal', mean: 0, sd: 1 }, s.next()));
};

describe('smoothRegression', () => {
  it('gives a linear effect in noise its share of the variance, and pure noise none', () => {
    const n = 4000;
    const x = normals(n, 'x');
    const e = normals(n, 'e');
    // y = 2x + e: Var(E[y|x]) / Var(y) = 4 / 5.
    const y = x.map((v, i) => 2 * v + e[i]!);
    expect(smoothRegression(x, y).varianceShare).toBeCloseTo(0.8, 1);
    expect(Math.abs(smoothRegression(x, y).varianceShare - 0.8)).toBeLessThan(0.02);
    // y independent of x: the adjusted share is about zero, not the spline's p / n.
    expect(smoothRegression(x, e).varianceShare).toBeLessThan(0.005);
  });

  it('follows a curve a straight line would miss', () => {
    const n = 2000;
    const s = createStream(12, 0, 'u');
    const x = Float64Array.from({ length: n }, () => s.next());
    const y = x.map((v) => (v - 0.5) ** 2);
    const fit = smoothRegression(x, y);
    for (const v of [0.1, 0.3, 0.5, 0.7, 0.9])
      expect(Math.abs(fit.at(v) - (v - 0.5) ** 2)).toBeLessThan(0.005);
    expect(smoothRegression(x, y, 0).varianceShare).toBeLessThan(0.01);
    expect(fit.varianceShare).toBeGreaterThan(0.99);
  });

  it('of an input that never varies is the mean', () => {
    const fit = smoothRegression([1, 1, 1, 1], [1, 2, 3, 6]);
    expect(fit.at(5)).toBe(3);
    expect(fit.varianceShare).toBe(0);
  });
});

describe('EVPPI', () => {
  it('of INB = φ + noise, φ ~ N(0, 1), is E[max(0, φ)] = 1/√(2π)', () => {
    const n = 20000;
    const phi = normals(n, 'phi');
    const noise = normals(n, 'noise');
    const inb = phi.map((v, i) => v + 2 * noise[i]!);
    const fit = smoothRegression(phi, inb);
    expect(Math.abs(evppiFromFitted(fit.fitted) - 1 / Math.sqrt(2 * Math.PI))).toBeLessThan(0.02);
    // The raw net benefits would count the noise as value: E[max(0, N(0, 5))] = √5/√(2π).
    expect(evppiFromFitted(inb)).toBeGreaterThan(0.8);
    // An irrelevant parameter is worth about nothing.
    expect(
      evppiFromFitted(
        smoothRegression(
          noise.map((v) => -v),
          phi,
        ).fitted,
      ),
    ).toBeLessThan(0.03);
  });

  it('is zero when knowing the parameter could not change the choice', () => {
    expect(evppiFromFitted([1, 2, 3, 4])).toBe(0);
    expect(evppiFromFitted([-1, -2, -3])).toBe(0);
    expect(evppiFromFitted([-1, 3])).toBeCloseTo(0.5, 12);
  });
});

describe('crossing', () => {
  it('finds where a curve crosses a level, its direction, and whether it crosses again', () => {
    expect(crossing([0, 1, 2, 3], [0, 0.4, 0.6, 0.8], 0.5)).toEqual({
      value: 1.5,
      direction: 'rising',
      several: false,
    });
    expect(crossing([0, 1, 2], [3, 1, -1], 0)).toEqual({ value: 1.5, direction: 'falling', several: false });
    expect(crossing([0, 1, 2, 3], [0, 1, 0, 1], 0.5)!.several).toBe(true);
    expect(crossing([0, 1, 2], [0.6, 0.7, 0.9], 0.5)).toBeNull();
  });
});

describe('logisticRegression', () => {
  it('recovers the coefficients of a logistic model, and where the chance is one half', () => {
    const n = 20000;
    const s = createStream(13, 0, 'y');
    const x = normals(n, 'lx').map((v) => 5 + 2 * v);
    // P(y | x) = 1 / (1 + exp(-(-3 + 0.6 x))): one half at x = 5.
    const y = x.map((v) => (s.next() < 1 / (1 + Math.exp(3 - 0.6 * v)) ? 1 : 0));
    const fit = logisticRegression(x, y);
    expect(Math.abs(fit.slope - 0.6)).toBeLessThan(4 * fit.slopeSe);
    expect(fit.slopeSe).toBeLessThan(0.02);
    expect(Math.abs(fit.half! - 5)).toBeLessThan(0.1);
    expect(fit.at(5)).toBeCloseTo(0.5, 1);
  });

  it('of an outcome that does not depend on x has a slope within noise', () => {
    const s = createStream(14, 0, 'coin');
    const x = normals(500, 'cx');
    const y = x.map(() => (s.next() < 0.3 ? 1 : 0));
    const fit = logisticRegression(x, y);
    expect(Math.abs(fit.slope / fit.slopeSe)).toBeLessThan(3);
    expect(
      logisticRegression(
        x,
        x.map(() => 1),
      ).half,
    ).toBeNull();
  });
});
