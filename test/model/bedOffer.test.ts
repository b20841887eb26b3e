// Who is offered a local bed that frees or opens (policies.freedBed, repatriation), a home that
// offers its beds gradually after opening (openingRamp), and the share of time each home is full:
// each in the smallest deterministic model that shows it.
import { describe, expect, it } from 'vitest';
import { Replication } from '../../src/model/replication.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { modelFile, type ModelFileInput } from '../../src/scenario/schema/model.ts';
import { crossCheck } from '../../src/scenario/crossChecks.ts';

type Order = 'longestWaiting' | 'longestAway' | 'dearest' | 'highestNeed';

/** A year with no referrals: a cohort of each price, one child of each out of county, and one home that opens on day 100. */
function model(order: Order, extra: Partial<ModelFileInput> = {}): ModelFileInput {
  const cohort = (label: string, price: number) => ({
    label,
    referrals: { perYear: 0 },
    pathway: { stay: { type: 'fixed' as const, value: 2, unit: 'years' as const } },
    outOfCountyWeeklyPrice: { type: 'fixed' as const, value: price },
  });
  return {
    caresim: 1,
    name: `freed bed: ${order}`,
    time: { start: '2025-04-01', years: 1 },
    cohorts: { cheap: cohort('Cheap outside', 1000), dear: cohort('Dear outside', 7000) },
    homes: {
      home: { label: 'Home', beds: 1, cohorts: ['cheap', 'dear'], opens: '2025-07-10' },
    },
    // The cheap child is counted first, so "longest away" (all away since the start) picks it.
    initialCensus: { outOfCounty: { cheap: 1, dear: 1 }, remainingStay: 'full' },
    outOfCounty: { defaultWeeklyPrice: { type: 'fixed', value: 1 }, travelCostPerWeek: 0 },
    policies: { freedBed: order, repatriation: { enabled: true } },
    finance: { priceBase: '2025-04-01', inflation: { inHouse: 0, external: 0 }, discountRate: 0 },
    ...extra,
  };
}

function run(input: ModelFileInput) {
  const parsed = modelFile.parse(input);
  expect(crossCheck(parsed).filter((i) => i.severity === 'error')).toEqual([]);
  const sim = new Replication(normalise(parsed));
  const out = sim.run(3, 0);
  const M = sim.metrics.months;
  const row = (name: string) => {
    const r = sim.metrics.defs.findIndex((d) => d.name === name);
    if (r < 0) throw new Error(`no series ${name}`);
    return out.slice(r * M, (r + 1) * M);
  };
  const last = (name: string) => row(name)[M - 1]!;
  const sum = (name: string) => row(name).reduce((a, b) => a + b, 0);
  /** Area of a level over the year, in days (monthly means x days). */
  const days = (name: string) => {
    const b = sim.metrics.boundaries;
    return row(name).reduce((a, v, k) => a + v * (b[k + 1]! - b[k]!), 0);
  };
  return { last, sum, days };
}

describe('a local bed that opens is offered', () => {
  it('to the child whose external placement costs most, under "dearest"', () => {
    const r = run(model('dearest'));
    expect(r.sum('repatriations')).toBe(1);
    expect(r.last('outOfCounty.dear')).toBe(0);
    expect(r.last('outOfCounty.cheap')).toBe(1);
  });

  it('to the child away longest under "longestAway", and so under "longestWaiting" when no one waits', () => {
    for (const order of ['longestAway', 'longestWaiting'] as const) {
      const r = run(model(order));
      expect(r.last('outOfCounty.cheap'), order).toBe(0);
      expect(r.last('outOfCounty.dear'), order).toBe(1);
    }
  });

  it('to no one out of county when repatriation is off', () => {
    const r = run(model('dearest', { policies: { freedBed: 'dearest', repatriation: { enabled: false } } }));
    expect(r.sum('repatriations')).toBe(0);
    expect(r.days('occupancy.local')).toBe(0);
  });

  it('to the child of highest need within its cohort, under "highestNeed"', () => {
    // Two children of one cohort whose price is uniform: the child higher in the distribution is
    // both the dearer and the higher need, so "highestNeed" and "dearest" bring back the same child.
    const base = model('highestNeed');
    base.cohorts = {
      only: {
        label: 'Only',
        referrals: { perYear: 0 },
        pathway: { stay: { type: 'fixed', value: 2, unit: 'years' } },
        outOfCountyWeeklyPrice: { type: 'uniform', min: 1000, max: 9000 },
      },
    };
    base.homes = { home: { label: 'Home', beds: 1, cohorts: ['only'], opens: '2025-07-10' } };
    base.initialCensus = { outOfCounty: { only: 2 }, remainingStay: 'full' };
    const cost = (order: Order) => {
      const r = run({ ...base, policies: { freedBed: order, repatriation: { enabled: true } } });
      return r.sum('cost.oocPlacements');
    };
    expect(cost('highestNeed')).toBe(cost('dearest'));
    // Bringing back the dearer child leaves the cheaper one out: less external cost than the other way.
    expect(cost('dearest')).toBeLessThan(cost('longestAway'));
  });
});

/** One home of 3 beds for both cohorts, opening on `opens` with one bed, then one every `weeks`. */
const rampingHome = (opens: string, weeks: number) => ({
  home: {
    label: 'Home',
    beds: 3,
    cohorts: ['cheap', 'dear'],
    opens,
    openingRamp: { bedsAtOpening: 1, weeksPerExtraBed: weeks },
  },
});

describe('a home with an opening ramp', () => {
  it('offers one bed at opening and one more every ten weeks, and each is taken as it comes', () => {
    const input = model('dearest');
    input.homes = rampingHome('2025-04-01', 10);
    input.initialCensus = { outOfCounty: { cheap: 2, dear: 2 }, remainingStay: 'full' };
    const r = run(input);
    const year = 365;
    // Beds: 1 for 70 days, 2 for 70, 3 for the rest; every bed is taken the day it is offered.
    expect(r.days('beds.open')).toBeCloseTo(70 + 2 * 70 + 3 * (year - 140), 9);
    expect(r.days('occupancy.local')).toBeCloseTo(r.days('beds.open'), 9);
    expect(r.sum('repatriations')).toBe(3);
    // The two dear children first, then a cheap one.
    expect(r.last('outOfCounty.dear')).toBe(0);
    expect(r.last('outOfCounty.cheap')).toBe(1);
  });

  it('that opened before the start has offered the beds due by then', () => {
    const input = model('dearest');
    input.homes = rampingHome('2025-02-19', 4); // 41 days before the start
    input.initialCensus = { outOfCounty: { cheap: 2, dear: 2 }, remainingStay: 'full' };
    const r = run(input);
    // 41 days after opening one more bed was due (after 28), the third at 56 days: 15 days in.
    expect(r.days('beds.open')).toBeCloseTo(2 * 15 + 3 * (365 - 15), 9);
  });
});

describe('a ramping home with children in it at the start', () => {
  it('offers at least the beds its census children hold, and no more than its beds', () => {
    const input = model('dearest', { policies: { freedBed: 'dearest', repatriation: { enabled: false } } });
    input.homes = rampingHome('2025-02-19', 20);
    input.initialCensus = {
      local: [
        { home: 'home', cohort: 'cheap', children: 2 },
        { home: 'home', cohort: 'dear', children: 1 },
      ],
      remainingStay: 'full',
    };
    const r = run(input);
    // Three children all year in a home whose ramp alone would offer one bed, then two.
    expect(r.days('occupancy.local')).toBeCloseTo(3 * 365, 9);
    expect(r.days('beds.open')).toBeCloseTo(3 * 365, 9);
    expect(r.days('full.home.home')).toBeCloseTo(365, 9);
  });
});

describe('the share of time a home is full', () => {
  it('is the days it admitted children with no bed free, of the days it admitted any', () => {
    const r = run(model('dearest'));
    // Opens on day 100 and fills at once; both children stay two years.
    expect(r.days('open.home.home')).toBeCloseTo(265, 9);
    expect(r.days('full.home.home')).toBeCloseTo(265, 9);
    expect(r.days('homes.allFull')).toBeCloseTo(265, 9);
    const empty = run(
      model('dearest', { policies: { freedBed: 'dearest', repatriation: { enabled: false } } }),
    );
    expect(empty.days('open.home.home')).toBeCloseTo(265, 9);
    expect(empty.days('full.home.home')).toBe(0);
    expect(empty.days('homes.anyOpen')).toBeCloseTo(265, 9);
    expect(empty.days('homes.allFull')).toBe(0);
  });
});
