/**
 * The child's journey through the care model: referral, assessment, placement (a local home,
 * the waiting list or out of county) and the endings (step-down, breakdown, age limit), moving
 * the child between the parts that own the state.
 *
 * A referral arrives (new, or after a breakdown or an age limit); at a breakdown it may go
 * to a free assessment bed first; then it is matched to a suitable local home, waits for
 * one if policy allows, or goes out of county. A placement ends at the earliest of its
 * planned end (need ends: step-down, possibly delayed while no onward place is free, the bed
 * staying occupied), a breakdown (a competing risk whose hazard the ART and a prior
 * assessment lower) or the cohort's age limit. A local bed that frees or opens is offered as
 * `policies.freedBed` says, to a child waiting for one or (if policy allows) to a child brought
 * back into county: the longest waiting, the longest away, the dearest or the most in need.
 * An assessment stay, when it replaces the emergency placement (the default), uses up the
 * child's need like a placement.
 *
 * Why a module of its own: the parts (homes, the assessment unit, out-of-county placements, the
 * ART, the waiting list, the placement's endings) own their arrays and answer questions about
 * them, as simmer's resources and SimPy's `Resource` do; the decisions that move a child from
 * one to the next are the process, and live here, beside the event loop (replication.ts) that
 * calls them. Each part is created once and held in a readonly field, so every call to it is
 * monomorphic and small enough for V8 to inline.
 */
import type { EventQueue } from '../engine/eventQueue.ts';
import { sample } from '../random/compiled.ts';
import { ArtTeam } from './art.ts';
import { AssessmentUnit } from './assessmentUnit.ts';
import { placeCensus, type CensusPlacement } from './census.ts';
import {
  AT_ASSESSMENT,
  AT_LOCAL,
  AT_NONE,
  AT_OUT_OF_COUNTY,
  AT_WAITING,
  ART_NONE,
  type ChildStore,
} from './children.ts';
import { Endings } from './endings.ts';
import * as E from './events.ts';
import { Homes } from './homes.ts';
import type { Metrics } from './metrics.ts';
import { OutOfCounty } from './outOfCounty.ts';
import { Referrals } from './referrals.ts';
import { FREED_LONGEST_AWAY, FREED_LONGEST_WAITING, type Scenario } from './scenario.ts';
import { Streams } from './streams.ts';
import { scheduleStructure } from './structure.ts';
import type { Tracer } from './trace.ts';
import { WaitingList } from './waitingList.ts';

/** Why a placement went out of county, and how the trace says it. */
const REASON_NONE = 0; // census: already there
const REASON_NO_ELIGIBLE = 1;
const REASON_ALL_FULL = 2;
const REASON_TEXT = ['already there', 'no suitable home open', 'suitable beds all full'];

export class Journey {
  readonly referrals: Referrals;
  readonly homes: Homes;
  readonly unit: AssessmentUnit;
  readonly art: ArtTeam;
  private readonly s: Scenario;
  private readonly q: EventQueue;
  private readonly ch: ChildStore;
  private readonly metrics: Metrics;
  private readonly trace: Tracer;
  private readonly streams: Streams;
  private readonly waiting: WaitingList;
  private readonly ooc: OutOfCounty;
  private readonly endings: Endings;
  /** Where census children go (made once: called at the start of each replication). */
  private readonly censusPlacement: CensusPlacement;

  constructor(s: Scenario, q: EventQueue, ch: ChildStore, m: Metrics, trace: Tracer) {
    this.s = s;
    this.q = q;
    this.ch = ch;
    this.metrics = m;
    this.trace = trace;
    this.streams = new Streams(s, ch);
    this.referrals = new Referrals(s, ch, this.streams, m);
    this.homes = new Homes(s, ch, q, m, trace);
    this.ooc = new OutOfCounty(s, ch, m, this.homes);
    this.waiting = new WaitingList(s, ch, q, m, this.homes, this.ooc, trace);
    this.unit = new AssessmentUnit(s, m);
    this.endings = new Endings(s, ch, q, this.streams, m, trace);
    this.art = new ArtTeam(s, ch, q, m, this.endings, trace);
    this.censusPlacement = {
      local: (id, h, t0) => this.placeLocal(id, h, t0, false),
      outOfCounty: (id, t0) => this.placeOutOfCounty(id, t0, REASON_NONE),
    };
  }

  /**
   * Start replication `rep` under master seed `seed` on day t0 (the calendar, child store and
   * metrics already cleared): the streams, the structure, the census and the first referrals.
   */
  start(seed: number, rep: number, t0: number): void {
    const s = this.s;
    this.streams.reset(seed, rep);
    this.referrals.reset();
    this.homes.reset();
    this.waiting.reset();
    this.unit.reset();
    this.ooc.reset();
    this.art.reset();
    scheduleStructure(s, t0, this.q, this.metrics, this.streams, this.homes, this.unit, this.art);
    placeCensus(s, t0, this.ch, this.referrals, this.streams, this.censusPlacement);
    this.homes.afterCensus();
    // A home open at the start offers its free beds as any freed bed (to children brought back).
    for (let h = 0; h < s.homes.length; h++) this.fillHome(h, t0);
    for (const c of s.cohorts) this.referrals.schedule(c.index, t0);
  }

  // ---------------------------------------------------------------- referral and assessment

  onArrival(c: number, t: number): void {
    this.referrals.schedule(c, t);
    const id = this.referrals.referral(c, t);
    this.metrics.count(this.metrics.referrals + c, 1);
    this.trace.event(t, id, 'referred', this.s.cohorts[c]!.id);
    this.refer(id, t, this.referrals.atBreakdown);
  }

  private refer(id: number, t: number, atBreakdown: boolean): void {
    if (atBreakdown && this.unit.hasBedFor(this.ch.cohort[id]!)) this.startAssessment(id, t);
    else this.place(id, t);
  }

  private startAssessment(id: number, t: number): void {
    const ch = this.ch;
    const a = this.s.assessment!;
    ch.at[id] = AT_ASSESSMENT;
    ch.since[id] = t;
    this.unit.admit();
    const epoch = ++ch.epoch[id]!;
    const stay = sample(a.stay, this.streams.own(id).next());
    // Instead of an emergency placement (000 ¶17-20): the stay uses up the need as a placement would.
    if (a.replacesPlacement) ch.needLeft[id] = Math.max(0, ch.needLeft[id]! - stay);
    this.q.push(t + stay, E.PRIORITY_RELEASE, E.EV_ASSESSMENT_END, id, epoch);
    this.trace.event(t, id, 'assessment starts', '');
  }

  onAssessmentEnd(id: number, t: number): void {
    this.vacate(id, t);
    this.ch.assessed[id] = 1;
    this.place(id, t);
  }

  // ---------------------------------------------------------------- placement

  /** Place a referred child: a local home, the waiting list, or out of county. */
  private place(id: number, t: number): void {
    if (this.endings.ageLimitDay(id) <= t) this.reachAgeLimit(id, t);
    // No need left (e.g. a breakdown on the day the need would have ended).
    else if (this.ch.needLeft[id]! <= 0) this.leaveWithStepDown(id, t);
    else {
      const h = this.homes.findHome(id);
      if (h >= 0) this.placeLocal(id, h, t, true);
      else this.noLocalBed(id, t);
    }
  }

  /** No local home can take the child now: refused (a place to sell), the waiting list, or out of county. */
  private noLocalBed(id: number, t: number): void {
    if (this.s.cohorts[this.ch.cohort[id]!]!.sold) {
      this.metrics.count(this.metrics.soldRefused, 1);
      this.trace.event(t, id, 'refused', 'no spare place to sell');
      this.exit(id, t);
      return;
    }
    // A child waits only for a bed an open home could give: with no suitable home open, waiting
    // would only delay the out-of-county placement (and cost nothing while it lasted).
    const suitable = this.homes.anyHomeFor(id);
    if (suitable && this.s.policies.maxWaitDays > 0) this.waiting.join(id, t);
    else this.placeOutOfCounty(id, t, suitable ? REASON_ALL_FULL : REASON_NO_ELIGIBLE);
  }

  private placeLocal(id: number, h: number, t: number, countStart: boolean): void {
    const ch = this.ch;
    const m = this.metrics;
    const c = ch.cohort[id]!;
    ch.at[id] = AT_LOCAL;
    ch.home[id] = h;
    // A census child's earlier start (vintage pricing) is that of this placement, not of a later one.
    ch.vintageDay[id] = NaN;
    this.homes.admit(id, h, c);
    if (this.s.cohorts[c]!.sold) {
      if (countStart) m.count(m.soldPlacements, 1);
    } else if (countStart) m.count(m.placedLocal + c, 1);
    this.trace.event(t, id, 'placed locally', this.s.homes[h]!.id);
    this.startPlacement(id, t);
  }

  private placeOutOfCounty(id: number, t: number, reason: number): void {
    const ch = this.ch;
    const m = this.metrics;
    const c = ch.cohort[id]!;
    ch.at[id] = AT_OUT_OF_COUNTY;
    this.ooc.add(id, c, t);
    if (reason !== REASON_NONE) {
      m.count(m.placedOoc + c, 1);
      if (reason === REASON_NO_ELIGIBLE) m.count(m.overflowNoEligible + c, 1);
      else m.count(m.overflowFull + c, 1);
    }
    if (this.trace.on) this.trace.event(t, id, 'placed out of county', REASON_TEXT[reason]!);
    this.startPlacement(id, t);
  }

  /** A placement begins: schedule its first ending, and refer the child to the ART. */
  private startPlacement(id: number, t: number): void {
    this.endings.begin(id, t);
    if (this.art.started && this.ch.artState[id] === ART_NONE) this.art.refer(id, t);
  }

  // ---------------------------------------------------------------- endings

  onPlannedEnd(id: number, t: number): void {
    if (!this.endings.awaitOnward(id, t)) this.leaveWithStepDown(id, t);
  }

  /** The need has ended: the child steps down (counted by destination, if the cohort has any) and leaves. */
  private leaveWithStepDown(id: number, t: number): void {
    this.endings.stepDown(id, t);
    this.exit(id, t);
  }

  /** An onward place is free (or the child reached the age limit while waiting): step down. */
  finishStepDown(id: number, t: number): void {
    this.endings.onwardPlaceFree(id, t);
    this.exit(id, t);
  }

  onBreakdown(id: number, t: number): void {
    const ch = this.ch;
    const c = ch.cohort[id]!;
    this.metrics.count(this.metrics.breakdowns + c, 1);
    this.trace.event(t, id, 'placement breaks down', '');
    // The child is referred again before the freed bed is offered to anyone waiting, and is
    // not placed back in the home where the placement broke down.
    const freed = ch.at[id] === AT_LOCAL ? ch.home[id]! : -1;
    this.vacate(id, t, false);
    ch.avoidHome[id] = freed;
    ch.assessed[id] = 0;
    this.endings.afterBreakdown(id, t);
    this.metrics.count(this.metrics.reReferrals, 1);
    this.refer(id, t, true);
    if (freed >= 0) this.fillHome(freed, t);
  }

  onAgeLimit(id: number, t: number): void {
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
    const m = this.metrics;
    const cohort = this.s.cohorts[ch.cohort[id]!]!;
    if (cohort.ageLimitReferTo >= 0) {
      ch.cohort[id] = cohort.ageLimitReferTo;
      ch.hazardBudget[id] = NaN;
      m.count(m.ageReferredOn, 1);
      m.count(m.reReferrals, 1);
      this.trace.event(t, id, 'referred on at age limit', this.s.cohorts[cohort.ageLimitReferTo]!.id);
      this.place(id, t);
      return;
    }
    m.count(m.ageLeft, 1);
    this.trace.event(t, id, 'leaves at age limit', '');
    this.exit(id, t);
  }

  /**
   * Take the child out of wherever they are (bed, wait, assessment), updating levels and costs.
   * A freed local bed is offered to waiting children at once unless `refill` is false (exit()
   * refills after its own bookkeeping, so that every event sees a consistent census).
   */
  private vacate(id: number, t: number, refill = true): void {
    // Each place in its own method: the hot paths stay small enough for V8 to inline.
    const at = this.ch.at[id];
    if (at === AT_LOCAL) this.leaveHome(id, t, refill);
    else if (at !== AT_NONE) this.leaveElsewhere(id, t, at);
    if (this.ch.awaitingOnward[id]) this.endings.stopAwaiting(id);
  }

  private leaveHome(id: number, t: number, refill: boolean): void {
    const ch = this.ch;
    const h = ch.home[id]!;
    this.endings.end(id, t);
    this.homes.release(id, h, ch.cohort[id]!);
    ch.home[id] = -1;
    ch.at[id] = AT_NONE;
    if (refill) this.fillHome(h, t);
  }

  /** Out of county, in assessment or waiting (at), the child leaves. */
  private leaveElsewhere(id: number, t: number, at: number): void {
    const ch = this.ch;
    if (at === AT_OUT_OF_COUNTY) {
      this.endings.end(id, t);
      this.ooc.remove(id, ch.cohort[id]!);
    } else if (at === AT_ASSESSMENT) this.unit.discharge();
    else if (at === AT_WAITING) this.waiting.leave(id, t);
    ch.at[id] = AT_NONE;
  }

  /** The child leaves care (or this system) for good. */
  private exit(id: number, t: number): void {
    const ch = this.ch;
    const freed = ch.at[id] === AT_LOCAL ? ch.home[id]! : -1;
    this.vacate(id, t, false);
    ch.epoch[id]!++;
    if (ch.artState[id] !== ART_NONE) this.art.leave(id, t);
    this.metrics.exitedTotal++;
    this.trace.event(t, id, 'leaves', '');
    ch.release(id);
    if (freed >= 0) this.fillHome(freed, t);
  }

  // ---------------------------------------------------------------- waiting and refilling

  onWaitExpires(id: number, t: number): void {
    this.vacate(id, t);
    if (this.endings.ageLimitDay(id) <= t) {
      this.reachAgeLimit(id, t);
      return;
    }
    this.placeOutOfCounty(id, t, this.homes.anyHomeFor(id) ? REASON_ALL_FULL : REASON_NO_ELIGIBLE);
  }

  /** A bed in home h may be free (or new): offer it as policies.freedBed says, while the home has room. */
  fillHome(h: number, t: number): void {
    while (this.homes.hasRoom(h)) {
      const id = this.offerBed(h, t);
      if (id < 0) return;
      if (this.ch.at[id] === AT_WAITING) this.takeFromWaitingList(id, h, t);
      else this.repatriate(id, h, t);
    }
  }

  /**
   * The child offered a free bed in home h on day t (-1: none): among those waiting for a local bed
   * and, when repatriation is enabled, those out of county whom the home can take, in the order of
   * policies.freedBed. Under "dearest" and "highest need" a waiting child wins a tie.
   */
  private offerBed(h: number, t: number): number {
    const p = this.s.policies;
    const order = p.freedBed;
    const anyWaiting = !this.waiting.isEmpty();
    if (order === FREED_LONGEST_WAITING) {
      const w = anyWaiting ? this.waiting.firstFor(h) : -1;
      return w >= 0 || !p.repatriation ? w : this.ooc.candidate(h, t, FREED_LONGEST_AWAY);
    }
    if (order === FREED_LONGEST_AWAY) {
      const o = p.repatriation ? this.ooc.candidate(h, t, FREED_LONGEST_AWAY) : -1;
      return o >= 0 || !anyWaiting ? o : this.waiting.firstFor(h);
    }
    const w = anyWaiting ? this.waiting.bestFor(h, t, order, this.ooc) : -1;
    const o = p.repatriation ? this.ooc.candidate(h, t, order) : -1;
    if (w < 0 || o < 0) return w >= 0 ? w : o;
    return this.ooc.score(o, t, order) > this.ooc.score(w, t, order) ? o : w;
  }

  private takeFromWaitingList(id: number, h: number, t: number): void {
    this.vacate(id, t);
    // A child who passed the age limit while waiting is handled as at the age limit.
    if (this.endings.ageLimitDay(id) <= t) this.reachAgeLimit(id, t);
    else this.placeLocal(id, h, t, true);
  }

  /** Bring out-of-county child id back into county, to home h. */
  private repatriate(id: number, h: number, t: number): void {
    this.vacate(id, t);
    this.metrics.count(this.metrics.repatriations, 1);
    this.trace.event(t, id, 'brought back into county', this.s.homes[h]!.id);
    this.placeLocal(id, h, t, false);
  }
}
