/**
 * One replication of the care system: the event loop and the switch over event kinds.
 *
 * The care model is made of parts that own their state, as simmer's resources and SimPy's
 * `Resource` do, and of the child's journey that moves a child between them (journey.ts):
 * - homes.ts: the homes and matching; waitingList.ts: the queue for a local bed;
 * - assessmentUnit.ts: the assessment beds and their cost; outOfCounty.ts: external placements
 *   and repatriation; art.ts: the ART's caseload and priority lists;
 * - endings.ts: a placement's competing endings and the step-down; structure.ts: openings,
 *   closings, re-registrations and capacity steps; census.ts: the children in care at the start;
 * - referrals.ts and streams.ts: arrivals and a child's attributes, from named streams (common
 *   random numbers, STYLE.md); children.ts: the child store; metrics.ts and series.ts: results;
 *   trace.ts: the optional event trace.
 *
 * Hot loop: children are ids into typed arrays (children.ts); events are numbers in the
 * engine's heap, dispatched by a switch to methods; no closure, object or string is created
 * per event unless the optional trace is on. Only the earliest of a placement's possible
 * ends is queued, since whichever comes first cancels the others.
 */
import { EventQueue } from '../engine/eventQueue.ts';
import { ART_SUPPORTED, ART_WAITING, AT_WAITING, ChildStore } from './children.ts';
import * as E from './events.ts';
import { Journey } from './journey.ts';
import { Metrics } from './metrics.ts';
import type { Scenario } from './scenario.ts';
import { Tracer, type TraceSink } from './trace.ts';

export { streamNames } from './streams.ts';
export type { TraceSink } from './trace.ts';

/**
 * The growable stores of a simulator, which know nothing of its scenario: a model with beliefs
 * builds a simulator every replication, and handing each the last one's stores saves allocating
 * and growing them again. Simulators that share a workspace must run one after another.
 */
export interface Workspace {
  readonly q: EventQueue;
  readonly ch: ChildStore;
}

/** A workspace for simulators run one after another (each run starts by clearing it). */
export const newWorkspace = (): Workspace => ({ q: new EventQueue(256), ch: new ChildStore() });

/**
 * A simulator for one scenario. Reuse it for many replications: its arrays are kept.
 * @example
 * const sim = new Replication(normalise(model));
 * const monthly = sim.run(seed, 0); // rows: sim.metrics.defs
 */
export class Replication {
  readonly s: Scenario;
  readonly metrics: Metrics;
  /** Events taken from the calendar in the last run (stale ones included), for benchmarks. */
  eventsProcessed = 0;
  private readonly q: EventQueue;
  private readonly ch: ChildStore;
  private readonly trace: Tracer;
  /** The child's journey, which holds the parts. */
  private readonly journey: Journey;

  /** @param workspace stores to use (and leave for the next simulator); new ones if omitted. */
  constructor(s: Scenario, workspace: Workspace = newWorkspace()) {
    this.s = s;
    this.q = workspace.q;
    this.ch = workspace.ch;
    this.metrics = new Metrics(s);
    this.trace = new Tracer(this.ch);
    this.journey = new Journey(s, this.q, this.ch, this.metrics, this.trace);
  }

  /**
   * Simulate replication `rep` under master seed `seed`.
   * @param into where to write the result matrix (a new array if omitted), so that a batch
   *   of replications reuses one matrix rather than allocating one each.
   * @returns the monthly result matrix (rows: `metrics.defs`, row-major by month)
   */
  run(seed: number, rep: number, trace: TraceSink | null = null, into?: Float64Array): Float64Array {
    const s = this.s;
    this.trace.sink = trace;
    const t0 = -s.warmupDays;
    this.q.clear(t0);
    this.ch.reset();
    this.metrics.reset();
    this.journey.start(seed, rep, t0);

    const q = this.q;
    const H = s.horizonDays;
    const j = this.journey;
    const nextArrival = j.referrals.next;
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
        this.dispatch(E.EV_ARRIVAL, ac, 0, at);
        continue;
      }
      if (!q.pop()) break;
      const t = q.time;
      if (t >= H) break;
      events++;
      metrics.at(t);
      this.dispatch(q.kind, q.entity, q.tag, t);
    }
    this.eventsProcessed = events;
    return this.metrics.finish(H, into);
  }

  /**
   * The switch over event kinds: a referral (EV_ARRIVAL, entity = cohort) or an event of the
   * calendar, on day t. Events of a placement, wait or assessment carry the child's epoch as
   * their tag and are stale (ignored) once the epoch has moved on (lazy cancellation).
   *
   * A method of its own, called for every event, rather than a switch inside the loop: V8 then
   * keeps the calendar's pop and the ledger's clock inline in run() instead of spending run()'s
   * inlining budget on the handlers (measured on the loss system, test/bench).
   */
  private dispatch(kind: number, e: number, tag: number, t: number): void {
    const j = this.journey;
    const ch = this.ch;
    switch (kind) {
      case E.EV_ARRIVAL:
        j.onArrival(e, t);
        break;
      case E.EV_PLANNED_END:
        if (tag === ch.epoch[e]) j.onPlannedEnd(e, t);
        break;
      case E.EV_BREAKDOWN:
        if (tag === ch.epoch[e]) j.onBreakdown(e, t);
        break;
      case E.EV_AGE_LIMIT:
        if (tag === ch.epoch[e]) j.onAgeLimit(e, t);
        break;
      case E.EV_ONWARD_READY:
        if (tag === ch.epoch[e]) j.finishStepDown(e, t);
        break;
      case E.EV_ASSESSMENT_END:
        if (tag === ch.epoch[e]) j.onAssessmentEnd(e, t);
        break;
      case E.EV_WAIT_EXPIRES:
        if (tag === ch.epoch[e] && ch.at[e] === AT_WAITING) j.onWaitExpires(e, t);
        break;
      case E.EV_HOME_OPENS:
        if (j.homes.opens(e, t)) j.fillHome(e, t);
        break;
      case E.EV_HOME_CLOSES:
        j.homes.close(e);
        break;
      case E.EV_HOME_BED_ADDED:
        if (j.homes.addBed(e, t)) j.fillHome(e, t);
        break;
      case E.EV_HOME_REREGISTERS:
        if (j.homes.reregister(e, tag)) j.fillHome(e, t);
        break;
      case E.EV_ASSESSMENT_OPENS:
        j.unit.open();
        break;
      case E.EV_ASSESSMENT_CLOSES:
        j.unit.close();
        break;
      case E.EV_ART_CAPACITY:
        j.art.onCapacity(tag, t);
        break;
      case E.EV_ART_SUPPORT_ENDS:
        if (tag === ch.artEpoch[e] && ch.artState[e] === ART_SUPPORTED) j.art.endSupport(e, t);
        break;
      case E.EV_ART_REFERRAL_LAPSES:
        if (tag === ch.artEpoch[e] && ch.artState[e] === ART_WAITING) j.art.onLapse(e, t);
        break;
    }
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

  /**
   * The birth day (model days) of the child with this serial number while it is in care, NaN if
   * its cohort draws no age or its slot has been reused. For a trace sink that writes children's
   * histories (synthetic 903 returns): call it from the sink, while the child is live.
   */
  birthDayOf(serial: number): number {
    const id = this.slotOf(serial);
    return id < 0 ? NaN : this.ch.birthDay[id]!;
  }

  /** Current occupancy of each home, for invariant checks in tests. */
  homeOccupancy(): Int32Array {
    return this.journey.homes.occupancy;
  }
}
