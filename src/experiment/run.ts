/**
 * A whole run: replications of a validated model, summarised into tables and written, with a
 * manifest that makes it reproducible, into a results folder that appears only when complete.
 */
import { PRNG_ALGORITHM } from '../random/streams.ts';
import { streamNames } from '../model/replication.ts';
import { normalise } from '../scenario/normalise.ts';
import type { ModelFile } from '../scenario/schema/model.ts';
import { modelHash } from './batch.ts';
import {
  compareScenario,
  comparisonReplicationsCsv,
  comparisonYearsCsv,
  type ScenarioComparison,
} from './compare.ts';
import { caresimVersion, defaultRunDir, gitCommit, RunDirectory } from './runDirectory.ts';
import { defaultWorkers, runReplications, type ReplicationSet } from './runner.ts';
import { buildTables, RESULTS_FORMAT, type RunTables } from './tables.ts';

export interface ExecuteOptions {
  modelFile: string;
  model: ModelFile;
  replications?: number;
  seed?: number;
  years?: number;
  workers?: number;
  out?: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface RunOutcome {
  dir: string;
  set: ReplicationSet;
  tables: RunTables;
  manifest: Record<string, unknown>;
}

/**
 * Run, summarise and write. On failure or interrupt the partial folder is removed and the
 * error rethrown, so no complete-looking result is left behind.
 */
export async function executeRun(o: ExecuteOptions): Promise<RunOutcome> {
  const started = new Date();
  const replications = o.replications ?? o.model.run.replications;
  const seed = o.seed ?? o.model.run.seed;
  const workers = o.workers ?? defaultWorkers();
  const dir = new RunDirectory(o.out ?? defaultRunDir(o.modelFile, started));
  try {
    const reps = Array.from({ length: replications }, (_, i) => i);
    const set = await runReplications({
      model: o.model,
      seed,
      reps,
      workers,
      ...(o.years === undefined ? {} : { years: o.years }),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const tables = buildTables(set);
    const finished = new Date();
    const scenario = normalise(o.model, o.years === undefined ? {} : { years: o.years });
    dir.write(
      'summary.json',
      json({ format: RESULTS_FORMAT, model: o.model.name, replications, seed, metrics: tables.summary }),
    );
    dir.write('periods.csv', tables.periodsCsv);
    dir.write('years.csv', tables.yearsCsv);
    dir.write('replications.csv', tables.replicationsCsv);
    const manifest = {
      format: RESULTS_FORMAT,
      caresim: caresimVersion(),
      gitCommit: gitCommit(),
      modelFile: o.modelFile,
      modelName: o.model.name,
      modelHash: modelHash(o.model, o.years),
      seed,
      replications,
      years:
        o.years ?? (typeof o.model.time.years === 'number' ? o.model.time.years : o.model.time.years.value),
      start: scenario.startDate,
      workers,
      prng: PRNG_ALGORITHM,
      streams: streamNames(scenario),
      events: set.events,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      seconds: (finished.getTime() - started.getTime()) / 1000,
      files: [...dir.files, 'manifest.json'],
      model: o.model,
    };
    dir.write('manifest.json', json(manifest));
    dir.commit();
    return { dir: dir.target, set, tables, manifest };
  } catch (e) {
    dir.abandon();
    throw e;
  }
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export interface CompareOptions {
  files: string[];
  models: ModelFile[];
  replications?: number;
  seed?: number;
  years?: number;
  workers?: number;
  out?: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface CompareOutcome {
  dir: string;
  comparisons: ScenarioComparison[];
  manifest: Record<string, unknown>;
}

/**
 * Run the base (first model) and each scenario on the same replications and seed (common
 * random numbers), compare them pairwise with the base and write the comparison folder.
 */
export async function executeCompare(o: CompareOptions): Promise<CompareOutcome> {
  const started = new Date();
  const base = o.models[0]!;
  const replications = o.replications ?? base.run.replications;
  const seed = o.seed ?? base.run.seed;
  const workers = o.workers ?? defaultWorkers();
  const dir = new RunDirectory(o.out ?? defaultRunDir(`compare-${o.files[0]!}`, started));
  try {
    const reps = Array.from({ length: replications }, (_, i) => i);
    const total = replications * o.models.length;
    const sets: ReplicationSet[] = [];
    for (const [i, model] of o.models.entries()) {
      sets.push(
        await runReplications({
          model,
          seed,
          reps,
          workers,
          ...(o.years === undefined ? {} : { years: o.years }),
          onProgress: (done) => o.onProgress?.(i * replications + done, total),
          ...(o.signal ? { signal: o.signal } : {}),
        }),
      );
    }
    const comparisons = o.models
      .slice(1)
      .map((m, i) =>
        compareScenario(
          { model: base, set: sets[0]! },
          { model: m, set: sets[i + 1]!, file: o.files[i + 1]! },
          o.years,
        ),
      );
    const finished = new Date();
    dir.write(
      'compare.json',
      json({
        format: RESULTS_FORMAT,
        base: { name: base.name, file: o.files[0] },
        replications,
        seed,
        scenarios: comparisons.map(({ perRep: _perRep, ...c }) => c),
      }),
    );
    dir.write('compare-years.csv', comparisonYearsCsv(comparisons));
    dir.write('compare-replications.csv', comparisonReplicationsCsv(reps, comparisons));
    const manifest = {
      format: RESULTS_FORMAT,
      caresim: caresimVersion(),
      gitCommit: gitCommit(),
      command: 'compare',
      models: o.models.map((m, i) => ({ file: o.files[i], name: m.name, hash: modelHash(m, o.years) })),
      seed,
      replications,
      workers,
      prng: PRNG_ALGORITHM,
      commonRandomNumbers:
        'every model runs replications 0..n-1 with the same master seed; streams are keyed by (seed, replication, name)',
      events: sets.reduce((a, s) => a + s.events, 0),
      node: process.version,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      seconds: (finished.getTime() - started.getTime()) / 1000,
      files: [...dir.files, 'manifest.json'],
      resolvedModels: o.models,
    };
    dir.write('manifest.json', json(manifest));
    dir.commit();
    return { dir: dir.target, comparisons, manifest };
  } catch (e) {
    dir.abandon();
    throw e;
  }
}
