/**
 * The Kaplan-Meier estimate of a survival function from right-censored and left-truncated
 * durations (Kaplan and Meier 1958), with Greenwood's variance and a 95% interval on the log-minus-
 * log scale (Kalbfleisch and Prentice 2002, §1.4), which stays inside [0, 1].
 *
 * Left truncation: a placement already under way when observation began (entry > 0) joins the
 * risk set only from its entry time, since a placement that had ended before could not be seen.
 * Leaving that out counts long placements more often than short ones (length bias).
 */

export interface Duration {
  /** Time from the start to the end, or to the last time seen if censored. */
  time: number;
  /** Whether the end was seen (false: censored, still going at `time`). */
  event: boolean;
  /** Time already elapsed when observation began (0: seen from the start). */
  entry?: number;
}

export interface KaplanMeierStep {
  time: number;
  /** At risk just before `time`. */
  atRisk: number;
  events: number;
  survival: number;
  low: number;
  high: number;
}

const Z95 = 1.959963984540054;

/** The estimate's steps, at each time an end was seen. */
export function kaplanMeier(data: readonly Duration[]): KaplanMeierStep[] {
  const times = [...new Set(data.filter((d) => d.event).map((d) => d.time))].sort((a, b) => a - b);
  const steps: KaplanMeierStep[] = [];
  let s = 1;
  let greenwood = 0;
  for (const t of times) {
    let atRisk = 0;
    let events = 0;
    for (const d of data) {
      if ((d.entry ?? 0) < t && d.time >= t) atRisk++;
      if (d.event && d.time === t) events++;
    }
    if (atRisk === 0) continue;
    s *= 1 - events / atRisk;
    if (atRisk > events) greenwood += events / (atRisk * (atRisk - events));
    let low = s;
    let high = s;
    if (s > 0 && s < 1) {
      const se = Math.sqrt(greenwood) / Math.abs(Math.log(s));
      const ll = Math.log(-Math.log(s));
      low = Math.exp(-Math.exp(ll + Z95 * se));
      high = Math.exp(-Math.exp(ll - Z95 * se));
    }
    steps.push({ time: t, atRisk, events, survival: s, low, high });
  }
  return steps;
}

/** The estimate at time t (1 before the first end). */
export function survivalAt(steps: readonly KaplanMeierStep[], t: number): number {
  let s = 1;
  for (const st of steps) {
    if (st.time > t) break;
    s = st.survival;
  }
  return s;
}

/** The median: the first time the estimate is at or below a half, or null if it never is. */
export function medianOf(steps: readonly KaplanMeierStep[]): number | null {
  return steps.find((s) => s.survival <= 0.5)?.time ?? null;
}
