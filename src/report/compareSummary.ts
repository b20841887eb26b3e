/**
 * The table `caresim compare` prints: for each scenario against the base, the paired
 * differences with their range of outcomes and simulation error, the chance the scenario is
 * cheaper, payback, net present value, the chance of reaching the savings target, and (when
 * parameters were drawn from beliefs) what the target-year saving hangs on.
 */
import type { ScenarioComparison } from '../experiment/compare.ts';
import { thresholdSentence } from '../charts/psaCharts.ts';
import { percent } from '../charts/style.ts';
import { formatValue, textTable, wrapText } from './textTable.ts';
import { formatMoney } from '../charts/money.ts';
import { MC_HEADING, mcIntervalOf, proportionInterval, RANGE_HEADING, rangeOf } from './uncertaintyWords.ts';

const pct = (p: number) => `${(p * 100).toFixed(0)}%`;

export function formatComparison(
  baseName: string,
  comparisons: readonly ScenarioComparison[],
  title: string,
): string {
  const out = [
    title,
    `Differences are paired replication by replication against the base, "${baseName}".`,
    '',
  ];
  for (const c of comparisons) {
    const n = c.metrics.costAvoided!.n;
    const chance = (p: number) => {
      const { low, high } = proportionInterval(p, n);
      return [pct(p), '', `${pct(low)} to ${pct(high)}`];
    };
    const rows = Object.values(c.metrics).map((m) => [
      wrapText(m.label, 60),
      formatValue(m.mean, m.unit),
      rangeOf(m, m.unit),
      mcIntervalOf(m, m.unit),
    ]);
    rows.push([`Chance the scenario costs less, ${c.span}`, ...chance(c.probabilityCheaper)]);
    rows.push([
      'Payback year (median)',
      c.payback.medianYear ?? 'not within the horizon',
      `${c.payback.p5Year ?? 'never'} to ${c.payback.p95Year ?? 'never'} (${pct(c.payback.probabilityWithinHorizon)} pay back within the horizon)`,
      '',
    ]);
    if (c.target)
      rows.push([
        `Chance of saving ${formatMoney(c.target.perYear)} in ${c.target.year}`,
        ...chance(c.target.probabilityMet),
      ]);
    out.push(
      `${c.name} (${c.file})`,
      textTable(['against the base', 'mean', RANGE_HEADING, MC_HEADING], rows),
      '',
    );
    const years = Object.entries(c.savingByYear).map(([fy, m]) => [
      fy,
      formatValue(m.mean, '£'),
      rangeOf(m, '£'),
      mcIntervalOf(m, '£'),
      formatValue(c.cumulativeNetByYear[fy]!.mean, '£'),
    ]);
    out.push(
      textTable(
        [
          'financial year',
          'revenue saving',
          'range of outcomes',
          'simulation error',
          'cumulative net of capital',
        ],
        years,
      ),
      '',
    );
    if (c.psa) {
      const shown = c.psa.rows.slice(0, 5);
      out.push(
        `What the ${c.psa.year} saving hangs on (${c.psa.replications} replications; value of knowing: EVPPI on the net present value)`,
        textTable(
          ['parameter', 'share of the spread', 'value of knowing', 'where the answer turns'],
          shown.map((r) => [
            wrapText(r.label, 44),
            percent(r.varianceShare),
            formatValue(r.evppi, '£'),
            wrapText(thresholdSentence(r, c.psa!) ?? 'does not turn within the belief', 70),
          ]),
        ),
        '',
      );
    }
  }
  return out.join('\n');
}
