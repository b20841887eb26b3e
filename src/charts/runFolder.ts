/**
 * The charts of a results folder: built from its periods.csv and years.csv and its manifest,
 * so they can be drawn when a run finishes or redrawn later (`caresim report RUN_DIR`)
 * without simulating again. Each chart is written three ways: the vega-lite spec
 * (`.vl.json`, to restyle or re-render elsewhere), SVG, and PNG at twice the size.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from './render.ts';
import { parseStatRows, runCharts, type ChartDefinition } from './runCharts.ts';
import type { Source } from './style.ts';

/** Render charts into `chartsDir` (created if needed). Returns the file names written. */
export async function writeCharts(chartsDir: string, charts: readonly ChartDefinition[]): Promise<string[]> {
  mkdirSync(chartsDir, { recursive: true });
  const files: string[] = [];
  for (const c of charts) {
    const { svg, png } = await renderChart(c.spec);
    writeFileSync(join(chartsDir, `${c.name}.vl.json`), `${JSON.stringify(c.spec, null, 2)}\n`);
    writeFileSync(join(chartsDir, `${c.name}.svg`), svg);
    writeFileSync(join(chartsDir, `${c.name}.png`), png);
    files.push(`${c.name}.vl.json`, `${c.name}.svg`, `${c.name}.png`);
  }
  return files;
}

/** The charts of a run folder's tables. */
export function chartsOfTables(periodsCsv: string, yearsCsv: string, source: Source): ChartDefinition[] {
  return runCharts(parseStatRows(periodsCsv), parseStatRows(yearsCsv), source);
}

/**
 * Redraw the charts of an existing results folder into its `charts/` folder, replacing the
 * old ones only once every new one is written.
 * @throws Error if the folder is not a run's results folder
 */
export async function redrawRunCharts(runDir: string): Promise<string[]> {
  const need = ['manifest.json', 'periods.csv', 'years.csv'];
  for (const f of need)
    if (!existsSync(join(runDir, f)))
      throw new Error(`${runDir}: no ${f} (not the results folder of caresim run)`);
  const manifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const source: Source = {
    caresim: String(manifest.caresim),
    model: String(manifest.modelName),
    replications: Number(manifest.replications),
    seed: Number(manifest.seed),
  };
  const charts = chartsOfTables(
    readFileSync(join(runDir, 'periods.csv'), 'utf8'),
    readFileSync(join(runDir, 'years.csv'), 'utf8'),
    source,
  );
  const partial = join(runDir, '.charts.partial');
  rmSync(partial, { recursive: true, force: true });
  const files = await writeCharts(partial, charts);
  rmSync(join(runDir, 'charts'), { recursive: true, force: true });
  renameSync(partial, join(runDir, 'charts'));
  return files;
}
