/**
 * Probabilistic sensitivity analysis of a comparison: from the same paired replications a
 * comparison already holds (each one a world drawn from the parameters' beliefs and a run of
 * chance within it), which uncertain parameters the answer hangs on, what it would be worth
 * knowing each before deciding, and the value of each at which the answer turns.
 *
 * For each draw (numbers sharing one draw through a YAML anchor count as one parameter):
 * - the rank correlation (Spearman) of the parameter with the target-year saving;
 * - its variance share: the part of the saving's variance that the parameter alone explains,
 *   Var(E[saving | φ]) / Var(saving), from a smooth regression (stats/smoothRegression.ts);
 * - its EVPPI for the decision "this scenario or the base", with the net present value as the
 *   net benefit (regression-based, Strong, Oakley and Brennan 2014);
 * - thresholds: where, as the parameter moves across its belief, the chance of meeting the
 *   savings target crosses one half (a logistic regression of meeting it on the parameter:
 *   monotone, so one crossing, given only when its slope is more than twice its standard error),
 *   and where the expected target-year saving crosses zero (the smooth regression, given only
 *   for a parameter that explains at least 2% of the spread, so that noise is not read as a turn).
 *
 * All of these are marginal: E[· | φ] averages over every other parameter's belief, which is
 * what "if we knew φ" means. Shares do not add to one when parameters interact.
 */
import { sampleRankCorrelation } from 'simple-statistics';
import { fieldLabel } from '../scenario/fieldLabel.ts';
import { logisticRegression } from '../stats/logisticRegression.ts';
import { smoothRegression } from '../stats/smoothRegression.ts';
import { evppiFromFitted } from '../stats/valueOfInformation.ts';
import type { ReplicationSet } from './replicationSet.ts';
import { namingField, parameterName } from './parameterNames.ts';
import type { Row } from './tables.ts';

/** Fewest replications the analysis is run on: below this a smooth regression is mostly noise. */
export const PSA_MIN_REPLICATIONS = 30;

/** Where a curve crosses a level, as the parameter rises. */
export interface Crossing {
  /** The parameter's value at the crossing (linear between grid points). */
  value: number;
  /** Whether the curve is above the level for values above the crossing ('rising') or below them. */
  direction: 'rising' | 'falling';
  /** More than one crossing within the belief: the first is given. */
  several: boolean;
}

/** The fitted curves over the parameter's drawn range, for the threshold chart. */
export interface CurvePoint {
  value: number;
  /** E[target-year saving | parameter]. */
  saving: number;
  /** P(saving ≥ target | parameter), or null without a target. */
  chance: number | null;
}

export interface PsaRow {
  /** The draw's name (the parameter's path, or the anchor that shares it). */
  draw: string;
  /** Every field that takes this draw. */
  fields: string[];
  /** Plain-English name. */
  label: string;
  /** The central value (the model file's value). */
  central: number;
  /** The 5th and 95th percentiles of the values drawn. */
  drawnP5: number;
  drawnP95: number;
  rankCorrelation: number;
  varianceShare: number;
  /** £: the expected value of knowing this parameter before choosing between scenario and base. */
  evppi: number;
  /** Where the chance of meeting the target crosses 50% (null: no target, or no crossing). */
  targetThreshold: Crossing | null;
  /** Where the expected target-year saving crosses zero (null: no crossing). */
  savingThreshold: Crossing | null;
  curve: CurvePoint[];
}

export interface Psa {
  /** The financial year whose saving is explained. */
  year: string;
  /** The savings target a year, or null. */
  target: number | null;
  replications: number;
  /** Chance of meeting the target across all replications (null without a target). */
  chanceMet: number | null;
  /** The net benefit EVPPI is of, in words. */
  netBenefit: string;
  /** Mean net present value: the decision on current information (scenario if positive). */
  expectedNetBenefit: number;
  /** Most influential first (by variance share). */
  rows: PsaRow[];
}

const GRID = 41;
/** Least variance share for which a zero crossing of the expected saving is reported. */
export const MIN_SHARE_FOR_THRESHOLD = 0.02;
/** Least |slope / standard error| for which the chance's crossing of one half is reported. */
const MIN_SLOPE_Z = 1.96;

/** Where `ys` (on grid `xs`) crosses `level`. */
export function crossing(xs: readonly number[], ys: readonly number[], level: number): Crossing | null {
  const found: Crossing[] = [];
  for (let i = 1; i < xs.length; i++) {
    const a = ys[i - 1]! - level;
    const b = ys[i]! - level;
    if (a === 0 && i > 1) continue;
    if ((a < 0 && b >= 0) || (a > 0 && b <= 0) || (a === 0 && b !== 0)) {
      const t = a === b ? 0 : a / (a - b);
      found.push({
        value: xs[i - 1]! + t * (xs[i]! - xs[i - 1]!),
        direction: b > a ? 'rising' : 'falling',
        several: false,
      });
    }
  }
  if (found.length === 0) return null;
  return { ...found[0]!, several: found.length > 1 };
}

const percentile = (sorted: Float64Array, q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;

/**
 * The analysis of a scenario against the base, or null when nothing is uncertain or there are
 * too few replications.
 * @param saving the target-year saving per replication
 * @param npv the net present value per replication (the decision's net benefit)
 */
export function probabilisticSensitivity(
  base: ReplicationSet,
  scenario: ReplicationSet,
  o: { year: string; saving: readonly number[]; npv: readonly number[]; target: number | null },
): Psa | null {
  const n = base.reps.length;
  if (n < PSA_MIN_REPLICATIONS) return null;
  // One input per draw name: the base's values where the base draws it, else the scenario's.
  const inputs = new Map<string, { fields: string[]; central: number; values: Float64Array }>();
  for (const set of [base, scenario])
    set.prepared.uncertain.forEach((p, j) => {
      const known = inputs.get(p.draw);
      if (known) {
        if (!known.fields.includes(p.field)) known.fields.push(p.field);
        return;
      }
      inputs.set(p.draw, {
        fields: [p.field],
        central: p.value,
        values: Float64Array.from(set.draws, (d) => d[j]!),
      });
    });
  if (inputs.size === 0) return null;
  const met = o.target === null ? null : o.saving.map((s): number => (s >= o.target! ? 1 : 0));
  const rows: PsaRow[] = [];
  for (const [draw, input] of inputs) {
    const x = input.values;
    const sorted = Float64Array.from(x).sort();
    const fit = smoothRegression(x, o.saving);
    const npvFit = smoothRegression(x, o.npv);
    const chanceFit = met ? logisticRegression(x, met) : null;
    // The curves within the middle 98% of the draws: beyond them the fit has few points to stand on.
    const lo = percentile(sorted, 0.01);
    const hi = percentile(sorted, 0.99);
    const grid = Array.from({ length: GRID }, (_, i) => lo + ((hi - lo) * i) / (GRID - 1));
    const curve = grid.map((v) => ({
      value: v,
      saving: fit.at(v),
      chance: chanceFit ? chanceFit.at(v) : null,
    }));
    const rho = sampleRankCorrelation(Array.from(x), [...o.saving]);
    rows.push({
      draw,
      fields: input.fields,
      // Named as the sensitivity analysis names it: "... and 4 more sharing it" for an anchor's draw.
      label: parameterName({
        fields: input.fields,
        label: fieldLabel(scenario.prepared.model, namingField(input.fields)),
      }),
      central: input.central,
      drawnP5: percentile(sorted, 0.05),
      drawnP95: percentile(sorted, 0.95),
      rankCorrelation: Number.isFinite(rho) ? rho : 0,
      varianceShare: fit.varianceShare,
      evppi: evppiFromFitted(npvFit.fitted),
      targetThreshold:
        chanceFit &&
        chanceFit.half !== null &&
        Math.abs(chanceFit.slope / chanceFit.slopeSe) >= MIN_SLOPE_Z &&
        chanceFit.half >= lo &&
        chanceFit.half <= hi
          ? {
              value: chanceFit.half,
              direction: chanceFit.slope > 0 ? 'rising' : 'falling',
              several: false,
            }
          : null,
      savingThreshold:
        hi > lo && fit.varianceShare >= MIN_SHARE_FOR_THRESHOLD
          ? crossing(
              grid,
              curve.map((c) => c.saving),
              0,
            )
          : null,
      curve,
    });
  }
  rows.sort((a, b) => b.varianceShare - a.varianceShare || b.evppi - a.evppi);
  return {
    year: o.year,
    target: o.target,
    replications: n,
    chanceMet: met ? met.reduce((a, b) => a + b, 0) / n : null,
    netBenefit: 'net present value of the scenario against the base',
    expectedNetBenefit: o.npv.reduce((a, b) => a + b, 0) / n,
    rows,
  };
}

/** One row per scenario and uncertain parameter (compare-psa.csv). */
export function psaRows(comparisons: readonly { name: string; psa: Psa | null }[]): Row[] {
  const rows: Row[] = [
    [
      'scenario',
      'year',
      'draw',
      'parameter',
      'fields',
      'central',
      'drawnP5',
      'drawnP95',
      'rankCorrelation',
      'varianceShare',
      'evppi',
      'targetThreshold',
      'targetThresholdDirection',
      'savingThreshold',
      'savingThresholdDirection',
    ],
  ];
  for (const c of comparisons)
    for (const r of c.psa?.rows ?? [])
      rows.push([
        c.name,
        c.psa!.year,
        r.draw,
        r.label,
        r.fields.join(' '),
        r.central,
        r.drawnP5,
        r.drawnP95,
        r.rankCorrelation,
        r.varianceShare,
        r.evppi,
        r.targetThreshold?.value ?? null,
        r.targetThreshold?.direction ?? null,
        r.savingThreshold?.value ?? null,
        r.savingThreshold?.direction ?? null,
      ]);
  return rows;
}
