/**
 * The results folder of a sweep (`caresim sweep`): sweep.csv, the answers to sizing
 * questions, the trade-off and heat-map charts, and the manifest, written into a folder that
 * appears only when complete.
 */
import { heatmapChart, tradeoffChart } from '../charts/sweepCharts.ts';
import {
  heldFixed,
  runSweep,
  sweepRows,
  type HeldFixed,
  type SweepOptions,
  type SweepPoint,
} from '../experiment/sweep.ts';
import { answerSizing, type SizingAnswer, type SizingQuestions } from '../report/sizing.ts';
import { fieldLabel } from '../scenario/fieldLabel.ts';
import { writeChartsInto } from './chartFiles.ts';
import { writeSweepWorkbook } from './workbook.ts';
import { writeSweepReports } from './reportFiles.ts';
import { resultsCsv } from './csv.ts';
import { jsonText } from './json.ts';
import { manifestText, timing } from './manifest.ts';
import { buildFacts } from './buildInfo.ts';
import { diskFolder } from './diskFolder.ts';
import { defaultRunDir, RunDirectory } from './runDirectory.ts';

export interface SweepFolderOptions extends SweepOptions {
  modelFile: string;
  modelName: string;
  out?: string;
  questions?: SizingQuestions;
}

/** Run a sweep and write its folder, atomically like a run. */
export async function executeSweep(o: SweepFolderOptions): Promise<{
  dir: string;
  points: SweepPoint[];
  seconds: number;
  answers: SizingAnswer[];
  heldFixed: HeldFixed[];
}> {
  const started = new Date();
  const dir = new RunDirectory(o.out ?? defaultRunDir(`sweep-${o.modelFile}`, started));
  try {
    const { points, streams, uncertain } = await runSweep(o);
    const time = timing(started);
    const held = heldFixed(o.raw, o.axes);
    dir.write('sweep.csv', resultsCsv(sweepRows(o.axes, points)));
    const answers = answerSizing(o.axes, points, o.questions ?? {});
    if (answers.length > 0)
      dir.write(
        'answers.json',
        jsonText(
          answers.map((a) => ({ question: a.question, answer: a.answer, point: a.point?.index ?? null })),
        ),
      );
    const build = buildFacts();
    const source = { caresim: build.caresim, model: o.modelName, replications: o.replications, seed: o.seed };
    const named = o.axes.map((a) => ({ ...a, label: fieldLabel(o.raw, a.path) }));
    const charts = [
      tradeoffChart(named, points, source),
      ...(o.design === 'grid'
        ? [
            heatmapChart(named, points, 'cost.total', 'Total revenue cost', '£', source),
            heatmapChart(
              named,
              points,
              'outOfCounty.children',
              'Children out of county (average)',
              'children',
              source,
            ),
          ].filter((c) => c !== null)
        : []),
    ];
    dir.record(...(await writeChartsInto(dir.partial, charts)));
    dir.record(
      ...(await writeSweepReports(
        dir.partial,
        {
          modelName: o.modelName,
          modelFile: o.modelFile,
          axes: named,
          points,
          answers,
          heldFixed: held,
          design: o.design,
          replications: o.replications,
          seed: o.seed,
          caresim: build.caresim,
          finishedAt: new Date().toISOString(),
        },
        charts,
      )),
    );
    dir.write(
      'manifest.json',
      manifestText({
        ...build,
        command: 'sweep',
        modelFile: o.modelFile,
        modelName: o.modelName,
        axes: o.axes.map(({ path, values, integer }) => ({ path, values, integer })),
        design: o.design,
        points: points.length,
        replications: o.replications,
        seed: o.seed,
        years: o.years ?? null,
        streams,
        uncertain,
        commonRandomNumbers: 'every point runs replications 0..n-1 with the same master seed',
        ...time,
        files: [...dir.files, 'results.xlsx', 'manifest.json'],
        paretoFront: points.filter((p) => p.pareto).map((p) => p.index),
        heldFixed: held,
      }),
    );
    await writeSweepWorkbook(diskFolder(dir.partial), charts);
    dir.commit();
    return { dir: dir.target, points, seconds: time.seconds!, answers, heldFixed: held };
  } catch (e) {
    dir.abandon();
    throw e;
  }
}
