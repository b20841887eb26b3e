// The period ledger: areas, end levels and totals worked by hand over unequal months, a warm-up, a close
// part-way through a period, and a brute-force oracle (each step's overlap with each period, summed
// directly) over random step functions with changes exactly on boundaries.

import { describe, expect, it } from 'vitest';
import { PeriodLedger } from '../../src/engine/periodLedger.ts';
import { createStream } from '../../src/random/streams.ts';

// Month starts of a common year, in days: January 31, February 28, March 31 days.
const MONTHS = Float64Array.of(0, 31, 59, 90);

describe('PeriodLedger', () => {
  it('integrates a level by hand across unequal months', () => {
    // Level 2 on [0, 10), 5 on [10, 70), 1 from 70: January 2x10 + 5x21 = 125, February 5x28 = 140,
    // March 5x11 + 1x20 = 75.
    const ledger = new PeriodLedger(MONTHS, 1, 0, 0);
    ledger.level(0, 2);
    ledger.at(10);
    ledger.level(0, 3);
    ledger.at(70);
    ledger.level(0, -4);
    ledger.close(90);
    expect([0, 1, 2].map((k) => ledger.area(0, k))).toEqual([125, 140, 75]);
    expect([0, 1, 2].map((k) => ledger.endLevel(0, k))).toEqual([5, 5, 1]);
    expect(ledger.mean(0, 1)).toBe(5);
    expect(ledger.current(0)).toBe(1);
  });

  it('does not integrate a warm-up but carries its level into the first period', () => {
    const ledger = new PeriodLedger(MONTHS, 1, 1, -100);
    ledger.level(0, 7); // from day -100
    ledger.count(0, 3); // dated in the warm-up: outside the periods
    ledger.at(-1);
    ledger.level(0, -2);
    ledger.at(31);
    ledger.count(0, 1);
    ledger.close(90);
    expect(ledger.area(0, 0)).toBe(5 * 31);
    expect(ledger.total(0, 0)).toBe(0);
    expect(ledger.total(0, 1)).toBe(1); // a boundary belongs to the period it starts
    expect(ledger.outside(0)).toBe(3);
    expect(ledger.grandTotal(0)).toBe(4);
  });

  it('closes part-way through a period: partial area, no end level, nothing after', () => {
    const ledger = new PeriodLedger(MONTHS, 1, 0, 0);
    ledger.level(0, 1);
    ledger.at(40);
    ledger.level(0, 2); // level 3 from day 40
    ledger.close(50);
    expect(ledger.area(0, 0)).toBe(31);
    expect(ledger.area(0, 1)).toBe(9 + 3 * 10);
    expect(ledger.area(0, 2)).toBe(0);
    expect(ledger.endLevel(0, 0)).toBe(1);
    expect(ledger.endLevel(0, 1)).toBeNaN();
    expect(ledger.endLevel(0, 2)).toBeNaN();
  });

  it('dates countAt by its own time, in any order', () => {
    const ledger = new PeriodLedger(MONTHS, 0, 2, 0);
    ledger.at(80);
    ledger.countAt(5, 1, 100);
    ledger.countAt(59, 1, 10);
    ledger.countAt(500, 1, 1);
    ledger.countAt(-5, 1, 1);
    ledger.close(90);
    expect([0, 1, 2].map((k) => ledger.total(1, k))).toEqual([100, 0, 10]);
    expect(ledger.outside(1)).toBe(2);
    expect([0, 1, 2].map((k) => ledger.total(0, k))).toEqual([0, 0, 0]);
  });

  it('dates levelAt by its own time: a change in advance integrates as if made then', () => {
    // A cost of 4 a day from day 10 to day 70, recorded at day 10 with its end dated in advance, and a
    // change dated before the clock (day 20, recorded at day 40): against the same changes made in order.
    const early = new PeriodLedger(MONTHS, 1, 0, -5);
    early.at(10);
    early.level(0, 4);
    early.levelAt(70, 0, -4);
    early.at(40);
    early.levelAt(20, 0, 1);
    early.levelAt(-3, 0, 2); // in the warm-up: sets the starting level, adds no area
    early.levelAt(120, 0, 9); // after the periods: nothing
    early.close(90);
    const inOrder = new PeriodLedger(MONTHS, 1, 0, -5);
    inOrder.at(-3);
    inOrder.level(0, 2);
    inOrder.at(10);
    inOrder.level(0, 4);
    inOrder.at(20);
    inOrder.level(0, 1);
    inOrder.at(70);
    inOrder.level(0, -4);
    inOrder.close(90);
    for (let k = 0; k < 3; k++) {
      expect(early.area(0, k)).toBe(inOrder.area(0, k));
      expect(early.endLevel(0, k)).toBe(inOrder.endLevel(0, k));
    }
    // By hand: January 2x31 + 4x21 + 1x11 = 157; February (2 + 4 + 1) x 28 = 196; March 7x11 + 3x20 = 137.
    expect([0, 1, 2].map((k) => early.area(0, k))).toEqual([157, 196, 137]);
    expect(() => early.levelAt(5, 0, 1)).toThrow(/closed/);
  });

  it('knows the period of its clock', () => {
    const ledger = new PeriodLedger(MONTHS, 0, 0, -5);
    expect(ledger.period).toBe(-1);
    ledger.at(31);
    expect(ledger.period).toBe(1);
    ledger.at(89.5);
    expect(ledger.period).toBe(2);
    ledger.at(90);
    expect(ledger.period).toBe(3);
  });

  it('rejects a clock moved back, NaN, and use after close', () => {
    const ledger = new PeriodLedger(MONTHS, 1, 1, 0);
    ledger.at(10);
    expect(() => ledger.at(9)).toThrow(/back from 10 to 9/);
    expect(() => ledger.at(NaN)).toThrow(RangeError);
    expect(() => ledger.countAt(NaN, 0, 1)).toThrow(RangeError);
    expect(() => ledger.close(5)).toThrow(/clock is at 10/);
    ledger.close(90);
    expect(() => ledger.at(95)).toThrow(/closed/);
    expect(() => new PeriodLedger(MONTHS, -1, 0)).toThrow(RangeError);
    expect(() => new PeriodLedger(Float64Array.of(0, 5, 5), 1, 0)).toThrow(/ascend/);
  });

  it('starts clean after reset, keeping its arrays', () => {
    const ledger = new PeriodLedger(MONTHS, 1, 1, 0);
    ledger.level(0, 9);
    ledger.count(0, 9);
    ledger.close(90);
    ledger.reset(0);
    ledger.at(59);
    ledger.level(0, 1);
    ledger.count(0, 1);
    ledger.close(90);
    expect([0, 1, 2].map((k) => ledger.area(0, k))).toEqual([0, 0, 31]);
    expect([0, 1, 2].map((k) => ledger.total(0, k))).toEqual([0, 0, 1]);
  });

  it('agrees with a brute-force integral over random step functions', () => {
    const stream = createStream(5, 0, 'ledger-oracle');
    const boundaries = Float64Array.of(0, 31, 59, 90, 120, 151, 181);
    const n = boundaries.length - 1;
    for (let trial = 0; trial < 50; trial++) {
      const start = -30 + 60 * stream.next();
      const end = trial % 2 === 0 ? 181 : 100 + 81 * stream.next();
      const ledger = new PeriodLedger(boundaries, 3, 2, start);
      // Oracle: steps [from, to) with their levels, and counts by time.
      const steps: { from: number; level: number[] }[] = [{ from: start, level: [0, 0, 0] }];
      const counts: { t: number; i: number; x: number }[] = [];
      let t = start;
      for (let e = 0; e < 40; e++) {
        // A quarter of the changes land exactly on a boundary, where off-by-one errors live.
        t = stream.next() < 0.25 ? (boundaries.find((b) => b > t) ?? t + 1) : t + 5 * stream.next();
        if (t > end) break;
        ledger.at(t);
        const level = [...steps[steps.length - 1]!.level];
        for (let i = 0; i < 3; i++) {
          if (stream.next() < 0.5) continue;
          const d = Math.round(10 * stream.next()) - 5;
          ledger.level(i, d);
          level[i]! += d;
        }
        steps.push({ from: t, level });
        const i = stream.next() < 0.5 ? 0 : 1;
        ledger.count(i, 2);
        counts.push({ t, i, x: 2 });
      }
      ledger.close(end);
      for (let k = 0; k < n; k++) {
        const lo = boundaries[k]!;
        const hi = Math.min(boundaries[k + 1]!, end);
        for (let i = 0; i < 3; i++) {
          let area = 0;
          for (let s = 0; s < steps.length; s++) {
            const from = Math.max(steps[s]!.from, lo);
            const to = Math.min(s + 1 < steps.length ? steps[s + 1]!.from : end, hi);
            if (to > from) area += steps[s]!.level[i]! * (to - from);
          }
          expect(ledger.area(i, k)).toBeCloseTo(area, 9);
          const periodEnd = boundaries[k + 1]!;
          if (end >= periodEnd) {
            const before = steps.filter((s) => s.from < periodEnd);
            expect(ledger.endLevel(i, k)).toBe(before[before.length - 1]!.level[i]);
          } else expect(ledger.endLevel(i, k)).toBeNaN();
        }
        for (let i = 0; i < 2; i++) {
          const total = counts
            .filter((c) => c.i === i && c.t >= boundaries[k]! && c.t < boundaries[k + 1]!)
            .reduce((a, c) => a + c.x, 0);
          expect(ledger.total(i, k)).toBe(total);
        }
      }
    }
  });
});
