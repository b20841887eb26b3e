// The remembered index (indexer) gives indexFor's very numbers, to the last bit, for every year
// either side of the base: normalise switched to it for speed, and results must not move.
import { describe, expect, it } from 'vitest';
import { indexer, indexFor } from '../../src/scenario/rates.ts';
import type { Growth } from '../../src/scenario/schema/primitives.ts';

describe('indexer', () => {
  const growths: Growth[] = [
    0.03,
    { value: 0.0437, source: 'For the test: a rate with provenance.' } as Growth,
    {
      byYear: { '2019/20': 0.1, '2020/21': -0.02, '2031/32': 0.071 },
      otherwise: 0.0333,
    } as unknown as Growth,
  ];
  it.each(growths.map((g, i) => [i, g] as const))('equals indexFor bit for bit (growth %i)', (_, g) => {
    for (const base of [2017, 2024]) {
      const at = indexer(g, base);
      // Asked out of order, as normalise does (months, then vintage years from long before).
      for (const fy of [2030, 1990, 2024, 2017, 2050, 2000, 2025, 2018])
        expect(Object.is(at(fy), indexFor(g, base, fy))).toBe(true);
    }
  });
});
