/**
 * The charts of a sweep: a heat map of a metric over two varied fields, and the trade-off
 * between total cost and children out of county, with the options no other beats on both
 * (the Pareto front) marked. Each is titled with its finding, computed from the points.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SweepAxis, SweepPoint } from '../experiment/sweep.ts';
import { count, inSentence } from './findings.ts';
import { withSource, type ChartDefinition } from './runCharts.ts';
import { HEIGHT, MAIN, PALETTE, WIDTH, type Source } from './style.ts';
import { formatMoney, MONEY_LABEL } from './money.ts';

/** An axis's plain-English name, or its path. */
const nameOf = (a: SweepAxis) => a.label ?? a.path;
const label = (axes: readonly SweepAxis[], p: SweepPoint) =>
  axes.map((a, k) => `${nameOf(a)} ${round(p.values[k]!)}`).join(', ');
const round = (x: number) => (Number.isInteger(x) ? x : Math.round(x * 1000) / 1000);

/** The most front points numbered on the trade-off chart (each named in the subtitle). */
export const MAX_NUMBERED = 10;

/**
 * A scale domain holding every value with a margin on both sides (a tenth of the spread, or of
 * the value when all are equal), so that no point sits on an axis or is cut by it.
 */
export function paddedDomain(values: readonly number[], share = 0.1): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * share : Math.max(Math.abs(lo) * share, 1);
  return [lo - pad, hi + pad];
}

/**
 * The finding of the trade-off chart: along the front, what keeping fewer children out of county
 * costs (from the cheapest option on it to the one keeping fewest out).
 */
export function tradeoffFinding(points: readonly SweepPoint[]): string | null {
  const front = points
    .filter((p) => p.pareto)
    .map((p) => ({ cost: p.summary['cost.total']?.mean, children: p.summary['outOfCounty.children']?.mean }))
    .filter((p): p is { cost: number; children: number } => p.cost !== undefined && p.children !== undefined);
  if (front.length === 0) return null;
  if (front.length === 1)
    return 'One option is both the cheapest and keeps the fewest children out of county';
  const cheapest = front.reduce((a, p) => (p.cost < a.cost ? p : a));
  const fewest = front.reduce((a, p) => (p.children < a.children ? p : a));
  return `On the front, keeping ${count(cheapest.children - fewest.children)} fewer children out of county costs ${formatMoney(fewest.cost - cheapest.cost)} more in total`;
}

/** Trade-off of total cost against children out of county, front marked and numbered. */
export function tradeoffChart(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  source: Source,
): ChartDefinition {
  // The front from fewest children out of county, one entry for options that are the same
  // (a Latin hypercube can round two points to the same whole numbers).
  const seen = new Set<string>();
  const front = points
    .filter((p) => p.pareto)
    .sort((a, b) => a.summary['outOfCounty.children']!.mean - b.summary['outOfCounty.children']!.mean)
    .filter((p) => {
      const key = label(axes, p);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  // Numbered in that order; every k-th when there are many.
  const every = Math.ceil(front.length / MAX_NUMBERED);
  const numbered = new Map(
    front.filter((_, i) => i % every === 0).map((p, i) => [p.index, { n: i + 1, side: i % 2 }]),
  );
  const values = points.map((p) => ({
    option: label(axes, p),
    cost: p.summary['cost.total']!.mean,
    children: p.summary['outOfCounty.children']!.mean,
    front: p.pareto
      ? 'On the front: no option is cheaper and keeps fewer children out of county'
      : 'Beaten on both by another option',
    number: numbered.get(p.index)?.n ?? null,
    side: numbered.get(p.index)?.side ?? null,
  }));
  const key = front
    .filter((p) => numbered.has(p.index))
    .map((p) => `${numbered.get(p.index)!.n}: ${label(axes, p)}`);
  const x = {
    field: 'children',
    type: 'quantitative',
    title: 'Children out of county (average)',
    scale: { domain: paddedDomain(values.map((v) => v.children)), nice: false, zero: false },
    // Options often differ by tenths of a child: few, non-overlapping ticks.
    axis: { tickCount: 6, labelOverlap: 'greedy' },
  } as const;
  const y = {
    field: 'cost',
    type: 'quantitative',
    // The headline's own label names the years it covers (the model's window).
    title: `£: ${points[0]?.summary['cost.total']?.label ?? 'total revenue cost'}`,
    scale: { domain: paddedDomain(values.map((v) => v.cost)), nice: false, zero: false },
    axis: { labelExpr: MONEY_LABEL, tickCount: 6 },
  } as const;
  const what = 'Cost against children placed out of county, each option';
  // A number beside its point, above right and below left by turns, so that neighbours on the
  // front (which runs from top left to bottom right) keep apart.
  const numberLayer = (side: number) => ({
    transform: [{ filter: `datum.side === ${side}` }],
    mark: {
      type: 'text',
      fontSize: 12,
      fontWeight: 'bold',
      color: '#222',
      ...(side === 0
        ? { align: 'left', baseline: 'bottom', dx: 5, dy: -3 }
        : { align: 'right', baseline: 'top', dx: -5, dy: 3 }),
    },
    encoding: {
      x: { field: 'children', type: 'quantitative' },
      y: { field: 'cost', type: 'quantitative' },
      text: { field: 'number' },
    },
  });
  const spec = withSource(
    {
      title: {
        text: tradeoffFinding(points) ?? what,
        subtitle: [
          `${what}: ${points.length} options (${axes.map(nameOf).join(' x ')}), mean of ${source.replications} replications each, on common random numbers.`,
          ...(key.length > 0
            ? [
                every > 1
                  ? `Numbered, every ${every === 2 ? 'second' : `${every}th`} option on the front:`
                  : 'Numbered, the options on the front:',
                ...key,
              ]
            : []),
        ],
      },
      width: WIDTH,
      height: HEIGHT,
      data: { values },
      layer: [
        {
          transform: [{ filter: "indexof(datum.front, 'On the front') === 0" }],
          mark: { type: 'line', color: MAIN, strokeDash: [4, 3] },
          encoding: {
            x: { field: 'children', type: 'quantitative' },
            y: { field: 'cost', type: 'quantitative' },
            order: { field: 'children' },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 70, opacity: 0.9 },
          encoding: {
            x,
            y,
            color: {
              field: 'front',
              type: 'nominal',
              title: null,
              scale: { range: [PALETTE[1], MAIN] },
              legend: { columns: 1 },
            },
            tooltip: [{ field: 'option' }],
          },
        },
        numberLayer(0),
        numberLayer(1),
      ],
    },
    source,
  );
  return { name: 'tradeoff', title: what, spec: spec as TopLevelSpec };
}

/**
 * Where on the heat map's colour scale (as a share of its domain, from the light end) a cell is
 * dark enough for white text: in vega's "blues" scheme white has a contrast of 4.5 or more (WCAG
 * AA) from about 0.73 of the way along, black up to about 0.745; each side of 0.74 one of them does.
 */
export const HEATMAP_DARK_FROM = 0.74;

/**
 * The finding of a heat map: the best cell (lowest cost, fewest children) and where it is, with
 * the worst for scale.
 */
export function heatmapFinding(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  metric: string,
  metricLabel: string,
  unit: string,
): string | null {
  const withValue = points.filter((p) => p.summary[metric] !== undefined);
  if (withValue.length < 2) return null;
  const v = (p: SweepPoint) => p.summary[metric]!.mean;
  const best = withValue.reduce((a, p) => (v(p) < v(a) ? p : a));
  const worst = withValue.reduce((a, p) => (v(p) > v(a) ? p : a));
  const show = (x: number) => (unit === '£' ? formatMoney(x) : x.toFixed(1));
  const at = label(axes.slice(0, 2), best);
  if (v(best) === v(worst)) return `${metricLabel} is ${show(v(best))} whatever the option`;
  return `${unit === '£' ? 'Lowest' : 'Fewest'} ${inSentence(metricLabel)}, ${show(v(best))} (against ${show(v(worst))} at worst), at ${at}`;
}

/** Heat map of a metric (mean) over the first two varied fields (grid sweeps). */
export function heatmapChart(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  metric: string,
  metricLabel: string,
  unit: string,
  source: Source,
): ChartDefinition | null {
  if (axes.length < 2) return null;
  const [a, b] = [axes[0]!, axes[1]!];
  const money = unit === '£';
  const values = points.map((p) => {
    const value = p.summary[metric]?.mean ?? null;
    return {
      x: round(p.values[0]!),
      y: round(p.values[1]!),
      value,
      // Cell values as every axis writes them: £387.78m, or one decimal.
      text: value === null ? '' : money ? formatMoney(value) : value.toFixed(1),
    };
  });
  const known = values.map((v) => v.value).filter((v) => v !== null);
  const lo = known.length > 0 ? Math.min(...known) : 0;
  const hi = known.length > 0 ? Math.max(...known) : 1;
  const domain = [lo, hi > lo ? hi : lo + 1];
  const dark = domain[0]! + HEATMAP_DARK_FROM * (domain[1]! - domain[0]!);
  const what = `${metricLabel} by ${nameOf(a)} and ${nameOf(b)}`;
  const spec = withSource(
    {
      title: {
        text: heatmapFinding(axes, points, metric, metricLabel, unit) ?? what,
        subtitle: [
          `${what}: mean of ${source.replications} replications at each point (fields ${a.path}, ${b.path}).`,
        ],
      },
      // Narrower than the other charts: the colour legend sits to its right, within an A4 page.
      width: WIDTH - 100,
      height: HEIGHT,
      data: { values },
      layer: [
        {
          mark: { type: 'rect' },
          encoding: {
            x: { field: 'x', type: 'ordinal', title: nameOf(a), axis: { labelAngle: 0 } },
            y: { field: 'y', type: 'ordinal', title: nameOf(b), sort: 'descending' },
            color: {
              field: 'value',
              type: 'quantitative',
              title: unit,
              scale: { scheme: 'blues', domain, zero: false, nice: false },
              ...(money
                ? { legend: { labelExpr: MONEY_LABEL, orient: 'right', columns: 1 } }
                : { legend: { orient: 'right', columns: 1 } }),
            },
          },
        },
        {
          mark: { type: 'text', fontSize: 12 },
          encoding: {
            x: { field: 'x', type: 'ordinal' },
            y: { field: 'y', type: 'ordinal', sort: 'descending' },
            text: { field: 'text' },
            // White on the dark cells, black on the light: legible on every cell.
            color: { condition: { test: `datum.value >= ${dark}`, value: '#fff' }, value: '#000' },
          },
        },
      ],
    },
    source,
  );
  return {
    name: `heatmap-${metric.replace(/[^A-Za-z0-9]+/g, '-')}`,
    title: what,
    spec: spec as TopLevelSpec,
  };
}
