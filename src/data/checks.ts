/**
 * Checks across the files of a return: the things no single row can show. Every episode's child
 * has a Header; a child has one date of birth in every file; a child's episodes in one year do
 * not overlap and start after birth; one Episodes file a year.
 */
import { collectionYearLabel } from './spec903.ts';
import { ukDate } from './dates.ts';
import type { DataProblem, EpisodeRecord, HeaderRecord, ReadFile } from './records.ts';

export function crossFileProblems(files: readonly ReadFile[]): DataProblem[] {
  const problems: DataProblem[] = [];
  const headers = files.filter((f): f is Extract<ReadFile, { kind: 'Header' }> => f.kind === 'Header');
  const episodeFiles = files.filter(
    (f): f is Extract<ReadFile, { kind: 'Episodes' }> => f.kind === 'Episodes',
  );

  // One date of birth per child, wherever it is written.
  const dob = new Map<string, { dob: number; at: HeaderRecord | { source: string; row: number } }>();
  for (const f of files) {
    if (f.kind === 'Episodes') continue;
    for (const r of f.records) {
      const first = dob.get(r.child);
      if (first === undefined) dob.set(r.child, { dob: r.dob, at: r });
      else if (first.dob !== r.dob)
        problems.push({
          source: r.source,
          row: r.row,
          column: 0,
          field: 'DOB',
          message: `expected one date of birth for child ${r.child}, found ${ukDate(r.dob)} here and ${ukDate(first.dob)} in ${first.at.source} row ${first.at.row}`,
        });
    }
  }

  const byYear = new Map<number, Extract<ReadFile, { kind: 'Episodes' }>>();
  for (const f of episodeFiles) {
    const other = byYear.get(f.year);
    if (other)
      problems.push({
        source: f.source,
        row: 0,
        column: 0,
        field: '',
        message: `expected one Episodes file for ${collectionYearLabel(f.year)}, found this and ${other.source}`,
      });
    else byYear.set(f.year, f);
  }

  const anyYearHeaders = new Set(
    headers.filter((h) => h.year === null).flatMap((h) => h.records.map((r) => r.child)),
  );
  for (const f of episodeFiles) {
    const yearHeaders = headers.filter((h) => h.year === f.year);
    if (yearHeaders.length === 0 && anyYearHeaders.size === 0) {
      problems.push({
        source: f.source,
        row: 0,
        column: 0,
        field: '',
        message: `expected a Header file for ${collectionYearLabel(f.year)} (every episode's child must have one), found none: give it, named with its year (header_${collectionYearLabel(f.year)}.csv)`,
      });
      continue;
    }
    const known = new Set([...anyYearHeaders, ...yearHeaders.flatMap((h) => h.records.map((r) => r.child))]);
    const told = new Set<string>();
    for (const e of f.records)
      if (!known.has(e.child) && !told.has(e.child)) {
        told.add(e.child);
        problems.push({
          source: e.source,
          row: e.row,
          column: 1,
          field: 'CHILD',
          message: `expected child ${e.child} in the Header of ${collectionYearLabel(f.year)}, found no Header row for them`,
        });
      }
    problems.push(...overlapProblems(f.records, dob));
  }
  return problems;
}

/** By start date, an episode that starts and ends that day before one that starts that day and goes on. */
export const byStartSameDayFirst = (a: EpisodeRecord, b: EpisodeRecord): number =>
  a.decom - b.decom || (a.dec === a.decom ? -1 : 0) - (b.dec === b.decom ? -1 : 0);

/** A child's episodes in one return, in order: each starts after birth and after the one before it ends. */
function overlapProblems(
  records: readonly EpisodeRecord[],
  dob: ReadonlyMap<string, { dob: number }>,
): DataProblem[] {
  const problems: DataProblem[] = [];
  const byChild = new Map<string, EpisodeRecord[]>();
  for (const e of records) {
    const list = byChild.get(e.child);
    if (list) list.push(e);
    else byChild.set(e.child, [e]);
  }
  for (const [child, eps] of byChild) {
    eps.sort(byStartSameDayFirst);
    const birth = dob.get(child)?.dob;
    for (const [k, e] of eps.entries()) {
      if (birth !== undefined && e.decom < birth)
        problems.push({
          source: e.source,
          row: e.row,
          column: 0,
          field: 'DECOM',
          message: `expected a date on or after the child's birth (${ukDate(birth)}), found ${ukDate(e.decom)}`,
        });
      const prev = eps[k - 1];
      if (!prev) continue;
      if (prev.dec === null)
        problems.push({
          source: e.source,
          row: e.row,
          column: 0,
          field: 'DECOM',
          message: `expected the episode before (row ${prev.row}, from ${ukDate(prev.decom)}) to have ended, found it open`,
        });
      else if (e.decom < prev.dec)
        problems.push({
          source: e.source,
          row: e.row,
          column: 0,
          field: 'DECOM',
          message: `expected a date on or after the end of the episode before (row ${prev.row}, ended ${ukDate(prev.dec)}), found ${ukDate(e.decom)}: the episodes overlap`,
        });
    }
  }
  return problems;
}
