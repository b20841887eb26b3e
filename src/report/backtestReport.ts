/**
 * A back-test in plain words: how often the actual fell inside the model's bands, by measure, how
 * far off the average was, and where the actual left the bands and stayed out.
 */
import { suppressionNote } from '../data/disclosure.ts';
import { BACKTEST_MEASURES, MEASURE_LABELS, type BacktestResult } from '../experiment/backtest.ts';
import { textTable } from './textTable.ts';

const pct = (a: number, b: number) => `${Math.round((100 * a) / Math.max(1, b))}%`;

export function formatBacktest(r: BacktestResult, fitTo: string, suppressBelow: number): string {
  const lines = [
    `# Back-test: calibrated to ${fitTo}, simulated after it`,
    '',
    `The model was calibrated on the data up to ${fitTo} only, started from the children in care that day, and run ${r.replications} times (seed ${r.seed}); each month after it, what the data say happened is set against the simulated range. Simulated figures are simulated; actual counts come from children's records.`,
    '',
    textTable(
      [
        'measure',
        'months',
        'in the 50% band',
        'in the 90% band',
        'actual minus simulated (average)',
        'left the 90% band for good',
      ],
      BACKTEST_MEASURES.map((m) => {
        const c = r.coverage[m];
        return [
          MEASURE_LABELS[m],
          String(c.months),
          pct(c.in50, c.months),
          pct(c.in90, c.months),
          (c.meanError >= 0 ? '+' : '') + c.meanError.toFixed(1),
          r.departures[m] ?? '-',
        ];
      }),
    ),
    '',
    'A model that is right puts about half the months in its 50% band and nine in ten in its 90% band. Months follow one another, so over a few years these shares are themselves uncertain; a measure that leaves its 90% band and stays out says the world changed (a home opened or closed, a policy moved) or the model misses something.',
  ];
  for (const m of BACKTEST_MEASURES)
    if (r.departures[m])
      lines.push(
        '',
        `${MEASURE_LABELS[m]}: the actual left the 90% band in ${r.departures[m]} and stayed out to the end.`,
      );
  lines.push('', suppressionNote(suppressBelow), '');
  return lines.join('\n');
}
