// Named random streams. Every stochastic input of a model (referrals, stays, breakdowns, ...) draws from its
// own stream, and each stream's state is derived ONLY from the string `${masterSeed}/${replication}/${name}`.
// That gives common random numbers for free: two scenarios run with the same seed and replication consume
// identical referral uniforms whatever else differs, and no stream depends on run order, worker id or the
// scenario. Seeds are hashed strings, never neighbouring integers, so streams 1 and 2 are not correlated.
//
// Generator: alea (Baagøe's multiply-with-carry generator on doubles, period about 2^116), the sequence of
// seedrandom's `alea` (see AleaStream below for why it is not called).
// Benchmarked against `xor4096` on Node 20, one process each, 2e7 draws: alea about 110-130 M draws/s and
// 2 us to create a stream; xor4096 about 80-105 M/s and 4 us to create, because it warms a 4096-bit state
// by 512 steps. Creation cost matters when a model keys a stream per child, so alea wins on both counts;
// seedrandom's default ARC4 is 5-10x slower still. test/bench/engineMicro.ts re-measures stream.next().

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

// The generator is seedrandom's alea, draw for draw, but seeded and stepped here. seedrandom's alea() builds
// five closures and two objects per stream (about 1 KB of garbage and 2 us); the Leicestershire baseline
// creates a stream for each of some 240 children per replication, so that was a fifth of its run time and
// most of its garbage, and two worker threads collecting it slowed each other. Here seeding is Baagøe's Mash
// hash of the key over plain numbers and stepping is a monomorphic method the JIT inlines at the model's call
// sites. seedrandom stays the reference: test/random/streams.test.ts checks this sequence against
// seedrandom.alea's for hundreds of keys, draw for draw.

/** Mash's running state: module-level, because seeding is synchronous and never re-entered. */
let mashN = 0;

/** One step of Mash over one character code. */
function mashStep(n: number, code: number): number {
  n += code;
  let h = 0.02519603282416938 * n;
  n = h >>> 0;
  h -= n;
  h *= n;
  n = h >>> 0;
  h -= n;
  return n + h * 0x100000000; // 2^32
}

/** Mash's output from its state: a uniform in [0, 1) with 32-bit resolution. */
const mashOut = (n: number): number => (n >>> 0) * 2.3283064365386963e-10; // 2^-32

/** One Mash pass over a string: a uniform in [0, 1) with 32-bit resolution (Baagøe). */
function mash(data: string): number {
  let n = mashN;
  for (let i = 0; i < data.length; i++) n = mashStep(n, data.charCodeAt(i));
  mashN = n;
  return mashOut(n);
}

/** One Mash pass over a string given as its character codes, then a second string: mash(prefix + suffix). */
function mashJoined(prefix: Uint16Array, suffix: string): number {
  let n = mashN;
  for (let i = 0; i < prefix.length; i++) n = mashStep(n, prefix[i]!);
  for (let i = 0; i < suffix.length; i++) n = mashStep(n, suffix.charCodeAt(i));
  mashN = n;
  return mashOut(n);
}

// Alea's seeding starts from a fixed state and hashes ' ' three times before the key: the same for every
// key, so done once here.
mashN = 0xefc8249d;
const SEED_S0 = mash(' ');
const SEED_S1 = mash(' ');
const SEED_S2 = mash(' ');
const SEED_MASH_N = mashN;

class AleaStream implements RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private c: number;

  /** Seeded by the three Mash passes over its key, in order. */
  constructor(m0: number, m1: number, m2: number) {
    let s0 = SEED_S0 - m0;
    if (s0 < 0) s0 += 1;
    let s1 = SEED_S1 - m1;
    if (s1 < 0) s1 += 1;
    let s2 = SEED_S2 - m2;
    if (s2 < 0) s2 += 1;
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.c = 1;
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
  const key = streamKey(masterSeed, replication, name);
  mashN = SEED_MASH_N;
  const m0 = mash(key);
  const m1 = mash(key);
  return new AleaStream(m0, m1, mash(key));
}

/**
 * Streams whose names share a prefix, for many streams a replication creates one by one (one per
 * child): the seed, replication and prefix are checked and joined once, and each stream is then
 * keyed by the prefix followed by its own part. `family(seed, rep, 'child/ebd/')(7)` is exactly
 * `createStream(seed, rep, 'child/ebd/7')`.
 * @throws {RangeError} as {@link streamKey}.
 * @example
 * const childStream = streamFamily(42, 0, 'child/under16/');
 * childStream(3).next(); // the stream 'child/under16/3'
 */
export function streamFamily(
  masterSeed: number,
  replication: number,
  prefix: string,
): (name: string | number) => RandomStream {
  const base = streamKey(masterSeed, replication, prefix);
  // Each stream's key is base + name, hashed in three passes. The first pass starts where every
  // key's does, so its walk over base is done once here; the other two start where the key's
  // previous pass ended, and walk base again from its character codes (no joined string is
  // built). A model makes one such stream for each child: this was a tenth of the baseline's run.
  const codes = Uint16Array.from({ length: base.length }, (_, i) => base.charCodeAt(i));
  mashN = SEED_MASH_N;
  mash(base);
  const afterBase = mashN;
  return (name) => {
    const suffix = typeof name === 'number' ? String(name) : name;
    mashN = afterBase;
    const m0 = mash(suffix);
    const m1 = mashJoined(codes, suffix);
    return new AleaStream(m0, m1, mashJoined(codes, suffix));
  };
}
