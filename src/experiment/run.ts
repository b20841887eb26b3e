/**
 * A whole run: replications of a validated model, summarised into tables and written, with a
 * manifest that makes it reproducible, into a results folder that appears only when complete.
 */
import { PRNG_ALGORITHM } from '../random/streams.ts';
import { streamNames } from '../model/replication.ts';
import { normalise } from '../scenario/normalise.ts';
import type { ModelFile } from '../scenario/schema/model.ts';
import { modelHash } from './batch.ts';
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
