/**
 * One replication of the care system, child by child.
 *
 * A referral arrives (new, or after a breakdown or an age limit); at a breakdown it may go
 * to a free assessment bed first; then it is matched to a suitable local home, waits for
 * one if policy allows, or goes out of county. A placement ends at the earliest of its
 * planned end (need ends: step-down, possibly delayed while no onward place is free, the bed
 * staying occupied), a breakdown (a competing risk whose hazard the ART and a prior
 * assessment lower) or the cohort's age limit. The ART supports a capped caseload in
 * priority order with a waiting list. Costs accrue as state changes.
 *
 * Randomness and common random numbers (STYLE.md): every stream's seed comes only from
 * (master seed, replication, stream name). Arrivals use one stream per cohort and never
 * depend on the state. A child's fixed attributes (age, single occupancy, price, planned
 * stay, first breakdown budget, step-down draws) come from per-cohort purpose streams when
 * the child is referred, whatever happens later; draws whose number depends on the path
 * (assessment length, later breakdown budgets, escalation, ART support) come from the
 * child's own stream, keyed by the cohort and index of the child's first referral. So two
 * scenarios see the same referrals and the same children.
 *
 * Hot loop: children are ids into typed arrays (children.ts); events are numbers in the
 * engine's heap, dispatched by a switch to methods; no closure, object or string is created
 * per event unless the optional trace is on. Only the earliest of a placement's possible
 * ends is queued, since whichever comes first cancels the others.
 */
import { DAYS_PER_YEAR } from '../engine/calendar.ts';
import { EventQueue } from '../engine/eventQueue.ts';
import { PiecewiseRateArrivals } from '../engine/arrivals.ts';
import { sample } from '../random/compiled.ts';
import { createStream, streamFamily, type RandomStream } from '../random/streams.ts';
import {
  AT_ASSESSMENT,
  AT_LOCAL,
  AT_NONE,
  AT_OUT_OF_COUNTY,
  AT_WAITING,
  ART_NONE,
  ART_SUPPORTED,
  ART_WAITING,
  ChildStore,
} from './children.ts';
import * as E from './events.ts';
import { COST_ART, COST_ASSESSMENT, COST_HOME_FIXED, COST_OOC_PLACEMENTS, Metrics } from './metrics.ts';
import { lengthBiasedStay } from './residual.ts';
import {
  ART_GROUP_ASSESSED,
  ART_GROUP_LOCAL,
  ART_GROUP_OUT_OF_COUNTY,
  COST_BASIS_PER_BED_OPEN,
  COST_BASIS_PER_OCCUPIED_BED,
  COST_BASIS_WHOLE_UNIT,
  MATCH_FEWEST_FREE,
  MATCH_LISTED,
  type CohortS,
  type Scenario,
} from './scenario.ts';

/** Why a placement went out of county. */
const REASON_NONE = 0; // census: already there
const REASON_NO_ELIGIBLE = 1;
const REASON_ALL_FULL = 2;

/**
 * Optional per-child event trace, for debugging and for explaining the model. `child` is the
 * child's serial number in the replication (census children first, then referrals in order;
 * -1 for an event of no child, such as a home opening).
 */
export type TraceSink = (day: number, child: number, event: string, detail: string) => void;

/** The random streams a replication uses, by name: recorded in the run manifest. */
export function streamNames(s: Scenario): string[] {
  const names: string[] = [];
  for (const c of s.cohorts)
    for (const p of [
      'arrivals',
      'age',
      'singleOccupancy',
      'price',
      'atBreakdown',
      'stay',
      'breakdown',
      'stepDown',
      'census',
    ])
      names.push(`${p}/${c.id}`);
  for (const h of s.homes) names.push(`openingDelay/${h.id}`);
  if (s.assessment) names.push('openingDelay/assessment');
  names.push('child/<cohort>/<n> (one per child, created when first needed)', 'child/census/<cohort>/<n>');
  return names;
}

/** Stands in for a stream the scenario never draws from (see run()). */
const NOT_DRAWN: RandomStream = {
  next(): number {
    throw new Error('internal: a random stream was drawn from that the scenario was thought not to use');
  },
};

interface CohortStreams {
  arrivals: RandomStream;
  age: RandomStream;
  single: RandomStream;
  price: RandomStream;
  atBreakdown: RandomStream;
  stay: RandomStream;
  breakdown: RandomStream;
  stepDown: RandomStream;
  artSupport: RandomStream;
  census: RandomStream;
}

/**
 * A simulator for one scenario. Reuse it for many replications: its arrays are kept.
 * @example
 * const sim = new Replication(normalise(model));
 * const monthly = sim.run(seed, 0); // rows: sim.metrics.defs
 */
export class Replication {
  readonly s: Scenario;
  readonly metrics: Metrics;
  private readonly q = new EventQueue(256);
  private readonly ch = new ChildStore();
  private trace: TraceSink | null = null;
  /** Events taken from the calendar in the last run (stale ones included), for benchmarks. */
  eventsProcessed = 0;
  private horizon: number;
  private streams: CohortStreams[] = [];
  private childStreams: (RandomStream | undefined)[] = [];
  /** Per cohort: the child's own stream by index of first referral (or in the census). */
  private childStream: ((n: number) => RandomStream)[] = [];
  private censusChildStream: ((n: number) => RandomStream)[] = [];
  private arrivals: PiecewiseRateArrivals[] = [];
  private arrivalCount: Int32Array;
  /**
   * Each cohort's next referral time. Referrals are half of all events and never cancelled,
   * so they are kept out of the heap: the loop compares the earliest with the heap's top,
   * saving a push and a pop per referral. Referrals have the lowest same-day priority, so a
   * heap event at the same time still runs first, exactly as when they were in the heap.
   */
  private nextArrival: Float64Array;
  private censusCount: Int32Array;
  private readonly hasCensus: Uint8Array;
  // Homes.
  private readonly occupancy: Int32Array;
  private readonly blocked: Uint8Array;
  private readonly open: Uint8Array;
  private readonly closed: Uint8Array;
  private readonly registration: Int32Array;
  // Assessment beds.
  private assessmentOpen = false;
  private assessmentOccupied = 0;
  // Local waiting list (FIFO with lazy deletion).
  private waitList: number[] = [];
  /** Serial of each waitList entry's child: a slot reused since the entry was made is not it. */
  private waitSerial: number[] = [];
  private waitHead = 0;
  // Out-of-county children, for repatriation (swap-remove list).
  private oocList = new Int32Array(256);
  private oocCount = 0;
  // ART.
  private artStarted = false;
  private artCapacity = 0;
  private artCaseload = 0;
  private artWaiting = 0;
  private artLists: number[][] = [[], [], []];
  private artSerials: number[][] = [[], [], []];
  private artHeads = new Int32Array(3);

  constructor(s: Scenario) {
    this.s = s;
    this.metrics = new Metrics(s);
    this.horizon = s.horizonDays;
    const H = s.homes.length;
    this.occupancy = new Int32Array(H);
    this.blocked = new Uint8Array(H);
    this.open = new Uint8Array(H);
    this.closed = new Uint8Array(H);
    this.registration = new Int32Array(H);
    this.arrivalCount = new Int32Array(s.cohorts.length);
    this.nextArrival = new Float64Array(s.cohorts.length);
    // Built once: a generator restarts its segment walk when time goes back (a new replication).
    this.arrivals = s.cohorts.map((c) => new PiecewiseRateArrivals(c.arrivalBreaks, c.arrivalRates));
    this.censusCount = new Int32Array(s.cohorts.length);
    this.hasCensus = new Uint8Array(s.cohorts.length);
    for (const e of [...s.census.local, ...s.census.outOfCounty])
      if (e.children > 0) this.hasCensus[e.cohort] = 1;
  }

  /**
   * Simulate replication `rep` under master seed `seed`.
   * @param into where to write the result matrix (a new array if omitted), so that a batch
   *   of replications reuses one matrix rather than allocating one each.
   * @returns the monthly result matrix (rows: `metrics.defs`, row-major by month)
   */
  run(seed: number, rep: number, trace: TraceSink | null = null, into?: Float64Array): Float64Array {
    const s = this.s;
    this.trace = trace;
    const t0 = -s.warmupDays;
    this.q.clear(t0);
    this.ch.reset();
    this.metrics.reset();
    this.childStreams.length = 0;
    this.arrivalCount.fill(0);
    this.censusCount.fill(0);
    this.occupancy.fill(0);
    this.blocked.fill(0);
    this.open.fill(0);
    this.closed.fill(0);
    this.registration.fill(0);
    this.assessmentOpen = false;
    this.assessmentOccupied = 0;
    this.waitList.length = 0;
    this.waitSerial.length = 0;
    this.waitHead = 0;
    this.oocCount = 0;
    this.artStarted = false;
    this.artCapacity = 0;
    this.artCaseload = 0;
    this.artWaiting = 0;
    for (const l of this.artLists) l.length = 0;
    for (const l of this.artSerials) l.length = 0;
    this.artHeads.fill(0);
    const stream = (name: string) => createStream(seed, rep, name);
    this.childStream = s.cohorts.map((c) => streamFamily(seed, rep, `child/${c.id}/`));
    this.censusChildStream = s.cohorts.map((c) => streamFamily(seed, rep, `child/census/${c.id}/`));
    // Only the streams this scenario draws from are created (seeding one costs about as much as
    // fifty events); a stream never drawn from changes nothing, so results are the same.
    const maybe = (needed: boolean, name: string) => (needed ? stream(name) : NOT_DRAWN);
    this.streams = s.cohorts.map((c) => {
      const share = c.atBreakdownShare;
      return {
        arrivals: stream(`arrivals/${c.id}`),
        age: maybe(c.ageAtReferral !== null, `age/${c.id}`),
        single: maybe(c.singleOccupancyShare > 0, `singleOccupancy/${c.id}`),
        price: stream(`price/${c.id}`),
        atBreakdown: maybe(share > 0 && share < 1, `atBreakdown/${c.id}`),
        stay: stream(`stay/${c.id}`),
        breakdown: maybe(c.breakdownPerDay > 0, `breakdown/${c.id}`),
        stepDown: maybe(c.stepDown !== null, `stepDown/${c.id}`),
        artSupport: maybe(s.art !== null, `artSupport/${c.id}`),
        census: maybe(this.hasCensus[c.index] === 1, `census/${c.id}`),
      };
    });

    this.scheduleStructure(t0, stream);
    this.placeCensus(t0);
    for (const c of s.cohorts) this.scheduleArrival(c.index, t0);

    const q = this.q;
    const ch = this.ch;
    const H = this.horizon;
    const nextArrival = this.nextArrival;
    const nCohorts = nextArrival.length;
    const metrics = this.metrics;
    let events = 0;
    for (;;) {
      let ac = -1;
      let at = Infinity;
      for (let c = 0; c < nCohorts; c++) {
        if (nextArrival[c]! < at) {
          at = nextArrival[c]!;
          ac = c;
        }
      }
      // Strictly earlier than the heap's top: same-day heap events (higher priority) go first.
      if (ac >= 0 && at < (q.size > 0 ? q.peekTime() : Infinity)) {
        if (at >= H) break;
        events++;
        metrics.at(at);
        this.onArrival(ac, at);
        continue;
      }
      if (!q.pop()) break;
      const t = q.time;
      if (t >= H) break;
      events++;
      metrics.at(t);
      const kind = q.kind;
      const e = q.entity;
      switch (kind) {
        case E.EV_PLANNED_END:
          if (q.tag === ch.epoch[e]) this.onPlannedEnd(e, t);
          break;
        case E.EV_BREAKDOWN:
          if (q.tag === ch.epoch[e]) this.onBreakdown(e, t);
          break;
        case E.EV_AGE_LIMIT:
          if (q.tag === ch.epoch[e]) this.onAgeLimit(e, t);
          break;
        case E.EV_ONWARD_READY:
          if (q.tag === ch.epoch[e]) this.finishStepDown(e, t);
          break;
        case E.EV_ASSESSMENT_END:
          if (q.tag === ch.epoch[e]) this.onAssessmentEnd(e, t);
          break;
        case E.EV_WAIT_EXPIRES:
          if (q.tag === ch.epoch[e] && ch.at[e] === AT_WAITING) this.onWaitExpires(e, t);
          break;
        case E.EV_HOME_OPENS:
          this.onHomeOpens(e, t);
          break;
        case E.EV_HOME_CLOSES:
          this.onHomeCloses(e);
          break;
        case E.EV_HOME_REREGISTERS:
          this.onHomeReregisters(e, q.tag, t);
          break;
        case E.EV_ASSESSMENT_OPENS:
          this.onAssessmentOpens();
          break;
        case E.EV_ASSESSMENT_CLOSES:
          this.onAssessmentCloses();
          break;
        case E.EV_ART_CAPACITY:
          this.onArtCapacity(q.tag, t);
          break;
        case E.EV_ART_SUPPORT_ENDS:
          if (q.tag === ch.artEpoch[e] && ch.artState[e] === ART_SUPPORTED) this.endSupport(e, t);
          break;
        case E.EV_ART_REFERRAL_LAPSES:
          if (q.tag === ch.artEpoch[e] && ch.artState[e] === ART_WAITING) this.onArtLapse(e, t);
          break;
      }
    }
    this.eventsProcessed = events;
    return this.metrics.finish(H, into);
  }

  /** Children referred (census included) minus children who left: those still in care at the end. */
  inCareAtEnd(): number {
    return this.metrics.referredTotal - this.metrics.exitedTotal;
  }

  /** Where the child in each slot is now (AT_* codes; AT_NONE for a free slot), for invariant checks in tests. */
  locations(): Uint8Array {
    return this.ch.at.subarray(0, this.ch.count);
  }

  /** The slot of the child with this serial number (as traced), or -1 once the slot is reused. */
  slotOf(serial: number): number {
    const serials = this.ch.serial;
    for (let id = 0; id < this.ch.count; id++) if (serials[id] === serial) return id;
    return -1;
  }

  /** Current occupancy of each home, for invariant checks in tests. */
  homeOccupancy(): Int32Array {
    return this.occupancy;
  }

  // ---------------------------------------------------------------- structure

  private scheduleStructure(t0: number, stream: (name: string) => RandomStream): void {
    const s = this.s;
    const q = this.q;
    const m = this.metrics;
    for (const h of s.homes) {
      // A delay applies to openings still to come; a home open before the simulation starts is open.
      const delay =
        h.openingDelay && h.opensDay > t0 ? sample(h.openingDelay, stream(`openingDelay/${h.id}`).next()) : 0;
      const opens = h.opensDay + delay;
      if (opens <= t0) this.openHome(h.index, t0);
      else if (opens < this.horizon && opens < h.closesDay)
        q.push(opens, E.PRIORITY_OPEN, E.EV_HOME_OPENS, h.index, 0);
      for (let r = 1; r < h.registrations.length; r++) {
        const from = h.registrations[r]!.fromDay;
        if (from > t0 && from < this.horizon)
          q.push(from, E.PRIORITY_STRUCTURE, E.EV_HOME_REREGISTERS, h.index, r);
      }
      if (h.closesDay < this.horizon)
        q.push(Math.max(h.closesDay, t0), E.PRIORITY_STRUCTURE, E.EV_HOME_CLOSES, h.index, 0);
      if (h.capital - h.grant !== 0)
        m.countAt(h.capitalAtOpening ? h.capitalDay + delay : h.capitalDay, m.capital, h.capital - h.grant);
    }
    const a = s.assessment;
    if (a) {
      const delay =
        a.openingDelay && a.opensDay > t0
          ? sample(a.openingDelay, stream('openingDelay/assessment').next())
          : 0;
      const opens = a.opensDay + delay;
      if (opens <= t0) this.onAssessmentOpens();
      else if (opens < this.horizon && opens < a.closesDay)
        q.push(opens, E.PRIORITY_OPEN, E.EV_ASSESSMENT_OPENS, 0, 0);
      if (a.closesDay < this.horizon)
        q.push(Math.max(a.closesDay, t0), E.PRIORITY_STRUCTURE, E.EV_ASSESSMENT_CLOSES, 0, 0);
      if (a.capital !== 0) m.countAt(a.opensDay + delay, m.capital, a.capital);
    }
    const art = s.art;
    if (art) {
      for (let i = 0; i < art.capacity.length; i++) {
        const from = Math.max(art.capacityFrom[i]!, art.startsDay);
        if (from <= t0) this.onArtCapacity(i, t0);
        else if (from < this.horizon) q.push(from, E.PRIORITY_OPEN, E.EV_ART_CAPACITY, 0, i);
      }
    }
  }

  private openHome(h: number, t: number): void {
    const home = this.s.homes[h]!;
    this.open[h] = 1;
    let r = 0;
    for (let i = 1; i < home.registrations.length; i++) if (home.registrations[i]!.fromDay <= t) r = i;
    this.registration[h] = r;
    this.metrics.level(this.metrics.bedsOpen, home.beds - this.occupancy[h]!);
    this.metrics.level(this.metrics.costRate + COST_HOME_FIXED, home.fixedPerDay);
    // Beds occupied before opening (a census) already count as open.
  }

  private onHomeOpens(h: number, t: number): void {
    if (this.open[h] || this.closed[h]) return;
    this.openHome(h, t);
    this.traceEvent(t, -1, 'home opens', this.s.homes[h]!.id);
    this.fillHome(h, t);
  }

  private onHomeCloses(h: number): void {
    if (this.closed[h]) return;
    const home = this.s.homes[h]!;
    this.closed[h] = 1;
    if (this.open[h]) {
      this.open[h] = 0;
      // Free beds close now; occupied beds close as their children leave (see vacate).
      this.metrics.level(this.metrics.bedsOpen, -(home.beds - this.occupancy[h]!));
      this.metrics.level(this.metrics.costRate + COST_HOME_FIXED, -home.fixedPerDay);
    }
  }

  private onHomeReregisters(h: number, r: number, t: number): void {
    if (r > this.registration[h]!) this.registration[h] = r;
    if (this.open[h]) this.fillHome(h, t);
  }

  private onAssessmentOpens(): void {
    const a = this.s.assessment!;
    if (this.assessmentOpen) return;
    this.assessmentOpen = true;
    this.metrics.level(this.metrics.assessmentOpen, a.beds);
    if (a.costBasis === COST_BASIS_PER_BED_OPEN)
      this.metrics.level(this.metrics.costRate + COST_ASSESSMENT, a.beds * a.costPerDay);
    else if (a.costBasis === COST_BASIS_WHOLE_UNIT)
      this.metrics.level(this.metrics.costRate + COST_ASSESSMENT, a.costPerDay);
  }

  private onAssessmentCloses(): void {
    const a = this.s.assessment!;
    if (!this.assessmentOpen) return;
    this.assessmentOpen = false;
    this.metrics.level(this.metrics.assessmentOpen, -a.beds);
    if (a.costBasis === COST_BASIS_PER_BED_OPEN)
      this.metrics.level(this.metrics.costRate + COST_ASSESSMENT, -a.beds * a.costPerDay);
    else if (a.costBasis === COST_BASIS_WHOLE_UNIT)
      this.metrics.level(this.metrics.costRate + COST_ASSESSMENT, -a.costPerDay);
  }

  // ---------------------------------------------------------------- referrals

  private scheduleArrival(c: number, t: number): void {
    const next = this.arrivals[c]!.next(t, this.streams[c]!.arrivals.next());
    this.nextArrival[c] = next < this.horizon ? next : Infinity;
  }

  private onArrival(c: number, t: number): void {
    this.scheduleArrival(c, t);
    const cohort = this.s.cohorts[c]!;
    const st = this.streams[c]!;
    const id = this.newChild(c, t, st, false);
    const share = cohort.atBreakdownShare;
    const atBreakdown = share >= 1 ? true : share <= 0 ? false : st.atBreakdown.next() < share;
    this.ch.needLeft[id] = sample(cohort.stay, st.stay.next());
    this.metrics.count(this.metrics.referrals + c, 1);
    this.traceEvent(t, id, 'referred', cohort.id);
    this.refer(id, t, atBreakdown);
  }

  /** Create a child with the attributes every child has, drawn from the cohort's purpose streams. */
  private newChild(c: number, t: number, st: CohortStreams, census: boolean): number {
    const cohort = this.s.cohorts[c]!;
    const ch = this.ch;
    const id = ch.add();
    this.childStreams[id] = undefined;
    ch.cohort[id] = c;
    ch.originCohort[id] = c;
    ch.originIndex[id] = census ? this.censusCount[c]!++ : this.arrivalCount[c]!++;
    ch.fromCensus[id] = census ? 1 : 0;
    ch.birthDay[id] = cohort.ageAtReferral
      ? t - sample(cohort.ageAtReferral, (census ? st.census : st.age).next()) * DAYS_PER_YEAR
      : NaN;
    ch.singleOccupancy[id] =
      cohort.singleOccupancyShare > 0 && (census ? st.census : st.single).next() < cohort.singleOccupancyShare
        ? 1
        : 0;
    ch.priceU[id] = (census ? st.census : st.price).next();
    ch.hazardBudget[id] =
      cohort.breakdownPerDay > 0 ? -Math.log((census ? st.census : st.breakdown).next()) : NaN;
    if (this.s.art) {
      // How long the team supports this child and how long the child's referral waits before
      // lapsing are the child's own: drawn once, the same at every referral, so an ART (even
      // one with no places) never shifts any other draw.
      const a = st.artSupport;
      ch.artDurationU[id] = a.next();
      ch.artPatienceU[id] = a.next();
    }
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

  /** The child's own stream, for draws whose number depends on the path; created on first use. */
  private own(id: number): RandomStream {
    let r = this.childStreams[id];
    if (r === undefined) {
      const ch = this.ch;
      const c = ch.originCohort[id]!;
      // child/<cohort>/<n> or child/census/<cohort>/<n>, the prefixes joined once a replication.
      r = (ch.fromCensus[id] ? this.censusChildStream : this.childStream)[c]!(ch.originIndex[id]!);
      this.childStreams[id] = r;
    }
    return r;
  }

  private refer(id: number, t: number, atBreakdown: boolean): void {
    const s = this.s;
    const a = s.assessment;
    if (
      atBreakdown &&
      a !== null &&
      s.policies.useAssessmentBeds &&
      this.assessmentOpen &&
      this.assessmentOccupied < a.beds &&
      a.eligible[this.ch.cohort[id]!] === 1
    ) {
      this.startAssessment(id, t);
      return;
    }
    this.place(id, t);
  }

  private startAssessment(id: number, t: number): void {
    const a = this.s.assessment!;
    const ch = this.ch;
    ch.at[id] = AT_ASSESSMENT;
    ch.since[id] = t;
    this.assessmentOccupied++;
    this.metrics.level(this.metrics.assessmentOccupied, 1);
    this.metrics.count(this.metrics.assessments, 1);
    if (a.costBasis === COST_BASIS_PER_OCCUPIED_BED)
      this.metrics.level(this.metrics.costRate + COST_ASSESSMENT, a.costPerDay);
    ch.epoch[id]!++;
    this.q.push(
      t + sample(a.stay, this.own(id).next()),
      E.PRIORITY_RELEASE,
      E.EV_ASSESSMENT_END,
      id,
      ch.epoch[id]!,
    );
    this.traceEvent(t, id, 'assessment starts', '');
  }

  private onAssessmentEnd(id: number, t: number): void {
    this.vacate(id, t);
    this.ch.assessed[id] = 1;
    this.place(id, t);
  }

  // ---------------------------------------------------------------- placement

  /** Place a referred child: a local home, the waiting list, or out of county. */
  private place(id: number, t: number): void {
    const ch = this.ch;
    const c = ch.cohort[id]!;
    const cohort = this.s.cohorts[c]!;
    if (this.ageLimitDay(id) <= t) {
      this.reachAgeLimit(id, t);
      return;
    }
    if (ch.needLeft[id]! <= 0) {
      // No need left (e.g. a breakdown on the day the need would have ended).
      this.leaveWithStepDown(id, t);
      return;
    }
    const h = this.findHome(id);
    if (h >= 0) {
      this.placeLocal(id, h, t, true);
      return;
    }
    if (cohort.sold) {
      this.metrics.count(this.metrics.soldRefused, 1);
      this.traceEvent(t, id, 'refused', 'no spare place to sell');
      this.exit(id, t);
      return;
    }
    if (this.s.policies.maxWaitDays > 0) {
      this.startWaiting(id, t);
      return;
    }
    this.placeOutOfCounty(id, t, this.anyHomeFor(id) ? REASON_ALL_FULL : REASON_NO_ELIGIBLE);
  }

  /** Whether home h can take child id now. */
  private canTake(h: number, id: number): boolean {
    const ch = this.ch;
    if (!this.open[h] || this.blocked[h] || ch.avoidHome[id] === h) return false;
    const home = this.s.homes[h]!;
    if (home.registrations[this.registration[h]!]!.accepts[ch.cohort[id]!] !== 1) return false;
    const occupied = this.occupancy[h]!;
    if (occupied >= home.beds) return false;
    if (ch.singleOccupancy[id]) return occupied === 0 && home.singleOccupancyAllowed;
    return true;
  }

  /** Whether any open home is registered for the child's need (to tell "all full" from "none suitable"). */
  private anyHomeFor(id: number): boolean {
    const c = this.ch.cohort[id]!;
    const single = this.ch.singleOccupancy[id] === 1;
    for (let h = 0; h < this.s.homes.length; h++) {
      const home = this.s.homes[h]!;
      if (
        this.open[h] &&
        home.registrations[this.registration[h]!]!.accepts[c] === 1 &&
        (!single || home.singleOccupancyAllowed)
      )
        return true;
    }
    return false;
  }

  /** The home the matching policy picks for child id, or -1. */
  private findHome(id: number): number {
    const s = this.s;
    const policy = s.policies.matching;
    let best = -1;
    let bestFree = 0;
    let freeTotal = 0;
    for (let h = 0; h < s.homes.length; h++) {
      if (!this.canTake(h, id)) continue;
      const free = s.homes[h]!.beds - this.occupancy[h]!;
      freeTotal += free;
      if (best < 0) {
        best = h;
        bestFree = free;
        if (policy === MATCH_LISTED && !s.cohorts[this.ch.cohort[id]!]!.sold) return h;
      } else if (
        policy === MATCH_FEWEST_FREE ? free < bestFree : policy !== MATCH_LISTED && free > bestFree
      ) {
        best = h;
        bestFree = free;
      }
    }
    const sold = s.cohorts[this.ch.cohort[id]!]!.sold;
    // Sell a place only if enough other suitable beds stay free for our own children.
    if (best >= 0 && sold && freeTotal - 1 < sold.keepFreeBeds) return -1;
    return best;
  }

  private placeLocal(id: number, h: number, t: number, countStart: boolean): void {
    const ch = this.ch;
    const m = this.metrics;
    const home = this.s.homes[h]!;
    const c = ch.cohort[id]!;
    const cohort = this.s.cohorts[c]!;
    ch.at[id] = AT_LOCAL;
    ch.home[id] = h;
    this.occupancy[h]!++;
    if (!this.open[h]) m.level(m.bedsOpen, 1);
    if (ch.singleOccupancy[id]) {
      this.blocked[h] = 1;
      m.level(m.bedsBlocked, home.beds - 1);
    }
    m.level(m.home + h, 1);
    m.level(m.localByCohort + c, 1);
    // Per-bed costs, travel and income are derived from these levels when the books close
    // (Metrics.finish), so a placement updates two levels, not five.
    if (cohort.sold) {
      if (countStart) m.count(m.soldPlacements, 1);
    } else if (countStart) m.count(m.placedLocal + c, 1);
    this.traceEvent(t, id, 'placed locally', home.id);
    this.startPlacement(id, t);
  }

  private placeOutOfCounty(id: number, t: number, reason: number): void {
    const ch = this.ch;
    const m = this.metrics;
    const c = ch.cohort[id]!;
    const cohort = this.s.cohorts[c]!;
    ch.at[id] = AT_OUT_OF_COUNTY;
    const price = sample(cohort.price, ch.priceU[id]!) / 7;
    ch.pricePerDay[id] = price;
    if (this.oocCount === this.oocList.length) {
      const bigger = new Int32Array(this.oocList.length * 2);
      bigger.set(this.oocList);
      this.oocList = bigger;
    }
    ch.oocSlot[id] = this.oocCount;
    this.oocList[this.oocCount++] = id;
    m.level(m.oocByCohort + c, 1);
    m.level(m.costRate + COST_OOC_PLACEMENTS, price);
    if (reason !== REASON_NONE) {
      m.count(m.placedOoc + c, 1);
      if (reason === REASON_NO_ELIGIBLE) m.count(m.overflowNoEligible + c, 1);
      else m.count(m.overflowFull + c, 1);
    }
    if (this.trace)
      this.traceEvent(
        t,
        id,
        'placed out of county',
        reason === REASON_NO_ELIGIBLE
          ? 'no suitable home open'
          : reason === REASON_ALL_FULL
            ? 'suitable beds all full'
            : 'already there',
      );
    this.startPlacement(id, t);
  }

  /** A placement begins: schedule its first ending, and refer the child to the ART. */
  private startPlacement(id: number, t: number): void {
    const ch = this.ch;
    ch.needEnd[id] = t + ch.needLeft[id]!;
    ch.since[id] = t;
    ch.hazardSince[id] = t;
    ch.hazardRate[id] = this.hazardRate(id);
    if (ch.hazardRate[id]! > 0 && Number.isNaN(ch.hazardBudget[id]!))
      ch.hazardBudget[id] = -Math.log(this.own(id).next());
    this.scheduleEnding(id, t);
    if (this.artStarted && ch.artState[id] === ART_NONE) this.referToArt(id, t);
  }

  /** Breakdown hazard per day for the child now. */
  private hazardRate(id: number): number {
    const ch = this.ch;
    const cohort = this.s.cohorts[ch.cohort[id]!]!;
    let r = cohort.breakdownPerDay;
    if (r === 0) return 0;
    if (ch.artState[id] === ART_SUPPORTED) r *= cohort.hazardRatioWithArt;
    if (ch.assessed[id]) r *= this.s.assessment?.hazardRatioAfter ?? 1;
    return r;
  }

  private ageLimitDay(id: number): number {
    const b = this.ch.birthDay[id]!;
    const limit = this.s.cohorts[this.ch.cohort[id]!]!.ageLimit;
    return Number.isNaN(b) || limit === Infinity ? Infinity : b + limit * DAYS_PER_YEAR;
  }

  /** Queue the earliest of planned end, breakdown and age limit (the others are then moot). */
  private scheduleEnding(id: number, t: number): void {
    const ch = this.ch;
    const epoch = ++ch.epoch[id]!;
    let when = ch.needEnd[id]!;
    let kind = E.EV_PLANNED_END;
    const rate = ch.hazardRate[id]!;
    if (rate > 0) {
      const bd = t + ch.hazardBudget[id]! / rate;
      if (bd < when) {
        when = bd;
        kind = E.EV_BREAKDOWN;
      }
    }
    const age = this.ageLimitDay(id);
    if (age < when) {
      when = age;
      kind = E.EV_AGE_LIMIT;
    }
    if (when < this.horizon) this.q.push(Math.max(when, t), E.PRIORITY_RELEASE, kind, id, epoch);
  }

  /** Bring the breakdown budget up to date before the hazard changes. */
  private consumeHazard(id: number, t: number): void {
    const ch = this.ch;
    const rate = ch.hazardRate[id]!;
    if (rate > 0) ch.hazardBudget[id] = Math.max(0, ch.hazardBudget[id]! - (t - ch.hazardSince[id]!) * rate);
    ch.hazardSince[id] = t;
  }

  private isPlaced(id: number): boolean {
    const at = this.ch.at[id];
    return (at === AT_LOCAL || at === AT_OUT_OF_COUNTY) && this.ch.awaitingOnward[id] === 0;
  }

  /** The hazard or the remaining need changed: reschedule the placement's ending. */
  private reschedule(id: number, t: number): void {
    if (!this.isPlaced(id)) return;
    this.ch.hazardRate[id] = this.hazardRate(id);
    this.scheduleEnding(id, t);
  }

  // ---------------------------------------------------------------- endings

  private onPlannedEnd(id: number, t: number): void {
    const ch = this.ch;
    const cohort = this.s.cohorts[ch.cohort[id]!]!;
    const sd = cohort.stepDown;
    if (sd) {
      const d = pickDestination(sd.cumulative, ch.stepU[3 * id]!);
      const delay = sd.delay[d];
      if (delay && ch.stepU[3 * id + 1]! >= sd.availableAtOnce[d]!) {
        // No onward place free: the child stays in the bed until one is.
        const wait = sample(delay, ch.stepU[3 * id + 2]!);
        ch.awaitingOnward[id] = 1;
        ch.onwardDestination[id] = d;
        ch.onwardSince[id] = t;
        this.metrics.level(this.metrics.awaitingOnward, 1);
        this.metrics.count(this.metrics.stepDownsDelayed, 1);
        const epoch = ++ch.epoch[id]!;
        const age = this.ageLimitDay(id);
        const when = Math.min(t + wait, age);
        if (when < this.horizon) this.q.push(when, E.PRIORITY_RELEASE, E.EV_ONWARD_READY, id, epoch);
        this.traceEvent(t, id, 'ready to step down, waiting for a place', sd.ids[d]!);
        return;
      }
    }
    this.leaveWithStepDown(id, t);
  }

  /** The need has ended: count the step-down to its destination (if the cohort has any) and leave. */
  private leaveWithStepDown(id: number, t: number): void {
    const ch = this.ch;
    const c = ch.cohort[id]!;
    const sd = this.s.cohorts[c]!.stepDown;
    if (sd) {
      const d = pickDestination(sd.cumulative, ch.stepU[3 * id]!);
      this.metrics.count(this.metrics.stepDowns + this.metrics.destination(c, d), 1);
      this.traceEvent(t, id, 'steps down', sd.ids[d]!);
    } else this.traceEvent(t, id, 'placement ends as planned', '');
    this.exit(id, t);
  }

  /** An onward place is free (or the child reached the age limit while waiting): step down. */
  private finishStepDown(id: number, t: number): void {
    const ch = this.ch;
    const c = ch.cohort[id]!;
    const d = ch.onwardDestination[id]!;
    ch.awaitingOnward[id] = 0;
    this.metrics.level(this.metrics.awaitingOnward, -1);
    this.metrics.count(this.metrics.stepDownDelayDays, t - ch.onwardSince[id]!);
    this.metrics.count(this.metrics.stepDowns + this.metrics.destination(c, d), 1);
    this.traceEvent(t, id, 'steps down', this.s.cohorts[c]!.stepDown!.ids[d]!);
    this.exit(id, t);
  }

  private onBreakdown(id: number, t: number): void {
    const ch = this.ch;
    const c = ch.cohort[id]!;
    const cohort = this.s.cohorts[c]!;
    this.metrics.count(this.metrics.breakdowns + c, 1);
    this.traceEvent(t, id, 'placement breaks down', '');
    // The child is referred again before the freed bed is offered to anyone waiting, and is
    // not placed back in the home where the placement broke down.
    const freed = ch.at[id] === AT_LOCAL ? ch.home[id]! : -1;
    this.vacate(id, t, false);
    ch.avoidHome[id] = freed;
    ch.assessed[id] = 0;
    ch.hazardBudget[id] = NaN;
    if (cohort.escalateTo >= 0 || cohort.extraStay) {
      const own = this.own(id);
      // Always draw both, so the child's later draws do not depend on whether this one escalated.
      const u = own.next();
      const extra = own.next();
      if (cohort.extraStay) ch.needLeft[id]! += sample(cohort.extraStay, extra);
      if (cohort.escalateTo >= 0 && u < cohort.escalationProbability) {
        ch.cohort[id] = cohort.escalateTo;
        this.traceEvent(t, id, 'need escalates', this.s.cohorts[cohort.escalateTo]!.id);
      }
    }
    this.metrics.count(this.metrics.reReferrals, 1);
    this.refer(id, t, true);
    if (freed >= 0) this.fillHome(freed, t);
  }

  private onAgeLimit(id: number, t: number): void {
    if (this.ch.awaitingOnward[id]) {
      this.finishStepDown(id, t);
      return;
    }
    // The child moves on (or leaves) before the bed is offered to anyone waiting, so a home
    // registered for the cohort the child moves to can simply keep them.
    const freed = this.ch.at[id] === AT_LOCAL ? this.ch.home[id]! : -1;
    this.vacate(id, t, false);
    this.reachAgeLimit(id, t);
    if (freed >= 0) this.fillHome(freed, t);
  }

  /** The child (not placed) has reached the cohort's age limit: referred on, or leaves. */
  private reachAgeLimit(id: number, t: number): void {
    const ch = this.ch;
    const cohort = this.s.cohorts[ch.cohort[id]!]!;
    if (cohort.ageLimitReferTo >= 0) {
      ch.cohort[id] = cohort.ageLimitReferTo;
      ch.hazardBudget[id] = NaN;
      this.metrics.count(this.metrics.ageReferredOn, 1);
      this.metrics.count(this.metrics.reReferrals, 1);
      this.traceEvent(t, id, 'referred on at age limit', this.s.cohorts[cohort.ageLimitReferTo]!.id);
      this.place(id, t);
      return;
    }
    this.metrics.count(this.metrics.ageLeft, 1);
    this.traceEvent(t, id, 'leaves at age limit', '');
    this.exit(id, t);
  }

  /**
   * Take the child out of wherever they are (bed, wait, assessment), updating levels and costs.
   * A freed local bed is offered to waiting children at once unless `refill` is false (exit()
   * refills after its own bookkeeping, so that every event sees a consistent census).
   */
  private vacate(id: number, t: number, refill = true): void {
    const ch = this.ch;
    const m = this.metrics;
    const c = ch.cohort[id]!;
    switch (ch.at[id]) {
      case AT_LOCAL: {
        const h = ch.home[id]!;
        const home = this.s.homes[h]!;
        this.consumeHazard(id, t);
        ch.needLeft[id] = ch.awaitingOnward[id] ? 0 : Math.max(0, ch.needEnd[id]! - t);
        this.occupancy[h]!--;
        if (ch.singleOccupancy[id]) {
          this.blocked[h] = 0;
          m.level(m.bedsBlocked, -(home.beds - 1));
        }
        m.level(m.home + h, -1);
        m.level(m.localByCohort + c, -1);
        // A bed in a home not open for admissions (closing, or holding census children before
        // it opens) counts as open only while occupied.
        if (!this.open[h]) m.level(m.bedsOpen, -1);
        ch.home[id] = -1;
        ch.at[id] = AT_NONE;
        if (refill) this.fillHome(h, t);
        break;
      }
      case AT_OUT_OF_COUNTY: {
        this.consumeHazard(id, t);
        ch.needLeft[id] = ch.awaitingOnward[id] ? 0 : Math.max(0, ch.needEnd[id]! - t);
        const slot = ch.oocSlot[id]!;
        const last = this.oocList[--this.oocCount]!;
        this.oocList[slot] = last;
        ch.oocSlot[last] = slot;
        ch.oocSlot[id] = -1;
        m.level(m.oocByCohort + c, -1);
        m.level(m.costRate + COST_OOC_PLACEMENTS, -ch.pricePerDay[id]!);
        ch.at[id] = AT_NONE;
        break;
      }
      case AT_ASSESSMENT: {
        const a = this.s.assessment!;
        this.assessmentOccupied--;
        m.level(m.assessmentOccupied, -1);
        if (a.costBasis === COST_BASIS_PER_OCCUPIED_BED) m.level(m.costRate + COST_ASSESSMENT, -a.costPerDay);
        ch.at[id] = AT_NONE;
        break;
      }
      case AT_WAITING: {
        m.level(m.waitingLocal, -1);
        m.count(m.waitsEnded, 1);
        m.count(m.waitDays, t - ch.since[id]!);
        ch.at[id] = AT_NONE;
        break;
      }
    }
    if (ch.awaitingOnward[id]) {
      ch.awaitingOnward[id] = 0;
      m.level(m.awaitingOnward, -1);
    }
  }

  /** The child leaves care (or this system) for good. */
  private exit(id: number, t: number): void {
    const ch = this.ch;
    const freed = ch.at[id] === AT_LOCAL ? ch.home[id]! : -1;
    this.vacate(id, t, false);
    ch.epoch[id]!++;
    if (ch.artState[id] === ART_SUPPORTED) this.endSupport(id, t);
    else if (ch.artState[id] === ART_WAITING) this.leaveArtWaitingList(id);
    this.metrics.exitedTotal++;
    this.traceEvent(t, id, 'leaves', '');
    ch.release(id);
    if (freed >= 0) this.fillHome(freed, t);
  }

  // ---------------------------------------------------------------- waiting and refilling

  private startWaiting(id: number, t: number): void {
    const ch = this.ch;
    ch.at[id] = AT_WAITING;
    ch.since[id] = t;
    this.waitList.push(id);
    this.waitSerial.push(ch.serial[id]!);
    this.metrics.level(this.metrics.waitingLocal, 1);
    const epoch = ++ch.epoch[id]!;
    const until = t + this.s.policies.maxWaitDays;
    if (until < this.horizon) this.q.push(until, E.PRIORITY_RELEASE, E.EV_WAIT_EXPIRES, id, epoch);
    this.traceEvent(t, id, 'waits for a local bed', '');
  }

  private onWaitExpires(id: number, t: number): void {
    this.vacate(id, t);
    if (this.ageLimitDay(id) <= t) {
      this.reachAgeLimit(id, t);
      return;
    }
    this.placeOutOfCounty(id, t, this.anyHomeFor(id) ? REASON_ALL_FULL : REASON_NO_ELIGIBLE);
  }

  /** A bed in home h may be free: take the longest-waiting suitable child, else bring one back. */
  private fillHome(h: number, t: number): void {
    for (;;) {
      if (!this.open[h] || this.blocked[h] || this.occupancy[h]! >= this.s.homes[h]!.beds) return;
      let placed = false;
      // Drop placed or departed children from the head of the waiting list (lazy deletion).
      while (this.waitHead < this.waitList.length && !this.stillWaiting(this.waitHead)) this.waitHead++;
      for (let i = this.waitHead; i < this.waitList.length; i++) {
        const id = this.waitList[i]!;
        if (this.stillWaiting(i) && this.canTake(h, id)) {
          this.vacate(id, t);
          // A child who passed the age limit while waiting is handled as at the age limit.
          if (this.ageLimitDay(id) <= t) this.reachAgeLimit(id, t);
          else this.placeLocal(id, h, t, true);
          placed = true;
          break;
        }
      }
      if (placed) continue;
      if (!this.s.policies.repatriation) return;
      const id = this.repatriationCandidate(h, t);
      if (id < 0) return;
      this.vacate(id, t);
      this.metrics.count(this.metrics.repatriations, 1);
      this.traceEvent(t, id, 'brought back into county', this.s.homes[h]!.id);
      this.placeLocal(id, h, t, false);
    }
  }

  /** Whether entry i of the waiting list is a child still waiting (entries are deleted lazily). */
  private stillWaiting(i: number): boolean {
    const id = this.waitList[i]!;
    return this.ch.at[id] === AT_WAITING && this.ch.serial[id] === this.waitSerial[i];
  }

  /** The out-of-county child longest away whom home h can take, with enough need left. */
  private repatriationCandidate(h: number, t: number): number {
    const ch = this.ch;
    const minLeft = this.s.policies.repatriationMinRemainingDays;
    let best = -1;
    for (let i = 0; i < this.oocCount; i++) {
      const id = this.oocList[i]!;
      if (ch.awaitingOnward[id] || ch.needEnd[id]! - t < minLeft || !this.canTake(h, id)) continue;
      if (best < 0 || ch.since[id]! < ch.since[best]!) best = id;
    }
    return best;
  }

  // ---------------------------------------------------------------- ART

  private onArtCapacity(step: number, t: number): void {
    const art = this.s.art!;
    const m = this.metrics;
    const first = !this.artStarted;
    this.artStarted = true;
    const before = this.artCapacity;
    this.artCapacity = art.capacity[step]!;
    m.level(m.artCapacity, this.artCapacity - before);
    if (art.chargeCapacity) m.level(m.costRate + COST_ART, (this.artCapacity - before) * art.costPerChildDay);
    if (first) {
      // Children already placed when the team starts are referred to it, in priority order
      // and, within a priority, in the order they came into care (slots are reused, so by serial).
      const ch = this.ch;
      const placed: number[] = [];
      for (let id = 0; id < ch.count; id++)
        if (this.isPlaced(id) && ch.artState[id] === ART_NONE) placed.push(id);
      placed.sort((a, b) => ch.serial[a]! - ch.serial[b]!);
      for (const id of placed) this.referToArt(id, t);
    }
    this.admitFromArtWaitingList(t);
  }

  private referToArt(id: number, t: number): void {
    const art = this.s.art!;
    const ch = this.ch;
    const group = ch.assessed[id]
      ? ART_GROUP_ASSESSED
      : ch.at[id] === AT_LOCAL
        ? ART_GROUP_LOCAL
        : ART_GROUP_OUT_OF_COUNTY;
    const rank = art.rank[group]!;
    if (rank < 0) return;
    ch.artSince[id] = t;
    if (this.artCaseload < this.artCapacity && this.artWaiting === 0) {
      this.startSupport(id, t);
      return;
    }
    ch.artState[id] = ART_WAITING;
    const epoch = ++ch.artEpoch[id]!;
    this.artLists[rank]!.push(id);
    this.artSerials[rank]!.push(ch.serial[id]!);
    this.artWaiting++;
    this.metrics.level(this.metrics.artWaiting, 1);
    if (art.maxWait) {
      const lapse = t + sample(art.maxWait, ch.artPatienceU[id]!);
      if (lapse < this.horizon) this.q.push(lapse, E.PRIORITY_RELEASE, E.EV_ART_REFERRAL_LAPSES, id, epoch);
    }
    this.admitFromArtWaitingList(t);
  }

  private startSupport(id: number, t: number): void {
    const art = this.s.art!;
    const ch = this.ch;
    const m = this.metrics;
    ch.artState[id] = ART_SUPPORTED;
    this.artCaseload++;
    m.level(m.artCaseload, 1);
    m.count(m.artStarts, 1);
    m.count(m.artWaitDays, t - ch.artSince[id]!);
    if (!art.chargeCapacity) m.level(m.costRate + COST_ART, art.costPerChildDay);
    const epoch = ++ch.artEpoch[id]!;
    const until = t + sample(art.supportDuration, ch.artDurationU[id]!);
    if (until < this.horizon) this.q.push(until, E.PRIORITY_RELEASE, E.EV_ART_SUPPORT_ENDS, id, epoch);
    if (this.isPlaced(id)) {
      // Support lowers the hazard from now and shortens the remaining need (earlier step-down).
      this.consumeHazard(id, t);
      if (art.stayRatio !== 1 && ch.needEnd[id]! > t)
        ch.needEnd[id] = t + (ch.needEnd[id]! - t) * art.stayRatio;
      this.reschedule(id, t);
    } else if (!this.ch.awaitingOnward[id]) ch.needLeft[id]! *= art.stayRatio;
    this.traceEvent(t, id, 'ART support starts', '');
  }

  private endSupport(id: number, t: number): void {
    const art = this.s.art!;
    const ch = this.ch;
    if (this.isPlaced(id)) this.consumeHazard(id, t);
    ch.artState[id] = ART_NONE;
    ch.artEpoch[id]!++;
    this.artCaseload--;
    this.metrics.level(this.metrics.artCaseload, -1);
    if (!art.chargeCapacity) this.metrics.level(this.metrics.costRate + COST_ART, -art.costPerChildDay);
    this.reschedule(id, t);
    this.traceEvent(t, id, 'ART support ends', '');
    this.admitFromArtWaitingList(t);
  }

  private leaveArtWaitingList(id: number): void {
    const ch = this.ch;
    ch.artState[id] = ART_NONE;
    ch.artEpoch[id]!++;
    this.artWaiting--;
    this.metrics.level(this.metrics.artWaiting, -1);
  }

  private onArtLapse(id: number, t: number): void {
    this.leaveArtWaitingList(id);
    this.metrics.count(this.metrics.artLapses, 1);
    this.traceEvent(t, id, 'ART referral lapses', '');
  }

  private admitFromArtWaitingList(t: number): void {
    const ch = this.ch;
    while (this.artCaseload < this.artCapacity && this.artWaiting > 0) {
      let next = -1;
      for (let r = 0; r < 3 && next < 0; r++) {
        const list = this.artLists[r]!;
        const serials = this.artSerials[r]!;
        let head = this.artHeads[r]!;
        while (
          head < list.length &&
          (ch.artState[list[head]!] !== ART_WAITING || ch.serial[list[head]!] !== serials[head])
        )
          head++;
        if (head < list.length) next = list[head++]!;
        this.artHeads[r] = head;
      }
      if (next < 0) return;
      this.artWaiting--;
      this.metrics.level(this.metrics.artWaiting, -1);
      this.startSupport(next, t);
    }
  }

  // ---------------------------------------------------------------- initial census

  private placeCensus(t0: number): void {
    const s = this.s;
    const residual = s.census.residual;
    const start = (c: number): number => {
      const cohort = s.cohorts[c]!;
      const st = this.streams[c]!;
      const id = this.newChild(c, t0, st, true);
      this.setCensusStay(id, cohort, st.census, residual, t0);
      return id;
    };
    for (const e of s.census.local) {
      for (let k = 0; k < e.children; k++) {
        const id = start(e.cohort);
        // A census child placed where the file says, even if single-occupancy rules would not allow it now.
        this.ch.singleOccupancy[id] = 0;
        this.placeLocal(id, e.home, t0, false);
      }
    }
    for (const e of s.census.outOfCounty)
      for (let k = 0; k < e.children; k++) this.placeOutOfCounty(start(e.cohort), t0, REASON_NONE);
  }

  /** Remaining need and age of a child already in care at the start (see residual.ts). */
  private setCensusStay(id: number, cohort: CohortS, st: RandomStream, residual: boolean, t0: number): void {
    const ch = this.ch;
    let elapsed = 0;
    if (residual) {
      const total = lengthBiasedStay(cohort.stayResidual, st.next());
      const u = st.next();
      elapsed = u * total;
      ch.needLeft[id] = (1 - u) * total;
    } else ch.needLeft[id] = sample(cohort.stay, st.next());
    const birth = ch.birthDay[id]!;
    if (!Number.isNaN(birth)) {
      // Age now = age at referral + time in care, unless that passes the age limit (then the
      // child is taken to have been referred recently).
      const ageAtReferral = (t0 - birth) / DAYS_PER_YEAR;
      const ageNow = ageAtReferral + elapsed / DAYS_PER_YEAR;
      if (ageNow < cohort.ageLimit) ch.birthDay[id] = t0 - ageNow * DAYS_PER_YEAR;
    }
  }

  private traceEvent(t: number, id: number, event: string, detail: string): void {
    if (this.trace !== null) this.trace(t, id < 0 ? id : this.ch.serial[id]!, event, detail);
  }
}

/** Index of the destination whose cumulative probability first reaches u. */
function pickDestination(cumulative: Float64Array, u: number): number {
  let d = 0;
  while (d < cumulative.length - 1 && u > cumulative[d]!) d++;
  return d;
}
