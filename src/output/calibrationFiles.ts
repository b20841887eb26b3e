/**
 * Writing a calibrated model file and its report: YAML with a header that says where the numbers
 * came from, checked by loading it back as any model file is, and written only when valid; and,
 * beside it, a folder `<name>.calibration/` with report.html, report.md and the charts. A failed
 * calibration leaves nothing that looks complete.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { calibrationCharts } from '../charts/calibrationCharts.ts';
import type { Calibrated } from '../data/calibrate.ts';
import { calibrationReportBlocks } from '../report/calibrationReport.ts';
import { renderHtml, renderMarkdown } from '../report/runReport.ts';
import { formatModelError, loadModel } from '../scenario/load.ts';
import { writeChartsInto } from './chartFiles.ts';
import { embeddedFont } from './reportFiles.ts';
import { RunDirectory } from './runDirectory.ts';
import { calibratedModelText } from './modelText.ts';

/** The report folder that goes with a calibrated model file. */
export const reportDirOf = (out: string): string => `${out.replace(/\.(ya?ml|json)$/i, '')}.calibration`;

/**
 * Write `model` to `out` if it loads as a valid model (the caller writes the report after).
 * @throws Error listing the problems when the calibrated model is not valid (nothing is left behind)
 */
/** @param baseDir the folder of the base model the calibrated one extends (it may lie anywhere the user named) */
export function writeCalibratedModel(
  out: string,
  model: Record<string, unknown>,
  header: string,
  baseDir?: string,
): void {
  if (existsSync(out)) throw new Error(`${out} already exists: choose another --out, or remove it`);
  const tmp = join(dirname(out), `.${basename(out)}.partial`);
  const text = calibratedModelText(model, header);
  writeFileSync(tmp, text);
  try {
    const loaded = loadModel(tmp, baseDir === undefined ? [] : [baseDir]);
    if (!loaded.ok)
      throw new Error(
        `the calibrated model is not valid (a fault in caresim or in the base model's calibration section):\n${loaded.errors.map((e) => `  ${formatModelError(e)}`).join('\n')}`,
      );
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Write the calibration's report folder (report.html, report.md, charts/) beside the model file. */
export async function writeCalibrationReport(
  out: string,
  c: Calibrated,
  suppressBelow: number,
  dataLabel: string,
): Promise<string> {
  const dir = new RunDirectory(reportDirOf(out));
  try {
    const charts = c.cohorts.flatMap((e) => calibrationCharts(e, dataLabel, suppressBelow));
    dir.record(...(await writeChartsInto(dir.partial, charts)));
    const onDisk = charts.map((ch) => ({
      name: ch.name,
      title: ch.title,
      svg: readFileSync(join(dir.partial, 'charts', `${ch.name}.svg`), 'utf8'),
      png: `charts/${ch.name}.png`,
    }));
    const doc = calibrationReportBlocks(c, suppressBelow, dataLabel, onDisk);
    dir.write('report.html', renderHtml(doc, embeddedFont()));
    dir.write('report.md', renderMarkdown(doc));
    dir.commit();
    return dir.target;
  } catch (e) {
    dir.abandon();
    throw e;
  }
}
