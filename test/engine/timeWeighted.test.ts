// Time-weighted accumulators: areas computed by hand (including intervals spanning several unequal month
// boundaries), period end levels, and a brute-force overlap sum as an independent check.

import { describe, expect, it } from 'vitest';
import { PeriodLevel, TimeWeightedLevel } from '../../src/engine/timeWeighted.ts';
import { createStream } from '../../src/random/streams.ts';

// Month starts of a common year, in days: January 31, February 28, March 31 days.
const MONTHS = Float64Array.of(0, 31, 59, 90);

describe('TimeWeightedLevel', () => {
  it('integrates a step function by hand', () => {
    // Level 2 on [0, 10), 5 on [10, 70), 1 on [70, 90]: area 20 + 300 + 20 = 340, mean 340 / 90.
    const level = new TimeWeightedLevel(0, 2);
    level.set(10, 5);
    level.add(70, -4);
    expect(level.area(90)).toBe(340);
    expect(level.mean(90)).toBeCloseTo(340 / 90, 14);
    expect(level.max).toBe(5);
    expect(level.level).toBe(1);
  });

  it('counts zero-length levels in the maximum but not in the area', () => {
    const level = new TimeWeightedLevel(0, 0);
    level.set(5, 9);
    level.set(5, 1);
    expect(level.area(10)).toBe(5);
    expect(level.max).toBe(9);
  });

  it('averages from the reset time (warm-up discarded)', () => {
    const level = new TimeWeightedLevel(0, 100);
    level.reset(50, 3);
    level.set(60, 5);
    expect(level.area(70)).toBe(30 + 50);
    expect(level.mean(70)).toBe(4);
    expect(level.max).toBe(5);
    // Over a zero-length span the mean is undefined; its limit, the current level, is returned.
    expect(new TimeWeightedLevel(50, 3).mean(50)).toBe(3);
  });

  it('refuses to go back in time or take NaN', () => {
    const level = new TimeWeightedLevel(0, 0);
    level.set(10, 1);
    expect(() => level.set(9, 2)).toThrow(RangeError);
    expect(() => level.area(9)).toThrow(RangeError);
    expect(() => level.set(11, Number.NaN)).toThrow(RangeError);
    expect(() => level.set(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('PeriodLevel', () => {
  it('splits intervals across unequal month boundaries, by hand', () => {
    // Level 2 on [0, 10), 5 on [10, 70), 1 on [70, 90).
    // January [0, 31): 2*10 + 5*21 = 125; February [31, 59): 5*28 = 140; March [59, 90): 5*11 + 1*20 = 75.
    const months = new PeriodLevel(MONTHS, 0, 2);
    months.set(10, 5);
    months.set(70, 1);
    months.advance(90);
    expect([...months.areas]).toEqual([125, 140, 75]);
    expect([...months.endLevels]).toEqual([5, 5, 1]);
    expect(months.mean(1)).toBe(5);
    expect(months.mean(2)).toBeCloseTo(75 / 31, 14);
  });

  it('handles one interval spanning several whole periods', () => {
    const months = new PeriodLevel(MONTHS, 0, 0);
    months.set(15, 4); // level 4 from mid-January to the end
    months.advance(90);
    expect([...months.areas]).toEqual([4 * 16, 4 * 28, 4 * 31]);
    expect([...months.endLevels]).toEqual([4, 4, 4]);
  });

  it('gives the level just before a boundary as the period end level', () => {
    // A change exactly at day 31 belongs to February: January ends with the old level.
    const months = new PeriodLevel(MONTHS, 0, 3);
    months.set(31, 8);
    months.advance(59);
    expect(months.endLevels[0]).toBe(3);
    expect(months.endLevels[1]).toBe(8);
    expect([...months.areas.subarray(0, 2)]).toEqual([93, 224]);
  });

  it('leaves unreached periods with NaN end levels and partial areas', () => {
    const months = new PeriodLevel(MONTHS, 0, 1);
    months.advance(45);
    expect([...months.areas]).toEqual([31, 14, 0]);
    expect(months.endLevels[0]).toBe(1);
    expect(Number.isNaN(months.endLevels[1])).toBe(true);
    expect(Number.isNaN(months.endLevels[2])).toBe(true);
  });

  it('ignores time before the first and after the last boundary', () => {
    const bins = new PeriodLevel(Float64Array.of(0, 10), -10, 3);
    bins.set(5, 4);
    bins.advance(20);
    expect([...bins.areas]).toEqual([3 * 5 + 4 * 5]);
    expect([...bins.endLevels]).toEqual([4]);
    const late = new PeriodLevel(Float64Array.of(0, 10), 15, 3);
    late.advance(30);
    expect([...late.areas]).toEqual([0]);
  });

  it('agrees with a brute-force overlap sum under random level changes', () => {
    // Independent computation: for each constant piece [a, b) at level L, add L * |[a, b) ∩ period k|.
    const s = createStream(8, 0, 'period-level');
    const boundaries = Float64Array.of(0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365);
    const levels = new PeriodLevel(boundaries, 0, 0);
    const pieces: [number, number, number][] = [];
    let t = 0;
    let level = 0;
    while (true) {
      const next = t + -Math.log(s.next()) * 20;
      if (next >= 365) break;
      pieces.push([t, next, level]);
      level = Math.max(0, level + (s.next() < 0.5 ? -1 : 1));
      levels.set(next, level);
      t = next;
    }
    pieces.push([t, 365, level]);
    levels.advance(365);
    const expected = new Float64Array(12);
    for (const [a, b, l] of pieces) {
      for (let k = 0; k < 12; k++) {
        const overlap = Math.min(b, boundaries[k + 1]) - Math.max(a, boundaries[k]);
        if (overlap > 0) expected[k] += l * overlap;
      }
    }
    for (let k = 0; k < 12; k++) expect(levels.areas[k]).toBeCloseTo(expected[k], 9);
    expect(levels.endLevels[11]).toBe(level);
  });

  it('is reusable after reset, without reallocating', () => {
    const months = new PeriodLevel(MONTHS, 0, 2);
    months.set(40, 7);
    months.advance(90);
    const areas = months.areas;
    months.reset(0, 1);
    expect(months.areas).toBe(areas);
    expect([...months.areas]).toEqual([0, 0, 0]);
    months.advance(90);
    expect([...months.areas]).toEqual([31, 28, 31]);
  });

  it('copies its boundaries and validates them', () => {
    const boundaries = Float64Array.of(0, 10, 20);
    const bins = new PeriodLevel(boundaries, 0, 1);
    boundaries[1] = 15;
    bins.advance(20);
    expect([...bins.areas]).toEqual([10, 10]);
    expect(() => new PeriodLevel(Float64Array.of(0))).toThrow(RangeError);
    expect(() => new PeriodLevel(Float64Array.of(0, 10, 10))).toThrow(/ascend strictly/);
    expect(() => new PeriodLevel(Float64Array.of(0, Infinity))).toThrow(/finite/);
  });

  it('refuses to go back in time', () => {
    const months = new PeriodLevel(MONTHS, 0, 0);
    months.set(40, 1);
    expect(() => months.set(39, 2)).toThrow(RangeError);
    expect(() => months.advance(Number.NaN)).toThrow(RangeError);
  });
});
