import { sensible } from '../../src/output/csv.ts';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  gridPoints,
  heldFixed,
  latinHypercube,
  paretoFront,
  parseAxis,
  runSweep,
  type SweepPoint,
} from '../../src/experiment/sweep.ts';
import { executeSweep } from '../../src/output/sweepFolder.ts';
import { answerSizing, fewestBeds, fewestBedsByShare, minimise } from '../../src/report/sizing.ts';
import { loadModel } from '../../src/scenario/load.ts';
import { getNumber, setNumber } from '../../src/scenario/paths.ts';
import { erlangB } from '../model/queueing.ts';

describe('sweep axes', () => {
  it('reads listed values, ranges and ranges with a step', () => {
    expect(parseAxis('art.capacity=8,12,16')).toEqual({
      path: 'art.capacity',
      values: [8, 12, 16],
      integer: true,
    });
    expect(parseAxis('x=0.02:0.08')).toEqual({ path: 'x', values: [0.02, 0.08], integer: false });
    expect(parseAxis('homes.a.beds=2:4:1').values).toEqual([2, 3, 4]);
    expect(parseAxis('g=0:0.1:0.05').values).toEqual([0, 0.05, 0.1]);
  });

  it('says what form it expects', () => {
    expect(() => parseAxis('art.capacity')).toThrow(/path=values/);
    expect(() => parseAxis('a=5:1')).toThrow(/low to high/);
    expect(() => parseAxis('a=1,two')).toThrow(/numbers/);
  });
});

describe('designs', () => {
  const axes = [parseAxis('a=1,2,3'), parseAxis('b=10,20')];

  it('a grid has every combination', () => {
    expect(gridPoints(axes)).toEqual([
      [1, 10],
      [1, 20],
      [2, 10],
      [2, 20],
      [3, 10],
      [3, 20],
    ]);
  });

  it('a Latin hypercube uses each stratum of each range once, reproducibly', () => {
    const lhs = [parseAxis('x=0.5:1.5'), parseAxis('y=100.5:200.5')];
    const n = 20;
    const design = latinHypercube(lhs, n, 7);
    expect(latinHypercube(lhs, n, 7)).toEqual(design);
    expect(latinHypercube(lhs, n, 8)).not.toEqual(design);
    const strataX = design.map((p) => Math.floor((p[0]! - 0.5) * n)).sort((a, b) => a - b);
    const strataY = design.map((p) => Math.floor(((p[1]! - 100.5) / 100) * n)).sort((a, b) => a - b);
    expect(strataX).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(strataY).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('rounds whole-number fields', () => {
    for (const p of latinHypercube([parseAxis('beds=2:6')], 10, 1)) expect(Number.isInteger(p[0])).toBe(true);
  });

  it('marks the options no other option beats on both measures', () => {
    // cost, children: (1,9) (2,5) (3,6) (4,1) (5,5): (3,6) is beaten by (2,5); (5,5) by (2,5).
    expect([...paretoFront([1, 2, 3, 4, 5], [9, 5, 6, 1, 5])].sort()).toEqual([0, 1, 3]);
  });
});

describe('fields by path', () => {
  const r = loadModel('models/leicestershire.yaml');
  if (!r.ok) throw new Error('baseline invalid');

  it('reads and sets numbers written bare or with provenance, keeping the provenance', () => {
    expect(getNumber(r.raw, 'art.capacity.1.children')).toBe(12);
    expect(getNumber(r.raw, 'art.capacity[1].children')).toBe(12);
    const changed = setNumber(r.raw, 'art.capacity.1.children', 24) as {
      art: { capacity: { children: { value: number; source: string } }[] };
    };
    expect(changed.art.capacity[1]!.children).toEqual({
      value: 24,
      source: '000 ¶11: up to 12 young people at a time',
    });
    expect(getNumber(r.raw, 'art.capacity.1.children')).toBe(12);
    expect(getNumber(r.raw, 'cohorts.ebd.pathway.stay.mean')).toBe(600);
  });

  it('names a field that does not exist, with a suggestion', () => {
    expect(() => getNumber(r.raw, 'art.capacty')).toThrow(/no field "capacty"; did you mean "capacity"/);
    expect(() => getNumber(r.raw, 'homes.oldPostOffice.label')).toThrow(/not a number/);
  });
});

describe('runSweep', () => {
  const r = loadModel('models/verification/loss-system.yaml');
  if (!r.ok) throw new Error('loss system invalid');

  it('runs every point on the same referrals, and more beds avoid out-of-county placements as Erlang B says', async () => {
    const { points } = await runSweep({
      raw: r.raw,
      axes: [parseAxis('homes.home.beds=20,23,26')],
      design: 'grid',
      replications: 10,
      seed: 4,
      years: 2,
      workers: 1,
    });
    expect(points.map((p) => p.values[0])).toEqual([20, 23, 26]);
    // Common random numbers: the referrals are the same at every point.
    const referrals = points.map((p) => p.summary.referrals!.mean);
    expect(new Set(referrals).size).toBe(1);
    for (const p of points) {
      const share = p.summary.overflowShare!;
      const beds = p.values[0]!;
      const se = share.sd / Math.sqrt(share.n);
      expect(Math.abs(share.mean - erlangB(beds, 20)), `${beds} beds`).toBeLessThan(4 * se + 0.005);
    }
    const ooc = points.map((p) => p.summary['placements.outOfCounty']!.mean);
    expect(ooc[0]!).toBeGreaterThan(ooc[1]!);
    expect(ooc[1]!).toBeGreaterThan(ooc[2]!);
    // Fewer out-of-county placements at no extra cost here (prices are 0): the 26-bed point is on the front.
    expect(points[2]!.pareto).toBe(true);
    // Sizing: with 20 erlangs every point overflows in some replication each year at these
    // sizes, so a 1% ceiling has no answer; a 100% ceiling is met by the fewest beds.
    const none = fewestBeds([parseAxis('homes.home.beds=20,23,26')], points, 0.01);
    expect(none.point).toBeNull();
    // It says how close the best option came, with the simulation error of the chance.
    expect(none.answer).toMatch(
      /^no option in the sweep achieves it\. The best option, homes\.home\.beds = (\d+) \(\1 beds in all\), still places a child out of county for want of a free bed in \d{4}\/\d{2} \(its worst year\) in \d+% of replications \(simulation error \d+% to \d+%\): more beds could lower the chance further, so widen the ranges$/,
    );
    expect(fewestBeds([parseAxis('homes.home.beds=20,23,26')], points, 1.01).point!.values).toEqual([20]);
    // The most beds minimise out-of-county placements.
    expect(
      minimise([parseAxis('homes.home.beds=20,23,26')], points, 'placements.outOfCounty').point!.values,
    ).toEqual([26]);
    for (const p of points)
      for (const c of Object.values(p.overflowChance)) expect(c).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('on a pool gives the results of one thread, and an interrupt stops it between points', async () => {
    const options = {
      raw: r.raw,
      axes: [parseAxis('homes.home.beds=20:26:2')],
      design: 'grid' as const,
      replications: 24,
      seed: 4,
      years: 2,
    };
    const alone = await runSweep({ ...options, workers: 1 });
    const pooled = await runSweep({ ...options, workers: 2 });
    expect(pooled.points).toEqual(alone.points);
    // Stopped after the first point.
    const stop = new AbortController();
    const seen: number[] = [];
    await expect(
      runSweep({
        ...options,
        workers: 2,
        signal: stop.signal,
        onProgress: (done) => {
          seen.push(done);
          stop.abort();
        },
      }),
    ).rejects.toThrow(/interrupted/);
    expect(seen).toEqual([1]);
  }, 120_000);

  it('tells options apart by their paired differences, which common random numbers make precise', async () => {
    // A wide belief about demand gives every point a wide spread of its own, and the same spread:
    // the options' own intervals overlap, yet in every replication more beds avoid placements.
    const uncertainDemand = setNumber(r.raw, 'cohorts.any.referrals.perYear', 182.62125) as {
      cohorts: { any: { referrals: { perYear: unknown } } };
    };
    uncertainDemand.cohorts.any.referrals.perYear = {
      value: 182.62125,
      uncertain: { type: 'uniform', min: 90, max: 280 },
      assumption: 'a test of paired comparison',
    };
    const axes = [parseAxis('homes.home.beds=20,23')];
    const { points } = await runSweep({
      raw: uncertainDemand,
      axes,
      design: 'grid',
      replications: 8,
      seed: 11,
      years: 2,
      workers: 1,
    });
    const [few, more] = points.map((p) => p.summary['placements.outOfCounty']!);
    // The premise: side by side, the two options' intervals of the mean overlap.
    expect(few!.ciLow!).toBeLessThan(more!.ciHigh!);
    const per = points.map((p) => p.perReplication['placements.outOfCounty']!);
    for (let rep = 0; rep < 8; rep++) expect(per[1]![rep]!).toBeLessThanOrEqual(per[0]![rep]!);
    const answer = minimise(axes, points, 'placements.outOfCounty');
    expect(answer.point!.values).toEqual([23]);
    expect(answer.answer).toMatch(/^homes\.home\.beds = 23: average [\d.]+ \(range of outcomes /);
    expect(answer.answer).not.toMatch(/other option/);
    // Two points that are the same option cannot be told apart, however many replications.
    const same = await runSweep({
      raw: uncertainDemand,
      axes: [parseAxis('homes.home.beds=23,23')],
      design: 'grid',
      replications: 8,
      seed: 11,
      years: 2,
      workers: 1,
    });
    expect(
      minimise([parseAxis('homes.home.beds=23,23')], same.points, 'placements.outOfCounty').answer,
    ).toMatch(/1 other option\(s\) cannot be told from it at 8 replications/);
  }, 60_000);

  it('answers the fewest beds keeping the average overflow share below a target, with both intervals', async () => {
    // Erlang B at 20 erlangs: about 16% of referrals overflow with 20 beds, 8.5% with 23, 4% with 26.
    const axes = [parseAxis('homes.home.beds=20,23,26')];
    const { points } = await runSweep({
      raw: r.raw,
      axes,
      design: 'grid',
      replications: 10,
      seed: 4,
      years: 2,
      workers: 1,
    });
    const fys = Object.keys(points[0]!.overflowReasons);
    expect(fys).toHaveLength(2);
    for (const p of points)
      for (const fy of fys) {
        // The reasons add up to the year's overflow share; the one cohort always has its home.
        const why = p.overflowReasons[fy]!;
        expect(why.allFull + why.noSuitableHome).toBeCloseTo(p.summary[`overflowShare.${fy}`]!.mean, 12);
        expect(why.noSuitableHome).toBe(0);
        expect(why.noHomeForCohort).toEqual([]);
      }
    // The premise: 20 beds miss 12% in some year, 23 beds meet it in both.
    const worst = (p: SweepPoint) => Math.max(...fys.map((fy) => p.summary[`overflowShare.${fy}`]!.mean));
    expect(worst(points[0]!)).toBeGreaterThan(0.12);
    expect(worst(points[1]!)).toBeLessThan(0.12);
    const answer = fewestBedsByShare(axes, points, 0.12);
    expect(answer.question).toBe(
      'Fewest beds keeping the average overflow share (placements out of county for want of a suitable local bed, of all placements) below 12% in every year',
    );
    expect(answer.point!.values).toEqual([23]);
    expect(answer.answer).toMatch(
      /^homes\.home\.beds = 23 \(23 beds in all\): an average overflow share of [\d.]+% \(range of outcomes [\d.]+% to [\d.]+%; average to within ±[\d.]+ percentage points\) in \d{4}\/\d{2}, its worst year$/,
    );
    // One year only, and a target no option meets: the best option and how close it came.
    const missed = fewestBedsByShare(axes, points, 0.01, fys[1]);
    expect(missed.point).toBeNull();
    expect(missed.answer).toMatch(
      new RegExp(
        `^no option in the sweep achieves it\\. The best option, homes\\.home\\.beds = 26 \\(26 beds in all\\), reaches [\\d.]+% \\(range of outcomes .*\\) in ${fys[1]!.replace('/', '\\/')}\\. Of that, [\\d.]+ points found every suitable local bed full: more beds could lower it further, so widen the ranges$`,
      ),
    );
    expect(fewestBedsByShare(axes, points, 0.1, '1999/00').answer).toMatch(
      /^the sweep has no financial year 1999\/00 \(the horizon runs /,
    );
    // Asked through answerSizing, it comes after the chance question.
    expect(
      answerSizing(axes, points, { maxOverflowChance: 0.5, maxOverflowShare: 0.12 }).map((a) =>
        a.question.slice(0, 40),
      ),
    ).toEqual(['Fewest beds keeping the chance of any ov', 'Fewest beds keeping the average overflow']);
  }, 60_000);

  it('says a share target is out of reach when a cohort no local home takes overflows, naming the cohort', async () => {
    // A second cohort, parent and child, for which there is no local home: a quarter of all
    // placements (60 of about 243 a year) go out of county whatever the beds of the one home.
    const raw = structuredClone(r.raw) as { cohorts: Record<string, unknown> };
    raw.cohorts.parentChild = {
      label: 'Parent and child',
      referrals: { perYear: 60 },
      pathway: { stay: { type: 'exponential', mean: 40, unit: 'days' } },
    };
    const axes = [parseAxis('homes.home.beds=20,26')];
    const { points } = await runSweep({
      raw,
      axes,
      design: 'grid',
      replications: 8,
      seed: 5,
      years: 2,
      workers: 1,
    });
    const answer = fewestBedsByShare(axes, points, 0.2);
    expect(answer.point).toBeNull();
    const best = points[1]!;
    const fy = Object.keys(best.overflowReasons).reduce((a, b) =>
      best.summary[`overflowShare.${b}`]!.mean > best.summary[`overflowShare.${a}`]!.mean ? b : a,
    );
    const why = best.overflowReasons[fy]!;
    expect(why.noHomeForCohort.map((c) => [c.cohort, c.hasHome])).toEqual([['parentChild', false]]);
    const unhomed = why.noHomeForCohort[0]!.share;
    expect(unhomed).toBeGreaterThan(0.2);
    expect(unhomed).toBeLessThan(0.3);
    // Every such placement is one with no suitable home; the rest found the one home full.
    expect(why.noSuitableHome).toBeCloseTo(unhomed, 12);
    const pts = (x: number) => `${(x * 100).toFixed(1)} points`;
    expect(answer.answer).toContain(
      'no option in the sweep achieves it. The best option, homes.home.beds = 26 (26 beds in all), reaches ',
    );
    expect(answer.answer).toContain(
      `. Of that, ${pts(unhomed)} are children of a cohort no local home takes (Parent and child); ${pts(why.allFull)} found every suitable local bed full: ` +
        `the children with no local home open, ${pts(unhomed)}, are out of reach of more beds in these homes and alone keep the share at or above 20%`,
    );
  }, 60_000);

  it('refuses a point whose model is invalid before simulating anything', async () => {
    await expect(
      runSweep({
        raw: r.raw,
        axes: [parseAxis('homes.home.beds=20,-1')],
        design: 'grid',
        replications: 2,
        seed: 1,
        years: 1,
        workers: 1,
      }),
    ).rejects.toThrow(/point 1 \(homes\.home\.beds=-1\) is not a valid model/);
  });
});

describe('executeSweep', () => {
  it('writes the table, the trade-off chart and heat maps, with the time taken', async () => {
    const r = loadModel('models/verification/loss-system.yaml');
    if (!r.ok) throw new Error('loss system invalid');
    const out = join(mkdtempSync(join(tmpdir(), 'caresim-sweep-')), 's');
    const { dir, points, seconds } = await executeSweep({
      modelFile: 'loss-system.yaml',
      modelName: 'Loss system',
      raw: r.raw,
      axes: [parseAxis('homes.home.beds=20,23'), parseAxis('cohorts.any.referrals.perYear=150,180')],
      design: 'grid',
      replications: 3,
      seed: 1,
      years: 1,
      workers: 1,
      out,
    });
    expect(points).toHaveLength(4);
    expect(seconds).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      seconds: number;
      points: number;
    };
    expect(manifest.points).toBe(4);
    const table = readFileSync(join(dir, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(table).toHaveLength(5);
    expect(table[0]).toContain(
      'homes.home.beds,cohorts.any.referrals.perYear,cost.total.mean,cost.total.ciLow,cost.total.ciHigh,cost.total.p5,cost.total.p95',
    );
    // Both kinds of interval: the simulation error of the mean and the range of outcomes.
    const header = table[0]!.split(',');
    const first = table[1]!.split(',').map(Number);
    const s = points[0]!.summary['placements.outOfCounty']!;
    for (const [col, value] of [
      ['placements.outOfCounty.ciLow', s.ciLow],
      ['placements.outOfCounty.p5', s.p5],
      ['placements.outOfCounty.p95', s.p95],
    ] as const)
      // Written to the precision of a results table (six significant figures).
      expect(first[header.indexOf(col)], col).toBe(sensible(value!));
    expect(s.p5).toBeLessThan(s.p95);
    const svg = readFileSync(join(dir, 'charts', 'tradeoff.svg'), 'utf8');
    expect(svg).toContain('Cost against children placed out of county');
    expect(svg).toContain('On the front');
    expect(readdirSync(join(dir, 'charts'))).toEqual(
      expect.arrayContaining(['heatmap-cost-total.png', 'heatmap-outOfCounty-children.svg']),
    );
  }, 60_000);
});

describe('heldFixed', () => {
  it("names a home's capital, grant and retained value as held fixed when its beds vary, but not its running cost priced per bed", () => {
    const r = loadModel('models/leicestershire.yaml');
    if (!r.ok) throw new Error('baseline invalid');
    const held = heldFixed(
      r.raw,
      ['homes.csHome2.beds=2:4:1', 'art.capacity.1.children=8,12'].map(parseAxis),
    );
    // The baseline prices staffing per bed (costs.perBedWeek), so it moves with the beds.
    expect(held).toEqual([
      {
        axis: 'homes.csHome2.beds',
        fields: [
          { path: 'homes.csHome2.costs.capital', value: 481799 },
          { path: 'homes.csHome2.costs.grant', value: 236468 },
          { path: 'homes.csHome2.costs.retainedValue', value: 409529 },
        ],
      },
    ]);
  });

  it('names a running cost a year as held fixed where a home gives one', () => {
    const r = loadModel('models/properties-2021/family-centre.yaml');
    if (!r.ok) throw new Error('model invalid');
    const held = heldFixed(r.raw, [parseAxis('homes.familyCentre.beds=2:4')]);
    expect(held[0]!.fields.map((f) => f.path)).toContain('homes.familyCentre.costs.fixedPerYear');
  });
});
