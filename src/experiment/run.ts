/**
 * A whole run, computed: replications of a prepared model (all of them, or a shard's slice),
 * with sequential stopping when a precision is asked for, summarised into tables. Writes
 * nothing: src/output turns the result into a results folder.
 */
import { appendReplications, nextBatch, runReplications } from './runner.ts';
import { matricesOf, type StoreFactory } from './matrices.ts';
import { drawsOf, setShape, type ReplicationSet } from './replicationSet.ts';
import type { PreparedModel } from './prepared.ts';
import { buildTables, headlineTables, type HeadlineTables, type RunTables } from './tables.ts';

/** A deterministic slice of the replications: those r with r % count === index. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * What `--precision` watches in a run: the measures a decision rests on, over the model's
 * window of years (not the whole horizon, which includes the history before a plan): the total
 * revenue cost, the revenue cost of the savings-target year (when the model sets a target within
 * the horizon), the children out of county, and the overflow share, a proportion.
 */
export function precisionMetrics(tables: HeadlineTables, targetYear: string | null): string[] {
  const keys = [
    'cost.total',
    ...(targetYear ? [`cost.total.${targetYear}`] : []),
    'outOfCounty.children',
    'overflowShare',
  ];
  return keys.filter((k) => tables.summary[k] !== undefined);
}

/**
 * Whether a measure is a proportion, judged to an absolute precision (a chance of 0.48 to within
 * ±0.05, five percentage points) rather than relative to its size (a small share would otherwise
 * need an endless run).
 */
export const isProportion = (unit: string): boolean => unit === 'share';

/** The replication indices of a run or of one of its shards. */
export function replicationIndices(replications: number, shard?: Shard): number[] {
  const all = Array.from({ length: replications }, (_, i) => i);
  return shard ? all.filter((r) => r % shard.count === shard.index) : all;
}

/**
 * The watched metrics whose 95% interval is still wider than the precision asked for (empty:
 * precise enough): a half-width above `precision` × |mean| for an amount, above `precision` for
 * a proportion.
 */
export function imprecise(tables: HeadlineTables, precision: number, watched: readonly string[]): string[] {
  return watched.filter((k) => {
    const m = tables.summary[k];
    if (!m) return false;
    if (m.halfWidth === null) return true;
    if (isProportion(m.unit)) return m.halfWidth > precision;
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
  /** Where the replications' matrices are kept (default: in memory). */
  store?: StoreFactory;
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
      ...(o.store ? { store: o.store } : {}),
    });
  // With a precision to reach, the cap bounds the first batch too.
  const start =
    o.precision === undefined ? o.replications : Math.min(o.replications, o.maxReplications ?? 10_000);
  const first = replicationIndices(start, o.shard);
  let set = await run(first, 0, first.length);
  // The tables by month and year are built once, for the replications kept; sequential stopping
  // reads only the headlines of each batch.
  let headlines = headlineTables(set);
  let stopping: SequentialStopping | null = null;
  if (o.precision !== undefined) {
    // Sequential stopping (Law, Simulation Modeling and Analysis, §9.4.1): add replications
    // in batches of half the current number until every watched interval is narrow enough.
    const cap = o.maxReplications ?? 10_000;
    const target = o.model.scenario;
    const targetYear =
      o.model.model.finance.savingsTarget && target.savingsTargetFy >= 0
        ? (set.calendar.fyLabels[target.savingsTargetFy] ?? null)
        : null;
    const watched = precisionMetrics(headlines, targetYear);
    let wide = imprecise(headlines, o.precision, watched);
    while (wide.length > 0 && set.reps.length < cap) {
      const n = set.reps.length;
      const more = nextBatch(n, cap);
      set = appendReplications(set, await run(more, n, n + more.length));
      headlines = headlineTables(set);
      wide = imprecise(headlines, o.precision, watched);
    }
    stopping = {
      precision: o.precision,
      metrics: watched,
      reached: wide.length === 0,
      stillImprecise: wide,
      cap,
    };
  }
  return {
    set,
    tables: buildTables(set, undefined, headlines),
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
    s.reps.forEach((r, k) => byRep.set(r, s.values.subarray(k * cells, (k + 1) * cells)));
  });
  const reps = [...byRep.keys()].sort((a, b) => a - b);
  return {
    ...base,
    reps,
    matrices: matricesOf(
      reps.map((r) => byRep.get(r)!),
      cells,
    ),
    events: shards.reduce((a, s) => a + s.events, 0),
    workers: Math.max(1, ...shards.map((s) => s.workers)),
    draws: drawsOf(prepared, seed, reps),
  };
}
