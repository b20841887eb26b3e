// Every benchmark, for `npm run bench` (issue 3). Benchmarks print and never assert: timings on shared
// machines are too noisy to fail a build on.
//
//   (a) the reference loss system (models/verification/loss-system.yaml: one home of 23 beds, 0.5 referrals
//       a day, exponential stays of mean 40 days, 10 years after a one-year warm-up, 1000 replications)
//       through the full model, against the hand-written yardstick loop of the same system (yardstick.ts);
//       and the same file over 40 years, for the horizon's effect on memory;
//   (b) the Leicestershire baseline (models/leicestershire.yaml) over 10 years;
//   with, for (a), the same system on the engine's parts alone (engineFloor.ts);
//   (c) the baseline over 15 years through the experiment layer: main thread, and worker pools;
//   (d) the baseline with its ranges drawn as beliefs against fixed parameters: the set-up a replication
//       pays to draw them, and the cost per event, which drawing leaves alone;
//   (e) a large county's ten-year 903 returns (synthetic, about 60,000 episode rows): read, checked,
//       merged and calibrated, in a child process of its own (import903.ts);
//   the cost per event from 8 to 3,000 homes, for each matching policy, with and without repatriation and
//       waiting (scaling.ts);
//   (f) the compiled command as whole processes: start-up, M1 against the hand-written loop, the baseline
//       with and without charts on 1 and 2 workers, peak memory at 100 to 10,000 replications, a national
//       model in one process and in two shards; (g) a sweep (wholeProcess.ts);
//   then the engine's micro-benchmarks (engineMicro.ts).
//
// Each full-model case runs in its own child process (fullModel.ts), so that its peak RSS and heap are its
// own and a forced GC is available however this script was started. Speeds in (a), (b), (d) and the cost per
// event are on one core; (c), (f) and (g) use worker threads and, for the shards, two processes at once.
//
// Run: npm run bench [-- --no-micro] [-- --quick] [-- --in-process] [-- --no-whole-process]
//   --no-micro    skip the engine micro-benchmarks (about 15 s)
//   --no-whole-process  skip (f) and (g) (several minutes)
//   --quick       a tenth of the replications, to check the script itself (figures not meaningful)
//   --in-process  run the full-model cases in this process (memory figures then mix the cases)
//
// Profiling (not part of this run): profileLoss.ts under `node --cpu-prof`, summarised by profileSummary.ts.

import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchModel, RESULT_PREFIX, type ModelBenchOptions, type ModelBenchResult } from './fullModel.ts';
import { availableParallelism } from 'node:os';
import { prepare } from '../../src/experiment/prepared.ts';
import { createPool, runReplications } from '../../src/experiment/runner.ts';
import { newWorkspace, Replication } from '../../src/model/replication.ts';
import { drawParameters, uncertainParameters, withDrawnValues } from '../../src/scenario/beliefs.ts';
import { loadModel } from '../../src/scenario/load.ts';
import { normalise } from '../../src/scenario/normalise.ts';
import { printEngineMicro } from './engineMicro.ts';
import { printScaling } from './scaling.ts';
import { printWholeProcess } from './wholeProcess.ts';
import { runEngineFloor } from './engineFloor.ts';
import { LOSS_SYSTEM_ERLANG_B, runYardstick, type YardstickResult } from './yardstick.ts';
import { table } from './table.ts';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const scale = (n: number) => (quick ? Math.max(1, Math.round(n / 10)) : n);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./fullModel.ts', import.meta.url));

const LOSS = 'models/verification/loss-system.yaml';
const CASES: Record<'a' | 'a40' | 'b', Partial<ModelBenchOptions> & { label: string }> = {
  a: {
    label: '(a) loss system, full model, 10 y',
    file: LOSS,
    years: 10,
    reps: scale(1000),
    timedRuns: 3,
    warmupReps: 20,
    memoryReps: scale(1000),
    lossSystem: true,
    yardstick: true,
  },
  a40: {
    label: '(a) loss system, full model, 40 y',
    file: LOSS,
    years: 40,
    reps: scale(250),
    timedRuns: 1,
    warmupReps: 5,
    memoryReps: scale(250),
    lossSystem: true,
  },
  b: {
    label: '(b) Leicestershire, full model, 10 y',
    file: 'models/leicestershire.yaml',
    years: 10,
    reps: scale(200),
    timedRuns: 3,
    warmupReps: 5,
    memoryReps: scale(1000),
    lossSystem: false,
  },
};

/** Run a case in a child process with --expose-gc; fall back to this process if that fails. */
function runCase(options: Partial<ModelBenchOptions>): ModelBenchResult & { isolated: boolean } {
  if (!args.has('--in-process')) {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', import.meta.resolve('tsx'), CHILD, JSON.stringify(options)],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
    );
    const line = (child.stdout ?? '').split('\n').find((l) => l.startsWith(RESULT_PREFIX));
    if (child.status === 0 && line !== undefined)
      return { ...(JSON.parse(line.slice(RESULT_PREFIX.length)) as ModelBenchResult), isolated: true };
    console.log(`  (child process failed, status ${child.status}: running ${options.file} in this process)`);
  }
  return { ...benchModel(options), isolated: false };
}

// ------------------------------------------------------------------ formatting

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const int = (x: number) => Math.round(x).toLocaleString('en-GB');
const dec = (x: number, d = 1) =>
  x.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
const millions = (x: number) => `${(x / 1e6).toFixed(2)} M`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface SpeedRow {
  label: string;
  reps: number;
  events: number;
  seconds: number[];
}

function speedRow(r: SpeedRow): string[] {
  const best = Math.min(...r.seconds);
  const med = median(r.seconds);
  return [
    r.label,
    int(r.reps),
    int(r.events),
    dec(r.events / r.reps),
    `${best.toFixed(3)} / ${med.toFixed(3)}`,
    `${millions(r.events / best)} / ${millions(r.events / med)}`,
    `${int(r.reps / best)} / ${int(r.reps / med)}`,
  ];
}

// ------------------------------------------------------------------ the run

const started = performance.now();
console.log(
  `caresim benchmark: Node ${process.version}, ${process.platform} ${process.arch}, ${os.cpus()[0]?.model ?? '?'}, ` +
    `${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(2)}${quick ? ' (QUICK: a tenth of the replications)' : ''}`,
);
console.log('Single-threaded: every figure is for one core. Each timing: JIT warm-up, then 3 runs.');
console.log('');

console.log('running (a) 10 y with the yardstick in turn, (a) 40 y, (b) ...');
const a = runCase(CASES.a);
const a40 = runCase(CASES.a40);
const b = runCase(CASES.b);
const yard: YardstickResult[] = a.yardstick!;
console.log(
  `forced GC: ${a.gc}; ${a.isolated ? 'each full-model case in its own child process' : 'all cases in this process'}`,
);
console.log('');

console.log('Speed (best / median of the timed runs; events as each counts them, see below)');
console.log(
  table(
    ['case', 'reps', 'events/run', 'events/rep', 'seconds', 'events/s', 'reps/s'],
    [
      speedRow({ label: CASES.a.label, reps: a.options.reps, events: a.eventsPerRun, seconds: a.seconds }),
      speedRow({
        label: '(a) loss system, yardstick, 10 y',
        reps: yard[0]!.reps,
        events: yard[0]!.events,
        seconds: yard.map((y) => y.seconds),
      }),
      speedRow({
        label: CASES.a40.label,
        reps: a40.options.reps,
        events: a40.eventsPerRun,
        seconds: a40.seconds,
      }),
      speedRow({ label: CASES.b.label, reps: b.options.reps, events: b.eventsPerRun, seconds: b.seconds }),
    ],
  ),
);
console.log('');

// ---- (a) full model against the yardstick
const la = a.loss!;
const y = yard.reduce((p, q) => (q.seconds < p.seconds ? q : p));
const aBest = Math.min(...a.seconds);
const aEventsPerRep = a.eventsPerRun / a.options.reps;
// The model's events without the ends of out-of-county placements: the events the yardstick would count.
const comparablePerRep = la.referrals + la.localDischarges;
const yPerRep = y.events / y.reps;
console.log(
  `(a) full model against the yardstick: same system and span (warm-up ${dec(a.warmupDays, 2)} + ${int(a.horizonDays)} days), ` +
    'different random streams',
);
console.log(
  table(
    ['per replication', 'full model', 'yardstick'],
    [
      ['events popped / processed', dec(aEventsPerRep), dec(yPerRep)],
      ['  referrals (admitted or overflowing)', dec(la.referrals), dec(y.referrals / y.reps)],
      ['  discharges from the home', dec(la.localDischarges), dec(y.discharges / y.reps)],
      ['  ends of out-of-county placements', dec(la.outOfCountyEnds), 'none (lost)'],
      ['  other (stale, structure: should be 0)', dec(la.otherEvents), '-'],
      [
        'overflow share after warm-up, 95%',
        `${la.overflowShare.toFixed(5)} ± ${la.overflowHalfWidth.toFixed(5)}`,
        `${y.blockedShare.toFixed(5)} ± ${y.blockedShareHalfWidth.toFixed(5)}`,
      ],
      ['Erlang B(23 beds, 20 erlangs)', LOSS_SYSTEM_ERLANG_B.toFixed(5), LOSS_SYSTEM_ERLANG_B.toFixed(5)],
    ],
  ),
);
// Speed ratios. Both runs of a pair do the same replications (same seed) and are timed in turn in one
// process, so the per-pair ratio cancels most of the machine's changing load; the best runs are the least
// disturbed. Seconds scale every rate of a run alike, so the three ratios differ only by the event counts.
const pairRatios = (fullPerRun: number, yardPerRun: number) =>
  a.seconds.map((sec, i) => fullPerRun / sec / (yardPerRun / yard[i]!.seconds));
const ratioRow = (label: string, fullPerRun: number, yardPerRun: number, fmt: (x: number) => string) => [
  label,
  fmt(fullPerRun / aBest),
  fmt(yardPerRun / y.seconds),
  (fullPerRun / aBest / (yardPerRun / y.seconds)).toFixed(3),
  median(pairRatios(fullPerRun, yardPerRun)).toFixed(3),
];
console.log(
  table(
    ['speed', 'full model', 'yardstick', 'ratio of bests', 'median ratio in pairs'],
    [
      ratioRow('events/s, each its own count', a.eventsPerRun, y.events, millions),
      ratioRow(
        'events/s, yardstick-comparable events',
        comparablePerRep * a.options.reps,
        y.events,
        millions,
      ),
      ratioRow('replications/s (the fair comparison)', a.options.reps, y.reps, int),
    ],
  ),
);
const speedRatio = a.options.reps / aBest / y.repsPerSecond;
console.log(
  `  target: full model at >= 0.5 x the yardstick's speed: ${speedRatio >= 0.5 ? 'met' : 'NOT met'} ` +
    `(${speedRatio.toFixed(3)} in replications per second, best runs; median of paired runs ` +
    `${median(pairRatios(a.options.reps, y.reps)).toFixed(3)})`,
);
{
  // Where the gap is: the same system on the engine's parts alone (engineFloor.ts), in pairs with the
  // yardstick in this process.
  const floorReps = scale(200);
  runEngineFloor(20, 1);
  runYardstick(20, 1);
  const floor: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 5; i++) {
    floor.push(runEngineFloor(floorReps, 1).repsPerSecond);
    bare.push(runYardstick(floorReps, 1).repsPerSecond);
  }
  const floorRatio = Math.max(...floor) / Math.max(...bare);
  console.log(
    `  engine floor (engineFloor.ts: the same system on the calendar, ledger, streams and samplers alone): ` +
      `${int(Math.max(...floor))} replications/s, ${floorRatio.toFixed(3)} x the yardstick (best of 5 runs each); ` +
      `the rest of the full model's time is the care model's logic`,
  );
}
console.log('');

// ---- memory
console.log(
  'Memory, MB (heap = JS heap used; buffers = ArrayBuffer backing stores, where typed arrays live; ' +
    '"before" and "after" follow a forced GC)',
);
const memRow = (label: string, r: ModelBenchResult): string[] => {
  const m = r.memory;
  return [
    label,
    int(r.options.memoryReps),
    mb(m.maxRss),
    mb(m.before.rss),
    mb(m.peakRssSampled),
    `${mb(m.before.heapUsed)} / ${mb(m.after100.heapUsed)} / ${mb(m.afterAll.heapUsed)}`,
    `${mb(m.before.arrayBuffers)} / ${mb(m.after100.arrayBuffers)} / ${mb(m.afterAll.arrayBuffers)}`,
    mb(m.peakHeapSampled),
  ];
};
console.log(
  table(
    [
      'case',
      'reps',
      'maxRSS',
      'RSS before',
      'RSS peak*',
      'heap before / 100 / all',
      'buffers before / 100 / all',
      'heap peak*',
    ],
    [memRow(CASES.a.label, a), memRow(CASES.a40.label, a40), memRow(CASES.b.label, b)],
  ),
);
console.log(
  '  maxRSS: process.resourceUsage().maxRSS, the whole process (tsx, the loader and zod included); ' +
    '* sampled by process.memoryUsage() after every replication of the memory pass, garbage included',
);
const growth = (r: ModelBenchResult) => {
  const m = r.memory;
  const heap = m.afterAll.heapUsed - m.after100.heapUsed;
  const buffers = m.afterAll.arrayBuffers - m.after100.arrayBuffers;
  return `heap ${heap >= 0 ? '+' : ''}${kb(heap)} KB, buffers ${buffers >= 0 ? '+' : ''}${kb(buffers)} KB`;
};
console.log(
  `  growth from replication 100 to ${int(a.options.memoryReps)}: (a) ${growth(a)}; (b) ${growth(b)}`,
);
console.log(
  `  horizon 10 -> 40 y, loss system, after 100 replications: heap ${mb(a.memory.after100.heapUsed)} -> ` +
    `${mb(a40.memory.after100.heapUsed)} MB, buffers ${mb(a.memory.after100.arrayBuffers)} -> ` +
    `${mb(a40.memory.after100.arrayBuffers)} MB, peak RSS ${mb(a.memory.maxRss)} -> ${mb(a40.memory.maxRss)} MB`,
);
console.log(
  `  per-period results, one replication's matrix: ${a.series} series x ${a.months} months = ${kb(a.resultBytes)} KB ` +
    `(10 y) -> ${a40.series} x ${a40.months} = ${kb(a40.resultBytes)} KB (40 y); the results ledger holds two ` +
    'to three arrays of that size',
);
console.log('');
console.log(
  'Events: the full model counts events popped from its calendar before the horizon (Replication.eventsProcessed, ' +
    'stale ones included); the yardstick counts referrals and discharges from the home. For the loss system they ' +
    'differ only by the ends of out-of-county placements: the model places the overflow out of county and ends ' +
    'that placement later, the yardstick drops it.',
);
console.log(`Full-model cases and yardstick took ${((performance.now() - started) / 1000).toFixed(0)} s.`);

// (c) Replications per second of the Leicestershire baseline through the experiment layer (results collected
// by replication index): on the main thread (what `--workers 1` does), and through a pool of one worker and of
// one worker per core. The pool's start-up (threads, module loading, the first small batch) is timed apart
// from its steady throughput, since a short run pays the first and a long run is governed by the second.
{
  const loaded = loadModel('models/leicestershire.yaml');
  if (!loaded.ok) throw new Error('the baseline does not validate');
  const cores = availableParallelism();
  const reps = Array.from({ length: scale(1000) }, (_, i) => i);
  const rows: string[][] = [];
  const t0 = performance.now();
  const prepared = prepare(loaded.model);
  await runReplications({ model: prepared, seed: 1, reps, workers: 1 });
  const mainSeconds = (performance.now() - t0) / 1000;
  const mainRate = reps.length / mainSeconds;
  rows.push(['main thread', '-', int(reps.length), dec(mainSeconds, 2), dec(mainRate), '1.00']);
  for (const workers of [...new Set([1, cores])]) {
    const started = performance.now();
    const pool = createPool(workers);
    try {
      // One tiny batch per worker brings every thread up (modules loaded, model compiled).
      await runReplications({
        model: prepared,
        seed: 1,
        reps: [0, 1],
        workers: Math.max(2, workers),
        pool,
      });
      const startup = (performance.now() - started) / 1000;
      const t1 = performance.now();
      await runReplications({ model: prepared, seed: 1, reps, workers, pool });
      const seconds = (performance.now() - t1) / 1000;
      const rate = reps.length / seconds;
      rows.push([
        `pool of ${workers} worker${workers === 1 ? '' : 's'}`,
        dec(startup, 2),
        int(reps.length),
        dec(seconds, 2),
        dec(rate),
        dec(rate / mainRate, 2),
      ]);
    } finally {
      await pool.destroy();
    }
  }
  console.log('');
  console.log(
    `(c) Leicestershire baseline, 15 years, through caresim run's experiment layer (${cores} cores)`,
  );
  console.log(table(['where', 'start-up s', 'reps', 'seconds', 'reps/s', 'x main thread'], rows));
}

// (d) What drawing parameters from beliefs costs: the baseline with every low/high range read as a
// triangular belief (89 parameters) against the same model at its central values, on the main thread, as
// runUncertain (src/experiment/batch.ts) does it. A replication with beliefs draws its parameters and builds
// its own scenario and simulator, then runs; the set-up and the run are timed apart, replication by
// replication, so that the cost per event of the simulation itself can be compared with fixed parameters.
// Two rounds, fixed and drawn in turn, so that a shared machine's load falls on both.
{
  const loaded = loadModel('models/leicestershire.yaml');
  if (!loaded.ok) throw new Error('the baseline does not validate');
  const n = scale(400);
  const model = { ...loaded.model, uncertainty: { ranges: 'triangular' as const, fixed: false } };
  const params = uncertainParameters(model);
  const reused = new Replication(normalise(model));
  // Simulators built one after another share their stores, as the experiment layer's do (batch.ts).
  const workspace = newWorkspace();
  const build = {
    fixed: () => reused,
    drawn: (r: number) =>
      new Replication(normalise(withDrawnValues(model, params, drawParameters(params, 1, r))), workspace),
  };
  const totals = { fixed: { setup: 0, run: 0, events: 0 }, drawn: { setup: 0, run: 0, events: 0 } };
  for (const kind of ['fixed', 'drawn'] as const) for (let r = 0; r < 30; r++) build[kind](r).run(1, r);
  for (let round = 0; round < 2; round++)
    for (const kind of ['fixed', 'drawn'] as const)
      for (let r = 0; r < n; r++) {
        const t0 = performance.now();
        const sim = build[kind](r);
        const t1 = performance.now();
        sim.run(1, r);
        const t2 = performance.now();
        totals[kind].setup += t1 - t0;
        totals[kind].run += t2 - t1;
        totals[kind].events += sim.eventsProcessed;
      }
  const row = (kind: 'fixed' | 'drawn') => {
    const t = totals[kind];
    const reps = 2 * n;
    return [
      kind,
      dec((t.setup + t.run) / reps, 2),
      dec(t.setup / reps, 2),
      dec(t.run / reps, 2),
      int(t.events / reps),
      dec((t.run * 1e6) / t.events, 0),
    ];
  };
  console.log('');
  console.log(
    `(d) Leicestershire baseline, its ranges drawn as beliefs (${params.length} parameters) or fixed, main thread, 2 x ${n} replications`,
  );
  console.log(
    table(
      [
        'parameters',
        'ms a replication',
        'of which set-up',
        'of which run',
        'events a replication',
        'ns an event (run)',
      ],
      [row('fixed'), row('drawn')],
    ),
  );
  console.log(
    '  set-up with beliefs: draw every parameter (one stream each), copy the model along the drawn paths, normalise, build a simulator',
  );
}

{
  const scale = quick ? 2 : 20;
  console.log('');
  console.log(
    `(e) a county's ten-year 903 returns, synthetic at ${scale} times the synthetic county (child process)`,
  );
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      import.meta.resolve('tsx'),
      fileURLToPath(new URL('./import903.ts', import.meta.url)),
      String(scale),
    ],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  const line = (child.stdout ?? '').split('\n').find((l) => l.startsWith('IMPORT903 '));
  if (child.status !== 0 || line === undefined) console.log(`  (failed, status ${child.status})`);
  else {
    const r = JSON.parse(line.slice('IMPORT903 '.length)) as Record<string, number>;
    const f = (x: number) => x.toFixed(2);
    console.log(
      `  ${r.children!.toLocaleString('en-GB')} children, ${r.episodeRows!.toLocaleString('en-GB')} episode rows (with the usual mess), ${r.spells!.toLocaleString('en-GB')} residential spells`,
    );
    console.log(
      `  read ${f(r.readSeconds!)} s, check and merge ${f(r.checkMergeSeconds!)} s, calibrate ${f(r.calibrateSeconds!)} s; RSS ${Math.round(r.rssBeforeMb!)} MB before reading (tsx, the synthesis), peak ${Math.round(r.maxRssMb!)} MB`,
    );
  }
}

printScaling(quick);

if (!args.has('--no-whole-process')) await printWholeProcess(quick);

if (!args.has('--no-micro')) {
  console.log('');
  console.log('Engine micro-benchmarks (best of 3 runs of about 0.2 s each)');
  printEngineMicro();
}
