// caresim data check: a clean pair of returns summarised as counted by hand, and malformed returns
// each refused with the message that names the file, row, column and field (issue 13: at least 25).
import { cli } from '../cli/process.ts';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { checkReturns } from '../../src/data/check.ts';
import { formatDataProblem } from '../../src/data/records.ts';
import { decodeText, parseCsvTable, type SourceTable } from '../../src/data/table.ts';
import { readDataFiles } from '../../src/output/dataFiles.ts';

const CLEAN = 'test/fixtures/903/clean';
const NAMES = ['header_2022-23.csv', 'episodes_2022-23.csv', 'header_2023-24.csv', 'episodes_2023-24.csv'];
const text = (name: string) => readFileSync(join(CLEAN, name), 'utf8');

/** The clean files, with some replaced, added or removed. */
function tables(change: Record<string, string | null> = {}): SourceTable[] {
  const files: Record<string, string | null> = Object.fromEntries(NAMES.map((n) => [n, text(n)]));
  Object.assign(files, change);
  return Object.entries(files)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([n, t]) => parseCsvTable(n, t));
}

/** Replace the first occurrence of `from` in file `name`. */
const edit = (name: string, from: string, to: string) => {
  const t = text(name);
  if (!t.includes(from)) throw new Error(`fixture ${name} has no "${from}"`);
  return { [name]: t.replace(from, to) };
};

const problemsOf = (change: Record<string, string | null>) => {
  const r = checkReturns(tables(change));
  return r.ok ? [] : r.problems.map(formatDataProblem);
};

describe('a clean pair of returns', () => {
  it('is merged and summarised as counted by hand', () => {
    const r = checkReturns(tables());
    if (!r.ok) throw new Error(r.problems.map(formatDataProblem).join('\n'));
    const s = r.summary;
    // C002 had only a short break (V3) and is left out: C001, C003-C007.
    expect(s.children).toBe(6);
    // C001: foster, then a children's home continued by a change of legal status (one placement);
    // C003: own home, private home interrupted by a holiday (T1) and rejoined (one placement);
    // C004: own home then foster; C005, C006, C007: one each.
    expect(s.placements).toBe(9);
    expect(s.residentialByType).toEqual([
      { place: 'K2', provider: 'PR1', placements: 3 },
      { place: 'K2', provider: 'PR4', placements: 3 },
      { place: 'R1', provider: 'PR5', placements: 1 },
    ]);
    // 31 March 2023: C001, C003 (private) and C005 (voluntary); C004 left its home on 3 March.
    // 31 March 2024: C001, C003 external; C007 in the council's own home; C005 left on 8 March.
    expect(s.onYearEnd.map((y) => [y.own, y.external])).toEqual([
      [0, 3],
      [1, 2],
    ]);
    expect(s.openAtExtract).toBe(3);
    expect(r.merged.notes).toMatchObject({
      episodesRead: 17,
      shortBreakEpisodes: 1,
      shortBreakOnlyChildren: 1,
      duplicatesAcrossYears: 4,
      continuationsJoined: 1,
      temporaryMerged: 2,
      episodesUsed: 12,
    });
    const c003 = r.merged.children.find((c) => c.child === 'C003')!;
    expect(c003.placements.map((p) => [p.place, p.provider, p.end])).toEqual([
      ['K2', 'PR1', 19245],
      ['K2', 'PR4', null],
    ]);
    expect(c003.placements[1]!.reasonStart).toBe('CREQB');
  });

  it('reads the same from a workbook, from UTF-8 with a byte-order mark and from Windows-1252', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caresim-903-'));
    const wb = new ExcelJS.Workbook();
    for (const n of NAMES) {
      const t = parseCsvTable(n, text(n));
      const ws = wb.addWorksheet(n.replace('.csv', ''));
      ws.addRow(t.header);
      for (const row of t.rows)
        // Dates as Excel date cells, as a council's spreadsheet holds them.
        ws.addRow(
          row.map((c) => {
            const m = /^(\d\d)\/(\d\d)\/(\d{4})$/.exec(c);
            return m ? new Date(Date.UTC(+m[3]!, +m[2]! - 1, +m[1]!)) : c;
          }),
        );
    }
    await wb.xlsx.writeFile(join(dir, 'returns.xlsx'));
    const fromXlsx = checkReturns(await readDataFiles([join(dir, 'returns.xlsx')]));
    const fromCsv = checkReturns(tables());
    if (!fromXlsx.ok) throw new Error(fromXlsx.problems.map(formatDataProblem).join('\n'));
    if (!fromCsv.ok) throw new Error('clean set refused');
    expect(fromXlsx.summary).toEqual(fromCsv.summary);

    // A byte-order mark must not become part of the first column's name (CHILD).
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text('header_2022-23.csv'))]);
    expect(parseCsvTable('h.csv', decodeText(bom).text).header[0]).toBe('CHILD');
    // Windows-1252: a postcode column written with an accented name reads, and the file checks.
    const cp1252 = Buffer.from(
      text('episodes_2022-23.csv').replace('HOME_POST', 'HOME_POST_\u00e9'),
      'latin1',
    );
    const decoded = decodeText(cp1252);
    expect(decoded.encoding).toBe('Windows-1252');
    expect(decoded.text).toContain('HOME_POST_\u00e9');
    mkdirSync(join(dir, 'cp'));
    for (const n of NAMES) writeFileSync(join(dir, 'cp', n), n === 'episodes_2022-23.csv' ? cp1252 : text(n));
    const fromCp = checkReturns(await readDataFiles([join(dir, 'cp')]));
    expect(fromCp.ok && fromCp.summary).toEqual(fromCsv.summary);
  });
});

const E22 = 'episodes_2022-23.csv';
const H22 = 'header_2022-23.csv';
const FIRST_EPISODE = 'C001,10/04/2022,S,C2,N1,U6,PR1,01/08/2022,X1,';

/** Each malformed set and the message it must give (issue 13: at least 25, none a stack trace). */
const MALFORMED: [string, Record<string, string | null>, string][] = [
  [
    'ISO date',
    edit(E22, '10/04/2022', '2022-04-10'),
    `${E22}:2:2  DECOM: expected a date dd/mm/yyyy, found "2022-04-10"`,
  ],
  [
    'impossible date',
    edit(E22, '10/04/2022', '31/02/2023'),
    `${E22}:2:2  DECOM: expected a date dd/mm/yyyy, found "31/02/2023"`,
  ],
  [
    'blank start',
    edit(E22, '10/04/2022', ''),
    `${E22}:2:2  DECOM: expected a date dd/mm/yyyy, found nothing`,
  ],
  [
    'reason for new episode',
    edit(E22, ',S,C2,N1,U6', ',X,C2,N1,U6'),
    `${E22}:2:3  RNE: expected one of S, L, P, T, U, B, found "X"`,
  ],
  [
    'legal status',
    edit(E22, ',S,C2,N1,U6', ',S,Z9,N1,U6'),
    `${E22}:2:4  LS: expected one of C1, C2, D1, E1, J1, J2 ... V4, found "Z9"`,
  ],
  [
    'category of need',
    edit(E22, ',S,C2,N1,U6', ',S,C2,N9,U6'),
    `${E22}:2:5  CIN: expected one of N1, N2, N3, N4, N5, N6, N7, N8, found "N9"`,
  ],
  [
    'K3 before 2024-25',
    edit(E22, ',S,C2,N1,U6', ',S,C2,N1,K3'),
    `${E22}:2:6  PLACE: expected one of A3, A4, A5, A6, H5, K1 ... Z1 (valid in 2022-23), found "K3"`,
  ],
  [
    'H5 after 2024-25',
    {
      'episodes_2025-26.csv':
        'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\nC001,01/05/2025,S,C2,N1,H5,PR4,,\n',
      'header_2025-26.csv': text(H22),
    },
    'episodes_2025-26.csv:2:6  PLACE: expected one of A3, A4, A5, A6, K1, K2 ... Z14 (valid in 2025-26), found "H5"',
  ],
  [
    'provider',
    edit(E22, 'U6,PR1', 'U6,PR9'),
    `${E22}:2:7  PLACE_PROVIDER: expected one of PR0, PR1, PR2, PR3, PR4, PR5, found "PR9"`,
  ],
  [
    'no provider',
    edit(E22, 'U6,PR1', 'U6,'),
    `${E22}:2:7  PLACE_PROVIDER: expected a provider code (PR0 to PR5) for placement U6, found nothing`,
  ],
  [
    'reason ceased',
    edit(E22, '01/08/2022,X1,', '01/08/2022,E99,'),
    `${E22}:2:9  REC: expected one of E11, E12, E2, E3, E4A, E4B ... X1, found "E99"`,
  ],
  [
    'end without reason',
    edit(E22, '01/08/2022,X1,', '01/08/2022,,'),
    `${E22}:2:9  REC: expected a reason the episode ceased (DEC is given), found nothing`,
  ],
  [
    'reason without end',
    edit(E22, FIRST_EPISODE, 'C001,10/04/2022,S,C2,N1,U6,PR1,,X1,'),
    `${E22}:2:8  DEC: expected the date the episode ceased (REC is X1), found nothing`,
  ],
  [
    'end before start',
    edit(E22, '01/08/2022,X1,', '01/03/2022,X1,'),
    `${E22}:2:8  DEC: expected a date on or after DECOM (10/04/2022), found 01/03/2022`,
  ],
  [
    'end after the year',
    edit(E22, '01/08/2022,X1,', '01/08/2023,X1,'),
    `${E22}:2:8  DEC: expected a date by the end of the collection year (31/03/2023), found 01/08/2023`,
  ],
  [
    'reason for a move',
    edit(E22, 'X1,CREQB', 'X1,MOVED'),
    `${E22}:7:10  REASON_PLACE_CHANGE: expected one of CARPL, CLOSE, ALLEG, STAND, APPRR, CREQB ... CUSTOD (valid in 2022-23), found "MOVED"`,
  ],
  [
    'no child',
    edit(E22, FIRST_EPISODE, ',10/04/2022,S,C2,N1,U6,PR1,01/08/2022,X1,'),
    `${E22}:2:1  CHILD: expected the child's identifier, found nothing`,
  ],
  [
    'two starts on one day',
    edit(E22, 'C001,01/08/2022,P', 'C001,10/04/2022,P'),
    `${E22}:3:2  DECOM: expected one episode of child C001 to start on 10/04/2022, found a second (the first is row 2)`,
  ],
  [
    'child with no Header',
    edit(H22, 'C004,2,19/07/2010', 'C044,2,19/07/2010'),
    `${E22}:10:1  CHILD: expected child C004 in the Header of 2022-23, found no Header row for them`,
  ],
  [
    'no Header for the year',
    { [H22]: null },
    `${E22}  expected a Header file for 2022-23 (every episode's child must have one), found none: give it, named with its year (header_2022-23.csv)`,
  ],
  [
    'two dates of birth',
    edit('header_2023-24.csv', 'C001,1,14/05/2008', 'C001,1,14/05/2009'),
    `header_2023-24.csv:2  DOB: expected one date of birth for child C001, found 14/05/2009 here and 14/05/2008 in ${H22} row 2`,
  ],
  [
    'date of birth',
    edit(H22, '14/05/2008', '14.05.2008'),
    `${H22}:2:3  DOB: expected a date dd/mm/yyyy, found "14.05.2008"`,
  ],
  ['sex', edit(H22, 'C001,1,', 'C001,3,'), `${H22}:2:2  SEX: expected one of 1, 2, found "3"`],
  [
    'Header without DOB',
    edit(H22, 'CHILD,SEX,DOB', 'CHILD,SEX,BIRTH'),
    `${H22}:1  CHILD: expected the columns of a 903 Header (CHILD, DOB, ...), Episodes (CHILD, DECOM, ...) or UASC file, found CHILD, SEX, BIRTH, ETHNIC, UPN, MOTHER`.replace(
      `${H22}:1  CHILD: `,
      `${H22}:1  `,
    ),
  ],
  [
    'Episodes without PLACE',
    edit(E22, 'CIN,PLACE,', 'CIN,PLACEMENT,'),
    `${E22}:1  PLACE: expected the column PLACE of a 903 Episodes file, found none`,
  ],
  [
    'not a 903 file',
    { 'notes.csv': 'name,value\nx,1\n' },
    'notes.csv:1  expected the columns of a 903 Header (CHILD, DOB, ...), Episodes (CHILD, DECOM, ...) or UASC file, found NAME, VALUE',
  ],
  [
    'empty file',
    { 'empty.csv': '' },
    'empty.csv  expected a 903 Header, Episodes or UASC file, found an empty file',
  ],
  [
    'Episodes with no rows',
    { 'episodes_2021-22.csv': 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n' },
    'episodes_2021-22.csv  expected episodes, found a header and no rows',
  ],
  [
    'overlap',
    edit(E22, 'C001,01/08/2022,P', 'C001,20/07/2022,P'),
    `${E22}:3  DECOM: expected a date on or after the end of the episode before (row 2, ended 01/08/2022), found 20/07/2022: the episodes overlap`,
  ],
  [
    'previous still open',
    edit(E22, FIRST_EPISODE, 'C001,10/04/2022,S,C2,N1,U6,PR1,,,'),
    `${E22}:3  DECOM: expected the episode before (row 2, from 10/04/2022) to have ended, found it open`,
  ],
  [
    'care before birth',
    edit(H22, 'C005,1,08/03/2006', 'C005,1,08/03/2023'),
    `${E22}:12  DECOM: expected a date on or after the child's birth (08/03/2023), found 12/12/2022`,
  ],
  [
    'two Episodes files for a year',
    { 'more_episodes_2022-23.csv': text(E22) },
    `more_episodes_2022-23.csv  expected one Episodes file for 2022-23, found this and ${E22}`,
  ],
  [
    'a column twice',
    edit(H22, 'CHILD,SEX,DOB,ETHNIC', 'CHILD,SEX,DOB,SEX'),
    `${H22}:1:4  SEX: expected each column once, found it again (first in column 2)`,
  ],
  [
    'named year with older dates',
    { 'episodes_2023-24.csv': text(E22), 'header_2023-24.csv': text(H22), [E22]: null },
    "episodes_2023-24.csv  expected the episodes of 2023-24 (as the file's name says), found dates only up to 20/03/2023, before that year began",
  ],
  [
    'UASC ceased before birth',
    { 'uasc.csv': 'CHILD,SEX,DOB,DUC\nC001,1,14/05/2008,01/01/2008\n' },
    'uasc.csv:2:4  DUC: expected a date on or after DOB (14/05/2008), found 01/01/2008',
  ],
];

describe('malformed returns', () => {
  it.each(MALFORMED)('%s', (_name, change, expected) => {
    expect(problemsOf(change)).toContain(expected);
  });

  it('are at least 25, each with its own message', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(25);
    expect(new Set(MALFORMED.map((m) => m[2])).size).toBe(MALFORMED.length);
  });

  it('a broken CSV names its file and row', () => {
    expect(() => parseCsvTable('broken.csv', 'CHILD,DOB\nC1,"01/01/2010\n')).toThrow(
      /^broken\.csv:\d+ {2}not a readable CSV file/,
    );
  });
});

describe('caresim data check', () => {
  it('exits 0 with a summary whose small counts are suppressed', async () => {
    const r = await cli(['data', 'check', CLEAN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('6 children');
    expect(r.stdout).toMatch(/31\/03\/2024 +<5 +<5 +<5/);
    expect(r.stdout).toContain('Counts of 1 to 4 children are shown as "<5"');
  }, 120_000);

  it('exits 1 naming each problem, with no stack trace, for bad files, a missing file, an old workbook and an empty folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caresim-903-bad-'));
    writeFileSync(join(dir, 'episodes_2022-23.csv'), text(E22).replace('10/04/2022', '2022-04-10'));
    writeFileSync(join(dir, H22), text(H22));
    writeFileSync(join(dir, 'old.xls'), 'not really');
    mkdirSync(join(dir, 'none'));
    const cases: [string[], RegExp][] = [
      [
        ['data', 'check', dir],
        /episodes_2022-23\.csv:2:2 {2}DECOM: expected a date dd\/mm\/yyyy, found "2022-04-10"/,
      ],
      [['data', 'check', join(dir, 'missing.csv')], /missing\.csv: cannot read: no such file or folder/],
      [
        ['data', 'check', join(dir, 'old.xls')],
        /old\.xls: an old Excel \(\.xls\) workbook: save it as \.xlsx or CSV/,
      ],
      [['data', 'check', join(dir, 'none')], /none: a folder with no \.csv or \.xlsx files in it/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 240_000);
});

describe('caresim data synth and caresim calibrate', () => {
  it('write returns, calibrate a model from them that loads, and refuse to overwrite it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caresim-calibrate-'));
    const synth = await cli([
      'data',
      'synth',
      'models/synthetic/county.yaml',
      '--years',
      '6',
      '--mess',
      '--out',
      join(dir, 'returns'),
    ]);
    expect(synth.code, synth.stderr).toBe(0);
    expect(readFileSync(join(dir, 'returns', 'README.txt'), 'utf8')).toMatch(/^SYNTHETIC DATA/);
    const out = join(dir, 'calibrated.yaml');
    const args = [
      'calibrate',
      '--data',
      join(dir, 'returns'),
      '--base',
      'models/synthetic/county.yaml',
      '--out',
      out,
    ];
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/referrals a year \(first financial year\)/);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Calibrated by caresim from 903 returns 2015-16 to 2020-21/);
    expect(readFileSync(join(dir, 'calibrated.calibration', 'report.md'), 'utf8')).toMatch(
      /^# Calibration to 903 returns/,
    );
    expect(readdirSync(join(dir, 'calibrated.calibration', 'charts'))).toEqual(
      expect.arrayContaining(['stay-under16.png', 'entries-sixteenPlus.png']),
    );
    const again = await cli(args);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/calibrated\.yaml already exists: choose another --out/);
    const bad = await cli([
      'calibrate',
      '--data',
      join(CLEAN, H22),
      '--base',
      'models/synthetic/county.yaml',
      '--out',
      join(dir, 'x.yaml'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/expected at least one Episodes file/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 240_000);
});

describe('merging years (review fixes)', () => {
  it('accepts an episode that starts and ends on the day the next starts, and drops it without losing the next', () => {
    const sameDay = edit(
      E22,
      'C004,03/03/2023,P,C2,N1,U4,PR1,,,CARPL',
      'C004,03/03/2023,P,C2,N1,K2,PR4,03/03/2023,X1,CARPL,LE7 7JJ,NG9 9ZZ,SC999999\nC004,03/03/2023,P,C2,N1,U4,PR1,,,CARPL',
    );
    const r = checkReturns(tables(sameDay));
    if (!r.ok) throw new Error(r.problems.map(formatDataProblem).join('\n'));
    expect(r.merged.notes.sameDayDropped).toBe(1);
    const c004 = r.merged.children.find((c) => c.child === 'C004')!;
    expect(c004.placements.map((p) => [p.place, p.provider, p.end])).toEqual([
      ['K2', 'PR1', 19419],
      ['U4', 'PR1', null],
    ]);
  });

  it('takes an episode open on 31 March and missing from the next return as in care that day, its end unexplained', () => {
    const missing = edit(
      'episodes_2023-24.csv',
      'C001,15/11/2022,L,C1,N1,K2,PR4,,,,LE1 1AA,NG1 1CC,SC111111\n',
      '',
    );
    const r = checkReturns(tables(missing));
    if (!r.ok) throw new Error(r.problems.map(formatDataProblem).join('\n'));
    expect(r.merged.notes.closedAtYearEnd).toBe(1);
    const c001 = r.merged.children.find((c) => c.child === 'C001')!;
    const last = c001.placements.at(-1)!;
    // 1 April 2023: in care on 31 March, as the 2022-23 return says; why care ended is unknown.
    expect(last.end).toBe(19448);
    expect(last.recEnd).toBe('');
    expect(r.summary.onYearEnd[0]!.external).toBe(3);
  });
});
