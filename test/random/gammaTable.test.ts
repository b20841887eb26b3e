// The gamma quantile table: accuracy against direct @stdlib calls over stream uniforms, the closed form at
// shape 1, monotonicity, and fallbacks.

import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import { describe, expect, it } from 'vitest';
import { GAMMA_TABLE_TOLERANCE, buildGammaTable, gammaTableQuantile } from '../../src/random/gammaTable.ts';
import { createStream } from '../../src/random/streams.ts';

describe('gamma quantile table', () => {
  // Shapes from very skewed to nearly normal; 500 is the largest shape the distributions accept.
  for (const shape of [0.07, 0.1, 0.3, 1, 2, 7.5, 50, 500]) {
    it(`agrees with direct @stdlib calls within ${GAMMA_TABLE_TOLERANCE} relative at shape ${shape}`, () => {
      const scale = 3;
      const table = buildGammaTable(shape, scale);
      expect(table).not.toBeNull();
      if (table === null) return;
      expect(table.maxRelativeError).toBeLessThanOrEqual(GAMMA_TABLE_TOLERANCE);
      // Random uniforms from a stream, so the whole range a model can produce is exercised, tails included.
      const s = createStream(1, 0, `gamma-table/${shape}`);
      let worst = 0;
      for (let i = 0; i < 20_000; i++) {
        const u = s.next();
        const exact = scale * gammaQuantile(u, shape, 1);
        const error = Math.abs(gammaTableQuantile(table, u) - exact) / exact;
        if (error > worst) worst = error;
      }
      expect(worst).toBeLessThanOrEqual(GAMMA_TABLE_TOLERANCE);
    });
  }

  it('matches the closed form at shape 1 (exponential): Q(u) = -scale ln(1 - u)', () => {
    const table = buildGammaTable(1, 40);
    expect(table).not.toBeNull();
    if (table === null) return;
    for (const u of [1e-9, 0.01, 0.3, 0.5, 0.9, 0.999, 1 - 1e-9]) {
      const exact = -40 * Math.log1p(-u);
      expect(Math.abs(gammaTableQuantile(table, u) - exact) / exact).toBeLessThan(GAMMA_TABLE_TOLERANCE);
    }
  });

  it('is non-decreasing in u across knots', () => {
    const table = buildGammaTable(0.3, 1);
    expect(table).not.toBeNull();
    if (table === null) return;
    let previous = 0;
    let decreases = 0;
    for (let i = 1; i < 200_000; i++) {
      const q = gammaTableQuantile(table, i / 200_000);
      if (q < previous) decreases++;
      previous = q;
    }
    expect(decreases).toBe(0);
  });

  it('falls back to direct calls outside the tabulated range', () => {
    const table = buildGammaTable(2, 1);
    expect(table).not.toBeNull();
    if (table === null) return;
    for (const u of [1e-15, 1 - 1e-14]) {
      expect(gammaTableQuantile(table, u)).toBe(gammaQuantile(u, 2, 1));
    }
  });

  it('declines very small shapes, where @stdlib underflows the lower tail to 0', () => {
    expect(buildGammaTable(0.02, 1)).toBeNull();
  });
});
