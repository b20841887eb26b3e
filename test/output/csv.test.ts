// Results tables open correctly in Excel on Windows (UTF-8 with a byte-order mark) and carry a
// sensible precision, while reading them back still works.
import { describe, expect, it } from 'vitest';
import { BOM, csv, csvRecords, resultsCsv, sensible } from '../../src/output/csv.ts';

describe('results tables', () => {
  it('start with the UTF-8 byte-order mark, so Excel reads £ as £', () => {
    const text = resultsCsv([
      ['model', 'cost'],
      ['Café £ plan', 1.5],
    ]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    // Plain CSV (the 903 returns caresim synthesises) has none: those mimic what councils hold.
    expect(csv([['a'], ['b']]).startsWith(BOM)).toBe(false);
  });

  it('round to six significant figures, whole numbers from 100,000 up', () => {
    expect(sensible(0.30000000000000004)).toBe(0.3);
    expect(sensible(12.345678901)).toBe(12.3457);
    expect(sensible(0.000123456789)).toBe(0.000123457);
    expect(sensible(60_123_456.789)).toBe(60_123_457);
    expect(sensible(-0.0000001)).toBe(-1e-7);
    expect(sensible(42)).toBe(42);
    const line = resultsCsv([
      ['x', 'y'],
      [1 / 3, 2e6 / 3],
    ]).split('\n')[1];
    expect(line).toBe('0.333333,666667');
  });

  it('read back with the mark stripped, the first column named as written', () => {
    const rows = csvRecords(
      resultsCsv([
        ['series', 'mean'],
        ['cost.total', 1.25],
      ]),
    );
    expect(rows).toEqual([{ series: 'cost.total', mean: '1.25' }]);
  });
});

describe('text a spreadsheet would run (issue 16)', () => {
  it('is written with an apostrophe first, and numbers (negative ones too) as numbers', () => {
    const text = resultsCsv([
      ['scenario', 'saving'],
      ['=HYPERLINK("http://x","y")', -1234.5],
      ['+1', 2],
      ['-SUM(A1)', 3],
      ['@cmd', 4],
      ['Plan A', 5],
    ]);
    expect(text.split('\n').slice(1, 6)).toEqual([
      `"'=HYPERLINK(""http://x"",""y"")",-1234.5`,
      "'+1,2",
      "'-SUM(A1),3",
      "'@cmd,4",
      'Plan A,5',
    ]);
  });
});
