/**
 * Answers to sizing questions from a sweep's points, in plain English: the fewest beds that
 * keep the chance of any overflow for want of a bed below a threshold, or the average share of
 * placements that overflow below a threshold, and the option that minimises a headline metric,
 * with a warning when options cannot be told apart at this many replications. When no option
 * meets a threshold, the answer says how close the best came and, where the model can tell, why
 * the rest is out of reach. Pure: it reads the points a sweep computed (experiment/sweep.ts).
 */
import type { OverflowReasons, SweepAxis, SweepPoint } from '../experiment/sweep.ts';
import { summarise } from '../stats/summary.ts';
import { chanceWithError, valueWithIntervals } from './uncertaintyWords.ts';

/** The sizing questions a sweep can answer. */
export interface SizingQuestions {
  /** Fewest beds keeping the chance of any overflow for want of a bed below this (0.1 = 10%). */
  maxOverflowChance?: number;
  /**
   * Fewest beds keeping the average overflow share (placements out of county for want of a
   * suitable local bed, of all placements) below this (0.1 = 10%).
   */
  maxOverflowShare?: number;
  year?: string;
  fromYear?: string;
  /** Headline metrics to minimise (e.g. cost.total). */
  minimise?: string[];
}

export interface SizingAnswer {
  question: string;
  /** The point that answers it, or null when no point does. */
  point: SweepPoint | null;
  answer: string;
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
/** Percentage points of a share: "11.2 points". */
const points = (x: number) => `${(x * 100).toFixed(1)} points`;

/** "in 2027/28", "in every year", "in every year from 2026/27" */
const yearsText = (year?: string, fromYear?: string) =>
  year ? `in ${year}` : `in every year${fromYear ? ` from ${fromYear}` : ''}`;

/** The financial years a question asks about: `year`, or every year (from `fromYear` on). */
const askedYears = (all: readonly string[], year?: string, fromYear?: string) =>
  all.filter((fy) => (year ? fy === year : fromYear === undefined || fy >= fromYear));

/** The axes whose path ends in `.beds`, by index. */
const bedAxesOf = (axes: readonly SweepAxis[]) =>
  axes.map((a, k) => (a.path.endsWith('.beds') ? k : -1)).filter((k) => k >= 0);

const NO_BEDS = 'the sweep varies no beds field (a path ending in .beds)';

/** The answer when the years asked about are not in the horizon. */
function noSuchYears(all: readonly string[], year?: string, fromYear?: string): string {
  const range = all.length > 0 ? ` (the horizon runs ${all[0]} to ${all[all.length - 1]})` : '';
  return `the sweep has no financial year ${year ?? `from ${fromYear}`}${range}`;
}

/** An option by every field the sweep varies, with its beds in all: "homes.a.beds = 4 (4 beds in all)". */
function optionText(axes: readonly SweepAxis[], bedAxes: readonly number[], p: SweepPoint): string {
  const beds = bedAxes.reduce((a, k) => a + p.values[k]!, 0);
  return `${axes.map((a, k) => `${a.path} = ${round3(p.values[k]!)}`).join(', ')} (${beds} beds in all)`;
}

/**
 * The point that minimises `worst` (its worst value over the years asked about); ties go to the
 * fewer beds, then the lower mean total cost.
 */
function closest(
  points: readonly SweepPoint[],
  bedAxes: readonly number[],
  worst: (p: SweepPoint) => number,
): SweepPoint {
  const beds = (p: SweepPoint) => bedAxes.reduce((a, k) => a + p.values[k]!, 0);
  return points.reduce((a, b) =>
    worst(b) < worst(a) ||
    (worst(b) === worst(a) &&
      (beds(b) < beds(a) ||
        (beds(b) === beds(a) && b.summary['cost.total']!.mean < a.summary['cost.total']!.mean)))
      ? b
      : a,
  );
}

/**
 * The fewest beds (summed over the axes whose path ends in `beds`) that keep the chance of any
 * out-of-county placement for want of a bed below `maxChance` in `year`, or in every year from
 * `fromYear` on when no year is named. When no option does, the answer names the option that
 * came closest and its chance.
 */
export function fewestBeds(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  maxChance: number,
  year?: string,
  fromYear?: string,
): SizingAnswer {
  const bedAxes = bedAxesOf(axes);
  const question = `Fewest beds keeping the chance of any overflow for want of a bed below ${(maxChance * 100).toFixed(0)}% ${yearsText(year, fromYear)}`;
  if (bedAxes.length === 0) return { question, point: null, answer: NO_BEDS };
  const all = Object.keys(points[0]?.overflowChance ?? {});
  const fys = askedYears(all, year, fromYear);
  if (fys.length === 0) return { question, point: null, answer: noSuchYears(all, year, fromYear) };
  const ok = points.filter((p) => fys.every((fy) => p.overflowChance[fy]! < maxChance));
  const beds = (p: SweepPoint) => bedAxes.reduce((a, k) => a + p.values[k]!, 0);
  const worstYear = (p: SweepPoint) =>
    fys.reduce((a, fy) => (p.overflowChance[fy]! > p.overflowChance[a]! ? fy : a));
  if (ok.length === 0) {
    const near = closest(points, bedAxes, (p) => p.overflowChance[worstYear(p)]!);
    const fy = worstYear(near);
    return {
      question,
      point: null,
      answer:
        `no option in the sweep achieves it. The best option, ${optionText(axes, bedAxes, near)}, still places a child out of county for want of a free bed ` +
        `in ${fy}${fys.length > 1 ? ' (its worst year)' : ''} in ${chanceWithError(near.overflowChance[fy]!, near.summary['cost.total']!.n)}: ` +
        'more beds could lower the chance further, so widen the ranges',
    };
  }
  const best = ok.reduce((a, b) =>
    beds(b) < beds(a) ||
    (beds(b) === beds(a) && b.summary['cost.total']!.mean < a.summary['cost.total']!.mean)
      ? b
      : a,
  );
  const worst = Math.max(...fys.map((fy) => best.overflowChance[fy]!));
  return {
    question,
    point: best,
    answer: `${bedAxes.map((k) => `${axes[k]!.path} = ${best.values[k]}`).join(', ')} (${beds(best)} beds in all; highest yearly chance ${(worst * 100).toFixed(0)}%)`,
  };
}

/**
 * The fewest beds (summed over the axes whose path ends in `beds`) that keep the average
 * overflow share (placements out of county for want of a suitable local bed, of all placements
 * that year: `overflowShare.<fy>`) below `maxShare` in `year`, or in each year from `fromYear` on
 * when no year is named. When no option does, the answer names the option that came closest,
 * its share with both intervals, and what the share is made of: above all the children of a
 * cohort no local home open that year takes, whom more beds in these homes cannot reach.
 */
export function fewestBedsByShare(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  maxShare: number,
  year?: string,
  fromYear?: string,
): SizingAnswer {
  const bedAxes = bedAxesOf(axes);
  const question = `Fewest beds keeping the average overflow share (placements out of county for want of a suitable local bed, of all placements) below ${pct(maxShare)} ${yearsText(year, fromYear)}`;
  if (bedAxes.length === 0) return { question, point: null, answer: NO_BEDS };
  const all = Object.keys(points[0]?.overflowReasons ?? {});
  const fys = askedYears(all, year, fromYear);
  if (fys.length === 0) return { question, point: null, answer: noSuchYears(all, year, fromYear) };
  const share = (p: SweepPoint, fy: string) => p.summary[`overflowShare.${fy}`]!;
  const worstYear = (p: SweepPoint) => fys.reduce((a, fy) => (share(p, fy).mean > share(p, a).mean ? fy : a));
  const ok = points.filter((p) => fys.every((fy) => share(p, fy).mean < maxShare));
  const when = (fy: string) => (fys.length > 1 ? `in ${fy}, its worst year` : `in ${fy}`);
  if (ok.length === 0) {
    const near = closest(points, bedAxes, (p) => share(p, worstYear(p)).mean);
    const fy = worstYear(near);
    return {
      question,
      point: null,
      answer:
        `no option in the sweep achieves it. The best option, ${optionText(axes, bedAxes, near)}, reaches ` +
        `${valueWithIntervals(share(near, fy), 'share')} ${when(fy)}${whyShare(near.overflowReasons[fy]!, maxShare)}`,
    };
  }
  const best = closest(ok, bedAxes, (p) => bedAxes.reduce((a, k) => a + p.values[k]!, 0));
  const fy = worstYear(best);
  return {
    question,
    point: best,
    answer: `${optionText(axes, bedAxes, best)}: an average overflow share of ${valueWithIntervals(share(best, fy), 'share')} ${when(fy)}`,
  };
}

/**
 * What a year's overflow share is made of, for an answer that misses its target: the children of
 * a cohort with no local home open that year (out of reach of more beds in these homes), those
 * who found no suitable home open at the time for other reasons, and those who found every
 * suitable bed full; and whether the part out of reach alone is above the target.
 */
function whyShare(r: OverflowReasons, maxShare: number): string {
  const sum = (cs: readonly { share: number }[]) => cs.reduce((a, c) => a + c.share, 0);
  const list = (cs: readonly { label: string; share: number }[]) =>
    cs.length === 1 ? cs[0]!.label : cs.map((c) => `${c.label} ${points(c.share)}`).join(', ');
  const noHome = r.noHomeForCohort.filter((c) => !c.hasHome);
  const closed = r.noHomeForCohort.filter((c) => c.hasHome);
  const parts: string[] = [];
  if (noHome.length > 0)
    parts.push(
      `${points(sum(noHome))} are children of ${noHome.length === 1 ? 'a cohort' : 'cohorts'} no local home takes (${list(noHome)})`,
    );
  if (closed.length > 0)
    parts.push(
      `${points(sum(closed))} are children whose local homes were none of them open that year (${list(closed)})`,
    );
  const unreachable = sum(noHome) + sum(closed);
  const other = r.noSuitableHome - unreachable;
  if (other >= 0.0005)
    parts.push(
      `${points(other)} found no suitable local home open at the time (one not yet open, or only the one where the placement broke down)`,
    );
  if (r.allFull >= 0.0005) parts.push(`${points(r.allFull)} found every suitable local bed full`);
  if (parts.length === 0) return '';
  const verdict =
    unreachable >= maxShare
      ? `: the children with no local home open, ${points(unreachable)}, are out of reach of more beds in these homes and alone keep the share at or above ${pct(maxShare)} (a home registered for their need would reach them)`
      : unreachable > 0
        ? `: the children with no local home open are out of reach of more beds in these homes, but the rest could come down with more beds, so widen the ranges`
        : ': more beds could lower it further, so widen the ranges';
  return `. Of that, ${parts.join('; ')}${verdict}`;
}

/** The option with the lowest mean of a headline metric (e.g. the ART caseload that minimises total cost). */
export function minimise(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  metric: string,
): SizingAnswer {
  const question = `Option with the lowest ${metric}`;
  const withMetric = points.filter((p) => p.summary[metric] !== undefined);
  if (withMetric.length === 0) return { question, point: null, answer: `no headline metric "${metric}"` };
  const best = withMetric.reduce((a, b) => (b.summary[metric]!.mean < a.summary[metric]!.mean ? b : a));
  const m = best.summary[metric]!;
  // Every point ran the same replications on the same random numbers, so whether another option
  // can be told apart from the best is a question about their paired differences, replication by
  // replication: far more precise than setting two options' own intervals side by side, which
  // carry the spread that both share (parameter draws, the same referrals).
  const close = withMetric.filter((p) => {
    if (p === best) return false;
    const a = p.perReplication[metric];
    const b = best.perReplication[metric];
    if (!a || !b || a.length < 2) return true;
    const d = summarise(a.map((x, r) => x - b[r]!));
    return d.ciLow === null || d.ciLow <= 0;
  });
  return {
    question,
    point: best,
    answer:
      `${axes.map((a, k) => `${a.path} = ${round3(best.values[k]!)}`).join(', ')}: average ${valueWithIntervals(m, m.unit)}` +
      (close.length > 0
        ? `; ${close.length} other option(s) cannot be told from it at ${m.n} replications (the paired difference's 95% interval holds zero): more replications would be needed to separate them`
        : ''),
  };
}

const round3 = (x: number) => (Math.abs(x) >= 1000 ? Math.round(x) : Math.round(x * 1000) / 1000);

/** Every answer the questions ask for, in order: fewest beds by chance, then by share, then each metric to minimise. */
export function answerSizing(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  q: SizingQuestions,
): SizingAnswer[] {
  return [
    ...(q.maxOverflowChance === undefined
      ? []
      : [fewestBeds(axes, points, q.maxOverflowChance, q.year, q.fromYear)]),
    ...(q.maxOverflowShare === undefined
      ? []
      : [fewestBedsByShare(axes, points, q.maxOverflowShare, q.year, q.fromYear)]),
    ...(q.minimise ?? []).map((m) => minimise(axes, points, m)),
  ];
}
