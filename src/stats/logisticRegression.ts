/**
 * Logistic regression of a 0/1 outcome on one variable, P(y = 1 | x) = 1 / (1 + exp(-(a + b x))),
 * fitted by maximum likelihood (Newton-Raphson, which for the logistic model is iteratively
 * reweighted least squares), with the Wald standard error of the slope.
 *
 * The threshold analysis reads the chance of meeting a target as a function of one parameter
 * this way: monotone in the parameter, so it crosses one half once, at x = -a / b, and a slope
 * within about two standard errors of zero says the replications cannot tell the parameter's
 * pull on the chance from noise. Two coefficients: a 2 × 2 system solved directly.
 */

export interface LogisticFit {
  intercept: number;
  slope: number;
  /** Standard error of the slope (Infinity when the fit is degenerate). */
  slopeSe: number;
  at(x: number): number;
  /** Where the chance is one half, or null for a flat fit. */
  half: number | null;
}

const sigmoid = (t: number) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));

/** Fit P(y = 1 | x). */
export function logisticRegression(x: ArrayLike<number>, y: ArrayLike<number>): LogisticFit {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`x has ${n} values and y ${y.length}`);
  // Centre and scale x for a well-conditioned Newton step; transform back at the end.
  let mx = 0;
  for (let i = 0; i < n; i++) mx += x[i]!;
  mx /= n;
  let sx = 0;
  for (let i = 0; i < n; i++) sx += (x[i]! - mx) ** 2;
  sx = Math.sqrt(sx / Math.max(1, n - 1));
  let ones = 0;
  for (let i = 0; i < n; i++) ones += y[i]!;
  const flat = (p: number): LogisticFit => {
    const a = Math.log(Math.max(1e-12, p) / Math.max(1e-12, 1 - p));
    return { intercept: a, slope: 0, slopeSe: Infinity, at: () => p, half: null };
  };
  if (sx === 0 || ones === 0 || ones === n) return flat(ones / n);
  let a = Math.log(ones / (n - ones));
  let b = 0;
  let info = [0, 0, 0]; // Fisher information: [aa, ab, bb]
  for (let iter = 0; iter < 50; iter++) {
    let ga = 0;
    let gb = 0;
    info = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const z = (x[i]! - mx) / sx;
      const p = sigmoid(a + b * z);
      const w = p * (1 - p);
      ga += y[i]! - p;
      gb += (y[i]! - p) * z;
      info[0] += w;
      info[1] += w * z;
      info[2] += w * z * z;
    }
    const det = info[0]! * info[2]! - info[1]! * info[1]!;
    if (!(det > 0)) break;
    const da = (info[2]! * ga - info[1]! * gb) / det;
    const db = (info[0]! * gb - info[1]! * ga) / det;
    // Complete separation runs the slope off to infinity: stop it at a chance of 1e-9 either side.
    if (Math.abs(b + db) > 40) {
      b = Math.sign(b + db) * 40;
      break;
    }
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  const det = info[0]! * info[2]! - info[1]! * info[1]!;
  const seScaled = det > 0 ? Math.sqrt(info[0]! / det) : Infinity;
  const slope = b / sx;
  const intercept = a - (b * mx) / sx;
  return {
    intercept,
    slope,
    slopeSe: seScaled / sx,
    at: (v: number) => sigmoid(intercept + slope * v),
    half: slope === 0 ? null : -intercept / slope,
  };
}
