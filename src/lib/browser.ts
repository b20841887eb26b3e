/**
 * caresim in a browser (package.json exports "caresim/browser"): what runs without Node. Load and
 * validate a model from text through a reader of your own, prepare it, run a batch of its
 * replications (in a Web Worker of yours: the same function the command line's worker threads
 * run), gather and pair them, and write a run's or a comparison's results folder into memory
 * with its reports. The caresim app is built on this; the command line on index.ts, which
 * includes it.
 *
 * @example
 * import { loadModelFrom, prepare, runBatch, gatheredSet, memoryFolder, writeRunTables } from 'caresim/browser';
 * const r = loadModelFrom('plan.yaml', { read: () => text, resolve: (_, p) => p, identity: (f) => f });
 * if (r.ok) {
 *   const model = prepare(r.model);
 *   const reps = [0, 1, 2, 3];
 *   const batch = runBatch({ model: model.model, hash: model.hash, seed: 1, reps });
 *   const byRep = new Map(reps.map((rep, i) => [rep, batch.values.slice(i * batch.cells, (i + 1) * batch.cells)]));
 *   const folder = memoryFolder('plan');
 *   writeRunTables(folder, gatheredSet(model, 1, reps, byRep, batch.events, 1), 1);
 *   console.log(folder.text('summary.json'));
 * }
 */
export {
  loadModelFrom,
  validateModelData,
  formatModelError,
  type LoadResult,
  type ModelError,
  type ModelReader,
} from '../scenario/loadFrom.ts';
export type { ModelFile } from '../scenario/schema/model.ts';
export { prepare, type PreparedModel } from '../experiment/prepared.ts';
export { runBatch, type BatchResult, type BatchTask } from '../experiment/batch.ts';
export { batchesOf, gatheredSet, type ReplicationSet } from '../experiment/replicationSet.ts';
export { compareScenario, type ScenarioComparison, type PairedMetric } from '../experiment/comparison.ts';
export { memoryFolder, type Folder } from '../output/folder.ts';
export { writeRunTables, modelFacts } from '../output/runFiles.ts';
export { writeCompareTables, compareFacts } from '../output/compareFiles.ts';
export { manifestText, readManifest, timing, type Manifest } from '../output/manifest.ts';
export { compareReportDoc, reportTexts, runReportDoc, SHORT_SECTIONS } from '../output/reportDocs.ts';
export { RESULTS_FORMAT } from '../output/summaryFile.ts';
