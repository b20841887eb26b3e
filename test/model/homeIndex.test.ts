// The index of homes (src/model/homeIndex.ts, issue 17) answers as asking every home did: at every
// match of every replication, under each matching policy, with places sold, children waiting and
// brought back, homes opening gradually, re-registering and closing, and children who must live
// alone. Every answer of the index is checked against the search it replaced.
import { afterEach, describe, expect, it } from 'vitest';
import { Homes } from '../../src/model/homes.ts';
import { BASELINE, rawModel, simulatorOf, type RawModel } from './helpers.ts';

const original = { findHome: Homes.prototype.findHome, anyHomeFor: Homes.prototype.anyHomeFor };
afterEach(() => Object.assign(Homes.prototype, original));

/** Run replications with every findHome and anyHomeFor compared with asking every home. */
function compare(raw: RawModel, reps: number) {
  const seen = { matches: 0, placed: 0, anyAsked: 0, mismatches: [] as string[] };
  Homes.prototype.findHome = function (this: Homes, id: number) {
    const indexed = original.findHome.call(this, id);
    const asked = this.findHomeByAsking(id);
    seen.matches++;
    if (indexed >= 0) seen.placed++;
    if (indexed !== asked && seen.mismatches.length < 5)
      seen.mismatches.push(`child ${id}: index ${indexed}, asking ${asked}`);
    return indexed;
  };
  Homes.prototype.anyHomeFor = function (this: Homes, id: number) {
    const indexed = original.anyHomeFor.call(this, id);
    seen.anyAsked++;
    if (indexed !== this.anyHomeForByAsking(id) && seen.mismatches.length < 5)
      seen.mismatches.push(`child ${id}: anyHomeFor ${indexed}`);
    return indexed;
  };
  const sim = simulatorOf(raw, { years: 12 });
  for (let rep = 0; rep < reps; rep++) sim.run(5, rep);
  return seen;
}

describe('the index of homes', () => {
  for (const matching of ['listed', 'fewestFreeBeds', 'mostFreeBeds'])
    it(`picks the home asking every home picks, matching "${matching}"`, () => {
      const raw = rawModel(BASELINE);
      raw.policies = {
        matching,
        maxWaitForLocalBed: 56,
        repatriation: { enabled: true, minRemainingWeeks: 12 },
        useAssessmentBeds: 'atBreakdown',
      };
      raw.homes.oldPostOffice.closes = '2029-06-30';
      // More homes than beds are asked for, so that matching has choices to get wrong.
      for (let k = 0; k < 6; k++)
        raw.homes[`extra${k}`] = {
          ...structuredClone(raw.homes.csHome2),
          label: `Extra ${k}`,
          beds: { value: 2 + (k % 3), assumption: 'Extra homes of two to four beds, for the test.' },
          cohorts: k % 2 ? ['under16', 'contextualSafeguarding'] : ['under16'],
          singleOccupancy: k % 3 === 0,
        };
      const seen = compare(raw, 6);
      expect(seen.mismatches).toEqual([]);
      // The variant really exercises matching, both ways.
      expect(seen.placed).toBeGreaterThan(100);
      expect(seen.matches - seen.placed).toBeGreaterThan(100);
      expect(seen.anyAsked).toBeGreaterThan(50);
    }, 120_000);

  it('counts the free beds a sold place must leave as asking every home does', () => {
    const raw = rawModel('models/scenarios/sell-places.yaml');
    const seen = compare(raw, 6);
    expect(seen.mismatches).toEqual([]);
    expect(seen.placed).toBeGreaterThan(100);
  }, 120_000);
});
