/**
 * A council's own 903 returns, dropped onto the page: checked against the DfE specification as
 * `caresim data check` checks them, summarised with small counts suppressed, and calibrated into
 * a model as `caresim calibrate` does, which the app then starts from. The files are read in the
 * page; nothing is sent anywhere.
 */
import { calibrationCharts } from '../charts/calibrationCharts.ts';
import { calibrate } from '../data/calibrate.ts';
import { checkReturns, dataLabel, type CheckedReturns } from '../data/check.ts';
import { formatDataProblem } from '../data/records.ts';
import { decodeText, parseCsvTable, type SourceTable } from '../data/table.ts';
import { calibratedModelText } from '../output/modelText.ts';
import { formatCalibration } from '../report/calibrationReport.ts';
import { formatDataSummary } from '../report/dataSummary.ts';
import { calibration as calibrationSchema } from '../scenario/schema/calibration.ts';
import type { ModelFile } from '../lib/browser.ts';
import { drawChart } from './chartView.ts';
import { download } from './resultsView.ts';

/** Counts of 1 to 4 children are shown as "<5", as `caresim data check` shows them by default. */
const SUPPRESS_BELOW = 5;

/** The tables of the files (CSV, or each sheet of an .xlsx workbook). */
async function readFiles(files: readonly File[]): Promise<SourceTable[]> {
  const tables: SourceTable[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(await f.arrayBuffer());
    const name = f.name.toLowerCase();
    if (name.endsWith('.xlsx') || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
      // Excel's reader is large: loaded only when a workbook is dropped.
      const { readWorkbook } = await import('../output/workbookTables.ts');
      tables.push(...(await readWorkbook(f.name, bytes)));
    } else if (name.endsWith('.xls'))
      throw new Error(`${f.name}: an old Excel (.xls) workbook: save it as .xlsx or CSV`);
    else tables.push(parseCsvTable(f.name, decodeText(bytes).text));
  }
  return tables;
}

export interface DataView {
  /** Check dropped or chosen files. */
  check(files: readonly File[]): Promise<void>;
}

/**
 * @param startModel the model the app starts from now (calibration keeps its homes, ART, prices)
 * @param useModel start the app from a calibrated model's file, by its name and text
 */
export function dataView(o: {
  status: HTMLElement;
  summary: HTMLElement;
  calibrateButton: HTMLButtonElement;
  charts: HTMLElement;
  startModel: () => { file: string; model: ModelFile } | null;
  useModel: (file: string, text: string) => void;
}): DataView {
  let checked: Extract<CheckedReturns, { ok: true }> | null = null;
  let count = 0;
  o.calibrateButton.addEventListener('click', () => {
    const start = o.startModel();
    if (!checked || !start) return;
    try {
      const label = dataLabel(checked.merged);
      // Beside the model it extends, so `extends` names it by its file name alone.
      const folder = start.file.slice(0, start.file.lastIndexOf('/') + 1);
      const base = start.file.slice(folder.length);
      const result = calibrate(checked.merged, {
        base: start.model,
        baseRef: base,
        calibration: start.model.calibration ?? calibrationSchema.parse({}),
        seed: start.model.run.seed,
        dataLabel: label,
      });
      const file = `${folder}${base.replace(/\.(ya?ml|json)$/i, '')}-calibrated.yaml`;
      const text = calibratedModelText(
        result.model,
        [
          `Calibrated by the caresim app from ${label} and the base model ${start.file}.`,
          'Every calibrated number says which data it came from and carries its sampling uncertainty as a belief.',
          "The initial census is derived from children's records (grouped, no dates): check it against your",
          'disclosure rules before publishing this file.',
        ].join('\n'),
      );
      o.summary.textContent = formatCalibration(result, SUPPRESS_BELOW, label);
      o.charts.replaceChildren();
      void (async () => {
        for (const e of result.cohorts)
          for (const c of calibrationCharts(e, label, SUPPRESS_BELOW)) await drawChart(c, o.charts);
      })();
      o.useModel(file, text);
      const save = Object.assign(document.createElement('button'), {
        type: 'button',
        textContent: `Download ${file.slice(file.lastIndexOf('/') + 1)}`,
      });
      save.addEventListener('click', () =>
        download(new Blob([text], { type: 'application/yaml' }), save.textContent!.slice(9)),
      );
      o.status.className = '';
      o.status.replaceChildren(
        `Calibrated to ${label}: the app now starts from ${file.replace(/^models\//, '')} (section 1). `,
        save,
      );
    } catch (e) {
      o.status.className = 'error';
      o.status.textContent = `Could not calibrate: ${(e as Error).message}`;
    }
  });
  return {
    async check(files) {
      const n = ++count;
      checked = null;
      o.calibrateButton.disabled = true;
      o.charts.replaceChildren();
      o.status.className = '';
      o.status.textContent = `Reading ${files.length} file(s) in this page…`;
      try {
        const tables = await readFiles(files);
        if (n !== count) return;
        const r = checkReturns(tables);
        if (!r.ok) {
          o.status.className = 'error';
          o.status.textContent = `${r.problems.length} problem(s) in ${tables.length} file(s): nothing was merged. Fix them in the case-management system's extract, or in the files, and check again.`;
          o.summary.textContent = r.problems.map(formatDataProblem).join('\n');
          return;
        }
        checked = r;
        o.status.textContent = `${tables.length} file(s) read, no problems.`;
        o.summary.textContent = formatDataSummary(r.summary, r.merged.notes, SUPPRESS_BELOW);
        o.calibrateButton.disabled = false;
      } catch (e) {
        o.status.className = 'error';
        o.status.textContent = (e as Error).message;
      }
    },
  };
}
