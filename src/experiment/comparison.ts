/**
 * Scenario comparison under common random numbers, as pure computation on replication sets
 * (compare.ts runs the models; the browser app runs them in Web Workers). Every scenario runs the same replication
 * indices with the same master seed, so replication r of each sees the same referrals and the
 * same children; differences are taken replication by replication (paired) and summarised with
 * their own intervals, which are far narrower than comparing two separate means.
 *
 * Money: the revenue saving of a scenario in a financial year is the base's total revenue cost
 * minus the scenario's. Capital (net of grants) is counted when it is spent. The payback year
 * is the first financial year from which the cumulative net saving (savings minus extra
 * capital) stays at or above zero. The net present value discounts each year's net saving at
 * the model's discount rate to the first financial year (a year's flows counted at its start),
 * in price-base (real) terms when the model gives general inflation and in the money of each
 * year (nominal) when it does not, and adds the difference in the value retained in the assets
 * (resale value of homes, in price-base money), discounted from the end of the horizon, as
 * 002 ¶14 does when it nets retained value off the investment.
 */
import { summarise, type Summary } from '../stats/summary.ts';
import { ReplicationView, windowIsHorizon, windowText } from './headline.ts';
import { retainedValueIn } from './prepared.ts';
import { probabilisticSensitivity, type Psa } from './psa.ts';
import type { ReplicationSet } from './replicationSet.ts';
import type { Row } from './tables.ts';
import { allMatrices } from './matrices.ts';

export interface PairedMetric extends Summary {
  label: string;
  unit: string;
}

export interface ScenarioComparison {
  name: string;
  file: string;
  /** Paired metrics over the window of years (capital and net present value: the whole horizon). */
  metrics: Record<string, PairedMetric>;
  /** The financial years the window's metrics cover, in words: "2024/25 to 2032/33". */
  span: string;
  /** Revenue saving (base cost minus scenario cost) by financial year. */
  savingByYear: Record<string, PairedMetric>;
  /** Cumulative net saving (savings minus extra capital) by financial year. */
  cumulativeNetByYear: Record<string, PairedMetric>;
  /** Whether the net present value is of price-base (real) or of nominal money (Scenario.npvBasis). */
  npvBasis: 'real' | 'nominal';
  /** Share of replications in which the scenario costs less over the horizon. */
  probabilityCheaper: number;
  /** Payback: the financial year's index per replication (-1: not within the horizon). */
  payback: {
    probabilityWithinHorizon: number;
    medianYear: string | null;
    p5Year: string | null;
    p95Year: string | null;
  };
  /** The savings target tested in its financial year (null when the base model sets none). */
  target: { perYear: number; year: string; probabilityMet: number } | null;
  /**
   * What the answer hangs on, when parameters were drawn from beliefs: each parameter's share of
   * the spread of the target-year saving (the last year without a target), its EVPPI and thresholds.
   */
  psa: Psa | null;
  /** Per-replication values behind the metrics, for the replications table. */
  perRep: Record<string, number[]>;
}

const paired = (label: string, unit: string, values: number[]): PairedMetric => ({
  label,
  unit,
  ...summarise(values),
});

/**
 * Compare a scenario's replications with the base's, replication by replication.
 * @throws Error if the two sets do not cover the same replications and calendar
 */
export function compareScenario(b: ReplicationSet, s: ReplicationSet, file: string): ScenarioComparison {
  const name = s.prepared.model.name;
  if (b.reps.join() !== s.reps.join()) throw new Error('the scenarios were not run on the same replications');
  if (b.calendar.fyLabels.join() !== s.calendar.fyLabels.join())
    throw new Error(
      `"${name}" covers other financial years than the base: use the same time.start and time.years`,
    );
  const cal = b.calendar;
  const fys = cal.fyLabels;
  const Y = fys.length;
  const scenario = b.prepared.scenario;
  const discount = scenario.calendar.fyDiscount;
  const deflator = scenario.calendar.fyDeflator;
  // The assets would be sold at the end of the horizon.
  const endOfHorizon = scenario.calendar.horizonEndDiscount;
  const perRep: Record<string, number[]> = {};
  const push = (k: string, x: number) => (perRep[k] ??= []).push(x);
  const saving: number[][] = fys.map(() => []);
  const cumulative: number[][] = fys.map(() => []);
  const paybackIndex: number[] = [];
  for (let i = 0; i < b.reps.length; i++) {
    const vb = new ReplicationView(b.matrices.at(i), b.defs, cal);
    const vs = new ReplicationView(s.matrices.at(i), s.defs, cal);
    let cum = 0;
    let npv = 0;
    let payback = -1;
    for (let y = 0; y < Y; y++) {
      const save = vb.year('cost.total', y) - vs.year('cost.total', y);
      const capital = vs.year('capital', y) - vb.year('capital', y);
      saving[y]!.push(save);
      cum += save - capital;
      cumulative[y]!.push(cum);
      npv += (save - capital) * deflator[y]! * discount[y]!;
      if (cum >= 0 && payback < 0) payback = y;
      if (cum < 0) payback = -1;
    }
    const retainedDiff = retainedValueIn(s.prepared, s.draws[i]!) - retainedValueIn(b.prepared, b.draws[i]!);
    npv += retainedDiff * endOfHorizon;
    paybackIndex.push(payback);
    push('costAvoided', vb.total('cost.total') - vs.total('cost.total'));
    // All the capital, like the net present value: most of it is spent before a plan's window starts.
    push('capitalExtra', vs.horizonTotal('capital') - vb.horizonTotal('capital'));
    push('netPresentValue', npv);
    push(
      'outOfCountyPlacementsAvoided',
      vb.total('placements.outOfCounty') - vs.total('placements.outOfCounty'),
    );
    push('outOfCountyChildrenFewer', vb.average('outOfCounty.children') - vs.average('outOfCounty.children'));
    push('localOccupancy', vs.average('occupancy.local'));
    push('localOccupancyChange', vs.average('occupancy.local') - vb.average('occupancy.local'));
    push('breakdownsAvoided', vb.total('breakdowns') - vs.total('breakdowns'));
  }
  // Whole-run measures cover the window (the whole horizon unless the model says otherwise); capital,
  // the net present value and payback always take every year's money.
  const horizon = windowIsHorizon(cal);
  const over = horizon ? '' : `, ${windowText(cal)}`;
  const labels: Record<string, [string, string]> = {
    costAvoided: [
      `Revenue cost avoided ${horizon ? 'over the horizon' : windowText(cal)} (base minus scenario)`,
      '£',
    ],
    capitalExtra: [`Extra capital spent, net of grants${horizon ? '' : ', whole horizon'}`, '£'],
    netPresentValue: [
      `Net present value, ${scenario.npvBasis === 'real' ? 'real (price-base money)' : 'nominal (money of each year)'}, with retained value${horizon ? '' : ', whole horizon'}`,
      '£',
    ],
    outOfCountyPlacementsAvoided: [`Out-of-county placements avoided${over}`, 'placements'],
    outOfCountyChildrenFewer: [`Fewer children out of county (average${over})`, 'children'],
    localOccupancy: [`Children in local homes (average${over}), scenario`, 'children'],
    localOccupancyChange: [`Change in children in local homes (average${over})`, 'children'],
    breakdownsAvoided: [`Breakdowns avoided${over}`, 'breakdowns'],
  };
  const metrics: Record<string, PairedMetric> = {};
  for (const [k, [label, unit]] of Object.entries(labels)) metrics[k] = paired(label, unit, perRep[k]!);
  const savingByYear: Record<string, PairedMetric> = {};
  const cumulativeNetByYear: Record<string, PairedMetric> = {};
  fys.forEach((fy, y) => {
    savingByYear[fy] = paired(`Revenue saving in ${fy}`, '£', saving[y]!);
    cumulativeNetByYear[fy] = paired(`Cumulative net saving to the end of ${fy}`, '£', cumulative[y]!);
    perRep[`saving.${fy}`] = saving[y]!;
  });
  perRep.paybackYearIndex = paybackIndex;
  const within = paybackIndex.filter((p) => p >= 0);
  const sortedPayback = [...paybackIndex].sort((x, y) => (x < 0 ? Infinity : x) - (y < 0 ? Infinity : y));
  const yearAt = (q: number) => {
    const p = sortedPayback[Math.min(sortedPayback.length - 1, Math.floor(q * sortedPayback.length))]!;
    return p < 0 ? null : fys[p]!;
  };
  let target: ScenarioComparison['target'] = null;
  // The target is tested only when its financial year lies within the horizon run.
  if (
    b.prepared.model.finance.savingsTarget &&
    scenario.savingsTargetFy >= 0 &&
    scenario.savingsTargetFy < Y
  ) {
    const y = scenario.savingsTargetFy;
    const perYear = scenario.savingsTargetPerYear;
    target = {
      perYear,
      year: fys[y]!,
      probabilityMet: saving[y]!.filter((x) => x >= perYear).length / saving[y]!.length,
    };
  }
  const psaYear = target ? scenario.savingsTargetFy : Y - 1;
  const psa = probabilisticSensitivity(b, s, {
    year: fys[psaYear]!,
    saving: saving[psaYear]!,
    npv: perRep.netPresentValue!,
    target: target?.perYear ?? null,
  });
  return {
    name,
    file,
    span: windowText(cal),
    psa,
    npvBasis: scenario.npvBasis,
    metrics,
    savingByYear,
    cumulativeNetByYear,
    probabilityCheaper: perRep.costAvoided!.filter((x) => x > 0).length / b.reps.length,
    payback: {
      probabilityWithinHorizon: within.length / paybackIndex.length,
      medianYear: yearAt(0.5),
      p5Year: yearAt(0.05),
      p95Year: yearAt(0.95),
    },
    target,
    perRep,
  };
}

/** One row per replication and scenario with the paired values (compare-replications.csv). */
export function comparisonReplicationsRows(
  reps: readonly number[],
  comparisons: readonly ScenarioComparison[],
): Row[] {
  const keys = Object.keys(comparisons[0]?.perRep ?? {});
  const rows: Row[] = [['scenario', 'replication', ...keys]];
  for (const c of comparisons)
    reps.forEach((r, i) => rows.push([c.name, r, ...keys.map((k) => c.perRep[k]![i]!)]));
  return rows;
}

/** Savings and cumulative net savings by financial year, with intervals and percentiles (compare-years.csv). */
export function comparisonYearsRows(comparisons: readonly ScenarioComparison[]): Row[] {
  const cols = ['mean', 'ciLow', 'ciHigh', 'p5', 'p25', 'p50', 'p75', 'p95'] as const;
  const rows: Row[] = [['scenario', 'measure', 'year', ...cols]];
  for (const c of comparisons) {
    for (const [measure, byYear] of [
      ['saving', c.savingByYear],
      ['cumulativeNetSaving', c.cumulativeNetByYear],
    ] as const)
      for (const [fy, m] of Object.entries(byYear))
        rows.push([c.name, measure, fy, ...cols.map((k) => m[k])]);
  }
  return rows;
}

/**
 * Each model's own total revenue cost by financial year (not a difference): mean, interval
 * and percentiles across replications, for the chart of cost per scenario (compare-costs.csv).
 */
export function modelCostsRows(sets: readonly ReplicationSet[]): Row[] {
  const cols = ['mean', 'ciLow', 'ciHigh', 'p5', 'p25', 'p50', 'p75', 'p95'] as const;
  const rows: Row[] = [['model', 'year', ...cols]];
  sets.forEach((set) => {
    const m = set.prepared.model;
    const views = allMatrices(set.matrices).map((mm) => new ReplicationView(mm, set.defs, set.calendar));
    set.calendar.fyLabels.forEach((fy, y) => {
      const s = summarise(views.map((v) => v.year('cost.total', y)));
      rows.push([m.name, fy, ...cols.map((c) => s[c])]);
    });
  });
  return rows;
}
