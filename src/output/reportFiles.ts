/**
 * Writing the reports of a results folder on disk (report.html, report-short.html, report.md
 * and report.docx) from what the folder holds (reportDocs.ts). Used when a run finishes and by
 * `caresim report RUN_DIR`, which redraws charts and reports without simulating again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Packer } from 'docx';
import { FONT_FILES } from './font.ts';
import { shortReport } from '../report/runReport.ts';
import { wordReport } from '../report/wordReport.ts';
import { sweepReportBlocks, type SweepReportInput } from '../report/sweepReport.ts';
import { diskFolder } from './diskFolder.ts';
import {
  chartImages,
  chartsIn,
  compareReportDoc,
  reportTexts,
  runReportDoc,
  SHORT_SECTIONS,
} from './reportDocs.ts';

let font: string | undefined;
/** The report font, base64, read once. */
export const embeddedFont = () => (font ??= readFileSync(FONT_FILES[0]!).toString('base64'));

function writeReport(
  dir: string,
  doc: Parameters<typeof reportTexts>[0],
  sections: readonly string[],
): string[] {
  return reportTexts(doc, sections, embeddedFont()).map(([file, text]) => {
    writeFileSync(join(dir, file), text);
    return file;
  });
}

/**
 * Write report.html and report.md into `dir` (a run's results folder, complete or partial).
 * @throws Error if the folder lacks its manifest, summary or tables
 */
export function writeRunReport(dir: string): string[] {
  return writeReport(dir, runReportDoc(diskFolder(dir)), SHORT_SECTIONS.run);
}

/**
 * Write report.html and report.md of a comparison folder (written by caresim compare).
 * @throws Error if the folder lacks its manifest or tables
 */
export function writeCompareReport(dir: string): string[] {
  return writeReport(dir, compareReportDoc(diskFolder(dir)), SHORT_SECTIONS.compare);
}

/**
 * Write report.docx, the short report (findings, four charts, the table by financial year), into a
 * run's folder from its files, as writeRunReport writes report.html.
 */
export async function writeRunWordReport(dir: string): Promise<string> {
  const folder = diskFolder(dir);
  const doc = runReportDoc(folder);
  const word = wordReport(shortReport(doc, SHORT_SECTIONS.run), { images: chartImages(folder, doc) });
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
  const folder = diskFolder(dir);
  const doc = sweepReportBlocks({ ...input, charts: chartsIn(folder, charts) });
  const files = writeReport(dir, doc, SHORT_SECTIONS.sweep);
  const word = wordReport(shortReport(doc, SHORT_SECTIONS.sweep), { images: chartImages(folder, doc) });
  writeFileSync(join(dir, 'report.docx'), await Packer.toBuffer(word));
  return [...files, 'report.docx'];
}

/** Write report.docx of a comparison: its findings, what the answer hangs on, four charts and the savings by year. */
export async function writeCompareWordReport(dir: string): Promise<string> {
  const folder = diskFolder(dir);
  const doc = compareReportDoc(folder);
  const word = wordReport(shortReport(doc, SHORT_SECTIONS.compare), { images: chartImages(folder, doc) });
  writeFileSync(join(dir, 'report.docx'), await Packer.toBuffer(word));
  return 'report.docx';
}
