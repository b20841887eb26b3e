// Compiled distributions for the hot loop. compile() does the per-distribution work once (parameter
// conversions, truncation probabilities, cumulative tables, the gamma quantile table) and sample() turns a
// uniform into a value with a switch and a few flops. Values are identical to quantile() (quantile.ts) up to
// floating-point rounding, except gamma, which agrees to 1e-8 relative (see gammaTable.ts).
//
// Performance choices:
// - Every compiled distribution is an instance of ONE class with the same fields in the same order, whatever
//   its type, so V8 gives them one hidden class and the property loads in sample() stay monomorphic. Nine
//   differently shaped objects would make the `c.kind` load megamorphic (a hash lookup per draw).
// - The type is an integer `kind` (a dense switch compiles to a jump table), not a string compare.
// - Generic numeric slots p0..p4 hold the precomputed constants; the table below says what each holds.
// - sample() does no validation; compile() has validated once.
//
//   kind                  p0        p1            p2                p3                 p4
//   fixed                 value
//   exponential           mean
//   uniform               min       max - min
//   triangular            min       max           F(mode)           (max-min)(mode-min) (max-min)(max-mode)
//   normal                mean      sd
//   truncated normal      mean      sign * sd     Φ(lo) + a * mass  b * mass
//                         sign = -1 when mirrored (truncatedNormal.ts); (a, b) = (0, 1), or (1, -1) mirrored
//   lognormal             μ of log  σ of log
//   gamma (table/direct)  shape     rate 1/scale
//   weibull               scale     1 / shape
//   empirical             cumulative probabilities in `cumulative`, values in `values`

import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { assertValidDistribution, type Distribution, type DistributionType } from './distribution.ts';
import { buildGammaTable, gammaTableQuantile, type GammaTable } from './gammaTable.ts';
import { mean, variance } from './moments.ts';
import { lastPositive } from './quantile.ts';
import { standardTruncation } from './truncatedNormal.ts';
import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';
import log1p from '@stdlib/math-base-special-log1p';
import pow from '@stdlib/math-base-special-pow';

const FIXED = 0;
const EXPONENTIAL = 1;
const UNIFORM = 2;
const TRIANGULAR = 3;
const NORMAL = 4;
const TRUNCATED_NORMAL = 5;
const LOGNORMAL = 6;
const GAMMA_TABLE = 7;
const GAMMA_DIRECT = 8;
const WEIBULL = 9;
const EMPIRICAL_DISCRETE = 10;
const EMPIRICAL_INTERPOLATED = 11;

// Shared by every compiled distribution that has no table, so compiling allocates nothing for them.
const NO_TABLE = new Float64Array(0);

/** A distribution prepared for fast sampling. Build with {@link compile}; draw with {@link sample}. */
export class CompiledDistribution {
  /** The distribution's type, for messages and debugging (sample() switches on the integer `kind`). */
  readonly type: DistributionType;
  /** Exact mean, precomputed (see moments.ts). */
  readonly mean: number;
  /** Exact variance, precomputed (see moments.ts). */
  readonly variance: number;
  /** @internal */ readonly kind: number;
  /** @internal */ readonly p0: number;
  /** @internal */ readonly p1: number;
  /** @internal */ readonly p2: number;
  /** @internal */ readonly p3: number;
  /** @internal */ readonly p4: number;
  /** @internal Lower and upper clamp for the truncated normal; ±Infinity otherwise. */
  readonly lo: number;
  /** @internal */ readonly hi: number;
  /** @internal Empirical cumulative probabilities, the last exactly 1. */
  readonly cumulative: Float64Array;
  /** @internal Empirical values. */
  readonly values: Float64Array;
  /** @internal The gamma quantile table, when one met its accuracy check. */
  readonly gamma: GammaTable | null;

  /** @internal Use {@link compile}. */
  constructor(
    d: Distribution,
    kind: number,
    p: readonly number[],
    bounds: readonly [number, number] = [-Infinity, Infinity],
    tables: { cumulative?: Float64Array; values?: Float64Array; gamma?: GammaTable | null } = {},
  ) {
    this.type = d.type;
    this.mean = mean(d);
    this.variance = variance(d);
    this.kind = kind;
    this.p0 = p[0] ?? 0;
    this.p1 = p[1] ?? 0;
    this.p2 = p[2] ?? 0;
    this.p3 = p[3] ?? 0;
    this.p4 = p[4] ?? 0;
    this.lo = bounds[0];
    this.hi = bounds[1];
    this.cumulative = tables.cumulative ?? NO_TABLE;
    this.values = tables.values ?? NO_TABLE;
    this.gamma = tables.gamma ?? null;
  }
}

function compileEmpirical(d: Extract<Distribution, { type: 'empirical' }>): CompiledDistribution {
  const n = d.values.length;
  let total = 0;
  for (const p of d.probabilities) {
    total += p;
  }
  const last = lastPositive(d.probabilities);
  const cumulative = new Float64Array(n);
  let running = 0;
  for (let i = 0; i < n; i++) {
    running += d.probabilities[i];
    // Exactly 1 from the last outcome with positive probability on, so the search in sample() always ends
    // there and rounding can never select a trailing zero-probability value.
    cumulative[i] = i >= last ? 1 : running / total;
  }
  const kind = d.interpolate ? EMPIRICAL_INTERPOLATED : EMPIRICAL_DISCRETE;
  return new CompiledDistribution(d, kind, [], undefined, {
    cumulative,
    values: Float64Array.from(d.values),
  });
}

/**
 * Prepare a distribution for fast sampling. Call once per distribution per run (a gamma builds a quantile
 * table, 5-20 ms), never per draw or per replication.
 * @throws {RangeError} if the parameters are invalid (message from validateDistribution).
 * @example
 * const stay = compile({ type: 'lognormal', mean: 40, sd: 25 });
 * const days = sample(stay, stream.next());
 */
export function compile(d: Distribution): CompiledDistribution {
  assertValidDistribution(d);
  switch (d.type) {
    case 'fixed':
      return new CompiledDistribution(d, FIXED, [d.value]);
    case 'exponential':
      return new CompiledDistribution(d, EXPONENTIAL, [d.mean]);
    case 'uniform':
      return new CompiledDistribution(d, UNIFORM, [d.min, d.max - d.min]);
    case 'triangular': {
      const width = d.max - d.min;
      return new CompiledDistribution(d, TRIANGULAR, [
        d.min,
        d.max,
        (d.mode - d.min) / width,
        width * (d.mode - d.min),
        width * (d.max - d.mode),
      ]);
    }
    case 'normal': {
      if (d.min === undefined && d.max === undefined) {
        return new CompiledDistribution(d, NORMAL, [d.mean, d.sd]);
      }
      const min = d.min ?? -Infinity;
      const max = d.max ?? Infinity;
      const t = standardTruncation(d.mean, d.sd, min, max);
      // p = Φ(lo) + v * mass with v = u or 1 - u, folded into p = p2 + p3 * u so sample() has no branch.
      const a = t.sign === 1 ? 0 : 1;
      const b = t.sign;
      return new CompiledDistribution(
        d,
        TRUNCATED_NORMAL,
        [d.mean, t.sign * d.sd, t.pLo + a * t.mass, b * t.mass],
        [min, max],
      );
    }
    case 'lognormal': {
      const sigma2 = log1p((d.sd * d.sd) / (d.mean * d.mean));
      return new CompiledDistribution(d, LOGNORMAL, [ln(d.mean) - 0.5 * sigma2, Math.sqrt(sigma2)]);
    }
    case 'gamma': {
      const table = buildGammaTable(d.shape, d.scale);
      return new CompiledDistribution(
        d,
        table === null ? GAMMA_DIRECT : GAMMA_TABLE,
        [d.shape, 1 / d.scale],
        undefined,
        {
          gamma: table,
        },
      );
    }
    case 'weibull':
      return new CompiledDistribution(d, WEIBULL, [d.scale, 1 / d.shape]);
    case 'empirical':
      return compileEmpirical(d);
  }
}

/** Smallest index i with cumulative[i] >= u (binary search; cumulative ends at exactly 1). */
function search(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] < u) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
 * Draw a value by inverse transform: the quantile of `c` at `u`, fast. Allocation-free, no validation.
 * @param c from {@link compile}.
 * @param u a uniform strictly inside (0, 1), normally `stream.next()`.
 * @returns the value, in the distribution's unit; non-decreasing in u.
 * @example
 * sample(compile({ type: 'uniform', min: 10, max: 20 }), 0.25); // 12.5
 */
export function sample(c: CompiledDistribution, u: number): number {
  // The two commonest kinds first, in a function small enough for the JIT to inline at every call
  // site. A call that is not inlined returns its double boxed in a new heap object: with the whole
  // switch here, every draw allocated (measured: 237 KB per replication of the loss system, half
  // of it from sample(), and 3-4% slower).
  const kind = c.kind;
  return kind === EXPONENTIAL ? -c.p0 * log1p(-u) : kind === FIXED ? c.p0 : sampleAny(c, u);
}

/** Every kind (sample() answers the commonest two itself). */
function sampleAny(c: CompiledDistribution, u: number): number {
  switch (c.kind) {
    case FIXED:
      return c.p0;
    case EXPONENTIAL:
      return -c.p0 * log1p(-u);
    case UNIFORM:
      return c.p0 + u * c.p1;
    case TRIANGULAR:
      return u <= c.p2 ? c.p0 + Math.sqrt(u * c.p3) : c.p1 - Math.sqrt((1 - u) * c.p4);
    case NORMAL:
      return normalQuantile(u, c.p0, c.p1);
    case TRUNCATED_NORMAL: {
      const x = c.p0 + c.p1 * normalQuantile(c.p2 + c.p3 * u, 0, 1);
      return x < c.lo ? c.lo : x > c.hi ? c.hi : x;
    }
    case LOGNORMAL:
      return exp(c.p0 + c.p1 * normalQuantile(u, 0, 1));
    case GAMMA_TABLE:
      return gammaTableQuantile(c.gamma as GammaTable, u);
    case GAMMA_DIRECT:
      return gammaQuantile(u, c.p0, c.p1);
    case WEIBULL:
      return c.p0 * pow(-log1p(-u), c.p1);
    case EMPIRICAL_DISCRETE:
      return c.values[search(c.cumulative, u)];
    case EMPIRICAL_INTERPOLATED: {
      const cumulative = c.cumulative;
      const values = c.values;
      const i = search(cumulative, u);
      if (i === 0) {
        return values[0];
      }
      const previous = cumulative[i - 1];
      return values[i - 1] + ((u - previous) / (cumulative[i] - previous)) * (values[i] - values[i - 1]);
    }
    default:
      return NaN;
  }
}

/**
 * Standard-normal and exponential quantiles at the midpoints (i + 0.5) / n, by n: the part of a
 * lognormal's or an exponential's quantile that does not depend on its parameters. A model with
 * beliefs tabulates its stays afresh every replication (residual.ts) with new parameters but the
 * same n; the normal quantile was most of that cost.
 */
const gridCache = new Map<number, { z: Float64Array; e: Float64Array }>();
function midpointGrid(n: number): { z: Float64Array; e: Float64Array } {
  let g = gridCache.get(n);
  if (g === undefined) {
    const z = new Float64Array(n);
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = (i + 0.5) / n;
      z[i] = normalQuantile(u, 0, 1);
      e[i] = log1p(-u);
    }
    if (gridCache.size >= 8) gridCache.clear();
    g = { z, e };
    gridCache.set(n, g);
  }
  return g;
}

/**
 * The quantiles of `c` at the midpoints (i + 0.5) / n, i = 0 .. n - 1: bit for bit
 * `sample(c, (i + 0.5) / n)`, with the parameter-free part of a lognormal's and an exponential's
 * quantile computed once for every n.
 * @example
 * quantileGrid(compile({ type: 'exponential', mean: 40 }), 4); // sample() at 0.125, 0.375, 0.625, 0.875
 */
export function quantileGrid(c: CompiledDistribution, n: number): Float64Array {
  const out = new Float64Array(n);
  if (c.kind === LOGNORMAL) {
    const z = midpointGrid(n).z;
    for (let i = 0; i < n; i++) out[i] = exp(c.p0 + c.p1 * z[i]!);
  } else if (c.kind === EXPONENTIAL) {
    const e = midpointGrid(n).e;
    for (let i = 0; i < n; i++) out[i] = -c.p0 * e[i]!;
  } else for (let i = 0; i < n; i++) out[i] = sample(c, (i + 0.5) / n);
  return out;
}
