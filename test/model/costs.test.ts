// Costs on deterministic pathways, summed by hand.
//
// test/fixtures/models/one-child-out-of-county.yaml: from 1 April 2025, one child already out of
// county for a fixed 100 days at £700 a week (£100 a day) plus £70 a week of travel (£10 a day), and
// an empty home open from 1 June 2025 at £365,242.50 a year (£1,000 a day: money a year is per
// 365.2425 days), with £500,000 capital less a £200,000 grant spent on 15 September 2025. Nothing is
// random on this pathway, so every figure is exact up to floating-point rounding.
//
// Months of the 2025/26 financial year have 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31 days.

import { describe, expect, it } from 'vitest';
import { COST_CATEGORIES } from '../../src/model/metrics.ts';
import type { Replication } from '../../src/model/replication.ts';
import { BASELINE, monthly, rawModel, simulator, simulatorOf, timeMean, total } from './helpers.ts';

const FIXTURE = 'test/fixtures/models/one-child-out-of-county.yaml';
const DAYS_PER_YEAR = 365.2425;

/** Expect every month of a series to equal the hand-computed values (rounding only). */
function expectMonths(sim: Replication, out: Float64Array, name: string, expected: number[]): void {
  const got = Array.from(monthly(sim, out, name));
  expect(got.length, name).toBe(expected.length);
  got.forEach((v, k) =>
    expect(v, `${name}, month ${sim.s.calendar.monthLabels[k]}`).toBeCloseTo(expected[k]!, 6),
  );
}

/** Sum of a series by financial year. */
function byFinancialYear(sim: Replication, out: Float64Array, name: string): number[] {
  const fy = sim.s.calendar.monthFy;
  const sums = new Array<number>(sim.s.calendar.fyLabels.length).fill(0);
  monthly(sim, out, name).forEach((v, k) => (sums[fy[k]!]! += v));
  return sums;
}

describe('a deterministic pathway: one child out of county, one empty home', () => {
  const sim = simulator(FIXTURE);
  const out = sim.run(1, 0);

  it('charges the external price for each day of the placement: 100 days x £100', () => {
    // 30 days of April, 31 of May, 30 of June and the first 9 days of July.
    expectMonths(sim, out, 'cost.oocPlacements', [3000, 3100, 3000, 900, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(total(sim, out, 'cost.oocPlacements')).toBeCloseTo(100 * 100, 6);
  });

  it('charges travel for each day out of county: 100 days x £10', () => {
    expectMonths(sim, out, 'cost.oocTravel', [300, 310, 300, 90, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(total(sim, out, 'cost.oocTravel')).toBeCloseTo(100 * 10, 6);
  });

  it("charges a home's running cost for each day it is open: fixedPerYear x days open / 365.2425", () => {
    // Open from 1 June 2025 (day 61) to the end of the horizon (day 365): 304 days.
    expectMonths(
      sim,
      out,
      'cost.homeFixed',
      [0, 0, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31].map((d) => d * 1000),
    );
    expect(total(sim, out, 'cost.homeFixed')).toBeCloseTo((365242.5 * 304) / DAYS_PER_YEAR, 6);
  });

  it('books capital net of grant in the month of its date', () => {
    expectMonths(sim, out, 'capital', [0, 0, 0, 0, 0, 500000 - 200000, 0, 0, 0, 0, 0, 0]);
  });

  it('adds the categories into the total, with nothing else charged', () => {
    for (const c of ['homeVariable', 'assessment', 'art', 'soldIncome'])
      expect(total(sim, out, `cost.${c}`), c).toBe(0);
    const categories = COST_CATEGORIES.map((c) => monthly(sim, out, `cost.${c.key}`));
    const totals = monthly(sim, out, 'cost.total');
    totals.forEach((v, k) =>
      expect(v).toBeCloseTo(
        categories.reduce((x, c) => x + c[k]!, 0),
        6,
      ),
    );
    expect(total(sim, out, 'cost.total')).toBeCloseTo(10000 + 1000 + 304000, 6);
  });

  it('counts the census child as out of county but not as a placement', () => {
    expectMonths(sim, out, 'outOfCounty.children', [1, 1, 1, 9 / 31, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(total(sim, out, 'placements.outOfCounty')).toBe(0);
    expect(total(sim, out, 'referrals')).toBe(0);
  });

  it('gives the same costs whatever the seed (nothing on this pathway is random)', () => {
    const other = simulator(FIXTURE).run(12345, 7);
    expect(Array.from(other)).toEqual(Array.from(out));
  });
});

describe('an opening delay', () => {
  // The empty home slips by a fixed 40 days, from 1 June (day 61) to 11 July 2025 (day 101): it costs
  // money from the day it really opens. Capital given an explicit capitalDate is spent on that date;
  // capital without one is spent at the (delayed) opening.
  const delayed = (capitalDate: boolean) => {
    const raw = rawModel(FIXTURE);
    raw.homes.emptyHome.openingDelay = { type: 'fixed', value: 40, unit: 'days' };
    if (!capitalDate) delete raw.homes.emptyHome.costs.capitalDate;
    const sim = simulatorOf(raw);
    return { sim, out: sim.run(1, 0) };
  };

  it('starts the running cost on the delayed opening day', () => {
    const { sim, out } = delayed(true);
    // July: days 101..121 of 91..121, 21 days.
    expectMonths(
      sim,
      out,
      'cost.homeFixed',
      [0, 0, 0, 21, 31, 30, 31, 30, 31, 31, 28, 31].map((d) => d * 1000),
    );
    expectMonths(sim, out, 'capital', [0, 0, 0, 0, 0, 300000, 0, 0, 0, 0, 0, 0]);
  });

  it('spends capital without a date at the delayed opening', () => {
    const { sim, out } = delayed(false);
    expectMonths(sim, out, 'capital', [0, 0, 0, 300000, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('inflation across a financial-year boundary', () => {
  // The same pathway from 1 February 2026, priced at 1 February 2026 (financial year 2025/26), with
  // external prices up 10% and in-house costs up 5% from 1 April 2026 (2026/27), and the home open
  // throughout. The placement runs 28 days in February and 31 in March at £100, then 41 days in
  // 2026/27 (30 in April, 11 in May) at £110. Travel is an in-house cost: £10, then £10.50.
  const raw = rawModel(FIXTURE);
  raw.time.start = '2026-02-01';
  raw.finance.priceBase = '2026-02-01';
  raw.finance.inflation = {
    external: { byYear: { '2026/27': 0.1 }, otherwise: 0 },
    inHouse: { byYear: { '2026/27': 0.05 }, otherwise: 0 },
  };
  raw.homes.emptyHome.opens = '2020-01-01';
  raw.homes.emptyHome.costs = { fixedPerYear: 365242.5 };
  const sim = simulatorOf(raw);
  const out = sim.run(1, 0);

  it('prices each day at its own financial year', () => {
    expect(sim.s.calendar.fyLabels).toEqual(['2025/26', '2026/27']);
    expectMonths(sim, out, 'cost.oocPlacements', [2800, 3100, 3300, 1210, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(byFinancialYear(sim, out, 'cost.oocPlacements').map((x) => +x.toFixed(6))).toEqual([5900, 4510]);
    expectMonths(sim, out, 'cost.oocTravel', [280, 310, 315, 115.5, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(total(sim, out, 'cost.oocTravel')).toBeCloseTo(590 + 41 * 10.5, 6);
  });

  it('inflates a running cost from the first day of the financial year', () => {
    // 59 days at £1,000 a day, then 306 days at £1,050.
    const fy = byFinancialYear(sim, out, 'cost.homeFixed');
    expect(fy[0]).toBeCloseTo(59 * 1000, 6);
    expect(fy[1]).toBeCloseTo(306 * 1050, 6);
  });
});

describe('ART and unit costs', () => {
  /** The fixture with an ART of 12 places at £660 a child-week, from before the start. */
  function withArt(costBasis: 'capacity' | 'caseload', years: number) {
    const raw = rawModel(FIXTURE);
    raw.time.years = years;
    raw.art = {
      starts: '2020-01-01',
      capacity: 12,
      weeklyCostPerChild: 660,
      costBasis,
      supports: ['local'],
      supportDuration: { type: 'fixed', value: 10, unit: 'weeks' },
      effect: { breakdownHazardRatio: 1 },
    };
    return simulatorOf(raw);
  }

  it('charges an ART staffed for its capacity 12 x £660 / 7 a day, full or not', () => {
    // 000 ¶14's £411,840 a year is 12 x 660 x 52 weeks; the model charges by the day, so a
    // 365-day financial year costs 12 x 660 x 365 / 7 = £413,074, a 366-day one £414,206, and a
    // year of 365.2425 days on average 12 x 660 x 365.2425 / 7 = £413,253.
    const sim = withArt('capacity', 4);
    const out = sim.run(1, 0);
    expect(sim.s.calendar.fyLabels).toEqual(['2025/26', '2026/27', '2027/28', '2028/29']);
    const daysInFy = [365, 365, 366, 365]; // 2027/28 holds 29 February 2028
    byFinancialYear(sim, out, 'cost.art').forEach((v, i) =>
      expect(v).toBeCloseTo((12 * 660 * daysInFy[i]!) / 7, 6),
    );
    expect(total(sim, out, 'art.starts')).toBe(0); // nobody to support: the census child is out of county
    monthly(sim, out, 'art.capacity').forEach((v) => expect(v).toBeCloseTo(12, 12));
  });

  it('charges an ART paid by caseload only for children supported', () => {
    const sim = withArt('caseload', 1);
    expect(total(sim, sim.run(1, 0), 'cost.art')).toBe(0);
  });

  it('charges caseload-based ART, per-occupied-bed and per-open-bed costs by the day on the baseline', () => {
    // On the Leicestershire baseline (ART charged by caseload here): each month, cost = level x days
    // x daily rate x the month's in-house price index, and the index is 1.04 a year from 2020/21.
    const raw = rawModel(BASELINE);
    raw.art.costBasis = 'caseload';
    // A caseload-costed team has no block contract: MISTLE's step is costed per child here too.
    delete raw.art.capacity[0].costPerYear;
    // The baseline costs the assessment unit whole (000 ¶20); per open bed is tested here.
    raw.assessment.costBasis = 'perBedOpen';
    const sim = simulatorOf(raw);
    const out = sim.run(20240305, 0);
    const cal = sim.s.calendar;
    const b = cal.monthBreaks;
    const art = monthly(sim, out, 'art.caseload');
    const artCost = monthly(sim, out, 'cost.art');
    const assessmentOpen = monthly(sim, out, 'assessment.open');
    const assessmentCost = monthly(sim, out, 'cost.assessment');
    const perOccupied = sim.s.homes.map((h) => ({
      rate: h.perOccupiedBedDay,
      level: monthly(sim, out, `occupancy.home.${h.id}`),
    }));
    const variable = monthly(sim, out, 'cost.homeVariable');
    for (let k = 0; k < sim.metrics.months; k++) {
      const days = b[k + 1]! - b[k]!;
      const fy = cal.monthFy[k]!;
      expect(cal.inHouseIndex[k]).toBeCloseTo(1.04 ** (fy - 3), 12); // 2017/18 is fy 0, 2020/21 the base
      const index = cal.inHouseIndex[k]!;
      expect(artCost[k]).toBeCloseTo(art[k]! * days * (660 / 7) * index, 4);
      // 3 assessment beds at £5,200 a week each while open (from 1 April 2025).
      expect(assessmentCost[k]).toBeCloseTo(assessmentOpen[k]! * days * (5200 / 7) * index, 4);
      if (cal.monthLabels[k]! >= '2025-04') expect(assessmentOpen[k]).toBe(3);
      else expect(assessmentOpen[k]).toBe(0);
      const expected = perOccupied.reduce((x, h) => x + h.level[k]! * days * h.rate, 0) * index;
      expect(variable[k]).toBeCloseTo(expected, 4);
    }
    expect(timeMean(sim, out, 'art.caseload')).toBeGreaterThan(0);
  });

  it('charges a whole assessment unit its weekly cost while it is open, however many beds it has', () => {
    // The baseline: £5,200 a week for the three beds together (000 ¶20), from 1 April 2025.
    const sim = simulatorOf(rawModel(BASELINE));
    const out = sim.run(20240305, 0);
    const cal = sim.s.calendar;
    const b = cal.monthBreaks;
    const open = monthly(sim, out, 'assessment.open');
    const cost = monthly(sim, out, 'cost.assessment');
    for (let k = 0; k < sim.metrics.months; k++) {
      const days = b[k + 1]! - b[k]!;
      const unitOpen = open[k]! > 0 ? 1 : 0;
      expect(cost[k]).toBeCloseTo(unitOpen * days * (5200 / 7) * cal.inHouseIndex[k]!, 4);
    }
    expect(open[open.length - 1]).toBe(3);
  });
});
