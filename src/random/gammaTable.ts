// Fast gamma quantile by table. @stdlib's gamma quantile inverts the regularised incomplete gamma function
// iteratively and costs 1-3 microseconds a call, about 100 times a normal quantile; a model that draws a
// gamma stay per child would spend most of its time there. So `compile` tabulates the quantile once and
// interpolates, under a hard accuracy guarantee checked at build time.
//
// What is tabulated: y(s) = ln Q(u) against s = logit(u) = ln(u / (1 - u)), for a unit-scale gamma.
// In these coordinates the curve is smooth for every shape: the lower tail Q ~ (u Γ(k+1))^(1/k) becomes a
// straight line of slope 1/k, the upper tail Q ~ -ln(1 - u) becomes ln s, and working in ln Q makes the
// interpolation error a RELATIVE error in Q. Knots are equally spaced (index found by one multiply), and
// each interval carries a cubic Hermite polynomial built from the exact slope
// dy/ds = u (1 - u) / (Q f(Q)) = u (1 - u) exp(lnΓ(k) - k ln Q + Q), f being the gamma density, so the
// error is O(h^4).
//
// The guarantee: after building, the table is evaluated at every interval midpoint (where a Hermite cubic's
// error peaks) and compared with a direct @stdlib call. If the worst relative error exceeds
// GAMMA_TABLE_TOLERANCE, or any value is not finite (very small shapes underflow Q to 0), the table is
// discarded and the caller must use direct calls (in practice only for shapes below about 0.06, where @stdlib
// itself underflows Q to 0 in the lower tail). Uniforms outside the tabulated range (beyond what a
// RandomStream can produce) also go to a direct call. Building costs about 3000 direct calls, 5-20 ms:
// compile a distribution once per run, not per replication.

import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import { lnGamma } from './lnGamma.ts';
import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';

/** Worst relative error accepted for a gamma table (checked at every interval midpoint). */
export const GAMMA_TABLE_TOLERANCE = 1e-8;

// The table spans logit(u) in [-S_LIMIT, S_LIMIT]. RandomStream uniforms lie in [2^-33, 1 - 2^-33], whose
// logits are +-22.87, so every stream draw is covered; other inputs fall back to direct calls.
const S_LIMIT = 23;
// Knot spacing in logit units. With h = 1/32 the measured worst relative error is 3.5e-9 at shape 0.1,
// 1.5e-10 at shape 1, 1e-10 at shape 2 and 5e-12 at shape 500, always near the median where the curve bends
// most (test/random/gammaTable.test.ts checks it). Halving h would cut the error 16-fold and double the
// build cost; 1e-9 relative on a length of stay is already a fraction of a second.
const STEP = 1 / 32;
const INTERVALS = Math.round((2 * S_LIMIT) / STEP);

/** A tabulated gamma quantile: build with {@link buildGammaTable}, read with {@link gammaTableQuantile}. */
export interface GammaTable {
  readonly shape: number;
  readonly scale: number;
  /** Four cubic coefficients per interval, interleaved so one lookup touches 32 adjacent bytes. */
  readonly coefficients: Float64Array;
  /** Worst relative error measured at the interval midpoints. */
  readonly maxRelativeError: number;
}

/** ln Q and d(ln Q)/ds for a unit-scale gamma at logit s, by a direct quantile call. */
function knot(shape: number, lnGammaShape: number, s: number, out: Float64Array): void {
  const u = 1 / (1 + exp(-s));
  // The double u is not exactly logistic(s): near u = 1 its rounding moves 1 - u by up to 1e-6 relative,
  // i.e. it sits at logit sActual != s. The sampler maps u to s by the same formula, so the knot is moved
  // back to the grid point s with one Taylor step (residual error ~ (s - sActual)^2, below 1e-12).
  const oneMinusU = 1 - u;
  const sActual = ln(u / oneMinusU);
  const q = gammaQuantile(u, shape, 1);
  const slope = u * oneMinusU * exp(lnGammaShape - shape * ln(q) + q);
  out[0] = ln(q) + (s - sActual) * slope;
  out[1] = slope;
}

/**
 * Tabulate the quantile of a gamma distribution and verify it against direct calls.
 * @param shape gamma shape k > 0.
 * @param scale gamma scale θ > 0 (same unit as the variable, e.g. days).
 * @returns the table, or null when it cannot meet {@link GAMMA_TABLE_TOLERANCE} (use direct calls then).
 * @example
 * const table = buildGammaTable(2, 30); // stays with mean 60 days
 * if (table) gammaTableQuantile(table, 0.5); // 50.35..., the median, within 1e-9 relative
 */
export function buildGammaTable(shape: number, scale: number): GammaTable | null {
  const lnGammaShape = lnGamma(shape);
  const coefficients = new Float64Array(4 * INTERVALS);
  const left = new Float64Array(2);
  const right = new Float64Array(2);
  knot(shape, lnGammaShape, -S_LIMIT, left);
  for (let i = 0; i < INTERVALS; i++) {
    knot(shape, lnGammaShape, -S_LIMIT + (i + 1) * STEP, right);
    const y0 = left[0];
    const y1 = right[0];
    const m0 = STEP * left[1];
    const m1 = STEP * right[1];
    if (!Number.isFinite(y0) || !Number.isFinite(y1) || !Number.isFinite(m0) || !Number.isFinite(m1)) {
      return null;
    }
    // Hermite cubic in power form, y0 + t (c1 + t (c2 + t c3)) for t in [0, 1], so evaluation is 3 FMAs.
    coefficients[4 * i] = y0;
    coefficients[4 * i + 1] = m0;
    coefficients[4 * i + 2] = 3 * (y1 - y0) - 2 * m0 - m1;
    coefficients[4 * i + 3] = 2 * (y0 - y1) + m0 + m1;
    left[0] = y1;
    left[1] = right[1];
  }
  const table: GammaTable = { shape, scale, coefficients, maxRelativeError: NaN };
  let worst = 0;
  for (let i = 0; i < INTERVALS; i++) {
    const u = 1 / (1 + exp(-(-S_LIMIT + (i + 0.5) * STEP)));
    const exact = scale * gammaQuantile(u, shape, 1);
    const error = Math.abs(gammaTableQuantile(table, u) - exact) / exact;
    if (!(error <= GAMMA_TABLE_TOLERANCE)) {
      return null;
    }
    if (error > worst) {
      worst = error;
    }
  }
  return { shape, scale, coefficients, maxRelativeError: worst };
}

/**
 * Gamma quantile at u from a table: a log, a table lookup, a cubic and an exp (tens of nanoseconds).
 * @param table from {@link buildGammaTable}.
 * @param u probability in (0, 1).
 * @returns the quantile in the unit of the scale; outside the tabulated range, a direct (slow) call.
 * @example
 * gammaTableQuantile(buildGammaTable(1, 1)!, 0.5); // 0.693147... = ln 2
 */
export function gammaTableQuantile(table: GammaTable, u: number): number {
  const position = (ln(u / (1 - u)) + S_LIMIT) * (1 / STEP);
  // `position >= 0` is false for NaN too, so bad input takes the direct path (which returns NaN).
  if (position >= 0 && position < INTERVALS) {
    const i = position | 0;
    const t = position - i;
    const c = table.coefficients;
    const j = 4 * i;
    return table.scale * exp(c[j] + t * (c[j + 1] + t * (c[j + 2] + t * c[j + 3])));
  }
  return gammaQuantile(u, table.shape, 1 / table.scale);
}
