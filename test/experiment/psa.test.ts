// The probabilistic sensitivity analysis of a comparison, on a system whose answer is known: a
// second home of 3 beds beside a loss system's 20, at a fixed running cost, saves the
// out-of-county weeks it avoids times their price. With a uniform belief on the price, the
// saving given the price is price × E[weeks avoided] − running cost, so it crosses zero at
// running cost / E[weeks avoided], and the price must explain nearly all the spread; a belief on
// the discount rate, which no year's saving depends on, explains none.
import { describe, expect, it } from 'vitest';
import { compareScenario, comparisonPrecision, runComparison } from '../../src/experiment/compare.ts';
import { wilsonHalfWidth } from '../../src/stats/proportion.ts';
import { prepare } from '../../src/experiment/prepared.ts';
import { runReplications } from '../../src/experiment/runner.ts';
import { validateModelData } from '../../src/scenario/load.ts';
import { LOSS, rawModel, type RawModel } from '../model/helpers.ts';

const RUNNING = 300_000;
const TARGET = 50_000;

function prepared(raw: RawModel) {
  const v = validateModelData(raw);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return prepare(v.model);
}

function base(): RawModel {
  const raw = rawModel(LOSS);
  raw.time = { start: '2025-04-01', years: 2, warmupYears: 1 };
  raw.homes.home.beds = 20;
  raw.outOfCounty.defaultWeeklyPrice = {
    type: 'fixed',
    value: {
      value: 4000,
      uncertain: { type: 'uniform', min: 2000, max: 6000 },
      assumption: 'A belief for the test: what an out-of-county week costs.',
    },
  };
  raw.finance.discountRate = {
    value: 0.035,
    uncertain: { type: 'uniform', min: 0, max: 0.07 },
    assumption: 'A belief for the test that no year of saving depends on.',
  };
  raw.finance.savingsTarget = { perYear: TARGET, by: '2027-03-31' };
  return raw;
}

describe('probabilistic sensitivity analysis of a comparison', () => {
  it('finds what the saving hangs on, what knowing it is worth, and where the answer turns', async () => {
    const b = base();
    const s = structuredClone(b);
    s.homes.extra = {
      label: 'Extra home',
      beds: 3,
      cohorts: ['any'],
      opens: '2000-01-01',
      costs: { fixedPerYear: { value: RUNNING, source: 'For the test: its running cost a year.' } },
    };
    const reps = Array.from({ length: 400 }, (_, i) => i);
    const run = (raw: RawModel) => runReplications({ model: prepared(raw), seed: 7, reps, workers: 1 });
    const [sb, ss] = [await run(b), await run(s)];
    const c = compareScenario(sb, ss, 'extra.yaml');
    const psa = c.psa!;
    expect(psa.year).toBe('2026/27');
    expect(psa.rows.map((r) => r.draw)).toEqual([
      'outOfCounty.defaultWeeklyPrice.value',
      'finance.discountRate',
    ]);
    const [price, discount] = psa.rows as [(typeof psa.rows)[0], (typeof psa.rows)[0]];
    // Weeks avoided per replication, from the saving and the drawn price (saving = price × weeks − running).
    const saving = c.perRep['saving.2026/27']!;
    const prices = sb.draws.map((d) => d[0]!);
    const weeks = saving.map((x, i) => (x + RUNNING) / prices[i]!);
    const meanWeeks = weeks.reduce((a, w) => a + w, 0) / weeks.length;
    // Var(E[S | p]) / Var(S) with S = pW − c, p and W independent: E[W]² Var(p) / (E[p²] Var(W) + E[W]² Var(p)).
    const varWeeks = weeks.reduce((a, w) => a + (w - meanWeeks) ** 2, 0) / (weeks.length - 1);
    const varPrice = 4000 ** 2 / 12;
    const share =
      (meanWeeks ** 2 * varPrice) / ((4000 ** 2 + varPrice) * varWeeks + meanWeeks ** 2 * varPrice);

    expect(Math.abs(price.varianceShare - share)).toBeLessThan(0.05);
    expect(discount.varianceShare).toBeLessThan(0.02);
    expect(price.rankCorrelation).toBeGreaterThan(0.6);
    expect(price.savingThreshold!.direction).toBe('rising');
    expect(price.savingThreshold!.value / (RUNNING / meanWeeks)).toBeGreaterThan(0.95);
    expect(price.savingThreshold!.value / (RUNNING / meanWeeks)).toBeLessThan(1.05);
    // Meeting £50k takes a higher price; the chance rises with it.
    expect(price.targetThreshold!.direction).toBe('rising');
    expect(price.targetThreshold!.value).toBeGreaterThan(price.savingThreshold!.value);
    expect(price.targetThreshold!.value / ((RUNNING + TARGET) / meanWeeks)).toBeGreaterThan(0.9);
    expect(price.targetThreshold!.value / ((RUNNING + TARGET) / meanWeeks)).toBeLessThan(1.1);
    // Whether the home pays depends on the price: knowing it is worth something; the discount
    // rate, which moves the net present value but hardly the choice, is worth far less.
    expect(price.evppi).toBeGreaterThan(1000);
    expect(discount.evppi).toBeLessThan(price.evppi / 5);
    expect(psa.chanceMet).toBe(saving.filter((x) => x >= TARGET).length / saving.length);
  }, 300_000);

  it('is not made when nothing is uncertain or there are too few replications', async () => {
    const fixed = base();
    fixed.uncertainty = { fixed: true };
    const reps = Array.from({ length: 40 }, (_, i) => i);
    const set = await runReplications({ model: prepared(fixed), seed: 7, reps, workers: 1 });
    expect(compareScenario(set, set, 'same.yaml').psa).toBeNull();
    const few = await runReplications({
      model: prepared(base()),
      seed: 7,
      reps: reps.slice(0, 10),
      workers: 1,
    });
    expect(compareScenario(few, few, 'same.yaml').psa).toBeNull();
  }, 120_000);
});

describe('sequential stopping of a comparison (--precision)', () => {
  it('adds replications to every model until the decision metrics are precise, chances in absolute terms', async () => {
    const b = base();
    const s = structuredClone(b);
    s.homes.extra = {
      label: 'Extra home',
      beds: 3,
      cohorts: ['any'],
      opens: '2000-01-01',
      // Cheaper than the break-even, so that the cost avoided is well away from zero.
      costs: { fixedPerYear: { value: RUNNING / 2, source: 'For the test: its running cost a year.' } },
    };
    const result = await runComparison({
      models: [prepared(b), prepared(s)],
      files: ['base.yaml', 'extra.yaml'],
      replications: 20,
      seed: 9,
      workers: 1,
      precision: 0.08,
      maxReplications: 2000,
    });
    const stop = result.stopping!;
    expect(stop.reached).toBe(true);
    expect(stop.metrics).toEqual([
      `${result.comparisons[0]!.name}: costAvoided`,
      `${result.comparisons[0]!.name}: saving.2026/27`,
      `${result.comparisons[0]!.name}: chance of meeting the target`,
    ]);
    const n = result.sets[0]!.reps.length;
    expect(n).toBeGreaterThan(20);
    expect(result.sets[1]!.reps).toEqual(result.sets[0]!.reps);
    const c = result.comparisons[0]!;
    expect(wilsonHalfWidth(c.target!.probabilityMet, n)).toBeLessThanOrEqual(0.08);
    // The saving is judged on the scale of the larger of its mean and the target it is read against.
    const saving = c.savingByYear['2026/27']!;
    expect(saving.halfWidth!).toBeLessThanOrEqual(0.08 * Math.max(TARGET, saving.mean));
    const avoided = c.metrics.costAvoided!;
    expect(avoided.halfWidth!).toBeLessThanOrEqual(0.08 * Math.abs(avoided.mean));
    expect(comparisonPrecision(result.comparisons, 0.08).imprecise).toEqual([]);
  }, 300_000);
});
