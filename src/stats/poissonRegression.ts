/**
 * Poisson regression with a log link, fitted by iteratively reweighted least squares (McCullagh
 * and Nelder 1989, §2.5): counts y_i with mean exp(offset_i + x_i'β). For monthly counts of
 * entries into residential care: an intercept, a trend in years, and optionally a seasonal
 * pattern; the offset is the log of each month's length, so months of 28 and 31 days compare.
 * The covariance of β is (X'WX)^-1 at the fit.
 */
import { Matrix, inverse, solve } from 'ml-matrix';

export interface PoissonFit {
  beta: number[];
  covariance: number[][];
  /** Standard errors of β. */
  se: number[];
  logLik: number;
  deviance: number;
  /** Pearson's dispersion: χ² / (n - p); about 1 for Poisson counts, above 1 if overdispersed. */
  dispersion: number;
  fitted: number[];
  iterations: number;
}

const lnFactorial = (y: number) => {
  let s = 0;
  for (let k = 2; k <= y; k++) s += Math.log(k);
  return s;
};

/**
 * Fit counts y on the rows of X (each row the covariates of one count, an intercept included by the caller).
 * @throws RangeError when the counts are all zero (no rate to fit) or the design is singular
 */
export function poissonRegression(
  X: readonly (readonly number[])[],
  y: readonly number[],
  offset: readonly number[] = y.map(() => 0),
): PoissonFit {
  const n = y.length;
  const p = X[0]!.length;
  if (y.every((v) => v === 0)) throw new RangeError('every count is zero: there is no rate to fit');
  const total = y.reduce((a, b) => a + b, 0);
  const expo = offset.reduce((a, o) => a + Math.exp(o), 0);
  let beta = new Array<number>(p).fill(0);
  beta[0] = Math.log(total / expo);
  let it = 0;
  let mu: number[] = [];
  for (; it < 100; it++) {
    const eta = X.map((x, i) => offset[i]! + x.reduce((a, xj, j) => a + xj * beta[j]!, 0));
    mu = eta.map(Math.exp);
    // Working response z = η - offset + (y - μ)/μ, weights μ.
    const XtW = new Matrix(p, n);
    const Xm = new Matrix(X.map((r) => [...r]));
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) XtW.set(j, i, X[i]![j]! * mu[i]!);
    const z = X.map((_, i) => eta[i]! - offset[i]! + (y[i]! - mu[i]!) / mu[i]!);
    const next = solve(XtW.mmul(Xm), XtW.mmul(Matrix.columnVector(z))).to1DArray();
    const change = Math.max(...next.map((b, j) => Math.abs(b - beta[j]!)));
    beta = next;
    if (change < 1e-10) break;
  }
  const eta = X.map((x, i) => offset[i]! + x.reduce((a, xj, j) => a + xj * beta[j]!, 0));
  mu = eta.map(Math.exp);
  const XtW = new Matrix(p, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) XtW.set(j, i, X[i]![j]! * mu[i]!);
  const covariance = inverse(XtW.mmul(new Matrix(X.map((r) => [...r])))).to2DArray();
  let logLik = 0;
  let deviance = 0;
  let pearson = 0;
  for (let i = 0; i < n; i++) {
    logLik += y[i]! * Math.log(mu[i]!) - mu[i]! - lnFactorial(y[i]!);
    deviance += 2 * ((y[i]! > 0 ? y[i]! * Math.log(y[i]! / mu[i]!) : 0) - (y[i]! - mu[i]!));
    pearson += (y[i]! - mu[i]!) ** 2 / mu[i]!;
  }
  return {
    beta,
    covariance,
    se: covariance.map((row, j) => Math.sqrt(row[j]!)),
    logLik,
    deviance,
    dispersion: n > p ? pearson / (n - p) : NaN,
    fitted: mu,
    iterations: it,
  };
}
