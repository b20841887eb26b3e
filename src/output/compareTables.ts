/**
 * Reading a comparison folder's tables back (compare.json and its CSVs), as the charts and
 * the report take them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompareInput, CompareSummary } from '../charts/compareInput.ts';
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
export function readCompareFolder(dir: string): CompareInput {
  for (const f of COMPARE_FILES)
    if (!existsSync(join(dir, f)))
      throw new Error(`${dir}: no ${f} (not the results folder of caresim compare)`);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return {
    summary: parseCompareSummary(read('compare.json')),
    costs: parseModelCostRows(read('compare-costs.csv')),
    years: parseScenarioYearRows(read('compare-years.csv')),
    replications: parseReplicationSavingRows(read('compare-replications.csv')),
  };
}
