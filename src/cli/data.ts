/**
 * `caresim data ...`: commands on a council's own SSDA903 returns. Argument handling and printing
 * only; reading is output/dataFiles.ts, checking and merging data/.
 */
import { checkReturns } from '../data/check.ts';
import { formatDataProblem } from '../data/records.ts';
import { readDataFiles } from '../output/dataFiles.ts';
import { writeSynthFolder } from '../output/synthFolder.ts';
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
