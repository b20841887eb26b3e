/**
 * Reading a comparison folder's tables back (compare.json and its CSVs), as the charts and
 * the report take them.
 */
import type { CompareInput, CompareSummary } from '../charts/compareInput.ts';
import { readWith, type Folder } from './folder.ts';
import { parseModelCostRows, parseReplicationSavingRows, parseScenarioYearRows } from './csv.ts';

/** Parse compare.json, keeping what the charts need. */
export function parseCompareSummary(jsonText: string): CompareSummary {
  const j = JSON.parse(jsonText) as CompareSummary;
  return {
    base: { name: j.base.name, file: j.base.file },
    replications: j.replications,
    seed: j.seed,
    scenarios: j.scenarios.map((s) => ({
      name: s.name,
      file: s.file,
      probabilityCheaper: s.probabilityCheaper,
      payback: s.payback,
      target: s.target,
      // Folders written before the probabilistic analysis existed have none.
      psa: s.psa ?? null,
    })),
  };
}

const COMPARE_FILES = [
  'compare.json',
  'compare-costs.csv',
  'compare-years.csv',
  'compare-replications.csv',
  'manifest.json',
] as const;

/**
 * Read a comparison folder's tables.
 * @throws Error if the folder is not a comparison folder
 */
export function readCompareFolder(folder: Folder): CompareInput {
  for (const f of COMPARE_FILES)
    if (!folder.has(f))
      throw new Error(`${folder.name}: no ${f} (not the results folder of caresim compare)`);
  return {
    summary: readWith(folder, 'compare.json', parseCompareSummary),
    costs: readWith(folder, 'compare-costs.csv', parseModelCostRows),
    years: readWith(folder, 'compare-years.csv', parseScenarioYearRows),
    replications: readWith(folder, 'compare-replications.csv', parseReplicationSavingRows),
  };
}
