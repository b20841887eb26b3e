/**
 * The charts of a comparison's probabilistic sensitivity analysis (experiment/psa.ts), and the
 * words both they and the report use for it:
 *
 * - `hangs-on`: the share of the spread of the target-year saving each uncertain parameter
 *   alone explains, with what knowing it before deciding would be worth (EVPPI);
 * - `thresholds`: for the most influential parameters, the chance of meeting the savings target
 *   as the parameter moves across its belief (the expected saving, without a target), the 50%
 *   line and the value where the answer turns, marked.
 */
import type { Crossing, Psa, PsaRow } from '../experiment/psa.ts';
import { withSource, type ChartDefinition } from './runCharts.ts';
import { PALETTE, percent, WIDTH, type Source } from './style.ts';
import { formatMoney, MONEY_LABEL } from './money.ts';
import { wrapText } from './text.ts';

/**
 * A vega expression putting every label on two lines, a long one split at its last space before
 * the 48th character: all two lines, so that the panels of a row stay level.
 */
const WRAP_LONG = 48;
const WRAP =
  "length(datum.label) > 48 ? [slice(datum.label, 0, lastindexof(slice(datum.label, 0, 48), ' ')), slice(datum.label, lastindexof(slice(datum.label, 0, 48), ' ') + 1)] : [datum.label, ' ']";

/** Parameters shown in the bar chart and in the threshold panels. */
const BARS = 10;
const PANELS = 4;
/** Width of the parameter names beside the bars, in pixels at 11 px. */
const NAME_WIDTH = 230;

const SHARE_FIELD = /growth|inflation|rate|share|probability|uplift|ratio/i;
const MONEY_FIELD = /cost|price|capital|fee|grant|value$/i;

/** A parameter's value in its kind of unit: 9.1% for a growth or share, £5.2k for money, else 3 figures. */
export function formatParameterValue(field: string, x: number): string {
  const last =
    field
      .split('.')
      .filter((k) => !/^\d+$/.test(k) && k !== 'value' && k !== 'otherwise')
      .pop() ?? field;
  // A growth or inflation is a rate wherever it sits (finance.inflation.external).
  if ((SHARE_FIELD.test(last) || /growth|inflation/i.test(field)) && !/ratio/i.test(last) && Math.abs(x) < 2)
    return `${(x * 100).toFixed(1)}%`;
  // A weekly price needs its pounds: £4,125 a week, not £4k.
  if (MONEY_FIELD.test(last) || /Price|Cost/.test(field)) return formatMoney(x);
  return String(Number(x.toPrecision(3)));
}

/** "above 9.1%" / "below 0.62" */
const side = (row: PsaRow, c: Crossing, meetsAbove: boolean) =>
  `${meetsAbove ? 'above' : 'below'} ${formatParameterValue(row.fields[0]!, c.value)}`;

/**
 * Where the answer turns on one parameter, in words, or null: "meets £2.5m in 2027/28 (a chance
 * over one half) if external price growth is above 9.1%".
 */
export function thresholdSentence(row: PsaRow, psa: Psa): string | null {
  const t = row.targetThreshold;
  if (t && psa.target !== null)
    return `meets ${formatMoney(psa.target)} in ${psa.year} more often than not if ${row.label.toLowerCase()} is ${side(row, t, t.direction === 'rising')}${t.several ? ' (the curve crosses more than once: the first crossing)' : ''}`;
  const s = row.savingThreshold;
  if (s)
    return `saves money in ${psa.year}, on average, only if ${row.label.toLowerCase()} is ${side(row, s, s.direction === 'rising')}`;
  return null;
}

/** The parameters shown: the largest variance shares, then any whose EVPPI is large. */
export const shownRows = (psa: Psa, n: number): PsaRow[] => psa.rows.slice(0, n);

/** The PSA charts of one scenario against the base (none when the comparison drew no beliefs). */
export function psaCharts(scenario: string, psa: Psa, source: Source, suffix = ''): ChartDefinition[] {
  const charts: ChartDefinition[] = [];
  const rows = shownRows(psa, BARS);
  const top = rows[0]!;
  // When no parameter is worth knowing, one sentence says so rather than a £0 beside every bar.
  const worthKnowing = rows.some((r) => r.evppi > 0);
  // Names on up to three lines beside a narrower plot, so that the chart fits an A4 page whole.
  const bars = rows.map((r) => ({
    name: wrapText(r.label, NAME_WIDTH, 11).join('|'),
    share: r.varianceShare,
    evppi: worthKnowing ? `knowing it: ${formatMoney(r.evppi)}` : '',
  }));
  const hangsTitle = `${top.label} explains ${percent(top.varianceShare)} of the spread of the ${psa.year} saving`;
  charts.push({
    name: `hangs-on${suffix}`,
    title: `What the ${psa.year} saving of "${scenario}" hangs on`,
    spec: withSource(
      {
        title: {
          text: hangsTitle,
          subtitle: [
            `"${scenario}" against the base: the share of the variance of the ${psa.year} revenue saving across ${psa.replications} replications that`,
            ...(worthKnowing
              ? [
                  'each uncertain parameter alone explains (smooth regression on the parameter). Beside each bar: the expected value of knowing',
                  'the parameter before choosing between the scenario and the base (EVPPI, on the net present value). Shares need not add to 100%.',
                ]
              : [
                  'each uncertain parameter alone explains (smooth regression on the parameter); shares need not add to 100%. Knowing any one of them',
                  `before deciding would not change the choice: ${psa.expectedNetBenefit >= 0 ? `"${scenario}"` : 'the base'} has the higher net present value whatever its value (EVPPI £0 each).`,
                ]),
          ],
        },
        width: WIDTH - NAME_WIDTH - 80,
        // Room for a name on three lines.
        height: Math.max(80, 46 * bars.length),
        data: { values: bars },
        layer: [
          {
            mark: { type: 'bar', color: PALETTE[0], height: 14 },
            encoding: {
              // Whole names: the name is the point of the chart.
              y: {
                field: 'name',
                type: 'nominal',
                sort: null,
                title: null,
                axis: { labelLimit: 0, labelExpr: "split(datum.label, '|')" },
              },
              x: {
                field: 'share',
                type: 'quantitative',
                title: `Share of the variance of the ${psa.year} saving`,
                scale: { domain: [0, 1] },
                axis: { format: '.0%' },
              },
            },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#333' },
            encoding: {
              y: { field: 'name', type: 'nominal', sort: null },
              x: { field: 'share', type: 'quantitative' },
              text: { field: 'evppi' },
            },
          },
        ],
      },
      source,
    ),
  });

  const panels = shownRows(psa, PANELS);
  const withChance = psa.target !== null;
  // One table for every layer (a faceted chart's layers all read the facet's data), told apart by kind.
  // Each panel's axis in its parameter's unit: a rate as a percentage, money in pounds (the
  // panel's name says which), since a faceted chart's axes share one number format.
  const unitOf = (r: PsaRow) => {
    const probe = formatParameterValue(r.fields[0]!, 0.05);
    return probe.endsWith('%')
      ? { scale: 100, suffix: ' (%)' }
      : probe.startsWith('£')
        ? { scale: 1, suffix: ' (£)' }
        : { scale: 1, suffix: '' };
  };
  const panelName = (r: PsaRow) => `${r.label}${unitOf(r).suffix}`;
  const points = panels.flatMap((r) => {
    const c = withChance ? r.targetThreshold : r.savingThreshold;
    const k = unitOf(r).scale;
    const parameter = panelName(r);
    return [
      ...r.curve.map((p) => ({
        parameter,
        kind: 'curve',
        value: p.value * k,
        y: withChance ? p.chance! : p.saving,
      })),
      { parameter, kind: 'central', value: r.central * k, y: null },
      ...(c ? [{ parameter, kind: 'turn', value: c.value * k, y: withChance ? 0.5 : 0 }] : []),
    ];
  });
  const turning = panels.map((r) => thresholdSentence(r, psa)).find((s) => s !== null);
  const level = withChance ? 0.5 : 0;
  const turningTitle = turning
    ? `"${scenario}" ${turning}`
    : withChance
      ? `No one parameter alone brings the chance of ${formatMoney(psa.target!)} in ${psa.year} across one half`
      : `No one parameter alone turns the ${psa.year} saving from a loss to a saving`;
  charts.push({
    name: `thresholds${suffix}`,
    title: `Where the answer turns, "${scenario}" against the base`,
    spec: withSource(
      {
        title: {
          text: turningTitle,
          subtitle: [
            withChance
              ? `Chance that "${scenario}" saves ${formatMoney(psa.target!)} or more in ${psa.year}, as each parameter moves across its belief`
              : `Expected revenue saving of "${scenario}" in ${psa.year}, as each parameter moves across its belief`,
            `(the others still uncertain): ${withChance ? 'logistic' : 'smooth'} regression on ${psa.replications} replications. Dashed: the model file's value; dot: where the answer turns.`,
          ],
        },
        facet: {
          field: 'parameter',
          type: 'nominal',
          title: null,
          sort: panels.map(panelName),
          // Long names on two lines, broken at a space, rather than cut.
          header: {
            labelFontSize: 12,
            labelLimit: 0,
            labelAnchor: 'start',
            ...(panels.some((r) => r.label.length > WRAP_LONG) ? { labelExpr: WRAP } : {}),
          },
        },
        columns: 2,
        resolve: { scale: { x: 'independent' } },
        data: { values: points },
        spec: {
          width: WIDTH / 2 - 40,
          height: 150,
          layer: [
            {
              transform: [{ filter: "datum.kind === 'curve'" }],
              mark: { type: 'line', strokeWidth: 2.5, color: PALETTE[0] },
              encoding: {
                x: { field: 'value', type: 'quantitative', title: null, scale: { zero: false, nice: false } },
                y: withChance
                  ? {
                      field: 'y',
                      type: 'quantitative',
                      title: 'Chance of meeting the target',
                      scale: { domain: [0, 1] },
                      axis: { format: '.0%', tickCount: 5 },
                    }
                  : {
                      field: 'y',
                      type: 'quantitative',
                      title: `Saving in ${psa.year}`,
                      axis: { labelExpr: MONEY_LABEL },
                    },
              },
            },
            {
              transform: [{ filter: "datum.kind === 'central'" }],
              mark: { type: 'rule', color: '#000', strokeWidth: 1 },
              encoding: { y: { datum: level, type: 'quantitative' } },
            },
            {
              transform: [{ filter: "datum.kind === 'central'" }],
              mark: { type: 'rule', color: '#777', strokeDash: [4, 3] },
              encoding: { x: { field: 'value', type: 'quantitative' } },
            },
            {
              transform: [{ filter: "datum.kind === 'turn'" }],
              mark: { type: 'point', filled: true, size: 70, color: PALETTE[3], opacity: 1 },
              encoding: {
                x: { field: 'value', type: 'quantitative' },
                y: { field: 'y', type: 'quantitative' },
              },
            },
          ],
        },
      },
      source,
    ),
  });
  return charts;
}
