/**
 * Chart files: each chart of a results folder written three ways, the vega-lite spec
 * (`.vl.json`, to restyle or re-render elsewhere), SVG, and PNG at twice the size, into its
 * `charts/` folder, when the work finishes or redrawn later from the folder's tables
 * (`caresim report RUN_DIR`) without simulating again.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareCharts } from '../charts/compareCharts.ts';
import { compareSource } from '../charts/compareInput.ts';
import { runCharts, type ChartDefinition } from '../charts/runCharts.ts';
import type { Source } from '../charts/style.ts';
import { readCompareFolder } from './compareTables.ts';
import { parseStatRows } from './csv.ts';
import { jsonText } from './json.ts';
import { readManifest } from './manifest.ts';
import { diskFolder } from './diskFolder.ts';
import { renderChart } from './render.ts';

/** Render charts into `chartsDir` (created if needed). Returns the file names written. */
export async function writeCharts(chartsDir: string, charts: readonly ChartDefinition[]): Promise<string[]> {
  mkdirSync(chartsDir, { recursive: true });
  const files: string[] = [];
  for (const c of charts) {
    const { svg, png } = await renderChart(c.spec);
    writeFileSync(join(chartsDir, `${c.name}.vl.json`), jsonText(c.spec));
    writeFileSync(join(chartsDir, `${c.name}.svg`), svg);
    writeFileSync(join(chartsDir, `${c.name}.png`), png);
    files.push(`${c.name}.vl.json`, `${c.name}.svg`, `${c.name}.png`);
  }
  return files;
}

/** Write charts into `<dir>/charts`; returns their paths within `dir` (`charts/<file>`). */
export async function writeChartsInto(dir: string, charts: readonly ChartDefinition[]): Promise<string[]> {
  return (await writeCharts(join(dir, 'charts'), charts)).map((f) => `charts/${f}`);
}

/** The charts of a run's tables (the text of periods.csv and years.csv). */
export function chartsOfTables(periodsCsv: string, yearsCsv: string, source: Source): ChartDefinition[] {
  return runCharts(parseStatRows(periodsCsv), parseStatRows(yearsCsv), source);
}

/** Draw a run's charts into `<dir>/charts`; returns their paths within `dir`. */
export async function writeRunCharts(
  dir: string,
  periodsCsv: string,
  yearsCsv: string,
  source: Source,
): Promise<string[]> {
  return writeChartsInto(dir, chartsOfTables(periodsCsv, yearsCsv, source));
}

/** Replace `<dir>/charts` with these charts, only once every new one is written. */
async function replaceCharts(dir: string, charts: readonly ChartDefinition[]): Promise<string[]> {
  const partial = join(dir, '.charts.partial');
  rmSync(partial, { recursive: true, force: true });
  const files = await writeCharts(partial, charts);
  rmSync(join(dir, 'charts'), { recursive: true, force: true });
  renameSync(partial, join(dir, 'charts'));
  return files;
}

/**
 * Redraw the charts of a run's results folder from its tables.
 * @throws Error if the folder is not a run's results folder
 */
export async function redrawRunCharts(runDir: string): Promise<string[]> {
  const manifest = readManifest(diskFolder(runDir), ['run', 'merge']);
  for (const f of ['periods.csv', 'years.csv'])
    if (!existsSync(join(runDir, f)))
      throw new Error(`${runDir}: no ${f} (not the results folder of caresim run)`);
  const source: Source = {
    caresim: manifest.caresim,
    model: manifest.modelName,
    replications: manifest.replications,
    seed: manifest.seed,
  };
  const read = (f: string) => readFileSync(join(runDir, f), 'utf8');
  return replaceCharts(runDir, chartsOfTables(read('periods.csv'), read('years.csv'), source));
}

/**
 * Redraw the charts of a comparison folder from its tables.
 * @throws Error if the folder is not a comparison folder
 */
export async function redrawCompareCharts(dir: string): Promise<string[]> {
  const folder = diskFolder(dir);
  const manifest = readManifest(folder, ['compare']);
  return replaceCharts(dir, compareCharts(readCompareFolder(folder), compareSource(manifest)));
}
