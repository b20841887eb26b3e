/**
 * A placement's competing endings: its planned end (the need ends), a breakdown, or the cohort's
 * age limit, whichever comes first; and at the planned end, the step-down to an onward place.
 *
 * Why a part of its own: the breakdown is a competing risk whose hazard changes while the child is
 * placed (the ART lowers it while it supports the child, a prior assessment lowers it), and the
 * planned end moves when the ART shortens the need. The child carries an Exp(1) hazard budget that
 * is used up at the current rate; whenever the rate or the need changes the budget is brought up
 * to date and the ending rescheduled. Only the earliest ending is queued, since whichever comes
 * first cancels the others; the child's epoch is bumped so that an ending queued before goes
 * stale (lazy cancellation).
 *
 * At the planned end the child steps down to a destination drawn at referral; when no onward
 * place is free that day, the child stays in the bed until one is (the bed stays occupied). An onward
 * placement may cost the council a weekly sum (foster care, supported lodgings) for a time drawn for
 * the child or until an age: the cost starts with the move and its end is dated in advance in the
 * ledger (no event is needed, since nothing else happens then).
 */
import { DAYS_PER_YEAR } from '../engine/calendar.ts';
import type { EventQueue } from '../engine/eventQueue.ts';
import { sample } from '../random/compiled.ts';
import { AT_LOCAL, AT_OUT_OF_COUNTY, ART_SUPPORTED, type ChildStore } from './children.ts';
import * as E from './events.ts';
import { COST_ONWARD, type Metrics } from './metrics.ts';
import type { Scenario, StepDownS } from './scenario.ts';
import type { Streams } from './streams.ts';
import type { Tracer } from './trace.ts';
import ln from '@stdlib/math-base-special-ln';

export class Endings {
  private readonly s: Scenario;
  /** s.horizonDays, read per placement. */
  private readonly horizon: number;
  private readonly ch: ChildStore;
  private readonly q: EventQueue;
  private readonly streams: Streams;
  private readonly m: Metrics;
  private readonly trace: Tracer;
  /** Hazard multiplier after an assessment. */
  private readonly afterAssessment: number;
  /** Each cohort's age limit in days (Infinity: none). */
  private readonly ageLimitDays: Float64Array;

  constructor(s: Scenario, ch: ChildStore, q: EventQueue, streams: Streams, m: Metrics, trace: Tracer) {
    this.s = s;
    this.horizon = s.horizonDays;
    this.ch = ch;
    this.q = q;
    this.streams = streams;
    this.m = m;
    this.trace = trace;
    this.afterAssessment = s.assessment?.hazardRatioAfter ?? 1;
    this.ageLimitDays = Float64Array.from(s.cohorts, (c) => c.ageLimit * DAYS_PER_YEAR);
  }

  /** A placement begins on day t: the need starts counting down and the first ending is queued. */
  begin(id: number, t: number): void {
    const ch = this.ch;
    ch.needEnd[id] = t + ch.needLeft[id]!;
    ch.since[id] = t;
    ch.hazardSince[id] = t;
    ch.hazardRate[id] = this.hazardRate(id);
    if (ch.hazardRate[id]! > 0 && Number.isNaN(ch.hazardBudget[id]!))
      ch.hazardBudget[id] = -ln(this.streams.own(id).next());
    this.schedule(id, t);
  }

  /** The placement of child id ends on day t: keep the need left (none once ready to step down). */
  end(id: number, t: number): void {
    const ch = this.ch;
    this.consumeHazard(id, t);
    ch.needLeft[id] = ch.awaitingOnward[id] ? 0 : Math.max(0, ch.needEnd[id]! - t);
  }

  /** Breakdown hazard per day for the child now. */
  private hazardRate(id: number): number {
    // Split so that the common case (a cohort without breakdowns) inlines.
    const r = this.s.cohorts[this.ch.cohort[id]!]!.breakdownPerDay;
    return r === 0 ? 0 : this.supportedHazard(id, r);
  }

  /** The hazard r, lowered while the ART supports the child and after an assessment. */
  private supportedHazard(id: number, r: number): number {
    const ch = this.ch;
    if (ch.artState[id] === ART_SUPPORTED) r *= this.s.cohorts[ch.cohort[id]!]!.hazardRatioWithArt;
    if (ch.assessed[id]) r *= this.afterAssessment;
    return r;
  }

  /** The day the child reaches the cohort's age limit (Infinity: never). */
  ageLimitDay(id: number): number {
    // NaN when the child has no birth day (no ageing): never.
    const day = this.ch.birthDay[id]! + this.ageLimitDays[this.ch.cohort[id]!]!;
    return day === day ? day : Infinity;
  }

  /** Queue the earliest of planned end, breakdown and age limit (the others are then moot). */
  private schedule(id: number, t: number): void {
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
  consumeHazard(id: number, t: number): void {
    const ch = this.ch;
    const rate = ch.hazardRate[id]!;
    if (rate > 0) ch.hazardBudget[id] = Math.max(0, ch.hazardBudget[id]! - (t - ch.hazardSince[id]!) * rate);
    ch.hazardSince[id] = t;
  }

  /** Whether the child is in a placement that is running (not merely awaiting an onward place). */
  isPlaced(id: number): boolean {
    const at = this.ch.at[id];
    return (at === AT_LOCAL || at === AT_OUT_OF_COUNTY) && this.ch.awaitingOnward[id] === 0;
  }

  /** The hazard or the remaining need changed: reschedule the placement's ending. */
  reschedule(id: number, t: number): void {
    if (!this.isPlaced(id)) return;
    this.ch.hazardRate[id] = this.hazardRate(id);
    this.schedule(id, t);
  }

  /**
   * After a breakdown on day t: the next placement draws a new hazard budget, and the need may
   * escalate to another cohort or grow (draws from the child's own stream).
   */
  afterBreakdown(id: number, t: number): void {
    const ch = this.ch;
    const cohort = this.s.cohorts[ch.cohort[id]!]!;
    ch.hazardBudget[id] = NaN;
    if (cohort.escalateTo >= 0 || cohort.extraStay) {
      const own = this.streams.own(id);
      // Always draw both, so the child's later draws do not depend on whether this one escalated.
      const u = own.next();
      const extra = own.next();
      if (cohort.extraStay) ch.needLeft[id]! += sample(cohort.extraStay, extra);
      if (cohort.escalateTo >= 0 && u < cohort.escalationProbability) {
        ch.cohort[id] = cohort.escalateTo;
        this.trace.event(t, id, 'need escalates', this.s.cohorts[cohort.escalateTo]!.id);
      }
    }
  }

  // ---------------------------------------------------------------- step-down

  /**
   * Child id's need ended on day t. Returns true when no onward place is free: the child stays
   * in the bed until one is (or until the age limit); false when the child steps down now.
   */
  awaitOnward(id: number, t: number): boolean {
    // The common case (no step-down, or a place free at once) stays small enough to inline.
    const sd = this.s.cohorts[this.ch.cohort[id]!]!.stepDown;
    return sd !== null && this.delayStepDown(id, t, sd);
  }

  private delayStepDown(id: number, t: number, sd: StepDownS): boolean {
    const ch = this.ch;
    const d = pickDestination(sd.cumulative, ch.stepU[3 * id]!);
    const delay = sd.delay[d];
    if (!delay || !(ch.stepU[3 * id + 1]! >= sd.availableAtOnce[d]!)) return false;
    const wait = sample(delay, ch.stepU[3 * id + 2]!);
    ch.awaitingOnward[id] = 1;
    ch.onwardDestination[id] = d;
    ch.onwardSince[id] = t;
    this.m.level(this.m.awaitingOnward, 1);
    this.m.count(this.m.stepDownsDelayed, 1);
    const epoch = ++ch.epoch[id]!;
    const when = Math.min(t + wait, this.ageLimitDay(id));
    if (when < this.s.horizonDays) this.q.push(when, E.PRIORITY_RELEASE, E.EV_ONWARD_READY, id, epoch);
    this.trace.event(t, id, 'ready to step down, waiting for a place', sd.ids[d]!);
    return true;
  }

  /** Child id's need ended on day t and it leaves now: count the step-down to its destination, if any. */
  stepDown(id: number, t: number): void {
    const sd = this.s.cohorts[this.ch.cohort[id]!]!.stepDown;
    if (sd) this.countStepDown(id, t, sd);
    else this.trace.event(t, id, 'placement ends as planned', '');
  }

  private countStepDown(id: number, t: number, sd: StepDownS): void {
    const d = pickDestination(sd.cumulative, this.ch.stepU[3 * id]!);
    this.m.count(this.m.stepDowns + this.m.destination(this.ch.cohort[id]!, d), 1);
    this.trace.event(t, id, 'steps down', sd.ids[d]!);
    if (sd.costPerDay[d]! > 0) this.startOnwardCost(id, t, sd, d);
  }

  /**
   * Child id moves on day t to onward placement d, which costs the council: the cost runs from now
   * until its duration (drawn for the child) or the destination's age limit ends it.
   */
  private startOnwardCost(id: number, t: number, sd: StepDownS, d: number): void {
    const ch = this.ch;
    const m = this.m;
    const rate = sd.costPerDay[d]!;
    const duration = sd.costDuration[d];
    let end = duration ? t + sample(duration, ch.onwardU[id]!) : Infinity;
    const age = sd.costUntilAge[d]!;
    const birth = ch.birthDay[id]!;
    if (age < Infinity && birth === birth) end = Math.min(end, birth + age * DAYS_PER_YEAR);
    if (!(end > t)) return;
    m.level(m.costRate + COST_ONWARD, rate);
    m.level(m.inOnward, 1);
    if (end < this.horizon) {
      m.levelAt(end, m.costRate + COST_ONWARD, -rate);
      m.levelAt(end, m.inOnward, -1);
    }
  }

  /** Child id, awaiting an onward place, leaves its placement some other way. */
  stopAwaiting(id: number): void {
    this.ch.awaitingOnward[id] = 0;
    this.m.level(this.m.awaitingOnward, -1);
  }

  /** The onward place child id awaited is free on day t (or the child reached the age limit): it steps down. */
  onwardPlaceFree(id: number, t: number): void {
    const ch = this.ch;
    const c = ch.cohort[id]!;
    const d = ch.onwardDestination[id]!;
    const sd = this.s.cohorts[c]!.stepDown!;
    ch.awaitingOnward[id] = 0;
    this.m.level(this.m.awaitingOnward, -1);
    this.m.count(this.m.stepDownDelayDays, t - ch.onwardSince[id]!);
    this.m.count(this.m.stepDowns + this.m.destination(c, d), 1);
    this.trace.event(t, id, 'steps down', sd.ids[d]!);
    if (sd.costPerDay[d]! > 0) this.startOnwardCost(id, t, sd, d);
  }
}

/** Index of the destination whose cumulative probability first reaches u. */
function pickDestination(cumulative: Float64Array, u: number): number {
  let d = 0;
  while (d < cumulative.length - 1 && u > cumulative[d]!) d++;
  return d;
}
