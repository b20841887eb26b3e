/**
 * Answers to sizing questions from a sweep's points, in plain English: the fewest beds that
 * keep the chance of any overflow for want of a bed below a threshold, and the option that
 * minimises a headline metric, with a warning when options cannot be told apart at this many
 * replications. Pure: it reads the points a sweep computed (experiment/sweep.ts).
 */
import type { SweepAxis, SweepPoint } from '../experiment/sweep.ts';
import { summarise } from '../stats/summary.ts';
import { valueWithIntervals } from './uncertaintyWords.ts';

/** The sizing questions a sweep can answer. */
export interface SizingQuestions {
  /** Fewest beds keeping the chance of any overflow for want of a bed below this (0.1 = 10%). */
  maxOverflowChance?: number;
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

/**
 * The fewest beds (summed over the axes whose path ends in `beds`) that keep the chance of any
 * out-of-county placement for want of a bed below `maxChance` in `year`, or in every year from
 * `fromYear` on when no year is named.
 */
export function fewestBeds(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  maxChance: number,
  year?: string,
  fromYear?: string,
): SizingAnswer {
  const bedAxes = axes.map((a, k) => (a.path.endsWith('.beds') ? k : -1)).filter((k) => k >= 0);
  const question = `Fewest beds keeping the chance of any overflow for want of a bed below ${(maxChance * 100).toFixed(0)}% ${year ? `in ${year}` : `in every year${fromYear ? ` from ${fromYear}` : ''}`}`;
  if (bedAxes.length === 0)
    return { question, point: null, answer: 'the sweep varies no beds field (a path ending in .beds)' };
  const years = (p: SweepPoint) =>
    Object.keys(p.overflowChance).filter((fy) =>
      year ? fy === year : fromYear === undefined || fy >= fromYear,
    );
  const ok = points.filter(
    (p) => years(p).length > 0 && years(p).every((fy) => p.overflowChance[fy]! < maxChance),
  );
  const beds = (p: SweepPoint) => bedAxes.reduce((a, k) => a + p.values[k]!, 0);
  if (ok.length === 0)
    return { question, point: null, answer: 'no option in the sweep achieves it: widen the ranges' };
  const best = ok.reduce((a, b) =>
    beds(b) < beds(a) ||
    (beds(b) === beds(a) && b.summary['cost.total']!.mean < a.summary['cost.total']!.mean)
      ? b
      : a,
  );
  const worst = Math.max(...years(best).map((fy) => best.overflowChance[fy]!));
  return {
    question,
    point: best,
    answer: `${bedAxes.map((k) => `${axes[k]!.path} = ${best.values[k]}`).join(', ')} (${beds(best)} beds in all; highest yearly chance ${(worst * 100).toFixed(0)}%)`,
  };
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

/** Every answer the questions ask for, in order: fewest beds first, then each metric to minimise. */
export function answerSizing(
  axes: readonly SweepAxis[],
  points: readonly SweepPoint[],
  q: SizingQuestions,
): SizingAnswer[] {
  return [
    ...(q.maxOverflowChance === undefined
      ? []
      : [fewestBeds(axes, points, q.maxOverflowChance, q.year, q.fromYear)]),
    ...(q.minimise ?? []).map((m) => minimise(axes, points, m)),
  ];
}
