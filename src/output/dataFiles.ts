/**
 * Reading a council's 903 files from disk into tables: CSV in whatever encoding Excel or a case
 * management system saved it (data/table.ts decodes it), and spreadsheets (.xlsx, every sheet
 * with rows), through exceljs. A folder stands for the CSV and spreadsheet files in it. Nothing
 * is sent anywhere: the files are read and parsed on this machine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { decodeText, parseCsvTable, type SourceTable } from '../data/table.ts';
import { readWorkbook } from './workbookTables.ts';

const READABLE = new Set(['.csv', '.xlsx']);

/** The files a list of paths stands for (a folder: its .csv and .xlsx files, in name order). */
export function expandDataPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      throw new Error(fileError(p, e), { cause: e });
    }
    if (isDir) {
      const inside = readdirSync(p)
        .filter((f) => READABLE.has(extname(f).toLowerCase()) && !f.startsWith('~$'))
        .sort()
        .map((f) => join(p, f));
      if (inside.length === 0) throw new Error(`${p}: a folder with no .csv or .xlsx files in it`);
      out.push(...inside);
    } else out.push(p);
  }
  return out;
}

/** What went wrong reading a file, in words. */
export function fileError(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file or folder'
      : code === 'EACCES' || code === 'EPERM'
        ? 'not allowed to read it (permission denied)'
        : code === 'EISDIR'
          ? 'a folder, not a file'
          : (e as Error).message;
  return `${path}: cannot read: ${why}`;
}

/**
 * Read every file (CSV, or each sheet of a workbook) into tables.
 * @throws Error naming the file when it cannot be read or is not CSV or .xlsx
 */
export async function readDataFiles(paths: readonly string[]): Promise<SourceTable[]> {
  const tables: SourceTable[] = [];
  for (const path of expandDataPaths(paths)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      throw new Error(fileError(path, e), { cause: e });
    }
    const ext = extname(path).toLowerCase();
    if (ext === '.xlsx' || (bytes[0] === 0x50 && bytes[1] === 0x4b))
      tables.push(...(await readWorkbook(path, bytes)));
    else if (ext === '.xls')
      throw new Error(`${path}: an old Excel (.xls) workbook: save it as .xlsx or CSV`);
    else tables.push(parseCsvTable(path, decodeText(bytes).text));
  }
  return tables;
}
