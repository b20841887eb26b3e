/**
 * The charts of a run, as vega-lite specs built by pure functions from the results tables
 * (the rows of periods.csv and years.csv), so that `caresim report` can redraw them from a
 * results folder without simulating again.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, HEIGHT, MAIN, PALETTE, sourceLine, WIDTH, type Source } from './style.ts';
import { MONEY_LABEL } from './money.ts';

/** The columns of a summary across replications: mean, its 95% interval, percentiles. */
export interface IntervalColumns {
  mean: number;
  ciLow: number | null;
  ciHigh: number | null;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/** One row of periods.csv or years.csv. */
export interface StatRow extends IntervalColumns {
  series: string;
  label: string;
  unit: string;
  period: string;
}

export interface ChartDefinition {
  /** File name stem: `charts/<name>.vl.json`, `.svg`, `.png`. */
  name: string;
  /** What the chart shows, for the report. */
  title: string;
  spec: TopLevelSpec;
}

/** A chart with its source line beneath it. */
export function withSource(spec: Record<string, unknown>, source: Source): TopLevelSpec {
  const { title, ...rest } = spec;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: title as TopLevelSpec['title'],
    config: CONFIG,
    vconcat: [
      rest,
      {
        width: WIDTH,
        height: 12,
        data: { values: [{ s: sourceLine(source) }] },
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 10, color: '#555' },
        encoding: { text: { field: 's' }, x: { value: 0 } },
      },
    ],
  } as unknown as TopLevelSpec;
}

const monthDate = (m: string) => `${m}-01`;
const MONTH_AXIS = {
  field: 'date',
  type: 'temporal',
  title: 'Year',
  axis: { format: '%Y', tickCount: 'year', labelAngle: 0 },
} as const;

/** A fan chart of one monthly series: median line with 50% and 90% bands. */
function fan(rows: StatRow[], color: string) {
  const values = rows.map((r) => ({
    date: monthDate(r.period),
    p5: r.p5,
    p25: r.p25,
    p50: r.p50,
    p75: r.p75,
    p95: r.p95,
  }));
  return [
    {
      data: { values },
      mark: { type: 'area', color, opacity: 0.2 },
      encoding: { x: MONTH_AXIS, y: { field: 'p5', type: 'quantitative' }, y2: { field: 'p95' } },
    },
    {
      data: { values },
      mark: { type: 'area', color, opacity: 0.4 },
      encoding: { x: MONTH_AXIS, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' } },
    },
    {
      data: { values },
      mark: { type: 'line', color, strokeWidth: 2 },
      encoding: { x: MONTH_AXIS, y: { field: 'p50', type: 'quantitative' } },
    },
  ];
}

const series = (rows: readonly StatRow[], name: string) => rows.filter((r) => r.series === name);

/** Counts of children, beds or placements: whole-number ticks (never 0.000000). */
const COUNT_AXIS = { tickMinStep: 1, format: 'd' } as const;

/**
 * The charts of one run.
 * @param periods rows of periods.csv; @param years rows of years.csv
 */
export function runCharts(
  periods: readonly StatRow[],
  years: readonly StatRow[],
  source: Source,
): ChartDefinition[] {
  const reps = `${source.replications} replications`;
  const charts: ChartDefinition[] = [];

  // 1. Local beds occupied against beds open.
  const occ = series(periods, 'occupancy.local');
  const beds = series(periods, 'beds.open').map((r) => ({ date: monthDate(r.period), beds: r.p50 }));
  charts.push({
    name: 'local-occupancy',
    title: 'Children in local homes against local beds open',
    spec: withSource(
      {
        title: {
          text: 'Children in local homes against local beds open',
          subtitle: `Median with 50% and 90% bands across ${reps}; dashed line: beds open (median)`,
        },
        width: WIDTH,
        height: HEIGHT,
        layer: [
          ...fan(occ, MAIN),
          {
            data: { values: beds },
            mark: {
              type: 'line',
              color: '#000',
              strokeDash: [5, 4],
              strokeWidth: 1.5,
              interpolate: 'step-after',
            },
            encoding: {
              x: MONTH_AXIS,
              y: { field: 'beds', type: 'quantitative', title: 'Children (or beds)', axis: COUNT_AXIS },
            },
          },
        ],
      },
      source,
    ),
  });

  // 2. Children out of county.
  charts.push({
    name: 'out-of-county',
    title: 'Children placed out of county',
    spec: withSource(
      {
        title: {
          text: 'Children placed out of county',
          subtitle: `Median with 50% and 90% bands across ${reps}`,
        },
        width: WIDTH,
        height: HEIGHT,
        layer: fan(series(periods, 'outOfCounty.children'), PALETTE[3]).map((l, i) =>
          i === 0
            ? {
                ...l,
                encoding: { ...l.encoding, y: { ...l.encoding.y, title: 'Children', axis: COUNT_AXIS } },
              }
            : l,
        ),
      },
      source,
    ),
  });

  // 3. Cost by financial year, by category, with the interval of the total.
  const categories = years.filter((r) => r.series.startsWith('cost.') && r.series !== 'cost.total');
  const nonZero = new Set(categories.filter((r) => r.mean !== 0).map((r) => r.series));
  const stack = categories
    .filter((r) => nonZero.has(r.series))
    .map((r) => ({
      year: r.period,
      category: r.label,
      cost: r.series === 'cost.soldIncome' ? -r.mean : r.mean,
    }));
  const totals = series(years, 'cost.total').map((r) => ({
    year: r.period,
    mean: r.mean,
    low: r.ciLow ?? r.mean,
    high: r.ciHigh ?? r.mean,
  }));
  const yMoney = { type: 'quantitative', title: '£ per year', axis: { labelExpr: MONEY_LABEL } } as const;
  charts.push({
    name: 'cost-by-year',
    title: 'Revenue cost by financial year and category',
    spec: withSource(
      {
        title: {
          text: 'Revenue cost by financial year',
          subtitle: `Mean of ${reps} by category (income from places sold below zero); black: total with its 95% interval`,
        },
        width: WIDTH,
        height: HEIGHT,
        layer: [
          {
            data: { values: stack },
            mark: { type: 'bar' },
            encoding: {
              x: { field: 'year', type: 'ordinal', title: 'Financial year', axis: { labelAngle: -45 } },
              y: { field: 'cost', aggregate: 'sum', ...yMoney },
              color: { field: 'category', type: 'nominal', title: null, scale: { range: [...PALETTE] } },
            },
          },
          {
            data: { values: totals },
            mark: { type: 'rule', color: '#000' },
            encoding: {
              x: { field: 'year', type: 'ordinal' },
              y: { field: 'low', type: 'quantitative' },
              y2: { field: 'high' },
            },
          },
          {
            data: { values: totals },
            mark: { type: 'tick', color: '#000', thickness: 2 },
            encoding: { x: { field: 'year', type: 'ordinal' }, y: { field: 'mean', type: 'quantitative' } },
          },
        ],
      },
      source,
    ),
  });

  // 4. Overflow by need.
  const overflow = years
    .filter((r) => /^overflow\.(?!noEligibleBed$|allFull$)/.test(r.series))
    .map((r) => ({ year: r.period, need: r.label.replace(/^Overflow: /, ''), placements: r.mean }));
  charts.push({
    name: 'overflow-by-need',
    title: 'Placements out of county for want of a suitable local bed, by need',
    spec: withSource(
      {
        title: {
          text: 'Placements out of county for want of a suitable local bed',
          subtitle: `By need; mean of ${reps}`,
        },
        width: WIDTH,
        height: HEIGHT,
        data: { values: overflow },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'year', type: 'ordinal', title: 'Financial year', axis: { labelAngle: -45 } },
          y: {
            field: 'placements',
            aggregate: 'sum',
            type: 'quantitative',
            title: 'Placements per year',
            axis: COUNT_AXIS,
          },
          color: { field: 'need', type: 'nominal', title: null, scale: { range: [...PALETTE] } },
        },
      },
      source,
    ),
  });

  // 5. ART caseload and waiting list.
  const art = (name: string, what: string) =>
    series(periods, name).map((r) => ({ date: monthDate(r.period), what, p5: r.p5, p50: r.p50, p95: r.p95 }));
  const artRows = [
    ...art('art.caseload', 'Caseload'),
    ...art('art.waiting', 'Waiting list'),
    ...art('art.capacity', 'Capacity'),
  ];
  const colours = { domain: ['Caseload', 'Waiting list', 'Capacity'], range: [MAIN, PALETTE[1], '#000'] };
  charts.push({
    name: 'art',
    title: 'ART caseload and waiting list',
    spec: withSource(
      {
        title: { text: 'ART caseload and waiting list', subtitle: `Median with 90% band across ${reps}` },
        width: WIDTH,
        height: HEIGHT,
        data: { values: artRows },
        layer: [
          {
            transform: [{ filter: "datum.what !== 'Capacity'" }],
            mark: { type: 'area', opacity: 0.25 },
            encoding: {
              x: MONTH_AXIS,
              y: { field: 'p5', type: 'quantitative' },
              y2: { field: 'p95' },
              color: { field: 'what', type: 'nominal', title: null, scale: colours },
            },
          },
          {
            // Capacity first, thin and dashed, so the caseload (often at capacity) shows on top.
            transform: [{ filter: "datum.what === 'Capacity'" }],
            mark: { type: 'line', strokeWidth: 1.5, strokeDash: [5, 4], interpolate: 'step-after' },
            encoding: {
              x: MONTH_AXIS,
              y: { field: 'p50', type: 'quantitative' },
              color: { field: 'what', type: 'nominal', title: null, scale: colours },
            },
          },
          {
            transform: [{ filter: "datum.what !== 'Capacity'" }],
            mark: { type: 'line', strokeWidth: 2.5, interpolate: 'step-after' },
            encoding: {
              x: MONTH_AXIS,
              y: { field: 'p50', type: 'quantitative', title: 'Children', axis: COUNT_AXIS },
              color: { field: 'what', type: 'nominal', title: null, scale: colours },
            },
          },
        ],
      },
      source,
    ),
  });
  return charts;
}
