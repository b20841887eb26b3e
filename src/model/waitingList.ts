/**
 * The waiting list for a local bed: children who, when policy allows (`maxWaitDays` > 0), wait
 * for a suitable local home rather than going out of county at once, first come first served.
 *
 * Why a part of its own: the list is the queue of the homes (SimPy's `Resource.queue`): a freed
 * bed goes to the longest-waiting child the home can take. Children leave the list from anywhere
 * (placed, out of county when the wait expires, at an age limit), so it is a lazy FIFO
 * (engine/lazyFifo.ts) whose dead entries are skipped; the entries carry the child's serial
 * number, so an entry left by a child whose slot was reused is never taken for the next child.
 */
import type { EventQueue } from '../engine/eventQueue.ts';
import { LazyFifo } from '../engine/lazyFifo.ts';
import { AT_WAITING, type ChildStore } from './children.ts';
import * as E from './events.ts';
import type { Homes } from './homes.ts';
import type { Metrics } from './metrics.ts';
import type { OutOfCounty } from './outOfCounty.ts';
import type { Scenario } from './scenario.ts';
import type { Tracer } from './trace.ts';

export class WaitingList {
  private readonly fifo = new LazyFifo();
  private readonly s: Scenario;
  private readonly ch: ChildStore;
  private readonly q: EventQueue;
  private readonly m: Metrics;
  private readonly homes: Homes;
  private readonly trace: Tracer;

  constructor(s: Scenario, ch: ChildStore, q: EventQueue, m: Metrics, homes: Homes, trace: Tracer) {
    this.s = s;
    this.ch = ch;
    this.q = q;
    this.m = m;
    this.homes = homes;
    this.trace = trace;
  }

  /** No one waiting. */
  reset(): void {
    this.fifo.clear();
  }

  /** Child id starts waiting on day t, until a bed suits or the wait expires. */
  join(id: number, t: number): void {
    const ch = this.ch;
    ch.at[id] = AT_WAITING;
    ch.since[id] = t;
    this.fifo.push(id, ch.serial[id]!);
    this.m.level(this.m.waitingLocal, 1);
    const epoch = ++ch.epoch[id]!;
    const until = t + this.s.policies.maxWaitDays;
    if (until < this.s.horizonDays) this.q.push(until, E.PRIORITY_RELEASE, E.EV_WAIT_EXPIRES, id, epoch);
    this.trace.event(t, id, 'waits for a local bed', '');
  }

  /** Child id stops waiting on day t (its entry is skipped when it surfaces). */
  leave(id: number, t: number): void {
    const m = this.m;
    m.level(m.waitingLocal, -1);
    m.count(m.waitsEnded, 1);
    m.count(m.waitDays, t - this.ch.since[id]!);
  }

  /** Whether the list has no entry at all (live or not): then no child is waiting. */
  isEmpty(): boolean {
    return this.fifo.head === this.fifo.end;
  }

  /**
   * The waiting child home h can take with the highest score on day t under a freedBed order (see
   * OutOfCounty.score), the longest waiting of equals (-1: none); the child is still on the list.
   */
  bestFor(h: number, t: number, order: number, scores: OutOfCounty): number {
    const f = this.fifo;
    const ch = this.ch;
    f.dropDeadHead(ch.at, AT_WAITING, ch.serial);
    let best = -1;
    let bestScore = -Infinity;
    for (let i = f.head; i < f.end; i++) {
      const id = f.idAt(i);
      if (!f.isLive(i, ch.at, AT_WAITING, ch.serial) || !this.homes.canTake(h, id)) continue;
      const score = scores.score(id, t, order);
      if (best < 0 || score > bestScore) {
        best = id;
        bestScore = score;
      }
    }
    return best;
  }

  /** The longest-waiting child home h can take (-1: none); the child is still on the list. */
  firstFor(h: number): number {
    const f = this.fifo;
    const ch = this.ch;
    // Drop placed or departed children from the head of the list (lazy deletion).
    f.dropDeadHead(ch.at, AT_WAITING, ch.serial);
    for (let i = f.head; i < f.end; i++) {
      const id = f.idAt(i);
      if (f.isLive(i, ch.at, AT_WAITING, ch.serial) && this.homes.canTake(h, id)) return id;
    }
    return -1;
  }
}
