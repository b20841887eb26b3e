/**
 * A council's 903 export as a spreadsheet: each sheet of an .xlsx workbook read into a table as a
 * CSV export of it would read (dates dd/mm/yyyy, numbers as written). Bytes in, tables out, so
 * the command line (dataFiles.ts) and the app read workbooks alike.
 */
import ExcelJS from 'exceljs';
import type { SourceTable } from '../data/table.ts';

/** Text of a spreadsheet cell as a CSV export would give it: dates dd/mm/yyyy, numbers as written. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // exceljs gives a date cell as midnight UTC of its day.
    const two = (n: number) => String(n).padStart(2, '0');
    return `${two(v.getUTCDate())}/${two(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(v);
}

/**
 * Every sheet of an .xlsx workbook as a table, named `file[sheet]`.
 * @throws Error naming the file when it is not a readable workbook
 */
export async function readWorkbook(path: string, bytes: Uint8Array): Promise<SourceTable[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new Error(`${path}: not a readable .xlsx workbook (${(e as Error).message})`, { cause: e });
  }
  const tables: SourceTable[] = [];
  wb.eachSheet((ws) => {
    const grid: { n: number; cells: string[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values = row.values as ExcelJS.CellValue[];
      grid.push({ n, cells: values.slice(1).map((v) => cellText(v).trim()) });
    });
    if (grid.length === 0) return;
    const header = grid[0]!.cells.map((h) => h.toUpperCase());
    const rows = grid.slice(1).filter((r) => r.cells.some((c) => c !== ''));
    tables.push({
      source: `${path}[${ws.name}]`,
      header,
      rows: rows.map((r) => header.map((_, k) => r.cells[k] ?? '')),
      rowNumbers: rows.map((r) => r.n),
    });
  });
  return tables;
}
