// results.xlsx beside a run (issue 14): read back with an independent reader (exceljs reading the
// file written), for its sheets, named tables with unique headers, frozen headers, number formats
// and the charts as pictures.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeRun } from '../../src/output/runFolder.ts';
import { loadModel } from '../../src/scenario/load.ts';

describe('results.xlsx of a run', () => {
  it('has a contents sheet, findings, named tables with frozen headers and formats, the assumptions, the charts and the manifest', async () => {
    const loaded = loadModel('models/leicestershire.yaml');
    if (!loaded.ok) throw new Error('baseline invalid');
    const out = join(mkdtempSync(join(tmpdir(), 'caresim-xlsx-')), 'run');
    const { dir, manifest } = await executeRun({
      modelFile: 'models/leicestershire.yaml',
      model: loaded.model,
      modelAsWritten: loaded.raw,
      replications: 4,
      seed: 2,
      years: 9,
      workers: 1,
      out,
    });
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
    expect(String(wb.getWorksheet('Findings')!.getCell(3, 1).value)).toMatch(/range of outcomes/);
    expect(wb.getWorksheet('Charts')!.getImages().length).toBe(5);
    expect(wb.getWorksheet('Assumptions')!.rowCount).toBeGreaterThan(100);
  }, 120_000);
});
