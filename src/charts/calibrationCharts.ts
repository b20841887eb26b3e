/**
 * The calibration's charts, one pair per cohort: the length of stay the data show (Kaplan-Meier,
 * with its 95% interval) against the fitted distribution the model will draw from, and the monthly
 * residential entries against the fitted Poisson trend. Counts in these charts are of children
 * (entries a month): months with 1 to threshold-1 entries are drawn at no height but marked as
 * suppressed rather than shown.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CohortEstimates } from '../data/calibrate.ts';
import { type ChartDefinition } from './runCharts.ts';
import { CONFIG, MAIN, PALETTE, WIDTH } from './style.ts';

const base = (title: string, subtitle: string | string[], layer: unknown[], note: string): TopLevelSpec =>
  ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle },
    config: CONFIG,
    vconcat: [
      { width: WIDTH, height: 260, layer },
      {
        width: WIDTH,
        height: 12,
        data: { values: [{ s: note }] },
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 10, color: '#555' },
        encoding: { text: { field: 's' }, x: { value: 0 } },
      },
    ],
  }) as unknown as TopLevelSpec;

/** The charts of one cohort's estimates (none for what was not estimated). */
export function calibrationCharts(
  e: CohortEstimates,
  dataLabel: string,
  suppressBelow: number,
): ChartDefinition[] {
  const charts: ChartDefinition[] = [];
  const note = `Source: ${dataLabel}; calibrated by caresim. Counts of 1 to ${suppressBelow - 1} children are not shown.`;
  if (e.stay) {
    const best = e.stay.fits[0]!;
    const last = e.stay.km.at(-1)?.time ?? 0;
    const horizon = Math.max(30, last);
    const km = [
      { days: 0, s: 1, low: 1, high: 1 },
      ...e.stay.km.map((k) => ({ days: k.time, s: k.survival, low: k.low, high: k.high })),
    ];
    const fitted = e.stay.fits.flatMap((f) =>
      Array.from({ length: 121 }, (_, i) => {
        const days = (i / 120) * horizon;
        return { days, s: f.survival(days), family: f === best ? `${f.family} (chosen)` : f.family };
      }),
    );
    const title = `${e.id}: half of stays last ${Math.round(medianOf(best.survival, horizon))} days by the fitted ${best.family}`;
    charts.push({
      name: `stay-${e.id}`,
      title,
      spec: base(
        title,
        [
          'Share of residential spells still going, by days since they began: the data (Kaplan-Meier step, with its 95% interval)',
          'against each fitted distribution; the chosen one, by AIC, is what the model draws from.',
        ],
        [
          {
            data: { values: km },
            mark: { type: 'area', interpolate: 'step-after', color: '#999', opacity: 0.3 },
            encoding: {
              x: { field: 'days', type: 'quantitative', title: 'Days since the spell began' },
              y: {
                field: 'low',
                type: 'quantitative',
                title: 'Still in residential care',
                axis: { format: '.0%' },
              },
              y2: { field: 'high' },
            },
          },
          {
            data: { values: km },
            mark: { type: 'line', interpolate: 'step-after', color: '#222', strokeWidth: 1.5 },
            encoding: { x: { field: 'days', type: 'quantitative' }, y: { field: 's', type: 'quantitative' } },
          },
          {
            data: { values: fitted },
            mark: { type: 'line', strokeWidth: 2 },
            encoding: {
              x: { field: 'days', type: 'quantitative' },
              y: { field: 's', type: 'quantitative' },
              color: {
                field: 'family',
                type: 'nominal',
                title: 'Fitted',
                legend: { symbolType: 'stroke', symbolStrokeWidth: 2 },
                scale: { range: [MAIN, ...PALETTE.slice(1)] },
                sort: e.stay.fits.map((f) => (f === best ? `${f.family} (chosen)` : f.family)),
              },
              strokeDash: {
                condition: { test: "indexof(datum.family, 'chosen') >= 0", value: [1, 0] },
                value: [4, 3],
              },
            },
          },
        ],
        note,
      ),
    });
  }
  if (e.months.length > 0) {
    // By quarter: a county's monthly counts are mostly small enough to be suppressed.
    const quarters = new Map<string, { entries: number; fitted: number; months: number }>();
    for (const m of e.months) {
      const [y, mo] = m.month.split('-').map(Number) as [number, number];
      const key = `${y}-${String(mo - ((mo - 1) % 3)).padStart(2, '0')}`;
      const q = quarters.get(key) ?? { entries: 0, fitted: 0, months: 0 };
      q.entries += m.entries;
      q.fitted += m.fitted;
      q.months++;
      quarters.set(key, q);
    }
    const values = [...quarters]
      .filter(([, q]) => q.months === 3)
      .map(([key, q]) => ({
        date: `${key}-01`,
        entries: q.entries > 0 && q.entries < suppressBelow ? null : q.entries,
        suppressed: q.entries > 0 && q.entries < suppressBelow,
        fitted: q.fitted,
      }));
    const title = e.growth
      ? `${e.id}: entries ${e.growth.value >= 0 ? 'grew' : 'fell'} about ${Math.abs(Math.round(100 * e.growth.value))}% a year`
      : `${e.id}: entries a quarter, with no trend fitted`;
    charts.push({
      name: `entries-${e.id}`,
      title,
      spec: base(
        title,
        'Residential spells beginning each quarter (bars; quarters with too few to show marked at the foot) and the fitted Poisson trend (line).',
        [
          {
            data: { values },
            transform: [{ filter: 'datum.entries !== null' }],
            mark: { type: 'bar', color: '#9ecae1' },
            encoding: {
              x: {
                field: 'date',
                type: 'temporal',
                timeUnit: 'yearquarter',
                title: null,
                axis: { format: '%Y', tickCount: 'year' },
              },
              y: {
                field: 'entries',
                type: 'quantitative',
                title: 'Spells beginning in the quarter',
                axis: { tickMinStep: 1 },
              },
            },
          },
          {
            data: { values },
            transform: [{ filter: 'datum.suppressed' }],
            mark: { type: 'tick', color: '#999', thickness: 2 },
            encoding: { x: { field: 'date', type: 'temporal', timeUnit: 'yearquarter' }, y: { value: 255 } },
          },
          {
            data: { values },
            mark: { type: 'line', color: MAIN, strokeWidth: 2 },
            encoding: {
              x: { field: 'date', type: 'temporal', timeUnit: 'yearquarter' },
              y: { field: 'fitted', type: 'quantitative' },
            },
          },
        ],
        note,
      ),
    });
  }
  return charts;
}

/** The median of a survival function, by bisection on [0, horizon] (or the horizon if it never falls to a half). */
function medianOf(S: (t: number) => number, horizon: number): number {
  let lo = 0;
  let hi = horizon * 4;
  if (S(hi) > 0.5) return hi;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (S(mid) > 0.5) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
