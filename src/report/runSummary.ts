/**
 * The readable table `caresim run` prints: the headline metrics with their 95% intervals,
 * then cost and children out of county by financial year.
 */
import type { MetricSummary } from '../experiment/tables.ts';
import { formatMoneyEstimate, textTable } from './textTable.ts';

const SHOWN = [
  'referrals',
  'placements.local',
  'placements.outOfCounty',
  'overflowShare',
  'occupancy.local',
  'beds.open',
  'occupancyRate',
  'outOfCounty.children',
  'breakdowns',
  'stepDowns',
  'stepDowns.meanDelayDays',
  'art.caseload',
  'art.waiting',
  'art.meanWaitDays',
  'cost.total',
  'capital',
];

/** A value in its unit: £1.2m, 8.5%, 12.3. */
export function formatValue(x: number | null, unit: string): string {
  if (x === null || !Number.isFinite(x)) return '-';
  if (unit === '£') return formatMoneyEstimate(x);
  if (unit === 'share') return `${(x * 100).toFixed(1)}%`;
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-GB') : x.toFixed(1);
}

const interval = (m: MetricSummary) =>
  m.ciLow === null ? '' : `${formatValue(m.ciLow, m.unit)} to ${formatValue(m.ciHigh, m.unit)}`;

/** Multi-line summary of a run's headline metrics. */
export function formatRunSummary(
  summary: Record<string, MetricSummary>,
  fyLabels: readonly string[],
  title: string,
  span = 'whole horizon',
): string {
  const rows = SHOWN.filter((k) => summary[k]).map((k) => {
    const m = summary[k]!;
    return [
      m.label.length > 60 ? `${m.label.slice(0, 57)}...` : m.label,
      formatValue(m.mean, m.unit),
      interval(m),
      `${formatValue(m.p5, m.unit)} to ${formatValue(m.p95, m.unit)}`,
    ];
  });
  const out = [
    title,
    '',
    textTable([span, 'mean', '95% interval of the mean', '5th to 95th percentile'], rows),
    '',
  ];
  const yearRows = fyLabels.map((fy) => {
    const c = summary[`cost.total.${fy}`]!;
    const o = summary[`outOfCounty.atEnd.${fy}`]!;
    const share = summary[`overflowShare.${fy}`];
    return [
      fy,
      formatValue(c.mean, '£'),
      interval(c),
      formatValue(o.mean, 'children'),
      interval(o),
      share ? `${formatValue(share.mean, 'share')} (${interval(share)})` : '',
    ];
  });
  out.push(
    textTable(
      [
        'financial year',
        'total revenue cost',
        '95% interval',
        'children out of county at year end',
        '95% interval',
        'overflow share (95% interval)',
      ],
      yearRows,
    ),
  );
  return out.join('\n');
}
