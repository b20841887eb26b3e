/**
 * `caresim data ...`: commands on a council's own SSDA903 returns. Argument handling and printing
 * only; reading is output/dataFiles.ts, checking and merging data/.
 */
import { checkReturns } from '../data/check.ts';
import { formatDataProblem } from '../data/records.ts';
import { readDataFiles } from '../output/dataFiles.ts';
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
