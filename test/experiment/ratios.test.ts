// Headline ratios (overflow share, mean waits, local occupancy) are estimated by the ratio of
// their totals over replications, so short horizons do not bias them (issue 11).
import { describe, expect, it } from 'vitest';
import { ReplicationView } from '../../src/experiment/headline.ts';
import { prepare } from '../../src/experiment/prepared.ts';
import { runReplications } from '../../src/experiment/runner.ts';
import { buildTables } from '../../src/experiment/tables.ts';
import { formatModelError, loadModel } from '../../src/scenario/load.ts';
import { tCritical95 } from '../../src/stats/summary.ts';
import { allMatrices } from '../../src/experiment/matrices.ts';

function model(file: string) {
  const r = loadModel(file);
  if (!r.ok) throw new Error(r.errors.map(formatModelError).join('\n'));
  return r.model;
}

describe('headline ratios', () => {
  it('are the ratio of totals over replications, with their estimator named', async () => {
    const reps = Array.from({ length: 30 }, (_, i) => i);
    const set = await runReplications({
      model: prepare(model('models/leicestershire.yaml'), 2),
      seed: 4,
      reps,
      workers: 1,
    });
    const t = buildTables(set);
    let overflow = 0;
    let placements = 0;
    for (const m of allMatrices(set.matrices)) {
      const v = new ReplicationView(m, set.defs, set.calendar);
      overflow += v.total('overflow.allFull') + v.total('overflow.noEligibleBed');
      placements += v.total('placements.local') + v.total('placements.outOfCounty');
    }
    expect(t.summary.overflowShare!.mean).toBeCloseTo(overflow / placements, 12);
    // And year by year: the overflow share of each financial year, as the ratio of that year's totals.
    const fy = set.calendar.fyLabels[1]!;
    let yearOverflow = 0;
    let yearPlacements = 0;
    for (const m of allMatrices(set.matrices)) {
      const v = new ReplicationView(m, set.defs, set.calendar);
      yearOverflow += v.year('overflow.allFull', 1) + v.year('overflow.noEligibleBed', 1);
      yearPlacements += v.year('placements.local', 1) + v.year('placements.outOfCounty', 1);
    }
    expect(t.summary[`overflowShare.${fy}`]!.mean).toBeCloseTo(yearOverflow / yearPlacements, 12);
    expect(t.summary[`overflowShare.${fy}`]!.estimator).toBe('ratioOfTotals');
    expect(t.summary.overflowShare!.estimator).toBe('ratioOfTotals');
    expect(t.summary['cost.total']!.estimator).toBeUndefined();
  }, 60_000);

  it('give the Erlang C mean wait of those who wait, 1 / (c mu - lambda) = 13.33 days, over short horizons', async () => {
    // 23 beds, stays of mean 40 days, 0.5 referrals a day: a child who waits waits 1 / (23/40 - 0.5) days on average.
    const exact = 1 / (23 / 40 - 0.5);
    const reps = Array.from({ length: 400 }, (_, i) => i);
    const set = await runReplications({
      model: prepare(model('models/verification/erlang-c.yaml'), 1),
      seed: 9,
      reps,
      workers: 1,
    });
    const s = buildTables(set).summary['waits.meanDays']!;
    const se = s.halfWidth! / tCritical95(s.n);
    expect(Math.abs(s.mean - exact), `${s.mean} ± ${se} against ${exact}`).toBeLessThanOrEqual(4 * se);
  }, 120_000);
});
