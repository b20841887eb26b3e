// Metamorphic checks under common random numbers: change an input in a direction whose effect is
// known, run both models on the same (seed, replication) pairs, and test the paired difference.
//
// Why the mean and not every replication: common random numbers make both runs see the same
// referrals and the same children, but the two sample paths diverge as soon as the change bites.
// A child placed locally in one run and out of county in the other has a different ART priority,
// may get an assessment bed the other did not, draws later values (assessment length, breakdown
// budgets after a breakdown, ART support) from their own stream in a different order, and frees a
// bed at a different time for whoever comes next. Even in a pure loss system, an extra bed taken by a
// child who would have overflowed can be full when a later child arrives who would have found it
// free. So "more beds, fewer out-of-county placements" is a statement about expectations, not a
// sample-path inequality, and it is tested on the mean of the paired differences: the mean must not
// be significantly positive (mean <= 0 + 4 SE, the standard error from the paired differences
// themselves), and where the effect is large it must be significantly negative.

import { describe, expect, it } from 'vitest';
import type { Replication } from '../../src/model/replication.ts';
import {
  BASELINE,
  DOUBLE_ART,
  LOSS,
  TWO_MORE_HOMES,
  Z,
  estimate,
  expectWithin,
  rawModel,
  show,
  simulator,
  simulatorOf,
  timeMean,
  total,
  type Estimate,
} from './helpers.ts';
import { erlangB } from './queueing.ts';

const TIMEOUT = 60_000;

type Measure = (sim: Replication, out: Float64Array) => number;

/** Paired differences f(b) - f(a) of each measure over replications 0..R-1, both run with the same seed and replication. */
function paired<K extends string>(
  a: Replication,
  b: Replication,
  seed: number,
  R: number,
  measures: Record<K, Measure>,
): Record<K, Estimate> {
  const keys = Object.keys(measures) as K[];
  const d = keys.map(() => [] as number[]);
  for (let rep = 0; rep < R; rep++) {
    const outA = a.run(seed, rep);
    const outB = b.run(seed, rep);
    keys.forEach((k, i) => d[i]!.push(measures[k](b, outB) - measures[k](a, outA)));
  }
  return Object.fromEntries(keys.map((k, i) => [k, estimate(d[i]!)])) as Record<K, Estimate>;
}

/** The paired mean difference is not significantly positive. */
function expectNotIncreased(d: Estimate, what: string): void {
  expect(d.mean, `${what}: paired difference ${show(d)}`).toBeLessThanOrEqual(Z * d.se);
}

/** The paired mean difference is significantly negative. */
function expectDecreased(d: Estimate, what: string): void {
  expect(d.mean + Z * d.se, `${what}: paired difference ${show(d)}`).toBeLessThan(0);
}

const oocPlacements: Measure = (sim, out) => total(sim, out, 'placements.outOfCounty');
const oocChildren: Measure = (sim, out) => timeMean(sim, out, 'outOfCounty.children');

describe('more beds never raise out-of-county placements on average', () => {
  it(
    'in the loss system, 26 beds against 23, by as much as Erlang B says',
    () => {
      const raw = rawModel(LOSS);
      raw.homes.home.beds = 26;
      const small = simulator(LOSS);
      const big = simulatorOf(raw);
      const { d } = paired(small, big, 1, 100, { d: oocPlacements });
      expectNotIncreased(d, 'out-of-county placements');
      expectDecreased(d, 'out-of-county placements');
      // The expected difference is the referrals of 10 years times B(26, 20) - B(23, 20).
      const referrals = (182.62125 * small.s.horizonDays) / 365.2425;
      expectWithin(d, referrals * (erlangB(26, 20) - erlangB(23, 20)), 'paired difference in overflow');
    },
    TIMEOUT,
  );

  it(
    'with two more homes from October 2026 against the baseline: fewer children out of county',
    () => {
      // The baseline brings children back into county as beds free (repatriation), so more beds mean
      // fewer children out of county, but not always fewer placements started there: a child brought
      // back whose local placement breaks down starts a new placement, where without the bed they
      // would have stayed in the first. The time average of children out of county is the measure.
      const base = simulator(BASELINE);
      const more = simulator(TWO_MORE_HOMES);
      const { children } = paired(base, more, 20240305, 40, { children: oocChildren });
      expectNotIncreased(children, 'children out of county (time average)');
      expectDecreased(children, 'children out of county (time average)');
    },
    TIMEOUT,
  );

  it(
    'with two more homes and no repatriation: fewer out-of-county placements too',
    () => {
      const noReturn = (file: string) => {
        const raw = rawModel(file);
        raw.policies.repatriation.enabled = false;
        return simulatorOf(raw);
      };
      const { placements } = paired(noReturn(BASELINE), noReturn(TWO_MORE_HOMES), 20240305, 40, {
        placements: oocPlacements,
      });
      expectNotIncreased(placements, 'out-of-county placements');
      expectDecreased(placements, 'out-of-county placements');
    },
    TIMEOUT,
  );
});

describe('a bigger ART never raises breakdowns on average', () => {
  it(
    'doubling the team from April 2026 against the baseline (20 paired replications)',
    () => {
      // Support lowers the breakdown hazard (hazard ratio 0.6), and twice the places support more
      // children, so breakdowns should fall; the test only requires that they do not rise
      // significantly (the paired difference is noisy, see the file comment).
      const { d } = paired(simulator(BASELINE), simulator(DOUBLE_ART), 20240305, 20, {
        d: (sim, out) => total(sim, out, 'breakdowns'),
      });
      expectNotIncreased(d, 'breakdowns');
    },
    TIMEOUT,
  );
});
