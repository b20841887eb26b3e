/**
 * A batch of replications of one model: the unit of work for a worker thread (or for the
 * main thread when running with one worker). Pure with respect to its task: the results of
 * replication r depend only on (model, years, seed, r), never on which worker ran it or what
 * ran before, so any split of the replications over workers gives identical results.
 */
import { newWorkspace, Replication } from '../model/replication.ts';
import type { Scenario } from '../model/scenario.ts';
import {
  drawParameters,
  uncertainParameters,
  withDrawnValues,
  type UncertainParameter,
} from '../scenario/beliefs.ts';
import { normalise } from '../scenario/normalise.ts';
import type { ModelFile } from '../scenario/schema/model.ts';

export interface BatchTask {
  /** The validated model (plain data: it crosses to the worker by structured clone). */
  model: ModelFile;
  years?: number;
  /** modelHash(model, years), worked out once by the main thread. */
  hash: string;
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

// One simulator per model per thread: compiling distributions (gamma tables) costs
// milliseconds, so a worker keeps it across batches.
const cache = new Map<string, Replication>();

/**
 * Run the replications of a task, in the order given.
 * @param scenario the task's model already normalised (the main thread has it); a worker
 *   thread, which receives only plain data, normalises the model once and keeps it.
 */
export function runBatch(task: BatchTask, scenario?: Scenario): BatchResult {
  const uncertain = uncertainOf(task);
  if (uncertain.length > 0) return runUncertain(task, uncertain);
  let sim = cache.get(task.hash);
  if (sim === undefined) {
    if (cache.size > 8) cache.clear();
    sim = new Replication(
      scenario ?? normalise(task.model, task.years === undefined ? {} : { years: task.years }),
    );
    cache.set(task.hash, sim);
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

const uncertainCache = new Map<string, UncertainParameter[]>();
function uncertainOf(task: BatchTask): UncertainParameter[] {
  let u = uncertainCache.get(task.hash);
  if (u === undefined) {
    if (uncertainCache.size > 8) uncertainCache.clear();
    u = uncertainParameters(task.model);
    uncertainCache.set(task.hash, u);
  }
  return u;
}

/**
 * Replications of a model with uncertain parameters: each replication draws its parameters
 * (drawParameters: from their own streams, so any split over workers gives the same draws) and
 * runs a simulator of the model at those values. Normalising and building a simulator once a
 * replication costs a few milliseconds; the events themselves cost what they always do.
 */
function runUncertain(task: BatchTask, uncertain: readonly UncertainParameter[]): BatchResult {
  const options = task.years === undefined ? {} : { years: task.years };
  const draws = new Float64Array(uncertain.length);
  const workspace = newWorkspace();
  let values: Float64Array | undefined;
  let cells = 0;
  let events = 0;
  task.reps.forEach((rep, i) => {
    drawParameters(uncertain, task.seed, rep, draws);
    const sim = new Replication(normalise(withDrawnValues(task.model, uncertain, draws), options), workspace);
    if (values === undefined) {
      cells = sim.metrics.defs.length * sim.metrics.months;
      values = new Float64Array(cells * task.reps.length);
    }
    sim.run(task.seed, rep, null, values.subarray(i * cells, (i + 1) * cells));
    events += sim.eventsProcessed;
  });
  return { reps: task.reps, values: values ?? new Float64Array(0), cells, events };
}
