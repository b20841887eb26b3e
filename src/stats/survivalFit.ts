/**
 * Parametric fits of durations by maximum likelihood with right censoring and left truncation
 * (Klein and Moeschberger 2003, §3.5): a placement seen to end contributes its density, one still
 * going contributes its survival, and one already under way when observation began is
 * conditioned on having lasted that long. The families are the model file's duration
 * distributions: exponential, Weibull, lognormal and gamma. The best is chosen by AIC (Akaike
 * 1974), and each fit carries the covariance of its estimate (the inverse Hessian of the negative
 * log-likelihood, on the log scale of its parameters), so its sampling uncertainty can be drawn.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { Matrix, inverse } from 'ml-matrix';
import type { Duration } from './kaplanMeier.ts';
import { hessian, nelderMead } from './nelderMead.ts';

export type SurvivalFamily = 'exponential' | 'weibull' | 'lognormal' | 'gamma';
export const SURVIVAL_FAMILIES: readonly SurvivalFamily[] = ['exponential', 'weibull', 'lognormal', 'gamma'];

/**
 * A family's parameters on an unconstrained scale (θ) and what they mean:
 * exponential [log mean]; weibull [log shape, log scale]; lognormal [μ, log σ] of the log;
 * gamma [log shape, log scale].
 */
interface Family {
  k: number;
  names: string[];
  logDensity(t: number, th: readonly number[]): number;
  logSurvival(t: number, th: readonly number[]): number;
  /** A starting point from the mean and sd of the (uncensored) times. */
  start(mean: number, sd: number): number[];
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

const FAMILIES: Record<SurvivalFamily, Family> = {
  exponential: {
    k: 1,
    names: ['log mean'],
    logDensity: (t, [lm]) => -lm! - t / Math.exp(lm!),
    logSurvival: (t, [lm]) => -t / Math.exp(lm!),
    start: (m) => [Math.log(m)],
  },
  weibull: {
    k: 2,
    names: ['log shape', 'log scale'],
    logDensity: (t, [lk, ll]) => {
      const k = Math.exp(lk!);
      const z = Math.log(t) - ll!;
      return lk! - ll! + (k - 1) * z - Math.exp(k * z);
    },
    logSurvival: (t, [lk, ll]) => -Math.exp(Math.exp(lk!) * (Math.log(t) - ll!)),
    start: (m) => [0, Math.log(m)],
  },
  lognormal: {
    k: 2,
    names: ['mu', 'log sigma'],
    logDensity: (t, [mu, ls]) => {
      const z = (Math.log(t) - mu!) / Math.exp(ls!);
      return -Math.log(t) - ls! - LOG_SQRT_2PI - 0.5 * z * z;
    },
    logSurvival: (t, [mu, ls]) => Math.log(normalCdf(-(Math.log(t) - mu!) / Math.exp(ls!), 0, 1)),
    start: (m, sd) => {
      const s2 = Math.log1p((sd * sd) / (m * m));
      return [Math.log(m) - s2 / 2, 0.5 * Math.log(s2)];
    },
  },
  gamma: {
    k: 2,
    names: ['log shape', 'log scale'],
    logDensity: (t, [lk, lth]) => {
      const k = Math.exp(lk!);
      return -gammaln(k) - k * lth! + (k - 1) * Math.log(t) - t / Math.exp(lth!);
    },
    logSurvival: (t, [lk, lth]) => Math.log(gammainc(t / Math.exp(lth!), Math.exp(lk!), true, true)),
    start: (m, sd) => {
      const k = (m / sd) ** 2;
      return [Math.log(k), Math.log(m / k)];
    },
  },
};

export interface SurvivalFit {
  family: SurvivalFamily;
  /** Estimate on the unconstrained scale (see FAMILIES). */
  theta: number[];
  /** Its covariance (inverse observed information). */
  covariance: number[][];
  logLik: number;
  aic: number;
  n: number;
  events: number;
  converged: boolean;
  /** The fitted survival function S(t). */
  survival(t: number): number;
  /** The fitted mean, in the data's unit. */
  mean: number;
  /** The fitted standard deviation. */
  sd: number;
}

/** The natural parameters of a fit (for the model file): by family. */
export function naturalParameters(family: SurvivalFamily, th: readonly number[]): Record<string, number> {
  switch (family) {
    case 'exponential':
      return { mean: Math.exp(th[0]!) };
    case 'weibull':
      return { shape: Math.exp(th[0]!), scale: Math.exp(th[1]!) };
    case 'lognormal': {
      // The model file states a lognormal by the mean and sd of the value itself.
      const s2 = Math.exp(2 * th[1]!);
      const mean = Math.exp(th[0]! + s2 / 2);
      return { mean, sd: mean * Math.sqrt(Math.expm1(s2)) };
    }
    case 'gamma':
      return { shape: Math.exp(th[0]!), scale: Math.exp(th[1]!) };
  }
}

/** The mean and sd of a family at parameters th (fitting scale). */
export function familyMoments(family: SurvivalFamily, th: readonly number[]): { mean: number; sd: number } {
  const p = naturalParameters(family, th);
  switch (family) {
    case 'exponential':
      return { mean: p.mean!, sd: p.mean! };
    case 'lognormal':
      return { mean: p.mean!, sd: p.sd! };
    case 'gamma':
      return { mean: p.shape! * p.scale!, sd: Math.sqrt(p.shape!) * p.scale! };
    case 'weibull': {
      const g1 = Math.exp(gammaln(1 + 1 / p.shape!));
      const g2 = Math.exp(gammaln(1 + 2 / p.shape!));
      return { mean: p.scale! * g1, sd: p.scale! * Math.sqrt(Math.max(0, g2 - g1 * g1)) };
    }
  }
}

/** Durations of zero (a placement that started and ended on one day) are taken as half a day. */
const positive = (t: number) => Math.max(t, 0.5);

/**
 * Fit one family by maximum likelihood.
 * @throws RangeError when no end was seen (nothing to fit)
 */
export function fitSurvival(data: readonly Duration[], family: SurvivalFamily): SurvivalFit {
  const events = data.filter((d) => d.event).length;
  if (events === 0) throw new RangeError('no ends were seen: a length of stay cannot be fitted');
  const fam = FAMILIES[family];
  const times = data.map((d) => positive(d.time));
  const entries = data.map((d) => (d.entry ? positive(d.entry) : 0));
  const nll = (th: readonly number[]) => {
    let ll = 0;
    for (let i = 0; i < data.length; i++) {
      ll += data[i]!.event ? fam.logDensity(times[i]!, th) : fam.logSurvival(times[i]!, th);
      if (entries[i]! > 0) ll -= fam.logSurvival(entries[i]!, th);
    }
    return Number.isFinite(ll) ? -ll : 1e300;
  };
  // Start from the exposure-based mean (events over time at risk), which censoring does not bias.
  let exposure = 0;
  for (let i = 0; i < data.length; i++) exposure += times[i]! - entries[i]!;
  const m = Math.max(exposure / events, 1);
  const observed = data.filter((d) => d.event).map((d) => positive(d.time));
  const om = observed.reduce((a, b) => a + b, 0) / observed.length;
  const sd =
    Math.sqrt(observed.reduce((a, b) => a + (b - om) ** 2, 0) / Math.max(1, observed.length - 1)) || m;
  let best = nelderMead(nll, fam.start(m, Math.min(Math.max(sd, m / 4), 4 * m)), { step: 0.3 });
  // Restart from the optimum: a simplex can stall on a ridge.
  best = nelderMead(nll, best.x, { step: 0.05 });
  const H = hessian(nll, best.x);
  let covariance: number[][];
  try {
    covariance = inverse(new Matrix(H)).to2DArray();
  } catch {
    covariance = H.map((row) => row.map(() => NaN));
  }
  const { mean, sd: fittedSd } = familyMoments(family, best.x);
  const th = best.x;
  return {
    family,
    theta: th,
    covariance,
    logLik: -best.value,
    aic: 2 * fam.k + 2 * best.value,
    n: data.length,
    events,
    converged: best.converged,
    survival: (t: number) => Math.exp(fam.logSurvival(positive(t), th)),
    mean,
    sd: fittedSd,
  };
}

/** Every family fitted, best (lowest AIC) first. */
export function fitSurvivalFamilies(
  data: readonly Duration[],
  families: readonly SurvivalFamily[] = SURVIVAL_FAMILIES,
): SurvivalFit[] {
  return families.map((f) => fitSurvival(data, f)).sort((a, b) => a.aic - b.aic);
}

/** The parameter names of a family on its fitting scale (for reports). */
export const thetaNames = (family: SurvivalFamily): readonly string[] => FAMILIES[family].names;
