/**
 * A whole run, computed: replications of a prepared model (all of them, or a shard's slice),
 * with sequential stopping when a precision is asked for, summarised into tables. Writes
 * nothing: src/output turns the result into a results folder.
 */
import { drawsOf, runReplications, setShape, type ReplicationSet } from './runner.ts';
import type { PreparedModel } from './prepared.ts';
import { buildTables, type RunTables } from './tables.ts';

/** A deterministic slice of the replications: those r with r % count === index. */
export interface Shard {
  index: number;
  count: number;
}

/** The headline metrics whose intervals `--precision` watches. */
export const PRECISION_METRICS = [
  'placements.outOfCounty',
  'overflowShare',
  'occupancy.local',
  'outOfCounty.children',
  'breakdowns',
  'cost.total',
] as const;

/** The replication indices of a run or of one of its shards. */
export function replicationIndices(replications: number, shard?: Shard): number[] {
  const all = Array.from({ length: replications }, (_, i) => i);
  return shard ? all.filter((r) => r % shard.count === shard.index) : all;
}

/** The metrics whose interval is still wider than `precision` x |mean| (empty: precise enough). */
export function imprecise(tables: RunTables, precision: number): string[] {
  return PRECISION_METRICS.filter((k) => {
    const m = tables.summary[k];
    if (!m || m.halfWidth === null) return m !== undefined;
    return m.mean !== 0 && m.halfWidth > precision * Math.abs(m.mean);
  });
}

export interface RunRequest {
  model: PreparedModel;
  replications: number;
  seed: number;
  workers?: number;
  /** Run only this slice (for `caresim merge`). */
  shard?: Shard;
  /**
   * Sequential stopping: keep adding replications until the 95% interval of every precision
   * metric is within this fraction of its mean (0.05: within 5%), up to `maxReplications`.
   */
  precision?: number;
  maxReplications?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** What sequential stopping did. */
export interface SequentialStopping {
  precision: number;
  metrics: readonly string[];
  reached: boolean;
  stillImprecise: string[];
  cap: number;
}

export interface RunResult {
  set: ReplicationSet;
  tables: RunTables;
  seed: number;
  /** The replications asked for (a shard runs a slice of them). */
  replications: number;
  shard: Shard | null;
  stopping: SequentialStopping | null;
}

/**
 * Run a model's replications and summarise them.
 * @throws Error when a precision is asked of a shard, or when interrupted (signal)
 */
export async function runModel(o: RunRequest): Promise<RunResult> {
  if (o.shard && o.precision !== undefined)
    throw new Error('--precision and --shard cannot be used together');
  const run = (reps: number[], offset: number, total: number) =>
    runReplications({
      model: o.model,
      seed: o.seed,
      reps,
      ...(o.workers === undefined ? {} : { workers: o.workers }),
      ...(o.onProgress ? { onProgress: (done: number) => o.onProgress!(offset + done, total) } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
  // With a precision to reach, the cap bounds the first batch too.
  const start =
    o.precision === undefined ? o.replications : Math.min(o.replications, o.maxReplications ?? 10_000);
  const first = replicationIndices(start, o.shard);
  let set = await run(first, 0, first.length);
  let tables = buildTables(set);
  let stopping: SequentialStopping | null = null;
  if (o.precision !== undefined) {
    // Sequential stopping (Law, Simulation Modeling and Analysis, §9.4.1): add replications
    // in batches of half the current number until every watched interval is narrow enough.
    const cap = o.maxReplications ?? 10_000;
    let wide = imprecise(tables, o.precision);
    while (wide.length > 0 && set.reps.length < cap) {
      const n = set.reps.length;
      const more = Array.from(
        { length: Math.min(cap, n + Math.max(10, Math.ceil(n / 2))) - n },
        (_, i) => n + i,
      );
      const next = await run(more, n, n + more.length);
      set = {
        ...set,
        reps: [...set.reps, ...next.reps],
        monthly: [...set.monthly, ...next.monthly],
        draws: [...set.draws, ...next.draws],
        events: set.events + next.events,
        workers: Math.max(set.workers, next.workers),
      };
      tables = buildTables(set);
      wide = imprecise(tables, o.precision);
    }
    stopping = {
      precision: o.precision,
      metrics: PRECISION_METRICS,
      reached: wide.length === 0,
      stillImprecise: wide,
      cap,
    };
  }
  return {
    set,
    tables,
    seed: o.seed,
    replications: o.shard ? o.replications : set.reps.length,
    shard: o.shard ?? null,
    stopping,
  };
}

/** One shard's replications, as read back from its folder. */
export interface ShardSet {
  reps: readonly number[];
  /** Each replication's monthly matrix, one after another, in the order of `reps`. */
  values: Float64Array;
  events: number;
  workers: number;
}

/**
 * Put the shards of one run back together, in replication order: exactly the set one run of
 * all the replications would have made.
 * @throws Error when a shard's matrices do not fit the model's series and months
 */
export function mergeShards(
  prepared: PreparedModel,
  shards: readonly ShardSet[],
  seed: number,
): ReplicationSet {
  const base = { prepared, ...setShape(prepared) };
  const cells = base.defs.length * base.months;
  const byRep = new Map<number, Float64Array>();
  shards.forEach((s, i) => {
    if (s.values.length !== cells * s.reps.length)
      throw new Error(`shard ${i}: ${s.values.length} values for ${s.reps.length} replications of ${cells}`);
    s.reps.forEach((r, k) => byRep.set(r, s.values.slice(k * cells, (k + 1) * cells)));
  });
  const reps = [...byRep.keys()].sort((a, b) => a - b);
  return {
    ...base,
    reps,
    monthly: reps.map((r) => byRep.get(r)!),
    events: shards.reduce((a, s) => a + s.events, 0),
    workers: Math.max(1, ...shards.map((s) => s.workers)),
    draws: drawsOf(prepared, seed, reps),
  };
}
