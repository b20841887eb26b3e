/**
 * The report of a results folder as blocks, and as the text of report.html, report-short.html
 * and report.md, from what the folder holds: manifest, summary, tables and charts. Pure: the
 * command line writes them to disk (reportFiles.ts), the app into the folder it exports.
 */
import { compareCharts } from '../charts/compareCharts.ts';
import { compareSource } from '../charts/compareInput.ts';
import { runCharts } from '../charts/runCharts.ts';
import type { HistoryRow } from '../experiment/history.ts';
import type { MetricSummary } from '../experiment/tables.ts';
import { compareReportBlocks, type CompareReportInput } from '../report/compareReport.ts';
import {
  renderHtml,
  renderMarkdown,
  runReportBlocks,
  type RunReportInput,
  shortReport,
} from '../report/runReport.ts';
import type { Block } from '../report/blocks.ts';
import { readCompareFolder } from './compareTables.ts';
import { parseStatRows } from './csv.ts';
import { pngSize, readWith, type Folder } from './folder.ts';
import { readManifest } from './manifest.ts';

/** The charts of a folder that it holds: name, title, SVG markup and PNG path. */
export function chartsIn(
  folder: Folder,
  charts: readonly { name: string; title: string }[],
): RunReportInput['charts'] {
  return charts
    .filter((c) => folder.has(`charts/${c.name}.svg`))
    .map((c) => ({
      name: c.name,
      title: c.title,
      svg: folder.text(`charts/${c.name}.svg`),
      png: `charts/${c.name}.png`,
    }));
}

/** The sections of each kind of report that its short version keeps. */
export const SHORT_SECTIONS = {
  run: ['Findings', 'Charts', 'By financial year'],
  sweep: ['Findings', 'Charts'],
  compare: ['Findings', 'Charts', 'Savings by financial year'],
} as const;

/**
 * The files of a report: report.html, report-short.html and report.md.
 * @param font the report font (TrueType), base64, embedded in the HTML
 */
export function reportTexts(
  doc: Parameters<typeof renderMarkdown>[0],
  sections: readonly string[],
  font: string,
): [string, string][] {
  return [
    ['report.html', renderHtml(doc, font)],
    ['report-short.html', renderHtml(shortReport(doc, sections), font)],
    ['report.md', renderMarkdown(doc)],
  ];
}

/** A run folder's report as blocks, from its files. */
export function runReportDoc(folder: Folder): ReturnType<typeof runReportBlocks> {
  const manifest = readManifest(folder, ['run', 'merge']);
  for (const f of ['summary.json', 'periods.csv', 'years.csv'])
    if (!folder.has(f)) throw new Error(`${folder.name}: no ${f} (not the results folder of caresim run)`);
  const summary = (readWith(folder, 'summary.json', JSON.parse) as { metrics: Record<string, MetricSummary> })
    .metrics;
  const periods = readWith(folder, 'periods.csv', parseStatRows);
  const years = readWith(folder, 'years.csv', parseStatRows);
  const source = {
    caresim: manifest.caresim,
    model: manifest.modelName,
    replications: manifest.replications,
    seed: manifest.seed,
  };
  const charts = chartsIn(folder, runCharts(periods, years, source));
  const history = folder.has('history.json')
    ? (readWith(folder, 'history.json', JSON.parse) as { checks: HistoryRow[] }).checks
    : [];
  return runReportBlocks({ manifest, summary, years, charts, history });
}

/** A comparison folder's report as blocks, from its files. */
export function compareReportDoc(folder: Folder): ReturnType<typeof compareReportBlocks> {
  const manifest = readManifest(folder, ['compare']);
  const compare = readWith(folder, 'compare.json', JSON.parse) as {
    scenarios: CompareReportInput['comparisons'];
  };
  const charts = chartsIn(folder, compareCharts(readCompareFolder(folder), compareSource(manifest)));
  return compareReportBlocks({ manifest, comparisons: compare.scenarios, charts });
}

/** The charts' PNGs a report's blocks name, with their pixel sizes (from each PNG's header). */
export function chartImages(
  folder: Folder,
  doc: { blocks: Block[] },
): Map<string, { data: Uint8Array; width: number; height: number }> {
  const out = new Map<string, { data: Uint8Array; width: number; height: number }>();
  for (const b of doc.blocks) {
    if (b.kind !== 'chart' || !folder.has(b.chart!.png)) continue;
    const data = folder.bytes(b.chart!.png);
    out.set(b.chart!.png, { data, ...pngSize(data) });
  }
  return out;
}
