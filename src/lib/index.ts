/**
 * caresim as a library: what another TypeScript or JavaScript program imports to load and
 * validate a model, run its replications, compare scenarios on common random numbers, and get
 * the results as objects (or write a results folder as the command line does). The command line
 * is built on it; the browser app on its browser part (browser.ts, "caresim/browser"), which this
 * includes.
 *
 * @example
 * import { loadModel, runModel, compareModels } from 'caresim';
 * const plan = loadModel('models/leicestershire.yaml');
 * if (!plan.ok) throw new Error(plan.errors.map(formatModelError).join('\n'));
 * const run = await runModel(plan.model, { replications: 200 });
 * console.log(run.summary['outOfCounty.children']); // { mean, p5, p95, ciLow, ciHigh, ... }
 */
import { buildTables, type MetricSummary, type Row } from '../experiment/tables.ts';
import { prepare } from '../experiment/prepared.ts';
import { runModel as runPrepared } from '../experiment/run.ts';
import { runComparison, type ScenarioComparison } from '../experiment/compare.ts';
import type { ModelFile } from '../scenario/schema/model.ts';
import { summaryText } from '../output/summaryFile.ts';

export * from './browser.ts';
export { loadModel, fileReader } from '../scenario/load.ts';
export type { MetricSummary, Row } from '../experiment/tables.ts';
export { diskFolder } from '../output/diskFolder.ts';
/** Write a run's or a comparison's results folder, as `caresim run` and `caresim compare` do. */
export { executeRun as writeRunFolder } from '../output/runFolder.ts';
export { executeCompare as writeCompareFolder } from '../output/compareFolder.ts';

export interface RunOptions {
  /** Replications (default: the model file's run.replications). */
  replications?: number;
  /** Master seed (default: the model file's run.seed). */
  seed?: number;
  /** Horizon in years (default: the model file's time.years). */
  years?: number;
  /** Worker threads (default: decided by the run's length). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface RunResults {
  replications: number;
  seed: number;
  /** Every headline metric: mean, both kinds of interval (p5/p95 and ciLow/ciHigh), n. */
  summary: Record<string, MetricSummary>;
  /** Every series by financial year and by month, as the rows of years.csv and periods.csv (a header row first). */
  years: Row[];
  periods: Row[];
  /** summary.json exactly as `caresim run` writes it. */
  summaryJson: string;
}

/** Run a model's replications and summarise them, as `caresim run` does, without writing files. */
export async function runModel(model: ModelFile, o: RunOptions = {}): Promise<RunResults> {
  const replications = o.replications ?? model.run.replications;
  const seed = o.seed ?? model.run.seed;
  const result = await runPrepared({
    model: prepare(model, o.years),
    replications,
    seed,
    ...(o.workers === undefined ? {} : { workers: o.workers }),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const tables = buildTables(result.set);
  return {
    replications: result.set.reps.length,
    seed,
    summary: tables.summary,
    years: tables.years,
    periods: tables.periods,
    summaryJson: summaryText(model.name, result.set.reps.length, seed, tables),
  };
}

/**
 * Compare scenarios with a base on common random numbers, as `caresim compare` does: each
 * scenario's savings, chances and payback against the first model, replication by replication.
 * @param models the base first, then the scenarios
 */
export async function compareModels(
  models: readonly ModelFile[],
  o: RunOptions & { names?: readonly string[] } = {},
): Promise<ScenarioComparison[]> {
  if (models.length < 2) throw new Error('compareModels needs a base and at least one scenario');
  const base = models[0]!;
  const result = await runComparison({
    models: models.map((m) => prepare(m, o.years)),
    files: o.names ?? models.map((m) => m.name),
    replications: o.replications ?? base.run.replications,
    seed: o.seed ?? base.run.seed,
    ...(o.workers === undefined ? {} : { workers: o.workers }),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  return result.comparisons;
}
