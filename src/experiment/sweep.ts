/**
 * Sweeps: vary numeric fields of a model (by path) over listed values or ranges, as a full
 * grid or a Latin hypercube, and run every point on the same replications with the same seed
 * (common random numbers), so that differences between points are differences between
 * options, not between random draws. Each point is summarised by its headline metrics with
 * 95% intervals; the options that no other option beats on both total cost and children out
 * of county (the Pareto front) are marked.
 */
import { reportsEachHome } from '../model/series.ts';
import { createStream } from '../random/streams.ts';
import { validateModelData } from '../scenario/load.ts';
import { getNumber, getValue, setNumber } from '../scenario/paths.ts';
import { ReplicationView } from './headline.ts';
import { prepare, streamsOf, uncertainOf, type PreparedModel } from './prepared.ts';
import type { UncertainRecord } from '../scenario/beliefs.ts';
import { RunSeries, type ReplicationSet, type SeriesOptions } from './runner.ts';
import { headlineTables, type MetricSummary, type Row } from './tables.ts';
import { allMatrices } from './matrices.ts';

export interface SweepAxis {
  path: string;
  /** Listed values (grid), or the range [min, max] sampled by a Latin hypercube. */
  values: number[];
  /** Whole numbers only (counts such as beds): Latin-hypercube values are rounded. */
  integer: boolean;
  /** Plain-English name of the field, for charts (fieldLabel); the path when not given. */
  label?: string;
}

/**
 * Parse `path=1,2,3` (listed values) or `path=lo:hi` or `path=lo:hi:step` (a range).
 * @throws Error with the expected form
 */
export function parseAxis(spec: string): SweepAxis {
  const m = /^([^=]+)=(.+)$/.exec(spec.trim());
  if (!m)
    throw new Error(
      `"${spec}": expected path=values, e.g. art.capacity.1.children=8,12,16 or homes.csHome2.beds=2:4`,
    );
  const path = m[1]!.trim();
  const body = m[2]!.trim();
  let values: number[];
  const range = /^(-?[\d.]+):(-?[\d.]+)(?::([\d.]+))?$/.exec(body);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    const stepText = range[3];
    if (!(hi >= lo)) throw new Error(`"${spec}": the range must run from low to high`);
    if (stepText === undefined) values = [lo, hi];
    else {
      const step = Number(stepText);
      if (!(step > 0)) throw new Error(`"${spec}": the step must be above 0`);
      values = [];
      for (let x = lo; x <= hi + step * 1e-9; x += step) values.push(Math.round(x * 1e9) / 1e9);
    }
  } else {
    values = body.split(',').map((v) => Number(v.trim()));
    if (values.some((v) => !Number.isFinite(v)))
      throw new Error(`"${spec}": values must be numbers separated by commas`);
  }
  return { path, values, integer: values.every((v) => Number.isInteger(v)) };
}

/** Every combination of the axes' values (the full factorial grid). */
export function gridPoints(axes: readonly SweepAxis[]): number[][] {
  return axes.reduce<number[][]>(
    (points, axis) => points.flatMap((p) => axis.values.map((v) => [...p, v])),
    [[]],
  );
}

/**
 * A Latin hypercube of n points over each axis's [min, max] (McKay, Beckman and Conover 1979):
 * each axis's range is cut into n equal strata, each stratum used once, in a random order
 * drawn from a stream keyed by the seed and the axis path (so the design is reproducible).
 */
export function latinHypercube(axes: readonly SweepAxis[], n: number, seed: number): number[][] {
  const points = Array.from({ length: n }, () => [] as number[]);
  for (const axis of axes) {
    const lo = Math.min(...axis.values);
    const hi = Math.max(...axis.values);
    const r = createStream(seed, 0, `sweep/lhs/${axis.path}`);
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(r.next() * (i + 1));
      [strata[i], strata[j]] = [strata[j]!, strata[i]!];
    }
    strata.forEach((s, i) => {
      const x = lo + ((s + r.next()) / n) * (hi - lo);
      points[i]!.push(axis.integer ? Math.round(x) : x);
    });
  }
  return points;
}

/** Indices of the points that no other point beats on both measures (lower is better on both). */
export function paretoFront(a: readonly number[], b: readonly number[]): Set<number> {
  const front = new Set<number>();
  for (let i = 0; i < a.length; i++) {
    let dominated = false;
    for (let j = 0; j < a.length && !dominated; j++)
      dominated = j !== i && a[j]! <= a[i]! && b[j]! <= b[i]! && (a[j]! < a[i]! || b[j]! < b[i]!);
    if (!dominated) front.add(i);
  }
  return front;
}

export interface SweepPoint {
  index: number;
  values: number[];
  summary: Record<string, MetricSummary>;
  /**
   * Each headline metric's value in each replication, in replication order: every point runs the
   * same replications on the same random numbers, so two points compare replication by replication.
   */
  perReplication: Record<string, Float64Array>;
  pareto: boolean;
  /** Chance (share of replications) of at least one placement out of county for want of a bed, by financial year. */
  overflowChance: Record<string, number>;
  /**
   * Why placements went out of county for want of a suitable local bed, by financial year: each
   * reason's placements as a share of all placements that year (ratios of totals over the
   * replications, like the overflow share `overflowShare.<fy>`, which they add up to).
   */
  overflowReasons: Record<string, OverflowReasons>;
}

/** The overflow share of a financial year, split by reason (shares of all placements that year). */
export interface OverflowReasons {
  /** Every suitable local bed was full (overflow.allFull). */
  allFull: number;
  /**
   * No suitable local home was open for the child (overflow.noEligibleBed): none for the need,
   * none open yet, or only the one where the placement broke down.
   */
  noSuitableHome: number;
  /**
   * Of `noSuitableHome`: children of a cohort for which no local home was open at any time that
   * year in their replication (no home is registered for it, or none of its homes had opened or
   * was still admitting), by cohort. More beds in the homes there are cannot reach these children.
   */
  noHomeForCohort: CohortOverflow[];
}

export interface CohortOverflow {
  cohort: string;
  label: string;
  /** Whether any local home of the model is ever registered for the cohort. */
  hasHome: boolean;
  /** Its placements out of county that year for want of an open home, as a share of all placements that year. */
  share: number;
}

/**
 * Each financial year's overflow split by reason, over a set of replications (see OverflowReasons).
 * A cohort's home counts as open in a year if it admitted children on any day of it (the home's
 * `open.home.<id>` level), whatever the registration in force that day: so the split errs towards
 * the overflow more beds could reach.
 */
export function overflowReasons(
  set: ReplicationSet,
  views: readonly ReplicationView[],
): Record<string, OverflowReasons> {
  const s = set.prepared.scenario;
  const cohorts = s.cohorts.filter((c) => c.sold === null);
  const homesOf = cohorts.map((c) =>
    s.homes.filter((h) => h.registrations.some((r) => r.accepts[c.index] === 1)),
  );
  const eachHome = reportsEachHome(s);
  const out: Record<string, OverflowReasons> = {};
  set.calendar.fyLabels.forEach((fy, y) => {
    let placed = 0;
    let full = 0;
    let none = 0;
    const unhomed = new Float64Array(cohorts.length);
    for (const v of views) {
      placed += v.year('placements.local', y) + v.year('placements.outOfCounty', y);
      full += v.year('overflow.allFull', y);
      none += v.year('overflow.noEligibleBed', y);
      cohorts.forEach((c, k) => {
        // A model of more homes than are reported each (model/series.ts): some home admitting.
        const open = eachHome
          ? homesOf[k]!.some((h) => v.year(`open.home.${h.id}`, y) > 0)
          : homesOf[k]!.length > 0 && v.year('homes.anyOpen', y) > 0;
        if (!open) unhomed[k] = unhomed[k]! + v.year(`overflow.${c.id}`, y);
      });
    }
    const share = (x: number) => (placed === 0 ? 0 : x / placed);
    out[fy] = {
      allFull: share(full),
      noSuitableHome: share(none),
      noHomeForCohort: cohorts.flatMap((c, k) =>
        unhomed[k]! > 0
          ? [{ cohort: c.id, label: c.label, hasHome: homesOf[k]!.length > 0, share: share(unhomed[k]!) }]
          : [],
      ),
    };
  });
  return out;
}

export interface SweepOptions extends SeriesOptions {
  /** The model as written (after extends), whose fields the axes change. */
  raw: unknown;
  axes: SweepAxis[];
  design: 'grid' | 'lhs';
  /** Points of a Latin hypercube. */
  points?: number;
}

/** The headline metrics a sweep's table reports for every point. */
export const SWEEP_METRICS = [
  'cost.total',
  'capital',
  'outOfCounty.children',
  'placements.outOfCounty',
  'overflowShare',
  'occupancy.local',
  'occupancyRate',
  'breakdowns',
  'art.meanWaitDays',
] as const;

/**
 * Run a sweep. Every point is validated before any simulation starts.
 * @throws Error listing the points whose model is invalid, or a path that does not exist
 */
export interface SweepResult {
  points: SweepPoint[];
  /** The random streams a replication of the model uses (every point's are the same by name). */
  streams: string[];
  /** The parameters drawn from beliefs at every point (a swept number is held at its point's value). */
  uncertain: UncertainRecord[];
}

/**
 * A swept number is held at each point's value: any belief about it is set aside there (its
 * draw would replace the value), while every other uncertain number is drawn as usual.
 */
function pinned(raw: unknown, path: string): unknown {
  const v = getValue(raw, path);
  if (v !== null && typeof v === 'object' && 'value' in v) (v as Record<string, unknown>).uncertain = false;
  return raw;
}

export async function runSweep(o: SweepOptions): Promise<SweepResult> {
  // A range with whole-number ends is a whole-number field only if the model's value is whole.
  const axes = o.axes.map((a) => ({
    ...a,
    integer: a.integer && Number.isInteger(getNumber(o.raw, a.path)),
  }));
  const designs = o.design === 'grid' ? gridPoints(axes) : latinHypercube(axes, o.points ?? 50, o.seed);
  const models: PreparedModel[] = designs.map((values, i) => {
    let raw = o.raw;
    o.axes.forEach((a, k) => (raw = pinned(setNumber(raw, a.path, values[k]!), a.path)));
    const checked = validateModelData(raw);
    if (!checked.ok)
      throw new Error(
        `point ${i} (${o.axes.map((a, k) => `${a.path}=${values[k]}`).join(', ')}) is not a valid model: ${checked.errors.join('; ')}`,
      );
    return prepare(checked.model, o.years);
  });
  const reps = Array.from({ length: o.replications }, (_, r) => r);
  // One pool for every point, if the sweep is long enough to need one.
  const series = new RunSeries(o.workers, models.length);
  const results: SweepPoint[] = [];
  try {
    for (const [i, model] of models.entries()) {
      if (o.signal?.aborted) throw new Error('sweep interrupted');
      const set = await series.run({ model, seed: o.seed, reps, ...(o.signal ? { signal: o.signal } : {}) });
      const views = allMatrices(set.matrices).map((m) => new ReplicationView(m, set.defs, set.calendar));
      const overflowChance: Record<string, number> = {};
      set.calendar.fyLabels.forEach((fy, y) => {
        const any = views.filter((v) => v.year('overflow.allFull', y) > 0).length;
        overflowChance[fy] = any / set.matrices.count;
      });
      const tables = headlineTables(set);
      results.push({
        index: i,
        values: designs[i]!,
        summary: tables.summary,
        perReplication: Object.fromEntries(
          tables.heads.map((h, k) => [h.key, Float64Array.from(tables.perRep, (r) => r[k]!)]),
        ),
        pareto: false,
        overflowChance,
        overflowReasons: overflowReasons(set, views),
      });
      o.onProgress?.(i + 1, models.length);
    }
  } finally {
    await series.close();
  }
  const front = paretoFront(
    results.map((p) => p.summary['cost.total']!.mean),
    results.map((p) => p.summary['outOfCounty.children']!.mean),
  );
  for (const p of results) p.pareto = front.has(p.index);
  return { points: results, streams: streamsOf(models[0]!), uncertain: uncertainOf(models[0]!) };
}

/** One row per point: the axis values, then each metric's mean, 95% interval of the mean and 5th and 95th percentiles, then the Pareto mark (sweep.csv). */
export function sweepRows(axes: readonly SweepAxis[], points: readonly SweepPoint[]): Row[] {
  const header = [
    'point',
    ...axes.map((a) => a.path),
    // The simulation error of each mean (ciLow, ciHigh) and the range of outcomes (p5, p95).
    ...SWEEP_METRICS.flatMap((m) => [`${m}.mean`, `${m}.ciLow`, `${m}.ciHigh`, `${m}.p5`, `${m}.p95`]),
    'pareto',
  ];
  return [
    header,
    ...points.map((p) => [
      p.index,
      ...p.values,
      ...SWEEP_METRICS.flatMap((m) => {
        const s = p.summary[m];
        return s ? [s.mean, s.ciLow, s.ciHigh, s.p5, s.p95] : [null, null, null, null, null];
      }),
      p.pareto ? 1 : 0,
    ]),
  ];
}

/** Fields a sweep leaves as they are while a varied field changes, though they may scale with it. */
export interface HeldFixed {
  /** The varied field. */
  axis: string;
  /** The fields held at their model values, with those values. */
  fields: { path: string; value: number }[];
}

/** The cost fields of a home or of the assessment unit that do not scale with its beds. */
const FIXED_WITH_BEDS: Record<string, readonly string[]> = {
  home: ['costs.fixedPerYear', 'costs.capital', 'costs.grant', 'costs.retainedValue'],
  assessment: ['capital', 'retainedValue'],
};

/**
 * What a sweep holds fixed that a reader might expect to move with a varied field: a home's
 * running cost a year, capital, grant and retained value when its beds vary (and the assessment
 * unit's capital, retained value and, costed as a whole unit, weekly cost), so that the answer
 * can say that extra beds come with no extra running cost or capital unless those vary too.
 */
export function heldFixed(raw: unknown, axes: readonly SweepAxis[]): HeldFixed[] {
  const out: HeldFixed[] = [];
  for (const a of axes) {
    const home = /^(homes\.[^.]+)\.beds$/.exec(a.path)?.[1];
    const prefix = home ?? (a.path === 'assessment.beds' ? 'assessment' : null);
    if (prefix === null) continue;
    const paths = (home ? FIXED_WITH_BEDS.home! : FIXED_WITH_BEDS.assessment!).map((f) => `${prefix}.${f}`);
    if (!home && hasValue(raw, 'assessment.costBasis', 'wholeUnit')) paths.unshift('assessment.weeklyCost');
    const fields = paths.flatMap((path) => {
      try {
        return [{ path, value: getNumber(raw, path) }];
      } catch {
        return []; // not in this model
      }
    });
    if (fields.length > 0) out.push({ axis: a.path, fields });
  }
  return out;
}

/** Whether the model as written has `value` at `path`. */
function hasValue(raw: unknown, path: string, value: unknown): boolean {
  try {
    return getValue(raw, path) === value;
  } catch {
    return false;
  }
}
