/**
 * The replications of a model as the rest of caresim reads them: each replication's monthly
 * matrix and parameter draws, in replication order, with the shape of the matrices. Where they
 * ran (the main thread, worker threads, a browser's Web Workers) never shows here. No I/O and
 * no threads: the browser app builds the same sets the command line does.
 */
import type { SeriesDefinition } from '../model/metrics.ts';
import type { CalendarS } from '../model/scenario.ts';
import { seriesDefinitions } from '../model/metrics.ts';
import { drawParameters } from '../scenario/beliefs.ts';
import { matricesOf, type Matrices } from './matrices.ts';
import type { PreparedModel } from './prepared.ts';

export interface ReplicationSet {
  /** The model the replications are of, with its normalised scenario. */
  prepared: PreparedModel;
  defs: SeriesDefinition[];
  calendar: CalendarS;
  months: number;
  /** Replication indices, ascending. */
  reps: number[];
  /** Monthly matrix of each replication, aligned with `reps` (in memory or in a file). */
  matrices: Matrices;
  events: number;
  /** Threads the replications ran on (1: the main thread). */
  workers: number;
  /**
   * Each replication's drawn value of every uncertain parameter (prepared.uncertain), aligned
   * with `reps`; empty arrays when no parameter is uncertain.
   */
  draws: Float64Array[];
}

/** The parameter draws of the given replications (cheap: a stream per draw, no simulation). */
export function drawsOf(p: PreparedModel, seed: number, reps: readonly number[]): Float64Array[] {
  return reps.map((r) =>
    p.uncertain.length === 0 ? new Float64Array(0) : drawParameters(p.uncertain, seed, r),
  );
}

/** The series, calendar and months of a prepared model's result matrices. */
export function setShape(p: PreparedModel): Pick<ReplicationSet, 'defs' | 'calendar' | 'months'> {
  return {
    defs: seriesDefinitions(p.scenario),
    calendar: p.scenario.calendar,
    months: p.scenario.calendar.monthBreaks.length - 1,
  };
}

/**
 * The replication set of results gathered by replication index (from threads, workers or the
 * main thread, in whatever order they finished): the one way every runner assembles it. The
 * matrices come by replication index, or already in a store in the order of `reps`.
 */
export function gatheredSet(
  p: PreparedModel,
  seed: number,
  reps: readonly number[],
  byRep: ReadonlyMap<number, Float64Array> | Matrices,
  events: number,
  workers: number,
): ReplicationSet {
  const shape = setShape(p);
  return {
    prepared: p,
    ...shape,
    reps: [...reps],
    matrices:
      byRep instanceof Map
        ? matricesOf(
            reps.map((r) => byRep.get(r)!),
            shape.defs.length * shape.months,
          )
        : (byRep as Matrices),
    events,
    workers,
    draws: drawsOf(p, seed, reps),
  };
}

/** Replications in batches of at most 50, about eight a worker, so that workers stay evenly loaded. */
export function batchesOf(reps: readonly number[], workers: number): number[][] {
  const size = Math.max(1, Math.min(50, Math.ceil(reps.length / (workers * 8))));
  const batches: number[][] = [];
  for (let i = 0; i < reps.length; i += size) batches.push(reps.slice(i, i + size));
  return batches;
}
