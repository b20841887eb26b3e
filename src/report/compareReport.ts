/**
 * The report of a comparison: what each scenario changes against the base, replication by
 * replication (common random numbers), in plain English with intervals; the comparison
 * charts; savings by financial year; the assumptions of the base and what each scenario
 * changes; method notes. Same formats as the run report (renderHtml, renderMarkdown).
 */
import type { PairedMetric, ScenarioComparison } from '../experiment/compare.ts';
import { listProvenance, type ProvenanceEntry } from '../scenario/provenance.ts';
import { methodNotes, type Block } from './runReport.ts';
import { formatValue } from './runSummary.ts';
import { formatMoney } from './textTable.ts';

export interface CompareReportInput {
  manifest: Record<string, unknown> & {
    models: { file: string; name: string }[];
    resolvedModels: unknown[];
    modelsAsWritten?: unknown[] | null;
    /** The horizon in years. */
    years?: number;
  };
  comparisons: Omit<ScenarioComparison, 'perRep'>[];
  charts: { name: string; title: string; svg: string; png: string }[];
}

const interval = (m: PairedMetric) =>
  m.ciLow === null
    ? ''
    : ` (95% interval ${formatValue(m.ciLow, m.unit)} to ${formatValue(m.ciHigh, m.unit)})`;
const pct = (p: number) => `${Math.round(p * 100)}%`;

/** The findings for one scenario against the base. */
export function comparisonFindings(c: Omit<ScenarioComparison, 'perRep'>, baseName: string): string[] {
  const years = Object.keys(c.savingByYear);
  const m = c.metrics;
  const out = [
    `Against "${baseName}", "${c.name}" avoids ${formatValue(m.costAvoided!.mean, '£')} of revenue cost from ${c.span ?? `${years[0]} to ${years[years.length - 1]}`}${interval(m.costAvoided!)}, for ${formatValue(m.capitalExtra!.mean, '£')} of extra capital (net of grants, every year); it costs less over those years in ${pct(c.probabilityCheaper)} of replications.`,
    `Net present value of the savings less the capital, counting the value kept in the buildings, ${c.npvBasis === 'real' ? 'in price-base money (real terms)' : 'in the money of each year (nominal terms)'}: ${formatValue(m.netPresentValue!.mean, '£')}${interval(m.netPresentValue!)}.`,
    c.payback.medianYear
      ? `Payback: in ${c.payback.medianYear} in the median replication (5th to 95th percentile: ${c.payback.p5Year ?? 'never'} to ${c.payback.p95Year ?? 'not within the horizon'}); ${pct(c.payback.probabilityWithinHorizon)} of replications pay back within the horizon.`
      : `Payback: not within the horizon in most replications (${pct(c.payback.probabilityWithinHorizon)} pay back within it).`,
    `${formatValue(m.outOfCountyPlacementsAvoided!.mean, 'placements')} placements out of county avoided${interval(m.outOfCountyPlacementsAvoided!)}; on average ${formatValue(m.outOfCountyChildrenFewer!.mean, 'children')} fewer children out of county at any one time.`,
  ];
  if (c.target) {
    const s = c.savingByYear[c.target.year]!;
    out.push(
      `Savings target: a revenue saving of ${formatValue(s.mean, '£')} in ${c.target.year}${interval(s)} against a target of ${formatMoney(c.target.perYear)} a year; the target is met in ${pct(c.target.probabilityMet)} of replications.`,
    );
  }
  return out;
}

/** Parameters a scenario sets differently from the base (value or provenance). */
export function changedParameters(base: unknown, scenario: unknown): ProvenanceEntry[] {
  const b = new Map(listProvenance(base).map((p) => [p.field, p]));
  return listProvenance(scenario).filter((p) => {
    const q = b.get(p.field);
    return q === undefined || q.value !== p.value || q.text !== p.text;
  });
}

export function compareReportBlocks(input: CompareReportInput): {
  title: string;
  subtitle: string;
  blocks: Block[];
} {
  const m = input.manifest;
  const base = m.models[0]!;
  const written = m.modelsAsWritten ?? m.resolvedModels;
  const firstYears = Object.keys(input.comparisons[0]?.savingByYear ?? {});
  const blocks: Block[] = [
    { kind: 'h2', text: 'Findings' },
    {
      kind: 'p',
      text: `Every scenario was run on the same ${String(m.replications)} replications as the base, with the same seed, so each sees the same referrals and the same children; differences are taken replication by replication, and their 95% intervals are those of the paired differences.`,
    },
    ...input.comparisons.flatMap((c) => [{ kind: 'list' as const, items: comparisonFindings(c, base.name) }]),
    { kind: 'h2', text: 'Charts' },
    ...input.charts.map((c) => ({ kind: 'chart' as const, chart: c })),
    { kind: 'h2', text: 'Savings by financial year' },
    {
      kind: 'p',
      text: `Revenue saving against "${base.name}" (its cost minus the scenario's), mean with the 95% interval of the paired difference; cumulative net saving is after extra capital.`,
    },
    {
      kind: 'table',
      header: [
        'Financial year',
        ...input.comparisons.flatMap((c) => [`${c.name}: saving`, `${c.name}: cumulative net`]),
      ],
      rows: firstYears.map((fy) => [
        fy,
        ...input.comparisons.flatMap((c) => {
          const s = c.savingByYear[fy]!;
          return [
            `${formatValue(s.mean, '£')}${s.ciLow === null ? '' : ` (${formatValue(s.ciLow, '£')} to ${formatValue(s.ciHigh, '£')})`}`,
            formatValue(c.cumulativeNetByYear[fy]!.mean, '£'),
          ];
        }),
      ]),
    },
    { kind: 'h2', text: 'Assumptions and sources' },
    {
      kind: 'p',
      text: `The base, "${base.name}" (${base.file}): every number with its source or assumption.`,
    },
    {
      kind: 'table',
      header: ['Parameter', 'Value', 'Kind', 'Source or reason'],
      rows: listProvenance(written[0]).map((p) => [
        p.field,
        p.value,
        p.kind === 'none' ? 'not stated' : p.kind,
        p.text,
      ]),
    },
    ...m.models.slice(1).flatMap((s, i) => {
      const changed = changedParameters(written[0], written[i + 1]);
      return [
        {
          kind: 'p' as const,
          text: `What "${s.name}" (${s.file}) changes: ${changed.length === 0 ? 'no numbers (it changes structure only, such as homes or the ART removed).' : ''}`,
        },
        ...(changed.length === 0
          ? []
          : [
              {
                kind: 'table' as const,
                header: ['Parameter', 'Value', 'Kind', 'Source or reason'],
                rows: changed.map((p) => [
                  p.field,
                  p.value,
                  p.kind === 'none' ? 'not stated' : p.kind,
                  p.text,
                ]),
              },
            ]),
      ];
    }),
    { kind: 'h2', text: 'Method (STRESS-DES)' },
    {
      kind: 'list',
      items: methodNotes({
        ...m,
        modelName: `${base.name} and ${m.models.length - 1} scenario(s)`,
        model: (m.resolvedModels[0] ?? {}) as Record<string, unknown>,
        // The horizon in years (the manifest's), not the count of financial years it touches.
        years: m.years ?? firstYears.length,
      }),
    },
  ];
  return {
    title: `Scenarios compared with "${base.name}"`,
    subtitle: `${String(m.replications)} replications each, seed ${String(m.seed)}, ${firstYears[0]} to ${firstYears[firstYears.length - 1]}; caresim ${String(m.caresim)}, ${String(m.finishedAt ?? '').slice(0, 10)}`,
    blocks,
  };
}
