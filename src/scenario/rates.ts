/**
 * Growth and price indices by financial year, and the expected figures they imply.
 *
 * Convention (documented in docs/assumptions.md): a rate is constant within a financial
 * year; the growth given for financial year Y applies from the first day of Y. A quantity
 * stated for the base financial year (the one containing the start, or finance.priceBase for
 * money) is multiplied by (1 + g) at the start of every later year, and divided by it for
 * every earlier one. A one-off rate for one year therefore raises every later year once,
 * and is not compounded again.
 */
import { mean } from '../random/moments.ts';
import { DAYS_PER_UNIT, val, type DurationInput, type DistributionInput } from './schema/distributions.ts';
import { toDistribution } from './schema/distributions.ts';
import type { Growth } from './schema/primitives.ts';
import { fyLabel } from '../engine/calendar.ts';

/** The growth rate in the financial year starting in calendar year `fy`. */
export function growthIn(g: Growth | undefined, fy: number): number {
  if (g === undefined) return 0;
  if (typeof g === 'number' || 'value' in g) return val(g);
  const entry = g.byYear[fyLabel(fy)];
  return entry === undefined ? val(g.otherwise) : val(entry);
}

/**
 * Index of financial year `fy` relative to base year `baseFy` (1 in the base year).
 * @example indexFor(0.1, 2020, 2022) // 1.21
 */
export function indexFor(g: Growth | undefined, baseFy: number, fy: number): number {
  let f = 1;
  for (let y = baseFy + 1; y <= fy; y++) f *= 1 + growthIn(g, y);
  for (let y = fy + 1; y <= baseFy; y++) f /= 1 + growthIn(g, y);
  return f;
}

/**
 * indexFor(g, baseFy, ·) remembered by financial year: normalise asks for the same year's index
 * once a month of the horizon, and each answer walks every year from the base (quadratic in the
 * horizon otherwise, and normalise runs once a replication when parameters are drawn).
 */
export function indexer(g: Growth | undefined, baseFy: number): (fy: number) => number {
  const known = new Map<number, number>([[baseFy, 1]]);
  // 1 + the year's growth, remembered: the years below the base are walked again for each year
  // asked (the vintage tables ask for forty), and naming a year is a string built each time.
  const factors = new Map<number, number>();
  const factor = (y: number): number => {
    let x = factors.get(y);
    if (x === undefined) factors.set(y, (x = 1 + growthIn(g, y)));
    return x;
  };
  const at = (fy: number): number => {
    let f = known.get(fy);
    if (f === undefined) {
      // Above the base, the year before times this year's growth: the very multiplications
      // indexFor makes, in its order, so the same number to the last bit. Below it, indexFor's own
      // divisions, from the year after fy upwards (an order a recurrence from the base would not keep).
      if (fy > baseFy) f = at(fy - 1) * factor(fy);
      else {
        f = 1;
        for (let y = fy + 1; y <= baseFy; y++) f /= factor(y);
      }
      known.set(fy, f);
    }
    return f;
  };
  return at;
}

/** Mean of a distribution as written, in its own units. */
export function meanOf(d: DistributionInput | DurationInput): number {
  return mean(toDistribution(d));
}

/** Mean of a duration in days. */
export function meanDays(d: DurationInput): number {
  return meanOf(d) * DAYS_PER_UNIT[d.unit];
}
