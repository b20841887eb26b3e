// Named random streams. Every stochastic input of a model (referrals, stays, breakdowns, ...) draws from its
// own stream, and each stream's state is derived ONLY from the string `${masterSeed}/${replication}/${name}`.
// That gives common random numbers for free: two scenarios run with the same seed and replication consume
// identical referral uniforms whatever else differs, and no stream depends on run order, worker id or the
// scenario. Seeds are hashed strings, never neighbouring integers, so streams 1 and 2 are not correlated.
//
// Generator: seedrandom's `alea` (Baagøe's multiply-with-carry generator on doubles, period about 2^116).
// Benchmarked against `xor4096` on Node 20, one process each, 2e7 draws: alea about 110-130 M draws/s and
// 2 us to create a stream; xor4096 about 80-105 M/s and 4 us to create, because it warms a 4096-bit state
// by 512 steps. Creation cost matters when a model keys a stream per child, so alea wins on both counts;
// seedrandom's default ARC4 is 5-10x slower still. test/bench/engineMicro.ts re-measures stream.next().

import seedrandom from 'seedrandom';

/** Name of the generator behind {@link createStream}, for the run manifest. */
export const PRNG_ALGORITHM = 'seedrandom.alea';

/**
 * A source of uniform random numbers. It is a mutable object, honest about it: every call to `next`
 * advances the stream's internal state, so two calls give different values and the order of calls matters.
 */
export interface RandomStream {
  /**
   * Draw the next uniform number and advance the stream.
   * @returns a number strictly inside (0, 1): never 0 and never 1, so `-Math.log(u)` and
   *   `-Math.log(1 - u)` are always finite.
   */
  next(): number;
}

// alea's raw output is k * 2^-32 for an integer k in [0, 2^32): exactly representable, and 0 is possible.
// Adding half a lattice step maps it to the cell midpoints (k + 1/2) * 2^-32, strictly inside (0, 1)
// (the largest is 1 - 2^-33) at the cost of one addition. The price is 32-bit resolution: the extreme
// uniforms are 2^-33 and 1 - 2^-33, so an exponential draw never exceeds 22.9 means and a normal draw never
// leaves +-6.3 sd. Those tails carry probability below 1e-9 and do not matter for capacity planning; a
// 53-bit `double()` would halve the draw rate (measured 50-60 M/s).
const HALF_LATTICE_STEP = 2 ** -33;

// seedrandom seeds the generator (Baagøe's Mash hash of the key) and this class steps it. seedrandom's
// generator is a closure per stream, and a call through it could not be inlined at the model's call
// sites: stepping the same recurrence (s0, s1, s2, c) in a class of our own measured about 3x faster per
// draw. test/random/streams.test.ts checks that the sequence is seedrandom's, draw for draw.
class AleaStream implements RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private c: number;

  constructor(key: string) {
    const state = seedrandom.alea(key, { state: true }).state();
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
    this.c = state.c;
  }

  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    this.s2 = t - this.c;
    return this.s2 + HALF_LATTICE_STEP;
  }
}

/**
 * The exact string a stream is seeded from. Useful for the run manifest and for debugging.
 * The format is unambiguous even when `name` contains '/', because the first two fields are integers.
 * @throws {RangeError} if `masterSeed` is not a safe integer, `replication` is not a non-negative safe
 *   integer, or `name` is empty.
 * @example
 * streamKey(42, 0, 'referrals'); // '42/0/referrals'
 */
export function streamKey(masterSeed: number, replication: number, name: string): string {
  if (!Number.isSafeInteger(masterSeed)) {
    throw new RangeError(`master seed must be a safe integer, got ${masterSeed}`);
  }
  if (!Number.isSafeInteger(replication) || replication < 0) {
    throw new RangeError(`replication must be a non-negative integer, got ${replication}`);
  }
  if (name.length === 0) {
    throw new RangeError('stream name must not be empty');
  }
  return `${masterSeed}/${replication}/${name}`;
}

/**
 * Create the random stream for one purpose in one replication. The same three arguments always give the
 * same sequence; any difference in any argument gives an unrelated sequence. Creating a stream costs about
 * 2 microseconds, so creating one per child is affordable.
 * @param masterSeed the run's master seed (any safe integer).
 * @param replication replication index, 0-based.
 * @param name purpose of the stream, e.g. 'referrals' or `breakdown/${childIndex}`.
 * @throws {RangeError} on an invalid seed, replication or name (see {@link streamKey}).
 * @example
 * const referrals = createStream(42, 0, 'referrals');
 * const gapDays = -Math.log(referrals.next()) / 0.5; // exponential gap, 0.5 referrals a day
 */
export function createStream(masterSeed: number, replication: number, name: string): RandomStream {
  return new AleaStream(streamKey(masterSeed, replication, name));
}
