// The index of homes (src/model/homeIndex.ts, issue 17) answers as asking every home did: at every
// match of every replication, under each matching policy, with places sold, children waiting and
// brought back, homes opening gradually, re-registering and closing, and children who must live
// alone. Every answer of the index is checked against the search it replaced.
import { afterEach, describe, expect, it } from 'vitest';
import { INDEX_FROM_HOMES } from '../../src/model/homeIndex.ts';
import { Homes } from '../../src/model/homes.ts';
import { Replication } from '../../src/model/replication.ts';
import { AT_WAITING, type ChildStore } from '../../src/model/children.ts';
import { OutOfCounty } from '../../src/model/outOfCounty.ts';
import { WaitingList } from '../../src/model/waitingList.ts';
import { BASELINE, rawModel, simulatorOf, type RawModel } from './helpers.ts';

const original = { findHome: Homes.prototype.findHome, anyHomeFor: Homes.prototype.anyHomeFor };
const originalCandidate = OutOfCounty.prototype.candidate;
const originalWaiting = { firstFor: WaitingList.prototype.firstFor, bestFor: WaitingList.prototype.bestFor };
afterEach(() => {
  Object.assign(Homes.prototype, original);
  OutOfCounty.prototype.candidate = originalCandidate;
  Object.assign(WaitingList.prototype, originalWaiting);
});

/**
 * More homes than an index is kept for (INDEX_FROM_HOMES), of two to four beds, some taking a
 * child who must live alone, so that matching has choices to get wrong.
 */
function addHomes(raw: RawModel, cohorts: (k: number) => string[]): void {
  for (let k = 0; k < INDEX_FROM_HOMES + 4; k++)
    raw.homes[`extra${k}`] = {
      ...structuredClone(raw.homes.csHome2),
      label: `Extra ${k}`,
      beds: { value: 2 + (k % 3), assumption: 'Extra homes of two to four beds, for the test.' },
      cohorts: cohorts(k),
      singleOccupancy: k % 3 === 0,
    };
}

/** Run replications with every findHome and anyHomeFor compared with asking every home. */
function compare(raw: RawModel, reps: number, simulator?: Replication) {
  const seen = { matches: 0, placed: 0, anyAsked: 0, indexed: false, mismatches: [] as string[] };
  Homes.prototype.findHome = function (this: Homes, id: number) {
    seen.indexed ||= (this as unknown as { index: unknown }).index !== null;
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
  const sim = simulator ?? simulatorOf(raw, { years: 12 });
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
      addHomes(raw, (k) => (k % 2 ? ['under16', 'contextualSafeguarding'] : ['under16']));
      const seen = compare(raw, 6);
      expect(seen.indexed).toBe(true);
      expect(seen.mismatches).toEqual([]);
      // The variant really exercises matching, both ways.
      expect(seen.placed).toBeGreaterThan(100);
      expect(seen.matches - seen.placed).toBeGreaterThan(100);
      expect(seen.anyAsked).toBeGreaterThan(50);
    }, 120_000);

  it('is not kept when a home offers a part of a bed (a drawn number of beds at opening), and matching is as asking every home', () => {
    const raw = rawModel(BASELINE);
    raw.policies = { matching: 'fewestFreeBeds' };
    addHomes(raw, () => ['under16']);
    raw.homes.extra0.opens = '2026-01-01';
    raw.homes.extra0.openingRamp = {
      bedsAtOpening: { value: 1, assumption: 'One bed at opening, made a part of a bed below.' },
      weeksPerExtraBed: { value: 13, assumption: 'A bed a quarter of a year, for the test.' },
    };
    // A model file holds whole beds; a belief's range drawn for a replication need not.
    const s = simulatorOf(raw).s;
    const parted = {
      ...s,
      homes: s.homes.map((h) => (h.id === 'extra0' ? { ...h, bedsAtOpening: 1.5 } : h)),
    };
    const seen = compare(raw, 3, new Replication(parted));
    expect(seen.indexed).toBe(false);
    expect(seen.mismatches).toEqual([]);
    expect(seen.placed).toBeGreaterThan(50);
  }, 120_000);

  it('counts the free beds a sold place must leave as asking every home does', () => {
    const raw = rawModel('models/scenarios/sell-places.yaml');
    addHomes(raw, (k) => (k % 2 ? ['ebd', 'neighbours'] : ['neighbours']));
    const seen = compare(raw, 6);
    expect(seen.indexed).toBe(true);
    expect(seen.mismatches).toEqual([]);
    expect(seen.placed).toBeGreaterThan(100);
  }, 120_000);
});

describe('the out-of-county children sorted for repatriation', () => {
  for (const freedBed of ['dearest', 'highestNeed', 'longestAway', 'longestWaiting'])
    it(`bring back the child asking every child out of county brings back, freed beds "${freedBed}"`, () => {
      const raw = rawModel(BASELINE);
      raw.policies = {
        matching: 'listed',
        freedBed,
        maxWaitForLocalBed: freedBed === 'longestWaiting' ? 28 : 0,
        repatriation: { enabled: true, minRemainingWeeks: 12 },
        useAssessmentBeds: 'atBreakdown',
      };
      let asked = 0;
      let found = 0;
      const mismatches: string[] = [];
      OutOfCounty.prototype.candidate = function (this: OutOfCounty, h: number, t: number, order: number) {
        const sorted = originalCandidate.call(this, h, t, order);
        const asking = this.candidateByAsking(h, t, order);
        asked++;
        if (sorted >= 0) found++;
        if (sorted !== asking && mismatches.length < 5)
          mismatches.push(`home ${h}, day ${t}: sorted ${sorted}, asking ${asking}`);
        return sorted;
      };
      const sim = simulatorOf(raw, { years: 12 });
      for (let rep = 0; rep < 6; rep++) sim.run(5, rep);
      expect(mismatches).toEqual([]);
      expect(found).toBeGreaterThan(20);
      expect(asked).toBeGreaterThan(found);
    }, 120_000);
});

describe('the waiting lists by cohort', () => {
  for (const freedBed of ['longestWaiting', 'dearest', 'highestNeed'])
    it(`offer a freed bed to the child first come, first served, freed beds "${freedBed}"`, () => {
      const raw = rawModel(BASELINE);
      raw.policies = {
        matching: 'listed',
        freedBed,
        maxWaitForLocalBed: 56,
        repatriation: { enabled: false },
        useAssessmentBeds: 'atBreakdown',
      };
      // Every child in the store who is waiting and whom home h can take, by the rule itself: the
      // highest score (none under longestWaiting), then the earliest to join.
      const reference = (list: WaitingList, h: number, score: (id: number) => number) => {
        const { ch, homes } = list as unknown as { ch: ChildStore; homes: Homes };
        let best = -1;
        for (let id = 0; id < ch.count; id++) {
          if (ch.at[id] !== AT_WAITING || !homes.canTake(h, id)) continue;
          const better =
            best < 0 ||
            score(id) > score(best) ||
            (score(id) === score(best) && ch.waitSeq[id]! < ch.waitSeq[best]!);
          if (better) best = id;
        }
        return best;
      };
      let offered = 0;
      const mismatches: string[] = [];
      WaitingList.prototype.firstFor = function (this: WaitingList, h: number) {
        const got = originalWaiting.firstFor.call(this, h);
        const want = reference(this, h, () => 0);
        if (got >= 0) offered++;
        if (got !== want && mismatches.length < 5) {
          const { ch } = this as unknown as { ch: ChildStore };
          const d = (id: number) =>
            `${id} c${ch.cohort[id]} seq${ch.waitSeq[id]} ser${ch.serial[id]} at${ch.at[id]} since${ch.since[id]}`;
          mismatches.push(`firstFor home ${h}: ${d(got)}, want ${d(want)}`);
        }
        return got;
      };
      WaitingList.prototype.bestFor = function (this: WaitingList, h, t, order, scores) {
        const got = originalWaiting.bestFor.call(this, h, t, order, scores);
        const want = reference(this, h, (id) => scores.score(id, t, order));
        if (got >= 0) offered++;
        if (got !== want && mismatches.length < 5) mismatches.push(`bestFor home ${h}: ${got}, want ${want}`);
        return got;
      };
      const sim = simulatorOf(raw, { years: 12 });
      for (let rep = 0; rep < 6; rep++) sim.run(5, rep);
      expect(mismatches).toEqual([]);
      expect(offered).toBeGreaterThan(20);
    }, 120_000);
});
