/**
 * The charts of a run, as vega-lite specs built by pure functions from the results tables
 * (the rows of periods.csv and years.csv), so that `caresim report` can redraw them from a
 * results folder without simulating again.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, HEIGHT, MAIN, PALETTE, sourceLine, WIDTH, type Source } from './style.ts';
import { formatMoney, MONEY_LABEL } from './money.ts';
import { count, financialYearOfMonth, fractionWords, inSentence, mean, monthYear } from './findings.ts';
import { fitTitle, wrapText } from './text.ts';

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

/** A chart with its source line beneath it; its title and subtitle wrapped whole at the chart's width. */
export function withSource(spec: Record<string, unknown>, source: Source): TopLevelSpec {
  const { title, ...rest } = spec;
  const fitted =
    typeof title === 'string' || Array.isArray(title)
      ? fitTitle({ text: title as string | string[] }).text
      : title !== null && typeof title === 'object' && 'text' in title
        ? fitTitle(title as { text: string | string[]; subtitle?: string | string[] })
        : title;
  // As wide as the chart above it, so that a legend to its right stays beside it; the line
  // wraps within that width rather than widening the chart past an A4 page.
  const width = typeof rest.width === 'number' ? Math.max(rest.width, 400) : WIDTH;
  const lines = wrapText(sourceLine(source), width, 10);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: fitted as TopLevelSpec['title'],
    config: CONFIG,
    vconcat: [
      rest,
      {
        width,
        height: 12 * lines.length,
        data: { values: [{ s: lines.length === 1 ? lines[0] : lines }] },
        mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 10, lineHeight: 12, color: '#555' },
        encoding: { text: { field: 's' }, x: { value: 0 }, y: { value: 0 } },
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

/**
 * What hovering over a month of a fan chart shows (the app draws charts live): the month and its
 * five percentiles in words, highest first as the bands stack.
 */
const FAN_TOOLTIP = [
  { field: 'date', type: 'temporal', title: 'Month', format: '%B %Y' },
  ...(
    [
      ['p95', 'High (95th percentile)'],
      ['p75', 'Upper quartile (75th)'],
      ['p50', 'Middle (median)'],
      ['p25', 'Lower quartile (25th)'],
      ['p5', 'Low (5th percentile)'],
    ] as const
  ).map(([field, title]) => ({ field, type: 'quantitative', title, format: ',.1~f' })),
];

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
      encoding: {
        x: MONTH_AXIS,
        y: { field: 'p5', type: 'quantitative' },
        y2: { field: 'p95' },
        tooltip: FAN_TOOLTIP,
      },
    },
    {
      data: { values },
      mark: { type: 'area', color, opacity: 0.4 },
      encoding: {
        x: MONTH_AXIS,
        y: { field: 'p25', type: 'quantitative' },
        y2: { field: 'p75' },
        tooltip: FAN_TOOLTIP,
      },
    },
    {
      data: { values },
      mark: { type: 'line', color, strokeWidth: 2 },
      encoding: { x: MONTH_AXIS, y: { field: 'p50', type: 'quantitative' }, tooltip: FAN_TOOLTIP },
    },
  ];
}

const series = (rows: readonly StatRow[], name: string) => rows.filter((r) => r.series === name);

/** Counts of children, beds or placements: whole-number ticks (never 0.000000). */
const COUNT_AXIS = { tickMinStep: 1, format: 'd' } as const;

const median = (rows: readonly StatRow[]) => rows.map((r) => r.p50);
const lastN = <T>(xs: readonly T[], n: number) => xs.slice(Math.max(0, xs.length - n));
const calendarYear = (month: string) => month.slice(0, 4);

/**
 * The finding of the local-occupancy chart: how full the local homes are in the last year.
 * Null when no local bed is open then.
 */
export function occupancyFinding(occupancy: readonly StatRow[], beds: readonly StatRow[]): string | null {
  const lastOcc = lastN(occupancy, 12);
  const lastBeds = lastN(beds, 12);
  const open = mean(median(lastBeds));
  if (lastOcc.length === 0 || !(open > 0)) return null;
  const children = mean(median(lastOcc));
  const fy = financialYearOfMonth(lastOcc[lastOcc.length - 1]!.period);
  return `In ${fy} the local homes are ${Math.round((100 * children) / open)}% full: ${count(children)} children in ${count(open)} beds (median)`;
}

/**
 * The finding of the out-of-county chart: how far the number falls as the local homes open and
 * where it ends, or, with no opening, how it moves over the horizon.
 */
export function outOfCountyFinding(ooc: readonly StatRow[], beds: readonly StatRow[]): string | null {
  const n = ooc.length;
  if (n < 2) return null;
  const y = median(ooc);
  const end = mean(lastN(y, 3));
  const endYear = calendarYear(ooc[n - 1]!.period);
  const bedsAt = new Map(beds.map((r) => [r.period, r.p50]));
  const b = ooc.map((r) => bedsAt.get(r.period) ?? 0);
  const most = Math.max(0, ...b);
  const firstOpen = b.findIndex((x) => x > 0);
  if (most > 0 && firstOpen > 0) {
    const allOpen = b.findIndex((x) => x >= most);
    // The peak from a year before the first opening until all are open, then the low after it.
    let peak = Math.max(0, firstOpen - 12);
    for (let i = peak; i <= allOpen; i++) if (y[i]! > y[peak]!) peak = i;
    let low = peak;
    for (let i = peak; i <= Math.min(n - 1, allOpen + 24); i++) if (y[i]! < y[low]!) low = i;
    const fall = 1 - y[low]! / y[peak]!;
    if (fall >= 0.05) {
      const then =
        end > y[low]! * 1.1
          ? `, then rise again to ${count(end)} by ${endYear}`
          : `; ${count(end)} by ${endYear}`;
      return `Children out of county fall by ${fractionWords(fall)} as the local homes open (${count(y[peak]!)} to ${count(y[low]!)})${then}`;
    }
  }
  const start = mean(y.slice(0, 3));
  const change = end / start - 1;
  if (Math.abs(change) < 0.05)
    return `Children out of county stay at about ${count(end)} from ${calendarYear(ooc[0]!.period)} to ${endYear}`;
  return `Children out of county ${change > 0 ? 'rise' : 'fall'} from ${count(start)} to ${count(end)} by ${endYear}`;
}

/** The finding of the cost chart: the total's change over the horizon and its largest part. */
export function costFinding(years: readonly StatRow[]): string | null {
  const totals = series(years, 'cost.total');
  if (totals.length < 2) return null;
  const [first, last] = [totals[0]!, totals[totals.length - 1]!];
  const verb = last.mean >= first.mean ? 'rises' : 'falls';
  const parts = years.filter(
    (r) =>
      r.period === last.period &&
      r.series.startsWith('cost.') &&
      !['cost.total', 'cost.soldIncome'].includes(r.series),
  );
  const largest = parts.reduce<StatRow | null>((a, r) => (a === null || r.mean > a.mean ? r : a), null);
  const share =
    largest && last.mean > 0
      ? `, ${fractionWords(largest.mean / last.mean)} of it ${inSentence(largest.label)}`
      : '';
  return `Revenue cost ${verb} from ${formatMoney(first.mean)} in ${first.period} to ${formatMoney(last.mean)} in ${last.period}${share}`;
}

/** The finding of the overflow chart: placements overflowing in the first and last years, and why. */
export function overflowFinding(years: readonly StatRow[]): string | null {
  const byNeed = years.filter((r) => NEED_OVERFLOW.test(r.series));
  const periods = [...new Set(byNeed.map((r) => r.period))];
  if (periods.length < 2) return null;
  const total = (p: string) => byNeed.filter((r) => r.period === p).reduce((a, r) => a + r.mean, 0);
  const [p0, p1] = [periods[0]!, periods[periods.length - 1]!];
  const [t0, t1] = [total(p0), total(p1)];
  const full = years.find((r) => r.series === 'overflow.allFull' && r.period === p1)?.mean;
  const why =
    full === undefined
      ? ''
      : full < 0.5
        ? '; all because no suitable local home is open'
        : `; ${count(full)} of them because the suitable local beds are full`;
  const change =
    Math.abs(t1 / t0 - 1) < 0.05
      ? `stay at about ${count(t1)} a year to ${p1}`
      : `${t1 > t0 ? 'rise' : 'fall'} from ${count(t0)} a year in ${p0} to ${count(t1)} in ${p1}`;
  return `Placements out of county for want of a local bed ${change}${why}`;
}

/** Overflow by need (not the two by reason). */
const NEED_OVERFLOW = /^overflow\.(?!noEligibleBed$|allFull$)/;

/** The finding of the ART chart: whether the team is full and how many wait at the end. */
export function artFinding(
  caseload: readonly StatRow[],
  waiting: readonly StatRow[],
  capacity: readonly StatRow[],
): string | null {
  const capAt = new Map(capacity.map((r) => [r.period, r.p50]));
  const start = caseload.findIndex((r) => (capAt.get(r.period) ?? 0) > 0);
  if (start < 0) return null;
  // After the start-up months, in months with a team.
  const after = caseload.slice(start + 6).filter((r) => (capAt.get(r.period) ?? 0) > 0);
  if (after.length === 0) return null;
  const fullShare = after.filter((r) => r.p50 >= capAt.get(r.period)! - 0.5).length / after.length;
  const last = lastN(after, 12);
  const lastMonth = last[last.length - 1]!.period;
  const cap = capAt.get(lastMonth)!;
  const waitAt = new Map(waiting.map((r) => [r.period, r.p50]));
  const wait = mean(last.map((r) => waitAt.get(r.period) ?? 0));
  const load = mean(median(last));
  const year = calendarYear(lastMonth);
  if (fullShare >= 0.8 && wait >= 1)
    return `The ART is full from its start: by ${year} about ${count(wait)} children wait for its ${count(cap)} places`;
  if (wait < 1)
    return `The ART has room: by ${year} it supports ${count(load)} children in ${count(cap)} places and almost no one waits`;
  return `By ${year} the ART supports ${count(load)} children in ${count(cap)} places, and ${count(wait)} wait`;
}

/**
 * Why the waiting list jumps when the team starts: every child already placed is referred to it
 * on its first day (a model choice), and those not taken on lapse after the longest wait. The
 * note names the month and, when the lapses show, how many and when. Null when there is no jump.
 */
export function artStartNote(
  waiting: readonly StatRow[],
  capacity: readonly StatRow[],
  lapses: readonly StatRow[],
): { month: string; peak: number; lines: string[] } | null {
  const start = capacity.findIndex((r) => r.p50 > 0);
  if (start < 0) return null;
  const month = capacity[start]!.period;
  const w = median(waiting.filter((r) => r.period >= month));
  const peak = Math.max(...w.slice(0, 4));
  const later = w.length > 12 ? mean(w.slice(6, 18)) : NaN;
  if (!(peak > 2 && (Number.isNaN(later) || peak > 1.5 * later))) return null;
  const early = lapses.filter((r) => r.period >= month).slice(0, 6);
  const most = early.reduce<StatRow | null>((a, r) => (a === null || r.mean > a.mean ? r : a), null);
  const lines = [
    `${monthYear(month)}: the team starts, and every child`,
    'already placed is referred to it that day',
  ];
  if (most && most.mean >= 1)
    lines.push(`(about ${count(most.mean)} of the referrals lapse, unmet,`, `in ${monthYear(most.period)})`);
  return { month, peak, lines };
}

/**
 * The charts of one run, each titled with its finding, computed from the tables.
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
  const bedRows = series(periods, 'beds.open');
  const beds = bedRows.map((r) => ({ date: monthDate(r.period), beds: r.p50 }));
  const occTitle = 'Children in local homes against local beds open';
  const lastBeds = beds[beds.length - 1];
  charts.push({
    name: 'local-occupancy',
    title: occTitle,
    spec: withSource(
      {
        title: {
          text: occupancyFinding(occ, bedRows) ?? occTitle,
          subtitle: `${occTitle}: median with 50% and 90% bands across ${reps}; dashed line: beds open (median).`,
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
          ...(lastBeds && lastBeds.beds > 0
            ? [
                {
                  // Named at its right end, above the line.
                  data: { values: [lastBeds] },
                  mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -4, fontSize: 11 },
                  encoding: {
                    x: { field: 'date', type: 'temporal' },
                    y: { field: 'beds', type: 'quantitative' },
                    text: { value: 'Beds open' },
                  },
                },
              ]
            : []),
        ],
      },
      source,
    ),
  });

  // 2. Children out of county.
  const ooc = series(periods, 'outOfCounty.children');
  const oocTitle = 'Children placed out of county';
  charts.push({
    name: 'out-of-county',
    title: oocTitle,
    spec: withSource(
      {
        title: {
          text: outOfCountyFinding(ooc, bedRows) ?? oocTitle,
          subtitle: `${oocTitle}: median with 50% and 90% bands across ${reps}.`,
        },
        width: WIDTH,
        height: HEIGHT,
        layer: fan(ooc, PALETTE[3]).map((l, i) =>
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
      costText: formatMoney(r.series === 'cost.soldIncome' ? -r.mean : r.mean),
    }));
  const totals = series(years, 'cost.total').map((r) => ({
    year: r.period,
    mean: r.mean,
    low: r.ciLow ?? r.mean,
    high: r.ciHigh ?? r.mean,
    total:
      r.ciLow === null || r.ciHigh === null
        ? formatMoney(r.mean)
        : `${formatMoney(r.mean)} (95% interval of the mean ${formatMoney(r.ciLow)} to ${formatMoney(r.ciHigh)})`,
  }));
  const totalTooltip = [
    { field: 'year', title: 'Financial year' },
    { field: 'total', title: 'Total (mean)' },
  ];
  const yMoney = { type: 'quantitative', title: '£ per year', axis: { labelExpr: MONEY_LABEL } } as const;
  charts.push({
    name: 'cost-by-year',
    title: 'Revenue cost by financial year and category',
    spec: withSource(
      {
        title: {
          text: costFinding(years) ?? 'Revenue cost by financial year',
          subtitle: `Revenue cost by financial year: mean of ${reps} by category (income from places sold below zero); black: the total with the 95% interval of its mean.`,
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
              tooltip: [
                { field: 'year', title: 'Financial year' },
                { field: 'category', title: 'Category' },
                { field: 'costText', title: 'Cost (mean)' },
              ],
            },
          },
          {
            data: { values: totals },
            mark: { type: 'rule', color: '#000' },
            encoding: {
              x: { field: 'year', type: 'ordinal' },
              y: { field: 'low', type: 'quantitative' },
              y2: { field: 'high' },
              tooltip: totalTooltip,
            },
          },
          {
            data: { values: totals },
            mark: { type: 'tick', color: '#000', thickness: 2 },
            encoding: {
              x: { field: 'year', type: 'ordinal' },
              y: { field: 'mean', type: 'quantitative' },
              tooltip: totalTooltip,
            },
          },
        ],
      },
      source,
    ),
  });

  // 4. Overflow by need.
  const overflow = years
    .filter((r) => NEED_OVERFLOW.test(r.series))
    .map((r) => ({ year: r.period, need: r.label.replace(/^Overflow: /, ''), placements: r.mean }));
  const overflowTitle = 'Placements out of county for want of a suitable local bed';
  charts.push({
    name: 'overflow-by-need',
    title: `${overflowTitle}, by need`,
    spec: withSource(
      {
        title: {
          text: overflowFinding(years) ?? overflowTitle,
          subtitle: `${overflowTitle}, by need: mean of ${reps}.`,
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
          tooltip: [
            { field: 'year', title: 'Financial year' },
            { field: 'need', title: 'Need' },
            { field: 'placements', type: 'quantitative', title: 'Placements (mean)', format: ',.1~f' },
          ],
        },
      },
      source,
    ),
  });

  // 5. ART caseload and waiting list against its capacity.
  charts.push(artChart(periods, source));
  return charts;
}

/** The ART's three series, one legend: colour and line style for the same series. */
export const ART_SERIES = {
  domain: ['Caseload', 'Waiting list', 'Capacity'],
  colour: [MAIN, PALETTE[1], '#000'],
  dash: [
    [1, 0],
    [1, 0],
    [5, 5],
  ],
} as const;

function artChart(periods: readonly StatRow[], source: Source): ChartDefinition {
  const reps = `${source.replications} replications`;
  const caseload = series(periods, 'art.caseload');
  const waiting = series(periods, 'art.waiting');
  const capacity = series(periods, 'art.capacity');
  const rows = (rs: readonly StatRow[], what: string) =>
    rs.map((r) => ({ date: monthDate(r.period), what, p5: r.p5, p50: r.p50, p95: r.p95 }));
  const values = [
    ...rows(caseload, 'Caseload'),
    ...rows(waiting, 'Waiting list'),
    ...rows(capacity, 'Capacity'),
  ];
  const { domain } = ART_SERIES;
  const colour = {
    field: 'what',
    type: 'nominal',
    title: null,
    scale: { domain: [...domain], range: [...ART_SERIES.colour] },
    legend: { symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolSize: 400, columns: 3, orient: 'top' },
  } as const;
  const dash = {
    field: 'what',
    type: 'nominal',
    title: null,
    scale: { domain: [...domain], range: ART_SERIES.dash.map((d) => [...d]) },
  } as const;
  const capAt = new Map(capacity.map((r) => [r.period, r.p50]));
  const atCapacity = caseload.some((r) => r.p50 > 0 && r.p50 === capAt.get(r.period));
  const months = capacity.map((r) => r.period);
  const note = artStartNote(waiting, capacity, series(periods, 'art.lapses'));
  const lateStart = note !== null && months.indexOf(note.month) > 0.6 * months.length;
  const title = 'ART caseload and waiting list';
  return {
    name: 'art',
    title: `${title} against its capacity`,
    spec: withSource(
      {
        title: {
          text: artFinding(caseload, waiting, capacity) ?? title,
          subtitle: [
            `${title} against its capacity: median (line) with 90% band across ${reps}.`,
            ...(atCapacity
              ? ['Where the caseload is at capacity, its blue line shows between the black dashes.']
              : []),
          ],
        },
        width: WIDTH,
        height: HEIGHT,
        data: { values },
        layer: [
          // The bands in their series' colours, with no legend of their own (one legend: the lines').
          ...(['Caseload', 'Waiting list'] as const).map((what, i) => ({
            transform: [{ filter: { field: 'what', equal: what } }],
            mark: { type: 'area', opacity: 0.2, color: ART_SERIES.colour[i] },
            encoding: {
              x: MONTH_AXIS,
              y: { field: 'p5', type: 'quantitative' },
              y2: { field: 'p95' },
              tooltip: [{ field: 'what', title: 'Series' }, ...FAN_TOOLTIP],
            },
          })),
          {
            transform: [{ filter: "datum.what !== 'Capacity'" }],
            mark: { type: 'line', strokeWidth: 2.5, interpolate: 'step-after' },
            encoding: {
              x: MONTH_AXIS,
              y: { field: 'p50', type: 'quantitative', title: 'Children', axis: COUNT_AXIS },
              color: colour,
              strokeDash: dash,
            },
          },
          {
            // Capacity last, black and dashed over the caseload (which often sits at capacity).
            transform: [{ filter: "datum.what === 'Capacity'" }],
            mark: { type: 'line', strokeWidth: 2, interpolate: 'step-after' },
            encoding: {
              x: MONTH_AXIS,
              y: { field: 'p50', type: 'quantitative' },
              color: colour,
              strokeDash: dash,
            },
          },
          ...(note
            ? [
                {
                  // The start-up spike explained beside it: to its right, or to its left when
                  // the team starts late in the horizon.
                  data: { values: [{ date: monthDate(note.month), y: note.peak, text: note.lines }] },
                  mark: {
                    type: 'text',
                    align: lateStart ? 'right' : 'left',
                    baseline: 'top',
                    dx: lateStart ? -14 : 14,
                    fontSize: 11,
                    lineHeight: 13,
                    color: '#333',
                  },
                  encoding: {
                    x: { field: 'date', type: 'temporal' },
                    y: { field: 'y', type: 'quantitative' },
                    text: { field: 'text' },
                  },
                },
              ]
            : []),
        ],
      },
      source,
    ),
  };
}
