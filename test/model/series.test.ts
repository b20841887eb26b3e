// The series table (src/model/series.ts) is the one source of the series definitions and of the
// rows a replication writes: every row of the result matrix is written, names are unique, and a
// misspelt series name is a type error (checked by tsc, which compiles the tests).
import { describe, expect, it } from 'vitest';
import { COST_CATEGORIES, seriesDefinitions, type SeriesName } from '../../src/model/metrics.ts';
import { BASELINE, DOUBLE_ART, LOSS, simulator, TWO_MORE_HOMES } from './helpers.ts';

describe('the series table', () => {
  it.each([LOSS, BASELINE, DOUBLE_ART, TWO_MORE_HOMES])('writes every row it defines for %s', (file) => {
    const sim = simulator(file, { years: 3 });
    expect(sim.metrics.defs).toEqual(seriesDefinitions(sim.s));
    const names = sim.metrics.defs.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    // Every cell is written, whatever was in the matrix before.
    const out = new Float64Array(sim.metrics.defs.length * sim.metrics.months).fill(NaN);
    sim.run(3, 0, null, out);
    const unwritten = sim.metrics.defs.filter((_, r) =>
      out.subarray(r * sim.metrics.months, (r + 1) * sim.metrics.months).some(Number.isNaN),
    );
    expect(unwritten.map((d) => d.name)).toEqual([]);
  });

  it('names a series per cohort, home, destination and cost category', () => {
    const s = simulator(BASELINE).s;
    const names = new Set<string>(seriesDefinitions(s).map((d) => d.name));
    for (const c of s.cohorts) expect(names).toContain(`referrals.${c.id}`);
    for (const h of s.homes) expect(names).toContain(`occupancy.home.${h.id}`);
    for (const c of COST_CATEGORIES) expect(names).toContain(`cost.${c.key}`);
  });

  it('types series names', () => {
    const ok: SeriesName[] = [
      'cost.total',
      'occupancy.home.anyHome',
      'referrals.anyCohort',
      'cost.soldIncome',
    ];
    // @ts-expect-error a misspelt series name
    const misspelt: SeriesName = 'ocupancy.local';
    // @ts-expect-error not a cost category
    const notACost: SeriesName = 'cost.lunch';
    expect([...ok, misspelt, notACost]).toHaveLength(6);
  });
});
