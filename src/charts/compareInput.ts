/**
 * What the charts of a comparison are drawn from: the rows of a comparison folder's tables
 * (compare-costs.csv, compare-years.csv, compare-replications.csv), what they need of
 * compare.json, and the source line naming the base and the scenarios.
 */
import type { ScenarioComparison } from '../experiment/compare.ts';
import type { IntervalColumns } from './runCharts.ts';
import type { Source } from './style.ts';

/** One row of compare-costs.csv: a model's own total revenue cost in a financial year. */
export interface ModelCostRow extends IntervalColumns {
  model: string;
  year: string;
}

/** One row of compare-years.csv: a scenario's saving, or cumulative net saving, in a year. */
export interface ScenarioYearRow extends IntervalColumns {
  scenario: string;
  measure: 'saving' | 'cumulativeNetSaving';
  year: string;
}

/** One row of compare-replications.csv: a scenario's paired revenue savings in one replication. */
export interface ReplicationSavingRow {
  scenario: string;
  replication: number;
  /** Revenue saving against the base by financial year (`saving.<fy>` columns). */
  savingByYear: Record<string, number>;
}

/** What the charts need of compare.json. */
export interface CompareSummary {
  base: { name: string; file: string };
  replications: number;
  seed: number;
  scenarios: Pick<
    ScenarioComparison,
    'name' | 'file' | 'probabilityCheaper' | 'payback' | 'target' | 'psa'
  >[];
}

/** The contents of a comparison folder, as the charts take them. */
export interface CompareInput {
  summary: CompareSummary;
  costs: ModelCostRow[];
  years: ScenarioYearRow[];
  replications: ReplicationSavingRow[];
}

/** The source line of a comparison, from its manifest.json: the base model and the number of scenarios. */
export function compareSource(manifest: {
  caresim: string;
  models: readonly { name: string }[];
  replications: number;
  seed: number;
}): Source {
  const models = manifest.models;
  const n = models.length - 1;
  return {
    caresim: manifest.caresim,
    model: `${models[0]?.name ?? '?'} and ${n} scenario${n === 1 ? '' : 's'}`,
    replications: manifest.replications,
    seed: manifest.seed,
  };
}
