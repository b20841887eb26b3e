/**
 * The charts of a comparison (`caresim compare`), as vega-lite specs built by pure functions
 * from the comparison folder's files (compare.json, compare-costs.csv, compare-years.csv and
 * compare-replications.csv), so that they can be redrawn without simulating again:
 *
 * - `cost-by-scenario`: each scenario's revenue cost against the base's by financial year (the
 *   paired difference, replication by replication), one panel per scenario, its mean with the
 *   range of outcomes, titled with what it costs against the base in the target (or last) year;
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
import { listWords, shortName } from './findings.ts';

/** Okabe-Ito without its yellow, which is too pale for a line or a tick on white. */
const COLOURS = PALETTE.filter((c) => c !== '#F0E442');
const colourOf = (i: number) => COLOURS[i % COLOURS.length]!;

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
/** Small multiples, a row a scenario, each named above its panel at the left, whole. */
const scenarioRows = (names: readonly string[], labelPadding: number) => ({
  field: 'scenario',
  type: 'nominal',
  sort: names,
  title: null,
  header: {
    labelAngle: 0,
    labelOrient: 'top',
    labelAnchor: 'start',
    labelAlign: 'left',
    labelFontSize: 12,
    labelLimit: 0,
    labelPadding,
  },
});

export function compareCharts(input: CompareInput, source: Source): ChartDefinition[] {
  const { summary } = input;
  const reps = `${summary.replications} replications`;
  const scenarioNames = summary.scenarios.map((s) => s.name);
  const charts: ChartDefinition[] = [];

  // 1. Each scenario's revenue cost against the base's, by financial year: small multiples.
  const modelNames = [summary.base.name, ...scenarioNames.filter((n) => n !== summary.base.name)];
  charts.push(costDifferenceChart(input, source, modelNames));

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
      text: `${formatMoney(r.mean)} (95% interval of the mean ${formatMoney(r.ciLow ?? r.mean)} to ${formatMoney(r.ciHigh ?? r.mean)})`,
    }));
  const paybackTooltip = [
    { field: 'scenario', title: 'Scenario' },
    { field: 'year', title: 'By the end of' },
    { field: 'text', title: 'Cumulative net saving' },
  ];
  const lastYear = cumulative.reduce((y, r) => (r.year > y ? r.year : y), '');
  const paybackLines = summary.scenarios.map(
    (s) =>
      `${s.name}: paid back by ${lastYear} in ${percent(s.payback.probabilityWithinHorizon)} of replications`,
  );
  const paybackWhat = 'Cumulative net saving against the base, after capital';
  charts.push({
    name: 'payback',
    title: paybackWhat,
    spec: withSource(
      {
        title: {
          text: paybackFinding(input) ?? paybackWhat,
          subtitle: [
            `${paybackWhat}: revenue savings less extra capital, added up year by year; mean of ${reps} with the 95% interval of the mean. A line above zero has paid back.`,
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
              tooltip: paybackTooltip,
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
              tooltip: paybackTooltip,
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
    const targetWhat = `Revenue saving in ${target.year} against the ${formatMoney(target.perYear)} target`;
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
        ).map((b) => ({ scenario, ...b, range: `${formatMoney(b.from)} to ${formatMoney(b.to)}` })),
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
          tooltip: [
            { field: 'scenario', title: 'Scenario' },
            { field: 'range', title: 'Saving' },
            { field: 'count', title: 'Replications' },
          ],
        },
      };
    }
    // In a facet every layer sees the rows of its cell: one row per cell, so one line each.
    const perCell = [{ aggregate: [{ op: 'count', as: 'n' }], groupby: ['scenario'] }];
    charts.push({
      name: 'target-year-saving',
      title: targetWhat,
      spec: withSource(
        {
          title: {
            text: targetFinding(summary) ?? targetWhat,
            subtitle: [
              few
                ? `${targetWhat}: each tick is one of ${reps}; below £0 the scenario costs more than the base.`
                : `${targetWhat}: replications by saving (${reps}); below £0 the scenario costs more than the base.`,
              ...reach,
            ],
          },
          data: { values: data },
          // A row per scenario, named above it, all on one money axis.
          // vega sets the label 13px above the cell on its own; bring it closer to its row.
          facet: { row: scenarioRows(scenarioNames, -6) },
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

/** The year a comparison's titles speak of: the savings-target year, or the last year. */
function headlineYear(input: CompareInput): string | null {
  const target = input.summary.scenarios.find((s) => s.target !== null)?.target;
  const years = [...new Set(input.years.filter((r) => r.measure === 'saving').map((r) => r.year))].sort();
  if (target && years.includes(target.year)) return target.year;
  return years[years.length - 1] ?? null;
}

/** "costs £2.35m less than", "costs £120k more than", "costs the same as". */
function costsAgainst(difference: number): string {
  if (Math.abs(difference) < 500) return 'costs the same as';
  return `costs ${formatMoney(Math.abs(difference))} ${difference < 0 ? 'less' : 'more'} than`;
}

/**
 * The finding of the cost chart: what each scenario costs against the base in the target year
 * (the last year without one), cheapest first. Null without savings by year.
 */
export function costDifferenceFinding(input: CompareInput): string | null {
  const year = headlineYear(input);
  if (year === null) return null;
  const base = shortName(input.summary.base.name);
  const rows = input.summary.scenarios
    .map((s) => {
      const r = input.years.find((y) => y.measure === 'saving' && y.scenario === s.name && y.year === year);
      return r ? { name: shortName(s.name), difference: -r.mean } : null;
    })
    .filter((r) => r !== null)
    .sort((a, b) => a.difference - b.difference);
  if (rows.length === 0) return null;
  const [first, ...rest] = rows as [(typeof rows)[number], ...typeof rows];
  const others = rest.map(
    (r) => `${r.name} ${costsAgainst(r.difference).replace(/^costs | than$| as$/g, '')}`,
  );
  return `In ${year} ${first.name} ${costsAgainst(first.difference)} ${base}${others.length > 0 ? `; ${listWords(others)}` : ''}`;
}

/** Each scenario's revenue cost against the base's, by financial year, one panel per scenario. */
function costDifferenceChart(
  input: CompareInput,
  source: Source,
  modelNames: readonly string[],
): ChartDefinition {
  const { summary } = input;
  const scenarioNames = summary.scenarios.map((s) => s.name);
  const year = headlineYear(input);
  const values = input.years
    .filter((r) => r.measure === 'saving')
    .map((r) => {
      const difference = -r.mean;
      return {
        scenario: r.scenario,
        year: r.year,
        difference,
        // The range of outcomes of the paired difference: minus the saving's 95th to 5th percentiles.
        low: -r.p95,
        high: -r.p5,
        label: r.year === year ? formatMoney(difference) : '',
        text: `${formatMoney(difference)} (range of outcomes ${formatMoney(-r.p95)} to ${formatMoney(-r.p5)})`,
      };
    });
  const tooltip = [
    { field: 'scenario', title: 'Scenario' },
    { field: 'year', title: 'Financial year' },
    { field: 'text', title: 'Cost against the base (mean)' },
  ];
  const colour = {
    field: 'scenario',
    type: 'nominal',
    legend: null,
    scale: { domain: scenarioNames, range: scenarioNames.map((n) => colourOf(modelNames.indexOf(n))) },
  } as const;
  const perCell = [{ aggregate: [{ op: 'count', as: 'n' }], groupby: ['scenario'] }];
  const what = 'Revenue cost by financial year, each scenario against the base';
  return {
    name: 'cost-by-scenario',
    title: what,
    spec: withSource(
      {
        title: {
          text: costDifferenceFinding(input) ?? what,
          subtitle: [
            `Each scenario's revenue cost minus the base's ("${summary.base.name}"), replication by replication, by financial year: mean of ${summary.replications} replications (line) and the range of outcomes, 5th to 95th percentile (band). Below £0 the scenario costs less.`,
          ],
        },
        data: { values },
        facet: { row: scenarioRows(scenarioNames, 4) },
        spacing: 14,
        spec: {
          width: WIDTH - 30,
          height: Math.max(110, Math.round(260 / Math.max(1, scenarioNames.length))),
          layer: [
            {
              mark: { type: 'area', opacity: 0.2 },
              encoding: {
                x: YEAR_AXIS,
                y: { field: 'low', type: 'quantitative' },
                y2: { field: 'high' },
                color: colour,
                tooltip,
              },
            },
            {
              transform: perCell,
              mark: { type: 'rule', color: '#000', strokeWidth: 1 },
              encoding: { y: { datum: 0, type: 'quantitative' } },
            },
            {
              mark: { type: 'line', strokeWidth: 2.5, point: { size: 30, filled: true } },
              encoding: {
                x: YEAR_AXIS,
                y: {
                  field: 'difference',
                  type: 'quantitative',
                  title: ['£ a year against', 'the base'],
                  axis: { labelExpr: MONEY_LABEL, tickCount: 4 },
                },
                color: colour,
                tooltip,
              },
            },
            {
              // The headline year's mean, written beside its point.
              transform: [{ filter: "datum.label !== ''" }],
              mark: { type: 'text', align: 'left', dx: 6, dy: -9, fontSize: 11, fontWeight: 'bold' },
              encoding: {
                x: YEAR_AXIS,
                y: { field: 'difference', type: 'quantitative' },
                text: { field: 'label' },
              },
            },
          ],
        },
      },
      source,
    ),
  };
}

/**
 * The finding of the payback chart: when each scenario pays back (its median year) and what it
 * has saved, net of capital, by the last year.
 */
export function paybackFinding(input: CompareInput): string | null {
  const cumulative = input.years.filter((r) => r.measure === 'cumulativeNetSaving');
  const last = cumulative.reduce((y, r) => (r.year > y ? r.year : y), '');
  if (last === '' || input.summary.scenarios.length === 0) return null;
  const rows = input.summary.scenarios.map((s) => ({
    name: shortName(s.name),
    year: s.payback.medianYear,
    end: cumulative.find((r) => r.scenario === s.name && r.year === last)?.mean ?? NaN,
  }));
  const net = (x: number) =>
    x >= 0 ? `saved ${formatMoney(x)} net of capital` : `lost ${formatMoney(-x)} net of capital`;
  const years = new Set(rows.map((r) => r.year));
  if (rows.length > 1 && years.size === 1) {
    const year = rows[0]!.year;
    const all = rows.length === 2 ? 'Both' : 'All';
    const ends = rows.map((r) => r.end);
    const sameSign = ends.every((e) => e >= 0) || ends.every((e) => e < 0);
    const saved = sameSign
      ? `${ends[0]! >= 0 ? 'saved' : 'lost'} ${listWords(ends.map((e) => formatMoney(Math.abs(e))))} net of capital`
      : listWords(rows.map((r) => `${r.name} ${net(r.end)}`));
    return year === null
      ? `${all} scenarios have not paid back by ${last} in half the replications; by then they have ${saved}`
      : `${all} scenarios pay back by ${year} (the median year); by ${last} they have ${saved}`;
  }
  const one = (r: (typeof rows)[number]) =>
    r.year === null
      ? `${r.name} has not paid back by ${last} in half the replications`
      : `${r.name} pays back by ${r.year} (the median year)`;
  if (rows.length === 1) return `${one(rows[0]!)} and has ${net(rows[0]!.end)} by ${last}`;
  return rows.map(one).join('; ');
}

/**
 * The finding of the target chart: whether each scenario reaches the savings target more often
 * than not (the subtitle gives each one's chance).
 */
export function targetFinding(summary: CompareInput['summary']): string | null {
  const tested = summary.scenarios.filter((s) => s.target !== null);
  const t = tested[0]?.target;
  if (!t) return null;
  const goal = `the ${formatMoney(t.perYear)} target in ${t.year}`;
  const chance = (s: (typeof tested)[number]) => s.target!.probabilityMet;
  if (tested.length === 1)
    return `${shortName(tested[0]!.name)} reaches ${goal} in ${percent(chance(tested[0]!))} of replications`;
  const meets = tested.filter((s) => chance(s) >= 0.5);
  const two = tested.length === 2;
  if (meets.length === 0)
    return `${two ? 'Neither scenario reaches' : 'No scenario reaches'} ${goal} more often than not`;
  if (meets.length === tested.length)
    return `${two ? 'Both scenarios reach' : 'Every scenario reaches'} ${goal} more often than not`;
  return `Only ${listWords(meets.map((s) => shortName(s.name)))} ${meets.length === 1 ? 'reaches' : 'reach'} ${goal} more often than not`;
}
