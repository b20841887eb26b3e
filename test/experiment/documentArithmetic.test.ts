/**
 * Where the council's documents give arithmetic, a deterministic run of caresim reproduces it
 * to the pound: fixed stays, fixed prices, no inflation, no randomness left that matters.
 */
import { describe, expect, it } from 'vitest';
import { Replication } from '../../src/model/replication.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { modelFile, type ModelFileInput } from '../../src/scenario/schema/model.ts';

const common = {
  caresim: 1 as const,
  time: { start: '2025-04-01', years: 1 },
  outOfCounty: { defaultWeeklyPrice: { type: 'fixed' as const, value: 5117 }, travelCostPerWeek: 0 },
  finance: { priceBase: '2025-04-01', inflation: { inHouse: 0, external: 0 }, discountRate: 0 },
};

function total(model: ModelFileInput, series: string): number {
  const sim = new Replication(normalise(modelFile.parse(model)));
  const out = sim.run(1, 0);
  const row = sim.metrics.defs.findIndex((d) => d.name === series);
  let x = 0;
  for (let k = 0; k < sim.metrics.months; k++) x += out[row * sim.metrics.months + k]!;
  return x;
}

describe("the documents' arithmetic, to the pound", () => {
  it('the ART at full capacity costs £411,840 a year: 12 children x £660 x 52 weeks (000 ¶14)', () => {
    const model: ModelFileInput = {
      ...common,
      name: 'The ART alone, for 52 weeks',
      cohorts: {
        any: {
          label: 'Any',
          referrals: { perYear: 0 },
          pathway: { stay: { type: 'fixed', value: 1, unit: 'years' } },
        },
      },
      art: {
        starts: '2025-04-01',
        // 52 weeks = 364 days after the start, the team stops.
        capacity: [
          { from: '2025-04-01', children: 12 },
          { from: '2026-03-31', children: 0 },
        ],
        weeklyCostPerChild: 660,
        costBasis: 'capacity',
        supports: ['local', 'outOfCounty'],
        supportDuration: { type: 'fixed', value: 26, unit: 'weeks' },
        effect: { breakdownHazardRatio: 0.6 },
      },
    };
    expect(Math.round(total(model, 'cost.art'))).toBe(411_840);
  });

  it('the 16+ home saves £136k a year at 75% occupancy: £1,164 a person-week x 2.25 x 52 (002 ¶14b)', () => {
    // Three beds at 75% occupancy = 2.25 children on average over 52 weeks: two children for
    // 364 days and a third for 91 days (13 weeks). Out of county each would cost £5,117 a week
    // (002 ¶14b); in the home, £1,164 a week less.
    const cohorts = {
      year: {
        label: 'Placed for 52 weeks',
        referrals: { perYear: 0 },
        pathway: { stay: { type: 'fixed' as const, value: 364, unit: 'days' as const } },
      },
      quarter: {
        label: 'Placed for 13 weeks',
        referrals: { perYear: 0 },
        pathway: { stay: { type: 'fixed' as const, value: 91, unit: 'days' as const } },
      },
    };
    const doNothing: ModelFileInput = {
      ...common,
      name: 'Out of county',
      cohorts,
      initialCensus: { outOfCounty: { year: 2, quarter: 1 }, remainingStay: 'full' },
    };
    const home: ModelFileInput = {
      ...common,
      name: 'The 16+ home',
      cohorts,
      homes: {
        sixteenPlus: {
          label: '16+ home',
          beds: 3,
          cohorts: ['year', 'quarter'],
          opens: '2025-04-01',
          costs: { perOccupiedBedWeek: 5117 - 1164 },
        },
      },
      initialCensus: {
        local: [
          { home: 'sixteenPlus', cohort: 'year', children: 2 },
          { home: 'sixteenPlus', cohort: 'quarter', children: 1 },
        ],
        remainingStay: 'full',
      },
    };
    const saving = total(doNothing, 'cost.total') - total(home, 'cost.total');
    expect(Math.round(saving)).toBe(136_188); // 1,164 x 2.25 x 52; "£136k per annum" in 002 ¶14b
  });
});
