/**
 * The charts of a comparison (`caresim compare`), as vega-lite specs built by pure functions
 * from the comparison folder's files (compare.json, compare-costs.csv, compare-years.csv and
 * compare-replications.csv), so that they can be redrawn without simulating again:
 *
 * - `cost-by-scenario`: each model's own total revenue cost by financial year, with the 95%
 *   interval of the mean;
 * - `payback`: each scenario's cumulative net saving against the base (savings minus extra
 *   capital), with its 95% interval and a zero line;
 * - `target-year-saving`: each scenario's revenue saving in the savings-target year, one value
 *   per replication, against the target (only when the base model sets a target within the
 *   horizon);
 * - `hangs-on` and `thresholds`: what the target-year saving hangs on and where the answer turns
 *   (psaCharts.ts), for each scenario whose comparison drew parameters from beliefs.
 *
 * Colours follow the order of the models on the command line, the same in every chart: the
 * base first, then each scenario.
 */
import type { CompareInput } from './compareInput.ts';
import { histogram } from './histogram.ts';
import { psaCharts } from './psaCharts.ts';
import { withSource, type ChartDefinition } from './runCharts.ts';
import { HEIGHT, PALETTE, percent, WIDTH, type Source } from './style.ts';
import { formatMoney, MONEY_LABEL } from './money.ts';

/** Okabe-Ito without its yellow, which is too pale for a line or a tick on white. */
const COLOURS = PALETTE.filter((c) => c !== '#F0E442');
const colourOf = (i: number) => COLOURS[i % COLOURS.length]!;

const BASE_SUFFIX = ' (base)';
const YEAR_AXIS = {
  field: 'year',
  type: 'ordinal',
  title: 'Financial year',
  axis: { labelAngle: -45 },
} as const;
/** Legend of long model names: one column, never cut (the names are the point). */
const NAME_LEGEND = {
  title: null,
  columns: 1,
  labelLimit: 0,
  symbolType: 'stroke',
  symbolStrokeWidth: 3,
  symbolOpacity: 1,
};

/** Beyond this many replications the target-year chart is a histogram rather than one tick each. */
export const STRIP_MAX_REPLICATIONS = 60;

/** The charts of a comparison; the target-year chart only when the base model sets a target. */
export function compareCharts(input: CompareInput, source: Source): ChartDefinition[] {
  const { summary } = input;
  const reps = `${summary.replications} replications`;
  const baseLabel = `${summary.base.name}${BASE_SUFFIX}`;
  const scenarioNames = summary.scenarios.map((s) => s.name);
  const charts: ChartDefinition[] = [];

  // 1. Each model's own revenue cost by financial year.
  const modelNames = [summary.base.name, ...scenarioNames.filter((n) => n !== summary.base.name)];
  const label = (m: string) => (m === summary.base.name ? baseLabel : m);
  const costs = input.costs.map((r) => ({
    model: label(r.model),
    year: r.year,
    mean: r.mean,
    low: r.ciLow ?? r.mean,
    high: r.ciHigh ?? r.mean,
  }));
  const modelColour = {
    field: 'model',
    type: 'nominal',
    title: null,
    sort: modelNames.map(label),
    scale: { domain: modelNames.map(label), range: modelNames.map((_, i) => colourOf(i)) },
    legend: NAME_LEGEND,
  } as const;
  charts.push({
    name: 'cost-by-scenario',
    title: 'Revenue cost by financial year, each scenario',
    spec: withSource(
      {
        title: {
          text: 'Revenue cost by financial year, each scenario',
          subtitle: [
            `Mean of ${reps} (line) with the 95% interval of the mean (band). Every model`,
            'runs the same replications: where the lines coincide, the models cost the same.',
          ],
        },
        width: WIDTH,
        height: HEIGHT,
        data: { values: costs },
        layer: [
          {
            mark: { type: 'area', opacity: 0.18 },
            encoding: {
              x: YEAR_AXIS,
              y: { field: 'low', type: 'quantitative' },
              y2: { field: 'high' },
              color: modelColour,
            },
          },
          {
            mark: { type: 'line', strokeWidth: 2.5, point: { size: 36, filled: true } },
            encoding: {
              x: YEAR_AXIS,
              y: {
                field: 'mean',
                type: 'quantitative',
                title: '£ per year',
                axis: { labelExpr: MONEY_LABEL },
              },
              color: modelColour,
            },
          },
        ],
      },
      source,
    ),
  });

  // 2. Cumulative net saving against the base, after capital: the payback chart.
  const scenarioColour = {
    field: 'scenario',
    type: 'nominal',
    title: null,
    sort: scenarioNames,
    scale: { domain: scenarioNames, range: scenarioNames.map((n) => colourOf(modelNames.indexOf(n))) },
    legend: NAME_LEGEND,
  } as const;
  const cumulative = input.years
    .filter((r) => r.measure === 'cumulativeNetSaving')
    .map((r) => ({
      scenario: r.scenario,
      year: r.year,
      mean: r.mean,
      low: r.ciLow ?? r.mean,
      high: r.ciHigh ?? r.mean,
    }));
  const lastYear = cumulative.reduce((y, r) => (r.year > y ? r.year : y), '');
  const paybackLines = summary.scenarios.map(
    (s) =>
      `${s.name}: paid back by ${lastYear} in ${percent(s.payback.probabilityWithinHorizon)} of replications`,
  );
  charts.push({
    name: 'payback',
    title: 'Cumulative net saving against the base, after capital',
    spec: withSource(
      {
        title: {
          text: 'Cumulative net saving against the base, after capital',
          subtitle: [
            'Revenue savings less extra capital against the base, added up year by year; mean of',
            `${reps} with the 95% interval of the mean. A line above zero has paid back.`,
            ...paybackLines,
          ],
        },
        width: WIDTH,
        height: HEIGHT,
        layer: [
          {
            data: { values: cumulative },
            mark: { type: 'area', opacity: 0.18 },
            encoding: {
              x: YEAR_AXIS,
              y: { field: 'low', type: 'quantitative' },
              y2: { field: 'high' },
              color: scenarioColour,
            },
          },
          {
            data: { values: [{ zero: 0 }] },
            mark: { type: 'rule', color: '#000', strokeWidth: 1 },
            encoding: { y: { field: 'zero', type: 'quantitative' } },
          },
          {
            data: { values: cumulative },
            mark: { type: 'line', strokeWidth: 2.5, point: { size: 36, filled: true } },
            encoding: {
              x: YEAR_AXIS,
              y: {
                field: 'mean',
                type: 'quantitative',
                title: '£ (cumulative)',
                axis: { labelExpr: MONEY_LABEL },
              },
              color: scenarioColour,
            },
          },
        ],
      },
      source,
    ),
  });

  // 3. The saving in the savings-target year, one value per replication, against the target.
  const target = summary.scenarios.find((s) => s.target !== null)?.target ?? null;
  if (target !== null) {
    const values = input.replications
      .filter((r) => r.savingByYear[target.year] !== undefined)
      .map((r) => ({ scenario: r.scenario, saving: r.savingByYear[target.year]! }));
    const targetText = `Target ${formatMoney(target.perYear)} a year`;
    const reach = summary.scenarios.map(
      (s) =>
        `${s.name}: ${s.target === null ? 'not tested' : `${percent(s.target.probabilityMet)} of replications reach it`}`,
    );
    const few = summary.replications <= STRIP_MAX_REPLICATIONS;
    const savings = values.map((v) => v.saving);
    const xScale = {
      // Always show £0 and the target, however far the savings fall short of it.
      domain: [Math.min(0, ...savings), Math.max(target.perYear * 1.1, ...savings)],
      nice: true,
    };
    const xTitle = `Revenue saving in ${target.year} against the base (£ a year)`;
    const xAxis = { labelExpr: MONEY_LABEL, labelFlush: false, tickCount: 6 };
    // The target's label sits at the top of the first row, left of its line: the marks keep clear
    // of that strip (ticks drawn low in their row, histograms with headroom above the tallest bar).
    const cellHeight = few ? 48 : 112;
    const labelRoom = 16;
    let data: Record<string, unknown>[];
    let distribution: Record<string, unknown>;
    if (few) {
      data = values;
      distribution = {
        mark: { type: 'tick', thickness: 2.5, size: cellHeight - labelRoom - 4, opacity: 0.85 },
        encoding: {
          x: { field: 'saving', type: 'quantitative', title: xTitle, axis: xAxis, scale: xScale },
          y: { value: (cellHeight + labelRoom) / 2 },
          color: { ...scenarioColour, legend: null },
        },
      };
    } else {
      const bins = scenarioNames.flatMap((scenario) =>
        histogram(
          values.filter((v) => v.scenario === scenario).map((v) => v.saving),
          target.perYear,
          Math.max(...savings, target.perYear) - Math.min(...savings, 0),
          summary.replications,
        ).map((b) => ({ scenario, ...b })),
      );
      const tallest = Math.max(1, ...bins.map((b) => b.count));
      data = bins;
      distribution = {
        mark: { type: 'rect', opacity: 0.85, stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'from', type: 'quantitative', title: xTitle, axis: xAxis, scale: xScale },
          x2: { field: 'to' },
          y: {
            field: 'count',
            type: 'quantitative',
            title: 'Replications',
            // Counts: whole-number ticks, as the run charts' count axes.
            axis: { tickCount: 3, tickMinStep: 1, format: 'd' },
            scale: { domain: [0, (tallest * cellHeight) / (cellHeight - labelRoom)], nice: false },
          },
          y2: { datum: 0 },
          color: { ...scenarioColour, legend: null },
        },
      };
    }
    // In a facet every layer sees the rows of its cell: one row per cell, so one line each.
    const perCell = [{ aggregate: [{ op: 'count', as: 'n' }], groupby: ['scenario'] }];
    charts.push({
      name: 'target-year-saving',
      title: `Revenue saving in ${target.year} against the ${formatMoney(target.perYear)} target`,
      spec: withSource(
        {
          title: {
            text: `Revenue saving in ${target.year} against the ${formatMoney(target.perYear)} target`,
            subtitle: [
              few
                ? `Each tick is one of ${reps}; below £0 the scenario costs more than the base.`
                : `Replications by saving (${reps}); below £0 the scenario costs more than the base.`,
              ...reach,
            ],
          },
          data: { values: data },
          // A row per scenario, named above it, all on one money axis.
          facet: {
            row: {
              field: 'scenario',
              type: 'nominal',
              sort: scenarioNames,
              title: null,
              header: {
                labelAngle: 0,
                labelOrient: 'top',
                labelAnchor: 'start',
                labelAlign: 'left',
                labelFontSize: 12,
                labelLimit: 0,
                // vega sets the label 13px above the cell on its own; bring it closer to its row.
                labelPadding: -6,
              },
            },
          },
          spacing: few ? 8 : 14,
          spec: {
            width: WIDTH,
            height: cellHeight,
            layer: [
              distribution,
              {
                transform: perCell,
                mark: { type: 'rule', color: '#888', strokeWidth: 1 },
                encoding: { x: { datum: 0, type: 'quantitative' } },
              },
              {
                transform: perCell,
                mark: { type: 'rule', color: '#000', strokeWidth: 1.5, strokeDash: [5, 4] },
                encoding: { x: { datum: target.perYear, type: 'quantitative' } },
              },
              {
                // Labelled once, in the first row, ending at the line.
                transform: [...perCell, { filter: { field: 'scenario', equal: scenarioNames[0] } }],
                mark: { type: 'text', align: 'right', baseline: 'top', dx: -5, dy: 1, fontSize: 12 },
                encoding: {
                  x: { datum: target.perYear, type: 'quantitative' },
                  y: { value: 0 },
                  text: { value: targetText },
                },
              },
            ],
          },
        },
        source,
      ),
    });
  }

  // 4. What the answer hangs on and where it turns, when parameters were drawn from beliefs.
  const analysed = summary.scenarios.filter((s) => s.psa !== null);
  analysed.forEach((s, i) =>
    charts.push(...psaCharts(s.name, s.psa!, source, analysed.length === 1 ? '' : `-${i + 1}`)),
  );
  return charts;
}
