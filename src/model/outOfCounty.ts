/**
 * Out-of-county placements: children placed with external providers when no local bed suits
 * them, each at a price drawn for the child, and the choice of whom to bring back into county
 * when a local bed frees (repatriation).
 *
 * Why a part of its own: the out-of-county children are a set that is searched (for repatriation)
 * and changed at every such placement and ending. It is kept as a dense list with swap-remove:
 * each child knows its position (`ChildStore.oocSlot`), so leaving is O(1) and the search walks
 * only the children out of county, not every child.
 */
import { sample } from '../random/compiled.ts';
import type { ChildStore } from './children.ts';
import type { Homes } from './homes.ts';
import { COST_OOC_PLACEMENTS, type Metrics } from './metrics.ts';
import type { Scenario } from './scenario.ts';

export class OutOfCounty {
  private list = new Int32Array(256);
  private count = 0;
  private readonly s: Scenario;
  private readonly ch: ChildStore;
  private readonly m: Metrics;
  private readonly homes: Homes;

  constructor(s: Scenario, ch: ChildStore, m: Metrics, homes: Homes) {
    this.s = s;
    this.ch = ch;
    this.m = m;
    this.homes = homes;
  }

  /** No child out of county. */
  reset(): void {
    this.count = 0;
  }

  /** Child id (of cohort c) is placed out of county, at the price of the child's latent uniform. */
  add(id: number, c: number): void {
    const ch = this.ch;
    const price = sample(this.s.cohorts[c]!.price, ch.priceU[id]!) / 7;
    ch.pricePerDay[id] = price;
    if (this.count === this.list.length) {
      const bigger = new Int32Array(this.list.length * 2);
      bigger.set(this.list);
      this.list = bigger;
    }
    ch.oocSlot[id] = this.count;
    this.list[this.count++] = id;
    this.m.level(this.m.oocByCohort + c, 1);
    this.m.level(this.m.costRate + COST_OOC_PLACEMENTS, price);
  }

  /** Child id (of cohort c) leaves its out-of-county placement. */
  remove(id: number, c: number): void {
    const ch = this.ch;
    const slot = ch.oocSlot[id]!;
    const last = this.list[--this.count]!;
    this.list[slot] = last;
    ch.oocSlot[last] = slot;
    ch.oocSlot[id] = -1;
    this.m.level(this.m.oocByCohort + c, -1);
    this.m.level(this.m.costRate + COST_OOC_PLACEMENTS, -ch.pricePerDay[id]!);
  }

  /** The out-of-county child longest away whom home h can take, with enough need left on day t (-1: none). */
  repatriationCandidate(h: number, t: number): number {
    const ch = this.ch;
    const minLeft = this.s.policies.repatriationMinRemainingDays;
    let best = -1;
    for (let i = 0; i < this.count; i++) {
      const id = this.list[i]!;
      if (ch.awaitingOnward[id] || ch.needEnd[id]! - t < minLeft || !this.homes.canTake(h, id)) continue;
      if (best < 0 || ch.since[id]! < ch.since[best]!) best = id;
    }
    return best;
  }
}
