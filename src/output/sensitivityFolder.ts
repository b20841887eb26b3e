/**
 * The results folder of a sensitivity analysis (`caresim sensitivity`): sensitivity.csv, the
 * tornado chart and the manifest, written into a folder that appears only when complete.
 */
import { tornadoChart } from '../charts/sensitivityCharts.ts';
import {
  parameterName,
  runSensitivity,
  sensitivityRows,
  type SensitivityOptions,
  type SensitivityResult,
} from '../experiment/sensitivity.ts';
import { writeChartsInto } from './chartFiles.ts';
import { resultsCsv } from './csv.ts';
import { manifestText, timing } from './manifest.ts';
import { buildFacts } from './buildInfo.ts';
import { defaultRunDir, RunDirectory } from './runDirectory.ts';

export interface SensitivityFolderOptions extends SensitivityOptions {
  modelFile: string;
  modelName: string;
  baseFile?: string;
  out?: string;
}

/** Run the analysis and write its folder. */
export async function executeSensitivity(
  o: SensitivityFolderOptions,
): Promise<{ dir: string; result: SensitivityResult; seconds: number }> {
  const started = new Date();
  const dir = new RunDirectory(o.out ?? defaultRunDir(`sensitivity-${o.modelFile}`, started));
  try {
    const result = await runSensitivity(o);
    const time = timing(started);
    dir.write('sensitivity.csv', resultsCsv(sensitivityRows(result)));
    const build = buildFacts();
    const source = { caresim: build.caresim, model: o.modelName, replications: o.replications, seed: o.seed };
    dir.record(...(await writeChartsInto(dir.partial, [tornadoChart(result, source)])));
    dir.write(
      'manifest.json',
      manifestText({
        ...build,
        command: 'sensitivity',
        modelFile: o.modelFile,
        baseFile: o.baseFile ?? null,
        replications: o.replications,
        seed: o.seed,
        years: o.years ?? null,
        streams: result.streams,
        // One at a time, at the central values of every other parameter: nothing is drawn.
        uncertain: [],
        targetYear: result.targetYear,
        parameters: result.rows.length,
        // The five largest swings that are more than noise.
        hangsOn: result.rows
          .filter((r) => !r.withinNoise)
          .slice(0, 5)
          .map((r) => parameterName(r)),
        ...time,
        files: [...dir.files, 'manifest.json'],
      }),
    );
    dir.commit();
    return { dir: dir.target, result, seconds: time.seconds! };
  } catch (e) {
    dir.abandon();
    throw e;
  }
}
