// Children found in care with known time in care and age (a calibrated census): the remaining need
// is the stay given that it has lasted that long, and the age limit falls when their age says.
import { describe, expect, it } from 'vitest';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { LOSS, rawModel, simulatorOf, type RawModel } from './helpers.ts';

const DAYS_PER_YEAR = 365.2425;

/** The loss system with no referrals and n children found out of county, each in care `months` already. */
function withKnownCensus(
  stay: Record<string, unknown>,
  months: number,
  age: number,
  n: number,
  ageLimit?: number,
): RawModel {
  const raw = rawModel(LOSS) as {
    time: Record<string, unknown>;
    cohorts: {
      any: Record<string, unknown> & { referrals: Record<string, unknown>; pathway: Record<string, unknown> };
    };
    initialCensus?: unknown;
  };
  raw.time.years = 10;
  delete raw.time.warmupYears;
  raw.cohorts.any.referrals.perYear = 0;
  raw.cohorts.any.pathway.stay = stay;
  if (ageLimit !== undefined) {
    raw.cohorts.any.ageAtReferral = { type: 'uniform', min: 10, max: 15 };
    raw.cohorts.any.pathway.ageLimit = { age: ageLimit, then: 'leave' };
  }
  raw.initialCensus = { children: [{ cohort: 'any', monthsInCare: months, age, children: n }] };
  return raw as RawModel;
}

/** Each census child's days until it leaves, from the trace. */
function remaining(raw: RawModel, seed: number): number[] {
  const sim = simulatorOf(raw);
  const left: number[] = [];
  sim.run(seed, 0, (t, _child, event) => {
    if (event === 'leaves') left.push(t);
  });
  return left;
}

const meanSe = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
  return { m, se: Math.sqrt(v / xs.length) };
};

describe('a census of children with known time in care', () => {
  it('draws an exponential need afresh whatever the time spent (memoryless)', () => {
    const xs = remaining(withKnownCensus({ type: 'exponential', mean: 200, unit: 'days' }, 24, 12, 4000), 3);
    expect(xs).toHaveLength(4000);
    const { m, se } = meanSe(xs);
    expect(Math.abs(m - 200)).toBeLessThan(4 * se);
  });

  it('draws a lognormal need given it has lasted a year: E[S - e | S > e], by numerical integration', () => {
    const mean = 400;
    const sd = 300;
    const s2 = Math.log1p((sd / mean) ** 2);
    const mu = Math.log(mean) - s2 / 2;
    const survival = (x: number) => 1 - normalCdf((Math.log(x) - mu) / Math.sqrt(s2), 0, 1);
    const e = 12 * (DAYS_PER_YEAR / 12);
    let integral = 0;
    const h = 0.5;
    for (let x = e; x < 40_000; x += h) integral += ((survival(x) + survival(x + h)) / 2) * h;
    const expected = integral / survival(e);
    const xs = remaining(withKnownCensus({ type: 'lognormal', mean, sd, unit: 'days' }, 12, 12, 4000), 5);
    const { m, se } = meanSe(xs.filter((x) => x < 10 * DAYS_PER_YEAR));
    // Every child leaves within the horizon but a tiny tail.
    expect(xs.filter((x) => x < 10 * DAYS_PER_YEAR).length).toBeGreaterThan(3990);
    expect(Math.abs(m - expected)).toBeLessThan(4 * se + 2);
    // Not a fresh stay (mean 400), which is what an unconditioned draw would give.
    expect(Math.abs(m - mean)).toBeGreaterThan(8 * se);
  });

  it('has children leave at the age limit their stated age gives', () => {
    const xs = remaining(withKnownCensus({ type: 'fixed', value: 5000, unit: 'days' }, 6, 17.5, 50, 18), 1);
    expect(xs).toHaveLength(50);
    for (const t of xs) expect(Math.abs(t - 0.5 * DAYS_PER_YEAR)).toBeLessThan(1);
  });
});
