// How numbers read in summaries and reports: inputs exactly, simulated money to the precision an
// estimate from replications deserves.

import { describe, expect, it } from 'vitest';
import { formatValue, textTable, wrapText } from '../../src/report/textTable.ts';
import { formatMoney, formatMoneyExact, MONEY_LABEL } from '../../src/charts/money.ts';
import { parse, View } from 'vega';
import { mcErrorOf } from '../../src/report/uncertaintyWords.ts';

// Inputs and estimates, text and chart axes: one format.
const CASES: [number, string][] = [
  [735_547, '£736k'],
  [-42_499, '-£42k'],
  [3_189_974.9, '£3.19m'],
  [2_500_000, '£2.5m'],
  [999_600, '£1m'],
  [12_970_000, '£12.97m'],
  [411_840, '£412k'],
  [9_999.4, '£9,999'],
  [4_125, '£4,125'],
  [0, '£0'],
  [-0.3, '£0'],
];

describe('money', () => {
  it('writes money in pounds, thousands or millions, never to a false pound', () => {
    for (const [x, text] of CASES) expect(formatMoney(x), String(x)).toBe(text);
    expect(formatMoney(Number.NaN)).toBe('-');
  });

  it('writes chart axes exactly as the text does (the vega expression agrees with formatMoney)', async () => {
    for (const [x, text] of CASES) {
      // The axis expression evaluated by vega itself, with the tick value as a signal.
      const update = MONEY_LABEL.replaceAll('datum.value', 'v');
      const view = new View(
        parse({
          signals: [
            { name: 'v', value: x },
            { name: 'out', update },
          ],
        }),
      );
      await view.runAsync();
      expect(view.signal('out'), String(x)).toBe(text);
      view.finalize();
    }
  });

  it('is what summaries print for a £ result, and other units keep their own forms', () => {
    expect(formatValue(735_547, '£')).toBe('£736k');
    expect(formatValue(0.0845, 'share')).toBe('8.5%');
    expect(formatValue(1234.4, 'children')).toBe('1,234');
    expect(formatValue(12.34, 'children')).toBe('12.3');
    expect(formatValue(null, '£')).toBe('-');
  });
});

describe('inputs as their sources write them', () => {
  it('keeps every pound, for checking against the document', () => {
    expect(formatMoneyExact(411_840)).toBe('£411,840');
    expect(formatMoneyExact(-136_188)).toBe('-£136,188');
    expect(formatMoneyExact(2_500_000)).toBe('£2,500,000');
  });
});

describe('printed tables', () => {
  it('wrap a long label onto more lines rather than cut it', () => {
    const label = 'Overflow share: placements out of county for want of a suitable local bed';
    const text = textTable(['measure', 'value'], [[wrapText(label, 30), '8.5%']]);
    expect(text).not.toContain('...');
    const lines = text.split('\n');
    expect(lines).toHaveLength(4); // the header and a label on three lines
    expect(
      lines
        .slice(1)
        .map((l) => l.slice(0, 30).trim())
        .join(' '),
    ).toBe(label);
    expect(lines[1]).toMatch(/8\.5%$/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30 + 2 + 'value'.length);
  });

  it('keeps a word longer than the width whole', () => {
    expect(wrapText('a cohorts.under16.pathway.stay.mean b', 10)).toBe(
      'a\ncohorts.under16.pathway.stay.mean\nb',
    );
  });
});

describe('the simulation error of a share', () => {
  it('is in percentage points, not a percentage of the share', () => {
    expect(mcErrorOf({ ciLow: 0.082, ciHigh: 0.088 }, 'share')).toBe('±0.3 percentage points');
    expect(mcErrorOf({ ciLow: 1_000_000, ciHigh: 1_200_000 }, '£')).toBe('±£100k');
  });
});
