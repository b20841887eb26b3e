// Net present value (issue 11): discounting is consistent (price-base money at a real rate when
// the model gives general inflation, the money of each year otherwise), and the assets' retained
// value is discounted from the end of the horizon, when they would be sold.
import { describe, expect, it } from 'vitest';
import { compareScenario } from '../../src/experiment/compare.ts';
import { prepare } from '../../src/experiment/prepared.ts';
import { runReplications } from '../../src/experiment/runner.ts';
import { loadModel, validateModelData } from '../../src/scenario/load.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawModel = Record<string, any>;

const YEARS = 3;
const RATE = 0.035;

/** The loss system over whole financial years from its price base, with a discount rate and no warm-up. */
function lossSystem(): RawModel {
  const r = loadModel('models/verification/loss-system.yaml');
  if (!r.ok) throw new Error('loss system invalid');
  const raw = structuredClone(r.raw) as RawModel;
  delete raw.time.warmupYears;
  raw.finance.discountRate = RATE;
  return raw;
}

async function npv(base: RawModel, scenario: RawModel, years = YEARS): Promise<number> {
  const sets = [];
  for (const raw of [base, scenario]) {
    const v = validateModelData(raw);
    if (!v.ok) throw new Error(v.errors.join('\n'));
    sets.push(await runReplications({ model: prepare(v.model, years), seed: 1, reps: [0], workers: 1 }));
  }
  return compareScenario(sets[0]!, sets[1]!, 'scenario').metrics.netPresentValue!.mean;
}

describe('net present value', () => {
  it('discounts the retained value of the assets from the end of the horizon', async () => {
    const base = lossSystem();
    const scenario = structuredClone(base);
    scenario.homes.home.costs = { retainedValue: { value: 1e6, assumption: 'A round number for the test.' } };
    // Nothing else differs: the net present value is the retained value, discounted over 3 years.
    expect(await npv(base, scenario)).toBeCloseTo(1e6 / (1 + RATE) ** YEARS, 6);
  }, 60_000);

  it('discounts the retained value from the end of a horizon that ends within a financial year', async () => {
    // From 1 October 2025 for 2 years: the horizon ends half-way through 2027/28 (183 of its
    // 366 days), 2.5 years after the start of the first financial year, 1 April 2025.
    const base = lossSystem();
    base.time.start = '2025-10-01';
    const scenario = structuredClone(base);
    scenario.homes.home.costs = { retainedValue: { value: 1e6, assumption: 'A round number for the test.' } };
    expect(await npv(base, scenario, 2)).toBeCloseTo(1e6 / (1 + RATE) ** 2.5, 6);
  }, 60_000);

  it('of price-base money does not move when in-house prices rise with general inflation', async () => {
    const withCost = (inHouse: number, general: number | undefined) => {
      const raw = lossSystem();
      raw.finance.inflation = { inHouse, external: 0, ...(general === undefined ? {} : { general }) };
      const base = structuredClone(raw);
      raw.homes.home.costs = { fixedPerYear: { value: 100_000, assumption: 'A round number for the test.' } };
      return [base, raw] as const;
    };
    const flat = await npv(...withCost(0, 0));
    // The scenario pays £100k a year more: about -£100k x (1 + 1/1.035 + 1/1.035^2).
    expect(flat).toBeLessThan(-280_000);
    expect(flat).toBeGreaterThan(-300_000);
    // Costs rising 5% a year with general inflation of 5% are the same in price-base money...
    expect(await npv(...withCost(0.05, 0.05))).toBeCloseTo(flat, 4);
    // ...and, given no general inflation, the money of each year is discounted as paid (nominal).
    expect(await npv(...withCost(0.05, undefined))).toBeLessThan(flat - 10_000);
  }, 60_000);
});
