/**
 * One-at-a-time sensitivity analysis: every parameter the model file gives a plausible range
 * (`low`/`high` beside its value) is set to its low and to its high value, the others staying
 * at their values, and the model is run on the same replications and seed as at its base
 * values (common random numbers). The measures: out-of-county placements over the model's window of years,
 * and, given a base to save against (for Leicestershire, doing nothing), the revenue saving in
 * the savings-target year, paired replication by replication. The same change is made in the
 * base wherever the base has the field (a change in demand affects both), so the saving
 * measures the options, not the change. The result, ranked by swing, says which assumptions
 * the answer hangs on.
 *
 * Every other parameter stays at its central value (beliefs are not drawn: a one-at-a-time
 * analysis asks what one number does, the probabilistic analysis of a comparison what they do
 * together). The swing is estimated replication by replication (high minus low on the same
 * random numbers), with its 95% interval; a swing whose interval holds zero is within the
 * simulation's noise at this many replications, and is marked so rather than read as an effect.
 */
import { fieldUnit, type FieldUnit } from '../scenario/fieldUnit.ts';
import { validateModelData } from '../scenario/loadFrom.ts';
import { fieldLabel } from '../scenario/fieldLabel.ts';
import { getNumber, setNumber } from '../scenario/paths.ts';
import { listProvenance, type ProvenanceEntry } from '../scenario/provenance.ts';
import { summarise, type Summary } from '../stats/summary.ts';
import { prepare, streamsOf, type PreparedModel } from './prepared.ts';
import { RunSeries, type SeriesOptions } from './runner.ts';
import { windowText } from './headline.ts';
import { namingField, parameterName } from './parameterNames.ts';

export { namingField, parameterName } from './parameterNames.ts';
import { headlineTables, type Row } from './tables.ts';

export interface SensitivityOptions extends SeriesOptions {
  raw: unknown;
  /** The model to save against, as written (optional). */
  baseRaw?: unknown;
}

export interface SensitivityRow {
  parameter: ProvenanceEntry;
  /** Every field that carries this same assumption (a YAML anchor shared by cohorts), varied together. */
  fields: string[];
  /** Plain-English name of the parameter (fieldLabel of its first field in the model proper). */
  label: string;
  /** The unit its values are in (days, £ a week, % a year...). */
  unit: FieldUnit;
  baseValue: number;
  low: number;
  high: number;
  /** Out-of-county placements over the model's window of years at the low and high value. */
  oocLow: Summary;
  oocHigh: Summary;
  /** Revenue saving against the base in the target year (null without a base or target). */
  savingLow: Summary | null;
  savingHigh: Summary | null;
  /**
   * High minus low, paired by replication: of the saving where there is one, else of the
   * placements out of county. Its interval says whether the swing is more than noise.
   */
  swing: Summary;
  /** Whether the swing's 95% interval holds zero: an effect the replications cannot tell from noise. */
  withinNoise: boolean;
}

export interface SensitivityResult {
  targetYear: string | null;
  /** The financial years the placements out of county are counted over (the model's window). */
  span: string;
  /** The random streams a replication of the model uses. */
  streams: string[];
  ooc: Summary;
  saving: Summary | null;
  rows: SensitivityRow[];
}

interface Outcome {
  ooc: number[];
  cost: number[] | null;
}

/**
 * The parameters a sensitivity analysis varies: those with a low or a high. Fields that carry
 * the very same number, range and reason (one assumption shared through a YAML anchor, such as
 * one demand growth for every cohort) form one parameter, varied together.
 */
export function uncertainParameters(raw: unknown): { parameter: ProvenanceEntry; fields: string[] }[] {
  const groups = new Map<string, { parameter: ProvenanceEntry; fields: string[] }>();
  for (const p of listProvenance(raw)) {
    if (p.low === undefined && p.high === undefined) continue;
    const key = JSON.stringify([p.kind, p.text, p.value, p.low, p.high]);
    const g = groups.get(key);
    if (g) g.fields.push(p.field);
    else groups.set(key, { parameter: p, fields: [p.field] });
  }
  return [...groups.values()];
}

/**
 * Run the analysis.
 * @throws Error if a varied model is invalid (a range that breaks a cross-field rule)
 */
export async function runSensitivity(o: SensitivityOptions): Promise<SensitivityResult> {
  const model0 = check(o.raw, 'the model', o.years);
  const target = model0.model.finance.savingsTarget;
  const params = uncertainParameters(o.raw);
  const reps = Array.from({ length: o.replications }, (_, r) => r);
  const runs = 1 + 2 * params.length;
  const series = new RunSeries(o.workers, o.baseRaw === undefined ? runs : 2 * runs);
  let done = 0;
  let targetYear: string | null = null;
  const outcome = async (model: PreparedModel, base: PreparedModel | null): Promise<Outcome> => {
    const run = (m: PreparedModel) =>
      series.run({ model: m, seed: o.seed, reps, ...(o.signal ? { signal: o.signal } : {}) });
    const set = await run(model);
    const t = headlineTables(set);
    const oocIndex = t.heads.findIndex((h) => h.key === 'placements.outOfCounty');
    const ooc = t.perRep.map((r) => r[oocIndex]!);
    let cost: number[] | null = null;
    if (base && target) {
      // The target year as the model's own calendar places it (its financial years may not start in April).
      const fy = set.calendar.fyLabels[model.scenario.savingsTargetFy];
      if (fy) {
        targetYear = fy;
        // Each table has its own rows (a base without homes has fewer headline metrics).
        const k = t.heads.findIndex((h) => h.key === `cost.total.${fy}`);
        const bt = headlineTables(await run(base));
        const kb = bt.heads.findIndex((h) => h.key === `cost.total.${fy}`);
        cost = bt.perRep.map((r, i) => r[kb]! - t.perRep[i]![k]!);
      }
    }
    o.onProgress?.(++done, runs);
    return { ooc, cost };
  };
  try {
    const base0 = o.baseRaw === undefined ? null : check(o.baseRaw, 'the base', o.years);
    const at0 = await outcome(model0, base0);
    const rows: SensitivityRow[] = [];
    for (const { parameter: p, fields } of params) {
      if (o.signal?.aborted) throw new Error('sensitivity analysis interrupted');
      const baseValue = getNumber(o.raw, p.field);
      const ends: Record<'low' | 'high', Outcome> = {} as Record<'low' | 'high', Outcome>;
      for (const end of ['low', 'high'] as const) {
        const value = p[end] ?? baseValue;
        const setAll = (raw: unknown) =>
          fields.reduce((acc, f) => (hasField(acc, f) ? setNumber(acc, f, value) : acc), raw);
        const model = check(setAll(o.raw), `${p.field} = ${value}`, o.years);
        const base =
          o.baseRaw === undefined
            ? null
            : check(setAll(o.baseRaw), `the base with ${p.field} = ${value}`, o.years);
        ends[end] = await outcome(model, base);
      }
      rows.push({
        parameter: p,
        fields,
        label: fieldLabel(o.raw, namingField(fields)),
        unit: fieldUnit(o.raw, fields[0]!),
        baseValue,
        low: p.low ?? baseValue,
        high: p.high ?? baseValue,
        oocLow: summarise(ends.low.ooc),
        oocHigh: summarise(ends.high.ooc),
        savingLow: ends.low.cost ? summarise(ends.low.cost) : null,
        savingHigh: ends.high.cost ? summarise(ends.high.cost) : null,
        ...swingOf(ends.low, ends.high),
      });
    }
    rows.sort((a, b) => Math.abs(b.swing.mean) - Math.abs(a.swing.mean));
    return {
      targetYear,
      span: windowText(model0.scenario.calendar),
      streams: streamsOf(model0),
      ooc: summarise(at0.ooc),
      saving: at0.cost ? summarise(at0.cost) : null,
      rows,
    };
  } finally {
    await series.close();
  }
}

/** High minus low replication by replication, and whether its interval holds zero. */
function swingOf(low: Outcome, high: Outcome): { swing: Summary; withinNoise: boolean } {
  const [l, h] = low.cost && high.cost ? [low.cost, high.cost] : [low.ooc, high.ooc];
  const swing = summarise(h.map((x, i) => x - l[i]!));
  // With one replication there is no interval: nothing can be told from noise.
  const withinNoise = swing.ciLow === null || (swing.ciLow <= 0 && swing.ciHigh! >= 0);
  return { swing, withinNoise };
}

/** A varied model, validated and prepared at the central values of every other parameter. */
function check(raw: unknown, what: string, years: number | undefined): PreparedModel {
  const r = validateModelData(raw);
  if (!r.ok) throw new Error(`${what} is not a valid model: ${r.errors.join('; ')}`);
  const fixed = { ...r.model, uncertainty: { ranges: r.model.uncertainty?.ranges ?? 'none', fixed: true } };
  return prepare(fixed, years);
}

function hasField(raw: unknown, path: string): boolean {
  try {
    getNumber(raw, path);
    return true;
  } catch {
    return false;
  }
}

/** The table of a sensitivity analysis, ranked by swing (sensitivity.csv). */
export function sensitivityRows(r: SensitivityResult): Row[] {
  const rows: Row[] = [
    [
      'parameter',
      'fields',
      'kind',
      'sourceOrReason',
      'value',
      'low',
      'high',
      'oocAtLow',
      'oocAtHigh',
      'oocSwing',
      'savingAtLow',
      'savingAtLowCiLow',
      'savingAtLowCiHigh',
      'savingAtHigh',
      'savingAtHighCiLow',
      'savingAtHighCiHigh',
      'savingSwing',
      'swingMeasure',
      'swingMean',
      'swingCiLow',
      'swingCiHigh',
      'withinNoise',
    ],
  ];
  for (const x of r.rows)
    rows.push([
      parameterName(x),
      x.fields.join(' '),
      x.parameter.kind,
      x.parameter.text,
      x.baseValue,
      x.low,
      x.high,
      x.oocLow.mean,
      x.oocHigh.mean,
      Math.abs(x.oocHigh.mean - x.oocLow.mean),
      x.savingLow?.mean ?? null,
      x.savingLow?.ciLow ?? null,
      x.savingLow?.ciHigh ?? null,
      x.savingHigh?.mean ?? null,
      x.savingHigh?.ciLow ?? null,
      x.savingHigh?.ciHigh ?? null,
      x.savingLow && x.savingHigh ? Math.abs(x.savingHigh.mean - x.savingLow.mean) : null,
      x.savingLow && x.savingHigh ? 'saving' : 'outOfCountyPlacements',
      x.swing.mean,
      x.swing.ciLow,
      x.swing.ciHigh,
      x.withinNoise ? 'yes' : 'no',
    ]);
  return rows;
}
