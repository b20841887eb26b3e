/**
 * Run many replications of a model, on one thread or on a pool of worker threads.
 *
 * Replications are split into batches; each batch's results are stored by replication
 * index, and everything downstream reads them in index order, so the worker count and the
 * order in which batches finish never change a result (STYLE.md, "worker count must not
 * change results").
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { runBatch, type BatchResult, type BatchTask } from './batch.ts';
import type { PreparedModel } from './prepared.ts';
import { concatMatrices, memoryStore, type StoreFactory } from './matrices.ts';
import { batchesOf, gatheredSet, setShape, type ReplicationSet } from './replicationSet.ts';

export type { ReplicationSet } from './replicationSet.ts';

export interface RunOptions {
  /** The model, normalised once for its horizon (prepare). */
  model: PreparedModel;
  seed: number;
  /** Replication indices to run (a shard runs a slice). */
  reps: readonly number[];
  /**
   * Worker threads; 1 runs on the main thread. Default: decided by the run's length. The
   * first two batches run on the main thread; if the rest would take longer than a pool takes
   * to pay back its start-up (POOL_PAYS_BACK_SECONDS), a pool of one worker per core runs it.
   */
  workers?: number;
  /** Called after each batch with (replications done, replications in all). */
  onProgress?: (done: number, total: number) => void;
  /** Stop early (Ctrl-C): pending batches are abandoned and the promise rejects. */
  signal?: AbortSignal;
  /** Remaining single-thread seconds above which the default starts a pool (default POOL_PAYS_BACK_SECONDS). */
  poolPaysBackSeconds?: number;
  /** A pool to use (and leave running), for many runs in a row such as a sweep's points. */
  pool?: Piscina;
  /**
   * Given, a pool the run starts for itself is handed over here rather than stopped, for the
   * runs that follow (RunSeries): a pool takes about a second to start.
   */
  keepPool?: (pool: Piscina) => void;
  /** Where the matrices are kept as they arrive (default: in memory; the command line's run: a file). */
  store?: StoreFactory;
}

/**
 * The workers' entry. Run from source (this file is .ts), an ES-module entry that loads worker.ts
 * through tsx, so the simulation runs as ES modules in the workers too (see worker.mjs); in the
 * compiled command (src/cli/build.mjs), the bundle's own worker.js beside this chunk.
 */
const WORKER_ENTRY = new URL(
  import.meta.url.endsWith('.ts') ? './worker.mjs' : './worker.js',
  import.meta.url,
).href;

/** A worker pool for replications (see runReplications' `pool`); destroy it when done. */
export function createPool(workers: number): Piscina {
  created++;
  return new Piscina({
    filename: WORKER_ENTRY,
    minThreads: workers,
    maxThreads: workers,
  });
}

let created = 0;
/** Pools started by this thread so far (each takes about a second to start): for tests. */
export const poolsCreated = (): number => created;

const stopping = new WeakMap<Piscina, Promise<void>>();

/**
 * Stop a pool, once: every later call gets the first call's promise. Piscina's destroy() called
 * a second time, while the first still waits for its threads to exit, clears the pool's
 * "destroying" flag, and the exiting threads are then replaced by new ones that nothing stops
 * (an interrupted run's abort handler and its owner's close() both stop the pool).
 */
export function stopPool(pool: Piscina): Promise<void> {
  let p = stopping.get(pool);
  if (p === undefined) {
    p = pool.destroy().catch(() => undefined);
    stopping.set(pool, p);
  }
  return p;
}

/** One set of replications followed by more of the same model (sequential stopping adds batches). */
export function appendReplications(a: ReplicationSet, b: ReplicationSet): ReplicationSet {
  return {
    ...a,
    reps: [...a.reps, ...b.reps],
    matrices: concatMatrices(a.matrices, b.matrices),
    draws: [...a.draws, ...b.draws],
    events: a.events + b.events,
    workers: Math.max(a.workers, b.workers),
  };
}

/**
 * The next batch of sequential stopping (Law, Simulation Modeling and Analysis, §9.4.1): half
 * as many again as there are (at least 10), up to the cap; empty at the cap.
 */
export function nextBatch(n: number, cap: number): number[] {
  return Array.from(
    { length: Math.max(0, Math.min(cap, n + Math.max(10, Math.ceil(n / 2))) - n) },
    (_, i) => n + i,
  );
}

export const defaultWorkers = (): number => Math.max(1, availableParallelism());

/**
 * Worker threads' combined speed in single threads, per worker: two workers on this project's
 * 2-core machine run 1.5-1.6 times as fast as one thread (npm run bench, case c), since they
 * share the cores with each other and with the main thread. For estimates of a long run's time.
 */
export const WORKER_EFFICIENCY = 0.75;

/**
 * Below this much remaining work on one thread, a pool is not worth starting. A pool takes
 * about 1 s to start (threads, modules, the model) and then runs 2 x WORKER_EFFICIENCY = 1.5
 * times as fast on 2 cores: break-even is at 1 / (1 - 1/1.5) = 3 s.
 */
export const POOL_PAYS_BACK_SECONDS = 3;

/** Whether work that would take this long on one thread is worth starting a pool for. */
function poolPaysBack(secondsLeft: number, threshold = POOL_PAYS_BACK_SECONDS): boolean {
  return defaultWorkers() > 1 && secondsLeft > threshold;
}

/** What every series of runs (a comparison, a sweep, a sensitivity analysis) is told. */
export interface SeriesOptions {
  replications: number;
  seed: number;
  /** The horizon in years, when it overrides the model files'. */
  years?: number;
  /** Worker threads; by default decided by the length of the work (see RunSeries). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Run the replications and collect them by index. */
export async function runReplications(o: RunOptions): Promise<ReplicationSet> {
  const scenario = o.model.scenario;
  const reps = [...o.reps].sort((a, b) => a - b);
  const auto = o.workers === undefined && o.pool === undefined;
  let workers = o.pool
    ? Math.max(2, o.workers ?? defaultWorkers())
    : Math.max(1, Math.min(o.workers ?? defaultWorkers(), reps.length));
  const batches = batchesOf(reps, workers);
  const shape = setShape(o.model);
  const store = (o.store ?? memoryStore)(reps.length, shape.defs.length * shape.months);
  const position = new Map(reps.map((rep, k) => [rep, k]));
  let events = 0;
  let done = 0;
  const collect = (r: BatchResult) => {
    r.reps.forEach((rep, i) =>
      store.put(position.get(rep)!, r.values.subarray(i * r.cells, (i + 1) * r.cells)),
    );
    events += r.events;
    done += r.reps.length;
    o.onProgress?.(done, reps.length);
  };
  const task = (b: number[]): BatchTask => ({
    model: o.model.model,
    ...(o.model.years === undefined ? {} : { years: o.model.years }),
    hash: o.model.hash,
    seed: o.seed,
    reps: b,
  });

  let next = 0;
  if (auto && workers > 1) {
    // Run two batches here and time the second (the first pays for compiling the model and
    // warming the JIT), then judge whether a pool would pay back its start-up.
    let perRep = 0;
    for (let k = 0; k < 2 && next < batches.length; k++) {
      const t0 = performance.now();
      collect(runBatch(task(batches[next]!), scenario));
      perRep = (performance.now() - t0) / 1000 / batches[next++]!.length;
    }
    if (!poolPaysBack(perRep * (reps.length - done), o.poolPaysBackSeconds)) workers = 1;
  }
  if (workers === 1) {
    // A replication at a time, yielding between them, so that an interrupt is heard within one
    // replication (a batch of a large model can take minutes); results are by replication, so
    // identical however they are batched.
    for (; next < batches.length; next++)
      for (const rep of batches[next]!) {
        if (o.signal?.aborted) throw new Error('run interrupted');
        collect(runBatch(task([rep]), scenario));
        await new Promise((resolve) => setImmediate(resolve));
      }
  } else {
    const pool = o.pool ?? createPool(workers);
    const stop = () => void stopPool(pool);
    o.signal?.addEventListener('abort', stop, { once: true });
    try {
      if (o.signal?.aborted) throw new Error('run interrupted');
      // Stopping the pool rejects the batches still to come with piscina's own message: an
      // interrupted run says it was interrupted, whichever came first.
      await Promise.all(batches.slice(next).map((b) => pool.run(task(b)).then(collect))).catch(
        (e: unknown) => {
          throw o.signal?.aborted ? new Error('run interrupted') : e;
        },
      );
      if (o.signal?.aborted) throw new Error('run interrupted');
    } finally {
      o.signal?.removeEventListener('abort', stop);
      // An interrupted run's pool is already stopping: the keeper's stopPool waits for the same stop.
      if (!o.pool) {
        if (o.keepPool) o.keepPool(pool);
        else await stopPool(pool);
      }
    }
  }
  return gatheredSet(o.model, o.seed, reps, store, events, workers);
}

/**
 * Threads for a series of runs on one pool (a comparison's models, a sweep's points, a
 * sensitivity analysis's settings). Given a worker count, it uses exactly that. By default the
 * first run decides for itself, as a single run does (runReplications); if it started a pool,
 * the rest of the series keeps it. If it stayed on the main thread, the second run is timed
 * (the first pays for warming the JIT), and the rest goes to a pool of one worker per core
 * only if it would take longer than a pool pays back its start-up. Results never depend on
 * where a run went.
 */
export class RunSeries {
  private pool: Piscina | undefined;
  private decided: boolean;
  private runsDone = 0;
  /** Threads used by the runs so far (1: the main thread). */
  workers = 1;

  /**
   * @param workers worker threads, or undefined to decide from the first runs.
   * @param runs how many runs the series will make (to judge the work still to come).
   * @param poolPaysBackSeconds see POOL_PAYS_BACK_SECONDS (tests set it to 0).
   */
  constructor(
    workers: number | undefined,
    private readonly runs: number,
    private readonly poolPaysBackSeconds = POOL_PAYS_BACK_SECONDS,
  ) {
    this.decided = workers !== undefined;
    if (workers !== undefined && workers > 1) this.startPool(workers);
  }

  private startPool(workers: number): void {
    this.pool = createPool(workers);
    this.workers = Math.max(this.workers, workers);
  }

  /** One run of the series. */
  async run(o: Omit<RunOptions, 'workers' | 'pool' | 'poolPaysBackSeconds'>): Promise<ReplicationSet> {
    if (this.pool) return runReplications({ ...o, workers: this.workers, pool: this.pool });
    if (this.decided) return runReplications({ ...o, workers: 1 });
    const t0 = performance.now();
    // A pool the run starts for itself stays for the rest of the series.
    const set = await runReplications({
      ...o,
      poolPaysBackSeconds: this.poolPaysBackSeconds,
      keepPool: (pool) => (this.pool = pool),
    });
    const seconds = (performance.now() - t0) / 1000;
    this.runsDone++;
    const left = this.runs - this.runsDone;
    if (set.workers > 1) {
      this.decided = true;
      this.workers = set.workers;
    } else if (this.runsDone >= 2 || left === 0) {
      this.decided = true;
      if (left > 0 && poolPaysBack(seconds * left, this.poolPaysBackSeconds))
        this.startPool(defaultWorkers());
    }
    return set;
  }

  /** Stop the pool, if one was started. */
  async close(): Promise<void> {
    // Already destroyed if a run was interrupted (runReplications stops the pool it was given).
    if (this.pool) await stopPool(this.pool);
  }
}
