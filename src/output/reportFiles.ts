/**
 * Writing the report of a results folder (report.html and report.md) from what the folder
 * holds: manifest, summary, tables and charts. Used when a run finishes and by
 * `caresim report RUN_DIR`, which redraws charts and reports without simulating again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareCharts } from '../charts/compareCharts.ts';
import { compareSource } from '../charts/compareInput.ts';
import { runCharts } from '../charts/runCharts.ts';
import { FONT_FILES } from './font.ts';
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
import { wordReport } from '../report/wordReport.ts';
import type { Block } from '../report/blocks.ts';
import { sweepReportBlocks, type SweepReportInput } from '../report/sweepReport.ts';
import { Packer } from 'docx';
import { readCompareFolder } from './compareTables.ts';
import { parseStatRows } from './csv.ts';
import { readManifest } from './manifest.ts';

/** The charts of a folder that exist on disk: name, title, SVG markup and PNG path. */
function chartsOnDisk(
  dir: string,
  charts: readonly { name: string; title: string }[],
): RunReportInput['charts'] {
  return charts
    .filter((c) => existsSync(join(dir, 'charts', `${c.name}.svg`)))
    .map((c) => ({
      name: c.name,
      title: c.title,
      svg: readFileSync(join(dir, 'charts', `${c.name}.svg`), 'utf8'),
      png: `charts/${c.name}.png`,
    }));
}

let font: string | undefined;
/** The report font, base64, read once. */
export const embeddedFont = () => (font ??= readFileSync(FONT_FILES[0]!).toString('base64'));

/** The sections of each kind of report that its short version keeps. */
export const SHORT_SECTIONS = {
  run: ['Findings', 'Charts', 'By financial year'],
  sweep: ['Findings', 'Charts'],
  compare: ['Findings', 'Charts', 'Savings by financial year'],
} as const;

function writeReport(
  dir: string,
  doc: Parameters<typeof renderMarkdown>[0],
  sections: readonly string[],
): string[] {
  writeFileSync(join(dir, 'report.html'), renderHtml(doc, embeddedFont()));
  writeFileSync(join(dir, 'report-short.html'), renderHtml(shortReport(doc, sections), embeddedFont()));
  writeFileSync(join(dir, 'report.md'), renderMarkdown(doc));
  return ['report.html', 'report-short.html', 'report.md'];
}

/**
 * Write report.html and report.md into `dir` (a run's results folder, complete or partial).
 * @throws Error if the folder lacks its manifest, summary or tables
 */
export function writeRunReport(dir: string): string[] {
  return writeReport(dir, runReportDoc(dir), SHORT_SECTIONS.run);
}

/** A run folder's report as blocks, from its files. */
export function runReportDoc(dir: string): ReturnType<typeof runReportBlocks> {
  const manifest = readManifest(dir, ['run', 'merge']);
  for (const f of ['summary.json', 'periods.csv', 'years.csv'])
    if (!existsSync(join(dir, f))) throw new Error(`${dir}: no ${f} (not the results folder of caresim run)`);
  const summary = (
    JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { metrics: Record<string, MetricSummary> }
  ).metrics;
  const periods = parseStatRows(readFileSync(join(dir, 'periods.csv'), 'utf8'));
  const years = parseStatRows(readFileSync(join(dir, 'years.csv'), 'utf8'));
  const source = {
    caresim: manifest.caresim,
    model: manifest.modelName,
    replications: manifest.replications,
    seed: manifest.seed,
  };
  const charts = chartsOnDisk(dir, runCharts(periods, years, source));
  const history = existsSync(join(dir, 'history.json'))
    ? (JSON.parse(readFileSync(join(dir, 'history.json'), 'utf8')) as { checks: HistoryRow[] }).checks
    : [];
  return runReportBlocks({ manifest, summary, years, charts, history });
}

/**
 * Write report.html and report.md of a comparison folder (written by caresim compare).
 * @throws Error if the folder lacks its manifest or tables
 */
export function writeCompareReport(dir: string): string[] {
  return writeReport(dir, compareReportDoc(dir), SHORT_SECTIONS.compare);
}

/** A comparison folder's report as blocks, from its files. */
export function compareReportDoc(dir: string): ReturnType<typeof compareReportBlocks> {
  const manifest = readManifest(dir, ['compare']);
  const compare = JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8')) as {
    scenarios: CompareReportInput['comparisons'];
  };
  const charts = chartsOnDisk(dir, compareCharts(readCompareFolder(dir), compareSource(manifest)));
  return compareReportBlocks({ manifest, comparisons: compare.scenarios, charts });
}

/** The charts' PNGs a report's blocks name, with their pixel sizes (from each PNG's header). */
function chartImages(
  dir: string,
  doc: { blocks: Block[] },
): Map<string, { data: Uint8Array; width: number; height: number }> {
  const out = new Map<string, { data: Uint8Array; width: number; height: number }>();
  for (const b of doc.blocks) {
    if (b.kind !== 'chart') continue;
    const file = join(dir, b.chart!.png);
    if (!existsSync(file)) continue;
    const data = readFileSync(file);
    out.set(b.chart!.png, { data, width: data.readUInt32BE(16), height: data.readUInt32BE(20) });
  }
  return out;
}

/**
 * Write report.docx, the short report (findings, four charts, the table by financial year), into a
 * run's folder from its files, as writeRunReport writes report.html.
 */
export async function writeRunWordReport(dir: string): Promise<string> {
  const doc = runReportDoc(dir);
  const word = wordReport(shortReport(doc, SHORT_SECTIONS.run), { images: chartImages(dir, doc) });
  writeFileSync(join(dir, 'report.docx'), await Packer.toBuffer(word));
  return 'report.docx';
}

/**
 * Write a sweep's reports (report.html, report-short.html, report.md and report.docx) into its
 * folder, from the sweep's points in memory and its charts on disk.
 */
export async function writeSweepReports(
  dir: string,
  input: Omit<SweepReportInput, 'charts'>,
  charts: readonly { name: string; title: string }[],
): Promise<string[]> {
  const doc = sweepReportBlocks({ ...input, charts: chartsOnDisk(dir, charts) });
  const files = writeReport(dir, doc, SHORT_SECTIONS.sweep);
  const word = wordReport(shortReport(doc, SHORT_SECTIONS.sweep), { images: chartImages(dir, doc) });
  writeFileSync(join(dir, 'report.docx'), await Packer.toBuffer(word));
  return [...files, 'report.docx'];
}

/** Write report.docx of a comparison: its findings, what the answer hangs on, four charts and the savings by year. */
export async function writeCompareWordReport(dir: string): Promise<string> {
  const doc = compareReportDoc(dir);
  const word = wordReport(shortReport(doc, SHORT_SECTIONS.compare), { images: chartImages(dir, doc) });
  writeFileSync(join(dir, 'report.docx'), await Packer.toBuffer(word));
  return 'report.docx';
}
