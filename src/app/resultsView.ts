/**
 * A results folder shown in the page, whether the app just made it or the user opened one:
 * the answer, the findings, the tables by financial year, the history check, the ranked table
 * of a comparison, and the charts drawn live; and the folder exported as the command line
 * writes it (a .zip of the whole folder, the HTML report, the Excel workbook).
 */
import { compareCharts } from '../charts/compareCharts.ts';
import { compareSource } from '../charts/compareInput.ts';
import { formatMoney } from '../charts/money.ts';
import { runCharts, type ChartDefinition } from '../charts/runCharts.ts';
import {
  type ScenarioComparison,
  type Folder,
  readManifest,
  compareReportDoc,
  runReportDoc,
} from '../lib/browser.ts';
import { readCompareFolder } from '../output/compareTables.ts';
import { parseStatRows } from '../output/csv.ts';
import { formatValue } from '../report/textTable.ts';
import { meanWithRange } from '../report/uncertaintyWords.ts';
import { showBlocks } from './blocksView.ts';
import { drawChart, type DrawnChart } from './chartView.ts';
import { completeFolder, zipFolder } from './resultsFolder.ts';

/** Offer a file to the user to save (nothing is sent anywhere: the file is made in the page). */
export function download(content: Blob, name: string): void {
  const a = Object.assign(document.createElement('a'), {
    href: URL.createObjectURL(content),
    download: name,
  });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

const button = (text: string, onClick: () => void): HTMLButtonElement => {
  const b = Object.assign(document.createElement('button'), { type: 'button', textContent: text });
  b.addEventListener('click', onClick);
  return b;
};

type Shown = Omit<ScenarioComparison, 'perRep'>;

/** The comparison's scenarios ranked by net present value, with the numbers a committee asks for first. */
function rankedTable(scenarios: readonly Shown[]): HTMLElement {
  const ranked = [...scenarios].sort(
    (a, b) => (b.metrics.netPresentValue?.mean ?? 0) - (a.metrics.netPresentValue?.mean ?? 0),
  );
  const table = document.createElement('table');
  table.className = 'ranked';
  table.createCaption().textContent = 'The scenarios ranked by net present value against the base';
  const head = table.createTHead().insertRow();
  for (const h of [
    'Scenario',
    'Revenue cost avoided',
    'Chance of the savings target',
    'Net present value',
    'Payback (median)',
  ])
    head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: h }));
  const body = table.createTBody();
  for (const c of ranked) {
    const row = body.insertRow();
    row.append(Object.assign(document.createElement('th'), { scope: 'row', textContent: c.name }));
    for (const cell of [
      c.metrics.costAvoided ? `${meanWithRange(c.metrics.costAvoided, '£')}, ${c.span}` : 'not measured',
      c.target
        ? `${formatValue(c.target.probabilityMet, 'share')} (${formatMoney(c.target.perYear)} in ${c.target.year})`
        : 'no target',
      c.metrics.netPresentValue ? meanWithRange(c.metrics.netPresentValue, '£') : 'not measured',
      c.payback.medianYear ?? 'not within the horizon',
    ])
      row.insertCell().textContent = cell;
  }
  const wrap = Object.assign(document.createElement('div'), { className: 'table-wrap', tabIndex: 0 });
  wrap.append(table);
  return wrap;
}

export class ResultsPanel {
  private folder: Folder | null = null;
  private charts: { name: string; spec: ChartDefinition['spec']; drawn: DrawnChart }[] = [];
  private readonly text = document.createElement('div');
  private readonly chartArea = Object.assign(document.createElement('div'), { className: 'charts' });
  private readonly status = Object.assign(document.createElement('p'), { role: 'status' });
  readonly summary = Object.assign(document.createElement('pre'), { hidden: true });

  /** @param section the page's section for these results, with its heading already in it */
  constructor(private readonly section: HTMLElement) {
    const how = Object.assign(document.createElement('p'), {
      className: 'how',
      textContent:
        'How to read it: each replication is one possible future. The range of outcomes is the 5th to 95th percentile across them; the ± after an average is how precisely the replications have pinned it down.',
    });
    const exports = Object.assign(document.createElement('div'), { className: 'row exports' });
    exports.append(
      button('Export the results folder (.zip)', () => void this.export('zip')),
      button('Download the report (HTML)', () => void this.export('report.html')),
      button('Download the workbook (Excel)', () => void this.export('results.xlsx')),
      button('Download summary.json', () => void this.export('summary.json')),
    );
    this.text.id = `${section.id}-text`;
    this.chartArea.id = `${section.id}-charts`;
    this.summary.id = `${section.id}-summary-json`;
    this.status.id = `${section.id}-status`;
    section.append(this.text, how, this.chartArea, exports, this.status, this.summary);
  }

  /** Show a results folder: a run's, a merge's or a comparison's. */
  async show(folder: Folder): Promise<void> {
    for (const c of this.charts) c.drawn.view.finalize();
    this.charts = [];
    this.chartArea.replaceChildren();
    this.status.textContent = '';
    this.folder = folder;
    const m = readManifest(folder, ['run', 'merge', 'compare']);
    let charts: ChartDefinition[];
    if (m.command === 'compare') {
      showBlocks(compareReportDoc(folder).blocks, ['Findings', 'Savings by financial year'], this.text);
      const scenarios = (JSON.parse(folder.text('compare.json')) as { scenarios: Shown[] }).scenarios;
      this.text.insertBefore(rankedTable(scenarios), this.text.querySelector('h3'));
      charts = compareCharts(readCompareFolder(folder), compareSource(m));
      this.summary.textContent = '';
    } else {
      showBlocks(runReportDoc(folder).blocks, ['Findings', 'By financial year', 'History check'], this.text);
      const source = {
        caresim: m.caresim,
        model: m.modelName,
        replications: m.replications,
        seed: m.seed,
      };
      charts = runCharts(
        parseStatRows(folder.text('periods.csv')),
        parseStatRows(folder.text('years.csv')),
        source,
      );
      this.summary.textContent = folder.text('summary.json');
    }
    for (const c of charts)
      this.charts.push({ name: c.name, spec: c.spec, drawn: await drawChart(c, this.chartArea) });
    // Shown whole: the answer, the tables and every chart together.
    this.section.hidden = false;
  }

  private async export(what: 'zip' | 'report.html' | 'results.xlsx' | 'summary.json'): Promise<void> {
    const folder = this.folder;
    if (!folder) return;
    if (what === 'summary.json' && !folder.has('summary.json')) {
      this.status.textContent = 'A comparison has no summary.json: its tables are compare.json and its CSVs.';
      return;
    }
    this.status.textContent = 'Preparing the files (charts, reports, workbook)…';
    try {
      await completeFolder(folder, this.charts);
      if (what === 'zip') download(await zipFolder(folder), `${folder.name}.zip`);
      else {
        const type =
          what === 'report.html'
            ? 'text/html'
            : what === 'summary.json'
              ? 'application/json'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        download(new Blob([folder.bytes(what) as BlobPart], { type }), `${folder.name}-${what}`);
      }
      this.status.textContent = `Ready: ${what === 'zip' ? `${folder.name}.zip` : what}.`;
    } catch (e) {
      this.status.textContent = `Could not prepare the files: ${(e as Error).message}`;
    }
  }
}
