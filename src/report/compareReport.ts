/**
 * The report of a comparison: what each scenario changes against the base, replication by
 * replication (common random numbers), in plain English with intervals; the comparison
 * charts; savings by financial year; the assumptions of the base and what each scenario
 * changes; method notes. Same formats as the run report (renderHtml, renderMarkdown).
 */
import type { PairedMetric, ScenarioComparison } from '../experiment/compare.ts';
import { listProvenance, type ProvenanceEntry } from '../scenario/provenance.ts';
import { percent as pctWords } from '../charts/style.ts';
import { appendix, methodNotes } from './runReport.ts';
import type { Block, ReportDoc } from './blocks.ts';
import { assumptionTable } from './assumptions.ts';
import type { Psa } from '../experiment/psa.ts';
import { formatParameterValue, thresholdSentence } from '../charts/psaCharts.ts';
import { percent } from '../charts/style.ts';
import { formatValue } from './textTable.ts';
import { formatMoney } from '../charts/money.ts';
import {
  chanceInWords,
  chanceWithError,
  intervalsExplained,
  mcErrorOf,
  mcIntervalOf,
  meanWithRange,
  MC_HEADING,
  RANGE_HEADING,
  rangeOf,
  type UncertainShown,
} from './uncertaintyWords.ts';

export interface CompareReportInput {
  manifest: Record<string, unknown> & {
    models: { file: string; name: string }[];
    resolvedModels: unknown[];
    modelsAsWritten?: unknown[] | null;
    /** The horizon in years. */
    years?: number;
    uncertain?: UncertainShown[];
  };
  comparisons: Omit<ScenarioComparison, 'perRep'>[];
  charts: { name: string; title: string; svg: string; png: string }[];
}

const pct = (p: number) => `${Math.round(p * 100)}%`;

/** " (range of outcomes £a to £b; average to within ±£h)" */
const both = (m: PairedMetric): string => {
  const mc = mcErrorOf(m, m.unit);
  return ` (range of outcomes ${rangeOf(m, m.unit)}${mc ? `; average to within ${mc}` : ''})`;
};
const v = (m: PairedMetric) => formatValue(m.mean, m.unit);

/**
 * The answer for one scenario against the base, in the sentence a report opens with (GOV.UK
 * Analysis Function: the finding first, the chance in words and numbers, the range of outcomes):
 * "The plan is unlikely (about 4 in 10) to save £2.5m a year in 2027/28 against doing nothing:
 * a 45% chance; most likely £2.3m (range of outcomes £90k to £4.99m)."
 */
export function comparisonLead(c: Omit<ScenarioComparison, 'perRep'>, baseName: string): string {
  if (c.target) {
    const s = c.savingByYear[c.target.year]!;
    const p = c.target.probabilityMet;
    const goal = `save ${formatMoney(c.target.perYear)} a year in ${c.target.year} against "${baseName}"`;
    const verdict =
      p <= 0.005
        ? `"${c.name}" will almost certainly not ${goal}`
        : p >= 0.995
          ? `"${c.name}" is almost certain to ${goal}`
          : `"${c.name}" is ${chanceInWords(p)} to ${goal}: a ${pctWords(p)} chance`;
    return `${verdict}; the saving is most likely ${formatValue(s.p50, '£')} (range of outcomes ${rangeOf(s, '£')}).`;
  }
  const a = c.metrics.costAvoided!;
  const span = c.span;
  const less = a.p50 >= 0;
  return `"${c.name}" most likely costs ${formatValue(Math.abs(a.p50), '£')} ${less ? 'less' : 'more'} than "${baseName}" from ${span} (range of outcomes: ${a.p5 >= 0 ? `${formatValue(a.p5, '£')} to ${formatValue(a.p95, '£')} less` : a.p95 <= 0 ? `${formatValue(-a.p95, '£')} to ${formatValue(-a.p5, '£')} more` : `${formatValue(-a.p5, '£')} more to ${formatValue(a.p95, '£')} less`}); it is cheaper in ${pctWords(c.probabilityCheaper)} of simulated futures.`;
}

/**
 * The findings for one scenario against the base, answer first: the savings target (if any) as
 * a chance in words and numbers, then money, payback and children, each value with its range of
 * outcomes and the simulation error of its average, then what the answer hangs on.
 */
export function comparisonFindings(c: Omit<ScenarioComparison, 'perRep'>, baseName: string): string[] {
  const years = Object.keys(c.savingByYear);
  const m = c.metrics;
  const n = m.costAvoided!.n;
  const out: string[] = [];
  if (c.target) {
    const s = c.savingByYear[c.target.year]!;
    const p = c.target.probabilityMet;
    out.push(
      `Savings target: against "${baseName}", "${c.name}" is ${chanceInWords(p)} to save ${formatMoney(c.target.perYear)} a year in ${c.target.year}: it does in ${chanceWithError(p, n)}. The saving in ${c.target.year} is ${v(s)} on average${both(s)}.`,
    );
  }
  out.push(
    `Against "${baseName}", "${c.name}" avoids ${v(m.costAvoided!)} of revenue cost from ${c.span ?? `${years[0]} to ${years[years.length - 1]}`}${both(m.costAvoided!)}, for ${v(m.capitalExtra!)} of extra capital (net of grants, every year); it costs less over those years in ${chanceWithError(c.probabilityCheaper, n)}.`,
    `Net present value of the savings less the capital, counting the value kept in the buildings, ${c.npvBasis === 'real' ? 'in price-base money (real terms)' : 'in the money of each year (nominal terms)'}: ${v(m.netPresentValue!)}${both(m.netPresentValue!)}.`,
    c.payback.medianYear
      ? `Payback: in ${c.payback.medianYear} in the median replication (range of outcomes ${c.payback.p5Year ?? 'never'} to ${c.payback.p95Year ?? 'not within the horizon'}); ${pct(c.payback.probabilityWithinHorizon)} of replications pay back within the horizon.`
      : `Payback: not within the horizon in most replications (${pct(c.payback.probabilityWithinHorizon)} pay back within it).`,
    `${v(m.outOfCountyPlacementsAvoided!)} placements out of county avoided${both(m.outOfCountyPlacementsAvoided!)}; on average ${v(m.outOfCountyChildrenFewer!)} fewer children out of county at any one time${both(m.outOfCountyChildrenFewer!)}.`,
  );
  return out;
}

/** What the answer hangs on, in sentences: the parameters that explain the spread, EVPPI, thresholds. */
export function psaFindings(name: string, psa: Psa): string[] {
  const top = psa.rows.slice(0, 3).filter((r) => r.varianceShare >= 0.01);
  const out: string[] = [
    top.length === 0
      ? `What the answer hangs on: no single uncertain parameter explains as much as 1% of the spread of the ${psa.year} saving; chance, or parameters acting together, make it.`
      : `What the answer hangs on: of the spread of the ${psa.year} saving, ${top.map((r) => `${r.label.toLowerCase()} alone explains ${percent(r.varianceShare)}`).join(', ')}.`,
  ];
  const valuable = [...psa.rows].sort((a, b) => b.evppi - a.evppi)[0];
  if (valuable)
    out.push(
      valuable.evppi <= 0
        ? `Knowing any one parameter before deciding would not change the choice between "${name}" and the base (the expected value of perfect information on each is £0, on the net present value).`
        : `Knowing ${valuable.label.toLowerCase()} before deciding would be worth ${formatValue(valuable.evppi, '£')} in expectation (the expected value of partial perfect information, on the net present value); on current information the better choice is ${psa.expectedNetBenefit >= 0 ? `"${name}"` : 'the base'}.`,
    );
  for (const r of psa.rows.slice(0, 3)) {
    const t = thresholdSentence(r, psa);
    if (t)
      out.push(
        `Threshold: "${name}" ${t} (the model file has ${formatParameterValue(r.fields[0]!, r.central)}).`,
      );
  }
  return out;
}

/** The table of what the answer hangs on. */
export function psaTable(psa: Psa): { header: string[]; rows: string[][] } {
  return {
    header: [
      'Parameter',
      'Drawn (5th to 95th percentile)',
      `Share of the spread of the ${psa.year} saving`,
      'Rank correlation',
      'Value of knowing it (EVPPI)',
      'Where the answer turns',
    ],
    rows: psa.rows.map((r) => [
      r.label,
      `${formatParameterValue(r.fields[0]!, r.drawnP5)} to ${formatParameterValue(r.fields[0]!, r.drawnP95)}`,
      percent(r.varianceShare),
      r.rankCorrelation.toFixed(2),
      formatValue(r.evppi, '£'),
      thresholdSentence(r, psa) ?? 'does not turn within the belief',
    ]),
  };
}

/** The parameters a report's table of what the answer hangs on shows, most influential first. */
const PSA_ROWS = 8;

/** The section on what the answer hangs on, for each scenario analysed. */
function psaBlocks(comparisons: readonly Omit<ScenarioComparison, 'perRep'>[]): Block[] {
  const analysed = comparisons.filter((c) => c.psa !== null);
  if (analysed.length === 0) return [];
  return [
    { kind: 'h2', text: 'What the answer hangs on' },
    {
      kind: 'p',
      text: "A probabilistic sensitivity analysis of the same replications. Share of the spread: how much of the variance of the saving each parameter alone explains (a smooth regression of the saving on the parameter; parameters acting together can explain more jointly, so shares need not add to 100%). Rank correlation: whether the saving rises (+) or falls (-) with the parameter. Value of knowing it: the expected value of partial perfect information (EVPPI; Strong, Oakley and Brennan 2014), what learning the parameter's true value before choosing between the scenario and the base would be worth, on the net present value; £0 means no value the parameter could take would change the choice. Where the answer turns: the value at which the chance of meeting the savings target crosses one half (a logistic regression of meeting it on the parameter, given only when the parameter's pull is more than twice its standard error), or, without a target, where the expected saving crosses zero (given only for a parameter that explains 2% of the spread or more); every other parameter still uncertain.",
    },
    ...analysed.flatMap((c) => {
      const table = psaTable(c.psa!);
      const shown = table.rows.slice(0, PSA_ROWS);
      return [
        { kind: 'list' as const, items: psaFindings(c.name, c.psa!) },
        {
          kind: 'p' as const,
          text: `"${c.name}" against the base, ${c.psa!.replications} replications${shown.length < table.rows.length ? `: the ${shown.length} parameters that explain most of the spread, of ${table.rows.length} (all of them in compare-psa.csv and results.xlsx)` : ''}:`,
        },
        { kind: 'table' as const, header: table.header, rows: shown },
      ];
    }),
  ];
}

/** Parameters a scenario sets differently from the base (value or provenance). */
export function changedParameters(base: unknown, scenario: unknown): ProvenanceEntry[] {
  const b = new Map(listProvenance(base).map((p) => [p.field, p]));
  return listProvenance(scenario).filter((p) => {
    const q = b.get(p.field);
    return q === undefined || q.value !== p.value || q.text !== p.text;
  });
}

export function compareReportBlocks(input: CompareReportInput): ReportDoc {
  const m = input.manifest;
  const base = m.models[0]!;
  const written = m.modelsAsWritten ?? m.resolvedModels;
  const firstYears = Object.keys(input.comparisons[0]?.savingByYear ?? {});
  const changes = m.models.slice(1).flatMap((sc, i): Block[] => {
    const changed = changedParameters(written[0], written[i + 1]);
    return [
      {
        kind: 'p',
        text: `What "${sc.name}" (${sc.file}) changes: ${changed.length === 0 ? 'no numbers (it changes structure only, such as homes or the ART removed).' : ''}`,
      },
      ...(changed.length === 0 ? [] : [assumptionTable(written[i + 1], changed)]),
    ];
  });
  const blocks: Block[] = [
    ...input.comparisons.map((c) => ({ kind: 'lead' as const, text: comparisonLead(c, base.name) })),
    { kind: 'h2', text: 'Findings' },
    {
      kind: 'p',
      text: `Every scenario was run on the same ${String(m.replications)} replications as the base, with the same seed, so each sees the same referrals, the same children and the same draws of every uncertain parameter; differences are taken replication by replication. ${intervalsExplained(m.replications as number, m.uncertain ?? [])}`,
    },
    ...input.comparisons.flatMap((c) => [{ kind: 'list' as const, items: comparisonFindings(c, base.name) }]),
    { kind: 'h2', text: 'Charts' },
    ...input.charts.map((c) => ({ kind: 'chart' as const, chart: c })),
    { kind: 'h2', text: 'Savings by financial year' },
    {
      kind: 'p',
      text: `Revenue saving against "${base.name}" (its cost minus the scenario's), each scenario's average with its ${RANGE_HEADING} in brackets; money in the prices of each year.`,
    },
    {
      kind: 'table',
      header: ['Financial year', ...input.comparisons.map((c) => `"${c.name}": saving`)],
      rows: firstYears.map((fy) => [
        fy,
        ...input.comparisons.map((c) => meanWithRange(c.savingByYear[fy]!, '£')),
      ]),
    },
    { kind: 'h2', text: 'Savings in detail' },
    {
      kind: 'p',
      text: `For each scenario: the saving's average, its ${RANGE_HEADING} and the ${MC_HEADING}; cumulative net saving (after extra capital) with its range of outcomes.`,
    },
    ...input.comparisons.map((c) => ({
      kind: 'table' as const,
      header: [
        `Financial year: "${c.name}"`,
        'Saving: average',
        `Saving: ${RANGE_HEADING}`,
        `Saving: ${MC_HEADING}`,
        'Cumulative net saving: average (range of outcomes)',
      ],
      rows: firstYears.map((fy) => {
        const s = c.savingByYear[fy]!;
        return [
          fy,
          formatValue(s.mean, '£'),
          rangeOf(s, '£'),
          mcIntervalOf(s, '£'),
          meanWithRange(c.cumulativeNetByYear[fy]!, '£'),
        ];
      }),
    })),
    ...psaBlocks(input.comparisons),
    ...appendix(
      m.uncertain ?? [],
      m.resolvedModels[0] ?? {},
      written[0],
      methodNotes({
        ...m,
        modelName: `${base.name} and ${m.models.length - 1} scenario(s)`,
        model: (m.resolvedModels[0] ?? {}) as Record<string, unknown>,
        // The horizon in years (the manifest's), not the count of financial years it touches.
        years: m.years ?? firstYears.length,
      }),
      changes,
    ),
  ];
  return {
    title: `Scenarios compared with "${base.name}"`,
    subtitle: `${String(m.replications)} replications each, seed ${String(m.seed)}, ${firstYears[0]} to ${firstYears[firstYears.length - 1]}; caresim ${String(m.caresim)}, ${String(m.finishedAt ?? '').slice(0, 10)}`,
    date: String(m.finishedAt ?? '').slice(0, 10),
    blocks,
  };
}
