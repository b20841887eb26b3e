/**
 * `caresim data ...`: commands on a council's own SSDA903 returns. Argument handling and printing
 * only; reading is output/dataFiles.ts, checking and merging data/.
 */
import { checkReturns, dataLabel } from '../data/check.ts';
import { formatDataProblem } from '../data/records.ts';
import { readDataFiles } from '../output/dataFiles.ts';
import { writeSynthFolder } from '../output/synthFolder.ts';
import { reportDirOf, writeCalibratedModel, writeCalibrationReport } from '../output/calibrationFiles.ts';
import { executeBacktest } from '../output/backtestFolder.ts';
import { calibrate } from '../data/calibrate.ts';
import type { MergedData } from '../data/placements.ts';
import { dayOfIso, isoOfDay } from '../data/dates.ts';
import { formatCalibration } from '../report/calibrationReport.ts';
import { calibration as calibrationSchema } from '../scenario/schema/calibration.ts';
import { dirname, relative } from 'node:path';
import { existsSync } from 'node:fs';
import { collectionYearLabel } from '../data/spec903.ts';
import { prepare } from '../experiment/prepared.ts';
import { formatModelError, loadModel } from '../scenario/load.ts';
import { formatDataSummary } from '../report/dataSummary.ts';

export interface DataCheckOptions {
  suppressBelow: number;
}

/** `caresim data check FILES...`: exit 0 with a summary, or 1 with every problem. */
export async function dataCheckCommand(paths: string[], o: DataCheckOptions): Promise<number> {
  let tables;
  try {
    tables = await readDataFiles(paths);
  } catch (e) {
    console.error(`caresim data check: ${(e as Error).message}`);
    return 1;
  }
  const checked = checkReturns(tables);
  if (!checked.ok) {
    for (const p of checked.problems) console.error(formatDataProblem(p));
    console.error(
      `\n${checked.problems.length} problem${checked.problems.length === 1 ? '' : 's'} in ${tables.length} file${tables.length === 1 ? '' : 's'}: nothing was merged. Fix them in the case-management system's extract, or in the files, and check again.`,
    );
    return 1;
  }
  console.log(`${tables.length} files read, no problems.\n`);
  console.log(formatDataSummary(checked.summary, checked.merged.notes, o.suppressBelow));
  return 0;
}

export interface DataSynthOptions {
  years?: number;
  out: string;
  seed?: number;
  mess?: boolean;
}

/** `caresim data synth MODEL --out DIR`: synthetic 903 returns written by one simulated run of the model. */
export function dataSynthCommand(file: string, o: DataSynthOptions): number {
  const loaded = loadModel(file);
  if (!loaded.ok) {
    console.error(`${file}: ${loaded.errors.length} error${loaded.errors.length === 1 ? '' : 's'}`);
    for (const e of loaded.errors) console.error(`  ${formatModelError(e)}`);
    return 1;
  }
  try {
    const prepared = prepare(loaded.model, o.years);
    const r = writeSynthFolder({
      scenario: prepared.scenario,
      seed: o.seed ?? loaded.model.run.seed,
      mess: o.mess ?? false,
      out: o.out,
      modelFile: file,
      modelName: loaded.model.name,
    });
    if (r.years.length === 0) {
      console.error(
        `caresim data synth: the horizon holds no whole collection year (1 April to 31 March): give --years 1 or more from a 1 April start`,
      );
      return 1;
    }
    console.log(
      `Synthetic returns for ${r.years.map(collectionYearLabel).join(', ')}: ${r.children} simulated children, ${r.episodes} episodes. Written to ${r.dir}`,
    );
    return 0;
  } catch (e) {
    console.error(`caresim data synth: ${(e as Error).message}`);
    return 1;
  }
}

export interface CalibrateCommandOptions {
  data: string[];
  base: string;
  out: string;
  from?: string;
  to?: string;
  start?: string;
  seed?: number;
  suppressBelow: number;
}

/** `caresim calibrate --data FILES... --base MODEL --out MODEL`. */
export async function calibrateCommand(o: CalibrateCommandOptions): Promise<number> {
  const got = await baseAndData('calibrate', o.base, o.data, 'nothing was calibrated');
  if (!got) return 1;
  const { loaded, merged, dataLabel } = got;
  const cal = loaded.model.calibration ?? calibrationSchema.parse({});
  try {
    const result = calibrate(merged, {
      base: loaded.model,
      baseRef: relative(dirname(o.out), o.base) || o.base,
      calibration: cal,
      ...(o.from ? { from: dateOption(o.from, '--from') } : {}),
      ...(o.to ? { to: dateOption(o.to, '--to') } : {}),
      ...(o.start ? { start: dateOption(o.start, '--start') } : {}),
      seed: o.seed ?? loaded.model.run.seed,
      dataLabel,
    });
    if (existsSync(o.out)) throw new Error(`${o.out} already exists: choose another --out, or remove it`);
    if (existsSync(reportDirOf(o.out)))
      throw new Error(`${reportDirOf(o.out)} already exists: choose another --out, or remove it`);
    writeCalibratedModel(
      o.out,
      result.model,
      [
        `Calibrated by caresim from ${dataLabel} and the base model ${o.base}.`,
        'Every calibrated number says which data it came from and carries its sampling uncertainty as a belief.',
        "The initial census is derived from children's records (grouped, no dates): check it against your",
        'disclosure rules before publishing this file.',
      ].join('\n'),
      dirname(o.base),
    );
    const reportDir = await writeCalibrationReport(o.out, result, o.suppressBelow, dataLabel);
    console.log(formatCalibration(result, o.suppressBelow, dataLabel));
    console.log(
      `Calibrated model written to ${o.out}; its report (HTML, Markdown and charts) to ${reportDir}.`,
    );
    return 0;
  } catch (e) {
    console.error(`caresim calibrate: ${(e as Error).message}`);
    return 1;
  }
}

export interface BacktestCommandOptions {
  data: string[];
  base: string;
  fitTo: string;
  years: number;
  out: string;
  reps?: number;
  seed?: number;
  suppressBelow: number;
  quiet?: boolean;
}

/** `caresim backtest --data FILES... --base MODEL --fit-to DATE --years N --out DIR`. */
export async function backtestCommand(o: BacktestCommandOptions): Promise<number> {
  let fitTo: number;
  try {
    fitTo = dateOption(o.fitTo, '--fit-to');
  } catch (e) {
    console.error(`caresim backtest: ${(e as Error).message}`);
    return 1;
  }
  const got = await baseAndData('backtest', o.base, o.data, 'no back-test was run');
  if (!got) return 1;
  const { loaded, merged: m, dataLabel } = got;
  if (fitTo >= m.extractDate) {
    console.error(
      `caresim backtest: --fit-to ${o.fitTo} leaves no data after it to test against (the data end on ${isoOfDay(m.extractDate)})`,
    );
    return 1;
  }
  try {
    const r = await executeBacktest({
      data: m,
      base: loaded.model,
      baseRaw: loaded.raw,
      calibration: loaded.model.calibration ?? calibrationSchema.parse({}),
      fitTo,
      fitToText: o.fitTo,
      years: o.years,
      replications: o.reps ?? loaded.model.run.replications,
      seed: o.seed ?? loaded.model.run.seed,
      dataLabel,
      out: o.out,
      suppressBelow: o.suppressBelow,
      modelName: `${loaded.model.name}, calibrated to ${o.fitTo}`,
      ...(o.quiet
        ? {}
        : {
            onProgress: (done: number, total: number) =>
              process.stderr.write(`\rreplications ${done}/${total}`),
          }),
    });
    if (!o.quiet) process.stderr.write('\n');
    console.log(r.report);
    console.log(`Back-test written to ${r.dir}`);
    return 0;
  } catch (e) {
    console.error(`caresim backtest: ${(e as Error).message}`);
    return 1;
  }
}

/** A base model and checked data, or null with every problem printed (for calibrate and backtest). */
async function baseAndData(
  command: string,
  base: string,
  data: string[],
  nothing: string,
): Promise<{
  loaded: Extract<ReturnType<typeof loadModel>, { ok: true }>;
  merged: MergedData;
  dataLabel: string;
} | null> {
  const loaded = loadModel(base);
  if (!loaded.ok) {
    console.error(`${base}: ${loaded.errors.length} error${loaded.errors.length === 1 ? '' : 's'}`);
    for (const e of loaded.errors) console.error(`  ${formatModelError(e)}`);
    return null;
  }
  let tables;
  try {
    tables = await readDataFiles(data);
  } catch (e) {
    console.error(`caresim ${command}: ${(e as Error).message}`);
    return null;
  }
  const checked = checkReturns(tables);
  if (!checked.ok) {
    for (const p of checked.problems) console.error(formatDataProblem(p));
    console.error(
      `\n${checked.problems.length} problems in the data: ${nothing} (caresim data check lists them too).`,
    );
    return null;
  }
  return { loaded, merged: checked.merged, dataLabel: dataLabel(checked.merged) };
}

/** A date given on the command line, as a day number. @throws Error naming the option when it is not YYYY-MM-DD */
function dateOption(s: string, what: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s)))
    throw new Error(`${what} must be a date YYYY-MM-DD, found "${s}"`);
  return dayOfIso(s);
}
