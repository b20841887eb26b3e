// Benchmark of the full model: a model file loaded, normalised and run by Replication, exactly as
// `caresim run` does, timed over many replications, with its memory watched between replications.
//
// run.ts starts this file in a child process per case (`node --expose-gc --import tsx fullModel.ts '<json>'`)
// so that each case has its own heap and its own peak RSS, and a forced GC is available whatever flags the
// parent was started with. The child prints one line `BENCH_RESULT <json>`; nothing else on stdout.
//
// Protocol, per case:
//   1. load and normalise the model, build one Replication (reused for every replication, as intended);
//   2. warm the JIT with a few replications;
//   3. memory pass (untimed): forced GC, memory "before"; `memoryReps` replications with
//      process.memoryUsage() sampled after each one; forced GC and memory again after 100 and after all;
//      the result matrices are dropped, as an experiment that reduces them on the fly would;
//   4. timed runs: `timedRuns` runs of `reps` replications each (replications 0..reps-1 of the seed, so
//      every run does the same work), nothing but sim.run() and the event count in the loop. With
//      `yardstick: true`, each run of the model is followed by a run of the yardstick (yardstick.ts) over
//      the same span, so that the two are timed in turn, under the same load of a shared machine.
//
// Events: `Replication.eventsProcessed`, the events popped from the calendar with a time before the horizon,
// stale ones included. For the loss system (lossSystem: true) the pass also splits them into referrals,
// discharges from the local home and ends of out-of-county placements (the overflow: the yardstick drops
// those children, the model places them out of county and pops the end of that placement later), checks
// that nothing else was popped, and measures the overflow share for comparison with Erlang B.
//
// Run on its own: npx tsx test/bench/fullModel.ts '{"file":"models/verification/loss-system.yaml"}'

import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Replication } from '../../src/model/replication.ts';
import { loadModel } from '../../src/scenario/load.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { runYardstick, type YardstickResult } from './yardstick.ts';

export interface ModelBenchOptions {
  /** Model file, relative to the working directory. */
  file: string;
  /** Horizon override in years (normalise's `years`). */
  years: number;
  /** Replications per timed run. */
  reps: number;
  /** Number of timed runs (0: memory pass only). */
  timedRuns: number;
  /** Replications run before anything is measured, to warm the JIT. */
  warmupReps: number;
  /** Replications of the memory pass (0: none). */
  memoryReps: number;
  seed: number;
  /** Split the events and measure the overflow share (only meaningful for the loss-system file). */
  lossSystem: boolean;
  /** Time the yardstick in turn with the model (only meaningful for the loss-system file). */
  yardstick: boolean;
}

export const DEFAULT_OPTIONS: ModelBenchOptions = {
  file: 'models/verification/loss-system.yaml',
  years: 10,
  reps: 1000,
  timedRuns: 3,
  warmupReps: 20,
  memoryReps: 1000,
  seed: 1,
  lossSystem: false,
  yardstick: false,
};

/** A snapshot of process.memoryUsage(), in bytes. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** Memory of ArrayBuffers (typed arrays' backing stores live here, outside the JS heap). */
  arrayBuffers: number;
}

export interface LossSystemCheck {
  /** Per replication, means over the memory pass. */
  referrals: number;
  localDischarges: number;
  outOfCountyEnds: number;
  /** Events popped that are none of the three (should be 0). */
  otherEvents: number;
  /** Overflow share of referrals after the warm-up: mean over replications and 95% half-width. */
  overflowShare: number;
  overflowHalfWidth: number;
}

export interface ModelBenchResult {
  options: ModelBenchOptions;
  name: string;
  warmupDays: number;
  horizonDays: number;
  months: number;
  series: number;
  /** Bytes of one replication's result matrix (series x months doubles). */
  resultBytes: number;
  /** How the forced GC was obtained. */
  gc: string;
  /** Events of one timed run (every run does the same replications, so the same events). */
  eventsPerRun: number;
  /** Seconds of each timed run. */
  seconds: number[];
  memory: {
    /** After loading and the warm-up, after a forced GC. */
    before: MemorySample;
    /** After a forced GC, after min(100, memoryReps) replications of the memory pass. */
    after100: MemorySample;
    /** After a forced GC, after all memoryReps replications. */
    afterAll: MemorySample;
    /** Largest RSS and heapUsed sampled between replications of the memory pass (no forced GC). */
    peakRssSampled: number;
    peakHeapSampled: number;
    /** process.resourceUsage().maxRSS at the end, in bytes: the process's peak, loading included. */
    maxRss: number;
  };
  loss: LossSystemCheck | null;
  /** The yardstick's timed runs, in turn with the model's (null unless options.yardstick). */
  yardstick: YardstickResult[] | null;
}

function snapshot(): MemorySample {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, arrayBuffers: m.arrayBuffers };
}

/**
 * A function that forces a full garbage collection: global.gc when node runs with --expose-gc, otherwise
 * the same function obtained by setting the V8 flag at run time (works on Node 20; the flag must be set
 * before the new context is created).
 */
export function forcedGc(): { gc: () => void; how: string } {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return { gc: g, how: 'global.gc (--expose-gc)' };
  try {
    v8.setFlagsFromString('--expose-gc');
    const fromContext = vm.runInNewContext('gc') as unknown;
    if (typeof fromContext === 'function') {
      const f = fromContext as () => void;
      return { gc: () => f(), how: 'v8.setFlagsFromString(--expose-gc)' };
    }
  } catch {
    // fall through
  }
  return { gc: () => undefined, how: 'none (heap figures include garbage)' };
}

function rowIndex(defs: readonly { name: string }[], name: string): number {
  const i = defs.findIndex((d) => d.name === name);
  if (i < 0) throw new Error(`no series ${name}`);
  return i;
}

/** Run one benchmark case in this process. */
export function benchModel(partial: Partial<ModelBenchOptions>): ModelBenchResult {
  const o: ModelBenchOptions = { ...DEFAULT_OPTIONS, ...partial };
  const loaded = loadModel(o.file);
  if (!loaded.ok) throw new Error(`${o.file}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const scenario = normalise(loaded.model, { years: o.years });
  const sim = new Replication(scenario);
  const defs = sim.metrics.defs;
  const months = sim.metrics.months;
  const { gc, how } = forcedGc();
  // One result matrix, written in place by every replication, as the worker batches do.
  const matrix = new Float64Array(defs.length * months);

  for (let rep = 0; rep < o.warmupReps; rep++) sim.run(o.seed, rep, null, matrix);

  // ---- memory pass (untimed), with the loss-system checks
  gc();
  const before = snapshot();
  let after100 = before;
  let peakRssSampled = before.rss;
  let peakHeapSampled = before.heapUsed;
  const m = sim.metrics;
  const referralsRow = rowIndex(defs, 'referrals');
  const overflowRow = rowIndex(defs, 'overflow.allFull');
  const noEligibleRow = rowIndex(defs, 'overflow.noEligibleBed');
  let referrals = 0;
  let discharges = 0;
  let oocEnds = 0;
  let other = 0;
  let shareSum = 0;
  let shareSq = 0;
  for (let rep = 0; rep < o.memoryReps; rep++) {
    const out = sim.run(o.seed, rep, null, matrix);
    if (o.lossSystem) {
      // Whole-run tallies (warm-up included) split the popped events; the result matrix (after the
      // warm-up only) gives the overflow share.
      let oocStarts = 0;
      const cohorts = sim.s.cohorts.length;
      for (let c = 0; c < cohorts; c++) oocStarts += m.grandTotal(m.placedOoc + c);
      let oocNow = 0;
      for (let c = 0; c < cohorts; c++) oocNow += m.current(m.oocByCohort + c);
      const oocEnded = oocStarts - oocNow;
      referrals += m.referredTotal;
      discharges += m.exitedTotal - oocEnded;
      oocEnds += oocEnded;
      other += sim.eventsProcessed - m.referredTotal - m.exitedTotal;
      let referred = 0;
      let overflow = 0;
      for (let k = 0; k < months; k++) {
        referred += out[referralsRow * months + k]!;
        overflow += out[overflowRow * months + k]! + out[noEligibleRow * months + k]!;
      }
      const share = overflow / referred;
      shareSum += share;
      shareSq += share * share;
    }
    const now = process.memoryUsage();
    if (now.rss > peakRssSampled) peakRssSampled = now.rss;
    if (now.heapUsed > peakHeapSampled) peakHeapSampled = now.heapUsed;
    if (rep + 1 === Math.min(100, o.memoryReps)) {
      gc();
      after100 = snapshot();
    }
  }
  gc();
  const afterAll = snapshot();
  const n = o.memoryReps;
  const mean = shareSum / n;
  const loss: LossSystemCheck | null =
    o.lossSystem && n > 0
      ? {
          referrals: referrals / n,
          localDischarges: discharges / n,
          outOfCountyEnds: oocEnds / n,
          otherEvents: other / n,
          overflowShare: mean,
          overflowHalfWidth: n > 1 ? 1.96 * Math.sqrt((shareSq - n * mean * mean) / (n - 1) / n) : NaN,
        }
      : null;

  // ---- timed runs
  const span = { warmupDays: scenario.warmupDays, horizonDays: scenario.horizonDays };
  const yardstick: YardstickResult[] | null = o.yardstick ? [] : null;
  if (yardstick) runYardstick(Math.min(o.reps, 50), o.seed, span); // warm the JIT
  const seconds: number[] = [];
  let eventsPerRun = 0;
  for (let r = 0; r < o.timedRuns; r++) {
    if (yardstick) yardstick.push(runYardstick(o.reps, o.seed, span));
    let events = 0;
    const start = performance.now();
    for (let rep = 0; rep < o.reps; rep++) {
      sim.run(o.seed, rep, null, matrix);
      events += sim.eventsProcessed;
    }
    seconds.push((performance.now() - start) / 1000);
    eventsPerRun = events;
  }

  return {
    options: o,
    name: scenario.name,
    warmupDays: scenario.warmupDays,
    horizonDays: scenario.horizonDays,
    months,
    series: defs.length,
    resultBytes: defs.length * months * 8,
    gc: how,
    eventsPerRun,
    seconds,
    memory: {
      before,
      after100,
      afterAll,
      peakRssSampled,
      peakHeapSampled,
      maxRss: process.resourceUsage().maxRSS * 1024,
    },
    loss,
    yardstick,
  };
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = JSON.parse(process.argv[2] ?? '{}') as Partial<ModelBenchOptions>;
  console.log(RESULT_PREFIX + JSON.stringify(benchModel(options)));
}
