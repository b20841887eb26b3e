/**
 * A table read from a council's file, before it is understood: its header, its rows as text, and
 * where each row came from, so that every message can name the file, row and column. CSV as
 * councils export it is decoded and parsed here (pure: bytes in, table out); spreadsheets are
 * read into the same shape by the output layer.
 */
import { parse } from 'csv-parse/sync';

export interface SourceTable {
  /** The file's name as the user gave it (with the sheet, for a spreadsheet: "episodes.xlsx[Sheet1]"). */
  source: string;
  /** Column names as written, trimmed and in upper case. */
  header: string[];
  /** Each data row's cells, trimmed; a missing cell is ''. */
  rows: string[][];
  /** The row number in the file of each data row (the header is row 1). */
  rowNumbers: number[];
}

/**
 * Text from the bytes of a CSV file as Excel and case-management systems save it: UTF-8 with or
 * without a byte-order mark, UTF-16 with one (Excel's "Unicode text"), or Windows-1252 (Excel's
 * "CSV" on a Windows machine with an English locale), told apart by trying UTF-8 strictly first.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 with BOM' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

/**
 * Parse CSV text into a table. Blank lines are skipped; a row with fewer cells than the header is
 * padded (the checks then say which field is missing). Throws with the row number when the CSV
 * itself is broken (an unclosed quote).
 */
export function parseCsvTable(source: string, text: string): SourceTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new Error(
      `${source}${line ? `:${line}` : ''}  not a readable CSV file: ${(e as Error).message.replace(/^Invalid /, 'invalid ')}`,
      { cause: e },
    );
  }
  if (records.length === 0) return { source, header: [], rows: [], rowNumbers: [] };
  const header = records[0]!.record.map((h) => h.trim().toUpperCase());
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (const r of records.slice(1)) {
    // Excel leaves rows of empty cells where a row was cleared.
    if (r.record.every((c) => c === '')) continue;
    rows.push(header.map((_, k) => (r.record[k] ?? '').trim()));
    rowNumbers.push(r.info.lines);
  }
  return { source, header, rows, rowNumbers };
}
