/**
 * Run a comparison: the base and every scenario on the same replications and seed (common
 * random numbers), with sequential stopping if asked, then paired as comparison.ts pairs them.
 */
import { appendReplications, nextBatch, RunSeries, type SeriesOptions } from './runner.ts';
import type { ReplicationSet } from './replicationSet.ts';
import { wilsonHalfWidth } from '../stats/proportion.ts';
import type { PreparedModel } from './prepared.ts';
import { compareScenario, type PairedMetric, type ScenarioComparison } from './comparison.ts';

export {
  compareScenario,
  comparisonReplicationsRows,
  comparisonYearsRows,
  modelCostsRows,
  type PairedMetric,
  type ScenarioComparison,
} from './comparison.ts';
export interface ComparisonRequest extends Omit<SeriesOptions, 'years'> {
  /** The base first, then the scenarios, each prepared for the same horizon. */
  models: readonly PreparedModel[];
  /** The files they came from, in the same order (named in the results). */
  files: readonly string[];
  /**
   * Sequential stopping: add replications to every model until each scenario's decision
   * metrics (comparisonPrecision) are precise enough, up to `maxReplications`.
   */
  precision?: number;
  maxReplications?: number;
}

export interface ComparisonResult {
  sets: ReplicationSet[];
  comparisons: ScenarioComparison[];
  /** What sequential stopping did (null without a precision). */
  stopping: {
    precision: number;
    metrics: string[];
    reached: boolean;
    stillImprecise: string[];
    cap: number;
  } | null;
}

/**
 * The decision metrics of a comparison `--precision` watches, each scenario's, and those still
 * too imprecise: the revenue cost avoided over the window (95% interval of the mean within
 * `precision` × |mean|); the saving in the target year, within `precision` × the larger of its
 * mean and the target (a saving near zero would otherwise never be precise, and the target is the
 * scale the decision reads it on); and the chance of meeting the target (Wilson 95% interval within ± `precision`, in
 * absolute terms: 0.05 is five percentage points).
 */
export function comparisonPrecision(
  comparisons: readonly ScenarioComparison[],
  precision: number,
): { metrics: string[]; imprecise: string[] } {
  const metrics: string[] = [];
  const wide: string[] = [];
  const within = (key: string, m: PairedMetric, scale: number) => {
    metrics.push(key);
    if (m.halfWidth === null || (scale !== 0 && m.halfWidth > precision * scale)) wide.push(key);
  };
  for (const c of comparisons) {
    within(`${c.name}: costAvoided`, c.metrics.costAvoided!, Math.abs(c.metrics.costAvoided!.mean));
    if (c.target) {
      const saving = c.savingByYear[c.target.year]!;
      within(`${c.name}: saving.${c.target.year}`, saving, Math.max(c.target.perYear, Math.abs(saving.mean)));
      const key = `${c.name}: chance of meeting the target`;
      metrics.push(key);
      const n = c.metrics.costAvoided!.n;
      if (wilsonHalfWidth(c.target.probabilityMet, n) > precision) wide.push(key);
    }
  }
  return { metrics, imprecise: wide };
}

/**
 * Run the base and each scenario on the same replications and seed (common random numbers)
 * and compare each scenario with the base, replication by replication.
 */
export async function runComparison(o: ComparisonRequest): Promise<ComparisonResult> {
  const cap = o.maxReplications ?? 10_000;
  const start = o.precision === undefined ? o.replications : Math.min(o.replications, cap);
  // One pool for every model and batch, if the comparison is long enough to need one.
  const series = new RunSeries(o.workers, o.models.length);
  const runAll = async (reps: number[]): Promise<ReplicationSet[]> => {
    const out: ReplicationSet[] = [];
    const total = reps.length * o.models.length;
    for (const [i, model] of o.models.entries())
      out.push(
        await series.run({
          model,
          seed: o.seed,
          reps,
          onProgress: (done) => o.onProgress?.(i * reps.length + done, total),
          ...(o.signal ? { signal: o.signal } : {}),
        }),
      );
    return out;
  };
  const compareAll = (sets: ReplicationSet[]) =>
    sets.slice(1).map((s, i) => compareScenario(sets[0]!, s, o.files[i + 1]!));
  try {
    let sets = await runAll(Array.from({ length: start }, (_, i) => i));
    let comparisons = compareAll(sets);
    if (o.precision === undefined) return { sets, comparisons, stopping: null };
    // Sequential stopping on the decision metrics (Law, §9.4.1), every model on the same new replications.
    let check = comparisonPrecision(comparisons, o.precision);
    while (check.imprecise.length > 0 && sets[0]!.reps.length < cap) {
      const more = nextBatch(sets[0]!.reps.length, cap);
      const next = await runAll(more);
      sets = sets.map((s, i) => appendReplications(s, next[i]!));
      comparisons = compareAll(sets);
      check = comparisonPrecision(comparisons, o.precision);
    }
    return {
      sets,
      comparisons,
      stopping: {
        precision: o.precision,
        metrics: check.metrics,
        reached: check.imprecise.length === 0,
        stillImprecise: check.imprecise,
        cap,
      },
    };
  } finally {
    await series.close();
  }
}
