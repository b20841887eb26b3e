// Extreme values: inputs at the edge of their range must give the answer that follows from the
// model's logic alone (no referrals -> nothing happens; no beds -> everything goes out of county; no
// breakdown hazard -> no breakdowns; a team with no places -> no support, and nothing else changed).

import { describe, expect, it } from 'vitest';
import type { Replication } from '../../src/model/replication.ts';
import {
  BASELINE,
  DO_NOTHING,
  LOSS,
  monthly,
  rawModel,
  simulator,
  simulatorOf,
  total,
  type RawModel,
} from './helpers.ts';

const SEED = 20240305;

/** The baseline with every cohort's breakdown hazard set to `perYear`. */
function baselineWithBreakdowns(perYear: number): RawModel {
  const raw = rawModel(BASELINE);
  for (const c of Object.values(raw.cohorts) as RawModel[])
    if (c.pathway.breakdown) c.pathway.breakdown.perYear = perYear;
  return raw;
}

/** Names of the series that are not about the ART (the ART's own series and its cost differ by design). */
function nonArtSeries(sim: Replication): string[] {
  return sim.metrics.defs
    .map((d) => d.name)
    .filter((n) => !n.startsWith('art.') && n !== 'cost.art' && n !== 'cost.total');
}

describe('no referrals and no children', () => {
  it('costs nothing and places nobody when there is also no provision', () => {
    const raw = rawModel(BASELINE);
    for (const c of Object.values(raw.cohorts) as RawModel[]) c.referrals.perYear = 0;
    delete raw.initialCensus;
    raw.homes = {};
    delete raw.assessment;
    delete raw.art;
    delete raw.history; // it names the homes' series
    const sim = simulatorOf(raw);
    for (let rep = 0; rep < 3; rep++) {
      const out = sim.run(SEED, rep);
      // Every series, every month: no children, no beds, no money.
      for (const d of sim.metrics.defs) for (const v of monthly(sim, out, d.name)) expect(v, d.name).toBe(0);
      expect(sim.metrics.referredTotal).toBe(0);
    }
  });

  it('with the planned provision, pays only the costs of keeping it open', () => {
    const raw = rawModel(BASELINE);
    for (const c of Object.values(raw.cohorts) as RawModel[]) c.referrals.perYear = 0;
    delete raw.initialCensus;
    const sim = simulatorOf(raw);
    const out = sim.run(SEED, 0);
    for (const name of [
      'placements.local',
      'placements.outOfCounty',
      'referrals',
      'reReferrals',
      'breakdowns',
    ])
      expect(total(sim, out, name), name).toBe(0);
    for (const name of ['cost.homeVariable', 'cost.oocPlacements', 'cost.oocTravel', 'cost.soldIncome'])
      expect(total(sim, out, name), name).toBe(0);
    // Homes, assessment beds and an ART staffed for its capacity cost money while open, used or not.
    for (const name of ['cost.homeFixed', 'cost.assessment', 'cost.art'])
      expect(total(sim, out, name), name).toBeGreaterThan(0);
  });
});

describe('no local beds', () => {
  it('sends every referral out of county for want of a suitable home when there are no homes', () => {
    const raw = rawModel(LOSS);
    raw.homes = {};
    const sim = simulatorOf(raw, { years: 3 });
    for (let rep = 0; rep < 3; rep++) {
      const out = sim.run(SEED, rep);
      const referrals = total(sim, out, 'referrals');
      expect(referrals).toBeGreaterThan(0);
      expect(total(sim, out, 'placements.outOfCounty')).toBe(referrals);
      expect(total(sim, out, 'overflow.noEligibleBed')).toBe(referrals); // overflow share 1
      expect(total(sim, out, 'overflow.allFull')).toBe(0);
      expect(total(sim, out, 'placements.local')).toBe(0);
    }
  });

  it('sends every referral out of county when the only home has no beds', () => {
    const raw = rawModel(LOSS);
    raw.homes.home.beds = 0;
    const sim = simulatorOf(raw, { years: 3 });
    const out = sim.run(SEED, 0);
    const referrals = total(sim, out, 'referrals');
    expect(total(sim, out, 'placements.outOfCounty')).toBe(referrals);
    // An open home registered for the need but with no beds: "suitable beds all full".
    expect(total(sim, out, 'overflow.allFull') + total(sim, out, 'overflow.noEligibleBed')).toBe(referrals);
    expect(total(sim, out, 'placements.local')).toBe(0);
  });

  it('places everyone out of county for want of a home under "do nothing", re-referrals included', () => {
    const sim = simulator(DO_NOTHING);
    for (let rep = 0; rep < 3; rep++) {
      const out = sim.run(SEED, rep);
      const ooc = total(sim, out, 'placements.outOfCounty');
      expect(ooc).toBeGreaterThan(total(sim, out, 'referrals'));
      expect(total(sim, out, 'overflow.noEligibleBed')).toBe(ooc);
      expect(total(sim, out, 'placements.local')).toBe(0);
      for (const name of ['occupancy.local', 'beds.open', 'cost.homeFixed', 'cost.assessment'])
        expect(total(sim, out, name), name).toBe(0);
      // MISTLE carries on (000 ¶15-16): its contract, whoever it supports.
      expect(total(sim, out, 'cost.art')).toBeGreaterThan(0);
    }
  });
});

describe('breakdown hazard', () => {
  it('of zero gives no breakdowns, and re-referrals only at age limits', () => {
    const sim = simulatorOf(baselineWithBreakdowns(0));
    for (let rep = 0; rep < 3; rep++) {
      const out = sim.run(SEED, rep);
      expect(total(sim, out, 'breakdowns')).toBe(0);
      expect(Array.from(monthly(sim, out, 'reReferrals'))).toEqual(
        Array.from(monthly(sim, out, 'ageLimit.referredOn')),
      );
    }
  });

  it('very high (50 a child-year) gives many breakdowns, each one re-referred', () => {
    const high = simulatorOf(baselineWithBreakdowns(50), { years: 5 });
    const base = simulator(BASELINE, { years: 5 });
    for (let rep = 0; rep < 3; rep++) {
      const out = high.run(SEED, rep);
      const breakdowns = total(high, out, 'breakdowns');
      // At 50 a year (a week on average) nearly every placement of the 10 or more in a month breaks down.
      expect(breakdowns).toBeGreaterThan(5 * total(base, base.run(SEED, rep), 'breakdowns'));
      // Month by month, every re-referral is a breakdown or an age-limit referral, and every breakdown is re-referred.
      const re = monthly(high, out, 'reReferrals');
      const bd = monthly(high, out, 'breakdowns');
      const age = monthly(high, out, 'ageLimit.referredOn');
      re.forEach((v, k) => expect(v).toBe(bd[k]! + age[k]!));
      expect(total(high, out, 'reReferrals')).toBeGreaterThanOrEqual(breakdowns);
    }
  });
});

describe('an ART with no places', () => {
  /** The baseline's ART with capacity 0 (and optionally without the lapse of waiting referrals). */
  function zeroCapacity(keepMaxWait: boolean): Replication {
    const raw = rawModel(BASELINE);
    raw.art.capacity = 0;
    if (!keepMaxWait) delete raw.art.maxWait;
    return simulatorOf(raw);
  }
  const noArt = () => {
    const raw = rawModel(BASELINE);
    delete raw.art;
    return simulatorOf(raw);
  };

  it('supports nobody and costs nothing, however many are referred to it', () => {
    const sim = zeroCapacity(true);
    const out = sim.run(SEED, 0);
    expect(total(sim, out, 'art.starts')).toBe(0);
    expect(total(sim, out, 'cost.art')).toBe(0);
    for (const v of monthly(sim, out, 'art.caseload')) expect(v).toBe(0);
    expect(total(sim, out, 'art.lapses')).toBeGreaterThan(0); // children were referred, waited and lapsed
  });

  it('changes nothing else, when referrals to it never lapse', () => {
    const zero = zeroCapacity(false);
    const none = noArt();
    for (let rep = 0; rep < 3; rep++) {
      const a = zero.run(SEED, rep);
      const b = none.run(SEED, rep);
      for (const name of nonArtSeries(zero))
        expect(Array.from(monthly(zero, a, name)), name).toEqual(Array.from(monthly(none, b, name)));
      expect(total(zero, a, 'art.waiting')).toBeGreaterThan(0);
    }
  });

  // A team with no places must change nothing. This test found that ART lapse times were drawn
  // from the child's own stream, shifting the child's later draws (465 against 479 breakdowns);
  // ART draws now come from a separate per-child stream (replication.ts artStream).
  it('changes nothing else, even when waiting referrals lapse', () => {
    const zero = zeroCapacity(true);
    const none = noArt();
    for (let rep = 0; rep < 3; rep++) {
      const a = zero.run(SEED, rep);
      const b = none.run(SEED, rep);
      for (const name of nonArtSeries(zero))
        expect(Array.from(monthly(zero, a, name)), name).toEqual(Array.from(monthly(none, b, name)));
    }
  });
});
