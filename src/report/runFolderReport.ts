/**
 * Writing the report of a results folder (report.html and report.md) from what the folder
 * holds: manifest, summary, tables and charts. Used when a run finishes and by
 * `caresim report RUN_DIR`, which redraws charts and reports without simulating again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStatRows, runCharts } from '../charts/runCharts.ts';
import type { MetricSummary } from '../experiment/tables.ts';
import { compareCharts, compareSource, readCompareFolder } from '../charts/compareCharts.ts';
import { compareReportBlocks, type CompareReportInput } from './compareReport.ts';
import { renderHtml, renderMarkdown, runReportBlocks, type RunReportInput } from './runReport.ts';

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

/**
 * Write report.html and report.md into `dir` (a run's results folder, complete or partial).
 * @throws Error if the folder lacks its manifest, summary, tables or charts
 */
export function writeRunReport(dir: string): string[] {
  for (const f of ['manifest.json', 'summary.json', 'periods.csv', 'years.csv'])
    if (!existsSync(join(dir, f))) throw new Error(`${dir}: no ${f} (not the results folder of caresim run)`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as RunReportInput['manifest'];
  const summary = (
    JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { metrics: Record<string, MetricSummary> }
  ).metrics;
  const periods = parseStatRows(readFileSync(join(dir, 'periods.csv'), 'utf8'));
  const years = parseStatRows(readFileSync(join(dir, 'years.csv'), 'utf8'));
  const source = {
    caresim: String(manifest.caresim),
    model: String(manifest.modelName),
    replications: Number(manifest.replications),
    seed: Number(manifest.seed),
  };
  const charts = chartsOnDisk(dir, runCharts(periods, years, source));
  const doc = runReportBlocks({ manifest, summary, years, charts });
  writeFileSync(join(dir, 'report.html'), renderHtml(doc));
  writeFileSync(join(dir, 'report.md'), renderMarkdown(doc));
  return ['report.html', 'report.md'];
}

/**
 * Write report.html and report.md of a comparison folder (written by caresim compare).
 * @throws Error if the folder lacks its manifest or compare.json
 */
export function writeCompareReport(dir: string): string[] {
  for (const f of ['manifest.json', 'compare.json'])
    if (!existsSync(join(dir, f)))
      throw new Error(`${dir}: no ${f} (not the results folder of caresim compare)`);
  const manifest = JSON.parse(
    readFileSync(join(dir, 'manifest.json'), 'utf8'),
  ) as CompareReportInput['manifest'];
  const compare = JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8')) as {
    scenarios: CompareReportInput['comparisons'];
  };
  const charts = chartsOnDisk(dir, compareCharts(readCompareFolder(dir), compareSource(manifest)));
  const doc = compareReportBlocks({ manifest, comparisons: compare.scenarios, charts });
  writeFileSync(join(dir, 'report.html'), renderHtml(doc));
  writeFileSync(join(dir, 'report.md'), renderMarkdown(doc));
  return ['report.html', 'report.md'];
}
