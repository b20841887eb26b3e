/**
 * A back-test: calibrate on the data up to a date, simulate the years after it from the children
 * in care on that date, and set the simulation's range against what the data say happened, month
 * by month. The evidence a reviewer asks for first: how often did the actual fall inside the bands
 * the model would have drawn, and did it drift out and stay out (the world changed, or the model
 * misses something).
 *
 * Measures, each a monthly value in the data and in every replication:
 * - children in residential care in the council's own homes (the model's local homes and
 *   assessment beds) and elsewhere (out of county), as the mean over the month's days;
 * - entries: residential spells that began in the month (the model's referrals);
 * - endings: spells that ended in the month (the model's step-downs and leavings at an age limit).
 * Coverage counts the months whose actual lies inside the 50% (25th to 75th percentile) and 90%
 * (5th to 95th) bands of the simulated months, by where it falls in their distribution (ties
 * counted half, for whole-number counts); each band should hold about that share of months if the
 * model is right. Months are not independent (a level drifts), so a coverage over a few years is
 * itself uncertain.
 */
import { calibrate, cohortAssigner, type Calibrated } from '../data/calibrate.ts';
import { dayOf } from '../data/dates.ts';
import type { MergedData } from '../data/placements.ts';
import { residentialSpells, type Spell } from '../data/spells.ts';
import type { ModelFile } from '../scenario/schema/model.ts';
import type { Calibration } from '../scenario/schema/calibration.ts';
import { mergeModel } from '../scenario/merge.ts';
import { validateModelData } from '../scenario/load.ts';
import { quantileSorted } from 'simple-statistics';
import { prepare } from './prepared.ts';
import { runReplications } from './runner.ts';
import { allMatrices } from './matrices.ts';

export const BACKTEST_MEASURES = ['ownProvision', 'external', 'entries', 'endings'] as const;
export type BacktestMeasure = (typeof BACKTEST_MEASURES)[number];

export const MEASURE_LABELS: Record<BacktestMeasure, string> = {
  ownProvision: "Children in the council's own homes",
  external: 'Children in residential care elsewhere (out of county)',
  entries: 'Residential spells beginning',
  endings: 'Residential spells ending',
};

export interface BacktestRow {
  month: string;
  measure: BacktestMeasure;
  actual: number;
  mean: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface BacktestResult {
  calibrated: Calibrated;
  model: ModelFile;
  rows: BacktestRow[];
  coverage: Record<BacktestMeasure, { months: number; in50: number; in90: number; meanError: number }>;
  /** Per measure, the first month from which the actual stayed outside the 90% band to the end (at least three months), or null. */
  departures: Record<BacktestMeasure, string | null>;
  replications: number;
  seed: number;
}

export interface BacktestOptions {
  data: MergedData;
  base: ModelFile;
  /** The base as written (after its own extends), which the calibration is merged onto. */
  baseRaw: unknown;
  calibration: Calibration;
  /** Last day of the data the calibration may see. */
  fitTo: number;
  years: number;
  replications: number;
  seed: number;
  dataLabel: string;
  /** The reference window's first day (default: the data's first 1 April). */
  from?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** The data's monthly values of every measure for the months given ('YYYY-MM'). */
export function actualMonths(
  m: MergedData,
  calibration: Calibration,
  months: readonly string[],
  inModel: (s: Spell) => boolean = () => true,
): Record<BacktestMeasure, number[]> {
  // Only the spells the model stands for (those its cohort rules take), as the census and the
  // calibration count them.
  const spells = residentialSpells(m, calibration.residential).filter(inModel);
  const own = new Set(calibration.ownProviders);
  const out: Record<BacktestMeasure, number[]> = { ownProvision: [], external: [], entries: [], endings: [] };
  for (const key of months) {
    const [y, mo] = key.split('-').map(Number) as [number, number];
    const first = dayOf(y, mo, 1);
    const next = mo === 12 ? dayOf(y + 1, 1, 1) : dayOf(y, mo + 1, 1);
    let ownDays = 0;
    let extDays = 0;
    let entries = 0;
    let endings = 0;
    for (const s of spells) {
      if (s.start >= first && s.start < next) entries++;
      if (s.end !== null && s.end >= first && s.end < next) endings++;
      for (const p of s.placements) {
        const a = Math.max(p.start, first);
        const b = Math.min(p.end ?? Infinity, next);
        if (b <= a) continue;
        if (own.has(p.provider)) ownDays += b - a;
        else extDays += b - a;
      }
    }
    out.ownProvision.push(ownDays / (next - first));
    out.external.push(extDays / (next - first));
    out.entries.push(entries);
    out.endings.push(endings);
  }
  return out;
}

export async function backtest(o: BacktestOptions): Promise<BacktestResult> {
  const start = o.fitTo + 1;
  const calibrated = calibrate(o.data, {
    base: o.base,
    baseRef: '(the base model)',
    calibration: o.calibration,
    to: o.fitTo,
    start,
    seed: o.seed,
    dataLabel: o.dataLabel,
    ...(o.from === undefined ? {} : { from: o.from }),
  });
  const { extends: _ignored, ...override } = calibrated.model;
  const raw = mergeModel(o.baseRaw, { ...override, time: { ...(override.time as object), years: o.years } });
  const checked = validateModelData(raw);
  if (!checked.ok)
    throw new Error(`the back-test's calibrated model is not valid: ${checked.errors.join('; ')}`);
  const set = await runReplications({
    model: prepare(checked.model),
    seed: o.seed,
    reps: Array.from({ length: o.replications }, (_, r) => r),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const cal = set.calendar;
  const M = cal.monthLabels.length;
  // Whole calendar months inside both the simulation and the data: a month the simulation joins
  // part-way (a --fit-to that is not a month's end) is left out, since its first days are the fit's.
  const monthIdx = cal.monthLabels
    .map((label, k) => ({ label, k }))
    .filter(({ label }) => {
      const [y, mo] = label.split('-').map(Number) as [number, number];
      const first = dayOf(y, mo, 1);
      const next = mo === 12 ? dayOf(y + 1, 1, 1) : dayOf(y, mo + 1, 1);
      return first >= start && next - 1 <= o.data.extractDate;
    });
  const row = (name: string) => set.defs.findIndex((d) => d.name === name);
  const rows = {
    local: row('occupancy.local'),
    assessment: row('assessment.occupied'),
    ooc: row('outOfCounty.children'),
    referrals: row('referrals'),
    stepDowns: row('stepDowns'),
    aged: row('ageLimit.left'),
  };
  const at = (m: Float64Array, r: number, k: number) => (r < 0 ? 0 : m[r * M + k]!);
  const simulated: Record<BacktestMeasure, (m: Float64Array, k: number) => number> = {
    ownProvision: (m, k) => at(m, rows.local, k) + at(m, rows.assessment, k),
    external: (m, k) => at(m, rows.ooc, k),
    entries: (m, k) => at(m, rows.referrals, k),
    endings: (m, k) => at(m, rows.stepDowns, k) + at(m, rows.aged, k),
  };
  const cohortOf = cohortAssigner(o.base, o.calibration);
  const actual = actualMonths(
    o.data,
    o.calibration,
    monthIdx.map((x) => x.label),
    (s) => cohortOf(s) >= 0,
  );
  const out: BacktestRow[] = [];
  const coverage = {} as BacktestResult['coverage'];
  const departures = {} as BacktestResult['departures'];
  for (const measure of BACKTEST_MEASURES) {
    let in50 = 0;
    let in90 = 0;
    let err = 0;
    const outside: boolean[] = [];
    monthIdx.forEach(({ label, k }, i) => {
      const xs = allMatrices(set.matrices)
        .map((m) => simulated[measure](m, k))
        .sort((a, b) => a - b);
      const q = (p: number) => quantileSorted(xs, p);
      const r: BacktestRow = {
        month: label,
        measure,
        actual: actual[measure][i]!,
        mean: xs.reduce((a, b) => a + b, 0) / xs.length,
        p5: q(0.05),
        p25: q(0.25),
        p50: q(0.5),
        p75: q(0.75),
        p95: q(0.95),
      };
      // Where the actual falls in the simulated distribution (mid-distribution PIT: ties count
      // half), so that whole-number counts, often equal to a band's end, are not counted inside
      // more often than a band's nominal share.
      let below = 0;
      let equal = 0;
      for (const x of xs) {
        if (x < r.actual) below++;
        else if (x === r.actual) equal++;
      }
      const pit = (below + equal / 2) / xs.length;
      if (pit >= 0.25 && pit <= 0.75) in50++;
      const inside90 = pit >= 0.05 && pit <= 0.95;
      if (inside90) in90++;
      outside.push(!inside90);
      err += r.actual - r.mean;
      out.push(r);
    });
    coverage[measure] = {
      months: monthIdx.length,
      in50,
      in90,
      meanError: monthIdx.length ? err / monthIdx.length : 0,
    };
    let from = outside.length;
    while (from > 0 && outside[from - 1]) from--;
    departures[measure] = outside.length - from >= 3 ? monthIdx[from]!.label : null;
  }
  return {
    calibrated,
    model: checked.model,
    rows: out,
    coverage,
    departures,
    replications: o.replications,
    seed: o.seed,
  };
}
