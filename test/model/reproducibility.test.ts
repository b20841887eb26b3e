// Reproducibility and common random numbers (STYLE.md, "Randomness and common random numbers").
//
// A replication's results depend only on (model, master seed, replication index): not on what ran
// before on the same simulator object, on the order of replications, or on whether the trace is on.
// Referrals depend only on the seed, the replication and the cohort's referral rate, never on the
// state, so scenarios that change provision see exactly the same children referred at the same times.

import { describe, expect, it } from 'vitest';
import type { Replication } from '../../src/model/replication.ts';
import {
  BASELINE,
  DO_NOTHING,
  LOSS,
  TWO_MORE_HOMES,
  monthly,
  rawModel,
  simulator,
  simulatorOf,
} from './helpers.ts';

const SEED = 20240305;

/** The bytes of a result matrix: byte-identical means identical NaNs and signed zeros too. */
const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function expectIdentical(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  expect(bytes(a).equals(bytes(b))).toBe(true);
}

/** The referral events of a replication, in order: "day cohort" for each. */
function referralTrace(sim: Replication, seed: number, rep: number): string[] {
  const events: string[] = [];
  sim.run(seed, rep, (day, _child, event, detail) => {
    if (event === 'referred') events.push(`${day} ${detail}`);
  });
  return events;
}

describe('determinism', () => {
  it('gives byte-identical results for the same seed and replication', () => {
    const sim = simulator(BASELINE);
    const first = sim.run(SEED, 3);
    // Again on the same object, straight after.
    expectIdentical(sim.run(SEED, 3), first);
    // After other replications (and another seed) have run on the same object.
    sim.run(SEED, 4);
    sim.run(SEED + 1, 3);
    expectIdentical(sim.run(SEED, 3), first);
    // On a fresh object, and on one built from a fresh load of the file.
    expectIdentical(simulator(BASELINE).run(SEED, 3), first);
  });

  it('does not depend on the order in which replications run', () => {
    const forward = simulator(BASELINE, { years: 8 });
    const backward = simulator(BASELINE, { years: 8 });
    const a = [0, 1, 2, 3].map((rep) => forward.run(SEED, rep));
    const b = [3, 2, 1, 0].map((rep) => backward.run(SEED, rep)).reverse();
    a.forEach((x, i) => expectIdentical(x, b[i]!));
  });

  it('does not depend on whether the trace is on', () => {
    const sim = simulator(BASELINE);
    const quiet = sim.run(SEED, 2);
    let events = 0;
    const traced = sim.run(SEED, 2, () => events++);
    expect(events).toBeGreaterThan(1000);
    expectIdentical(traced, quiet);
  });

  it('gives different results for different replications and different seeds', () => {
    const sim = simulator(BASELINE);
    const a = sim.run(SEED, 0);
    const b = sim.run(SEED, 1);
    const c = sim.run(SEED + 1, 0);
    expect(bytes(a).equals(bytes(b))).toBe(false);
    expect(bytes(a).equals(bytes(c))).toBe(false);
    // Not just somewhere: the referral sequences themselves differ.
    expect(referralTrace(sim, SEED, 0)).not.toEqual(referralTrace(sim, SEED, 1));
  });
});

describe('common random numbers across scenarios', () => {
  const cohortSeries = (sim: Replication) => ['referrals', ...sim.s.cohorts.map((c) => `referrals.${c.id}`)];

  it('gives the baseline, "do nothing" and "two more homes" the same referrals, cohort by cohort', () => {
    const sims = [BASELINE, DO_NOTHING, TWO_MORE_HOMES].map((f) => simulator(f));
    const base = sims[0]!;
    for (let rep = 0; rep < 5; rep++) {
      const outs = sims.map((s) => s.run(SEED, rep));
      for (const name of cohortSeries(base)) {
        const expected = Array.from(monthly(base, outs[0]!, name));
        expect(
          expected.reduce((a, b) => a + b, 0),
          name,
        ).toBeGreaterThan(0);
        for (let i = 1; i < sims.length; i++)
          expect(Array.from(monthly(sims[i]!, outs[i]!, name)), name).toEqual(expected);
      }
      // ...while what happens to those children does differ.
      expect(Array.from(monthly(sims[1]!, outs[1]!, 'placements.outOfCounty'))).not.toEqual(
        Array.from(monthly(base, outs[0]!, 'placements.outOfCounty')),
      );
    }
  });

  it('gives the same referral times and cohorts to the baseline and "two more homes", event by event', () => {
    const a = simulator(BASELINE);
    const b = simulator(TWO_MORE_HOMES);
    for (let rep = 0; rep < 3; rep++) {
      const ta = referralTrace(a, SEED, rep);
      expect(ta.length).toBeGreaterThan(500);
      expect(referralTrace(b, SEED, rep)).toEqual(ta);
    }
  });

  it('gives a loss system with 26 beds instead of 23 exactly the same referral sequence', () => {
    const raw = rawModel(LOSS);
    raw.homes.home.beds = 26;
    const small = simulator(LOSS, { years: 5 });
    const big = simulatorOf(raw, { years: 5 });
    for (let rep = 0; rep < 5; rep++) {
      const ta = referralTrace(small, 1, rep);
      expect(ta.length).toBeGreaterThan(500);
      expect(referralTrace(big, 1, rep)).toEqual(ta);
    }
  });
});
