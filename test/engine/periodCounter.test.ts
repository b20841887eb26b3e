// Period lookup and period-binned counters: boundaries, out-of-range amounts, any time order.

import { describe, expect, it } from 'vitest';
import { PeriodCounter } from '../../src/engine/periodCounter.ts';
import { findPeriod } from '../../src/engine/periods.ts';
import { createStream } from '../../src/random/streams.ts';

const MONTHS = Float64Array.of(0, 31, 59, 90);

describe('findPeriod', () => {
  it('finds half-open periods, a boundary belonging to the period it starts', () => {
    expect(findPeriod(MONTHS, 0)).toBe(0);
    expect(findPeriod(MONTHS, 30.999)).toBe(0);
    expect(findPeriod(MONTHS, 31)).toBe(1);
    expect(findPeriod(MONTHS, 89.9)).toBe(2);
    expect(findPeriod(MONTHS, 90)).toBe(3);
    expect(findPeriod(MONTHS, -0.1)).toBe(-1);
    expect(findPeriod(MONTHS, Number.NaN)).toBe(-1);
  });
});

describe('PeriodCounter', () => {
  it('adds amounts to the period containing their time', () => {
    const counter = new PeriodCounter(MONTHS);
    counter.add(0, 1);
    counter.add(30.9, 1);
    counter.add(31, 1);
    counter.add(89.99, 250.5);
    expect([...counter.totals]).toEqual([2, 1, 250.5]);
    expect(counter.outside).toBe(0);
  });

  it('keeps amounts outside the periods in `outside`', () => {
    const counter = new PeriodCounter(MONTHS);
    counter.add(-1, 2);
    counter.add(90, 3);
    counter.add(1000, 4);
    expect([...counter.totals]).toEqual([0, 0, 0]);
    expect(counter.outside).toBe(9);
  });

  it('accepts times in any order (agrees with a binary search for every amount)', () => {
    const s = createStream(4, 0, 'counter');
    const counter = new PeriodCounter(MONTHS);
    const expected = new Float64Array(3);
    let outside = 0;
    for (let i = 0; i < 10_000; i++) {
      const t = s.next() * 100 - 5;
      const amount = Math.floor(s.next() * 10);
      counter.add(t, amount);
      const k = findPeriod(MONTHS, t);
      if (k >= 0 && k < 3) expected[k] += amount;
      else outside += amount;
    }
    expect([...counter.totals]).toEqual([...expected]);
    expect(counter.outside).toBe(outside);
  });

  it('resets to zero for the next replication', () => {
    const counter = new PeriodCounter(MONTHS);
    counter.add(40, 5);
    counter.add(95, 1);
    counter.reset();
    expect([...counter.totals]).toEqual([0, 0, 0]);
    expect(counter.outside).toBe(0);
    counter.add(1, 1);
    expect([...counter.totals]).toEqual([1, 0, 0]);
  });

  it('rejects NaN', () => {
    const counter = new PeriodCounter(MONTHS);
    expect(() => counter.add(Number.NaN, 1)).toThrow(RangeError);
    expect(() => counter.add(1, Number.NaN)).toThrow(RangeError);
  });
});
