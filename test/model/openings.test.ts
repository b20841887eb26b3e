// The opening programme's slip (`openings` in a model file): every opening still to come moves by
// one delay drawn once a replication for all of them; a home open at the start does not move; a
// home's own openingDelay overrides the programme's (or, with `ownDelay: adds`, comes on top of it).
//
// test/fixtures/models/one-child-out-of-county.yaml, over two years from 1 April 2025 (730 days):
// an empty home planned to open on 1 June 2025 (day 61). A home's opening day is read back from its
// `open.home.<id>` series (the share of each month it admits children): the horizon less the days
// it was open.

import { describe, expect, it } from 'vitest';
import type { Replication } from '../../src/model/replication.ts';
import { streamNames } from '../../src/model/streams.ts';
import { crossCheck } from '../../src/scenario/crossChecks.ts';
import { modelFile } from '../../src/scenario/schema/model.ts';
import { summariseModel } from '../../src/report/modelSummary.ts';
import { monthly, rawModel, simulatorOf, type RawModel } from './helpers.ts';

const FIXTURE = 'test/fixtures/models/one-child-out-of-county.yaml';
const PLANNED = 61;
const HORIZON = 730;
/** Twelve months of 365.2425 / 12 days. */
const YEAR = 365.2425;

const A_YEAR = {
  type: 'fixed',
  value: 12,
  unit: 'months',
  assumption: 'The whole programme slips a year, as a test.',
};

/** The fixture over two years, with the programme's slip and the edits given. */
function variant(edit: (raw: RawModel) => void = () => {}): RawModel {
  const raw = rawModel(FIXTURE);
  raw.time.years = 2;
  raw.openings = { delay: A_YEAR };
  edit(raw);
  return raw;
}

/** The day a home opened in a replication (the horizon if it never did). */
function openedOn(sim: Replication, out: Float64Array, home: string): number {
  const b = sim.s.calendar.monthBreaks;
  const v = monthly(sim, out, `open.home.${home}`);
  let days = 0;
  for (let k = 0; k < v.length; k++) days += v[k]! * (b[k + 1]! - b[k]!);
  return b[v.length]! - days;
}

const opening = (raw: RawModel, home = 'emptyHome', seed = 1, rep = 0) => {
  const sim = simulatorOf(raw);
  return openedOn(sim, sim.run(seed, rep), home);
};

describe('the opening programme slips (openings.delay)', () => {
  it('moves a home planned after the start by the delay: day 61 becomes day 61 + 365.2425', () => {
    expect(opening(variant((raw) => delete raw.openings))).toBeCloseTo(PLANNED, 9);
    expect(opening(variant())).toBeCloseTo(PLANNED + YEAR, 9);
  });

  it('spends capital without a date at the slipped opening', () => {
    const sim = simulatorOf(variant((raw) => delete raw.homes.emptyHome.costs.capitalDate));
    const out = sim.run(1, 0);
    const capital = monthly(sim, out, 'capital');
    // Day 426.24 is 1 June 2026: month 14 of the horizon (April 2025 is month 0).
    expect(sim.s.calendar.monthLabels[14]).toBe('2026-06');
    expect(Array.from(capital).findIndex((x) => x > 0)).toBe(14);
  });

  it('leaves a home open at the start as it is', () => {
    expect(opening(variant((raw) => (raw.homes.emptyHome.opens = '2020-01-01')))).toBe(0);
  });

  it('moves only the openings planned on or after openings.from', () => {
    const from = (date: string) => variant((raw) => (raw.openings.from = date));
    expect(opening(from('2025-06-01'))).toBeCloseTo(PLANNED + YEAR, 9);
    expect(opening(from('2025-06-02'))).toBeCloseTo(PLANNED, 9);
  });

  it("keeps a home's own openingDelay instead of the programme's by default", () => {
    const own = variant(
      (raw) => (raw.homes.emptyHome.openingDelay = { type: 'fixed', value: 40, unit: 'days' }),
    );
    expect(opening(own)).toBeCloseTo(PLANNED + 40, 9);
  });

  it("with ownDelay: adds, puts a home's own delay on top, drawing it as without the programme (common random numbers)", () => {
    const own = { type: 'uniform', min: 0, max: 6, unit: 'months' };
    const withOwn = (programme: boolean) =>
      variant((raw) => {
        raw.homes.emptyHome.openingDelay = own;
        if (programme) raw.openings.ownDelay = 'adds';
        else delete raw.openings;
      });
    const days = new Set<number>();
    for (let rep = 0; rep < 5; rep++) {
      const alone = opening(withOwn(false), 'emptyHome', 3, rep);
      days.add(alone);
      expect(opening(withOwn(true), 'emptyHome', 3, rep)).toBeCloseTo(alone + YEAR, 6);
    }
    // The own delay is drawn: the replications differ.
    expect(days.size).toBe(5);
  });

  it('draws one slip a replication, shared by every opening it moves, from a stream of its own', () => {
    const uncertain = variant((raw) => {
      raw.openings.delay = {
        type: 'uniform',
        min: 0,
        max: 6,
        unit: 'months',
        assumption: 'A test of one shared draw.',
      };
      raw.homes.secondHome = { ...raw.homes.emptyHome, label: 'A second home', opens: '2025-09-01' };
      delete raw.homes.secondHome.costs;
    });
    const sim = simulatorOf(uncertain);
    expect(streamNames(sim.s)).toContain('openings/delay');
    const slips = new Set<number>();
    for (let rep = 0; rep < 5; rep++) {
      const out = sim.run(7, rep);
      const first = openedOn(sim, out, 'emptyHome') - PLANNED;
      const second = openedOn(sim, out, 'secondHome') - (PLANNED + 92); // 1 September is day 153
      expect(second).toBeCloseTo(first, 6);
      expect(first).toBeGreaterThan(0);
      slips.add(first);
    }
    expect(slips.size).toBe(5);
    // A model without the field draws no such stream.
    expect(streamNames(simulatorOf(variant((raw) => delete raw.openings)).s)).not.toContain('openings/delay');
  });

  it('moves the assessment beds planned after the start likewise', () => {
    const raw = variant((r) => {
      r.assessment = {
        beds: 1,
        opens: '2025-06-01',
        stay: { type: 'fixed', value: 10, unit: 'weeks' },
        weeklyCost: 700,
        costBasis: 'wholeUnit',
      };
    });
    const sim = simulatorOf(raw);
    const out = sim.run(1, 0);
    const b = sim.s.calendar.monthBreaks;
    const open = monthly(sim, out, 'assessment.open');
    let bedDays = 0;
    for (let k = 0; k < open.length; k++) bedDays += open[k]! * (b[k + 1]! - b[k]!);
    expect(HORIZON - bedDays).toBeCloseTo(PLANNED + YEAR, 6);
  });

  it('warns when it moves no opening, and the summary of validate shows the moved openings', () => {
    const parse = (raw: RawModel) => modelFile.parse(raw);
    const none = crossCheck(parse(variant((raw) => (raw.homes.emptyHome.opens = '2020-01-01'))));
    expect(none.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'openings: no opening slips: no home or assessment beds plan to open after the start (2025-04-01) without an openingDelay of their own (ownDelay: adds puts the slip on top of those)',
    ]);
    expect(crossCheck(parse(variant()))).toEqual([]);
    const text = summariseModel(parse(variant()), variant(), 'x.yaml');
    expect(text).toContain(
      'The opening programme slips (openings.delay): emptyHome open 12 months later than planned.',
    );
  });
});
