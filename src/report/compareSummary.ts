/**
 * The table `caresim compare` prints: for each scenario against the base, the paired
 * differences with their 95% intervals, the chance the scenario is cheaper, payback, net
 * present value and the chance of reaching the savings target.
 */
import type { ScenarioComparison } from '../experiment/compare.ts';
import { formatValue } from './runSummary.ts';
import { formatMoney, textTable } from './textTable.ts';

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
    const rows = Object.values(c.metrics).map((m) => [
      m.label.length > 70 ? `${m.label.slice(0, 67)}...` : m.label,
      formatValue(m.mean, m.unit),
      m.ciLow === null ? '' : `${formatValue(m.ciLow, m.unit)} to ${formatValue(m.ciHigh, m.unit)}`,
    ]);
    rows.push([`Chance the scenario costs less, ${c.span}`, pct(c.probabilityCheaper), '']);
    rows.push([
      'Payback year (median; 5th to 95th percentile)',
      c.payback.medianYear ?? 'not within the horizon',
      `${c.payback.p5Year ?? 'never'} to ${c.payback.p95Year ?? 'never'} (${pct(c.payback.probabilityWithinHorizon)} pay back within the horizon)`,
    ]);
    if (c.target)
      rows.push([
        `Chance of saving ${formatMoney(c.target.perYear)} in ${c.target.year}`,
        pct(c.target.probabilityMet),
        '',
      ]);
    out.push(`${c.name} (${c.file})`, textTable(['against the base', 'mean', '95% interval'], rows), '');
    const years = Object.entries(c.savingByYear).map(([fy, m]) => [
      fy,
      formatValue(m.mean, '£'),
      m.ciLow === null ? '' : `${formatValue(m.ciLow, '£')} to ${formatValue(m.ciHigh, '£')}`,
      formatValue(c.cumulativeNetByYear[fy]!.mean, '£'),
    ]);
    out.push(
      textTable(['financial year', 'revenue saving', '95% interval', 'cumulative net of capital'], years),
      '',
    );
  }
  return out.join('\n');
}
