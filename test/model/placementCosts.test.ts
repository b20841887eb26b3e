// What placements cost, in the smallest deterministic models that show it, to the pound: an
// assessment stay that replaces the emergency placement, onward placements after a step-down, a
// child's needs in a local home, external prices by vintage, travel only for distant placements,
// a home's running cost per bed, and a block contract in the ART's capacity steps (MISTLE).
import { describe, expect, it } from 'vitest';
import { Replication } from '../../src/model/replication.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { modelFile, type ModelFileInput } from '../../src/scenario/schema/model.ts';
import { crossCheck } from '../../src/scenario/crossChecks.ts';

const finance = { priceBase: '2025-04-01', inflation: { inHouse: 0, external: 0 }, discountRate: 0 };
const outOfCounty = { defaultWeeklyPrice: { type: 'fixed' as const, value: 700 }, travelCostPerWeek: 0 };

function run(input: ModelFileInput, rep = 0) {
  const parsed = modelFile.parse(input);
  expect(crossCheck(parsed).filter((i) => i.severity === 'error')).toEqual([]);
  const sim = new Replication(normalise(parsed));
  const out = sim.run(7, rep);
  const M = sim.metrics.months;
  const row = (name: string) => {
    const r = sim.metrics.defs.findIndex((d) => d.name === name);
    if (r < 0) throw new Error(`no series ${name}`);
    return out.slice(r * M, (r + 1) * M);
  };
  const sum = (name: string) => row(name).reduce((a, b) => a + b, 0);
  const b = sim.metrics.boundaries;
  const days = (name: string) => row(name).reduce((a, v, k) => a + v * (b[k + 1]! - b[k]!), 0);
  return { sum, days };
}

/** One child out of county from the start for `stayDays`, in a two-year model. */
function oneChild(extra: Partial<ModelFileInput>, stayDays = 100): ModelFileInput {
  return {
    caresim: 1,
    name: 'one child',
    time: { start: '2025-04-01', years: 2 },
    cohorts: {
      child: {
        label: 'Child',
        referrals: { perYear: 0 },
        pathway: { stay: { type: 'fixed', value: stayDays, unit: 'days' } },
      },
    },
    initialCensus: { outOfCounty: { child: 1 }, remainingStay: 'full' },
    outOfCounty,
    finance,
    ...extra,
  };
}

describe('an assessment stay', () => {
  /** Children referred at a breakdown: a 100-day need, a 30-day assessment, no local home. */
  const model = (replacesPlacement: boolean): ModelFileInput => ({
    caresim: 1,
    name: 'assessment',
    time: { start: '2025-04-01', years: 1 },
    cohorts: {
      child: {
        label: 'Child',
        referrals: { perYear: 0 },
        pathway: { stay: { type: 'fixed', value: 100, unit: 'days' }, breakdown: { perYear: 0.000001 } },
      },
    },
    // A child found in care on day 0 is not referred at a breakdown; one referred later is (share 1).
    assessment: {
      beds: 20, // never full: every child referred is assessed
      opens: '2025-04-01',
      stay: { type: 'fixed', value: 30, unit: 'days' },
      weeklyCost: 0,
      costBasis: 'wholeUnit',
      replacesPlacement,
    },
    outOfCounty,
    finance,
  });

  it('uses up the need as the emergency placement it replaces would (000 ¶17-20), or adds to it', () => {
    const add = (m: ModelFileInput): ModelFileInput => {
      m.cohorts.child!.referrals = { perYear: 1, atBreakdownShare: 1 };
      m.time = { start: '2025-04-01', years: 30 };
      return m;
    };
    const replaces = run(add(model(true)));
    const adds = run(add(model(false)));
    // The same children, referred on the same days: in care 100 days each, or 130.
    expect(replaces.sum('assessments')).toBe(adds.sum('assessments'));
    expect(replaces.sum('assessments')).toBeGreaterThan(10);
    const perChild = (r: ReturnType<typeof run>) => r.days('outOfCounty.children') / r.sum('assessments');
    expect(perChild(replaces)).toBeLessThan(71);
    expect(perChild(replaces)).toBeGreaterThan(60); // 70 days out of county after the assessment (less at the horizon)
    expect(perChild(adds) - perChild(replaces)).toBeGreaterThan(25);
  });
});

describe('an onward placement after a step-down', () => {
  const destination = (d: Record<string, unknown>) =>
    oneChild({
      cohorts: {
        child: {
          label: 'Child',
          referrals: { perYear: 0 },
          ageAtReferral: { type: 'fixed', value: 17.5 },
          pathway: {
            stay: { type: 'fixed', value: 100, unit: 'days' },
            stepDown: { foster: { probability: 1, ...d } },
          },
        },
      },
    });

  it('costs its weekly cost for its duration from the day the child moves', () => {
    const r = run(destination({ weeklyCost: 700, duration: { type: 'fixed', value: 10, unit: 'weeks' } }));
    expect(r.sum('cost.onward')).toBeCloseTo(70 * 100, 6);
    expect(r.days('onward.children')).toBeCloseTo(70, 9);
  });

  it('ends at untilAge when that comes first', () => {
    // Aged 17.5 at the start: the placement ends on day 100, the cost at 18, 0.5 years in.
    const r = run(
      destination({ weeklyCost: 700, untilAge: 18, duration: { type: 'fixed', value: 5, unit: 'years' } }),
    );
    const halfYear = 0.5 * 365.2425;
    expect(r.sum('cost.onward')).toBeCloseTo(100 * (halfYear - 100), 6);
  });

  it('needs a duration or an age to end it', () => {
    const parsed = modelFile.parse(destination({ weeklyCost: 700 }));
    expect(crossCheck(parsed).map((i) => i.message)).toContain(
      'an onward weekly cost needs a duration or untilAge (how long the council pays it)',
    );
  });
});

describe("a child's needs in a local home", () => {
  it('cost the share of the external price premium the model says, on average over children', () => {
    // Prices uniform on £1,000 to £3,000 a week (mean £2,000): E[(X - 2000)+] = £250 a week.
    const model: ModelFileInput = {
      caresim: 1,
      name: 'need',
      time: { start: '2025-04-01', years: 20 },
      cohorts: {
        child: {
          label: 'Child',
          referrals: { perYear: 50 },
          pathway: { stay: { type: 'fixed', value: 60, unit: 'days' } },
          outOfCountyWeeklyPrice: { type: 'uniform', min: 1000, max: 3000 },
          localPremiumShare: 0.4,
        },
      },
      homes: { home: { label: 'Home', beds: 200, cohorts: ['child'], opens: '2025-04-01' } },
      outOfCounty,
      finance,
    };
    const r = run(model);
    const perChildWeek = (r.sum('cost.homeNeed') / r.days('occupancy.local')) * 7;
    // About 1,000 children: the mean of 0.4 (X - 2000)+ has sd about 0.4 x 300 / sqrt(1000) = £4.
    expect(Math.abs(perChildWeek - 0.4 * 250)).toBeLessThan(4 * 4);
    const none = run({ ...model, cohorts: { child: { ...model.cohorts.child!, localPremiumShare: 0 } } });
    expect(none.sum('cost.homeNeed')).toBe(0);
    expect(none.sum('cost.homeVariable')).toBe(r.sum('cost.homeVariable'));
  });
});

describe('external prices', () => {
  /** A child placed at the start for two years, prices 10% up in the second year. */
  const priced = (indexation: 'allPlacements' | 'placementStart', uplift?: number) =>
    oneChild(
      {
        outOfCounty: { defaultWeeklyPrice: { type: 'fixed', value: 700 }, travelCostPerWeek: 0 },
        finance: {
          ...finance,
          externalIndexation: indexation,
          inflation: {
            inHouse: 0,
            external: { byYear: { '2026/27': 0.1 }, otherwise: 0 },
            ...(uplift === undefined ? {} : { externalInPayment: uplift }),
          },
        },
      },
      800,
    );

  it('reprice every placement each year, or keep the price a placement started at (vintage)', () => {
    const year2Days = 365; // 2026/27, to the horizon's end (the stay outlasts it)
    const all = run(priced('allPlacements'));
    const vintage = run(priced('placementStart'));
    expect(all.sum('cost.oocPlacements')).toBeCloseTo(100 * 365 + 110 * year2Days, 6);
    expect(vintage.sum('cost.oocPlacements')).toBeCloseTo(100 * 730, 6);
    const uplifted = run(priced('placementStart', 0.03));
    expect(uplifted.sum('cost.oocPlacements')).toBeCloseTo(100 * 365 + 103 * year2Days, 6);
  });

  it('under vintage pricing charge each placement the price of the year it started', () => {
    // 30-day placements referred over two years: from May 2026 every child out of county was
    // placed in 2026/27 and pays 110 a day; in 2025/26, 100.
    const m = priced('placementStart');
    m.initialCensus = undefined;
    m.cohorts.child!.referrals = { perYear: 6 };
    m.cohorts.child!.pathway = { stay: { type: 'fixed', value: 30, unit: 'days' } };
    const sim = new Replication(normalise(modelFile.parse(m)));
    const M = sim.metrics.months;
    const row = (out: Float64Array, name: string) => {
      const r = sim.metrics.defs.findIndex((d) => d.name === name);
      return out.slice(r * M, (r + 1) * M);
    };
    let checked = 0;
    for (let rep = 0; rep < 5; rep++) {
      const out = sim.run(7, rep);
      const cost = row(out, 'cost.oocPlacements');
      const children = row(out, 'outOfCounty.children');
      for (let k = 0; k < M; k++) {
        if (children[k] === 0 || k === 12) continue; // April 2026 mixes the two years' placements
        const b = sim.metrics.boundaries;
        const perDay = cost[k]! / (children[k]! * (b[k + 1]! - b[k]!));
        expect(perDay).toBeCloseTo(k < 12 ? 100 : 110, 9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('under vintage pricing charge a child found in care the price of the year its placement began', () => {
    // Prices rose 10% in 2025/26, the first year simulated: a child in care at the start was placed
    // in an earlier, cheaper year (its residual stay says how long ago), and keeps that price.
    const m = oneChild(
      {
        finance: {
          ...finance,
          externalIndexation: 'placementStart',
          inflation: { inHouse: 0, external: { byYear: { '2025/26': 0.1 }, otherwise: 0 } },
        },
        initialCensus: { outOfCounty: { child: 1 }, remainingStay: 'residual' },
      },
      200,
    );
    const r = run(m);
    expect(r.sum('cost.oocPlacements') / r.days('outOfCounty.children')).toBeCloseTo(100 / 1.1, 9);
    m.finance.externalIndexation = 'allPlacements';
    const all = run(m);
    expect(all.sum('cost.oocPlacements') / all.days('outOfCounty.children')).toBeCloseTo(100, 9);
  });

  it('under vintage pricing charge a child found in a local home, whose placement breaks down, the price of the day it moves out', () => {
    const m = oneChild(
      {
        cohorts: {
          child: {
            label: 'Child',
            referrals: { perYear: 0 },
            pathway: { stay: { type: 'fixed', value: 600, unit: 'days' }, breakdown: { perYear: 50 } },
          },
        },
        homes: { h: { label: 'H', beds: 1, cohorts: ['child'], opens: '2020-04-01' } },
        initialCensus: { local: [{ home: 'h', cohort: 'child', children: 1 }], remainingStay: 'residual' },
        finance: {
          ...finance,
          externalIndexation: 'placementStart',
          inflation: { inHouse: 0, external: { byYear: { '2025/26': 0.1 }, otherwise: 0 } },
        },
      },
      600,
    );
    const r = run(m);
    // It breaks down within days and cannot go back to the home it broke down in: out of county, at
    // the price of 2025/26 (100 a day), not of the year its census placement began (100 / 1.1).
    expect(r.sum('breakdowns')).toBeGreaterThan(0);
    expect(r.sum('cost.oocPlacements') / r.days('outOfCounty.children')).toBeCloseTo(100, 9);
  });

  it('bring travel only for the share placed far away', () => {
    const near = run(
      oneChild({ outOfCounty: { ...outOfCounty, travelCostPerWeek: 333, distantShare: 0.5 } }),
    );
    const far = run(oneChild({ outOfCounty: { ...outOfCounty, travelCostPerWeek: 333 } }));
    expect(far.sum('cost.oocTravel')).toBeCloseTo((333 / 7) * 100, 6);
    expect(near.sum('cost.oocTravel')).toBeCloseTo(far.sum('cost.oocTravel') / 2, 6);
  });
});

describe("a home's running cost", () => {
  it('priced per bed moves with its beds', () => {
    const home = (beds: number): ModelFileInput =>
      oneChild({
        homes: {
          h: {
            label: 'H',
            beds,
            cohorts: ['child'],
            opens: '2025-04-01',
            costs: { perBedWeek: 700, fixedPerYear: 36524.25 },
          },
        },
      });
    const days = 2 * 365;
    expect(run(home(2)).sum('cost.homeFixed')).toBeCloseTo((2 * 100 + 100) * days, 4);
    expect(run(home(3)).sum('cost.homeFixed')).toBeCloseTo((3 * 100 + 100) * days, 4);
  });
});

describe('a block contract in the ART capacity steps', () => {
  it('costs its value a year whatever its size, then the next step its capacity at the cost per child (000 ¶14-16)', () => {
    const m = oneChild({
      time: { start: '2019-04-01', years: 2 },
      art: {
        starts: '2019-04-01',
        capacity: [
          {
            from: '2019-04-01',
            children: 10,
            costPerYear: 450_000,
            provider: 'MISTLE (Action for Children)',
          },
          { from: '2020-04-01', children: 12 },
        ],
        weeklyCostPerChild: 660,
        supports: ['local', 'outOfCounty'],
        supportDuration: { type: 'fixed', value: 26, unit: 'weeks' },
        effect: { breakdownHazardRatio: 1 },
      },
      finance: { ...finance, priceBase: '2019-04-01' },
    });
    const r = run(m);
    // 2019/20 has 366 days; 2020/21 has 365: 12 x £660 a week.
    expect(r.sum('cost.art')).toBeCloseTo((450_000 / 365.2425) * 366 + ((12 * 660) / 7) * 365, 4);
  });

  it('is refused when the team is costed by caseload', () => {
    const m = oneChild({
      art: {
        starts: '2025-04-01',
        capacity: [{ from: '2025-04-01', children: 10, costPerYear: 450_000 }],
        weeklyCostPerChild: 660,
        costBasis: 'caseload',
        supports: ['local'],
        supportDuration: { type: 'fixed', value: 26, unit: 'weeks' },
        effect: { breakdownHazardRatio: 1 },
      },
    });
    expect(crossCheck(modelFile.parse(m)).map((i) => i.message)).toContain(
      'a block cost a year is for costBasis capacity (the team costs that whatever its caseload)',
    );
  });
});
