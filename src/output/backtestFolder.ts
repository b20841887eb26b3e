/**
 * The folder `caresim backtest` writes: backtest.csv (month by month, each measure's actual and
 * simulated range), backtest.json (coverage and departures), the chart, the report, and the
 * calibration it rested on. Written whole or not at all; actual counts below the disclosure
 * threshold are left blank in every file.
 */
import { backtestChart } from '../charts/backtestCharts.ts';
import { shownCount, suppressionNote } from '../data/disclosure.ts';
import { backtest, type BacktestOptions, type BacktestResult } from '../experiment/backtest.ts';
import { formatBacktest } from '../report/backtestReport.ts';
import { formatCalibration } from '../report/calibrationReport.ts';
import { buildFacts } from './buildInfo.ts';
import { writeChartsInto } from './chartFiles.ts';
import { resultsCsv } from './csv.ts';
import { jsonText } from './json.ts';
import { RunDirectory } from './runDirectory.ts';

export interface BacktestFolderOptions extends BacktestOptions {
  out: string;
  fitToText: string;
  suppressBelow: number;
  modelName: string;
}

export async function executeBacktest(
  o: BacktestFolderOptions,
): Promise<{ dir: string; result: BacktestResult; report: string }> {
  const dir = new RunDirectory(o.out);
  try {
    const r = await backtest(o);
    const shown = (x: number, measure: string) =>
      measure === 'entries' || measure === 'endings'
        ? shownCount(x, o.suppressBelow)
        : x > 0 && x < o.suppressBelow
          ? null
          : Number(x.toFixed(2));
    dir.write(
      'backtest.csv',
      resultsCsv([
        ['month', 'measure', 'actual', 'mean', 'p5', 'p25', 'p50', 'p75', 'p95'],
        ...r.rows.map((x) => [
          x.month,
          x.measure,
          shown(x.actual, x.measure),
          x.mean,
          x.p5,
          x.p25,
          x.p50,
          x.p75,
          x.p95,
        ]),
      ]),
    );
    dir.write(
      'backtest.json',
      jsonText({
        fitTo: o.fitToText,
        years: o.years,
        replications: r.replications,
        seed: r.seed,
        coverage: r.coverage,
        departures: r.departures,
        disclosure: suppressionNote(o.suppressBelow),
        simulated: 'mean and p5-p95 are simulated; actual is from the data',
      }),
    );
    const source = {
      caresim: buildFacts().caresim,
      model: o.modelName,
      replications: r.replications,
      seed: r.seed,
    };
    dir.record(
      ...(await writeChartsInto(dir.partial, [backtestChart(r, source, o.suppressBelow, o.fitToText)])),
    );
    const report = formatBacktest(r, o.fitToText, o.suppressBelow);
    dir.write('report.md', `${report}\n![Back-test](charts/backtest.png)\n`);
    dir.write('calibration.md', formatCalibration(r.calibrated, o.suppressBelow, o.dataLabel));
    dir.commit();
    return { dir: dir.target, result: r, report };
  } catch (e) {
    dir.abandon();
    throw e;
  }
}
