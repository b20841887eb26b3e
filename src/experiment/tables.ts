/**
 * The results of a run as tables: the summary of every headline metric, each series by month
 * and by financial year (mean, interval, percentiles across replications), and one row per
 * replication. Pure functions of the replication set: the same replications give the same
 * tables, byte for byte, whatever the worker count.
 */
import { summarise, summariseRatio, type Summary } from '../stats/summary.ts';
import {
  headlineDefinitions,
  headlineValues,
  ratioParts,
  ReplicationView,
  type HeadlineDefinition,
} from './headline.ts';
import { historyCheck, type HistoryRow } from './history.ts';
import type { ReplicationSet } from './runner.ts';
import { toFinancialYears } from './years.ts';

export interface MetricSummary extends Summary {
  label: string;
  unit: string;
  /** Set for a ratio, whose mean and interval are those of the ratio of totals (summariseRatio). */
  estimator?: 'ratioOfTotals';
}

/** A row of a table: the header row names the columns, the others hold text, numbers or blanks. */
export type Row = readonly (string | number | null)[];

/** The headline metrics of a run: what a sweep, a sensitivity analysis or sequential stopping needs. */
export interface HeadlineTables {
  heads: HeadlineDefinition[];
  /** Headline values, one row per replication (aligned with set.reps). */
  perRep: Float64Array[];
  summary: Record<string, MetricSummary>;
}

export interface RunTables extends HeadlineTables {
  /** Every series by month, then by financial year: mean, interval and percentiles (periods.csv, years.csv). */
  periods: Row[];
  years: Row[];
  /** The headline values of each replication (replications.csv). */
  replications: Row[];
  /** The documented figures beside the simulated ones (history.json; empty when the model gives none). */
  history: HistoryRow[];
}

/**
 * Cells summarised in one pass over the replications (32 MB of doubles): the values of a few
 * series in every month of every replication. More replications make more passes, not a bigger
 * block, so a run's memory does not grow with its replications when its matrices are on disk.
 */
const BLOCK_CELLS = 4 * 1024 * 1024;

/**
 * The headline metrics of a run, each replication's and their summaries, without the tables by
 * month and year: those cost most of a point's summarising, and a sweep or a sensitivity analysis
 * reads only these.
 */
export function headlineTables(set: ReplicationSet): HeadlineTables {
  const heads = headlineDefinitions(set.defs, set.calendar);
  const n = set.matrices.count;
  // Numerators and denominators of the ratio headlines, by headline then replication.
  const parts = new Map(
    heads.filter((h) => h.ratio).map((h) => [h.key, { num: new Float64Array(n), den: new Float64Array(n) }]),
  );
  const perRep = Array.from({ length: n }, (_, r) => {
    const view = new ReplicationView(set.matrices.at(r), set.defs, set.calendar);
    for (const [key, p] of parts) [p.num[r], p.den[r]] = ratioParts(view, key);
    return headlineValues(view, heads);
  });
  const summary: Record<string, MetricSummary> = {};
  heads.forEach((h, i) => {
    const p = parts.get(h.key);
    summary[h.key] = {
      label: h.label,
      unit: h.unit,
      ...(p ? summariseRatio(p.num, p.den) : summarise(perRep.map((r) => r[i]!))),
    };
  });
  return { heads, perRep, summary };
}

/**
 * Build every table of a run.
 * @param blockCells cells summarised in one pass (tests make it small, to make many passes)
 * @param headlines the run's headline tables, if already built
 */
export function buildTables(
  set: ReplicationSet,
  blockCells = BLOCK_CELLS,
  headlines: HeadlineTables = headlineTables(set),
): RunTables {
  const { heads, perRep } = headlines;
  const { periods, years } = seriesTables(set, blockCells);
  return {
    ...headlines,
    periods,
    years,
    replications: [
      ['replication', ...heads.map((h) => h.key)],
      ...perRep.map((r, i) => [set.reps[i]!, ...Array.from(r)]),
    ],
    history: historyCheck(set),
  };
}

const STAT_COLUMNS = ['mean', 'ciLow', 'ciHigh', 'p5', 'p25', 'p50', 'p75', 'p95'] as const;

/**
 * Every series by month and by financial year, summarised across the replications, a block of
 * series at a time: each replication's rows of the block are read (one contiguous run of its
 * matrix), their financial years worked out, and both laid out by period and replication, so that
 * each period's values across replications are contiguous for summarising.
 */
function seriesTables(set: ReplicationSet, blockCells: number): { periods: Row[]; years: Row[] } {
  const { defs, calendar: cal, months } = set;
  const reps = set.matrices.count;
  const nYears = cal.fyLabels.length;
  const periods: Row[] = [['series', 'label', 'unit', 'month', ...STAT_COLUMNS]];
  const years: Row[] = [['series', 'label', 'unit', 'year', ...STAT_COLUMNS]];
  const rowsPerBlock = Math.max(
    1,
    Math.min(defs.length, Math.floor(blockCells / (months * Math.max(1, reps)))),
  );
  // Replications are read TILE at a time and then laid out period by period, so that the layout
  // writes runs of TILE values rather than one value a cache line.
  const TILE = 32;
  const monthCells = rowsPerBlock * months;
  const yearCells = rowsPerBlock * nYears;
  const tileMonths = new Float64Array(TILE * monthCells);
  const tileYears = new Float64Array(TILE * yearCells);
  const byMonth = new Float64Array(monthCells * reps);
  const byYear = new Float64Array(yearCells * reps);
  const layOut = (
    tile: Float64Array,
    cells: number,
    width: number,
    into: Float64Array,
    i0: number,
    n: number,
  ) => {
    for (let j = 0; j < cells; j++)
      for (let t = 0; t < n; t++) into[j * reps + i0 + t] = tile[t * width + j]!;
  };
  for (let r0 = 0; r0 < defs.length; r0 += rowsPerBlock) {
    const r1 = Math.min(defs.length, r0 + rowsPerBlock);
    for (let i0 = 0; i0 < reps; i0 += TILE) {
      const n = Math.min(TILE, reps - i0);
      for (let t = 0; t < n; t++) {
        const rows = tileMonths.subarray(t * monthCells, t * monthCells + (r1 - r0) * months);
        set.matrices.read(i0 + t, r0 * months, r1 * months, rows);
        tileYears.set(toFinancialYears(rows, defs, cal, r0, r1), t * yearCells);
      }
      layOut(tileMonths, (r1 - r0) * months, monthCells, byMonth, i0, n);
      layOut(tileYears, (r1 - r0) * nYears, yearCells, byYear, i0, n);
    }
    const add = (out: Row[], values: Float64Array, labels: readonly string[]) => {
      for (let r = r0; r < r1; r++) {
        const d = defs[r]!;
        for (let k = 0; k < labels.length; k++) {
          const at = ((r - r0) * labels.length + k) * reps;
          const s = summarise(values.subarray(at, at + reps));
          out.push([d.name, d.label, d.unit, labels[k]!, ...STAT_COLUMNS.map((c) => s[c])]);
        }
      }
    };
    add(periods, byMonth, cal.monthLabels);
    add(years, byYear, cal.fyLabels);
  }
  return { periods, years };
}
