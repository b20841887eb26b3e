// results.xlsx beside a run (issue 14): read back with an independent reader (exceljs reading the
// file written), for its sheets, named tables with unique headers, frozen headers, number formats
// and the charts as pictures.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeRun } from '../../src/output/runFolder.ts';
import { loadModel } from '../../src/scenario/load.ts';

/** One small run of the baseline, shared by the tests of its workbook and its Word report. */
let baseline: ReturnType<typeof executeRun> | undefined;
function baselineRun(): ReturnType<typeof executeRun> {
  baseline ??= (() => {
    const loaded = loadModel('models/leicestershire.yaml');
    if (!loaded.ok) throw new Error('baseline invalid');
    return executeRun({
      modelFile: 'models/leicestershire.yaml',
      model: loaded.model,
      modelAsWritten: loaded.raw,
      replications: 4,
      seed: 2,
      years: 9,
      workers: 1,
      out: join(mkdtempSync(join(tmpdir(), 'caresim-xlsx-')), 'run'),
    });
  })();
  return baseline;
}

describe('results.xlsx of a run', () => {
  it('has a contents sheet, findings, named tables with frozen headers and formats, the assumptions, the charts and the manifest', async () => {
    const { dir, manifest } = await baselineRun();
    expect(manifest.files).toContain('results.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'results.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Contents',
      'Findings',
      'Summary',
      'By year',
      'By month',
      'Assumptions',
      'Charts',
      'Manifest',
    ]);
    // Named tables, each header once (Excel refuses a table with a header twice), first row frozen.
    const tables: Record<string, string> = {
      Summary: 'Summary',
      'By year': 'ByYear',
      'By month': 'ByMonth',
      Assumptions: 'Assumptions',
      Manifest: 'Manifest',
    };
    for (const [sheet, table] of Object.entries(tables)) {
      const ws = wb.getWorksheet(sheet)!;
      const t = ws.getTable(table) as unknown as { table: { columns: { name: string }[] } };
      expect(t, `${sheet} holds table ${table}`).toBeDefined();
      const names = t.table.columns.map((c) => c.name);
      expect(new Set(names).size, `${sheet} headers unique`).toBe(names.length);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    // Money as £ and shares as %; both kinds of interval as numbers.
    const summary = wb.getWorksheet('Summary')!;
    const header = (summary.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining([
        'range of outcomes: 5th percentile',
        'simulation error of the average: 95% low',
      ]),
    );
    const rowOf = (metric: string) => {
      for (let r = 2; r <= summary.rowCount; r++) if (summary.getCell(r, 1).value === metric) return r;
      throw new Error(`no row ${metric}`);
    };
    const cost = rowOf('cost.total');
    expect(summary.getCell(cost, 4).numFmt).toContain('£');
    expect(typeof summary.getCell(cost, 4).value).toBe('number');
    expect(summary.getCell(rowOf('overflowShare'), 4).numFmt).toBe('0.0%');
    // Contents links to every other sheet; the findings are sentences; the charts are pictures.
    const contents = wb.getWorksheet('Contents')!;
    const linked: string[] = [];
    contents.eachRow((row) => {
      const v = row.getCell(1).value as { hyperlink?: string } | null;
      if (v && typeof v === 'object' && v.hyperlink) linked.push(v.hyperlink);
    });
    expect(linked).toHaveLength(7);
    // The answer first, as in the report.
    expect(String(wb.getWorksheet('Findings')!.getCell(3, 1).value)).toMatch(
      /^Under ".*", most likely \d+ children/,
    );
    expect(String(wb.getWorksheet('Findings')!.getCell(4, 1).value)).toMatch(/range of outcomes/);
    expect(wb.getWorksheet('Charts')!.getImages().length).toBe(5);
    // Every number by theme, in plain words with its unit, the bare number and the path beside.
    const a = wb.getWorksheet('Assumptions')!;
    expect(a.rowCount).toBeGreaterThan(100);
    const aHeader = (a.getRow(1).values as unknown[]).slice(1);
    expect(aHeader).toEqual([
      'theme',
      'parameter',
      'value',
      'number',
      'kind',
      'source or reason',
      'low',
      'high',
      'field',
    ]);
    const stay = [...Array(a.rowCount).keys()]
      .map((i) => a.getRow(i + 1))
      .find((r) => r.getCell(9).value === 'cohorts.under16.pathway.stay.mean')!;
    expect(stay.getCell(1).value).toBe("Children's journeys: stays, breakdowns and step-downs");
    expect(stay.getCell(3).value).toBe('540 days (explored 400 to 700 days)');
    expect(stay.getCell(4).value).toBe(540);
  }, 120_000);
});

describe('report.docx of a run', () => {
  it('is the short report: Word heading styles, the findings, four charts as pictures and the year table as a Word table', async () => {
    const JSZip = (await import('jszip')).default;
    const { dir, manifest } = await baselineRun();
    expect(manifest.files).toContain('report.docx');
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'report.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    // Headings as Word's styles, so a council's template restyles them.
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect((xml.match(/<w:pStyle w:val="Heading1"\/>/g) ?? []).length).toBe(3);
    for (const h of ['Findings', 'Charts', 'By financial year']) expect(xml).toContain(`>${h}</w:t>`);
    // The long sections stay in report.html.
    expect(xml).not.toContain('>Appendix B: assumptions and sources</w:t>');
    // Four charts, embedded; one table with a repeating header row.
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'));
    expect(media).toHaveLength(4);
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(1);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/range of outcomes/);
  }, 120_000);
});

describe('results.xlsx and report.docx of a comparison', () => {
  it('hold the findings, the savings and costs by year and what the answer hangs on as tables, and the short report', async () => {
    const JSZip = (await import('jszip')).default;
    const { executeCompare } = await import('../../src/output/compareFolder.ts');
    const files = ['models/scenarios/do-nothing.yaml', 'models/scenarios/march-2025-plan.yaml'];
    const models = files.map((f) => {
      const l = loadModel(f);
      if (!l.ok) throw new Error(`${f} invalid`);
      return l;
    });
    const out = join(mkdtempSync(join(tmpdir(), 'caresim-cmp-xlsx-')), 'cmp');
    const { dir, manifest } = await executeCompare({
      files,
      models: models.map((l) => l.model),
      modelsAsWritten: models.map((l) => l.raw),
      replications: 30,
      seed: 5,
      workers: 1,
      out,
    });
    expect(manifest.files).toEqual(expect.arrayContaining(['report.docx', 'results.xlsx']));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'results.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Contents',
      'Findings',
      'Savings by year',
      'Costs by model',
      'Hangs on',
      'Charts',
      'Manifest',
    ]);
    const years = wb.getWorksheet('Savings by year')!;
    expect(years.getTable('SavingsByYear')).toBeDefined();
    const header = (years.getRow(1).values as string[]).slice(1);
    const mean = header.indexOf('mean') + 1;
    expect(typeof years.getCell(2, mean).value).toBe('number');
    expect(years.getCell(2, mean).numFmt).toContain('£');
    expect(wb.getWorksheet('Charts')!.getImages().length).toBeGreaterThanOrEqual(4);
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'report.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const h of ['Findings', 'Charts', 'Savings by financial year']) expect(xml).toContain(`>${h}</w:t>`);
    // One table: the savings of every scenario by year; the detail stays in the full report.
    expect(xml).not.toContain('>Savings in detail</w:t>');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(4);
  }, 180_000);
});

describe('results.xlsx of a sweep', () => {
  it('holds the answers in words, every option as a named table with both intervals, the charts and the manifest', async () => {
    const { executeSweep } = await import('../../src/output/sweepFolder.ts');
    const { parseAxis } = await import('../../src/experiment/sweep.ts');
    const r = loadModel('models/verification/loss-system.yaml');
    if (!r.ok) throw new Error('loss system invalid');
    const out = join(mkdtempSync(join(tmpdir(), 'caresim-sweep-xlsx-')), 's');
    const { dir } = await executeSweep({
      modelFile: 'loss-system.yaml',
      modelName: 'Loss system',
      raw: r.raw,
      axes: [parseAxis('homes.home.beds=20,23,26')],
      design: 'grid',
      replications: 3,
      seed: 1,
      years: 1,
      workers: 1,
      out,
      questions: { minimise: ['placements.outOfCounty'] },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'results.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Contents',
      'Answers',
      'Options',
      'Charts',
      'Manifest',
    ]);
    const options = wb.getWorksheet('Options')!;
    expect(options.getTable('SweepPoints')).toBeDefined();
    const header = (options.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(['homes.home.beds', 'cost.total.p5', 'cost.total.ciLow', 'pareto']),
    );
    expect(options.rowCount).toBe(4);
    expect(options.getCell(2, header.indexOf('overflowShare.mean') + 1).numFmt).toBe('0.0%');
    expect(String(wb.getWorksheet('Answers')!.getCell(4, 1).value)).toMatch(
      /^Option with the lowest placements\.outOfCounty: homes\.home\.beds = 26/,
    );
    expect(wb.getWorksheet('Charts')!.getImages().length).toBeGreaterThanOrEqual(1);
    // And its report: the answer first, the options table, and the short version as Word.
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(
      /<p class="lead">Option with the lowest placements\.outOfCounty: homes\.home\.beds = 26/,
    );
    expect(html).toContain('<h2>Every option</h2>');
    expect(html.match(/<tr><td>\d<\/td>/g)).toHaveLength(3);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'report.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('>Findings</w:t>');
    expect(xml).not.toContain('>Every option</w:t>');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/')).length).toBeGreaterThanOrEqual(
      1,
    );
  }, 120_000);
});
