// How numbers read in summaries and reports: inputs exactly, simulated money to the precision an
// estimate from replications deserves.

import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/report/textTable.ts';
import { formatMoney, formatMoneyEstimate } from '../../src/report/textTable.ts';

describe('money', () => {
  it('writes inputs exactly, as the council documents do', () => {
    expect(formatMoney(411_840)).toBe('£411,840');
    expect(formatMoney(2_500_000)).toBe('£2.50m');
    expect(formatMoney(-136_188)).toBe('-£136,188');
  });

  it('writes simulated amounts in millions, thousands or pounds, never to a false pound', () => {
    expect(formatMoneyEstimate(735_547)).toBe('£736k');
    expect(formatMoneyEstimate(-42_499)).toBe('-£42k');
    expect(formatMoneyEstimate(3_189_974.9)).toBe('£3.19m');
    expect(formatMoneyEstimate(999_600)).toBe('£1.00m');
    expect(formatMoneyEstimate(9_999.4)).toBe('£9,999');
    expect(formatMoneyEstimate(0)).toBe('£0');
  });

  it('is what summaries print for a £ result, and other units keep their own forms', () => {
    expect(formatValue(735_547, '£')).toBe('£736k');
    expect(formatValue(0.0845, 'share')).toBe('8.5%');
    expect(formatValue(1234.4, 'children')).toBe('1,234');
    expect(formatValue(12.34, 'children')).toBe('12.3');
    expect(formatValue(null, '£')).toBe('-');
  });
});
