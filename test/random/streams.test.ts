// Named streams: reproducibility, independence of keys, range and lattice of values, uniformity (chi-square
// with a critical value from R), and a pinned sequence so that results cannot change silently.

import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { PRNG_ALGORITHM, createStream, streamFamily, streamKey } from '../../src/random/streams.ts';

function draws(seed: number, rep: number, name: string, n: number): Float64Array {
  const s = createStream(seed, rep, name);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = s.next();
  return out;
}

describe('streamKey', () => {
  it('is seed/replication/name', () => {
    expect(streamKey(42, 3, 'referrals')).toBe('42/3/referrals');
    expect(streamKey(-7, 0, 'breakdown/12')).toBe('-7/0/breakdown/12');
  });

  it('rejects non-integer seeds, negative replications and empty names', () => {
    expect(() => streamKey(1.5, 0, 'x')).toThrow(/master seed/);
    expect(() => streamKey(Number.NaN, 0, 'x')).toThrow(/master seed/);
    expect(() => streamKey(1, -1, 'x')).toThrow(/replication/);
    expect(() => streamKey(1, 0.5, 'x')).toThrow(/replication/);
    expect(() => streamKey(1, 0, '')).toThrow(/name/);
  });
});

describe('createStream', () => {
  it('names the algorithm for the manifest', () => {
    expect(PRNG_ALGORITHM).toBe('seedrandom.alea');
  });

  it('is seedrandom.alea of the key, shifted by half a 2^-32 step, draw for draw', () => {
    // The stream steps the generator itself (for speed) from seedrandom's seeding: 100,000 draws of
    // several keys must match seedrandom's own exactly, including wherever the carry wraps.
    for (const [seed, rep, name] of [
      [42, 0, 'referrals'],
      [1, 999, 'child/sixteenPlus/1234'],
      [-7, 3, 'price/under16'],
    ] as const) {
      const reference = seedrandom.alea(`${seed}/${rep}/${name}`);
      const s = createStream(seed, rep, name);
      let mismatches = 0;
      for (let i = 0; i < 100_000; i++) if (s.next() !== reference() + 2 ** -33) mismatches++;
      expect(mismatches, `${seed}/${rep}/${name}`).toBe(0);
    }
  });

  it('gives a family member exactly the stream of its whole name', () => {
    const family = streamFamily(42, 3, 'child/census/ebd/');
    for (const n of [0, 7, 123456]) {
      const a = family(n);
      const b = createStream(42, 3, `child/census/ebd/${n}`);
      expect([a.next(), a.next(), a.next()]).toEqual([b.next(), b.next(), b.next()]);
    }
    // Names as strings too, and prefixes outside ASCII (the family hashes the prefix from its character codes).
    const accented = streamFamily(-9, 0, 'child/réfugié/');
    for (const n of ['', 'x', '17/b']) {
      const a = accented(n);
      const b = createStream(-9, 0, `child/réfugié/${n}`);
      expect([a.next(), a.next(), a.next()]).toEqual([b.next(), b.next(), b.next()]);
    }
    expect(() => streamFamily(1.5, 0, 'x/')).toThrow(RangeError);
  });

  it('is seeded as seedrandom.alea seeds, for hundreds of keys of every shape', () => {
    // Seeding (Mash over the key) is done here, not by seedrandom: check its first draws for keys with
    // negative and large seeds, long names, and characters outside ASCII.
    const names = [
      'arrivals/under16',
      'child/census/parentAndChild/57',
      'x',
      'openingDelay/Ærø home',
      'a'.repeat(300),
    ];
    let checked = 0;
    const wrong: string[] = [];
    for (const seed of [0, 1, -1, 42, 2 ** 31, -(2 ** 40), Number.MAX_SAFE_INTEGER])
      for (let rep = 0; rep < 12; rep++)
        for (const name of names) {
          const key = `${seed}/${rep}/${name}`;
          const reference = seedrandom.alea(key);
          const s = createStream(seed, rep, name);
          for (let i = 0; i < 50; i++) if (s.next() !== reference() + 2 ** -33) wrong.push(key);
          checked++;
        }
    expect(checked).toBe(420);
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('is pinned: the first draws of 42/0/referrals never change silently', () => {
    // Recorded from this implementation on first release. If this fails, every simulated result changes:
    // that needs a deliberate decision and a note in the changelog, not a new expected value.
    const s = createStream(42, 0, 'referrals');
    expect([s.next(), s.next(), s.next()]).toEqual(PINNED);
  });

  it('gives identical sequences for the same (seed, replication, name)', () => {
    expect(draws(7, 2, 'stay', 10_000)).toEqual(draws(7, 2, 'stay', 10_000));
  });

  it('gives different sequences when any part of the key differs', () => {
    const base = draws(7, 2, 'stay', 100);
    for (const other of [draws(8, 2, 'stay', 100), draws(7, 3, 'stay', 100), draws(7, 2, 'stay2', 100)]) {
      let equal = 0;
      for (let i = 0; i < 100; i++) if (other[i] === base[i]) equal++;
      expect(equal).toBe(0);
    }
  });

  it('gives uncorrelated streams for neighbouring replications', () => {
    // Under independence the sample correlation of n pairs has sd 1/sqrt(n); allow 5 sd.
    const n = 100_000;
    const a = draws(1, 0, 'referrals', n);
    const b = draws(1, 1, 'referrals', n);
    let sa = 0;
    let sb = 0;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
      sa += a[i];
      sb += b[i];
    }
    const ma = sa / n;
    const mb = sb / n;
    for (let i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) ** 2;
      sbb += (b[i] - mb) ** 2;
    }
    expect(Math.abs(sab / Math.sqrt(saa * sbb))).toBeLessThan(5 / Math.sqrt(n));
  });

  it('draws strictly inside (0, 1), on the lattice (k + 1/2) 2^-32', () => {
    const xs = draws(123, 0, 'range', 1_000_000);
    let min = 1;
    let max = 0;
    let offLattice = 0;
    for (const x of xs) {
      if (x < min) min = x;
      if (x > max) max = x;
      if (!Number.isInteger(x * 2 ** 32 - 0.5)) offLattice++;
    }
    expect(offLattice).toBe(0);
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(-Math.log(min)).toBeLessThan(23); // -ln(2^-33) = 22.87 is the largest possible
  });

  it('is roughly uniform: chi-square over 100 bins below the 0.999 critical value', () => {
    // 1e6 draws in 100 equal bins; under uniformity the statistic is chi-square with 99 df.
    // Critical value qchisq(0.999, 99) = 148.2304 (R; SciPy chi2.ppf gives 148.23035916510173).
    const n = 1_000_000;
    const bins = new Float64Array(100);
    const s = createStream(2024, 0, 'uniformity');
    for (let i = 0; i < n; i++) bins[Math.floor(s.next() * 100)]++;
    const expected = n / 100;
    let chi2 = 0;
    for (const count of bins) chi2 += (count - expected) ** 2 / expected;
    expect(chi2).toBeLessThan(148.2304);
  });

  it('passes a serial test: pairs of successive draws fill a 10x10 grid evenly', () => {
    // 500,000 non-overlapping pairs in 100 cells; chi-square with 99 df, same critical value as above.
    const pairs = 500_000;
    const cells = new Float64Array(100);
    const s = createStream(2024, 1, 'serial');
    for (let i = 0; i < pairs; i++) cells[Math.floor(s.next() * 10) * 10 + Math.floor(s.next() * 10)]++;
    const expected = pairs / 100;
    let chi2 = 0;
    for (const count of cells) chi2 += (count - expected) ** 2 / expected;
    expect(chi2).toBeLessThan(148.2304);
  });
});

const PINNED = [0.152241830364801, 0.6020029137143865, 0.5851624986389652];
