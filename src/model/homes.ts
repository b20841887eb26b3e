/**
 * The local children's homes and matching a child to one: a resource in the manner of simmer's
 * resources and SimPy's `Resource`, owning its state while the child's journey (replication.ts)
 * decides.
 *
 * Why a part of its own: a home's state is more than a bed count. It is open for admissions or not
 * (not yet opened, closing: a closed home keeps its children until they leave), blocked by a child
 * who must live alone, and registered for some needs, a registration that may change on a given
 * day. Which home a child may take, which the matching policy picks and what opening, closing and
 * re-registering do to the beds and costs are all answered here, from flat typed arrays indexed by
 * home (no object per home is touched in the hot loop).
 *
 * A new home may offer its beds one at a time (an opening ramp: children are matched and moved in
 * gradually), and the part keeps, per home, whether it is admitting and whether it is then full, so
 * that the share of time each home, and every home at once, had no bed free is a result.
 */
import type { EventQueue } from '../engine/eventQueue.ts';
import { sample } from '../random/compiled.ts';
import { HomeIndex } from './homeIndex.ts';
import { COST_HOME_FIXED, COST_HOME_NEED, type Metrics } from './metrics.ts';
import { MATCH_FEWEST_FREE, MATCH_LISTED, type Scenario } from './scenario.ts';
import type { ChildStore } from './children.ts';
import * as E from './events.ts';
import type { Tracer } from './trace.ts';

export class Homes {
  /** Children in each home. */
  readonly occupancy: Int32Array;
  /** Beds each home offers now (its beds, or fewer while an opening ramp lasts), read on every match. */
  private readonly beds: Float64Array;
  /** 1 while the home admits children and has no bed free (taken or blocked). */
  private readonly full: Uint8Array;
  /** Day each home opened (its opening ramp counts from it). */
  private readonly openedOn: Float64Array;
  /** Homes admitting children, and those of them with a bed free. */
  private openCount = 0;
  private roomyCount = 0;
  /** Whether some home admits children, and whether every one that does is full (as recorded). */
  private anyOpenFlag = 0;
  private allFullFlag = 0;
  /** 1 while a child who must live alone is in the home: its other beds are blocked. */
  private readonly blocked: Uint8Array;
  /** 1 while the home admits children. */
  private readonly isOpen: Uint8Array;
  /** 1 once the home has stopped admitting for good. */
  private readonly closed: Uint8Array;
  /** 1 while a closed home still has children in it: its running cost goes on until the last leaves. */
  private readonly closing: Uint8Array;
  /** Index of the registration in force. */
  private readonly registration: Int32Array;
  /** The cohorts the registration in force accepts (accepts[h][c] is 1), read on every match. */
  private readonly accepts: Uint8Array[];
  /**
   * Per cohort: the homes some registration of which accepts it, in the order listed. No other
   * home can ever take a child of the cohort, so matching looks at these alone.
   */
  private readonly mayTake: Int32Array[];
  /** The homes that can take each cohort now (null: beds not whole numbers; every home is asked). */
  private readonly index: HomeIndex | null;
  private readonly s: Scenario;
  private readonly ch: ChildStore;
  private readonly q: EventQueue;
  private readonly m: Metrics;
  private readonly trace: Tracer;

  constructor(s: Scenario, ch: ChildStore, q: EventQueue, metrics: Metrics, trace: Tracer) {
    this.s = s;
    this.ch = ch;
    this.q = q;
    this.m = metrics;
    this.trace = trace;
    const H = s.homes.length;
    this.occupancy = new Int32Array(H);
    this.beds = Float64Array.from(s.homes, (h) => h.beds);
    this.full = new Uint8Array(H);
    this.openedOn = new Float64Array(H);
    this.blocked = new Uint8Array(H);
    this.isOpen = new Uint8Array(H);
    this.closed = new Uint8Array(H);
    this.closing = new Uint8Array(H);
    this.registration = new Int32Array(H);
    this.accepts = s.homes.map((home) => home.registrations[0]!.accepts);
    this.mayTake = s.cohorts.map((c) =>
      Int32Array.from(
        s.homes.filter((home) => home.registrations.some((r) => r.accepts[c.index] === 1)),
        (home) => home.index,
      ),
    );
    this.index = HomeIndex.applies(s, this.mayTake)
      ? new HomeIndex(s, this.mayTake, {
          isOpen: this.isOpen,
          blocked: this.blocked,
          occupancy: this.occupancy,
          beds: this.beds,
          accepts: this.accepts,
        })
      : null;
  }

  /** Every home empty, unopened, with its first registration. */
  reset(): void {
    this.occupancy.fill(0);
    for (let h = 0; h < this.beds.length; h++) this.beds[h] = this.s.homes[h]!.beds;
    this.full.fill(0);
    this.openCount = 0;
    this.roomyCount = 0;
    this.anyOpenFlag = 0;
    this.allFullFlag = 0;
    this.blocked.fill(0);
    this.isOpen.fill(0);
    this.closed.fill(0);
    this.closing.fill(0);
    this.registration.fill(0);
    for (let h = 0; h < this.accepts.length; h++)
      this.accepts[h] = this.s.homes[h]!.registrations[0]!.accepts;
    this.index?.reset();
  }

  /** Whether home h is open and has a bed neither taken nor blocked (it may still not suit a given child). */
  hasRoom(h: number): boolean {
    return this.isOpen[h] === 1 && this.blocked[h] === 0 && this.occupancy[h]! < this.beds[h]!;
  }

  /** The cohorts home h's registration in force accepts (accepting(h)[c] is 1). */
  accepting(h: number): Uint8Array {
    return this.accepts[h]!;
  }

  /** Whether home h can take child id now. */
  canTake(h: number, id: number): boolean {
    const ch = this.ch;
    if (!this.isOpen[h] || this.blocked[h] || ch.avoidHome[id] === h) return false;
    if (this.accepts[h]![ch.cohort[id]!] !== 1) return false;
    const occupied = this.occupancy[h]!;
    if (occupied >= this.beds[h]!) return false;
    if (ch.singleOccupancy[id]) return occupied === 0 && this.s.homes[h]!.singleOccupancyAllowed;
    return true;
  }

  /**
   * Whether any open home is registered for the child's need (to tell "all full" from "none
   * suitable"): the home where the child's placement just broke down does not count, since the
   * child is not placed back there.
   */
  anyHomeFor(id: number): boolean {
    const c = this.ch.cohort[id]!;
    const single = this.ch.singleOccupancy[id] === 1;
    if (this.index) return this.index.anyOpenFor(c, this.ch.avoidHome[id]!, single);
    return this.anyHomeForByAsking(id);
  }

  /** anyHomeFor by asking every home the cohort's registrations allow (the index's reference). */
  anyHomeForByAsking(id: number): boolean {
    const c = this.ch.cohort[id]!;
    const single = this.ch.singleOccupancy[id] === 1;
    const homes = this.mayTake[c]!;
    for (let k = 0; k < homes.length; k++) {
      const h = homes[k]!;
      if (
        this.isOpen[h] &&
        this.accepts[h]![c] === 1 &&
        this.ch.avoidHome[id] !== h &&
        (!single || this.s.homes[h]!.singleOccupancyAllowed)
      )
        return true;
    }
    return false;
  }

  /** The home the matching policy picks for child id, or -1. */
  findHome(id: number): number {
    const index = this.index;
    if (index === null || this.ch.singleOccupancy[id]) return this.findHomeByAsking(id);
    const c = this.ch.cohort[id]!;
    const avoid = this.ch.avoidHome[id]!;
    const best = index.first(c, avoid);
    const sold = this.s.cohorts[c]!.sold;
    // Sell a place only if enough other suitable beds stay free for our own children.
    if (best >= 0 && sold && index.freeBedsFor(c, avoid) - 1 < sold.keepFreeBeds) return -1;
    return best;
  }

  /**
   * findHome by asking every home the cohort's registrations allow: for a child who must live alone
   * (a home suits only while empty), and the reference the index is tested against.
   */
  findHomeByAsking(id: number): number {
    const s = this.s;
    const policy = s.policies.matching;
    let best = -1;
    let bestFree = 0;
    let freeTotal = 0;
    const homes = this.mayTake[this.ch.cohort[id]!]!;
    for (let k = 0; k < homes.length; k++) {
      const h = homes[k]!;
      if (!this.canTake(h, id)) continue;
      const free = this.beds[h]! - this.occupancy[h]!;
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

  /** Child id (of cohort c) takes a bed in home h. */
  admit(id: number, h: number, c: number): void {
    const m = this.m;
    this.occupancy[h]!++;
    if (this.s.cohorts[c]!.localPremiumShare > 0) this.chargeNeed(id, c);
    else this.ch.localExtra[id] = 0;
    if (!this.isOpen[h]) m.level(m.bedsOpen, 1);
    if (this.ch.singleOccupancy[id]) this.block(h, 1);
    m.level(m.home + h, 1);
    m.level(m.localByCohort + c, 1);
    // Per-bed costs, travel and income are derived from these levels when the books close
    // (Metrics.finish), so a placement updates two levels, not five.
    this.refresh(h);
    this.index?.update(h);
  }

  /**
   * The extra cost of child id's needs in a local home (000 ¶26: extra support depending on the
   * child's needs): the cohort's share of the child's external price above the cohort's mean.
   */
  private chargeNeed(id: number, c: number): void {
    const cohort = this.s.cohorts[c]!;
    const premium = sample(cohort.price, this.ch.priceU[id]!) - cohort.priceMean;
    const extra = premium > 0 ? (cohort.localPremiumShare * premium) / 7 : 0;
    this.ch.localExtra[id] = extra;
    if (extra > 0) this.m.level(this.m.costRate + COST_HOME_NEED, extra);
  }

  /** Child id (of cohort c) leaves its bed in home h. */
  release(id: number, h: number, c: number): void {
    const m = this.m;
    this.occupancy[h]!--;
    if (this.ch.localExtra[id]! > 0) m.level(m.costRate + COST_HOME_NEED, -this.ch.localExtra[id]!);
    if (this.ch.singleOccupancy[id]) this.block(h, 0);
    m.level(m.home + h, -1);
    m.level(m.localByCohort + c, -1);
    // A bed in a home not open for admissions (closing, or holding census children before
    // it opens) counts as open only while occupied.
    if (!this.isOpen[h]) {
      m.level(m.bedsOpen, -1);
      if (this.closing[h] && this.occupancy[h] === 0) this.lastLeaves(h);
    } else this.refresh(h);
    this.index?.update(h);
  }

  /**
   * Record whether open home h is full after a change of its occupancy, beds or blocking (a home not
   * admitting is never full). Only a change moves a level, so this costs two comparisons per placement.
   */
  private refresh(h: number): void {
    const full =
      this.isOpen[h] === 1 && (this.blocked[h] === 1 || this.occupancy[h]! >= this.beds[h]!) ? 1 : 0;
    if (full === this.full[h]) return;
    this.full[h] = full;
    this.m.level(this.m.homeFull + h, full ? 1 : -1);
    this.roomyCount += full ? -1 : 1;
    this.refreshAll();
  }

  /** Record whether some home admits children and whether every one that does is full. */
  private refreshAll(): void {
    const anyOpen = this.openCount > 0 ? 1 : 0;
    if (anyOpen !== this.anyOpenFlag) {
      this.anyOpenFlag = anyOpen;
      this.m.level(this.m.anyHomeOpen, anyOpen ? 1 : -1);
    }
    const allFull = anyOpen === 1 && this.roomyCount === 0 ? 1 : 0;
    if (allFull !== this.allFullFlag) {
      this.allFullFlag = allFull;
      this.m.level(this.m.allHomesFull, allFull ? 1 : -1);
    }
  }

  /** Home h starts (on = 1) or stops admitting: its open and full records. */
  private admitting(h: number, on: number): void {
    this.m.level(this.m.homeOpen + h, on ? 1 : -1);
    this.openCount += on ? 1 : -1;
    if (on) {
      this.roomyCount++;
      this.refresh(h);
    } else {
      if (this.full[h]) {
        this.full[h] = 0;
        this.m.level(this.m.homeFull + h, -1);
      } else this.roomyCount--;
    }
    this.refreshAll();
  }

  /** The last child has left a closed home: its running cost stops. */
  private lastLeaves(h: number): void {
    this.closing[h] = 0;
    this.m.level(this.m.costRate + COST_HOME_FIXED, -this.s.homes[h]!.fixedPerDay);
  }

  /** A child who must live alone arrives in (1) or leaves (0) home h: its other beds are blocked or freed. */
  private block(h: number, on: number): void {
    this.blocked[h] = on;
    // The beds offered now: one added by an opening ramp while blocked is blocked too (addBed).
    const others = this.beds[h]! - 1;
    this.m.level(this.m.bedsBlocked, on ? others : -others);
  }

  /**
   * Open home h for admissions on day t, with the registration then in force. `openedOn` is the day
   * it opened, earlier than t for a home open before the simulation starts: its opening ramp (if any)
   * has then run for t - openedOn days.
   */
  open(h: number, t: number, openedOn = t): void {
    const home = this.s.homes[h]!;
    this.isOpen[h] = 1;
    let r = 0;
    for (let i = 1; i < home.registrations.length; i++) if (home.registrations[i]!.fromDay <= t) r = i;
    this.register(h, r);
    this.openedOn[h] = openedOn;
    if (home.bedsAtOpening < home.beds) this.startRamp(h, t);
    // Beds occupied before opening (a census) already count as open.
    this.m.level(this.m.bedsOpen, this.beds[h]! - this.occupancy[h]!);
    this.m.level(this.m.costRate + COST_HOME_FIXED, home.fixedPerDay);
    this.admitting(h, 1);
    this.index?.update(h);
  }

  /** Offer home h's beds gradually from its opening day: those due by day t now, the next one queued. */
  private startRamp(h: number, t: number): void {
    const home = this.s.homes[h]!;
    const due = home.bedsAtOpening + Math.floor((t - this.openedOn[h]!) / home.daysPerExtraBed);
    // Census children already in the home keep their beds.
    this.beds[h] = Math.max(this.occupancy[h]!, Math.min(home.beds, due));
    if (this.beds[h]! < home.beds) this.queueNextBed(h);
  }

  /** Queue the day home h offers its next bed, counted from the day it opened. */
  private queueNextBed(h: number): void {
    const home = this.s.homes[h]!;
    const next = this.openedOn[h]! + (this.beds[h]! - home.bedsAtOpening + 1) * home.daysPerExtraBed;
    if (next < this.s.horizonDays) this.q.push(next, E.PRIORITY_OPEN, E.EV_HOME_BED_ADDED, h, 0);
  }

  /**
   * After the census is placed: a home open at the start whose ramp offers fewer beds than the census
   * children in it offers at least their beds (they keep them).
   */
  afterCensus(): void {
    for (let h = 0; h < this.beds.length; h++) {
      if (!this.isOpen[h] || this.occupancy[h]! <= this.beds[h]!) continue;
      this.m.level(this.m.bedsOpen, this.occupancy[h]! - this.beds[h]!);
      this.beds[h] = this.occupancy[h]!;
      this.refresh(h);
      this.index?.update(h);
    }
  }

  /** Home h offers one more bed (its opening ramp), on day t: whether it is open to fill it. */
  addBed(h: number, t: number): boolean {
    // Closed, not admitting, or already offering every bed (census children took the rest).
    if (this.closed[h] || !this.isOpen[h] || this.beds[h]! >= this.s.homes[h]!.beds) return false;
    this.beds[h]!++;
    this.m.level(this.m.bedsOpen, 1);
    if (this.blocked[h]) this.m.level(this.m.bedsBlocked, 1);
    if (this.beds[h]! < this.s.homes[h]!.beds) this.queueNextBed(h);
    this.refresh(h);
    this.index?.update(h);
    this.trace.event(t, -1, 'home offers another bed', this.s.homes[h]!.id);
    return true;
  }

  /** Home h's (possibly delayed) opening day has come: whether it opened (not if already open or closed). */
  opens(h: number, t: number): boolean {
    if (this.isOpen[h] || this.closed[h]) return false;
    this.open(h, t);
    this.trace.event(t, -1, 'home opens', this.s.homes[h]!.id);
    return true;
  }

  /** Home h stops admitting for good. */
  close(h: number): void {
    if (this.closed[h]) return;
    const home = this.s.homes[h]!;
    this.closed[h] = 1;
    if (this.isOpen[h]) {
      this.isOpen[h] = 0;
      // Free beds close now; occupied beds close as their children leave (see release), and the
      // home's running cost goes on until the last of them has left.
      this.m.level(this.m.bedsOpen, -(this.beds[h]! - this.occupancy[h]!));
      if (this.occupancy[h]! > 0) this.closing[h] = 1;
      else this.m.level(this.m.costRate + COST_HOME_FIXED, -home.fixedPerDay);
      this.admitting(h, 0);
      this.index?.update(h);
    }
  }

  private register(h: number, r: number): void {
    this.registration[h] = r;
    this.accepts[h] = this.s.homes[h]!.registrations[r]!.accepts;
    this.index?.update(h);
  }

  /** Home h's registration r comes into force: whether the home is open (then its beds may suit others). */
  reregister(h: number, r: number): boolean {
    if (r > this.registration[h]!) this.register(h, r);
    return this.isOpen[h] === 1;
  }
}
