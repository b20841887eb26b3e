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
import type { PreparedModel } from './prepared.ts';

export interface ReplicationSet {
  /** The model the replications are of, with its normalised scenario. */
  prepared: PreparedModel;
  defs: SeriesDefinition[];
  calendar: CalendarS;
  months: number;
  /** Replication indices, ascending. */
  reps: number[];
  /** Monthly matrix of each replication, aligned with `reps`. */
  monthly: Float64Array[];
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
