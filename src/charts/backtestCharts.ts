/**
 * The back-test chart: for each measure, the model's median with its 50% and 90% bands, month by
 * month after the date it was fitted to, and what the data say happened as points. Actual counts
 * below the disclosure threshold are left out (the rows say so), never drawn.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BACKTEST_MEASURES, MEASURE_LABELS, type BacktestResult } from '../experiment/backtest.ts';
import { type ChartDefinition, withSource } from './runCharts.ts';
import { MAIN, PALETTE, type Source } from './style.ts';

const MONTH_AXIS = {
  field: 'date',
  type: 'temporal',
  title: null,
  axis: { format: '%Y', tickCount: 'year', labelAngle: 0 },
} as const;

export function backtestChart(
  r: BacktestResult,
  source: Source,
  suppressBelow: number,
  fitTo: string,
): ChartDefinition {
  const cov = BACKTEST_MEASURES.map((m) => r.coverage[m]);
  const months = cov[0]!.months;
  const in90 = cov.reduce((a, c) => a + c.in90, 0);
  const all = cov.reduce((a, c) => a + c.months, 0);
  const title = `The actual fell inside the model's 90% band in ${Math.round((100 * in90) / Math.max(1, all))}% of months`;
  const panels = BACKTEST_MEASURES.map((m) => {
    const rows = r.rows.filter((x) => x.measure === m);
    const values = rows.map((x) => ({
      date: `${x.month}-01`,
      p5: x.p5,
      p25: x.p25,
      p50: x.p50,
      p75: x.p75,
      p95: x.p95,
      actual: x.actual > 0 && x.actual < suppressBelow ? null : x.actual,
    }));
    const c = r.coverage[m];
    return {
      title: {
        text: MEASURE_LABELS[m],
        subtitle: `inside the 90% band in ${c.in90} of ${c.months} months, the 50% band in ${c.in50}${r.departures[m] ? `; outside the 90% band from ${r.departures[m]}` : ''}`,
        anchor: 'start',
        fontSize: 13,
      },
      width: 300,
      height: 170,
      data: { values },
      layer: [
        {
          mark: { type: 'area', color: MAIN, opacity: 0.2 },
          encoding: {
            x: MONTH_AXIS,
            y: { field: 'p5', type: 'quantitative', title: null },
            y2: { field: 'p95' },
          },
        },
        {
          mark: { type: 'area', color: MAIN, opacity: 0.4 },
          encoding: { x: MONTH_AXIS, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' } },
        },
        {
          mark: { type: 'line', color: MAIN, strokeWidth: 1.5 },
          encoding: { x: MONTH_AXIS, y: { field: 'p50', type: 'quantitative' } },
        },
        {
          transform: [{ filter: 'datum.actual !== null' }],
          mark: { type: 'point', filled: true, color: PALETTE[1], size: 18 },
          encoding: { x: MONTH_AXIS, y: { field: 'actual', type: 'quantitative' } },
        },
      ],
    };
  });
  const spec = withSource(
    {
      title: {
        text: title,
        subtitle: [
          `Back-test: calibrated on the data to ${fitTo}, then ${months} months simulated (${source.replications} replications: median, 50% and 90% bands)`,
          `against what the data say happened (dots, monthly${suppressBelow > 1 ? `; counts of 1 to ${suppressBelow - 1} children not shown` : ''}).`,
        ],
      },
      vconcat: [{ hconcat: [panels[0], panels[1]] }, { hconcat: [panels[2], panels[3]] }],
    },
    source,
  );
  return { name: 'backtest', title, spec: spec as TopLevelSpec };
}
