// lnGamma against factorials, closed forms at half-integers, and SciPy values.

import { describe, expect, it } from 'vitest';
import { lnGamma } from '../../src/random/lnGamma.ts';

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('lnGamma', () => {
  it('gives factorials at integers: Γ(n) = (n - 1)!', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(relativeError(Math.exp(lnGamma(n)), factorial)).toBeLessThan(1e-13);
      factorial *= n;
    }
  });

  it('matches closed forms at half-integers: Γ(1/2) = sqrt(pi), Γ(3/2) = sqrt(pi) / 2', () => {
    expect(relativeError(Math.exp(lnGamma(0.5)), Math.sqrt(Math.PI))).toBeLessThan(1e-14);
    expect(relativeError(Math.exp(lnGamma(1.5)), Math.sqrt(Math.PI) / 2)).toBeLessThan(1e-14);
  });

  it('matches SciPy (scipy.special.gamma, 1.17.1) elsewhere', () => {
    expect(relativeError(Math.exp(lnGamma(1 / 3)), 2.678938534707747)).toBeLessThan(1e-14);
    expect(relativeError(Math.exp(lnGamma(0.1)), 9.513507698668732)).toBeLessThan(1e-14);
    expect(relativeError(Math.exp(lnGamma(10.5)), 1133278.3889487856)).toBeLessThan(1e-13);
    // Γ(170.5) = 5.562092414559999e305, near the overflow limit: compare logs.
    expect(relativeError(lnGamma(170.5), Math.log(5.562092414559999e305))).toBeLessThan(1e-14);
  });

  it('is infinite at 0 and rejects negative or NaN input', () => {
    expect(lnGamma(0)).toBe(Infinity);
    expect(() => lnGamma(-1)).toThrow(RangeError);
    expect(() => lnGamma(Number.NaN)).toThrow(RangeError);
  });
});
