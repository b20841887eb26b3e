// Speed yardstick: the reference loss system written as the smallest possible hand-made loop, with no
// engine and no model: one home of 23 beds, Poisson referrals at 0.5 a day, exponential stays with mean
// 40 days, referrals that find the home full are lost. By default it simulates exactly the span the model
// file models/verification/loss-system.yaml simulates: a warm-up of one year (365.2425 days) from empty,
// then 10 years from 1 April 2025 (3652 calendar days), so replications per second compare like with like.
// Its events per second bound what the general engine can hope for; its blocked share (referrals after the
// warm-up that found the home full) checks itself against Erlang B (a = 0.5 x 40 = 20 erlangs, 23 beds).
//
// Events counted: one per referral (admitted or lost) and one per discharge from the home. Lost referrals
// leave the system at once, so they have no second event (the full model, by contrast, places them out of
// county and later pops the end of that placement: see fullModel.ts).
//
// Run: npx tsx test/bench/yardstick.ts [replications] [seed]

import { pathToFileURL } from 'node:url';
import { createStream } from '../../src/random/streams.ts';

export const BEDS = 23;
export const REFERRALS_PER_DAY = 0.5;
export const MEAN_STAY_DAYS = 40;

/** The simulated span: a warm-up from empty, not counted, then the horizon. */
export interface YardstickSpan {
  warmupDays: number;
  horizonDays: number;
}

/** The span of models/verification/loss-system.yaml: warm-up 1 year, then 2025-04-01 to 2035-04-01. */
export const LOSS_SYSTEM_SPAN: YardstickSpan = { warmupDays: 365.2425, horizonDays: 3652 };

export interface YardstickResult {
  reps: number;
  /** Events processed: referrals (admitted or lost) plus discharges, over all replications. */
  events: number;
  referrals: number;
  discharges: number;
  seconds: number;
  eventsPerSecond: number;
  repsPerSecond: number;
  /** Share of referrals after the warm-up that found all beds full (mean over replications). */
  blockedShare: number;
  /** Half-width of the 95% interval of blockedShare, from the spread between replications. */
  blockedShareHalfWidth: number;
}

/**
 * Erlang B, the blocking probability of an M/G/c/c loss system, by the standard stable recursion
 * B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
 * @param offered offered load a in erlangs (arrival rate x mean service time).
 * @param servers number of servers c.
 * @example
 * erlangB(20, 23); // 0.0849296...
 */
export function erlangB(offered: number, servers: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offered * b) / (k + offered * b);
  return b;
}

/** Erlang B of the reference loss system (a = 20 erlangs, 23 beds). */
export const LOSS_SYSTEM_ERLANG_B = erlangB(REFERRALS_PER_DAY * MEAN_STAY_DAYS, BEDS);

/**
 * Run the yardstick.
 * @param reps number of replications.
 * @param seed master seed; each replication uses streams `referrals` and `stays`.
 * @param span warm-up and horizon in days (default: those of the loss-system model file).
 * @example
 * runYardstick(1000, 1).eventsPerSecond;
 */
export function runYardstick(reps: number, seed: number, span = LOSS_SYSTEM_SPAN): YardstickResult {
  // The clock runs from 0 (the start of the warm-up) to warm-up + horizon.
  const countFrom = span.warmupDays;
  const end = span.warmupDays + span.horizonDays;
  // Discharge times of the occupied beds, unsorted; 23 entries are scanned for the minimum, which for this
  // size is faster than any heap.
  const discharges = new Float64Array(BEDS);
  const shares = new Float64Array(reps);
  let referralEvents = 0;
  let dischargeEvents = 0;
  const start = performance.now();
  for (let rep = 0; rep < reps; rep++) {
    const referrals = createStream(seed, rep, 'referrals');
    const stays = createStream(seed, rep, 'stays');
    let occupied = 0;
    let nextDischarge = Infinity;
    let nextBed = -1;
    let nextReferral = -Math.log(referrals.next()) / REFERRALS_PER_DAY;
    let counted = 0;
    let lost = 0;
    for (;;) {
      if (nextReferral <= nextDischarge) {
        const t = nextReferral;
        if (t >= end) break;
        referralEvents++;
        if (t >= countFrom) counted++;
        if (occupied < BEDS) {
          const leave = t - MEAN_STAY_DAYS * Math.log(stays.next());
          discharges[occupied] = leave;
          if (leave < nextDischarge) {
            nextDischarge = leave;
            nextBed = occupied;
          }
          occupied++;
        } else if (t >= countFrom) {
          lost++;
        }
        nextReferral = t - Math.log(referrals.next()) / REFERRALS_PER_DAY;
      } else {
        if (nextDischarge >= end) break;
        dischargeEvents++;
        occupied--;
        discharges[nextBed] = discharges[occupied];
        nextDischarge = Infinity;
        for (let b = 0; b < occupied; b++) {
          if (discharges[b] < nextDischarge) {
            nextDischarge = discharges[b];
            nextBed = b;
          }
        }
      }
    }
    shares[rep] = lost / counted;
  }
  const seconds = (performance.now() - start) / 1000;
  let sum = 0;
  for (const s of shares) sum += s;
  const mean = sum / reps;
  let ss = 0;
  for (const s of shares) ss += (s - mean) ** 2;
  const halfWidth = reps > 1 ? 1.96 * Math.sqrt(ss / (reps - 1) / reps) : NaN;
  const events = referralEvents + dischargeEvents;
  return {
    reps,
    events,
    referrals: referralEvents,
    discharges: dischargeEvents,
    seconds,
    eventsPerSecond: events / seconds,
    repsPerSecond: reps / seconds,
    blockedShare: mean,
    blockedShareHalfWidth: halfWidth,
  };
}

/**
 * Warm the JIT, then time `timedRuns` runs of `reps` replications (timings on a shared machine are noisy:
 * report the best, the least disturbed, and the median).
 */
export function timeYardstick(
  reps = 1000,
  seed = 1,
  span = LOSS_SYSTEM_SPAN,
  timedRuns = 3,
): YardstickResult[] {
  runYardstick(Math.min(reps, 50), seed, span); // warm the JIT
  const runs: YardstickResult[] = [];
  for (let r = 0; r < timedRuns; r++) runs.push(runYardstick(reps, seed, span));
  return runs;
}

/** Print the yardstick figures on their own (warm-up, then the best of three timed runs). */
export function printYardstick(reps = 1000, seed = 1): void {
  const runs = timeYardstick(reps, seed);
  const best = runs.reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
  const rates = runs.map((r) => (r.eventsPerSecond / 1e6).toFixed(1)).join(', ');
  const { warmupDays, horizonDays } = LOSS_SYSTEM_SPAN;
  console.log(
    `yardstick: ${reps} replications of ${warmupDays} + ${horizonDays} days, ${BEDS} beds, a = 20 erlangs`,
  );
  console.log(
    `  events            ${best.events.toLocaleString('en-GB')} in ${best.seconds.toFixed(3)} s (best run)`,
  );
  console.log(`  events per second ${(best.eventsPerSecond / 1e6).toFixed(1)} million (runs: ${rates})`);
  console.log(
    `  blocked share     ${best.blockedShare.toFixed(5)} ± ${best.blockedShareHalfWidth.toFixed(5)} (95%, after the warm-up)`,
  );
  console.log(`  Erlang B(23, 20)  ${LOSS_SYSTEM_ERLANG_B.toFixed(5)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printYardstick(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 1));
}
