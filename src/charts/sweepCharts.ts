/**
 * The charts of a sweep: a heat map of a metric over two varied fields, and the trade-off
 * between total cost and children out of county, with the options no other beats on both
 * (the Pareto front) marked.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SweepAxis, SweepPoint } from '../experiment/sweep.ts';
import { withSource, type ChartDefinition } from './runCharts.ts';
import { HEIGHT, MAIN, PALETTE, WIDTH, type Source } from './style.ts';
import { MONEY_LABEL } from './money.ts';

/** An axis's plain-English name, or its path. */
const nameOf = (a: SweepAxis) => a.label ?? a.path;
const label = (axes: readonly SweepAxis[], p: SweepPoint) =>
  axes.map((a, k) => `${nameOf(a)} ${round(p.values[k]!)}`).join(', ');
const round = (x: number) => (Number.isInteger(x) ? x : Math.round(x * 1000) / 1000);

/** Trade-off of total cost against children out of county, front marked. */
export function tradeoffChart(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  source: Source,
): ChartDefinition {
  const values = points.map((p) => ({
    option: label(axes, p),
    cost: p.summary['cost.total']!.mean,
    children: p.summary['outOfCounty.children']!.mean,
    front: p.pareto
      ? 'On the front: no option is cheaper and keeps fewer children out of county'
      : 'Beaten on both by another option',
  }));
  const spec = withSource(
    {
      title: {
        text: 'Cost against children placed out of county, each option',
        subtitle: [
          `${points.length} options (${axes.map(nameOf).join(' x ')}), mean of ${source.replications} replications each, on common random numbers.`,
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
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            x: {
              field: 'children',
              type: 'quantitative',
              title: 'Children out of county (average)',
              scale: { zero: false, nice: true },
              // Options often differ by tenths of a child: few, non-overlapping ticks.
              axis: { tickCount: 6, labelOverlap: 'greedy' },
            },
            y: {
              field: 'cost',
              type: 'quantitative',
              // The headline's own label names the years it covers (the model's window).
              title: `£: ${points[0]?.summary['cost.total']?.label ?? 'total revenue cost'}`,
              scale: { zero: false },
              axis: { labelExpr: MONEY_LABEL },
            },
            color: { field: 'front', type: 'nominal', title: null, scale: { range: [PALETTE[1], MAIN] } },
            tooltip: [{ field: 'option' }],
          },
        },
        {
          transform: [{ filter: "indexof(datum.front, 'On the front') === 0" }],
          mark: { type: 'text', dx: 6, align: 'left', fontSize: 10, color: '#333' },
          encoding: {
            x: { field: 'children', type: 'quantitative' },
            y: { field: 'cost', type: 'quantitative' },
            text: { field: 'option' },
          },
        },
      ],
    },
    source,
  );
  return {
    name: 'tradeoff',
    title: 'Cost against children placed out of county, each option',
    spec: spec as TopLevelSpec,
  };
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
  const values = points.map((p) => ({
    x: round(p.values[0]!),
    y: round(p.values[1]!),
    value: p.summary[metric]?.mean ?? null,
  }));
  const money = unit === '£';
  const spec = withSource(
    {
      title: {
        text: `${metricLabel} by ${nameOf(a)} and ${nameOf(b)}`,
        subtitle: [
          `Mean of ${source.replications} replications at each point (fields ${a.path}, ${b.path}).`,
        ],
      },
      width: WIDTH,
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
              scale: { scheme: 'blues' },
              ...(money
                ? { legend: { labelExpr: MONEY_LABEL, orient: 'right', columns: 1 } }
                : { legend: { orient: 'right', columns: 1 } }),
            },
          },
        },
        {
          // Cell values in the same form as every axis: £546m, or one decimal.
          transform: [
            {
              calculate: money
                ? "'£' + format(datum.value / 1e6, '.1f') + 'm'"
                : "format(datum.value, '.1f')",
              as: 'text',
            },
          ],
          mark: { type: 'text', fontSize: 11 },
          encoding: {
            x: { field: 'x', type: 'ordinal' },
            y: { field: 'y', type: 'ordinal', sort: 'descending' },
            text: { field: 'text' },
            color: { value: '#111' },
          },
        },
      ],
    },
    source,
  );
  return {
    name: `heatmap-${metric.replace(/[^A-Za-z0-9]+/g, '-')}`,
    title: `${metricLabel} by ${nameOf(a)} and ${nameOf(b)}`,
    spec: spec as TopLevelSpec,
  };
}
