/**
 * `caresim run`, `caresim compare` and `caresim merge`: load the models, run with progress on
 * stderr (a bar on a terminal, a line every few seconds otherwise), turn Ctrl-C into a clean
 * stop, print the summary. The work itself lives in src/experiment.
 */
import { makeProgress } from '../output/progress.ts';
import { formatParameterValue } from '../charts/psaCharts.ts';
import { existsSync, statfsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parameterName } from '../experiment/sensitivity.ts';
import { parseAxis } from '../experiment/sweep.ts';
import { executeMerge } from '../output/runFolder.ts';
import { abandonAll } from '../output/runDirectory.ts';
import { inWords } from '../output/fileErrors.ts';
import { compareReportDoc, runReportDoc } from '../output/reportDocs.ts';
import { formatComparison } from '../report/compareSummary.ts';
import { formatRunSummary } from '../report/runSummary.ts';
import { formatValue } from '../report/textTable.ts';
import { MC_HEADING, meanWithRange, RANGE_HEADING } from '../report/uncertaintyWords.ts';
import { historyTable } from '../report/runReport.ts';
import { windowIsHorizon, windowText } from '../experiment/headline.ts';
import { textTable } from '../report/textTable.ts';
import {
  diskFolder,
  formatModelError,
  loadModel,
  writeCompareFolder as executeCompare,
  writeRunFolder as executeRun,
} from '../lib/index.ts';
import type { ModelFile } from '../scenario/schema/model.ts';
import { horizonYears, parseDate } from '../engine/calendar.ts';
import { availableParallelism, totalmem } from 'node:os';
import { setShape } from '../experiment/replicationSet.ts';
import { prepare } from '../experiment/prepared.ts';
import { runBatch } from '../experiment/batch.ts';
import { WORKER_EFFICIENCY } from '../experiment/runner.ts';
import { validateModelData } from '../scenario/load.ts';

export interface RunCommandOptions {
  /** commander's --no-charts sets this false. */
  charts?: boolean;
  shard?: { index: number; count: number };
  precision?: number;
  maxReps?: number;
  reps?: number;
  seed?: number;
  years?: number;
  /** --window FROM[:TO]: the financial years whole-run headlines cover. */
  window?: { from: string; to?: string };
  out?: string;
  workers?: number;
  quiet?: boolean;
  /** --fixed-parameters: every number at its central value, whatever beliefs the model states. */
  fixedParameters?: boolean;
}

/** --fixed-parameters: the model then says so itself (uncertainty.fixed), so its manifest and hash do too. */
function applyFixed(models: ModelFile[], o: { fixedParameters?: boolean }): void {
  if (!o.fixedParameters) return;
  for (const m of models) m.uncertainty = { ranges: m.uncertainty?.ranges ?? 'none', fixed: true };
}

/**
 * Set the headline window of each model from --window (it overrides time.window), after checking
 * its years lie in the horizon the run will have. The model is data: the manifest, its hash and the
 * report then say which window was used. Returns false, having said why, when they do not.
 */
function applyWindow(models: ModelFile[], o: RunCommandOptions): boolean {
  const w = o.window;
  if (!w) return true;
  for (const m of models) {
    const years = o.years ?? (typeof m.time.years === 'number' ? m.time.years : m.time.years.value);
    const fys = horizonYears(parseDate(m.time.start), years, m.time.financialYearStartMonth).labels;
    for (const fy of [w.from, ...(w.to === undefined ? [] : [w.to])])
      if (!fys.includes(fy)) {
        console.error(
          `--window: ${fy} is not a financial year of the horizon of "${m.name}" (${fys[0]} to ${fys[fys.length - 1]})`,
        );
        return false;
      }
    if (w.to !== undefined && w.to < w.from) {
      console.error(`--window: the window ends (${w.to}) before it starts (${w.from})`);
      return false;
    }
    m.time.window = w.to === undefined ? { from: w.from } : { from: w.from, to: w.to };
  }
  return true;
}

/** Load every file, printing each one's errors; null if any is invalid. */
function loadAll(files: readonly string[], raws: unknown[] = []): ModelFile[] | null {
  const models: ModelFile[] = [];
  for (const f of files) {
    const loaded = loadModel(f);
    if (!loaded.ok) {
      console.error(`${f}: ${loaded.errors.length} error${loaded.errors.length === 1 ? '' : 's'}`);
      for (const e of [...loaded.errors, ...loaded.warnings]) console.error(`  ${formatModelError(e)}`);
    } else {
      for (const w of loaded.warnings) console.error(`  ${formatModelError(w)}`);
      models.push(loaded.model);
      raws.push(loaded.raw);
    }
  }
  return models.length === files.length ? models : null;
}

/** The run options the command line gives, in the form executeRun/executeCompare take. */
function common(o: RunCommandOptions) {
  return {
    ...(o.reps === undefined ? {} : { replications: o.reps }),
    ...(o.seed === undefined ? {} : { seed: o.seed }),
    ...(o.years === undefined ? {} : { years: o.years }),
    ...(o.workers === undefined ? {} : { workers: o.workers }),
    ...(o.out === undefined ? {} : { out: o.out }),
  };
}

/**
 * Run `work` with progress reporting and Ctrl-C handling; returns the exit code: 0 done,
 * 1 failed. Ctrl-C (SIGINT) or SIGTERM stops the work at once, whatever it is doing (simulating,
 * drawing, writing): the folder being written is removed and the process exits 130 (143 for
 * SIGTERM), so nothing that looks complete is left. Once the results folder is complete, a signal
 * lets the last printing finish, and the run exits 0.
 */
let ignoring = false;
function ignoreLateSignals(): void {
  if (ignoring) return;
  ignoring = true;
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
}

async function interruptible(
  what: string,
  quiet: boolean | { quiet: boolean; unit: string },
  work: (progress: (done: number, total: number) => void, signal: AbortSignal) => Promise<() => void>,
): Promise<number> {
  const progress = typeof quiet === 'boolean' ? makeProgress(quiet) : makeProgress(quiet.quiet, quiet.unit);
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    const { anyComplete } = abandonAll();
    if (anyComplete) return;
    abort.abort();
    progress.stop();
    console.error(`Interrupted: no results were written.`);
    process.exit(signal === 'SIGTERM' ? 143 : 130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const report = await work(progress.update, abort.signal);
    progress.stop();
    report();
    // The results are complete: a signal from now until the process exits (closing the worker
    // pool, say) is ignored rather than killing it with a complete folder and 130.
    ignoreLateSignals();
    return 0;
  } catch (e) {
    progress.stop();
    console.error(`caresim ${what} failed: ${inWords(e)}`);
    return 1;
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const gb = (x: number) => `${(x / 2 ** 30).toFixed(1)} GB`;
const shards = (bytes: number, limit: number) => {
  const n = Math.ceil(bytes / limit) + 1;
  return `run them in shards (--shard 0/${n}, 1/${n} and so on, one process each, then caresim merge)`;
};

/** Replications asked for (the cap, with a precision to reach), and those of this process's shard. */
function replicationsAsked(models: readonly ModelFile[], o: RunCommandOptions): number {
  const reps = o.precision === undefined ? (o.reps ?? models[0]!.run.replications) : (o.maxReps ?? 10_000);
  return o.shard ? Math.ceil(reps / o.shard.count) : reps;
}

/** Bytes of monthly results of `reps` replications of each model. */
function matrixBytes(models: readonly ModelFile[], o: RunCommandOptions, reps: number): number {
  return models.reduce((a, m) => {
    const shape = setShape(prepare(m, o.years));
    return a + reps * shape.defs.length * shape.months * 8;
  }, 0);
}

/**
 * Whether the monthly results of the replications asked for fit in memory (a comparison keeps
 * each replication's matrix until its tables are built): refused with the estimate and what to
 * do, rather than the process dying part way.
 */
function fitsInMemory(models: readonly ModelFile[], o: RunCommandOptions): boolean {
  const reps = replicationsAsked(models, o);
  const bytes = matrixBytes(models, o, reps);
  const limit = totalmem() / 2;
  if (bytes <= limit) return true;
  console.error(
    `caresim: ${reps.toLocaleString('en-GB')} replications of ${models.length === 1 ? 'this model' : `these ${models.length} models`} hold about ${gb(bytes)} of monthly results in memory, more than half this machine's ${gb(totalmem())}: run fewer replications, or ${shards(bytes, limit)}.`,
  );
  return false;
}

/** Bytes free on the disk that holds `path` (or the nearest folder above it that exists). */
function freeDisk(path: string): number {
  let dir = resolve(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/**
 * Whether a run's monthly results fit where they go: a run keeps them in a file in its results
 * folder while it lasts (output/fileMatrices.ts; a shard keeps them as its raw file too), so its
 * memory does not grow with replications but its disk does. Refused with the estimate and what
 * to do, rather than failing part way for want of disk.
 */
function fitsOnDisk(models: readonly ModelFile[], o: RunCommandOptions): boolean {
  const reps = replicationsAsked(models, o);
  const bytes = matrixBytes(models, o, reps) * (o.shard ? 2 : 1);
  // A small run is not worth refusing in advance: a full disk is reported, in words, when a write
  // fails. Nor is a folder whose free space cannot be read (or is none: /proc, say), whose own
  // error says more.
  if (bytes < 2 ** 28) return true;
  const where = o.out ?? 'runs';
  let free: number;
  try {
    free = freeDisk(where);
  } catch {
    return true;
  }
  if (free === 0 || bytes <= free * 0.9) return true;
  console.error(
    `caresim: ${reps.toLocaleString('en-GB')} replications of this model need about ${gb(bytes)} of disk for their monthly results while the run lasts, more than the ${gb(free)} free where the results go (${where}): run fewer replications, or ${shards(bytes, free * 0.9)} on machines with room.`,
  );
  return false;
}

/** `caresim run MODEL`. */
export async function runCommand(file: string, o: RunCommandOptions): Promise<number> {
  const raws: unknown[] = [];
  const models = loadAll([file], raws);
  if (!models) return 1;
  if (!applyWindow(models, o)) return 2;
  applyFixed(models, o);
  if (!fitsOnDisk(models, o)) return 1;
  const model = models[0]!;
  return interruptible('run', o.quiet === true, async (onProgress, signal) => {
    const outcome = await executeRun({
      modelFile: file,
      model,
      ...common(o),
      ...(o.shard === undefined ? {} : { shard: o.shard }),
      ...(o.precision === undefined ? {} : { precision: o.precision }),
      ...(o.maxReps === undefined ? {} : { maxReplications: o.maxReps }),
      ...(o.charts === false ? { charts: false } : {}),
      modelAsWritten: raws[0],
      onProgress,
      signal,
    });
    return () => {
      const m = outcome.manifest;
      printStopping(m.command === 'run' ? m.sequentialStopping : null, m.replications);
      if (!o.quiet)
        console.log(
          `${formatRunSummary(
            outcome.tables.summary,
            outcome.set.calendar.fyLabels,
            `${model.name}: ${String(m.replications)} replications, seed ${String(m.seed)}, ${String(m.seconds)} s on ${String(m.workers)} worker(s)`,
            windowIsHorizon(outcome.set.calendar) ? 'whole horizon' : windowText(outcome.set.calendar),
          )}\n`,
        );
      if (!o.quiet && outcome.tables.history.length > 0) {
        const h = historyTable(outcome.tables.history);
        console.log(`History check\n${textTable(h.header, h.rows)}\n`);
      }
      console.log(`Results written to ${outcome.dir}`);
    };
  });
}

/** What sequential stopping did, in a sentence, with what it watched. */
function printStopping(
  stop: { reached: boolean; metrics: string[]; stillImprecise: string[] } | null,
  replications: number,
): void {
  if (!stop) return;
  console.log(
    stop.reached
      ? `Precision reached after ${replications} replications, watching ${stop.metrics.join(', ')}.`
      : `Precision NOT reached after ${replications} replications (the cap): still too wide: ${stop.stillImprecise.join(', ')}.`,
  );
}

/** `caresim compare BASE SCENARIO...`. */
export async function compareCommand(files: string[], o: RunCommandOptions): Promise<number> {
  const raws: unknown[] = [];
  const models = loadAll(files, raws);
  if (!models) return 1;
  if (!applyWindow(models, o)) return 2;
  applyFixed(models, o);
  if (!fitsInMemory(models, o)) return 1;
  return interruptible('compare', o.quiet === true, async (onProgress, signal) => {
    const outcome = await executeCompare({
      files,
      models,
      modelsAsWritten: raws,
      ...common(o),
      ...(o.precision === undefined ? {} : { precision: o.precision }),
      ...(o.maxReps === undefined ? {} : { maxReplications: o.maxReps }),
      ...(o.charts === false ? { charts: false } : {}),
      onProgress,
      signal,
    });
    return () => {
      const m = outcome.manifest;
      printStopping(m.sequentialStopping, m.replications);
      if (!o.quiet)
        console.log(
          formatComparison(
            models[0]!.name,
            outcome.comparisons,
            `${models.length} models, ${String(m.replications)} replications each, seed ${String(m.seed)}, ${String(m.seconds)} s`,
          ),
        );
      console.log(`Results written to ${outcome.dir}`);
    };
  });
}

/** `caresim merge DIR...`: combine shard folders into one run's results. */
export async function mergeCommand(dirs: string[], out: string): Promise<number> {
  return interruptible('merge', true, async () => {
    const outcome = await executeMerge(dirs, out);
    return () =>
      console.log(
        `Merged ${dirs.length} shards (${outcome.set.reps.length} replications) into ${outcome.dir}`,
      );
  });
}

/** `caresim report RUN_DIR`: redraw a results folder's charts without simulating again. */
export async function reportCommand(dir: string): Promise<number> {
  try {
    const isComparison = existsSync(join(dir, 'compare.json'));
    const { redrawCompareCharts, redrawRunCharts } = await import('../output/chartFiles.ts');
    const { writeCompareReport, writeCompareWordReport, writeRunReport, writeRunWordReport } =
      await import('../output/reportFiles.ts');
    const { writeCompareWorkbook, writeRunWorkbook } = await import('../output/workbook.ts');
    // Everything the reports need is read and checked first: a folder that cannot be finished is
    // not touched.
    if (isComparison) compareReportDoc(diskFolder(dir));
    else runReportDoc(diskFolder(dir));
    const files = isComparison ? await redrawCompareCharts(dir) : await redrawRunCharts(dir);
    if (isComparison) {
      writeCompareReport(dir);
      await writeCompareWordReport(dir);
      await writeCompareWorkbook(diskFolder(dir));
    } else {
      writeRunReport(dir);
      await writeRunWordReport(dir);
      await writeRunWorkbook(diskFolder(dir));
    }
    console.log(
      `Drew ${files.length / 3} charts in ${dir}/charts (vega-lite spec, SVG and PNG of each) and wrote report.html, report.md, report.docx and results.xlsx`,
    );
    return 0;
  } catch (e) {
    console.error(`caresim report failed: ${inWords(e)}`);
    return 1;
  }
}

export interface SweepCommandOptions extends RunCommandOptions {
  vary: string[];
  lhs?: number;
  /** Start however long the sweep is estimated to take. */
  yes?: boolean;
  maxOverflowChance?: number;
  maxOverflowShare?: number;
  year?: string;
  fromYear?: string;
  minimise?: string[];
}

/** Past this estimate a sweep asks for --yes before it starts. */
const LONG_SWEEP_SECONDS = 600;

/** How long sweepSize times replications for. */
const SWEEP_TIMING_MS = 500;

/**
 * How many points and replications a sweep asks for, and about how long they take here: the
 * model's replications are run for half a second, and the median time of the later half of them
 * (the first pay for compiling the model and warming the JIT: the first alone made the estimate
 * six times too long) times the replications, over the workers' combined speed; plus, for each
 * point, checking and preparing its model.
 */
function sweepSize(
  model: ModelFile,
  raw: unknown,
  axes: readonly { values: number[] }[],
  o: SweepCommandOptions,
): { seconds: number; text: string } {
  const points = o.lhs ?? axes.reduce((n, a) => n * a.values.length, 1);
  const reps = o.reps ?? model.run.replications;
  const prepared = prepare(model, o.years);
  const replication = (rep: number) =>
    runBatch({
      model: prepared.model,
      ...(o.years === undefined ? {} : { years: o.years }),
      hash: prepared.hash,
      seed: o.seed ?? model.run.seed,
      reps: [rep],
    });
  const times: number[] = [];
  const started = performance.now();
  do {
    const t = performance.now();
    replication(times.length);
    times.push(performance.now() - t);
  } while (times.length < 200 && performance.now() - started < SWEEP_TIMING_MS);
  const warm = times.slice(Math.floor(times.length / 2)).sort((a, b) => a - b);
  const perReplication = warm[Math.floor(warm.length / 2)]!;
  // Each point is also checked and prepared on the main thread before the sweep starts.
  const t0 = performance.now();
  const checked = validateModelData(raw);
  if (checked.ok) prepare(checked.model, o.years);
  const perPoint = performance.now() - t0;
  const workers = o.workers ?? availableParallelism();
  const speed = workers === 1 ? 1 : workers * WORKER_EFFICIENCY;
  const seconds = (points * (perPoint + (reps * perReplication) / speed)) / 1000;
  const about =
    seconds < 60
      ? 'under a minute'
      : seconds < 3600
        ? `about ${Math.ceil(seconds / 60)} minutes`
        : seconds < 86400 * 2
          ? `about ${(seconds / 3600).toFixed(1)} hours`
          : `about ${Math.round(seconds / 86400).toLocaleString('en-GB')} days`;
  return {
    seconds,
    text: `Sweep: ${points.toLocaleString('en-GB')} point${points === 1 ? '' : 's'} x ${reps.toLocaleString('en-GB')} replications = ${(points * reps).toLocaleString('en-GB')} replications, ${about} on ${workers} worker${workers === 1 ? '' : 's'} (from ${times.length} replications timed here).`,
  };
}

/** `caresim sweep MODEL --vary path=values ...`. */
export async function sweepCommand(file: string, o: SweepCommandOptions): Promise<number> {
  const raws: unknown[] = [];
  const models = loadAll([file], raws);
  if (!models) return 1;
  let axes;
  try {
    axes = o.vary.map(parseAxis);
  } catch (e) {
    console.error(`caresim sweep: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const model = models[0]!;
  if (o.fixedParameters) {
    applyFixed(models, o);
    (raws[0] as Record<string, unknown>).uncertainty = model.uncertainty;
  }
  const size = sweepSize(model, raws[0], axes, o);
  if (!o.quiet || size.seconds > LONG_SWEEP_SECONDS) console.error(size.text);
  if (size.seconds > LONG_SWEEP_SECONDS && !o.yes) {
    console.error(
      'caresim sweep: that is over ten minutes: run it again with --yes to start it, or ask for fewer points (fewer values, or --lhs N) or replications (--reps N).',
    );
    return 2;
  }
  return interruptible('sweep', { quiet: o.quiet === true, unit: 'points' }, async (onProgress, signal) => {
    const { executeSweep } = await import('../output/sweepFolder.ts');
    const outcome = await executeSweep({
      modelFile: file,
      modelName: model.name,
      raw: raws[0],
      axes,
      design: o.lhs === undefined ? 'grid' : 'lhs',
      ...(o.lhs === undefined ? {} : { points: o.lhs }),
      replications: o.reps ?? model.run.replications,
      seed: o.seed ?? model.run.seed,
      ...(o.years === undefined ? {} : { years: o.years }),
      ...(o.workers === undefined ? {} : { workers: o.workers }),
      ...(o.out === undefined ? {} : { out: o.out }),
      questions: {
        ...(o.maxOverflowChance === undefined ? {} : { maxOverflowChance: o.maxOverflowChance }),
        ...(o.maxOverflowShare === undefined ? {} : { maxOverflowShare: o.maxOverflowShare }),
        ...(o.year === undefined ? {} : { year: o.year }),
        ...(o.fromYear === undefined ? {} : { fromYear: o.fromYear }),
        ...(o.minimise === undefined ? {} : { minimise: o.minimise }),
      },
      onProgress,
      signal,
    });
    return () => {
      for (const a of outcome.answers) console.log(`${a.question}: ${a.answer}`);
      if (outcome.answers.length > 0) console.log('');
      for (const h of outcome.heldFixed)
        console.log(
          `Held fixed as ${h.axis} varies (extra beds add no running cost or capital unless these vary too): ${h.fields
            .map((f) => `${f.path} = ${formatValue(f.value, '£')}`)
            .join('; ')}.`,
        );
      if (outcome.heldFixed.length > 0) console.log('');
      const rows = outcome.points.map((p) => [
        String(p.index),
        ...p.values.map((v) => (Number.isInteger(v) ? String(v) : v.toFixed(3))),
        meanWithRange(p.summary['cost.total']!, '£'),
        meanWithRange(p.summary['outOfCounty.children']!, 'children'),
        // A ratio of totals: its replications' percentiles are not quoted beside it (see summary.json).
        formatValue(p.summary.overflowShare!.mean, 'share'),
        p.pareto ? 'yes' : '',
      ]);
      if (!o.quiet)
        console.log(
          `${textTable(['point', ...axes.map((a) => a.path), 'total cost', 'children out of county', 'overflow share', 'on the front'], rows)}\n` +
            `Average, with the ${RANGE_HEADING} in brackets; sweep.csv adds the ${MC_HEADING}.\n`,
        );
      console.log(
        `${outcome.points.length} points in ${outcome.seconds.toFixed(1)} s. Results written to ${outcome.dir}`,
      );
    };
  });
}

/** `caresim sensitivity MODEL [--base BASE]`. */
export async function sensitivityCommand(
  file: string,
  o: RunCommandOptions & { base?: string },
): Promise<number> {
  const raws: unknown[] = [];
  const models = loadAll(o.base ? [file, o.base] : [file], raws);
  if (!models) return 1;
  const model = models[0]!;
  const reps = o.reps ?? Math.min(model.run.replications, 50);
  if (!o.quiet)
    console.error(
      `Sensitivity of "${model.name}": each number with a low/high range in the model file, set to its low and then its high with every other number at its central value, ${reps} replications a run${o.base ? `; the answer is the saving against ${o.base}` : ''}.`,
    );
  return interruptible(
    'sensitivity',
    { quiet: o.quiet === true, unit: 'runs' },
    async (onProgress, signal) => {
      const { executeSensitivity } = await import('../output/sensitivityFolder.ts');
      const outcome = await executeSensitivity({
        modelFile: file,
        modelName: model.name,
        raw: raws[0],
        ...(o.base ? { baseRaw: raws[1], baseFile: o.base } : {}),
        replications: reps,
        seed: o.seed ?? model.run.seed,
        ...(o.years === undefined ? {} : { years: o.years }),
        ...(o.workers === undefined ? {} : { workers: o.workers }),
        ...(o.out === undefined ? {} : { out: o.out }),
        onProgress,
        signal,
      });
      return () => {
        const r = outcome.result;
        const useSaving = r.saving !== null;
        const rows = r.rows.map((x) => [
          parameterName(x),
          `${formatParameterValue(x.fields[0] ?? '', x.low)} to ${formatParameterValue(x.fields[0] ?? '', x.high)}`,
          useSaving
            ? `${formatValue(x.savingLow!.mean, '£')} to ${formatValue(x.savingHigh!.mean, '£')}`
            : '',
          `${formatValue(x.oocLow.mean, 'placements')} to ${formatValue(x.oocHigh.mean, 'placements')}`,
        ]);
        if (!o.quiet) {
          console.log(
            useSaving
              ? `Revenue saving in ${r.targetYear} at the model's values: ${formatValue(r.saving!.mean, '£')}; out-of-county placements: ${formatValue(r.ooc.mean, 'placements')}`
              : `Out-of-county placements at the model's values: ${formatValue(r.ooc.mean, 'placements')} (${o.base ? "no saving: the base model's savings target is not within the horizon" : 'give --base for savings'})`,
          );
          console.log(
            textTable(
              [
                'parameter (most influential first)',
                'range',
                useSaving ? `saving in ${r.targetYear}` : '',
                'placements out of county',
              ],
              rows,
            ),
          );
          console.log(
            `\nThe answer hangs most on: ${r.rows
              .slice(0, 5)
              .map((x) => `${parameterName(x)} (${x.parameter.kind}: ${x.parameter.text})`)
              .join('; ')}.\n`,
          );
        }
        console.log(
          `${r.rows.length} parameters in ${outcome.seconds.toFixed(1)} s. Results written to ${outcome.dir}`,
        );
      };
    },
  );
}
