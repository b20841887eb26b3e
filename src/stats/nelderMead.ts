/**
 * Nelder-Mead minimisation (Nelder and Mead 1965, with the standard coefficients: reflection 1,
 * expansion 2, contraction 1/2, shrink 1/2; Lagarias et al. 1998 for the order of the steps).
 * For the few-parameter likelihoods of survival fits, where derivatives are awkward (censoring,
 * truncation, the incomplete gamma function) and a simplex is robust.
 */

export interface Minimum {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

/**
 * Minimise f from x0.
 * @param step the initial simplex's size along each axis
 * @param tolerance stop when the simplex's values and points span less than this
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  { step = 0.5, tolerance = 1e-10, maxIterations = 5000 } = {},
): Minimum {
  const n = x0.length;
  let simplex = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] = p[i]! + step;
    simplex.push(p);
  }
  let values = simplex.map((p) => f(p));
  const order = () => {
    const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    simplex = idx.map((i) => simplex[i]!);
    values = idx.map((i) => values[i]!);
  };
  const along = (c: number[], p: number[], t: number) => c.map((ci, k) => ci + t * (p[k]! - ci));
  let it = 0;
  for (; it < maxIterations; it++) {
    order();
    const spread = Math.abs(values[n]! - values[0]!);
    const size = Math.max(
      ...simplex.slice(1).map((p) => Math.max(...p.map((v, k) => Math.abs(v - simplex[0]![k]!)))),
    );
    if (spread <= tolerance * (1 + Math.abs(values[0]!)) && size <= Math.sqrt(tolerance))
      return { x: simplex[0]!, value: values[0]!, iterations: it, converged: true };
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) centroid[k]! += simplex[i]![k]! / n;
    const worst = simplex[n]!;
    const r = along(centroid, worst, -1);
    const fr = f(r);
    if (fr < values[0]!) {
      const e = along(centroid, worst, -2);
      const fe = f(e);
      [simplex[n], values[n]] = fe < fr ? [e, fe] : [r, fr];
    } else if (fr < values[n - 1]!) {
      [simplex[n], values[n]] = [r, fr];
    } else {
      const outside = fr < values[n]!;
      const c = along(centroid, worst, outside ? -0.5 : 0.5);
      const fc = f(c);
      if (fc < (outside ? fr : values[n]!)) [simplex[n], values[n]] = [c, fc];
      else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = along(simplex[0]!, simplex[i]!, 0.5);
          values[i] = f(simplex[i]!);
        }
      }
    }
  }
  order();
  return { x: simplex[0]!, value: values[0]!, iterations: it, converged: false };
}

/**
 * The Hessian of f at x by central differences (step h scaled to each coordinate), for the
 * covariance of a maximum-likelihood estimate (the inverse of the negative log-likelihood's
 * Hessian at its minimum).
 */
export function hessian(f: (x: readonly number[]) => number, x: readonly number[], h = 1e-4): number[][] {
  const n = x.length;
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const at = (d: Record<number, number>) => f(x.map((v, k) => v + (d[k] ?? 0)));
  const f0 = f(x);
  const hs = x.map((v) => h * Math.max(1, Math.abs(v)));
  for (let i = 0; i < n; i++) {
    const hi = hs[i]!;
    H[i]![i] = (at({ [i]: hi }) - 2 * f0 + at({ [i]: -hi })) / (hi * hi);
    for (let j = i + 1; j < n; j++) {
      const hj = hs[j]!;
      const v =
        (at({ [i]: hi, [j]: hj }) -
          at({ [i]: hi, [j]: -hj }) -
          at({ [i]: -hi, [j]: hj }) +
          at({ [i]: -hi, [j]: -hj })) /
        (4 * hi * hj);
      H[i]![j] = v;
      H[j]![i] = v;
    }
  }
  return H;
}
