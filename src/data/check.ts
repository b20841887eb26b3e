/**
 * `caresim data check` as a computation: tables in, every problem (or, when there is none, the
 * merged children and a summary) out. Used by `calibrate` and `backtest` too, which refuse data
 * with problems as `run` refuses an invalid model.
 */
import { crossFileProblems } from './checks.ts';
import { mergeReturns, type MergedData } from './placements.ts';
import { collectionYearLabel } from './spec903.ts';
import { readTable, type DataProblem, type ReadFile } from './records.ts';
import { summarise903, type DataSummary, type ResidentialRule } from './summary.ts';
import type { SourceTable } from './table.ts';

export type CheckedReturns =
  | { ok: true; files: ReadFile[]; merged: MergedData; summary: DataSummary }
  | { ok: false; problems: DataProblem[] };

export function checkReturns(tables: readonly SourceTable[], rule?: ResidentialRule): CheckedReturns {
  const problems: DataProblem[] = [];
  const files: ReadFile[] = [];
  for (const t of tables) {
    const r = readTable(t);
    problems.push(...r.problems);
    if (r.file) files.push(r.file);
  }
  if (!files.some((f) => f.kind === 'Episodes') && problems.length === 0)
    problems.push({
      source: tables.map((t) => t.source).join(', ') || '(no files)',
      row: 0,
      column: 0,
      field: '',
      message: 'expected at least one Episodes file (columns CHILD, DECOM, RNE, LS, PLACE, ...), found none',
    });
  problems.push(...crossFileProblems(files));
  if (problems.length > 0) return { ok: false, problems };
  const merged = mergeReturns(files);
  return { ok: true, files, merged, summary: summarise903(merged, rule) };
}

/** What data a calibration came from, for provenance: "903 returns 2019-20 to 2023-24". */
export function dataLabel(merged: MergedData): string {
  const years = merged.years;
  return `903 returns ${collectionYearLabel(years[0]!)}${years.length > 1 ? ` to ${collectionYearLabel(years.at(-1)!)}` : ''}`;
}
