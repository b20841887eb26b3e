import { describe, expect, it } from 'vitest';
import {
  financialYearEnd,
  financialYearOf,
  financialYearsTo,
  fyIndexEndingBy,
  horizonYears,
  monthName,
  parseDate,
} from '../../src/engine/calendar.ts';

describe('the calendar', () => {
  it('places dates in financial years starting in any month', () => {
    expect(financialYearOf(parseDate('2026-03-31'), 4)).toBe(2025);
    expect(financialYearOf(parseDate('2026-04-01'), 4)).toBe(2026);
    expect(financialYearOf(parseDate('2026-03-31'), 1)).toBe(2026);
    expect(financialYearEnd(2025, 4)).toBe('2026-03-31');
    expect(financialYearEnd(2028, 1)).toBe('2028-12-31');
  });

  it('counts a horizon in financial years and tests a target in the year ending by its date', () => {
    expect(horizonYears(parseDate('2018-04-01'), 15, 4).labels).toHaveLength(15);
    expect(horizonYears(parseDate('2018-10-01'), 5, 4).count).toBe(6);
    // "By 1 March 2027" with January years: the year ending 28 February 2027 is 2027's.
    expect(fyIndexEndingBy('2027-03-01', 1, 2025)).toBe(2);
    expect(fyIndexEndingBy('2028-04-01', 4, 2018)).toBe(9);
  });

  it('measures the years from the start of the first financial year to the end of a horizon', () => {
    expect(financialYearsTo(parseDate('2028-04-01'), 2025, 4)).toBe(3);
    // 1 October 2027 is 183 of the 366 days into 2027/28.
    expect(financialYearsTo(parseDate('2027-10-01'), 2025, 4)).toBeCloseTo(2.5, 12);
  });

  it('names months', () => {
    expect([monthName(1), monthName(4), monthName(12)]).toEqual(['January', 'April', 'December']);
  });
});
