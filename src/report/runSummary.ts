/**
 * The readable table `caresim run` prints: the headline metrics with their range of outcomes
 * and the simulation error of their averages (uncertaintyWords.ts), then cost and children out
 * of county by financial year.
 */
import type { MetricSummary } from '../experiment/tables.ts';
import { formatValue, textTable, wrapText } from './textTable.ts';
import { MC_HEADING, mcIntervalOf, RANGE_HEADING, rangeOf } from './uncertaintyWords.ts';

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

const interval = (m: MetricSummary) => mcIntervalOf(m, m.unit);

/** Multi-line summary of a run's headline metrics. */
export function formatRunSummary(
  summary: Record<string, MetricSummary>,
  fyLabels: readonly string[],
  title: string,
  span = 'whole horizon',
): string {
  const rows = SHOWN.filter((k) => summary[k]).map((k) => {
    const m = summary[k]!;
    return [wrapText(m.label, 60), formatValue(m.mean, m.unit), rangeOf(m, m.unit), interval(m)];
  });
  const out = [title, '', textTable([span, 'mean', RANGE_HEADING, MC_HEADING], rows), ''];
  const yearRows = fyLabels.map((fy) => {
    const c = summary[`cost.total.${fy}`]!;
    const o = summary[`outOfCounty.atEnd.${fy}`]!;
    const share = summary[`overflowShare.${fy}`];
    return [
      fy,
      formatValue(c.mean, '£'),
      rangeOf(c, '£'),
      formatValue(o.mean, 'children'),
      rangeOf(o, 'children'),
      share ? `${formatValue(share.mean, 'share')} (${rangeOf(share, 'share')})` : '',
    ];
  });
  out.push(
    textTable(
      [
        'financial year',
        'total revenue cost',
        'range of outcomes',
        'children out of county at year end',
        'range of outcomes',
        'overflow share (range of outcomes)',
      ],
      yearRows,
    ),
  );
  return out.join('\n');
}
