/**
 * Out-of-county placements: children placed with external providers when no local bed suits
 * them, each at a price drawn for the child, and the choice of whom to bring back into county
 * when a local bed frees or a home opens (repatriation).
 *
 * Why a part of its own: the out-of-county children are a set that is searched (for repatriation)
 * and changed at every such placement and ending. It is kept as a dense list with swap-remove:
 * each child knows its position (`ChildStore.oocSlot`), so leaving is O(1). When repatriation is
 * on, each cohort's children are also kept sorted in the order a freed bed is offered (dearest,
 * highest need or longest away first, then longest away, then first referred), so the child to
 * bring back is the first of them the home can take, looked for only in the cohorts the home is
 * registered for: at a national model's hundreds of children out of county, asking each of them
 * at every freed bed made the cost per event grow with the system.
 *
 * Prices: a child's latent uniform gives its price on the cohort's distribution at base prices
 * (so a child dear outside stays dear whatever scenario runs). Every placement is repriced each year
 * by the external index, or (vintage pricing) keeps the market price of the year it started,
 * uplifted while in payment: the rate recorded here then carries its start year's factor
 * (ExternalPricing), and the books pay it by the in-payment index.
 */
import { SortedIds } from '../engine/sortedIds.ts';
import { sample } from '../random/compiled.ts';
import { AT_WAITING, type ChildStore } from './children.ts';
import type { Homes } from './homes.ts';
import { COST_OOC_PLACEMENTS, type Metrics } from './metrics.ts';
import {
  FREED_DEAREST,
  FREED_HIGHEST_NEED,
  FREED_LONGEST_AWAY,
  type ExternalPricing,
  type Scenario,
} from './scenario.ts';

export class OutOfCounty {
  private list = new Int32Array(256);
  private count = 0;
  private readonly s: Scenario;
  private readonly pricing: ExternalPricing;
  private readonly ch: ChildStore;
  private readonly m: Metrics;
  private readonly homes: Homes;
  /** The order candidates are sorted in: the freedBed order, or longest away for the rest. */
  private readonly order: number;
  /** Per cohort, when repatriation is on: its children out of county in `order` (null: off). */
  private readonly sorted: SortedIds[] | null;

  constructor(s: Scenario, ch: ChildStore, m: Metrics, homes: Homes) {
    this.s = s;
    this.pricing = s.externalPricing;
    this.ch = ch;
    this.m = m;
    this.homes = homes;
    const freed = s.policies.freedBed;
    this.order = freed === FREED_DEAREST || freed === FREED_HIGHEST_NEED ? freed : FREED_LONGEST_AWAY;
    const before = (a: number, b: number) => this.before(a, b);
    this.sorted = s.policies.repatriation ? s.cohorts.map(() => new SortedIds(before)) : null;
  }

  /** No child out of county. */
  reset(): void {
    this.count = 0;
    if (this.sorted) for (const list of this.sorted) list.clear();
  }

  /**
   * The rate, £ a day, recorded for child id (of cohort c) placed out of county on day t: its price at
   * base prices, times its start year's vintage factor (1 when every placement is repriced).
   */
  rateFor(id: number, c: number, t: number): number {
    return this.atVintage(this.basePrice(id, c), t);
  }

  /** Child id's price per day at base prices on cohort c's distribution. */
  basePrice(id: number, c: number): number {
    return sample(this.s.cohorts[c]!.price, this.ch.priceU[id]!) / 7;
  }

  /** A price per day at base prices as recorded for a placement starting on day t (see rateFor). */
  private atVintage(price: number, t: number): number {
    return this.pricing.vintage ? price * this.vintageFactor(t) : price;
  }

  /** E / U of the financial year containing day t (vintage pricing). */
  private vintageFactor(t: number): number {
    const starts = this.pricing.fyStartDays;
    let lo = 0;
    let hi = starts.length - 1;
    // The last start at or before t (the first year for anything earlier).
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return this.pricing.startFactor[lo]!;
  }

  /**
   * Child id (of cohort c) is placed out of county on day t. A census child's placement started
   * before the simulation (ChildStore.vintageDay): under vintage pricing it keeps that year's price.
   */
  add(id: number, c: number, t: number): void {
    const ch = this.ch;
    const from = ch.vintageDay[id]!;
    const rate = this.rateFor(id, c, from === from ? from : t);
    ch.vintageDay[id] = NaN;
    ch.pricePerDay[id] = rate;
    if (this.count === this.list.length) {
      const bigger = new Int32Array(this.list.length * 2);
      bigger.set(this.list);
      this.list = bigger;
    }
    ch.oocSlot[id] = this.count;
    this.list[this.count++] = id;
    if (this.sorted) {
      // The placement's start, which the order reads (Endings.begin sets the same day next).
      ch.since[id] = t;
      this.sorted[c]!.add(id);
    }
    this.m.level(this.m.oocByCohort + c, 1);
    this.m.level(this.m.oocCostByCohort + c, rate);
    this.m.level(this.m.costRate + COST_OOC_PLACEMENTS, rate);
  }

  /** Child id (of cohort c) leaves its out-of-county placement. */
  remove(id: number, c: number): void {
    const ch = this.ch;
    const slot = ch.oocSlot[id]!;
    const last = this.list[--this.count]!;
    this.list[slot] = last;
    ch.oocSlot[last] = slot;
    ch.oocSlot[id] = -1;
    this.sorted?.[c]!.delete(id);
    this.m.level(this.m.oocByCohort + c, -1);
    this.m.level(this.m.oocCostByCohort + c, -ch.pricePerDay[id]!);
    this.m.level(this.m.costRate + COST_OOC_PLACEMENTS, -ch.pricePerDay[id]!);
  }

  /**
   * How strongly child id claims a local bed on day t under a freedBed order (higher first): its
   * external rate under "dearest" (as paid now if out of county, as it would start today if not),
   * its need (the quantile of its price within its cohort) under "highest need".
   */
  score(id: number, t: number, order: number): number {
    const ch = this.ch;
    if (order !== FREED_DEAREST) return ch.priceU[id]!;
    if (ch.oocSlot[id]! >= 0) return ch.pricePerDay[id]!;
    // A waiting child's price was drawn when it joined (ChildStore.waitPrice); the same number.
    return this.atVintage(
      ch.at[id] === AT_WAITING ? ch.waitPrice[id]! : this.basePrice(id, ch.cohort[id]!),
      t,
    );
  }

  /** Whether child a comes before child b in `order` (higher score, then away longer, then referred first). */
  private before(a: number, b: number): boolean {
    const ch = this.ch;
    const sa = this.orderScore(a);
    const sb = this.orderScore(b);
    if (sa !== sb) return sa > sb;
    if (ch.since[a] !== ch.since[b]) return ch.since[a]! < ch.since[b]!;
    return ch.serial[a]! < ch.serial[b]!;
  }

  /** A child's score in `order`, fixed while the child is out of county. */
  private orderScore(id: number): number {
    const ch = this.ch;
    if (this.order === FREED_LONGEST_AWAY) return -ch.since[id]!;
    return this.order === FREED_DEAREST ? ch.pricePerDay[id]! : ch.priceU[id]!;
  }

  /**
   * The out-of-county child home h can take on day t, with enough need left, that comes first in the
   * freedBed order (FREED_LONGEST_AWAY: the one away longest; otherwise the highest score; ties go to
   * the one away longest, then the one referred first) (-1: none): the first such child of each
   * cohort the home is registered for, in the sorted lists, and the first of those.
   */
  candidate(h: number, t: number, order: number): number {
    if (this.sorted === null || order !== this.order) return this.candidateByAsking(h, t, order);
    const ch = this.ch;
    const minLeft = this.s.policies.repatriationMinRemainingDays;
    const accepts = this.homes.accepting(h);
    let best = -1;
    for (let c = 0; c < this.sorted.length; c++) {
      if (accepts[c] !== 1) continue;
      const list: SortedIds = this.sorted[c]!;
      for (let k = 0; k < list.size; k++) {
        const id: number = list.at(k);
        if (ch.awaitingOnward[id] || ch.needEnd[id]! - t < minLeft || !this.homes.canTake(h, id)) continue;
        if (best < 0 || this.before(id, best)) best = id;
        break;
      }
    }
    return best;
  }

  /** candidate() by asking every child out of county (the reference the sorted lists are tested against). */
  candidateByAsking(h: number, t: number, order: number): number {
    const ch = this.ch;
    const minLeft = this.s.policies.repatriationMinRemainingDays;
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < this.count; i++) {
      const id = this.list[i]!;
      if (ch.awaitingOnward[id] || ch.needEnd[id]! - t < minLeft || !this.homes.canTake(h, id)) continue;
      const score = order === FREED_LONGEST_AWAY ? -ch.since[id]! : this.score(id, t, order);
      if (
        best < 0 ||
        score > bestScore ||
        (score === bestScore &&
          (ch.since[id]! < ch.since[best]! ||
            (ch.since[id] === ch.since[best] && ch.serial[id]! < ch.serial[best]!)))
      ) {
        best = id;
        bestScore = score;
      }
    }
    return best;
  }
}
