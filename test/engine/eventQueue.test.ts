// EventQueue: pop order equals a sort by (time, priority, insertion order), under random and interleaved
// workloads; lazy cancellation; growth; reuse after clear(); causality and argument checks.

import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/eventQueue.ts';
import { createStream } from '../../src/random/streams.ts';

interface Event {
  time: number;
  priority: number;
  sequence: number;
  kind: number;
  entity: number;
  tag: number;
}

/** The specification: sort by (time, priority, insertion order). */
function byKey(a: Event, b: Event): number {
  return a.time - b.time || a.priority - b.priority || a.sequence - b.sequence;
}

function popAll(queue: EventQueue): Event[] {
  const out: Event[] = [];
  while (queue.pop()) {
    out.push({
      time: queue.time,
      priority: queue.priority,
      sequence: -1,
      kind: queue.kind,
      entity: queue.entity,
      tag: queue.tag,
    });
  }
  return out;
}

/** Events with many ties: times on a coarse grid, priorities 0-3; `entity` records insertion order. */
function randomEvents(n: number, seed: number): Event[] {
  const s = createStream(seed, 0, 'queue-test');
  const events: Event[] = [];
  for (let i = 0; i < n; i++) {
    events.push({
      time: Math.floor(s.next() * 50) / 2,
      priority: Math.floor(s.next() * 4),
      sequence: i,
      kind: Math.floor(s.next() * 10),
      entity: i,
      tag: Math.floor(s.next() * 1000),
    });
  }
  return events;
}

function strip(events: Event[]): Omit<Event, 'sequence'>[] {
  return events.map(({ time, priority, kind, entity, tag }) => ({ time, priority, kind, entity, tag }));
}

describe('EventQueue', () => {
  it('pops random pushes in (time, priority, insertion) order, as a sort would', () => {
    for (const seed of [1, 2, 3]) {
      const events = randomEvents(2000, seed);
      const queue = new EventQueue();
      for (const e of events) queue.push(e.time, e.priority, e.kind, e.entity, e.tag);
      expect(queue.size).toBe(2000);
      expect(strip(popAll(queue))).toEqual(strip([...events].sort(byKey)));
      expect(queue.size).toBe(0);
    }
  });

  it('orders same-time events by priority, then first in first out', () => {
    const queue = new EventQueue();
    queue.push(5, 1, 0, 100, 0);
    queue.push(5, 0, 0, 101, 0);
    queue.push(5, 1, 0, 102, 0);
    queue.push(5, 0, 0, 103, 0);
    queue.push(4, 9, 0, 104, 0);
    queue.push(5, -1, 0, 105, 0);
    expect(popAll(queue).map((e) => e.entity)).toEqual([104, 105, 101, 103, 100, 102]);
  });

  it('matches a sorted reference under interleaved pushes and pops', () => {
    // A simulation-like workload: each pop schedules 0-2 new events at or after the clock.
    const s = createStream(11, 0, 'interleaved');
    const queue = new EventQueue(4);
    const reference: Event[] = [];
    let sequence = 0;
    const push = (time: number, priority: number): void => {
      const e = { time, priority, sequence: sequence++, kind: 0, entity: sequence, tag: 0 };
      queue.push(e.time, e.priority, e.kind, e.entity, e.tag);
      reference.push(e);
    };
    for (let i = 0; i < 30; i++) push(Math.floor(s.next() * 20), Math.floor(s.next() * 3));
    for (let step = 0; step < 20_000 && reference.length > 0; step++) {
      reference.sort(byKey);
      const expected = reference.shift() as Event;
      expect(queue.pop()).toBe(true);
      expect([queue.time, queue.priority, queue.entity]).toEqual([
        expected.time,
        expected.priority,
        expected.entity,
      ]);
      const children = Math.floor(s.next() * 2.05);
      for (let c = 0; c < children; c++) {
        push(queue.time + Math.floor(s.next() * 10) * 0.5, Math.floor(s.next() * 3));
      }
    }
    expect(queue.size).toBe(reference.length);
  });

  it('supports lazy cancellation by epoch tags', () => {
    // Three children; child 1's discharge is cancelled (epoch bumped) and rescheduled later.
    const DISCHARGE = 7;
    const epoch = new Int32Array(3);
    const queue = new EventQueue();
    queue.push(10, 0, DISCHARGE, 0, epoch[0]);
    queue.push(20, 0, DISCHARGE, 1, epoch[1]);
    queue.push(30, 0, DISCHARGE, 2, epoch[2]);
    epoch[1]++; // cancel child 1's discharge at 20 ...
    queue.push(40, 0, DISCHARGE, 1, epoch[1]); // ... and schedule it at 40 instead
    const handled: [number, number][] = [];
    let stale = 0;
    while (queue.pop()) {
      if (queue.tag !== epoch[queue.entity]) {
        stale++;
        continue;
      }
      handled.push([queue.time, queue.entity]);
    }
    expect(handled).toEqual([
      [10, 0],
      [30, 2],
      [40, 1],
    ]);
    expect(stale).toBe(1);
  });

  it('grows past its initial capacity by doubling, keeping order', () => {
    const queue = new EventQueue(2);
    expect(queue.capacity).toBe(2);
    const events = randomEvents(1000, 4);
    for (const e of events) queue.push(e.time, e.priority, e.kind, e.entity, e.tag);
    expect(queue.capacity).toBe(1024);
    expect(strip(popAll(queue))).toEqual(strip([...events].sort(byKey)));
  });

  it('is reusable after clear(): same capacity, clock and sequence reset', () => {
    const queue = new EventQueue(2);
    for (const e of randomEvents(100, 5)) queue.push(e.time, e.priority, e.kind, e.entity, e.tag);
    queue.pop();
    const capacity = queue.capacity;
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.capacity).toBe(capacity);
    expect(queue.time).toBe(0);
    expect(queue.peekTime()).toBe(Infinity);
    // A fresh run behaves exactly like a new queue (FIFO order restarts too).
    const events = randomEvents(300, 6);
    for (const e of events) queue.push(e.time, e.priority, e.kind, e.entity, e.tag);
    const fresh = new EventQueue();
    for (const e of events) fresh.push(e.time, e.priority, e.kind, e.entity, e.tag);
    expect(popAll(queue)).toEqual(popAll(fresh));
    queue.clear(100);
    expect(queue.time).toBe(100);
    expect(() => queue.push(99, 0, 0, 0, 0)).toThrow(RangeError);
  });

  it('advances the clock on pop and refuses to schedule in the past', () => {
    const queue = new EventQueue();
    queue.push(3, 0, 1, 0, 0);
    queue.push(8, 0, 2, 0, 0);
    expect(queue.peekTime()).toBe(3);
    expect(queue.pop()).toBe(true);
    expect(queue.time).toBe(3);
    expect(() => queue.push(2.999, 0, 0, 0, 0)).toThrow(/clock is already at 3/);
    queue.push(3, 0, 3, 0, 0); // the present is allowed
    expect(() => queue.push(Number.NaN, 0, 0, 0, 0)).toThrow(RangeError);
    expect(queue.size).toBe(2);
  });

  it('rejects non-int32 priority, kind, entity or tag instead of truncating them', () => {
    const queue = new EventQueue();
    expect(() => queue.push(1, 0.5, 0, 0, 0)).toThrow(/32-bit integers/);
    expect(() => queue.push(1, 0, 2 ** 31, 0, 0)).toThrow(/32-bit integers/);
    expect(() => queue.push(1, 0, 0, -1.5, 0)).toThrow(/32-bit integers/);
    expect(() => queue.push(1, 0, 0, 0, Number.NaN)).toThrow(/32-bit integers/);
    expect(queue.size).toBe(0);
  });

  it('returns false on an empty pop and leaves the last event in place', () => {
    const queue = new EventQueue();
    expect(queue.pop()).toBe(false);
    queue.push(2, 1, 3, 4, 5);
    queue.pop();
    expect(queue.pop()).toBe(false);
    expect([queue.time, queue.priority, queue.kind, queue.entity, queue.tag]).toEqual([2, 1, 3, 4, 5]);
  });

  it('rejects a bad initial capacity', () => {
    expect(() => new EventQueue(0)).toThrow(RangeError);
    expect(() => new EventQueue(1.5)).toThrow(RangeError);
  });
});
