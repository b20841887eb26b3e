/**
 * A batch of replications of one model: the unit of work for a worker thread (or for the
 * main thread when running with one worker). Pure with respect to its task: the results of
 * replication r depend only on (model, years, seed, r), never on which worker ran it or what
 * ran before, so any split of the replications over workers gives identical results.
 */
import { createHash } from 'node:crypto';
import { Replication } from '../model/replication.ts';
import { normalise } from '../scenario/normalise.ts';
import type { ModelFile } from '../scenario/schema/model.ts';

export interface BatchTask {
  /** The validated model (plain data: it crosses to the worker by structured clone). */
  model: ModelFile;
  years?: number;
  seed: number;
  reps: number[];
}

export interface BatchResult {
  reps: number[];
  /** Each replication's monthly matrix, one after another (reps.length x cells). */
  values: Float64Array;
  /** Cells per replication (series x months). */
  cells: number;
  events: number;
}

/** A stable hash of a model and horizon: the cache key here, and the model hash in the manifest. */
export function modelHash(model: ModelFile, years?: number): string {
  return createHash('sha256')
    .update(JSON.stringify({ model, years: years ?? null }))
    .digest('hex');
}

// One simulator per model per thread: compiling distributions (gamma tables) costs
// milliseconds, so a worker keeps it across batches.
const cache = new Map<string, Replication>();

/** Run the replications of a task, in the order given. */
export function runBatch(task: BatchTask): BatchResult {
  const key = modelHash(task.model, task.years);
  let sim = cache.get(key);
  if (sim === undefined) {
    if (cache.size > 8) cache.clear();
    sim = new Replication(normalise(task.model, task.years === undefined ? {} : { years: task.years }));
    cache.set(key, sim);
  }
  const cells = sim.metrics.defs.length * sim.metrics.months;
  const values = new Float64Array(cells * task.reps.length);
  let events = 0;
  task.reps.forEach((rep, i) => {
    sim.run(task.seed, rep, null, values.subarray(i * cells, (i + 1) * cells));
    events += sim.eventsProcessed;
  });
  return { reps: task.reps, values, cells, events };
}
