/**
 * The report of a run, for a committee paper: headline findings in plain English with their
 * intervals, the charts, tables by financial year, every model parameter with its source or
 * assumption, and method notes following the STRESS-DES checklist (Monks et al. 2019). One
 * self-contained HTML file (charts inline, the font embedded, no network) that prints to A4,
 * and the same content as Markdown with the PNGs beside it, for pasting into Word.
 *
 * Pure: built from the contents of a results folder; src/output/reportFiles.ts does the I/O.
 */
import type { MetricSummary } from '../experiment/tables.ts';
import { financialYearOf, fyLabel, monthName, parseDate } from '../engine/calendar.ts';
import type { StatRow } from '../charts/runCharts.ts';
import type { HistoryRow } from '../experiment/history.ts';
import { formatValue } from './textTable.ts';
import {
  intervalsExplained,
  MC_HEADING,
  mcErrorOf,
  RANGE_HEADING,
  rangeOf,
  uncertainTable,
  type UncertainShown,
} from './uncertaintyWords.ts';
import { fieldLabel } from '../scenario/fieldLabel.ts';
import { assumptionBlocks } from './assumptions.ts';
import { fieldUnit } from '../scenario/fieldUnit.ts';
import type { Block, ReportChart, ReportDoc } from './blocks.ts';

/** Everything a run report is made from. */
export interface RunReportInput {
  manifest: Record<string, unknown> & {
    model: Record<string, unknown>;
    modelAsWritten?: unknown;
    uncertain?: UncertainShown[];
  };
  summary: Record<string, MetricSummary>;
  years: StatRow[];
  /** Chart name, title, SVG markup and PNG file name, in order. */
  charts: ReportChart[];
  /** The history check (none when the model gives no documented figures). */
  history?: HistoryRow[];
}

/** " (range of outcomes a to b; average to within ±h)": the range first, as a decision rests on it. */
const range = (m: MetricSummary) => {
  const mc = mcErrorOf(m, m.unit);
  return ` (range of outcomes ${rangeOf(m, m.unit)}${mc ? `; average to within ${mc}` : ''})`;
};
const v = (m: MetricSummary) => formatValue(m.mean, m.unit);

/**
 * The answer a run gives, in one sentence a councillor reads first: children out of county and
 * the cost in the year that matters (the savings target's, else the last reported), the range of
 * outcomes first. A run alone cannot say whether a target is met: that takes a comparison.
 */
export function runLead(
  s: Record<string, MetricSummary>,
  modelName: string,
  fyLabels: readonly string[],
  target: { perYear: number; by: string } | null,
): string {
  const year = target && fyLabels.includes(target.by) ? target.by : fyLabels[fyLabels.length - 1]!;
  const ooc = s[`outOfCounty.atEnd.${year}`];
  const cost = s[`cost.total.${year}`];
  const rate = s['occupancyRate'];
  const parts: string[] = [];
  // Children are whole: a median of 75.5 reads "76".
  const kids = (x: number) => String(Math.round(x));
  if (ooc)
    parts.push(
      `most likely ${kids(ooc.p50)} children are placed out of county at the end of ${year} (range of outcomes ${kids(ooc.p5)} to ${kids(ooc.p95)})`,
    );
  if (cost)
    parts.push(
      `the revenue cost of ${year} is most likely ${formatValue(cost.p50, '£')} (range ${rangeOf(cost, '£')})`,
    );
  if (rate && s['beds.open'] && s['beds.open'].mean > 0)
    parts.push(`local homes are ${formatValue(rate.mean, 'share')} full on average`);
  const head =
    parts.length === 0 ? `"${modelName}" was simulated` : `Under "${modelName}", ${parts.join('; ')}`;
  const tail = target
    ? ` Whether this saves the target of ${formatValue(target.perYear, '£')} a year by ${target.by} is a comparison with what would happen otherwise: run caresim compare with the model of doing nothing.`
    : '';
  return `${head}.${tail}`;
}

/** The headline findings, as sentences a councillor can read. */
export function findings(s: Record<string, MetricSummary>, fyLabels: readonly string[]): string[] {
  const out: string[] = [];
  const first = fyLabels[0];
  const last = fyLabels[fyLabels.length - 1];
  const m = (k: string) => s[k];
  const local = m('occupancy.local');
  const rate = m('occupancyRate');
  const beds = m('beds.open');
  if (local && beds && beds.mean > 0)
    out.push(
      `Local homes: on average ${v(local)} children${range(local)} lived in local homes from ${first} to ${last}, ` +
        `filling ${rate ? v(rate) : '-'} of the beds open${rate ? range(rate) : ''}.`,
    );
  const ooc = m('outOfCounty.children');
  const oocEnd = m(`outOfCounty.atEnd.${last}`);
  if (ooc)
    out.push(
      `Out of county: on average ${v(ooc)} children${range(ooc)} were placed out of county at any one time` +
        (oocEnd ? `; at the end of ${last}, ${v(oocEnd)}${range(oocEnd)}.` : '.'),
    );
  const share = m('overflowShare');
  const full = m('overflow.allFull');
  const none = m('overflow.noEligibleBed');
  if (share && full && none)
    out.push(
      `Overflow: ${v(share)} of placements${range(share)} went out of county for want of a suitable local bed: ` +
        `${v(full)} because suitable local beds were full and ${v(none)} because no local home was open for the child's need.`,
    );
  const years = fyLabels.map((fy) => ({ fy, c: m(`cost.total.${fy}`) })).filter((x) => x.c);
  if (years.length > 0) {
    const f = years[0]!;
    const l = years[years.length - 1]!;
    out.push(
      `Cost: the total revenue cost was ${v(f.c!)} in ${f.fy}${range(f.c!)} and ${v(l.c!)} in ${l.fy}${range(l.c!)}, ` +
        `in the prices of each year.`,
    );
  }
  const bd = m('breakdowns');
  const art = m('art.caseload');
  const wait = m('art.waiting');
  if (bd) out.push(`Breakdowns: ${v(bd)} placements${range(bd)} ended unplanned from ${first} to ${last}.`);
  if (art && art.mean > 0 && wait)
    out.push(
      `The ART supported ${v(art)} children at a time on average${range(art)}, with ${v(wait)} waiting${range(wait)}.`,
    );
  return out;
}

/** A table by financial year of the measures a paper quotes. */
export function yearRows(
  years: readonly StatRow[],
  fyLabels: readonly string[],
): { header: string[]; rows: string[][] } {
  const get = (series: string, fy: string) => years.find((r) => r.series === series && r.period === fy);
  const cell = (r: StatRow | undefined, unit: string) => {
    if (r === undefined) return '-';
    const mc = mcErrorOf(r, unit);
    return `${formatValue(r.mean, unit)} (${rangeOf(r, unit)})${mc ? ` ${mc}` : ''}`;
  };
  return {
    header: [
      'Financial year',
      'Total revenue cost',
      'Children out of county at the year end',
      'Children in local homes (average)',
      'Placements out of county',
    ],
    rows: fyLabels.map((fy) => [
      fy,
      cell(get('cost.total', fy), '£'),
      cell(get('outOfCounty.childrenAtEnd', fy), 'children'),
      cell(get('occupancy.local', fy), 'children'),
      cell(get('placements.outOfCounty', fy), 'placements'),
    ]),
  };
}

/** A history figure in its unit: £9.7m, £2,961 a week, 63.0. */
function historyValue(x: number, unit: string): string {
  if (unit === '£ a week') return `£${Math.round(x).toLocaleString('en-GB')} a week`;
  return formatValue(x, unit);
}

/** What a match of each kind shows. */
const EVIDENCE: Record<HistoryRow['evidence'], string> = {
  independent: 'independent: the model was not fitted to it',
  calibrated: 'calibrated: a target the model was fitted to',
  input: 'input: the model is given it (a check of the bookkeeping)',
};

/** The history check as a table a reviewer can read: each documented figure beside the simulated one. */
export function historyTable(rows: readonly HistoryRow[]): { header: string[]; rows: string[][] } {
  return {
    header: [
      'Figure',
      'When',
      'The documents',
      'Simulated: mean (5th to 95th percentile)',
      'Evidence',
      'Verdict',
    ],
    rows: rows.map((r) => [
      r.label,
      /^\d{4}-\d{2}$/.test(r.period)
        ? `${monthName(Number(r.period.slice(5)))} ${r.period.slice(0, 4)}`
        : r.period,
      `${r.compare === 'atLeast' ? 'at least ' : ''}${Number.isInteger(r.documented) && r.unit !== '£' && r.unit !== '£ a week' ? String(r.documented) : historyValue(r.documented, r.unit)}${r.source ? ` (${r.source.split(':')[0]})` : ''}`,
      `${historyValue(r.simulated.mean, r.unit)} (${historyValue(r.simulated.p5, r.unit)} to ${historyValue(r.simulated.p95, r.unit)})`,
      EVIDENCE[r.evidence],
      `${r.verdict}${r.note ? `: ${r.note}` : ''}`,
    ]),
  };
}

function historyBlocks(rows: readonly HistoryRow[]): Block[] {
  if (rows.length === 0) return [];
  return [
    { kind: 'h2', text: 'History check' },
    {
      kind: 'p',
      text: 'What the documents report beside what the model simulates for the same period. A figure is consistent when it lies within the 5th to 95th percentiles of the replications, or the simulated mean is within the stated tolerance of it (10% unless the model file says otherwise). Only an independent figure tests the model; a calibrated one shows the fit, an input the bookkeeping.',
    },
    { kind: 'table', ...historyTable(rows) },
  ];
}

/** The parameters drawn from beliefs, or the statement that none were and what that means. */
export function uncertainSection(uncertain: readonly UncertainShown[], model: unknown): Block[] {
  return [
    { kind: 'h2', text: APPENDIX.uncertain },
    uncertain.length === 0
      ? {
          kind: 'p',
          text: 'None: every parameter was held at its central value (no beliefs stated, or fixed parameters asked for), so the ranges of outcomes reflect chance alone and understate the uncertainty. State beliefs in the model file (uncertain, or uncertainty.ranges) to carry what we do not know about the numbers into the answer.',
        }
      : {
          kind: 'p',
          text: 'Each of these was drawn once a replication from its belief, by inverse transform from a random stream of its own, so scenarios compared with this model see the same draws; numbers shared through one YAML anchor are one draw.',
        },
    ...(uncertain.length === 0
      ? []
      : [
          {
            kind: 'table' as const,
            ...uncertainTable(
              uncertain,
              (f) => fieldLabel(model, f),
              (f) => fieldUnit(model, f),
            ),
          },
        ]),
  ];
}

/** The appendix's sections: after the answer, for the reader who checks it. */
export const APPENDIX = {
  uncertain: 'Appendix A: uncertain parameters',
  assumptions: 'Appendix B: assumptions and sources',
  method: 'Appendix C: method (STRESS-DES)',
} as const;

/**
 * The appendix of a report: the uncertain parameters, every number of the model by theme in
 * plain names and units, `more` (what scenarios change, in a comparison), then the method notes.
 */
export function appendix(
  uncertain: readonly UncertainShown[],
  model: unknown,
  written: unknown,
  method: string[],
  more: Block[] = [],
): Block[] {
  return [
    ...uncertainSection(uncertain, model),
    { kind: 'h2', text: APPENDIX.assumptions },
    {
      kind: 'p',
      text: 'Every number in the model, by theme, with the document it comes from (cited as document ¶paragraph) or the assumption behind it, and the range explored in sensitivity analysis where one is given. Values are as the model file gives them, in the prices of its price base; the field path under each name finds it in the model file.',
    },
    ...assumptionBlocks(written),
    ...more,
    { kind: 'h2', text: APPENDIX.method },
    { kind: 'list', items: method },
  ];
}

/** The financial years the run's whole-run headlines cover (the model's time.window; all by default). */
export function windowOf(manifest: RunReportInput['manifest'], fyLabels: readonly string[]): string[] {
  const w = (manifest.model as { time?: { window?: { from: string; to?: string } } }).time?.window;
  if (!w) return [...fyLabels];
  const from = Math.max(0, fyLabels.indexOf(w.from));
  const to = w.to === undefined ? fyLabels.length - 1 : fyLabels.indexOf(w.to);
  return fyLabels.slice(from, (to < 0 ? fyLabels.length - 1 : to) + 1);
}

/** "April to March" for financial years starting in month 4 (1-12). */
const financialYearSpan = (start: number) => `${monthName(start)} to ${monthName(((start + 10) % 12) + 1)}`;

/** Method notes under the STRESS-DES headings, with this run's particulars. */
export function methodNotes(manifest: RunReportInput['manifest']): string[] {
  const model = manifest.model as {
    time?: { start?: string; warmupYears?: unknown; financialYearStartMonth?: number };
    initialCensus?: unknown;
  };
  const warmup = model.time?.warmupYears;
  const streams = (manifest.streams as string[] | undefined) ?? [];
  return [
    `Objective: estimate occupancy of local homes, placements out of county and cost by financial year for the model "${String(manifest.modelName)}", with their uncertainty.`,
    'Logic: a discrete-event simulation, child by child: referrals, assessment beds, matching to local homes (by need, registration, single occupancy), out-of-county overflow, breakdowns as a competing risk, step-downs delayed while no onward place is free, ageing out, and ART support with a capped caseload. The full logic is in docs/model.md of caresim.',
    'Inputs: every parameter is in the model file, with its source or the assumption behind it (the table above). Distributions are sampled by inverse transform.',
    `Initialisation: ${model.initialCensus ? 'an initial census of children already placed at the start, with remaining stays drawn from the length-biased residual of the stay distribution' : 'no initial census'}${warmup ? `, and a warm-up of ${String(typeof warmup === 'object' ? (warmup as { value: number }).value : warmup)} years not reported` : ''}.`,
    `Run length: ${String(manifest.years)} years from ${String(manifest.start ?? model.time?.start)}, reported by month and by financial year (${financialYearSpan(model.time?.financialYearStartMonth ?? 4)}).`,
    `Replications: ${String(manifest.replications)} independent replications from master seed ${String(manifest.seed)}${((manifest.uncertain as unknown[] | undefined) ?? []).length > 0 ? `, each drawing ${((manifest.uncertain as unknown[]) ?? []).length} uncertain parameters from their beliefs (probabilistic sensitivity analysis)` : ', every parameter at its central value'}; every estimate is the mean across replications, with its simulation (Monte Carlo) error as a 95% confidence interval of the mean (Student's t; ratios by the delta method), and the range of outcomes as the 5th to 95th percentiles.`,
    `Random streams and common random numbers: each random stream is seeded only from (seed, replication, stream name) with ${String(manifest.prng)}: ${streams.slice(0, 6).join(', ')}${streams.length > 6 ? ', ...' : ''}. Referrals never depend on the state of the system, so scenarios run with the same seed see the same referrals and the same children.`,
    'Event ordering: on any day, registrations and closures change first, then children leave (beds are freed), then homes open and capacity grows, and then referrals are placed; ties are broken in order of scheduling.',
    `Software: caresim ${String(manifest.caresim)}${manifest.gitCommit ? ` (commit ${String(manifest.gitCommit)})` : ''}, Node ${String(manifest.node)}${typeof manifest.modelHash === 'string' ? `; model hash ${manifest.modelHash.slice(0, 16)}` : ''}.`,
  ];
}

/** The report's content, in order, independent of the output format. */
export function runReportBlocks(input: RunReportInput): ReportDoc {
  const fyLabels = [...new Set(input.years.map((r) => r.period))];
  const m = input.manifest;
  const model = m.model as {
    finance?: { savingsTarget?: { perYear: unknown; by: string } };
    time?: { financialYearStartMonth?: number };
  };
  const t = model.finance?.savingsTarget;
  // The target is "by" a date; the lead speaks of the financial year that ends it.
  const targetFy = t
    ? fyLabel(financialYearOf(parseDate(t.by), model.time?.financialYearStartMonth ?? 4))
    : '';
  const perYear = t
    ? typeof t.perYear === 'number'
      ? t.perYear
      : (t.perYear as { value: number }).value
    : 0;
  const blocks: Block[] = [
    {
      kind: 'lead',
      text: runLead(
        input.summary,
        String(m.modelName),
        windowOf(m, fyLabels),
        t ? { perYear, by: targetFy } : null,
      ),
    },
    { kind: 'h2', text: 'Findings' },
    { kind: 'p', text: intervalsExplained(m.replications as number, m.uncertain ?? []) },
    { kind: 'list', items: findings(input.summary, windowOf(m, fyLabels)) },
    { kind: 'h2', text: 'Charts' },
    ...input.charts.map((c) => ({ kind: 'chart' as const, chart: c })),
    { kind: 'h2', text: 'By financial year' },
    {
      kind: 'p',
      text: `Each cell: the average across replications, the ${RANGE_HEADING} in brackets, then ± the ${MC_HEADING.replace(' (95% interval)', '')} (half the 95% interval of the mean); money in the prices of each year.`,
    },
    { kind: 'table', ...yearRows(input.years, fyLabels) },
    ...historyBlocks(input.history ?? []),
    ...appendix(m.uncertain ?? [], m.model, m.modelAsWritten ?? m.model, methodNotes(m)),
  ];
  return {
    title: `${String(m.modelName)}: simulation results`,
    subtitle: `${String(m.replications)} replications, seed ${String(m.seed)}, ${fyLabels[0]} to ${fyLabels[fyLabels.length - 1]}; caresim ${String(m.caresim)}, ${String(m.finishedAt ?? '').slice(0, 10)}`,
    date: String(m.finishedAt ?? '').slice(0, 10),
    blocks,
  };
}

/** Text for a CSS string (the page footer): quotes and backslashes escaped, no line breaks. */
const cssString = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/</g, '\\3C ')
    .replace(/[\r\n]+/g, ' ');

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * One self-contained HTML page: inline charts, embedded font, A4 print styles, no network.
 * @param font the TrueType font to embed, base64-encoded (the charts' own, FONT_FILES[0])
 */
export function renderHtml(doc: ReportDoc, font: string): string {
  // The footer of every printed page: what this is and when it was made.
  const footer = doc.date ? `${doc.title}, ${doc.date}` : doc.title;
  const body = doc.blocks
    .map((b) => {
      switch (b.kind) {
        case 'lead':
          return `<p class="lead">${escape(b.text!)}</p>`;
        case 'h2':
          return `<h2>${escape(b.text!)}</h2>`;
        case 'h3':
          return `<h3>${escape(b.text!)}</h3>`;
        case 'p':
          return `<p>${escape(b.text!)}</p>`;
        case 'list':
          return `<ul>${b.items!.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>`;
        case 'table':
          return `<table><thead><tr>${b.header!.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${b
            .rows!.map(
              (r, i) =>
                `<tr>${r.map((c, j) => `<td>${escape(c)}${j === 0 && b.notes?.[i] ? `<br><span class="path">${escape(b.notes[i])}</span>` : ''}</td>`).join('')}</tr>`,
            )
            .join('')}</tbody></table>`;
        case 'chart':
          return `<figure>${b.chart!.svg.replace(/^<\?xml[^>]*>\s*/, '')}<figcaption>${escape(b.chart!.title)}</figcaption></figure>`;
      }
      return '';
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${escape(doc.title)}</title>
<style>
@font-face { font-family: 'Source Sans 3'; src: url(data:font/ttf;base64,${font}) format('truetype'); }
body { font-family: 'Source Sans 3', Arial, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
.subtitle { color: #555; margin-top: 0; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.3rem; }
.lead { font-size: 1.2rem; font-weight: 700; line-height: 1.35; margin: 1rem 0 1.2rem; }
.path { font-size: 0.75em; color: #666; word-break: break-all; }
figure { margin: 1.5rem 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 0.5rem 0 1rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
tr { page-break-inside: avoid; break-inside: avoid; }
thead { display: table-header-group; }
@page {
  size: A4;
  margin: 15mm 15mm 18mm;
  @bottom-left { content: "${cssString(footer)}"; font-family: 'Source Sans 3', Arial, sans-serif; font-size: 8pt; color: #555; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-family: 'Source Sans 3', Arial, sans-serif; font-size: 8pt; color: #555; }
}
@media print {
  body { margin: 0; max-width: none; }
  /* A heading never ends a page: it goes with what follows it. */
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  h2 + p { break-before: avoid; break-after: avoid; }
  figure { margin: 0.6rem 0; }
  figure svg { max-height: 100mm; width: auto; }
  table { font-size: 0.72rem; }
  th, td { padding: 0.15rem 0.3rem; }
}
</style>
</head>
<body>
<h1>${escape(doc.title)}</h1>
<p class="subtitle">${escape(doc.subtitle)}</p>
${body}
</body>
</html>
`;
}

/**
 * The short version of a report: only the sections named (in the report's order), and at most
 * `maxCharts` charts: what an officer puts in a paper, four pages or fewer. The full report keeps
 * everything (the assumptions, the method notes).
 */
export function shortReport(doc: ReportDoc, sections: readonly string[], maxCharts = 4): ReportDoc {
  const blocks: Block[] = [];
  // What comes before the first section (the answer) is always kept.
  let keep = true;
  let charts = 0;
  for (const b of doc.blocks) {
    if (b.kind === 'h2') keep = sections.includes(b.text!);
    if (!keep) continue;
    if (b.kind === 'chart' && charts++ >= maxCharts) continue;
    blocks.push(b);
  }
  return {
    ...doc,
    subtitle: `${doc.subtitle} (short version: the full report is report.html)`,
    blocks,
  };
}

/** The same content as Markdown, the charts as PNG images beside it. */
export function renderMarkdown(doc: ReportDoc): string {
  // Markdown passes HTML through: text from a model (its name, labels) is written as text.
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const cell = (s: string) => esc(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return (
    [`# ${esc(doc.title)}`, '', `_${esc(doc.subtitle)}_`, '']
      .concat(
        doc.blocks.flatMap((b) => {
          switch (b.kind) {
            case 'lead':
              return [`**${esc(b.text!)}**`, ''];
            case 'h2':
              return [`## ${esc(b.text!)}`, ''];
            case 'h3':
              return [`### ${esc(b.text!)}`, ''];
            case 'p':
              return [esc(b.text!), ''];
            case 'list':
              return [...b.items!.map((i) => `- ${esc(i)}`), ''];
            case 'table':
              return [
                `| ${b.header!.map(cell).join(' | ')} |`,
                `|${b.header!.map(() => '---').join('|')}|`,
                ...b.rows!.map(
                  (r, i) =>
                    `| ${r.map((c, j) => cell(c) + (j === 0 && b.notes?.[i] ? ` <br><small>\`${b.notes[i]}\`</small>` : '')).join(' | ')} |`,
                ),
                '',
              ];
            case 'chart':
              return [`![${esc(b.chart!.title).replace(/[[\]]/g, '\\$&')}](${b.chart!.png})`, ''];
          }
          return [];
        }),
      )
      .join('\n') + '\n'
  );
}
