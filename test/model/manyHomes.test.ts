// A model of more homes than are reported one by one (model/series.ts, MAX_HOMES_REPORTED_EACH):
// its homes are reported together, and everything downstream of the series still works.
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/experiment/prepared.ts';
import { runModel } from '../../src/experiment/run.ts';
import { ReplicationView } from '../../src/experiment/headline.ts';
import { overflowReasons } from '../../src/experiment/sweep.ts';
import { MAX_HOMES_REPORTED_EACH } from '../../src/model/series.ts';
import { validateModelData } from '../../src/scenario/load.ts';
import { nationalModel } from '../bench/nationalModel.ts';
import { allMatrices } from '../../src/experiment/matrices.ts';

async function run(homes: number) {
  const v = validateModelData(nationalModel({ homes, years: 2, load: 1.1 }));
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return runModel({ model: prepare(v.model), replications: 2, seed: 1, workers: 1 });
}

describe('a model of many homes', () => {
  it('has a series for each home up to the limit, and reports them together beyond it', async () => {
    const at = await run(MAX_HOMES_REPORTED_EACH);
    const beyond = await run(MAX_HOMES_REPORTED_EACH + 1);
    const names = (r: typeof at) => r.set.defs.map((d) => d.name);
    expect(names(at)).toContain('occupancy.home.h0001');
    expect(names(at)).toContain('full.home.h0100');
    expect(Object.keys(at.tables.summary)).toContain('fullShare.h0001');
    expect(names(beyond).filter((n) => n.includes('.home.'))).toEqual([]);
    expect(Object.keys(beyond.tables.summary).filter((k) => k.includes('h0001'))).toEqual([]);
    // The homes together are still reported, and the run's overflow is explained by reason.
    expect(beyond.tables.summary['occupancy.local']!.mean).toBeGreaterThan(100);
    const views = allMatrices(beyond.set.matrices).map(
      (m) => new ReplicationView(m, beyond.set.defs, beyond.set.calendar),
    );
    const reasons = Object.values(overflowReasons(beyond.set, views));
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.some((r) => r.allFull > 0)).toBe(true);
  }, 120_000);
});
