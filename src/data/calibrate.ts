/**
 * `caresim calibrate` as a computation: a council's merged 903 placements and a base model in, a
 * model file out (extending the base) whose referrals, ages, lengths of stay, breakdowns and
 * step-downs are estimated from the data, each with its provenance and its sampling uncertainty as
 * a belief, and the children in residential care at the start as its census.
 *
 * Per cohort, over the reference window [from, to):
 * - referrals: residential spells starting in the cohort, counted by calendar month, fitted by
 *   Poisson regression on a trend in years (log link, offset log days in the month); perYear is
 *   the fitted rate averaged over the first financial year of the simulation, growth e^b - 1. With
 *   fewer than 24 months the trend is not estimated (the base's growth stands).
 * - ageAtReferral: the deciles of age at those starts, as a piecewise-linear distribution.
 * - stay: the cohort's time in residential care, censored at an age limit (the model applies it)
 *   and at the end of the window, left-truncated where it began before the window; every duration
 *   family of the model file fitted by maximum likelihood and the best by AIC kept.
 * - breakdown.perYear: moves within a spell for a breakdown reason, over years in care.
 * - step-down shares: where a spell that ended as planned went next (data/destinations.ts).
 * Uncertainty: draws from each estimate's asymptotic normal distribution (on the fitting scale,
 * so the draws respect the parameter's domain), written as a joint sample (`uncertain: { type:
 * sample }`) under one draw name per estimate; breakdown rates as a gamma belief; step-down shares
 * as a Dirichlet sample.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { quantile } from '../random/quantile.ts';
import { createStream } from '../random/streams.ts';
import type { ModelFile } from '../scenario/schema/model.ts';
import type { Calibration, CohortRule } from '../scenario/schema/calibration.ts';
import type { Duration } from '../stats/kaplanMeier.ts';
import { kaplanMeier, type KaplanMeierStep } from '../stats/kaplanMeier.ts';
import { poissonRegression } from '../stats/poissonRegression.ts';
import {
  familyMoments,
  fitSurvivalFamilies,
  naturalParameters,
  type SurvivalFit,
} from '../stats/survivalFit.ts';
import { ageOn, dayOf, isoOfDay, ukDate } from './dates.ts';
import { DEFAULT_DESTINATIONS, type DestinationCodes } from './destinations.ts';
import type { MergedData } from './placements.ts';
import { cohortSegments, residentialSpells, type AgeLimit, type Segment, type Spell } from './spells.ts';

export interface CalibrateOptions {
  base: ModelFile;
  /** The base as the calibrated file will name it (`extends`). */
  baseRef: string;
  calibration: Calibration;
  /** First and last day of the reference window (default: the data's first year to its extract date). */
  from?: number;
  to?: number;
  /** The simulation's start (default: the day after the window). */
  start?: number;
  seed: number;
  /** What the data were, for provenance: "903 returns 2019-20 to 2023-24". */
  dataLabel: string;
}

export interface CohortEstimates {
  id: string;
  entries: number;
  months: { month: string; entries: number; fitted: number }[];
  perYear: { value: number; low: number; high: number } | null;
  growth: { value: number; low: number; high: number } | null;
  /** Pearson dispersion of the monthly counts (1: Poisson). */
  dispersion: number | null;
  /** The test for a yearly cycle, and its factors by calendar month (January first) where it was kept. */
  seasonality: { p: number; factors: number[] | null } | null;
  ages: number[];
  stay: {
    fits: SurvivalFit[];
    n: number;
    events: number;
    km: KaplanMeierStep[];
    meanLow: number;
    meanHigh: number;
  } | null;
  breakdowns: { events: number; years: number } | null;
  stepDowns: {
    counts: Record<string, number>;
    other: number;
    shares: Record<string, { value: number; low: number; high: number }>;
  } | null;
}

export interface Calibrated {
  model: Record<string, unknown>;
  cohorts: CohortEstimates[];
  window: { from: number; to: number };
  start: number;
  census: { cohort: string; where: string; children: number }[];
  warnings: string[];
  spells: number;
  unmapped: number;
}

const YEAR = 365.2425;
const Z95 = 1.959963984540054;

/** Cohort rules: the file's, or by the cohorts' age ranges when they do not overlap. */
export function cohortRules(base: ModelFile, cal: Calibration): Map<string, CohortRule> {
  if (cal.cohorts) return new Map(Object.entries(cal.cohorts));
  const ranges = Object.entries(base.cohorts).map(([id, c]) => {
    const d = c.ageAtReferral;
    if (!d)
      throw new Error(
        `cohort ${id} has no ageAtReferral: give calibration.cohorts rules in the base model (docs/data.md)`,
      );
    const lo = ageEnd(d, 0);
    const hi = ageEnd(d, 1);
    return { id, lo, hi };
  });
  ranges.sort((a, b) => a.lo - b.lo);
  for (let i = 1; i < ranges.length; i++)
    if (ranges[i]!.lo < ranges[i - 1]!.hi - 0.05)
      throw new Error(
        `cohorts ${ranges[i - 1]!.id} and ${ranges[i]!.id} take children of the same ages, so age cannot tell them apart: give calibration.cohorts rules in the base model (docs/data.md)`,
      );
  return new Map(
    ranges.map((r, i) => [
      r.id,
      { ageFrom: i === 0 ? 0 : r.lo, ageBelow: i === ranges.length - 1 ? 25 : ranges[i + 1]!.lo },
    ]),
  );
}

/** An end of an age distribution as the model file writes it (years). */
function ageEnd(d: NonNullable<ModelFile['cohorts'][string]['ageAtReferral']>, u: 0 | 1): number {
  const v = (x: unknown) => (typeof x === 'number' ? x : (x as { value: number }).value);
  const o = d as Record<string, unknown>;
  switch (o.type) {
    case 'uniform':
    case 'triangular':
      return v(u === 0 ? o.min : o.max);
    case 'fixed':
      return v(o.value);
    case 'empirical': {
      const values = o.values as number[];
      return u === 0 ? values[0]! : values.at(-1)!;
    }
    default:
      return u === 0 ? 0 : 25;
  }
}

/** The cohort (index among the base's cohorts) a spell begins in, by the rules; -1 for none. */
export function cohortAssigner(base: ModelFile, cal: Calibration): (s: Spell) => number {
  const ids = Object.keys(base.cohorts);
  const ruleList = [...cohortRules(base, cal).entries()].map(([id, r]) => ({
    index: ids.indexOf(id),
    rule: r,
  }));
  return (s) => ruleList.find((r) => matches(r.rule, s))?.index ?? -1;
}

function matches(rule: CohortRule, s: Spell): boolean {
  const first = s.placements[0]!;
  const age = ageOn(s.child.dob, s.start);
  if (rule.ageFrom !== undefined && !(age >= rule.ageFrom)) return false;
  if (rule.ageBelow !== undefined && !(age < rule.ageBelow)) return false;
  if (rule.places && !rule.places.includes(first.place)) return false;
  if (rule.cin && !rule.cin.includes(first.cin)) return false;
  if (rule.uasc !== undefined) {
    const u = s.child.uascUntil;
    const isUasc = u !== null && u > s.start;
    if (rule.uasc !== isUasc) return false;
  }
  return true;
}

/** Draws from a multivariate normal N(mean, cov), by Cholesky factor and normal quantiles. */
function mvnDraws(
  mean: readonly number[],
  cov: readonly (readonly number[])[],
  n: number,
  stream: string,
  seed: number,
): number[][] {
  // Symmetrised: an inverse Hessian is symmetric only up to rounding.
  const sym = cov.map((r, i) => r.map((v, j) => (v + cov[j]![i]!) / 2));
  const chol = new CholeskyDecomposition(new Matrix(sym));
  // ml-matrix does not throw on a matrix that is not positive definite: a fit that did not reach
  // its optimum would give NaN or zero-spread draws, so it is refused here (the base's numbers stand).
  if (!chol.isPositiveDefinite() || sym.some((r) => r.some((v) => !Number.isFinite(v))))
    throw new Error('the estimate has no proper covariance (the fit did not settle)');
  const L = chol.lowerTriangularMatrix.to2DArray();
  const s = createStream(seed, 0, stream);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const z = mean.map(() =>
      quantile({ type: 'normal', mean: 0, sd: 1 }, Math.min(1 - 1e-12, Math.max(1e-12, s.next()))),
    );
    out.push(mean.map((m, r) => m + L[r]!.reduce((a, l, c) => a + l * z[c]!, 0)));
  }
  return out;
}

const sig = (x: number, digits = 4) => Number(x.toPrecision(digits));

/**
 * A Gamma(k, 1) variate by inversion of u; for k above 100 by the Wilson-Hilferty cube-root normal
 * approximation (relative error below 1e-4 there), since the gamma quantile is exact only to k = 500.
 */
function gammaVariate(k: number, u: number): number {
  if (k <= 100) return quantile({ type: 'gamma', shape: k, scale: 1 }, u);
  const z = quantile({ type: 'normal', mean: 0, sd: 1 }, u);
  return k * (1 - 1 / (9 * k) + z / (3 * Math.sqrt(k))) ** 3;
}

export function calibrate(m: MergedData, o: CalibrateOptions): Calibrated {
  const cal = o.calibration;
  const warnings: string[] = [];
  const ids = Object.keys(o.base.cohorts);
  const rules = cohortRules(o.base, cal);
  for (const id of rules.keys())
    if (!ids.includes(id))
      throw new Error(`calibration.cohorts names ${id}, which is not a cohort of the base model`);
  const limits: (AgeLimit | null)[] = ids.map((id) => {
    const al = o.base.cohorts[id]!.pathway.ageLimit;
    if (!al) return null;
    const age = typeof al.age === 'number' ? al.age : al.age.value;
    const then = al.then;
    return { age, referTo: then === 'leave' ? -1 : ids.indexOf(then.referTo) };
  });
  const spells = residentialSpells(m, cal.residential);
  const cohortOf = cohortAssigner(o.base, cal);
  const segments = cohortSegments(spells, cohortOf, limits);
  const unmapped = spells.filter((s) => cohortOf(s) < 0).length;
  // Each spell's segments in order: a referral, then any cohorts an age limit refers it on to.
  const bySpell = new Map<Spell, Segment[]>();
  for (const sg of segments) {
    const list = bySpell.get(sg.spell);
    if (list) list.push(sg);
    else bySpell.set(sg.spell, [sg]);
  }
  const chains = [...bySpell.values()];
  if (unmapped > 0)
    warnings.push(
      "Some residential spells matched no cohort's rule and were left out (the report counts them; calibration.cohorts).",
    );

  const firstYear = m.years[0]!;
  const dataStart = dayOf(firstYear, 4, 1);
  const from = o.from ?? dataStart;
  const to = o.to ?? m.extractDate;
  if (from < dataStart)
    throw new Error(
      `the reference window starts ${ukDate(from)}, before the first return (${ukDate(dataStart)}): spells that began and ended before it are not in the data, so entries would be undercounted`,
    );
  if (to > m.extractDate)
    throw new Error(`the reference window ends ${ukDate(to)}, after the data end (${ukDate(m.extractDate)})`);
  if (!(from < to)) throw new Error(`the reference window is empty (${ukDate(from)} to ${ukDate(to)})`);
  const start = o.start ?? to + 1;
  const windowText = `${ukDate(from)} to ${ukDate(to)}`;
  const source = (what: string) => `${o.dataLabel}, ${windowText}: ${what}`;

  const cohortsOut: Record<string, unknown> = {};
  const estimates: CohortEstimates[] = [];
  for (const [c, id] of ids.entries()) {
    if (!rules.has(id) && !limits.some((l) => l?.referTo === c)) continue;
    const segs = segments.filter((s) => s.cohort === c);
    const est: CohortEstimates = {
      id,
      entries: 0,
      months: [],
      perYear: null,
      growth: null,
      dispersion: null,
      seasonality: null,
      ages: [],
      stay: null,
      breakdowns: null,
      stepDowns: null,
    };
    const out: Record<string, unknown> = {};
    const pathway: Record<string, unknown> = {};

    // Referrals: monthly counts of spells starting in the cohort.
    const starts = segs.filter((s) => s.referral && s.start >= from && s.start <= to);
    est.entries = starts.length;
    const monthKeys: { key: string; first: number; days: number }[] = [];
    {
      const d0 = new Date(from * 86_400_000);
      let y = d0.getUTCFullYear();
      let mo = d0.getUTCMonth() + 1;
      if (d0.getUTCDate() !== 1) mo++;
      for (;;) {
        if (mo > 12) {
          mo = 1;
          y++;
        }
        const first = dayOf(y, mo, 1);
        const next = mo === 12 ? dayOf(y + 1, 1, 1) : dayOf(y, mo + 1, 1);
        if (next - 1 > to) break;
        monthKeys.push({ key: `${y}-${String(mo).padStart(2, '0')}`, first, days: next - first });
        mo++;
      }
    }
    const counts = monthKeys.map(
      (k) => starts.filter((s) => s.start >= k.first && s.start < k.first + k.days).length,
    );
    if (rules.has(id) && starts.length > 0 && monthKeys.length >= 6) {
      try {
        // A trend needs two years and enough entries to say anything about it.
        const trend = monthKeys.length >= 24 && starts.length >= 20;
        const X = monthKeys.map((k) => (trend ? [1, (k.first + k.days / 2 - start) / YEAR] : [1]));
        const offsets = monthKeys.map((k) => Math.log(k.days));
        const fit = poissonRegression(X, counts, offsets);
        let seasonalityOut: Record<string, unknown> | null = null;
        // Seasonality, if the data show it: a yearly cycle (one sine and cosine pair of the calendar
        // month) kept when a likelihood-ratio test against no cycle gives p < 0.05 (chi-squared, 2 df),
        // with two whole years at least.
        let dispersion = fit.dispersion;
        if (trend)
          try {
            const angle = (k: { key: string }) => (2 * Math.PI * (Number(k.key.slice(5)) - 1)) / 12;
            const Xs = monthKeys.map((k, i) => [...X[i]!, Math.sin(angle(k)), Math.cos(angle(k))]);
            const seasonal = poissonRegression(Xs, counts, offsets);
            const lr = 2 * (seasonal.logLik - fit.logLik);
            const p = Math.exp(-lr / 2);
            est.seasonality = { p, factors: null };
            if (p < 0.05) {
              const [a, b] = seasonal.beta.slice(-2) as [number, number];
              const raw = Array.from({ length: 12 }, (_, m) =>
                Math.exp(a * Math.sin((2 * Math.PI * m) / 12) + b * Math.cos((2 * Math.PI * m) / 12)),
              );
              const mean = raw.reduce((x, y) => x + y, 0) / 12;
              est.seasonality.factors = raw.map((x) => sig(x / mean, 4));
              seasonalityOut = {
                factors: est.seasonality.factors,
                source: source(
                  `a yearly cycle in monthly entries (likelihood-ratio test against none, p = ${p.toPrecision(2)}); January first.`,
                ),
              };
              // With the cycle kept, the counts' spread is judged around the cycle.
              dispersion = seasonal.dispersion;
            }
          } catch {
            // A cycle that cannot be fitted is no cycle: the trend stands alone.
            est.seasonality = null;
          }
        est.dispersion = dispersion;
        est.months = monthKeys.map((k, i) => ({ month: k.key, entries: counts[i]!, fitted: fit.fitted[i]! }));
        const b1 = trend ? fit.beta[1]! : 0;
        const perYearOf = (b0: number, b: number) =>
          Math.exp(b0) * YEAR * (Math.abs(b) < 1e-9 ? 1 : Math.expm1(b) / b);
        const draws = trend
          ? mvnDraws(fit.beta, fit.covariance, cal.samples, `calibrate/${id}/referrals`, o.seed)
          : mvnDraws([fit.beta[0]!], fit.covariance, cal.samples, `calibrate/${id}/referrals`, o.seed).map(
              (d) => [d[0]!, 0],
            );
        const pv = perYearOf(fit.beta[0]!, b1);
        const pSamples = draws.map((d) => perYearOf(d[0]!, d[1]!));
        const lo = (xs: number[], q: number) =>
          [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
        est.perYear = { value: pv, low: lo(pSamples, 0.025), high: lo(pSamples, 0.975) };
        const months = monthKeys.length;
        const overdispersed =
          dispersion > 1.5
            ? ` Counts vary ${sig(dispersion, 2)} times as much as Poisson counts would: the interval is too narrow by about ${sig(Math.sqrt(dispersion), 2)} times.`
            : '';
        if (overdispersed)
          warnings.push(
            `${id}: monthly entries are overdispersed (Pearson dispersion ${sig(dispersion, 2)}).`,
          );
        const referrals: Record<string, unknown> = {
          perYear: {
            value: sig(pv),
            uncertain: { type: 'sample', values: pSamples.map((x) => sig(x, 6)) },
            draw: `calibrated.${id}.referrals`,
            source: source(
              `${starts.length} residential spells began in ${months} months; Poisson regression${trend ? ' with a trend' : ''}, the fitted rate over the first financial year from ${isoOfDay(start)}; 95% interval ${sig(est.perYear.low, 3)} to ${sig(est.perYear.high, 3)} a year.${overdispersed}`,
            ),
          },
        };
        if (trend) {
          const g = Math.expm1(b1);
          const gSamples = draws.map((d) => Math.expm1(d[1]!));
          est.growth = {
            value: g,
            low: Math.expm1(b1 - Z95 * fit.se[1]!),
            high: Math.expm1(b1 + Z95 * fit.se[1]!),
          };
          referrals.growth = {
            value: sig(g),
            uncertain: { type: 'sample', values: gSamples.map((x) => sig(x, 6)) },
            draw: `calibrated.${id}.referrals`,
            source: source(
              `trend of the monthly entries, e^b - 1 a year; 95% interval ${sig(100 * est.growth.low, 3)}% to ${sig(100 * est.growth.high, 3)}%.`,
            ),
          };
        } else
          warnings.push(
            `${id}: fewer than 24 months or 20 entries in the window: no trend estimated; the base's growth stands.`,
          );
        if (seasonalityOut) referrals.seasonality = seasonalityOut;
        out.referrals = referrals;
      } catch (e) {
        // Too few or too regular entries for the regression (a singular fit): the base's numbers stand.
        est.perYear = null;
        est.growth = null;
        est.seasonality = null;
        warnings.push(
          `${id}: entries could not be fitted (${(e as Error).message}): its referrals stay the base's.`,
        );
      }
    } else if (rules.has(id))
      warnings.push(
        starts.length === 0
          ? `${id}: no residential spells began in the window: its referrals stay the base's.`
          : `${id}: the window holds fewer than 6 whole months: its referrals stay the base's.`,
      );

    // Age at referral: deciles of the ages at those starts.
    est.ages = starts
      .map((s) => ageOn(s.spell.child.dob, s.start))
      .filter((a) => Number.isFinite(a))
      .sort((a, b) => a - b);
    if (est.ages.length >= 10) {
      const q = (p: number) => {
        const h = p * (est.ages.length - 1);
        const i = Math.floor(h);
        return est.ages[i]! + (h - i) * ((est.ages[i + 1] ?? est.ages[i]!) - est.ages[i]!);
      };
      const values = Array.from({ length: 11 }, (_, k) => sig(q(k / 10), 4));
      for (let k = 1; k < values.length; k++) values[k] = Math.max(values[k]!, values[k - 1]!);
      out.ageAtReferral = {
        type: 'empirical',
        values,
        probabilities: [0, ...Array.from({ length: 10 }, () => 0.1)],
        interpolate: true,
        source: source(`deciles of age at the start of ${est.ages.length} residential spells (years).`),
      };
    }

    // Length of stay: a child's need belongs to the cohort it was referred to, and goes on when an
    // age limit refers the child on (the model keeps the remaining need): so the whole spell from
    // a referral to this cohort, censored where the child left at an age limit or the window ends.
    const durations: Duration[] = [];
    let begunBefore = 0;
    for (const chain of chains) {
      const first = chain[0]!;
      const last = chain.at(-1)!;
      if (first.cohort !== c || !first.referral) continue;
      // A spell already under way at the first return may have begun in a placement the data do
      // not hold: its true length is unknown, so it is left out (counted in the provenance).
      if (first.start < dataStart) {
        begunBefore++;
        continue;
      }
      const end = last.end ?? Infinity;
      if (first.start > to || end <= from) continue;
      const seen = Math.min(end, to);
      durations.push({
        time: seen - first.start,
        event: last.ended === 'planned' && end <= to,
        entry: Math.max(0, from - first.start),
      });
    }
    // Breakdowns happen at the rate of the cohort the child is in now.
    let exposureDays = 0;
    let breakdowns = 0;
    const bdReasons = new Set(cal.breakdownReasons);
    for (const s of segs) {
      const segEnd = s.end ?? Infinity;
      if (s.start > to || segEnd <= from) continue;
      const seen = Math.min(segEnd, to);
      exposureDays += seen - Math.max(s.start, from);
      for (const p of s.spell.placements.slice(1))
        if (p.start > Math.max(s.start, from) && p.start <= seen && bdReasons.has(p.reasonStart))
          breakdowns++;
    }
    const events = durations.filter((d) => d.event).length;
    if (events >= 10) {
      try {
        const fits = fitSurvivalFamilies(durations);
        const best = fits[0]!;
        const natural = naturalParameters(best.family, best.theta);
        const thetas = mvnDraws(best.theta, best.covariance, cal.samples, `calibrate/${id}/stay`, o.seed);
        const draws = thetas.map((th) => naturalParameters(best.family, th));
        const means = thetas.map((th) => familyMoments(best.family, th).mean).sort((a, b) => a - b);
        est.stay = {
          fits,
          n: durations.length,
          events,
          km: kaplanMeier(durations),
          meanLow: means[Math.floor(0.025 * (means.length - 1))]!,
          meanHigh: means[Math.ceil(0.975 * (means.length - 1))]!,
        };
        const stay: Record<string, unknown> = { type: best.family, unit: 'days' };
        for (const [k, v] of Object.entries(natural))
          stay[k] = {
            value: sig(v),
            uncertain: { type: 'sample', values: draws.map((d) => sig(d[k]!, 6)) },
            draw: `calibrated.${id}.stay`,
            source: source(
              `${best.family} fitted by maximum likelihood to ${durations.length} spells from a referral to this cohort to the end of the need (${events} ended as planned; the others censored where the child left at an age limit, care ended for a reason the data do not give, or at the window's end; those begun before the window truncated at its start, and ${begunBefore} begun before the first return left out, their start unknown); best of ${fits.map((f) => `${f.family} AIC ${sig(f.aic, 6)}`).join(', ')}; mean ${sig(best.mean, 3)} days (95% interval ${sig(est.stay.meanLow, 3)} to ${sig(est.stay.meanHigh, 3)}).`,
            ),
          };
        pathway.stay = stay;
      } catch (e) {
        est.stay = null;
        delete pathway.stay;
        warnings.push(
          `${id}: the length of stay could not be fitted (${(e as Error).message}): the base's stands.`,
        );
      }
    } else
      warnings.push(
        `${id}: fewer than 10 spells ended as planned in the window: its length of stay stays the base's.`,
      );

    // Breakdowns: a rate per year in residential care.
    const years = exposureDays / YEAR;
    if (years > 0 && o.base.cohorts[id]!.pathway.breakdown) {
      est.breakdowns = { events: breakdowns, years };
      if (breakdowns === 0)
        warnings.push(
          `${id}: no move for a breakdown reason in the window: the base's breakdown rate stands.`,
        );
      const rate = breakdowns / years;
      if (breakdowns > 0)
        pathway.breakdown = {
          perYear: {
            value: sig(rate),
            uncertain: { type: 'gamma', mean: sig(rate), sd: sig(Math.sqrt(breakdowns) / years) },
            source: source(
              `${breakdowns} moves for a breakdown reason (${cal.breakdownReasons.join(', ')}) in ${sig(years, 4)} years in residential care; 95% interval ${sig(Math.max(0, rate - (Z95 * Math.sqrt(breakdowns)) / years), 3)} to ${sig(rate + (Z95 * Math.sqrt(breakdowns)) / years, 3)} a year.`,
            ),
          },
        };
    }

    // Step-downs: where spells that ended as planned went.
    const sd = o.base.cohorts[id]!.pathway.stepDown;
    if (sd) {
      const dests = Object.keys(sd);
      const codes = (d: string): DestinationCodes =>
        cal.destinations?.[d] ?? DEFAULT_DESTINATIONS[d] ?? { places: [], endings: [] };
      const tally: Record<string, number> = Object.fromEntries(dests.map((d) => [d, 0]));
      let other = 0;
      for (const s of segs) {
        if (s.ended !== 'planned' || s.end === null || s.end < from || s.end > to) continue;
        const last = s.spell.placements.at(-1)!;
        const next = s.spell.next;
        const d = dests.find((d) =>
          next !== null && last.recEnd === 'X1'
            ? codes(d).places.includes(next.place)
            : codes(d).endings.includes(last.recEnd),
        );
        if (d) tally[d]!++;
        else other++;
      }
      const n = Object.values(tally).reduce((a, b) => a + b, 0);
      est.stepDowns = { counts: tally, other, shares: {} };
      if (n >= 5) {
        // Dirichlet(counts) draws, by normalised gamma variates, written with the last as 1 minus the rest.
        const rnd = createStream(o.seed, 0, `calibrate/${id}/stepDown`);
        const present = dests.filter((d) => tally[d]! > 0);
        const samples: Record<string, number[]> = Object.fromEntries(dests.map((d) => [d, []]));
        for (let k = 0; k < cal.samples; k++) {
          const g = present.map((d) =>
            gammaVariate(tally[d]!, Math.min(1 - 1e-12, Math.max(1e-12, rnd.next()))),
          );
          const total = g.reduce((a, b) => a + b, 0);
          let acc = 0;
          present.forEach((d, i) => {
            const p = i === present.length - 1 ? 1 - acc : sig(g[i]! / total, 6);
            acc += p;
            samples[d]!.push(p);
          });
        }
        for (const d of dests) {
          const xs = [...samples[d]!].sort((a, b) => a - b);
          est.stepDowns.shares[d] =
            xs.length === 0
              ? { value: 0, low: 0, high: 0 }
              : {
                  value: tally[d]! / n,
                  low: xs[Math.floor(0.025 * (xs.length - 1))]!,
                  high: xs[Math.ceil(0.975 * (xs.length - 1))]!,
                };
        }
        const stepDown: Record<string, unknown> = {};
        let acc = 0;
        const lastPresent = present.at(-1);
        for (const d of dests) {
          const value = d === lastPresent ? 1 - acc : sig(tally[d]! / n, 6);
          if (d !== lastPresent) acc += value;
          stepDown[d] = {
            probability: {
              value: sig(value, 6),
              ...(tally[d]! > 0 && present.length > 1
                ? { uncertain: { type: 'sample', values: samples[d] }, draw: `calibrated.${id}.stepDown` }
                : {}),
              source: source(
                `${tally[d]} of ${n} spells that ended as planned went here (${other} went elsewhere and are left out).`,
              ),
            },
            // The data's lengths of stay include any wait for the onward place: not added again.
            availableAtOnce: {
              value: 1,
              assumption:
                'The lengths of stay read from the data include any wait for an onward place, so no wait is added.',
            },
          };
        }
        pathway.stepDown = stepDown;
      } else
        warnings.push(
          `${id}: fewer than 5 spells ended as planned with a known destination: the base's step-down shares stand.`,
        );
    }
    if (Object.keys(pathway).length > 0) out.pathway = pathway;
    if (Object.keys(out).length > 0) cohortsOut[id] = out;
    estimates.push(est);
  }

  // The census: children in residential care on the day before the start, each with its cohort,
  // place, time in care since the referral whose need it is, and age (coarsened to whole months
  // and tenths of a year, and grouped, so no date of a child's appears in the model file).
  const censusDay = start - 1;
  const own = new Set(cal.ownProviders);
  const homeOfUrn = new Map<string, string>();
  for (const [h, urns] of Object.entries(cal.homes ?? {})) for (const u of urns) homeOfUrn.set(u, h);
  const free = new Map(
    Object.entries(o.base.homes).map(([h, home]) => [
      h,
      typeof home.beds === 'number' ? home.beds : home.beds.value,
    ]),
  );
  const groups = new Map<
    string,
    {
      cohort: string;
      home?: string;
      referredAs?: string;
      monthsInCare: number;
      age: number;
      children: number;
    }
  >();
  for (const chain of chains) {
    const now = chain.find((sg) => sg.start <= censusDay && (sg.end === null || sg.end > censusDay));
    if (!now || !chain[0]!.referral) continue;
    const spell = now.spell;
    const p =
      spell.placements.find((p) => p.start <= censusDay && (p.end === null || p.end > censusDay)) ??
      spell.placements.at(-1)!;
    const cohort = ids[now.cohort]!;
    let home: string | undefined;
    if (own.has(p.provider)) {
      home = homeOfUrn.get(p.urn);
      const named = home === undefined ? undefined : o.base.homes[home];
      if (named && (!named.cohorts.includes(cohort) || Date.parse(named.opens) / 86_400_000 > start)) {
        warnings.push(
          `A child in ${home} (by its URN) on ${ukDate(censusDay)} is of cohort ${cohort}, which the home does not take at the start: placed in another of the council's homes if one can.`,
        );
        home = undefined;
      }
      if (home === undefined)
        home = Object.entries(o.base.homes).find(
          ([h, hm]) =>
            hm.cohorts.includes(cohort) &&
            (free.get(h) ?? 0) > 0 &&
            Date.parse(hm.opens) / 86_400_000 <= start,
        )?.[0];
      if (home !== undefined && (free.get(home) ?? 0) > 0) free.set(home, free.get(home)! - 1);
      else {
        warnings.push(
          `A child in the council's own home (URN ${p.urn || 'none'}) on ${ukDate(censusDay)} fits no home of the base with a free bed: placed out of county in the census.`,
        );
        home = undefined;
      }
    }
    const referredAs = ids[chain[0]!.cohort]!;
    const entry = {
      cohort,
      ...(home === undefined ? {} : { home }),
      ...(referredAs === cohort ? {} : { referredAs }),
      monthsInCare: Math.floor((censusDay - chain[0]!.start) / (YEAR / 12)),
      age: Math.round(10 * ageOn(spell.child.dob, start)) / 10,
      children: 1,
    };
    const key = JSON.stringify({ ...entry, children: 0 });
    const g = groups.get(key);
    if (g) g.children++;
    else groups.set(key, entry);
  }
  const censusChildren = [...groups.values()].sort((a, b) =>
    a.cohort === b.cohort
      ? (a.home ?? '~').localeCompare(b.home ?? '~') || a.monthsInCare - b.monthsInCare
      : ids.indexOf(a.cohort) - ids.indexOf(b.cohort),
  );
  const tally = new Map<string, number>();
  for (const g of censusChildren) {
    const k = `${g.cohort}\u0000${g.home ?? 'out of county'}`;
    tally.set(k, (tally.get(k) ?? 0) + g.children);
  }
  const census = [...tally].map(([k, n]) => {
    const [cohort, where] = k.split('\u0000') as [string, string];
    return { cohort, where, children: n };
  });

  const model: Record<string, unknown> = {
    caresim: 1,
    extends: o.baseRef,
    name: `${o.base.name}, calibrated to ${o.dataLabel}`,
    description: `Referrals, ages, lengths of stay, breakdowns and step-downs estimated from ${o.dataLabel} (${windowText}); homes, the ART, prices and costs from ${o.baseRef}. Each estimate carries its sampling uncertainty as a belief.`,
    time: { start: isoOfDay(start), warmupYears: null, window: null },
    cohorts: cohortsOut,
    initialCensus: {
      // The base's counts give way to the children found in the data (a count is set to 0 rather
      // than removed, since a base may have none to remove).
      outOfCounty: Object.fromEntries(
        Object.keys(o.base.initialCensus?.outOfCounty ?? {}).map((k) => [k, 0]),
      ),
      local: [],
      children: censusChildren,
    },
    history: null,
  };
  return {
    model,
    cohorts: estimates,
    window: { from, to },
    start,
    census,
    warnings,
    spells: spells.length,
    unmapped,
  };
}
