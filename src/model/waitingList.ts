/**
 * The waiting list for a local bed: children who, when policy allows (`maxWaitDays` > 0), wait
 * for a suitable local home rather than going out of county at once, first come first served.
 *
 * Why a part of its own: the list is the queue of the homes (SimPy's `Resource.queue`): a freed
 * bed goes to the longest-waiting child the home can take. Children leave the list from anywhere
 * (placed, out of county when the wait expires, at an age limit), so it is a lazy FIFO
 * (engine/lazyFifo.ts) whose dead entries are skipped. Each entry carries its join's number
 * (ChildStore.waitSeq), so an entry is live only for the wait that made it: never for a later child
 * given the same slot, and never for the same child waiting again after a placement (who joins at
 * the back; an entry tagged with the child's serial number came back to life then, and gave the
 * child their first place in line).
 *
 * One list per cohort (a child's cohort does not change while waiting), so a freed bed looks only
 * at the children of the cohorts its home is registered for; the order of joining (ChildStore.
 * waitSeq) keeps first come, first served across them. With one list for everyone, each freed bed
 * walked past every waiting child of other needs: at a national model's size, most of the run.
 */
import type { EventQueue } from '../engine/eventQueue.ts';
import { LazyFifo } from '../engine/lazyFifo.ts';
import { SortedIds } from '../engine/sortedIds.ts';
import { AT_WAITING, type ChildStore } from './children.ts';
import * as E from './events.ts';
import type { Homes } from './homes.ts';
import type { Metrics } from './metrics.ts';
import type { OutOfCounty } from './outOfCounty.ts';
import { FREED_DEAREST, FREED_HIGHEST_NEED, type Scenario } from './scenario.ts';
import type { Tracer } from './trace.ts';

export class WaitingList {
  private readonly fifos: LazyFifo[];
  /**
   * Per cohort, when a freed bed goes to the dearest or the highest need: its waiting children by
   * that (their price, or its quantile), longest waiting first of equals (null otherwise).
   */
  private readonly sorted: SortedIds[] | null;
  /** Children waiting now, and joins so far (the next join's place in line). */
  private live = 0;
  private joins = 0;
  private readonly s: Scenario;
  private readonly ch: ChildStore;
  private readonly q: EventQueue;
  private readonly m: Metrics;
  private readonly homes: Homes;
  private readonly trace: Tracer;

  constructor(
    s: Scenario,
    ch: ChildStore,
    q: EventQueue,
    m: Metrics,
    homes: Homes,
    private readonly prices: OutOfCounty,
    trace: Tracer,
  ) {
    this.s = s;
    this.ch = ch;
    this.q = q;
    this.m = m;
    this.homes = homes;
    this.trace = trace;
    this.fifos = s.cohorts.map(() => new LazyFifo());
    const order = s.policies.freedBed;
    const dearest = order === FREED_DEAREST;
    const key = (id: number) => (dearest ? ch.waitPrice[id]! : ch.priceU[id]!);
    const before = (a: number, b: number) =>
      key(a) !== key(b) ? key(a) > key(b) : this.ch.waitSeq[a]! < this.ch.waitSeq[b]!;
    this.sorted = dearest || order === FREED_HIGHEST_NEED ? s.cohorts.map(() => new SortedIds(before)) : null;
  }

  /** No one waiting. */
  reset(): void {
    for (const f of this.fifos) f.clear();
    if (this.sorted) for (const list of this.sorted) list.clear();
    this.live = 0;
    this.joins = 0;
  }

  /** Child id starts waiting on day t, until a bed suits or the wait expires. */
  join(id: number, t: number): void {
    const ch = this.ch;
    ch.at[id] = AT_WAITING;
    ch.since[id] = t;
    ch.waitSeq[id] = this.joins++;
    if (this.s.policies.freedBed === FREED_DEAREST)
      ch.waitPrice[id] = this.prices.basePrice(id, ch.cohort[id]!);
    this.live++;
    this.fifos[ch.cohort[id]!]!.push(id, ch.waitSeq[id]!);
    this.sorted?.[ch.cohort[id]!]!.add(id);
    this.m.level(this.m.waitingLocal, 1);
    const epoch = ++ch.epoch[id]!;
    const until = t + this.s.policies.maxWaitDays;
    if (until < this.s.horizonDays) this.q.push(until, E.PRIORITY_RELEASE, E.EV_WAIT_EXPIRES, id, epoch);
    this.trace.event(t, id, 'waits for a local bed', '');
  }

  /** Child id stops waiting on day t (its entry is skipped when it surfaces). */
  leave(id: number, t: number): void {
    const m = this.m;
    this.live--;
    this.sorted?.[this.ch.cohort[id]!]!.delete(id);
    m.level(m.waitingLocal, -1);
    m.count(m.waitsEnded, 1);
    m.count(m.waitDays, t - this.ch.since[id]!);
  }

  /** Whether no child is waiting. */
  isEmpty(): boolean {
    return this.live === 0;
  }

  /**
   * The waiting child home h can take with the highest score on day t under a freedBed order (see
   * OutOfCounty.score), the longest waiting of equals (-1: none); the child is still on the list.
   * Read from the sorted lists: in each cohort the home takes, the first child it can take, and any
   * after it whose score (a price at the year's prices) rounds to the same.
   */
  bestFor(h: number, t: number, order: number, scores: OutOfCounty): number {
    // Offered by score only under "dearest" and "highest need", for which the lists are sorted.
    if (this.sorted === null) throw new Error('internal: a freed bed offered by score without sorted lists');
    const ch = this.ch;
    const accepts = this.homes.accepting(h);
    let best = -1;
    let bestScore = -Infinity;
    for (let c = 0; c < this.sorted.length; c++) {
      if (accepts[c] !== 1) continue;
      const list: SortedIds = this.sorted[c]!;
      let first = NaN; // the score of the cohort's first child the home can take
      for (let k = 0; k < list.size; k++) {
        const id: number = list.at(k);
        if (!this.homes.canTake(h, id)) continue;
        const score = scores.score(id, t, order);
        if (first === first && score < first) break;
        if (first !== first) first = score;
        if (best < 0 || score > bestScore || (score === bestScore && ch.waitSeq[id]! < ch.waitSeq[best]!)) {
          best = id;
          bestScore = score;
        }
      }
    }
    return best;
  }

  /** The longest-waiting child home h can take (-1: none); the child is still on the list. */
  firstFor(h: number): number {
    const ch = this.ch;
    const accepts = this.homes.accepting(h);
    let best = -1;
    for (let c = 0; c < this.fifos.length; c++) {
      if (accepts[c] !== 1) continue;
      const f = this.fifos[c]!;
      // Drop placed or departed children from the head of the list (lazy deletion).
      f.dropDeadHead(ch.at, AT_WAITING, ch.waitSeq);
      for (let i = f.head; i < f.end; i++) {
        const id = f.idAt(i);
        if (!f.isLive(i, ch.at, AT_WAITING, ch.waitSeq) || !this.homes.canTake(h, id)) continue;
        if (best < 0 || ch.waitSeq[id]! < ch.waitSeq[best]!) best = id;
        break;
      }
    }
    return best;
  }
}
