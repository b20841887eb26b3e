/**
 * The tables of a comparison's results folder (compare.json, compare-years.csv,
 * compare-costs.csv, compare-replications.csv and, where parameters were drawn from beliefs,
 * compare-psa.csv) and what its manifest records of the models: the same files whether the
 * command line writes them to disk or the app into the folder it exports.
 */
import {
  comparisonReplicationsRows,
  comparisonYearsRows,
  modelCostsRows,
  type ScenarioComparison,
} from '../experiment/comparison.ts';
import { horizonYears, streamsOf, uncertainOf, type PreparedModel } from '../experiment/prepared.ts';
import { psaRows } from '../experiment/psa.ts';
import type { ReplicationSet } from '../experiment/replicationSet.ts';
import { resultsCsv } from './csv.ts';
import type { Folder } from './folder.ts';
import { jsonText } from './json.ts';
import { RESULTS_FORMAT } from './summaryFile.ts';

/** Write a comparison's tables: the base's set first, then each scenario's, as `comparisons` pairs them. */
export function writeCompareTables(
  into: Pick<Folder, 'write'>,
  o: {
    sets: readonly ReplicationSet[];
    comparisons: readonly ScenarioComparison[];
    base: { name: string; file: string };
    seed: number;
  },
): void {
  into.write(
    'compare.json',
    jsonText({
      format: RESULTS_FORMAT,
      base: o.base,
      replications: o.sets[0]!.reps.length,
      seed: o.seed,
      scenarios: o.comparisons.map(({ perRep: _perRep, ...c }) => c),
    }),
  );
  into.write('compare-years.csv', resultsCsv(comparisonYearsRows(o.comparisons)));
  into.write('compare-costs.csv', resultsCsv(modelCostsRows(o.sets)));
  into.write(
    'compare-replications.csv',
    resultsCsv(comparisonReplicationsRows(o.sets[0]!.reps, o.comparisons)),
  );
  // The probabilistic sensitivity analysis, when the models drew parameters from beliefs.
  if (o.comparisons.some((c) => c.psa !== null))
    into.write('compare-psa.csv', resultsCsv(psaRows(o.comparisons)));
}

/** What a comparison's manifest records of its models and their replications. */
export function compareFacts(
  prepared: readonly PreparedModel[],
  files: readonly string[],
  sets: readonly ReplicationSet[],
) {
  return {
    models: prepared.map((p, i) => ({ file: files[i]!, name: p.model.name, hash: p.hash })),
    years: horizonYears(prepared[0]!),
    workers: Math.max(...sets.map((x) => x.workers)),
    commonRandomNumbers:
      'every model runs replications 0..n-1 with the same master seed; streams are keyed by (seed, replication, name)',
    events: sets.reduce((a, s) => a + s.events, 0),
    // Every stream any of the models draws from (the same name is the same stream in each).
    streams: [...new Set(prepared.flatMap(streamsOf))],
    uncertain: uncertainOf(...prepared),
  };
}
