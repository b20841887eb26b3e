/**
 * summary.json, the headline results of a run, written in one place so that the command line
 * and the browser app write the very same bytes for the same model, seed and replications.
 * Pure: the caller writes the text where it belongs (a results folder, a download).
 */
import type { RunTables } from '../experiment/tables.ts';
import { jsonText } from './json.ts';

/**
 * Version of the results files' format; bump when a field changes meaning. 2: one manifest
 * schema for every command (with `command`, `platform` and `streams`), and the ratio rows of
 * summary.json estimated as ratios of totals. 3: the uncertain parameters drawn (`uncertain`).
 */
export const RESULTS_FORMAT = 'caresim-results/3';

/** The text of summary.json for a run's tables. */
export function summaryText(
  modelName: string,
  replications: number,
  seed: number,
  tables: RunTables,
): string {
  return jsonText({ format: RESULTS_FORMAT, model: modelName, replications, seed, metrics: tables.summary });
}
