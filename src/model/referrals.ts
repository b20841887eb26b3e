/**
 * Referrals: when each cohort's next referral comes, and the attributes a child is born with.
 *
 * Why a part of its own: this is where common random numbers are kept (STYLE.md). Arrivals use
 * one stream per cohort and never depend on the state of the system; a child's fixed attributes
 * (age, single occupancy, price, first breakdown budget, step-down and ART draws) come from the
 * cohort's purpose streams when the child is referred (or found in the census), whatever happens
 * later. So two scenarios see the same referrals and the same children.
 */
import { DAYS_PER_YEAR } from '../engine/calendar.ts';
import { PiecewiseRateArrivals } from '../engine/arrivals.ts';
import { sample } from '../random/compiled.ts';
import type { ChildStore } from './children.ts';
import type { Metrics } from './metrics.ts';
import type { Scenario } from './scenario.ts';
import { hasOnwardDuration, type CohortStreams, type Streams } from './streams.ts';
import ln from '@stdlib/math-base-special-ln';

export class Referrals {
  /**
   * Each cohort's next referral time (Infinity: none before the horizon). Referrals are half of
   * all events and never cancelled, so they are kept out of the heap: the loop compares the
   * earliest with the heap's top, saving a push and a pop per referral. Referrals have the lowest
   * same-day priority, so a heap event at the same time still runs first, exactly as when they
   * were in the heap.
   */
  readonly next: Float64Array;
  /** Whether the last referral came at a placement breakdown (it may use an assessment bed). */
  atBreakdown = false;
  private readonly s: Scenario;
  /** s.horizonDays, read per referral. */
  private readonly horizon: number;
  private readonly ch: ChildStore;
  private readonly streams: Streams;
  private readonly metrics: Metrics;
  /** Built once: a generator restarts its segment walk when time goes back (a new replication). */
  private readonly arrivals: PiecewiseRateArrivals[];
  /** Per cohort: referrals so far, and census children so far (each keys the child's own stream). */
  private readonly referred: Int32Array;
  private readonly censused: Int32Array;
  /** Whether each child draws how long its onward placement is paid for. */
  private readonly onwardDrawn: boolean;

  constructor(s: Scenario, ch: ChildStore, streams: Streams, metrics: Metrics) {
    this.s = s;
    this.horizon = s.horizonDays;
    this.ch = ch;
    this.streams = streams;
    this.metrics = metrics;
    this.next = new Float64Array(s.cohorts.length);
    this.arrivals = s.cohorts.map((c) => new PiecewiseRateArrivals(c.arrivalBreaks, c.arrivalRates));
    this.referred = new Int32Array(s.cohorts.length);
    this.censused = new Int32Array(s.cohorts.length);
    this.onwardDrawn = hasOnwardDuration(s);
  }

  /** Forget the last replication's counts. */
  reset(): void {
    this.referred.fill(0);
    this.censused.fill(0);
  }

  /** Draw cohort c's next referral after day t. */
  schedule(c: number, t: number): void {
    const next = this.arrivals[c]!.next(t, this.streams.cohort[c]!.arrivals.next());
    this.next[c] = next < this.horizon ? next : Infinity;
  }

  /** A new referral of cohort c on day t: a child with its attributes and planned need; returns its id. */
  referral(c: number, t: number): number {
    const cohort = this.s.cohorts[c]!;
    const st = this.streams.cohort[c]!;
    const id = this.newChild(c, t, st, false);
    const share = cohort.atBreakdownShare;
    this.atBreakdown = share >= 1 ? true : share <= 0 ? false : st.atBreakdown.next() < share;
    this.ch.needLeft[id] = sample(cohort.stay, st.stay.next());
    return id;
  }

  /** A child of cohort c found in care on day t0 (the caller sets the remaining stay). */
  censusChild(c: number, t0: number): number {
    return this.newChild(c, t0, this.streams.cohort[c]!, true);
  }

  /** Create a child with the attributes every child has, drawn from the cohort's purpose streams. */
  private newChild(c: number, t: number, st: CohortStreams, census: boolean): number {
    const cohort = this.s.cohorts[c]!;
    const ch = this.ch;
    const id = ch.add();
    this.streams.newChild(id);
    ch.cohort[id] = c;
    ch.originCohort[id] = c;
    ch.originIndex[id] = census ? this.censused[c]!++ : this.referred[c]!++;
    ch.fromCensus[id] = census ? 1 : 0;
    ch.birthDay[id] = cohort.ageAtReferral
      ? t - sample(cohort.ageAtReferral, (census ? st.census : st.age).next()) * DAYS_PER_YEAR
      : NaN;
    ch.singleOccupancy[id] =
      cohort.singleOccupancyShare > 0 &&
      (census ? st.census : st.singleOccupancy).next() < cohort.singleOccupancyShare
        ? 1
        : 0;
    ch.priceU[id] = (census ? st.census : st.price).next();
    ch.hazardBudget[id] = cohort.breakdownPerDay > 0 ? -ln((census ? st.census : st.breakdown).next()) : NaN;
    if (this.s.art) {
      // How long the team supports this child and how long the child's referral waits before
      // lapsing are the child's own: drawn once, the same at every referral, so an ART (even
      // one with no places) never shifts any other draw.
      const a = st.artSupport;
      ch.artDurationU[id] = a.next();
      ch.artPatienceU[id] = a.next();
    }
    if (this.onwardDrawn) ch.onwardU[id] = st.onwardCost.next();
    // Neutral step-down uniforms for a cohort without step-downs (the child may move to one with them).
    if (cohort.stepDown) {
      const sd = census ? st.census : st.stepDown;
      ch.stepU[3 * id] = sd.next();
      ch.stepU[3 * id + 1] = sd.next();
      ch.stepU[3 * id + 2] = sd.next();
    } else {
      ch.stepU[3 * id] = 0.5;
      ch.stepU[3 * id + 1] = 0;
      ch.stepU[3 * id + 2] = 0.5;
    }
    this.metrics.referredTotal++;
    return id;
  }
}
