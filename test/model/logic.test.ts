// Logic the model-validity audit (issue 11) reproduced as wrong, each in the smallest model that
// shows it: a child waiting for a bed no open home could ever give, an overflow called "all
// full" beside free beds, and a closing home whose running cost stopped while children still
// lived in it.
import { describe, expect, it } from 'vitest';
import { LOSS, rawModel, simulatorOf, total } from './helpers.ts';

const SEED = 11;

describe('a child needing a placement', () => {
  it('does not wait for a local bed when no open home is registered for the need', () => {
    const raw = rawModel(LOSS);
    // Beds enough that "any" never waits; "other" has no home at all.
    raw.homes.home.beds = 400;
    raw.cohorts.other = {
      label: 'A need no local home is registered for',
      referrals: { perYear: 20 },
      pathway: { stay: { type: 'exponential', mean: 40, unit: 'days' } },
    };
    raw.policies = { maxWaitForLocalBed: 30 };
    const sim = simulatorOf(raw, { years: 3 });
    const out = sim.run(SEED, 0);
    expect(total(sim, out, 'referrals.other')).toBeGreaterThan(20);
    expect(total(sim, out, 'waits.ended')).toBe(0);
    expect(total(sim, out, 'overflow.noEligibleBed')).toBe(total(sim, out, 'referrals.other'));
    expect(total(sim, out, 'overflow.allFull')).toBe(0);
  });

  it('whose placement broke down in the only suitable home overflows for want of a suitable home, not because beds were full', () => {
    const raw = rawModel(LOSS);
    raw.homes.home.beds = 400; // never full
    raw.cohorts.any.pathway.breakdown = { perYear: 2 };
    const sim = simulatorOf(raw, { years: 3 });
    const out = sim.run(SEED, 0);
    expect(total(sim, out, 'breakdowns')).toBeGreaterThan(10);
    expect(total(sim, out, 'overflow.allFull')).toBe(0);
    expect(total(sim, out, 'overflow.noEligibleBed')).toBeGreaterThan(0);
  });
});

describe('a closing home', () => {
  it('keeps its running cost while children still live in it, and stops it when the last leaves', () => {
    const raw = rawModel(LOSS);
    delete raw.time.warmupYears;
    raw.homes.home.closes = '2026-04-01';
    raw.homes.home.costs = { fixedPerYear: { value: 365.2425, assumption: '£1 a day, for the test.' } };
    raw.cohorts.any.pathway.stay = { type: 'fixed', value: 100, unit: 'days' };
    const sim = simulatorOf(raw, { years: 2 });
    const out = sim.run(SEED, 0);
    const openDays = 365; // 1 April 2025 to 1 April 2026
    const fixed = total(sim, out, 'cost.homeFixed');
    // Children placed just before the closing stay up to 100 days more; the cost runs until the last leaves.
    expect(fixed).toBeGreaterThan(openDays + 50);
    expect(fixed).toBeLessThanOrEqual(openDays + 100 + 1e-9);
  });
});
