/**
 * A smooth regression of one variable on another: E[y | x] fitted by least squares on a natural
 * (restricted) cubic spline in x, with knots at fixed quantiles of x (Harrell, Regression
 * Modeling Strategies, 2nd ed., §2.4.5: five knots at the 5th, 27.5th, 50th, 72.5th and 95th
 * percentiles; fewer for small samples). Linear beyond the outer knots, so it does not swing
 * at the ends as a polynomial does.
 *
 * This is the one-parameter regression behind regression-based value of information (Strong,
 * Oakley and Brennan 2014, Medical Decision Making 34(3): they fit a generalised additive model;
 * an unpenalised restricted spline with few knots is the standard stand-in for one input) and
 * behind a first-order variance share, Var(E[y | x]) / Var(y).
 */
import { Matrix, QrDecomposition } from 'ml-matrix';
import { quantileSorted } from 'simple-statistics';

/** A fitted curve: evaluate it anywhere, and its values at the fitted points. */
export interface SmoothFit {
  /** E[y | x] at each observation, in the order given. */
  readonly fitted: Float64Array;
  /** The curve at any x. */
  at(x: number): number;
  /** Share of the variance of y the curve explains, adjusted for the curve's degrees of freedom (0 to 1). */
  readonly varianceShare: number;
  /** The knots used (empty: x did not vary, and the curve is the mean). */
  readonly knots: readonly number[];
}

const KNOT_QUANTILES: Record<number, readonly number[]> = {
  3: [0.1, 0.5, 0.9],
  4: [0.05, 0.35, 0.65, 0.95],
  5: [0.05, 0.275, 0.5, 0.725, 0.95],
};

/** How many knots a sample of n supports: about one more per 50 observations, 3 to 5 (Harrell). */
export const knotsFor = (n: number): number => (n < 30 ? 0 : n < 100 ? 3 : n < 200 ? 4 : 5);

/** The restricted cubic spline basis at x (without the intercept): x, then K - 2 cubic terms. */
function basis(x: number, knots: readonly number[], into: number[]): number[] {
  const K = knots.length;
  const last = knots[K - 1]!;
  const before = knots[K - 2]!;
  // Scaled by the knots' spread squared so the columns are of comparable size (conditioning).
  const scale = (last - knots[0]!) ** 2;
  const cube = (t: number) => (t > 0 ? t * t * t : 0);
  into[0] = x;
  for (let k = 0; k < K - 2; k++) {
    const kk = knots[k]!;
    into[k + 1] =
      (cube(x - kk) -
        (cube(x - before) * (last - kk)) / (last - before) +
        (cube(x - last) * (before - kk)) / (last - before)) /
      scale;
  }
  return into;
}

/**
 * Fit E[y | x].
 * @param knotCount knots of the spline (default: as many as the sample supports); 0 fits a straight line
 */
export function smoothRegression(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  knotCount = knotsFor(x.length),
): SmoothFit {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`x has ${n} values and y ${y.length}`);
  if (n < 3) throw new RangeError('a smooth regression needs 3 observations at least');
  let meanY = 0;
  for (let i = 0; i < n; i++) meanY += y[i]!;
  meanY /= n;
  let ssTotal = 0;
  for (let i = 0; i < n; i++) ssTotal += (y[i]! - meanY) ** 2;
  const sorted = Float64Array.from(x).sort() as unknown as number[];
  const flat = (): SmoothFit => ({
    fitted: new Float64Array(n).fill(meanY),
    at: () => meanY,
    varianceShare: 0,
    knots: [],
  });
  if (sorted[0] === sorted[n - 1]) return flat();
  let knots: number[] = [];
  if (knotCount >= 3) {
    knots = [...new Set(KNOT_QUANTILES[Math.min(5, knotCount)]!.map((q) => quantileSorted(sorted, q)))];
    // Ties (a parameter drawn from few values) leave too few distinct knots for a cubic: a line then.
    if (knots.length < 3) knots = [];
  }
  const p = knots.length === 0 ? 1 : knots.length - 1;
  const row = new Array<number>(p);
  const line = (v: number): number[] => (knots.length === 0 ? [v] : basis(v, knots, row).slice());
  const design = new Matrix(n, p + 1);
  const target = new Matrix(n, 1);
  for (let i = 0; i < n; i++) {
    design.set(i, 0, 1);
    const b = line(x[i]!);
    for (let j = 0; j < p; j++) design.set(i, j + 1, b[j]!);
    target.set(i, 0, y[i]!);
  }
  const qr = new QrDecomposition(design);
  if (!qr.isFullRank()) return flat();
  const beta = qr.solve(target).getColumn(0);
  const at = (v: number) => {
    const b = line(v);
    let s = beta[0]!;
    for (let j = 0; j < p; j++) s += beta[j + 1]! * b[j]!;
    return s;
  };
  const fitted = new Float64Array(n);
  let ssResidual = 0;
  for (let i = 0; i < n; i++) {
    fitted[i] = at(x[i]!);
    ssResidual += (y[i]! - fitted[i]!) ** 2;
  }
  // Adjusted R²: an input that explains nothing scores about zero, not (p / n).
  const share = ssTotal === 0 || n - p - 1 <= 0 ? 0 : 1 - ((ssResidual / (n - p - 1)) * (n - 1)) / ssTotal;
  return { fitted, at, varianceShare: Math.min(1, Math.max(0, share)), knots };
}
