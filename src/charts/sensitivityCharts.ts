/**
 * The tornado chart of a sensitivity analysis: for each uncertain parameter (most influential
 * at the top), bars from the result at the base values to the result at the parameter's low
 * and high values, each with the 95% interval of its mean, and a parameter whose swing the
 * replications cannot tell from noise named as such.
 */
import type { TopLevelSpec } from 'vega-lite';
import { parameterName, type SensitivityResult } from '../experiment/sensitivity.ts';
import { withSource, type ChartDefinition } from './runCharts.ts';
import { CONFIG, PALETTE, type Source } from './style.ts';
import { formatMoney, MONEY_LABEL } from './money.ts';
import { formatParameterValue } from './psaCharts.ts';
import { wrapText } from './text.ts';
import { fromTo, withUnit } from '../scenario/fieldUnit.ts';

const TOP = 15;
const TORNADO_WIDTH = 400;

const formatCount = (x: number) => Math.round(x).toLocaleString('en-GB');

/** A parameter's range in its unit: "3% to 12% a year", "300 to 550 days", "£3,700 to £4,450 a week". */
const rangeOf = (x: SensitivityResult['rows'][number]) =>
  x.unit === ''
    ? `${formatParameterValue(x.fields[0] ?? '', x.low)} to ${formatParameterValue(x.fields[0] ?? '', x.high)}`
    : fromTo(withUnit(x.low, x.unit), withUnit(x.high, x.unit));

/**
 * The finding: which parameter moves the answer most, and from what to what ("External price
 * inflation moves the 2027/28 saving most: £1.42m at 3% to £4.56m at 12% a year").
 */
export function tornadoTitle(r: SensitivityResult): string {
  const top = r.rows.find((x) => !x.withinNoise);
  const what = r.saving !== null ? `the ${r.targetYear} saving` : 'placements out of county';
  if (!top) return `No parameter moves ${what} by more than these replications can tell from noise`;
  const at = (v: number) =>
    top.unit === '' ? formatParameterValue(top.fields[0] ?? '', v) : withUnit(v, top.unit);
  const value = (m: { mean: number }) => (r.saving !== null ? formatMoney(m.mean) : formatCount(m.mean));
  const lo = r.saving !== null ? top.savingLow! : top.oocLow;
  const hi = r.saving !== null ? top.savingHigh! : top.oocHigh;
  return `${top.label} moves ${what} most: ${value(lo)} at ${at(top.low)}, ${value(hi)} at ${at(top.high)}`;
}

export function tornadoChart(r: SensitivityResult, source: Source): ChartDefinition {
  const useSaving = r.saving !== null;
  const base = useSaving ? r.saving!.mean : r.ooc.mean;
  // Two lines a parameter, so the chart fits an A4 page: its name, then its range in its unit
  // (3.0% to 12.0%, £3,700 to £4,450) and whether its swing is within noise.
  const label = (x: SensitivityResult['rows'][number]) =>
    `${wrapText(parameterName(x), 290, 11).join('|')}|${rangeOf(x)}${x.withinNoise ? ': within noise' : ''}`;
  const rows = r.rows.slice(0, TOP).flatMap((x) => {
    const name = label(x);
    const low = useSaving ? x.savingLow! : x.oocLow;
    const high = useSaving ? x.savingHigh! : x.oocHigh;
    return [
      { name, end: 'At the low value', from: base, to: low.mean, ciLow: low.ciLow, ciHigh: low.ciHigh },
      { name, end: 'At the high value', from: base, to: high.mean, ciLow: high.ciLow, ciHigh: high.ciHigh },
    ];
  });
  const order = r.rows.slice(0, TOP).map(label);
  const noisy = r.rows.slice(0, TOP).some((x) => x.withinNoise);
  const measure = useSaving
    ? `Revenue saving in ${r.targetYear} against the base`
    : `Placements out of county, ${r.span}`;
  const spec = withSource(
    {
      title: {
        text: tornadoTitle(r),
        // withSource wraps it at the chart's width.
        subtitle: `${measure}, each uncertain parameter set to its low and high value in turn (the others at their values); mean of ${source.replications} replications on common random numbers, with the 95% interval of each mean. The line is the result at the values in the model file.${noisy ? " 'Within noise': high and low differ by less than these replications can tell apart (the paired difference's interval holds zero)." : ''}`,
      },
      // With the labels beside it, the chart fits the width of an A4 page.
      width: TORNADO_WIDTH,
      height: Math.max(120, 50 * order.length),
      data: { values: rows },
      layer: [
        {
          mark: { type: 'bar', height: 8 },
          encoding: {
            y: {
              field: 'name',
              type: 'nominal',
              sort: order,
              title: null,
              axis: { labelLimit: 0, labelExpr: "split(datum.label, '|')", labelFontSize: 11 },
            },
            yOffset: { field: 'end' },
            x: {
              field: 'from',
              type: 'quantitative',
              title: useSaving ? '£ per year' : 'Placements',
              // The swings around the base matter, not the distance from zero.
              scale: { zero: false, nice: true },
              ...(useSaving ? { axis: { labelExpr: MONEY_LABEL } } : {}),
            },
            x2: { field: 'to' },
            color: { field: 'end', type: 'nominal', title: null, scale: { range: [PALETTE[0], PALETTE[1]] } },
          },
        },
        {
          // The Monte Carlo error of each end's mean: a swing shorter than these whiskers is noise.
          mark: { type: 'rule', color: '#000', strokeWidth: 1 },
          encoding: {
            y: { field: 'name', type: 'nominal', sort: order },
            yOffset: { field: 'end' },
            x: { field: 'ciLow', type: 'quantitative' },
            x2: { field: 'ciHigh' },
          },
        },
        {
          data: { values: [{ base }] },
          mark: { type: 'rule', color: '#000' },
          encoding: { x: { field: 'base', type: 'quantitative' } },
        },
      ],
      config: CONFIG,
    },
    source,
  );
  return {
    name: 'tornado',
    title: useSaving
      ? `What the saving in ${r.targetYear} hangs on`
      : 'What out-of-county placements hang on',
    spec: spec as TopLevelSpec,
  };
}
