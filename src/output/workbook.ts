/**
 * results.xlsx: a results folder as an Excel workbook an analyst can pivot and an officer can
 * paste from. A contents sheet; the findings in words; the headline summary with both kinds of
 * interval as numbers; the tables by financial year and by month as named Excel tables (so
 * PivotTables and filters work) with frozen headers and proper number formats (£, %, whole
 * children); every parameter with its source; the charts as images; and the manifest. Built from
 * what the folder holds, as the reports are, and written into it (on disk for the command line,
 * in memory for the app: exceljs runs in both).
 */
import ExcelJS from 'exceljs';
import { runCharts, type StatRow } from '../charts/runCharts.ts';
import type { MetricSummary } from '../experiment/tables.ts';
import type { Block } from '../report/blocks.ts';
import { assumptionRow } from '../report/assumptions.ts';
import { fieldTheme, THEMES } from '../scenario/fieldUnit.ts';
import { MC_HEADING, RANGE_HEADING } from '../report/uncertaintyWords.ts';
import { listProvenance } from '../scenario/provenance.ts';
import { csvRecords, parseStatRows } from './csv.ts';
import { compareReportDoc, runReportDoc } from './reportDocs.ts';
import { pngSize, readWith, type Folder } from './folder.ts';
import { readManifest } from './manifest.ts';

/** The Excel number format for a value in a unit. */
export function numberFormat(unit: string): string {
  if (unit === '£') return '"£"#,##0;-"£"#,##0';
  if (unit === 'share' || unit === 'rate') return '0.0%';
  if (unit === 'days' || unit === 'placements' || unit === 'referrals') return '#,##0.0';
  return '#,##0.00';
}

interface Column {
  header: string;
  width: number;
  /** Number format, or null for text. */
  format?: string | ((row: readonly (string | number | null)[]) => string);
}

/** A sheet holding one named table, header frozen. */
function tableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  tableName: string,
  columns: readonly Column[],
  rows: readonly (readonly (string | number | null)[])[],
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.addTable({
    name: tableName,
    ref: 'A1',
    headerRow: true,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: rows.length > 0 ? rows.map((r) => [...r]) : [columns.map(() => null)],
  });
  // One style object per number format, shared by its cells: exceljs recognises a style object it
  // has seen and writes its id, where a style of each cell's own (what setting numFmt makes) is
  // rendered and looked up cell by cell (a second of the baseline's monthly table).
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (fmt: string) => {
    let style = styles.get(fmt);
    if (style === undefined) styles.set(fmt, (style = { numFmt: fmt }));
    return style;
  };
  rows.forEach((r, i) => {
    columns.forEach((c, j) => {
      if (!c.format) return;
      ws.getCell(i + 2, j + 1).style = styleOf(typeof c.format === 'function' ? c.format(r) : c.format);
    });
  });
}

/** A sheet of paragraphs (findings, notes), wrapped to a readable width. */
function textSheet(wb: ExcelJS.Workbook, name: string, title: string, paragraphs: readonly string[]): void {
  const ws = wb.addWorksheet(name);
  ws.columns = [{ width: 110 }];
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([]);
  for (const p of paragraphs) {
    const row = ws.addRow([p]);
    row.alignment = { wrapText: true, vertical: 'top' };
    // Excel does not size wrapped rows itself: about 110 characters a line at this width.
    row.height = 15 * Math.max(1, Math.ceil(p.length / 105));
  }
}

/** The charts' PNGs, one under another, each with its title. */
function chartSheet(
  wb: ExcelJS.Workbook,
  folder: Folder,
  charts: readonly { name: string; title: string }[],
): void {
  const ws = wb.addWorksheet('Charts');
  ws.columns = [{ width: 120 }];
  let row = 1;
  for (const c of charts) {
    const file = `charts/${c.name}.png`;
    if (!folder.has(file)) continue;
    const png = folder.bytes(file);
    // PNG width and height, from its header, to keep the picture's shape.
    const { width: w, height: h } = pngSize(png);
    const width = 760;
    const height = Math.round((h / w) * width);
    ws.getCell(row, 1).value = c.title;
    ws.getCell(row, 1).font = { bold: true };
    const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(id, { tl: { col: 0, row }, ext: { width, height } });
    row += Math.ceil(height / 20) + 3;
  }
}

function manifestSheet(wb: ExcelJS.Workbook, manifest: Record<string, unknown>): void {
  const rows = Object.entries(manifest)
    .filter(([k]) => k !== 'model' && k !== 'modelAsWritten')
    .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
  tableSheet(
    wb,
    'Manifest',
    'Manifest',
    [
      { header: 'fact', width: 24 },
      { header: 'value', width: 100 },
    ],
    rows,
  );
}

function contentsSheet(
  wb: ExcelJS.Workbook,
  title: string,
  subtitle: string,
  sheets: readonly [string, string][],
): void {
  const ws = wb.getWorksheet('Contents')!;
  ws.columns = [{ width: 22 }, { width: 100 }];
  ws.addRow([title]).font = { bold: true, size: 16 };
  ws.addRow([subtitle]);
  ws.addRow([]);
  for (const [sheet, what] of sheets) {
    const r = ws.addRow([{ text: sheet, hyperlink: `#'${sheet}'!A1` }, what]);
    r.getCell(1).font = { color: { argb: 'FF0563C1' }, underline: true };
  }
}

/**
 * The two kinds of interval as column headers (an Excel table needs each header once): the range
 * of outcomes, then the simulation error of the average.
 */
const INTERVAL_HEADERS = [
  'average',
  'range of outcomes: 5th percentile',
  'range of outcomes: 95th percentile',
  'simulation error of the average: 95% low',
  'simulation error of the average: 95% high',
] as const;

const STAT_COLUMNS = (period: string): Column[] => [
  { header: 'series', width: 28 },
  { header: 'label', width: 48 },
  { header: 'unit', width: 10 },
  { header: period, width: 12 },
  ...[...INTERVAL_HEADERS, '25th percentile', 'median', '75th percentile'].map((h): Column => ({
    header: h,
    width: h.length > 20 ? 30 : 12,
    format: (r) => numberFormat(String(r[2])),
  })),
];

const statRow = (r: StatRow) => [
  r.series,
  r.label,
  r.unit,
  r.period,
  r.mean,
  r.p5,
  r.p95,
  r.ciLow,
  r.ciHigh,
  r.p25,
  r.p50,
  r.p75,
];

/**
 * Write results.xlsx into a run's folder (complete or partial), from its files.
 * @throws Error if the folder lacks its manifest, summary or tables
 */
export async function writeRunWorkbook(folder: Folder): Promise<string> {
  const m = readManifest(folder, ['run', 'merge']);
  const summary = (readWith(folder, 'summary.json', JSON.parse) as { metrics: Record<string, MetricSummary> })
    .metrics;
  const periods = readWith(folder, 'periods.csv', parseStatRows);
  const years = readWith(folder, 'years.csv', parseStatRows);
  const doc = runReportDoc(folder);
  const wb = new ExcelJS.Workbook();
  wb.creator = `caresim ${String(m.caresim)}`;
  wb.addWorksheet('Contents');
  textSheet(wb, 'Findings', `${String(m.modelName)}: findings`, [
    ...leads(doc.blocks),
    ...sectionTexts(doc.blocks, 'Findings'),
  ]);
  tableSheet(
    wb,
    'Summary',
    'Summary',
    [
      { header: 'metric', width: 28 },
      { header: 'label', width: 60 },
      { header: 'unit', width: 10 },
      ...INTERVAL_HEADERS.map((h): Column => ({
        header: h,
        width: h.length > 20 ? 30 : 12,
        format: (r) => numberFormat(String(r[2])),
      })),
      { header: 'replications', width: 12, format: '0' },
    ],
    Object.entries(summary).map(([k, s]) => [
      k,
      s.label,
      s.unit,
      s.mean,
      s.p5,
      s.p95,
      s.ciLow,
      s.ciHigh,
      s.n,
    ]),
  );
  tableSheet(wb, 'By year', 'ByYear', STAT_COLUMNS('year'), years.map(statRow));
  tableSheet(wb, 'By month', 'ByMonth', STAT_COLUMNS('month'), periods.map(statRow));
  tableSheet(
    wb,
    'Assumptions',
    'Assumptions',
    [
      { header: 'theme', width: 30 },
      { header: 'parameter', width: 50 },
      { header: 'value', width: 26 },
      { header: 'number', width: 12 },
      { header: 'kind', width: 12 },
      { header: 'source or reason', width: 90 },
      { header: 'low', width: 10 },
      { header: 'high', width: 10 },
      { header: 'field', width: 50 },
    ],
    assumptionsByTheme(m.modelAsWritten ?? m.model),
  );
  const source = {
    caresim: String(m.caresim),
    model: String(m.modelName),
    replications: m.replications,
    seed: m.seed,
  };
  chartSheet(wb, folder, runCharts(periods, years, source));
  manifestSheet(wb, m as unknown as Record<string, unknown>);
  contentsSheet(
    wb,
    `${String(m.modelName)}: simulation results`,
    `${String(m.replications)} replications, seed ${String(m.seed)}; caresim ${String(m.caresim)}`,
    [
      ['Findings', 'what the results say, in words, with the range of outcomes first'],
      ['Summary', `headline metrics: average, ${RANGE_HEADING}, ${MC_HEADING}`],
      ['By year', 'every series by financial year (table ByYear)'],
      ['By month', 'every series by calendar month (table ByMonth)'],
      ['Assumptions', 'every number of the model with its source or the assumption behind it'],
      ['Charts', 'the charts of the report, as pictures'],
      ['Manifest', 'how the results were made: seed, replications, versions, streams'],
    ],
  );
  return save(wb, folder);
}

/** The texts of the blocks under one heading (paragraphs and list items), for a sheet of words. */
/** Every number of a model by theme: plain name, value with its unit, the bare number to pivot on, the path. */
function assumptionsByTheme(model: unknown): (string | number | null)[][] {
  const entries = listProvenance(model);
  return THEMES.flatMap((theme) =>
    entries
      .filter((p) => fieldTheme(p.field) === theme)
      .map((p) => {
        const { row } = assumptionRow(model, p);
        const x = Number(p.value);
        return [
          theme,
          row[0]!,
          row[1]!,
          Number.isFinite(x) ? x : null,
          row[2]!,
          p.text,
          p.low ?? null,
          p.high ?? null,
          p.field,
        ];
      }),
  );
}

/** The answer sentences a report opens with. */
const leads = (blocks: readonly Block[]): string[] =>
  blocks.filter((b) => b.kind === 'lead').map((b) => b.text!);

function sectionTexts(blocks: readonly Block[], heading: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const b of blocks) {
    if (b.kind === 'h2') inside = b.text === heading;
    else if (inside && b.kind === 'p') out.push(b.text!);
    else if (inside && b.kind === 'list') out.push(...b.items!);
  }
  return out;
}

/** A CSV file of the folder as a named table: numbers as numbers, each column formatted by `format`. */
function csvSheet(
  wb: ExcelJS.Workbook,
  folder: Folder,
  file: string,
  sheet: string,
  table: string,
  format: (column: string, row: Record<string, string>) => string | undefined,
): void {
  if (!folder.has(file)) return;
  const records = csvRecords(folder.text(file));
  if (records.length === 0) return;
  const headers = Object.keys(records[0]!);
  const isNumeric = headers.map((h) => records.every((r) => r[h] === '' || Number.isFinite(Number(r[h]))));
  const rows = records.map((r) =>
    headers.map((h, j) => (isNumeric[j] ? (r[h] === '' ? null : Number(r[h])) : r[h]!)),
  );
  const columns: Column[] = headers.map((h, j) => ({
    header: h,
    width: isNumeric[j] ? 14 : Math.min(60, Math.max(12, ...records.map((r) => r[h]!.length))),
    ...(isNumeric[j]
      ? {
          format: (row: readonly (string | number | null)[]) =>
            format(h, Object.fromEntries(headers.map((k, i) => [k, String(row[i] ?? '')]))) ?? '#,##0.00',
        }
      : {}),
  }));
  tableSheet(wb, sheet, table, columns, rows);
}

const MONEY = numberFormat('£');

/**
 * The zip's deflate level: the fastest. The monthly table's XML is most of the workbook and
 * repeats itself, so level 1 costs little in size (the baseline's 1.3 MB becomes 1.5 MB) and
 * saves about 0.2 s of a baseline run over the default, 6.
 */
const ZIP = { compression: 'DEFLATE', compressionOptions: { level: 1 } } as const;

/** Write the workbook into the folder as results.xlsx. */
async function save(wb: ExcelJS.Workbook, folder: Folder): Promise<string> {
  // exceljs passes `zip` on to JSZip's generateAsync; its types do not list it.
  const options = { zip: ZIP } as unknown as Partial<ExcelJS.XlsxWriteOptions>;
  folder.write('results.xlsx', new Uint8Array(await wb.xlsx.writeBuffer(options)));
  return 'results.xlsx';
}

/**
 * Write results.xlsx into a comparison's folder, from its files: the findings, the savings by year
 * and each model's costs by year as named tables (£), what the answer hangs on, the charts and the
 * manifest.
 */
export async function writeCompareWorkbook(folder: Folder): Promise<string> {
  const m = readManifest(folder, ['compare']);
  const doc = compareReportDoc(folder);
  const wb = new ExcelJS.Workbook();
  wb.creator = `caresim ${String(m.caresim)}`;
  wb.addWorksheet('Contents');
  textSheet(wb, 'Findings', doc.title, [
    ...leads(doc.blocks),
    ...sectionTexts(doc.blocks, 'Findings'),
    ...sectionTexts(doc.blocks, 'What the answer hangs on'),
  ]);
  const stat = new Set(['mean', 'ciLow', 'ciHigh', 'p5', 'p25', 'p50', 'p75', 'p95']);
  csvSheet(wb, folder, 'compare-years.csv', 'Savings by year', 'SavingsByYear', (c) =>
    stat.has(c) ? MONEY : undefined,
  );
  csvSheet(wb, folder, 'compare-costs.csv', 'Costs by model', 'CostsByModel', (c) =>
    stat.has(c) ? MONEY : undefined,
  );
  csvSheet(wb, folder, 'compare-psa.csv', 'Hangs on', 'HangsOn', (c) =>
    c === 'evppi' ? MONEY : c === 'varianceShare' ? '0.0%' : '0.000',
  );
  chartSheet(
    wb,
    folder,
    doc.blocks.filter((b) => b.kind === 'chart').map((b) => ({ name: b.chart!.name, title: b.chart!.title })),
  );
  manifestSheet(wb, m as unknown as Record<string, unknown>);
  const sheets: [string, string][] = [
    ['Findings', 'what the comparison says, in words, with the range of outcomes first'],
    ['Savings by year', "each scenario's saving against the base by financial year (table SavingsByYear)"],
    ['Costs by model', "each model's revenue cost by financial year (table CostsByModel)"],
    ['Hangs on', 'which uncertain numbers the saving depends on, their value of information and thresholds'],
    ['Charts', 'the charts of the report, as pictures'],
    ['Manifest', 'how the results were made: seed, replications, versions, streams'],
  ];
  contentsSheet(
    wb,
    doc.title,
    doc.subtitle,
    sheets.filter(([name]) => wb.getWorksheet(name) !== undefined),
  );
  return save(wb, folder);
}

/**
 * Write results.xlsx into a sweep's folder, from its files: the answers to its sizing questions in
 * words, every option's metrics with both kinds of interval as a named table (SweepPoints: money
 * as £, shares as %), the charts and the manifest.
 */
export async function writeSweepWorkbook(
  folder: Folder,
  charts: readonly { name: string; title: string }[],
): Promise<string> {
  const m = readManifest(folder, ['sweep']);
  const wb = new ExcelJS.Workbook();
  wb.creator = `caresim ${String(m.caresim)}`;
  wb.addWorksheet('Contents');
  const answers = folder.has('answers.json')
    ? (readWith(folder, 'answers.json', JSON.parse) as { question: string; answer: string }[])
    : [];
  textSheet(wb, `Answers`, `${String(m.modelName)}: options compared`, [
    `${String(m.points)} options, each run ${String(m.replications)} times on the same random numbers (seed ${String(m.seed)}). For each metric: the average; ciLow and ciHigh, the simulation error of the average (95% interval); p5 and p95, the range of outcomes (5th to 95th percentile).`,
    ...(answers.length > 0
      ? answers.map((a) => `${a.question}: ${a.answer}`)
      : ['No sizing question was asked (--max-overflow-share, --max-overflow-chance, --minimise).']),
  ]);
  csvSheet(wb, folder, 'sweep.csv', 'Options', 'SweepPoints', (c) =>
    /^(cost\.total|capital)\./.test(c)
      ? numberFormat('£')
      : /^(overflowShare|occupancyRate)\./.test(c)
        ? numberFormat('share')
        : c === 'pareto' || c === 'point'
          ? '0'
          : undefined,
  );
  chartSheet(wb, folder, charts);
  manifestSheet(wb, m as unknown as Record<string, unknown>);
  contentsSheet(
    wb,
    `${String(m.modelName)}: options compared`,
    `${String(m.points)} options, ${String(m.replications)} replications each, seed ${String(m.seed)}; caresim ${String(m.caresim)}`,
    [
      ['Answers', 'the sizing questions answered, in words'],
      [
        'Options',
        'every option with its metrics: average, simulation error and range of outcomes (table SweepPoints)',
      ],
      ['Charts', 'the trade-off chart and heat maps, as pictures'],
      ['Manifest', 'how the results were made: axes, seed, replications, versions, streams'],
    ],
  );
  return save(wb, folder);
}
