/**
 * The tables of a run's results folder (summary.json, periods.csv, years.csv, replications.csv,
 * history.json) and the facts its manifest records of the model, from a replication set: the
 * same files whether the command line writes them to disk or the app into the folder it exports.
 */
import { horizonYears, streamsOf, uncertainOf, type PreparedModel } from '../experiment/prepared.ts';
import type { ReplicationSet } from '../experiment/replicationSet.ts';
import { buildTables, type RunTables } from '../experiment/tables.ts';
import { resultsCsv } from './csv.ts';
import type { Folder } from './folder.ts';
import { jsonText } from './json.ts';
import { RESULTS_FORMAT, summaryText } from './summaryFile.ts';

export interface RunTableFiles {
  tables: RunTables;
  periodsCsv: string;
  yearsCsv: string;
}

/** Write a replication set's tables; returns them and the text of the two the charts are drawn from. */
export function writeRunTables(
  into: Pick<Folder, 'write'>,
  set: ReplicationSet,
  seed: number,
  /** The set's tables, when the caller has built them already (a run's summaries take a second). */
  tables: RunTables = buildTables(set),
): RunTableFiles {
  into.write('summary.json', summaryText(set.prepared.model.name, set.reps.length, seed, tables));
  const periodsCsv = resultsCsv(tables.periods);
  const yearsCsv = resultsCsv(tables.years);
  into.write('periods.csv', periodsCsv);
  into.write('years.csv', yearsCsv);
  into.write('replications.csv', resultsCsv(tables.replications));
  if (tables.history.length > 0)
    into.write('history.json', jsonText({ format: RESULTS_FORMAT, checks: tables.history }));
  return { tables, periodsCsv, yearsCsv };
}

/** The manifest facts every folder of a prepared model's replications shares. */
export function modelFacts(p: PreparedModel, modelFile: string, set: ReplicationSet, seed: number) {
  return {
    modelFile,
    modelName: p.model.name,
    modelHash: p.hash,
    years: horizonYears(p),
    start: p.scenario.startDate,
    seed,
    replications: set.reps.length,
    workers: set.workers,
    events: set.events,
    streams: streamsOf(p),
    uncertain: uncertainOf(p),
    model: p.model as unknown as Record<string, unknown>,
  };
}
