/**
 * The rows of a 903 return, read and checked field by field against the DfE's specification of
 * the collection year they belong to. Every problem names the file, row, column and field, with
 * what was expected and what was found, as `caresim validate` does for model files.
 */
import {
  CIN_CODES,
  collectionYearLabel,
  FILE_COLUMNS,
  LS_CODES,
  noProviderPlaces,
  placeCodes,
  PROVIDER_CODES,
  reasonPlaceChangeCodes,
  REC_CODES,
  REQUIRED_COLUMNS,
  RNE_CODES,
  SEX_CODES,
  type CollectionYear,
  type FileKind,
} from './spec903.ts';
import { collectionYearEnd, collectionYearOf, collectionYearStart, parseUkDate, ukDate } from './dates.ts';
import type { SourceTable } from './table.ts';

/** A problem with the data, where it is. */
export interface DataProblem {
  source: string;
  /** Row in the file (the header is 1); 0 for a problem of the whole file. */
  row: number;
  /** Column (1 = the first); 0 for a problem of the whole row or file. */
  column: number;
  /** The field, or '' for the file. */
  field: string;
  message: string;
}

/** `file:row:column  FIELD: message` */
export function formatDataProblem(p: DataProblem): string {
  const at = p.row > 0 ? `:${p.row}${p.column > 0 ? `:${p.column}` : ''}` : '';
  return `${p.source}${at}  ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

interface Where {
  source: string;
  row: number;
}

export interface HeaderRecord extends Where {
  child: string;
  dob: number;
  sex: string;
}

export interface EpisodeRecord extends Where {
  child: string;
  decom: number;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  provider: string;
  /** End date, or null while the episode is open at the end of its collection year. */
  dec: number | null;
  rec: string;
  reason: string;
  urn: string;
  year: CollectionYear;
}

export interface UascRecord extends Where {
  child: string;
  dob: number;
  /** Date UASC status ceased, or null if it had not. */
  duc: number | null;
}

export type ReadFile =
  | { kind: 'Header'; source: string; year: CollectionYear | null; records: HeaderRecord[] }
  | { kind: 'Episodes'; source: string; year: CollectionYear; records: EpisodeRecord[] }
  | { kind: 'UASC'; source: string; year: CollectionYear | null; records: UascRecord[] };

/** Which 903 file a table is, from its columns; null if none. */
export function fileKindOf(header: readonly string[]): FileKind | null {
  const has = (c: string) => header.includes(c);
  if (has('DECOM')) return 'Episodes';
  if (has('DUC')) return 'UASC';
  if (has('DOB') && has('CHILD')) return 'Header';
  return null;
}

/** The collection year a file's name states ("2023-24", "2023_24", "202324"), or null. */
export function yearInName(source: string): CollectionYear | null {
  const m = /(20\d\d)[-_ ]?(\d\d)(?!\d)/.exec(source);
  if (m && (Number(m[1]) + 1) % 100 === Number(m[2])) return Number(m[1]);
  return null;
}

const quote = (s: string) => (s === '' ? 'nothing' : `"${s}"`);
const list = (codes: readonly string[]) =>
  codes.length <= 8
    ? `one of ${codes.join(', ')}`
    : `one of ${codes.slice(0, 6).join(', ')} ... ${codes.at(-1)}`;

/** Read one table as a 903 file, with every problem of its fields. */
export function readTable(t: SourceTable): { file: ReadFile | null; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const kind = fileKindOf(t.header);
  if (kind === null) {
    problems.push({
      source: t.source,
      row: t.header.length ? 1 : 0,
      column: 0,
      field: '',
      message:
        t.header.length === 0
          ? 'expected a 903 Header, Episodes or UASC file, found an empty file'
          : `expected the columns of a 903 Header (CHILD, DOB, ...), Episodes (CHILD, DECOM, ...) or UASC file, found ${t.header.slice(0, 6).join(', ')}`,
    });
    return { file: null, problems };
  }
  const missing = REQUIRED_COLUMNS[kind].filter((c) => !t.header.includes(c));
  if (missing.length > 0) {
    problems.push({
      source: t.source,
      row: 1,
      column: 0,
      field: missing[0]!,
      message: `expected the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of a 903 ${kind} file, found none`,
    });
    return { file: null, problems };
  }
  const seen = new Map<string, number>();
  t.header.forEach((h, k) => {
    if (seen.has(h))
      problems.push({
        source: t.source,
        row: 1,
        column: k + 1,
        field: h,
        message: `expected each column once, found it again (first in column ${seen.get(h)! + 1})`,
      });
    else seen.set(h, k);
  });
  if (problems.length > 0) return { file: null, problems };
  const col = (c: string) => t.header.indexOf(c);
  const cell = (r: number, c: string) => (col(c) >= 0 ? t.rows[r]![col(c)]! : '');
  const problem = (r: number, field: string, message: string) =>
    problems.push({ source: t.source, row: t.rowNumbers[r]!, column: col(field) + 1, field, message });
  const date = (r: number, field: string, blankOk: boolean): number | null => {
    const text = cell(r, field);
    if (text === '') {
      if (!blankOk) problem(r, field, 'expected a date dd/mm/yyyy, found nothing');
      return null;
    }
    const d = parseUkDate(text);
    if (d === null) problem(r, field, `expected a date dd/mm/yyyy, found ${quote(text)}`);
    return d;
  };
  const code = (
    r: number,
    field: string,
    codes: readonly string[],
    blankOk: boolean,
    year?: CollectionYear,
  ) => {
    const text = cell(r, field).toUpperCase();
    if (text === '' && blankOk) return '';
    if (!codes.includes(text))
      problem(
        r,
        field,
        `expected ${list(codes)}${year === undefined ? '' : ` (valid in ${collectionYearLabel(year)})`}, found ${quote(cell(r, field))}`,
      );
    return text;
  };
  const child = (r: number) => {
    const c = cell(r, 'CHILD');
    if (c === '') problem(r, 'CHILD', "expected the child's identifier, found nothing");
    return c;
  };

  if (kind === 'Header' || kind === 'UASC') {
    const records: (HeaderRecord | UascRecord)[] = [];
    for (let r = 0; r < t.rows.length; r++) {
      const before = problems.length;
      const id = child(r);
      const dob = date(r, 'DOB', false);
      const sex = col('SEX') >= 0 ? code(r, 'SEX', SEX_CODES, kind === 'UASC') : '';
      const duc = kind === 'UASC' && col('DUC') >= 0 ? date(r, 'DUC', true) : null;
      if (dob !== null && duc !== null && duc < dob)
        problem(r, 'DUC', `expected a date on or after DOB (${ukDate(dob)}), found ${cell(r, 'DUC')}`);
      if (problems.length > before || dob === null) continue;
      const where = { source: t.source, row: t.rowNumbers[r]! };
      records.push(kind === 'Header' ? { ...where, child: id, dob, sex } : { ...where, child: id, dob, duc });
    }
    const year = yearInName(t.source);
    return {
      file:
        kind === 'Header'
          ? { kind, source: t.source, year, records: records as HeaderRecord[] }
          : { kind, source: t.source, year, records: records as UascRecord[] },
      problems,
    };
  }

  // Episodes: the collection year first (codes depend on it), from the latest date in the file.
  let latest = -Infinity;
  for (let r = 0; r < t.rows.length; r++)
    for (const f of ['DECOM', 'DEC']) {
      const d = parseUkDate(cell(r, f));
      if (d !== null && d > latest) latest = d;
    }
  const named = yearInName(t.source);
  if (!Number.isFinite(latest)) {
    if (t.rows.length === 0)
      problems.push({
        source: t.source,
        row: 0,
        column: 0,
        field: '',
        message: 'expected episodes, found a header and no rows',
      });
    // Every row then has a date problem of its own, reported below.
  }
  // The year the name states, where it states one (a date past its end is then a row's problem);
  // else the year of the latest date.
  const year = named ?? (Number.isFinite(latest) ? collectionYearOf(latest) : 0);
  if (named !== null && Number.isFinite(latest) && latest < collectionYearStart(named))
    problems.push({
      source: t.source,
      row: 0,
      column: 0,
      field: '',
      message: `expected the episodes of ${collectionYearLabel(named)} (as the file's name says), found dates only up to ${ukDate(latest)}, before that year began`,
    });
  const yearEnd = collectionYearEnd(year);
  const records: EpisodeRecord[] = [];
  const starts = new Map<string, number>();
  for (let r = 0; r < t.rows.length; r++) {
    const before = problems.length;
    const id = child(r);
    const decom = date(r, 'DECOM', false);
    const dec = date(r, 'DEC', true);
    const rne = code(r, 'RNE', RNE_CODES, false);
    const ls = code(r, 'LS', LS_CODES, false);
    const cin = col('CIN') >= 0 ? code(r, 'CIN', CIN_CODES, true) : '';
    const place = code(r, 'PLACE', placeCodes(year), false, year);
    const noProvider = noProviderPlaces(year).includes(place);
    const provider = col('PLACE_PROVIDER') >= 0 ? code(r, 'PLACE_PROVIDER', PROVIDER_CODES, true) : '';
    if (col('PLACE_PROVIDER') >= 0 && provider === '' && !noProvider && place !== '')
      problem(
        r,
        'PLACE_PROVIDER',
        `expected a provider code (PR0 to PR5) for placement ${place}, found nothing`,
      );
    const rec = code(r, 'REC', REC_CODES, true);
    const reason =
      col('REASON_PLACE_CHANGE') >= 0
        ? code(r, 'REASON_PLACE_CHANGE', reasonPlaceChangeCodes(year), true, year)
        : '';
    if (decom !== null && dec !== null && dec < decom)
      problem(r, 'DEC', `expected a date on or after DECOM (${ukDate(decom)}), found ${cell(r, 'DEC')}`);
    if (dec !== null && rec === '')
      problem(r, 'REC', 'expected a reason the episode ceased (DEC is given), found nothing');
    if (dec === null && rec !== '' && cell(r, 'DEC') === '')
      problem(r, 'DEC', `expected the date the episode ceased (REC is ${rec}), found nothing`);
    if (dec !== null && dec > yearEnd)
      problem(
        r,
        'DEC',
        `expected a date by the end of the collection year (${ukDate(yearEnd)}), found ${cell(r, 'DEC')}`,
      );
    if (decom !== null && id !== '') {
      // An episode may start and end on one day with the next starting that day (a same-day change):
      // that pair is not two starts of one episode.
      const key = `${id}\u0000${decom}${dec === decom ? '\u0000same-day' : ''}`;
      if (starts.has(key))
        problem(
          r,
          'DECOM',
          `expected one episode of child ${id} to start on ${ukDate(decom)}, found a second (the first is row ${starts.get(key)})`,
        );
      else starts.set(key, t.rowNumbers[r]!);
    }
    if (problems.length > before || decom === null) continue;
    records.push({
      source: t.source,
      row: t.rowNumbers[r]!,
      child: id,
      decom,
      rne,
      ls,
      cin,
      place,
      provider,
      dec,
      rec,
      reason,
      urn: cell(r, 'URN'),
      year,
    });
  }
  return { file: { kind: 'Episodes', source: t.source, year, records }, problems };
}

/** The columns of a file kind that a reader of this table did not find (for the summary). */
export const absentColumns = (kind: FileKind, header: readonly string[]) =>
  FILE_COLUMNS[kind].filter((c) => !header.includes(c));
