/**
 * "How to read this": a few plain sentences beside each chart, for a reader who has not met a
 * simulation's bands before. One place for every chart's text, keyed by the chart's name (the
 * stem of its files); a chart drawn more than once (hangs-on-1, heatmap-cost) shares its kind's.
 */

const TEXTS: Record<string, string> = {
  'local-occupancy':
    'Each month, the children living in the local homes. The line is the middle simulated future; the darker band holds half of the futures and the lighter band nine in ten. The dashed line is the beds open: where the band reaches it, homes are full and children go out of county.',
  'out-of-county':
    'Each month, the children placed out of county, in the middle simulated future (the line), half of them (the darker band) and nine in ten (the lighter band). Lower is better: each is a child far from home at a higher price.',
  'cost-by-year':
    'Each financial year, the revenue cost split by what it pays for (the average of the simulated futures). Income from places sold to other councils is drawn below zero. The black mark is the total, with the 95% interval of its average.',
  'overflow-by-need':
    'Each financial year, the placements made out of county because no suitable local bed was free, by the child’s need. A need that appears every year is one no local home is registered for, not one short of beds.',
  art: 'Each month, the children the Assessment and Resource Team supports, against its capacity (the line on top). Where the band presses on the line, the team is full and children wait or go without its support.',
  payback:
    'The cumulative saving against the base, year by year, net of what the plan costs to build and run. Where the line crosses zero the plan has paid for itself; the band is the range of simulated futures, so it may pay back sooner or later than the middle line says.',
  'target-year-saving':
    'The saving in the target’s year in each simulated future: each bar (or tick, with few futures) counts the futures with a saving in that range. Below £0 the scenario costs more than the base; the share of futures at or above the target is the chance of meeting it.',
  'cost-by-scenario':
    'Each scenario’s revenue cost minus the base’s, year by year: below zero is a saving. Every scenario ran the same simulated futures as the base, so the difference is the plan’s, not chance’s; the band is the range of that difference across futures.',
  'hangs-on':
    'How much of the spread in the saving each uncertain input explains on its own, across futures where every input was drawn from its range. A long bar means the answer hangs on that input; the figure beside it, where shown, is what knowing it before deciding would be worth.',
  thresholds:
    'How the saving (or the chance of meeting the target) changes as one uncertain input moves across its range, the others still uncertain. The dashed line is the model file’s value; the dot is where the answer turns: a value worth knowing before deciding.',
  tradeoff:
    'Each option of the sweep as a point: what it costs against what it achieves. Numbered points are on the front, where no other option is both cheaper and better; the rest are beaten by one of them.',
  heatmap:
    'The result for every pair of values swept: each cell is one option, darker for a higher value. Read across a row or down a column to see what one lever does with the other held still.',
  tornado:
    'Each input set to the low and the high end of its range, the others held at their usual values: the bar is how far the result moves. The longest bars are the inputs the answer hangs on.',
  backtest:
    'The model calibrated on the data up to a date, then run forward and set against what the data say happened (the dots). Dots inside the bands mean the model would have foreseen those months; a run of dots outside says where it went wrong.',
  stay: 'The lengths of stay in the council’s own records (the steps) against the distribution fitted to them (the curve). Where they part, the fit misses those children.',
  entries:
    'Residential spells beginning each quarter in the council’s own records (bars) against the fitted trend (line) the model’s demand is set from.',
};

/** The "how to read this" text of a chart, by its name; null if none is written. */
export function howToRead(chartName: string): string | null {
  if (TEXTS[chartName]) return TEXTS[chartName];
  const kind = Object.keys(TEXTS)
    .filter((k) => chartName.startsWith(`${k}-`))
    .sort((a, b) => b.length - a.length)[0];
  return kind ? TEXTS[kind]! : null;
}
