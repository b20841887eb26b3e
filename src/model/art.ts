/**
 * The ART (adolescent response team): a team that supports a capped caseload of placed
 * children, with a waiting list in priority order; a resource that owns its capacity, caseload
 * and queues, as simmer's resources and SimPy's `Resource` do.
 *
 * Why a part of its own: the team's state (its capacity steps, caseload, three priority lists by
 * support group, lapses) is a system of its own beside the homes. What it does to a child (a lower
 * breakdown hazard, a shorter remaining need) goes through the placement's endings (endings.ts).
 *
 * A child is referred to the team when a placement starts (or when the team starts, if already
 * placed), ranked by group: assessed first, then local, then out of county, as the model file
 * orders them. The lists are lazy FIFOs: a child who leaves a list (lapses, leaves care) is
 * skipped when the entry surfaces.
 */
import type { EventQueue } from '../engine/eventQueue.ts';
import { LazyFifo } from '../engine/lazyFifo.ts';
import { sample } from '../random/compiled.ts';
import { AT_LOCAL, ART_NONE, ART_SUPPORTED, ART_WAITING, type ChildStore } from './children.ts';
import type { Endings } from './endings.ts';
import * as E from './events.ts';
import { COST_ART, type Metrics } from './metrics.ts';
import { ART_GROUP_ASSESSED, ART_GROUP_LOCAL, ART_GROUP_OUT_OF_COUNTY, type Scenario } from './scenario.ts';
import type { Tracer } from './trace.ts';

export class ArtTeam {
  /** Whether the team has started (its first capacity step has come). */
  started = false;
  private capacity = 0;
  /** The team's cost now, £ a day at base prices, when it is charged for its capacity. */
  private capacityCost = 0;
  /** Whether the step in force is a block contract. */
  private blockCost = false;
  private caseload = 0;
  /** Children on the waiting lists (live entries). */
  private waiting = 0;
  /** One waiting list per priority rank, highest first. */
  private readonly lists = [new LazyFifo(), new LazyFifo(), new LazyFifo()];
  private readonly s: Scenario;
  private readonly ch: ChildStore;
  private readonly q: EventQueue;
  private readonly m: Metrics;
  private readonly endings: Endings;
  private readonly trace: Tracer;
  /** Children placed when the team starts, in the order they came into care (reused). */
  private placed: number[] = [];

  constructor(s: Scenario, ch: ChildStore, q: EventQueue, m: Metrics, endings: Endings, trace: Tracer) {
    this.s = s;
    this.ch = ch;
    this.q = q;
    this.m = m;
    this.endings = endings;
    this.trace = trace;
  }

  /** Not started, no caseload, no one waiting. */
  reset(): void {
    this.started = false;
    this.capacity = 0;
    this.capacityCost = 0;
    this.blockCost = false;
    this.caseload = 0;
    this.waiting = 0;
    for (const l of this.lists) l.clear();
  }

  /** Capacity step `step` comes into force (the first starts the team). */
  onCapacity(step: number, t: number): void {
    const art = this.s.art!;
    const m = this.m;
    const first = !this.started;
    this.started = true;
    const before = this.capacity;
    this.capacity = art.capacity[step]!;
    m.level(m.artCapacity, this.capacity - before);
    if (art.chargeCapacity) {
      // A step's own block cost (a contract, such as MISTLE's) or its capacity at the cost per child.
      const block = art.stepCostPerDay[step]!;
      const isBlock = block === block;
      const cost = isBlock ? block : this.capacity * art.costPerChildDay;
      // Between two per-child steps the change is the capacity's change at the cost per child, as it
      // always was (the same sum to the last bit); to or from a block contract, the difference.
      const change =
        isBlock || this.blockCost ? cost - this.capacityCost : (this.capacity - before) * art.costPerChildDay;
      this.capacityCost = cost;
      this.blockCost = isBlock;
      m.level(m.costRate + COST_ART, change);
    }
    if (art.provider[step]) this.trace.event(t, -1, 'ART provider from now', art.provider[step]!);
    if (first) {
      // Children already placed when the team starts are referred to it, in priority order
      // and, within a priority, in the order they came into care (slots are reused, so by serial).
      const ch = this.ch;
      const placed = this.placed;
      placed.length = 0;
      for (let id = 0; id < ch.count; id++)
        if (this.endings.isPlaced(id) && ch.artState[id] === ART_NONE) placed.push(id);
      placed.sort((a, b) => ch.serial[a]! - ch.serial[b]!);
      for (const id of placed) this.refer(id, t);
    }
    this.admitFromWaitingList(t);
  }

  /** Child id, just placed, is referred to the team (if it supports the child's group). */
  refer(id: number, t: number): void {
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
    if (this.caseload < this.capacity && this.waiting === 0) {
      this.startSupport(id, t);
      return;
    }
    ch.artState[id] = ART_WAITING;
    const epoch = ++ch.artEpoch[id]!;
    this.lists[rank]!.push(id, ch.serial[id]!);
    this.waiting++;
    this.m.level(this.m.artWaiting, 1);
    if (art.maxWait) {
      const lapse = t + sample(art.maxWait, ch.artPatienceU[id]!);
      if (lapse < this.s.horizonDays)
        this.q.push(lapse, E.PRIORITY_RELEASE, E.EV_ART_REFERRAL_LAPSES, id, epoch);
    }
    this.admitFromWaitingList(t);
  }

  private startSupport(id: number, t: number): void {
    const art = this.s.art!;
    const ch = this.ch;
    const m = this.m;
    ch.artState[id] = ART_SUPPORTED;
    this.caseload++;
    m.level(m.artCaseload, 1);
    m.count(m.artStarts, 1);
    m.count(m.artWaitDays, t - ch.artSince[id]!);
    if (!art.chargeCapacity) m.level(m.costRate + COST_ART, art.costPerChildDay);
    const epoch = ++ch.artEpoch[id]!;
    const until = t + sample(art.supportDuration, ch.artDurationU[id]!);
    if (until < this.s.horizonDays) this.q.push(until, E.PRIORITY_RELEASE, E.EV_ART_SUPPORT_ENDS, id, epoch);
    if (this.endings.isPlaced(id)) {
      // Support lowers the hazard from now and shortens the remaining need (earlier step-down).
      this.endings.consumeHazard(id, t);
      if (art.stayRatio !== 1 && ch.needEnd[id]! > t)
        ch.needEnd[id] = t + (ch.needEnd[id]! - t) * art.stayRatio;
      this.endings.reschedule(id, t);
    } else if (!ch.awaitingOnward[id]) ch.needLeft[id]! *= art.stayRatio;
    this.trace.event(t, id, 'ART support starts', '');
  }

  /** Support of child id ends (its time is up, or the child leaves care). */
  endSupport(id: number, t: number): void {
    const art = this.s.art!;
    const ch = this.ch;
    if (this.endings.isPlaced(id)) this.endings.consumeHazard(id, t);
    ch.artState[id] = ART_NONE;
    ch.artEpoch[id]!++;
    this.caseload--;
    this.m.level(this.m.artCaseload, -1);
    if (!art.chargeCapacity) this.m.level(this.m.costRate + COST_ART, -art.costPerChildDay);
    this.endings.reschedule(id, t);
    this.trace.event(t, id, 'ART support ends', '');
    this.admitFromWaitingList(t);
  }

  /** Child id, supported or waiting, leaves care on day t. */
  leave(id: number, t: number): void {
    if (this.ch.artState[id] === ART_SUPPORTED) this.endSupport(id, t);
    else if (this.ch.artState[id] === ART_WAITING) this.leaveWaitingList(id);
  }

  /** Child id leaves the waiting list (its entry is skipped when it surfaces). */
  leaveWaitingList(id: number): void {
    const ch = this.ch;
    ch.artState[id] = ART_NONE;
    ch.artEpoch[id]!++;
    this.waiting--;
    this.m.level(this.m.artWaiting, -1);
  }

  /** Child id's referral has waited as long as it may. */
  onLapse(id: number, t: number): void {
    this.leaveWaitingList(id);
    this.m.count(this.m.artLapses, 1);
    this.trace.event(t, id, 'ART referral lapses', '');
  }

  /** Start supporting waiting children, highest priority and longest waiting first, while there is room. */
  private admitFromWaitingList(t: number): void {
    const ch = this.ch;
    while (this.caseload < this.capacity && this.waiting > 0) {
      let next = -1;
      for (let r = 0; r < 3 && next < 0; r++)
        next = this.lists[r]!.takeLive(ch.artState, ART_WAITING, ch.serial);
      if (next < 0) return;
      this.waiting--;
      this.m.level(this.m.artWaiting, -1);
      this.startSupport(next, t);
    }
  }
}
